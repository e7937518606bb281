// SPDX-License-Identifier: MIT
#pragma once

#include "bench/chatload.h"
#include "bench/entryload.h"
#include "bench/latencyhistogram.h"
#include "bench/openloopschedule.h"
#include "bench/scenario.h"

#include <QJsonArray>

#include <memory>
#include <vector>

namespace roomgate::bench {

/**
 * `mixed`, the soak: resident members chatting, members coming and going (open loop), and
 * room-list polling, all at once for --duration, with the server's RSS sampled as it goes;
 * every refusal, timeout, drop or lost delivery is an error. Roomgate only.
 */
class MixedScenario : public Scenario
{
    Q_OBJECT
public:
    explicit MixedScenario(BenchOptions options, QObject *parent = nullptr);
    ~MixedScenario() override;

protected:
    void run() override;
    QString progress() const override;
    QJsonObject partialResult() override;

private:
    /** One thread's room-list polling; touched on that thread. */
    struct Poller
    {
        OpenLoopSchedule schedule;
        QTimer *timer = nullptr;
        LatencyHistogram latency;
        QHash<QString, qint64> outcomes;
        std::atomic<qint64> requests{0};
        std::atomic<qint64> failed{0};
        std::atomic<int> inFlight{0};
    };

    void joinResidents();
    void startLoad();
    void drain();
    void collect();
    void sample();
    QJsonObject rssSummary() const;
    template<typename Load, typename Counters>
    qint64 sum(const std::vector<Load *> &loads, std::atomic<qint64> Counters::*counter) const;

    QStringList m_rooms;
    int m_residents = 0;
    std::vector<ChatLoad *> m_chat;
    std::vector<EntryLoad *> m_churn;
    std::vector<std::unique_ptr<Poller>> m_pollers;
    bool m_ready = false;
    qint64 m_startNs = 0;
    qint64 m_fromNs = 0;
    qint64 m_untilNs = 0;
    QTimer m_sampler;
    QJsonArray m_samples;
    double m_loadStartedAt = 0; ///< seconds since start(), for the samples' times
    QElapsedTimer m_drainClock;
    // collected at the end
    LatencyHistogram m_chatLatency;
    EntryLoad::Latencies m_churnLatencies;
    LatencyHistogram m_pollLatency;
    QHash<QString, qint64> m_pollOutcomes;
};

} // namespace roomgate::bench
