// SPDX-License-Identifier: MIT
#pragma once

#include "bench/latencyhistogram.h"
#include "bench/scenario.h"

#include <QHash>
#include <QTimer>

#include <atomic>
#include <memory>
#include <vector>

namespace roomgate::bench {

class HttpClient;

/**
 * `storm`: K users, each signed in and holding its own open connection, all reserve a seat
 * in one room of capacity C at the same moment; how long until every one is answered, and
 * whether exactly C got in (I1 under contention). Roomgate only.
 */
class StormScenario : public Scenario
{
    Q_OBJECT
public:
    explicit StormScenario(BenchOptions options, QObject *parent = nullptr);
    ~StormScenario() override;

protected:
    void run() override;
    QString progress() const override;
    double expectedSeconds() const override;
    QJsonObject partialResult() override;

private:
    /** One thread's users and what they were answered; touched on that thread. */
    struct Worker
    {
        std::vector<HttpClient *> clients; ///< client i is user index + i * threads
        std::vector<qint64> lastUsedNs; ///< per client, while connecting
        std::shared_ptr<std::function<void()>> connector;
        QTimer *keepWarm = nullptr;
        LatencyHistogram latency; ///< request sent → answered
        QHash<QString, qint64> outcomes;
        qint64 lastAnswerNs = 0;
        std::atomic<qint64> connected{0};
        std::atomic<qint64> answered{0};
        std::atomic<qint64> admitted{0};
    };

    void connectAll();
    void fire();
    void collect();
    qint64 sum(std::atomic<qint64> Worker::*counter) const;

    QString m_room;
    std::vector<std::unique_ptr<Worker>> m_workers;
    qint64 m_firedNs = 0;
};

} // namespace roomgate::bench
