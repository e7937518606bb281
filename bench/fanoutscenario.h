// SPDX-License-Identifier: MIT
#pragma once

#include "bench/chatload.h"
#include "bench/latencyhistogram.h"
#include "bench/scenario.h"

#include <vector>

namespace roomgate::bench {

/**
 * `fanout`: rooms × members joined, a few senders per room sending time-stamped messages, at
 * a target rate or at full speed; deliveries a second and delivery latency (receive time
 * minus send time on the one monotonic clock). Against the bare WebSocket server, members
 * only connect.
 */
class FanoutScenario : public Scenario
{
    Q_OBJECT
public:
    explicit FanoutScenario(BenchOptions options, QObject *parent = nullptr);
    ~FanoutScenario() override;

protected:
    void run() override;
    QString progress() const override;
    QJsonObject partialResult() override;

private:
    void joinAll();
    void startChat();
    void drain();
    void collect();
    qint64 sum(std::atomic<qint64> ChatLoad::Counters::*counter) const;

    QStringList m_rooms;
    std::vector<ChatLoad *> m_loads; ///< per thread; read on the main thread once m_ready
    bool m_ready = false;
    std::vector<LatencyHistogram> m_latency; ///< per thread, copied at the end
    std::vector<LatencyHistogram> m_sendLag;
    qint64 m_fromNs = 0;
    qint64 m_untilNs = 0;
    QElapsedTimer m_drainClock;
};

} // namespace roomgate::bench
