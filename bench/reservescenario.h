// SPDX-License-Identifier: MIT
#pragma once

#include "bench/latencyhistogram.h"
#include "bench/scenario.h"

#include <QHash>

#include <atomic>
#include <memory>
#include <vector>

namespace roomgate::bench {

class HttpClient;

/**
 * `reserve`: every connection (its own user) reserves a seat and cancels it, again and
 * again, as fast as the server answers; req/s, latency percentiles, refusals by code.
 * Against the bare HTTP server the same requests each cost one SQLite write.
 */
class ReserveScenario : public Scenario
{
    Q_OBJECT
public:
    explicit ReserveScenario(BenchOptions options, QObject *parent = nullptr);
    ~ReserveScenario() override;

protected:
    void run() override;
    QString progress() const override;
    QJsonObject partialResult() override;

private:
    /** One thread's connections and what they measured; touched on that thread. */
    struct Worker
    {
        std::vector<HttpClient *> clients;
        LatencyHistogram reserve;
        LatencyHistogram cancel;
        LatencyHistogram all;
        QHash<QString, qint64> reserveOutcomes;
        QHash<QString, qint64> cancelOutcomes;
        std::atomic<qint64> completed{0}; ///< inside the timed window
        int idle = 0;
        bool stopping = false;
        std::function<void()> onAllIdle;
    };

    void startLoops();
    void loop(Worker &worker, ThreadContext &context, HttpClient *client, int user);
    void stop();
    QJsonObject collect();

    std::vector<std::unique_ptr<Worker>> m_workers;
    std::atomic<qint64> m_fromNs{0};
    std::atomic<qint64> m_untilNs{0};
    QByteArray m_body;
    QStringList m_rooms;
};

} // namespace roomgate::bench
