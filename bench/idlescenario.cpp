// SPDX-License-Identifier: MIT
#include "bench/idlescenario.h"

#include "bench/chatload.h"
#include "bench/monotonic.h"
#include "bench/threadcontext.h"

#include <cmath>

namespace roomgate::bench {

namespace {
/// How long the server is left alone before the "before" sample.
constexpr int kSettleMs = 1000;
} // namespace

IdleScenario::IdleScenario(BenchOptions options, QObject *parent)
    : Scenario(
        [&options] {
            if (options.rooms == 0)
                options.rooms = 1;
            if (options.members == 0)
                options.members = 100;
            if (options.capacity == 0)
                options.capacity = std::max(options.members, 16);
            if (options.duration == 0)
                options.duration = 5;
            if (options.rssInterval == 0)
                options.rssInterval = 1;
            return options;
        }(),
        parent)
{
    for (int r = 0; r < this->options().rooms; ++r)
        m_rooms.append(roomName(QStringLiteral("idle"), r));
    m_loads.resize(size_t(threadCount()), nullptr);
}

IdleScenario::~IdleScenario()
{
    stopThreads();
}

double IdleScenario::expectedSeconds() const
{
    return options().duration + 2 * options().requestTimeout + 2;
}

void IdleScenario::run()
{
    signInUsers(options().rooms * options().members,
                [this] { openRooms(m_rooms, options().capacity, [this] { measureBefore(); }); });
}

void IdleScenario::measureBefore()
{
    setStage(QStringLiteral("settle"));
    QTimer::singleShot(kSettleMs, this, [this] {
        m_rssBefore = serverRssKiB();
        joinAll();
    });
}

void IdleScenario::joinAll()
{
    setStage(QStringLiteral("join"));
    m_joinClock.start();
    threads().runOnAll(
        [this](ThreadContext &context, WorkerThreads::Done done) {
            ChatLoad::Config c;
            c.endpoint = [this, &context](int user) { return endpoint(context, user); };
            c.rooms = m_rooms;
            c.membersPerRoom = options().members;
            c.sendersPerRoom = 0;
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
                    m_joinSeconds = double(m_joinClock.elapsed()) / 1000.0;
                    if (*failures > 0) {
                        setupFailed(
                            QStringLiteral("%1 members could not join").arg(failures->load()));
                        return;
                    }
                    hold();
                });
        });
}

void IdleScenario::hold()
{
    markTimedStart();
    setStage(QStringLiteral("hold"));
    sample();
    m_sampler.setInterval(std::chrono::milliseconds(qint64(options().rssInterval * 1000)));
    connect(&m_sampler, &QTimer::timeout, this, &IdleScenario::sample);
    m_sampler.start();
    QTimer::singleShot(std::chrono::milliseconds(qint64(options().duration * 1000)),
                       Qt::PreciseTimer, this, [this] {
                           m_sampler.stop();
                           sample();
                           markTimedEnd();
                           finish(partialResult());
                       });
}

void IdleScenario::sample()
{
    if (const auto rss = serverRssKiB())
        m_samples.append(QJsonObject{{QStringLiteral("t"), double(m_clock.elapsed()) / 1000.0},
                                     {QStringLiteral("rssKiB"), *rss}});
}

qint64 IdleScenario::joined() const
{
    qint64 n = 0;
    if (m_ready) {
        for (const ChatLoad *load : m_loads)
            n += load->counters().joined.load(std::memory_order_relaxed);
    }
    return n;
}

QString IdleScenario::progress() const
{
    const auto rss = serverRssKiB();
    return QStringLiteral("joined %1/%2  server RSS %3 KiB")
        .arg(joined())
        .arg(options().rooms * options().members)
        .arg(rss ? QString::number(*rss) : QStringLiteral("?"));
}

QJsonObject IdleScenario::partialResult()
{
    const qint64 members = joined();
    QJsonObject o{
        {QStringLiteral("rooms"), options().rooms},
        {QStringLiteral("membersPerRoom"), options().members},
        {QStringLiteral("members"), members},
        {QStringLiteral("joinSeconds"), m_joinSeconds},
        {QStringLiteral("rssSamples"), m_samples},
    };
    if (m_rssBefore)
        o.insert(QStringLiteral("rssBeforeKiB"), *m_rssBefore);
    if (!m_samples.isEmpty()) {
        const qint64 after
            = m_samples.last().toObject().value(QStringLiteral("rssKiB")).toInteger();
        o.insert(QStringLiteral("rssAfterKiB"), after);
        if (m_rssBefore && members > 0)
            o.insert(QStringLiteral("perMemberKiB"),
                     std::round(double(after - *m_rssBefore) / double(members) * 10.0) / 10.0);
    }
    if (options().serverPids.isEmpty())
        o.insert(QStringLiteral("note"), QStringLiteral("no --server-pid: no RSS"));
    return o;
}

} // namespace roomgate::bench
