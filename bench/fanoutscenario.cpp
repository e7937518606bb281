// SPDX-License-Identifier: MIT
#include "bench/fanoutscenario.h"

#include "bench/chatload.h"
#include "bench/monotonic.h"
#include "bench/threadcontext.h"

#include <cmath>

namespace roomgate::bench {

FanoutScenario::FanoutScenario(BenchOptions options, QObject *parent)
    : Scenario(
        [&options] {
            if (options.rooms == 0)
                options.rooms = 1;
            if (options.members == 0)
                options.members = 10;
            if (options.senders == 0)
                options.senders = 1;
            options.senders = std::min(options.senders, options.members);
            if (options.window == 0)
                options.window = 8;
            if (options.capacity == 0)
                options.capacity = std::max(options.members + options.stalled, 16);
            if (options.duration == 0)
                options.duration = 10;
            return options;
        }(),
        parent)
{
    for (int r = 0; r < this->options().rooms; ++r)
        m_rooms.append(roomName(QStringLiteral("fanout"), r));
    m_loads.resize(size_t(threadCount()), nullptr);
    m_latency.resize(size_t(threadCount()));
    m_sendLag.resize(size_t(threadCount()));
    m_stalledEnds.resize(size_t(threadCount()));
    m_rssSampler.setInterval(100);
    connect(&m_rssSampler, &QTimer::timeout, this, &FanoutScenario::sampleRss);
}

FanoutScenario::~FanoutScenario()
{
    stopThreads();
}

void FanoutScenario::run()
{
    signInUsers(options().rooms * (options().members + options().stalled),
                [this] { openRooms(m_rooms, options().capacity, [this] { joinAll(); }); });
}

void FanoutScenario::joinAll()
{
    setStage(QStringLiteral("join"));
    threads().runOnAll(
        [this](ThreadContext &context, WorkerThreads::Done done) {
            ChatLoad::Config c;
            c.endpoint = [this, &context](int user) { return endpoint(context, user); };
            c.rooms = m_rooms;
            c.membersPerRoom = options().members + options().stalled;
            c.sendersPerRoom = options().senders;
            c.stalledPerRoom = options().stalled;
            c.capacity = options().capacity;
            c.timeoutNs = qint64(options().requestTimeout * double(kNsPerSecond));
            c.threads = threadCount();
            c.token = [this](int user) { return token(user); };
            c.countError = [this, &context](const QString &kind) { countError(context, kind); };
            m_loads[size_t(context.index())] = new ChatLoad(context, std::move(c), &context);
            done();
        },
        this,
        [this] {
            m_ready = true;
            auto failures = std::make_shared<std::atomic<int>>(0);
            threads().runOnAll(
                [this, failures](ThreadContext &context, WorkerThreads::Done done) {
                    m_loads[size_t(context.index())]->join([failures, done](int failed) {
                        *failures += failed;
                        done();
                    });
                },
                this,
                [this, failures] {
                    if (*failures > 0) {
                        setupFailed(
                            QStringLiteral("%1 members could not join").arg(failures->load()));
                        return;
                    }
                    startChat();
                });
        });
}

void FanoutScenario::startChat()
{
    setStage(options().warmup > 0 ? QStringLiteral("warmup") : QStringLiteral("timed"));
    m_rssBeforeChat = serverRssKiB();
    m_rssPeak = m_rssBeforeChat.value_or(0);
    m_rssSampler.start();
    const qint64 now = nowNs();
    m_fromNs = now + qint64(options().warmup * double(kNsPerSecond));
    m_untilNs = m_fromNs + qint64(options().duration * double(kNsPerSecond));
    const int totalSenders = options().rooms * options().senders;
    threads().runOnAll(
        [this, totalSenders](ThreadContext &context, WorkerThreads::Done done) {
            m_loads[size_t(context.index())]->startChat(options().rate, totalSenders,
                                                        options().window, m_fromNs, m_untilNs);
            done();
        },
        this, [] {});
    QTimer::singleShot(std::chrono::milliseconds(qint64(options().warmup * 1000)), Qt::PreciseTimer,
                       this, [this] { markTimedStart(); });
    QTimer::singleShot(
        std::chrono::milliseconds(qint64((options().warmup + options().duration) * 1000)),
        Qt::PreciseTimer, this, [this] {
            markTimedEnd();
            m_drainClock.start();
            drain();
        });
}

qint64 FanoutScenario::sum(std::atomic<qint64> ChatLoad::Counters::*counter) const
{
    qint64 total = 0;
    if (m_ready) {
        for (const ChatLoad *load : m_loads)
            total += (load->counters().*counter).load(std::memory_order_relaxed);
    }
    return total;
}

void FanoutScenario::drain()
{
    // Every message sent reaches every member of its room, its sender included.
    // Not before every sender has passed the end (a send decided just before it may still be
    // under way on another thread): a message counted after the drain would count as lost.
    if (nowNs() < m_untilNs + 10 * kNsPerMs) {
        QTimer::singleShot(5, this, [this] { drain(); });
        return;
    }
    const qint64 expected = sum(&ChatLoad::Counters::sent) * options().members;
    const qint64 got = sum(&ChatLoad::Counters::received)
        + sum(&ChatLoad::Counters::refused) * options().members;
    if (got >= expected || double(m_drainClock.elapsed()) >= options().drain * 1000) {
        sampleRss();
        m_rssSampler.stop();
        if (options().stalled == 0) {
            collect();
            return;
        }
        setStage(QStringLiteral("stalled read"));
        threads().runOnAll(
            [this](ThreadContext &context, WorkerThreads::Done done) {
                m_loads[size_t(context.index())]->resumeStalled();
                done();
            },
            this,
            [this] {
                m_drainClock.restart();
                awaitStalled();
            });
        return;
    }
    QTimer::singleShot(20, this, [this] { drain(); });
}

void FanoutScenario::awaitStalled()
{
    // The server drops a stalled member when its output passes the send-buffer limit; the
    // member learns it only now, after what waited for it. A server with no such limit
    // (the bare one) keeps them: they stay joined until the drain's time is up.
    const qint64 stalled = qint64(options().rooms) * options().stalled;
    if (sum(&ChatLoad::Counters::stalledEnded) >= stalled
        || double(m_drainClock.elapsed()) >= options().drain * 1000) {
        collect();
        return;
    }
    QTimer::singleShot(20, this, [this] { awaitStalled(); });
}

void FanoutScenario::sampleRss()
{
    if (const auto rss = serverRssKiB())
        m_rssPeak = std::max(m_rssPeak, *rss);
}

void FanoutScenario::collect()
{
    threads().runOnAll(
        [this](ThreadContext &context, WorkerThreads::Done done) {
            const size_t t = size_t(context.index());
            m_latency[t] = m_loads[t]->latency();
            m_sendLag[t] = m_loads[t]->sendLag();
            m_stalledEnds[t] = m_loads[t]->stalledEnds();
            done();
        },
        this,
        [this] {
            LatencyHistogram latency;
            LatencyHistogram sendLag;
            for (size_t t = 0; t < m_latency.size(); ++t) {
                latency.merge(m_latency[t]);
                sendLag.merge(m_sendLag[t]);
            }
            QJsonObject result = partialResult();
            const qint64 members = options().members;
            const qint64 sent = sum(&ChatLoad::Counters::sent);
            const qint64 refused = sum(&ChatLoad::Counters::refused);
            const qint64 lost = (sent - refused) * members - sum(&ChatLoad::Counters::received);
            if (lost > 0)
                countError(QStringLiteral("lostDeliveries"), lost);
            if (const qint64 dropped = sum(&ChatLoad::Counters::dropped); dropped > 0)
                result.insert(QStringLiteral("membersDropped"), dropped);
            result.insert(QStringLiteral("lostDeliveries"), std::max<qint64>(0, lost));
            result.insert(QStringLiteral("latency"), latency.toJson());
            if (options().rate > 0)
                result.insert(QStringLiteral("sendLag"), sendLag.toJson());
            if (m_rssBeforeChat) {
                result.insert(
                    QStringLiteral("serverRssKiB"),
                    QJsonObject{{QStringLiteral("beforeChat"), *m_rssBeforeChat},
                                {QStringLiteral("peak"), m_rssPeak},
                                {QStringLiteral("growth"), m_rssPeak - *m_rssBeforeChat}});
            }
            if (options().stalled > 0) {
                QHash<QString, qint64> ends;
                for (const auto &perThread : m_stalledEnds) {
                    for (auto it = perThread.cbegin(); it != perThread.cend(); ++it)
                        ends[it.key()] += it.value();
                }
                QJsonObject endsJson;
                qint64 ended = 0;
                for (auto it = ends.cbegin(); it != ends.cend(); ++it) {
                    endsJson.insert(it.key(), it.value());
                    ended += it.value();
                }
                result.insert(QStringLiteral("stalledEnds"), endsJson);
                result.insert(QStringLiteral("stalledStillJoined"),
                              qint64(options().rooms) * options().stalled - ended);
            }
            finish(result);
        });
}

QString FanoutScenario::progress() const
{
    const double seconds = timedSeconds();
    const qint64 delivered = sum(&ChatLoad::Counters::receivedInWindow);
    return QStringLiteral("joined %1  sent %2  delivered %3  %4/s")
        .arg(sum(&ChatLoad::Counters::joined))
        .arg(sum(&ChatLoad::Counters::sent))
        .arg(sum(&ChatLoad::Counters::received))
        .arg(seconds > 0 ? double(delivered) / seconds : 0.0, 0, 'f', 0);
}

QJsonObject FanoutScenario::partialResult()
{
    const double seconds = options().duration;
    const qint64 members = options().members;
    const qint64 inWindow = sum(&ChatLoad::Counters::receivedInWindow);
    QJsonObject o{
        {QStringLiteral("rooms"), options().rooms},
        {QStringLiteral("membersPerRoom"), members},
        {QStringLiteral("sendersPerRoom"), options().senders},
        {QStringLiteral("stalledPerRoom"), options().stalled},
        {QStringLiteral("joined"), sum(&ChatLoad::Counters::joined)},
        {QStringLiteral("sent"), sum(&ChatLoad::Counters::sent)},
        {QStringLiteral("sentInWindow"), sum(&ChatLoad::Counters::sentInWindow)},
        {QStringLiteral("refused"), sum(&ChatLoad::Counters::refused)},
        {QStringLiteral("deliveries"), sum(&ChatLoad::Counters::received)},
        {QStringLiteral("deliveriesInWindow"), inWindow},
        {QStringLiteral("deliveriesPerSecond"), std::round(double(inWindow) / seconds)},
        {QStringLiteral("messagesPerSecond"),
         std::round(double(sum(&ChatLoad::Counters::sentInWindow)) / seconds)},
    };
    if (options().rate > 0) {
        o.insert(QStringLiteral("offeredMessagesPerSecond"), options().rate);
        o.insert(QStringLiteral("offeredDeliveriesPerSecond"), options().rate * double(members));
    } else {
        o.insert(QStringLiteral("mode"), QStringLiteral("full speed"));
        o.insert(QStringLiteral("windowPerSender"), options().window);
    }
    return o;
}

} // namespace roomgate::bench
