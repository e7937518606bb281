// SPDX-License-Identifier: MIT
#include "bench/mixedscenario.h"

#include "bench/chatload.h"
#include "bench/httppool.h"
#include "bench/monotonic.h"
#include "bench/threadcontext.h"

#include <cmath>

namespace roomgate::bench {

MixedScenario::MixedScenario(BenchOptions options, QObject *parent)
    : Scenario(
        [&options] {
            if (options.duration == 0)
                options.duration = 60;
            if (options.rooms == 0)
                options.rooms = 4;
            if (options.members == 0)
                options.members = 10;
            if (options.senders == 0)
                options.senders = 2;
            options.senders = std::min(options.senders, options.members);
            if (options.messageRate == 0)
                options.messageRate = 20;
            if (options.rate == 0)
                options.rate = 10;
            if (options.hold == 0)
                options.hold = 2;
            if (options.pollRate == 0)
                options.pollRate = 5;
            if (options.rssInterval == 0)
                options.rssInterval = 5;
            if (options.users == 0)
                options.users = std::max(50, int(std::ceil(options.rate * (options.hold + 1) * 2)));
            if (options.capacity == 0)
                options.capacity = std::min(10000, options.members + options.users);
            return options;
        }(),
        parent)
{
    for (int r = 0; r < this->options().rooms; ++r)
        m_rooms.append(roomName(QStringLiteral("mixed"), r));
    m_residents = this->options().rooms * this->options().members;
    m_chat.resize(size_t(threadCount()), nullptr);
    m_churn.resize(size_t(threadCount()), nullptr);
    for (int t = 0; t < threadCount(); ++t)
        m_pollers.push_back(std::make_unique<Poller>());
}

MixedScenario::~MixedScenario()
{
    stopThreads();
}

void MixedScenario::run()
{
    // Residents are users 0 … R·M-1, churners the next --users.
    signInUsers(m_residents + options().users,
                [this] { openRooms(m_rooms, options().capacity, [this] { joinResidents(); }); });
}

void MixedScenario::joinResidents()
{
    setStage(QStringLiteral("join"));
    threads().runOnAll(
        [this](ThreadContext &context, WorkerThreads::Done done) {
            ChatLoad::Config c;
            c.endpoint = [this, &context](int user) { return endpoint(context, user); };
            c.rooms = m_rooms;
            c.membersPerRoom = options().members;
            c.sendersPerRoom = options().senders;
            c.capacity = options().capacity;
            c.timeoutNs = qint64(options().requestTimeout * double(kNsPerSecond));
            c.threads = threadCount();
            c.token = [this](int user) { return token(user); };
            c.countError = [this, &context](const QString &kind) { countError(context, kind); };
            auto *chat = new ChatLoad(context, c, &context);
            m_chat[size_t(context.index())] = chat;

            EntryLoad::Config e;
            e.endpoint = c.endpoint;
            e.rooms = m_rooms;
            e.capacity = options().capacity;
            e.firstUser = m_residents;
            e.users = options().users;
            e.threads = threadCount();
            e.rate = options().rate;
            e.holdNs = qint64(options().hold * double(kNsPerSecond));
            e.timeoutNs = c.timeoutNs;
            e.token = c.token;
            e.countError = c.countError;
            m_churn[size_t(context.index())] = new EntryLoad(context, std::move(e), &context);
            chat->join([done](int failures) {
                Q_UNUSED(failures); // counted as errors by the load
                done();
            });
        },
        this,
        [this] {
            m_ready = true;
            startLoad();
        });
}

void MixedScenario::startLoad()
{
    setStage(options().warmup > 0 ? QStringLiteral("warmup") : QStringLiteral("soak"));
    m_startNs = nowNs() + 10 * kNsPerMs;
    m_fromNs = m_startNs + qint64(options().warmup * double(kNsPerSecond));
    m_untilNs = m_fromNs + qint64(options().duration * double(kNsPerSecond));
    m_loadStartedAt = double(m_clock.elapsed()) / 1000.0;
    const int totalSenders = options().rooms * options().senders;
    threads().runOnAll(
        [this, totalSenders](ThreadContext &context, WorkerThreads::Done done) {
            const size_t t = size_t(context.index());
            m_chat[t]->startChat(options().messageRate, totalSenders, 0, m_fromNs, m_untilNs);
            m_churn[t]->start(m_startNs, m_fromNs, m_untilNs);
            Poller &p = *m_pollers[t];
            p.schedule = OpenLoopSchedule(options().pollRate, context.index(), threadCount(),
                                          m_startNs, m_untilNs);
            p.timer = new QTimer(&context);
            p.timer->setTimerType(Qt::PreciseTimer);
            p.timer->setInterval(5);
            const int user = context.index() % m_residents;
            HttpPool &http = pool(context, nodeOfUser(user));
            QObject::connect(
                p.timer, &QTimer::timeout, &context, [this, &p, &http, &context, user] {
                    const qint64 now = nowNs();
                    p.schedule.runDue(now, [&](qint64 due) {
                        const bool counted = due >= m_fromNs;
                        ++p.inFlight;
                        http.send({"GET", "/api/v1/rooms", {}, token(user)},
                                  [this, &p, &context, counted, due](const HttpReply &r) {
                                      --p.inFlight;
                                      if (!counted)
                                          return;
                                      p.requests.fetch_add(1, std::memory_order_relaxed);
                                      p.latency.record(r.doneNs - due);
                                      ++p.outcomes[r.outcomeCode()];
                                      if (!r.ok()) {
                                          p.failed.fetch_add(1, std::memory_order_relaxed);
                                          countError(context,
                                                     QStringLiteral("poll:") + r.outcomeCode());
                                      }
                                  });
                    });
                    if (p.schedule.finished())
                        p.timer->stop();
                });
            p.timer->start();
            done();
        },
        this, [] {});
    sample();
    m_sampler.setInterval(std::chrono::milliseconds(qint64(options().rssInterval * 1000)));
    connect(&m_sampler, &QTimer::timeout, this, &MixedScenario::sample);
    m_sampler.start();
    QTimer::singleShot(std::chrono::milliseconds(10 + qint64(options().warmup * 1000)),
                       Qt::PreciseTimer, this, [this] {
                           markTimedStart();
                           setStage(QStringLiteral("soak"));
                       });
    QTimer::singleShot(
        std::chrono::milliseconds(10 + qint64((options().warmup + options().duration) * 1000)),
        Qt::PreciseTimer, this, [this] {
            markTimedEnd();
            m_sampler.stop();
            sample();
            threads().runOnAll(
                [this](ThreadContext &context, WorkerThreads::Done done) {
                    m_churn[size_t(context.index())]->whenIdle(done);
                },
                this,
                [this] {
                    m_drainClock.start();
                    drain();
                });
        });
}

void MixedScenario::sample()
{
    if (const auto rss = serverRssKiB())
        m_samples.append(QJsonObject{
            {QStringLiteral("t"),
             std::round((double(m_clock.elapsed()) / 1000.0 - m_loadStartedAt) * 10) / 10},
            {QStringLiteral("rssKiB"), *rss}});
}

template<typename Load, typename Counters>
qint64 MixedScenario::sum(const std::vector<Load *> &loads,
                          std::atomic<qint64> Counters::*counter) const
{
    qint64 total = 0;
    if (m_ready) {
        for (const Load *load : loads)
            total += (load->counters().*counter).load(std::memory_order_relaxed);
    }
    return total;
}

void MixedScenario::drain()
{
    const qint64 expected
        = (sum(m_chat, &ChatLoad::Counters::sent) - sum(m_chat, &ChatLoad::Counters::refused))
        * options().members;
    bool pollsDone = true;
    for (const auto &p : m_pollers)
        pollsDone = pollsDone && p->inFlight.load() == 0;
    if ((sum(m_chat, &ChatLoad::Counters::received) >= expected && pollsDone)
        || double(m_drainClock.elapsed()) >= options().drain * 1000) {
        collect();
        return;
    }
    QTimer::singleShot(20, this, [this] { drain(); });
}

void MixedScenario::collect()
{
    struct Copy
    {
        LatencyHistogram chat;
        EntryLoad::Latencies churn;
        LatencyHistogram poll;
        QHash<QString, qint64> pollOutcomes;
    };
    auto copies = std::make_shared<std::vector<Copy>>(size_t(threadCount()));
    threads().runOnAll(
        [this, copies](ThreadContext &context, WorkerThreads::Done done) {
            const size_t t = size_t(context.index());
            Copy &c = (*copies)[t];
            c.chat = m_chat[t]->latency();
            c.churn = m_churn[t]->latencies();
            c.poll = m_pollers[t]->latency;
            c.pollOutcomes = m_pollers[t]->outcomes;
            m_pollers[t]->timer->stop();
            done();
        },
        this,
        [this, copies] {
            for (const Copy &c : *copies) {
                m_chatLatency.merge(c.chat);
                m_churnLatencies.enter.merge(c.churn.enter);
                m_churnLatencies.leave.merge(c.churn.leave);
                for (auto it = c.churn.failures.cbegin(); it != c.churn.failures.cend(); ++it)
                    m_churnLatencies.failures[it.key()] += it.value();
                m_pollLatency.merge(c.poll);
                for (auto it = c.pollOutcomes.cbegin(); it != c.pollOutcomes.cend(); ++it)
                    m_pollOutcomes[it.key()] += it.value();
            }
            const qint64 lost = (sum(m_chat, &ChatLoad::Counters::sent)
                                 - sum(m_chat, &ChatLoad::Counters::refused))
                    * options().members
                - sum(m_chat, &ChatLoad::Counters::received);
            if (lost > 0)
                countError(QStringLiteral("lostDeliveries"), lost);
            finish(partialResult());
        });
}

QJsonObject MixedScenario::rssSummary() const
{
    // The samples after the warm-up (without one: after the first quarter of the soak).
    const double after = options().warmup > 0 ? options().warmup : options().duration / 4;
    qint64 min = 0;
    qint64 max = 0;
    double sumKiB = 0;
    int n = 0;
    for (const QJsonValue &v : m_samples) {
        const QJsonObject s = v.toObject();
        if (s.value(QStringLiteral("t")).toDouble() < after)
            continue;
        const qint64 rss = s.value(QStringLiteral("rssKiB")).toInteger();
        min = n == 0 ? rss : std::min(min, rss);
        max = n == 0 ? rss : std::max(max, rss);
        sumKiB += double(rss);
        ++n;
    }
    if (n == 0)
        return {};
    const double mean = sumKiB / n;
    const double deviation = std::max(double(max) - mean, mean - double(min)) / mean * 100;
    return {
        {QStringLiteral("fromSecond"), after},
        {QStringLiteral("samples"), n},
        {QStringLiteral("minKiB"), min},
        {QStringLiteral("maxKiB"), max},
        {QStringLiteral("meanKiB"), std::round(mean)},
        {QStringLiteral("maxDeviationPercent"), std::round(deviation * 10) / 10},
    };
}

QString MixedScenario::progress() const
{
    const auto rss = serverRssKiB();
    return QStringLiteral("chat %1 sent %2 delivered  churn %3 in %4 out  RSS %5 KiB")
        .arg(sum(m_chat, &ChatLoad::Counters::sent))
        .arg(sum(m_chat, &ChatLoad::Counters::received))
        .arg(sum(m_churn, &EntryLoad::Counters::entered))
        .arg(sum(m_churn, &EntryLoad::Counters::completed))
        .arg(rss ? QString::number(*rss) : QStringLiteral("?"));
}

QJsonObject MixedScenario::partialResult()
{
    const double seconds = options().duration;
    qint64 polls = 0;
    qint64 pollFailures = 0;
    for (const auto &p : m_pollers) {
        polls += p->requests.load();
        pollFailures += p->failed.load();
    }
    QJsonObject churnFailures;
    for (auto it = m_churnLatencies.failures.cbegin(); it != m_churnLatencies.failures.cend(); ++it)
        churnFailures.insert(it.key(), it.value());
    QJsonObject pollOutcomes;
    for (auto it = m_pollOutcomes.cbegin(); it != m_pollOutcomes.cend(); ++it)
        pollOutcomes.insert(it.key(), it.value());
    const qint64 delivered = sum(m_chat, &ChatLoad::Counters::receivedInWindow);
    return {
        {QStringLiteral("chat"),
         QJsonObject{
             {QStringLiteral("rooms"), options().rooms},
             {QStringLiteral("membersPerRoom"), options().members},
             {QStringLiteral("sendersPerRoom"), options().senders},
             {QStringLiteral("offeredMessagesPerSecond"), options().messageRate},
             {QStringLiteral("joined"), sum(m_chat, &ChatLoad::Counters::joined)},
             {QStringLiteral("sent"), sum(m_chat, &ChatLoad::Counters::sent)},
             {QStringLiteral("deliveries"), sum(m_chat, &ChatLoad::Counters::received)},
             {QStringLiteral("deliveriesPerSecond"), std::round(double(delivered) / seconds)},
             {QStringLiteral("refused"), sum(m_chat, &ChatLoad::Counters::refused)},
             {QStringLiteral("membersDropped"), sum(m_chat, &ChatLoad::Counters::dropped)},
             {QStringLiteral("latency"), m_chatLatency.toJson()},
         }},
        {QStringLiteral("churn"),
         QJsonObject{
             {QStringLiteral("offeredPerSecond"), options().rate},
             {QStringLiteral("holdSeconds"), options().hold},
             {QStringLiteral("scheduled"), sum(m_churn, &EntryLoad::Counters::scheduled)},
             {QStringLiteral("entered"), sum(m_churn, &EntryLoad::Counters::entered)},
             {QStringLiteral("completed"), sum(m_churn, &EntryLoad::Counters::completed)},
             {QStringLiteral("timeouts"), sum(m_churn, &EntryLoad::Counters::timeouts)},
             {QStringLiteral("failed"), sum(m_churn, &EntryLoad::Counters::failed)},
             {QStringLiteral("latency"), m_churnLatencies.enter.toJson()},
             {QStringLiteral("leaveLatency"), m_churnLatencies.leave.toJson()},
             {QStringLiteral("failures"), churnFailures},
         }},
        {QStringLiteral("poll"),
         QJsonObject{
             {QStringLiteral("offeredPerSecond"), options().pollRate},
             {QStringLiteral("requests"), polls},
             {QStringLiteral("failed"), pollFailures},
             {QStringLiteral("latency"), m_pollLatency.toJson()},
             {QStringLiteral("outcomes"), pollOutcomes},
         }},
        {QStringLiteral("rssSamples"), m_samples},
        {QStringLiteral("rssAfterWarmup"), rssSummary()},
    };
}

} // namespace roomgate::bench
