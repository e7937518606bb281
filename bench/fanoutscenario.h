// SPDX-License-Identifier: MIT
#pragma once

#include "bench/chatload.h"
#include "bench/latencyhistogram.h"
#include "bench/scenario.h"

#include <QHash>
#include <QTimer>

#include <optional>
#include <vector>

namespace roomgate::bench {

/**
 * `fanout`: rooms × members joined, a few senders per room sending time-stamped messages, at
 * a target rate or at full speed; deliveries a second and delivery latency (receive time
 * minus send time on the one monotonic clock). Against the bare WebSocket server, members
 * only connect. With stalled members (members that join and then never read), the server's
 * RSS is sampled from before the chat to the end, and the stalled members read again after
 * the drain to learn how the server ended them.
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
    void awaitStalled();
    void collect();
    void sampleRss();
    qint64 sum(std::atomic<qint64> ChatLoad::Counters::*counter) const;

    QStringList m_rooms;
    std::vector<ChatLoad *> m_loads; ///< per thread; read on the main thread once m_ready
    bool m_ready = false;
    std::vector<LatencyHistogram> m_latency; ///< per thread, copied at the end
    std::vector<LatencyHistogram> m_sendLag;
    qint64 m_fromNs = 0;
    qint64 m_untilNs = 0;
    QElapsedTimer m_drainClock;
    std::vector<QHash<QString, qint64>> m_stalledEnds; ///< per thread, copied at the end
    QTimer m_rssSampler;
    std::optional<qint64> m_rssBeforeChat;
    qint64 m_rssPeak = 0;
};

} // namespace roomgate::bench
