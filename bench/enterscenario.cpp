// SPDX-License-Identifier: MIT
#include "bench/enterscenario.h"

#include "bench/monotonic.h"
#include "bench/threadcontext.h"

#include <cmath>

namespace roomgate::bench {

EnterScenario::EnterScenario(BenchOptions options, QObject *parent)
    : Scenario(
        [&options] {
            if (options.rate == 0)
                options.rate = 100;
            // Enough users that an enter finds one free even if each takes the whole timeout.
            if (options.users == 0)
                options.users
                    = std::max(100, int(std::ceil(options.rate * (options.requestTimeout + 1))));
            if (options.rooms == 0)
                options.rooms = 10;
            if (options.capacity == 0)
                options.capacity = 10000;
            if (options.duration == 0)
                options.duration = 10;
            return options;
        }(),
        parent)
{
    for (int r = 0; r < this->options().rooms; ++r)
        m_rooms.append(roomName(QStringLiteral("enter"), r));
    m_loads.resize(size_t(threadCount()), nullptr);
}

EnterScenario::~EnterScenario()
{
    stopThreads();
}

void EnterScenario::run()
{
    signInUsers(options().users,
                [this] { openRooms(m_rooms, options().capacity, [this] { startLoad(); }); });
}

void EnterScenario::startLoad()
{
    setStage(options().warmup > 0 ? QStringLiteral("warmup") : QStringLiteral("timed"));
    const qint64 start = nowNs() + 10 * kNsPerMs; // every thread has its load by then
    const qint64 from = start + qint64(options().warmup * double(kNsPerSecond));
    const qint64 until = from + qint64(options().duration * double(kNsPerSecond));
    threads().runOnAll(
        [this, start, from, until](ThreadContext &context, WorkerThreads::Done done) {
            EntryLoad::Config c;
            c.endpoint = [this, &context](int user) { return endpoint(context, user); };
            c.rooms = m_rooms;
            c.capacity = options().capacity;
            c.firstUser = 0;
            c.users = options().users;
            c.threads = threadCount();
            c.rate = options().rate;
            c.timeoutNs = qint64(options().requestTimeout * double(kNsPerSecond));
            c.token = [this](int user) { return token(user); };
            c.countError = [this, &context](const QString &kind) { countError(context, kind); };
            auto *load = new EntryLoad(context, std::move(c), &context);
            m_loads[size_t(context.index())] = load;
            load->start(start, from, until);
            done();
        },
        this, [this] { m_ready = true; });
    QTimer::singleShot(std::chrono::milliseconds(10 + qint64(options().warmup * 1000)),
                       Qt::PreciseTimer, this, [this] { markTimedStart(); });
    QTimer::singleShot(
        std::chrono::milliseconds(10 + qint64((options().warmup + options().duration) * 1000)),
        Qt::PreciseTimer, this, [this] {
            markTimedEnd();
            threads().runOnAll(
                [this](ThreadContext &context, WorkerThreads::Done done) {
                    m_loads[size_t(context.index())]->whenIdle(done);
                },
                this, [this] { collect(); });
        });
}

qint64 EnterScenario::sum(std::atomic<qint64> EntryLoad::Counters::*counter) const
{
    qint64 total = 0;
    if (m_ready) {
        for (const EntryLoad *load : m_loads)
            total += (load->counters().*counter).load(std::memory_order_relaxed);
    }
    return total;
}

void EnterScenario::collect()
{
    m_latencies.resize(m_loads.size());
    threads().runOnAll(
        [this](ThreadContext &context, WorkerThreads::Done done) {
            m_latencies[size_t(context.index())] = m_loads[size_t(context.index())]->latencies();
            done();
        },
        this,
        [this] {
            EntryLoad::Latencies all;
            for (const EntryLoad::Latencies &l : m_latencies) {
                all.enter.merge(l.enter);
                all.reserve.merge(l.reserve);
                all.claim.merge(l.claim);
                all.leave.merge(l.leave);
                all.total.merge(l.total);
                all.startLag.merge(l.startLag);
                for (auto it = l.failures.cbegin(); it != l.failures.cend(); ++it)
                    all.failures[it.key()] += it.value();
            }
            QJsonObject failures;
            for (auto it = all.failures.cbegin(); it != all.failures.cend(); ++it)
                failures.insert(it.key(), it.value());
            QJsonObject result = partialResult();
            result.insert(QStringLiteral("latency"), all.enter.toJson());
            result.insert(QStringLiteral("phases"),
                          QJsonObject{{QStringLiteral("reserve"), all.reserve.toJson()},
                                      {QStringLiteral("claim"), all.claim.toJson()},
                                      {QStringLiteral("leave"), all.leave.toJson()},
                                      {QStringLiteral("total"), all.total.toJson()}});
            result.insert(QStringLiteral("startLag"), all.startLag.toJson());
            result.insert(QStringLiteral("failures"), failures);
            finish(result);
        });
}

QString EnterScenario::progress() const
{
    return QStringLiteral("due %1  joined %2  left %3  in flight %4  timeouts %5")
        .arg(sum(&EntryLoad::Counters::scheduled))
        .arg(sum(&EntryLoad::Counters::entered))
        .arg(sum(&EntryLoad::Counters::completed))
        .arg(sum(&EntryLoad::Counters::inFlight))
        .arg(sum(&EntryLoad::Counters::timeouts));
}

QJsonObject EnterScenario::partialResult()
{
    const double seconds = options().duration;
    const qint64 entered = sum(&EntryLoad::Counters::entered);
    return {
        {QStringLiteral("offeredPerSecond"), options().rate},
        {QStringLiteral("users"), options().users},
        {QStringLiteral("rooms"), options().rooms},
        {QStringLiteral("scheduled"), sum(&EntryLoad::Counters::scheduled)},
        {QStringLiteral("entered"), entered},
        {QStringLiteral("left"), sum(&EntryLoad::Counters::completed)},
        {QStringLiteral("timeouts"), sum(&EntryLoad::Counters::timeouts)},
        {QStringLiteral("failed"), sum(&EntryLoad::Counters::failed)},
        {QStringLiteral("enteredPerSecond"), std::round(double(entered) / seconds * 10) / 10},
    };
}

} // namespace roomgate::bench
