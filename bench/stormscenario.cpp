// SPDX-License-Identifier: MIT
#include "bench/stormscenario.h"

#include "bench/httpclient.h"
#include "bench/monotonic.h"
#include "bench/threadcontext.h"

#include <QJsonDocument>
#include <QUrl>

#include <cmath>

namespace roomgate::bench {

namespace {
/// Connects (with their first request) in flight per thread while connecting.
constexpr int kConnectsInFlight = 64;
/// A connection idle this long is used again, just before the server's keep-alive timeout
/// (30 s) would close it: each refresh wakes a server that polls every socket.
constexpr qint64 kKeepWarmAfterNs = 25 * kNsPerSecond;
constexpr int kKeepWarmCheckMs = 1000;
} // namespace

StormScenario::StormScenario(BenchOptions options, QObject *parent)
    : Scenario(
        [&options] {
            if (options.users == 0)
                options.users = 1000;
            if (options.capacity == 0)
                options.capacity = 100;
            return options;
        }(),
        parent),
      m_room(roomName(QStringLiteral("storm"), 0))
{
    for (int t = 0; t < threadCount(); ++t)
        m_workers.push_back(std::make_unique<Worker>());
}

StormScenario::~StormScenario()
{
    stopThreads();
}

double StormScenario::expectedSeconds() const
{
    // Setup grows with the users; the storm itself is bounded by the request timeout.
    return double(options().users) / 100.0 + 2 * options().requestTimeout;
}

void StormScenario::run()
{
    signInUsers(options().users,
                [this] { openRooms({m_room}, options().capacity, [this] { connectAll(); }); });
}

void StormScenario::connectAll()
{
    // Every user opens its own connection and proves it with one cheap request, so that the
    // storm itself is only reservations on connections the server has accepted. A few at a
    // time per thread (a burst of thousands of connects would overflow the listen backlog),
    // and a connection idle for a while is used again so that the server's keep-alive
    // timeout does not close it before the storm.
    setStage(QStringLiteral("connect"));
    auto failures = std::make_shared<std::atomic<int>>(0);
    threads().runOnAll(
        [this, failures](ThreadContext &context, WorkerThreads::Done done) {
            Worker &w = *m_workers[size_t(context.index())];
            const qint64 timeoutNs = qint64(options().requestTimeout * double(kNsPerSecond));
            for (int u = context.index(); u < options().users; u += threadCount()) {
                const QUrl &server = options().server(nodeOfUser(u));
                w.clients.push_back(new HttpClient(context, server.host(), quint16(server.port(80)),
                                                   timeoutNs, &context));
                w.lastUsedNs.push_back(0);
            }
            if (w.clients.empty()) {
                done();
                return;
            }
            auto outcomes = std::make_shared<size_t>(0);
            auto next = std::make_shared<size_t>(0);
            auto connectNext = std::make_shared<std::function<void()>>();
            *connectNext = [this, &w, &context, failures, outcomes, next, done,
                            weak = std::weak_ptr(connectNext)] {
                if (*next >= w.clients.size())
                    return;
                const size_t i = (*next)++;
                w.clients[i]->send(
                    {"GET", "/healthz", {}, {}}, [=, this, &w, &context](const HttpReply &r) {
                        w.lastUsedNs[i] = r.doneNs;
                        if (r.ok()) {
                            w.connected.fetch_add(1, std::memory_order_relaxed);
                        } else {
                            ++*failures;
                            countError(context, QStringLiteral("connect:") + r.outcomeCode());
                        }
                        if (++*outcomes == w.clients.size()) {
                            done();
                            return;
                        }
                        if (const auto again = weak.lock())
                            (*again)();
                    });
            };
            w.connector = connectNext;
            for (int i = 0; i < kConnectsInFlight; ++i)
                (*connectNext)();
            w.keepWarm = new QTimer(&context);
            w.keepWarm->setInterval(kKeepWarmCheckMs);
            QObject::connect(w.keepWarm, &QTimer::timeout, &context, [&w] {
                const qint64 now = nowNs();
                for (size_t i = 0; i < w.clients.size(); ++i) {
                    if (w.lastUsedNs[i] == 0 || now - w.lastUsedNs[i] < kKeepWarmAfterNs
                        || w.clients[i]->pending() > 0)
                        continue;
                    w.lastUsedNs[i] = now;
                    w.clients[i]->send({"GET", "/healthz", {}, {}},
                                       [&w, i](const HttpReply &r) { w.lastUsedNs[i] = r.doneNs; });
                }
            });
            w.keepWarm->start();
        },
        this,
        [this, failures] {
            if (*failures > 0) {
                setupFailed(QStringLiteral("%1 users could not connect").arg(failures->load()));
                return;
            }
            fire();
        });
}

void StormScenario::fire()
{
    markTimedStart();
    setStage(QStringLiteral("storm"));
    m_firedNs = nowNs();
    const QByteArray body
        = QJsonDocument(QJsonObject{{QStringLiteral("create"), true},
                                    {QStringLiteral("capacity"), options().capacity}})
              .toJson(QJsonDocument::Compact);
    const QByteArray path = "/api/v1/rooms/" + QUrl::toPercentEncoding(m_room) + "/entries";
    threads().runOnAll(
        [this, body, path](ThreadContext &context, WorkerThreads::Done done) {
            Worker &w = *m_workers[size_t(context.index())];
            if (w.keepWarm)
                w.keepWarm->stop();
            w.connector = nullptr;
            auto remaining = std::make_shared<int>(int(w.clients.size()));
            if (*remaining == 0) {
                done();
                return;
            }
            for (size_t i = 0; i < w.clients.size(); ++i) {
                const int user = context.index() + int(i) * threadCount();
                w.clients[i]->send({"POST", path, body, token(user)},
                                   [this, &w, &context, remaining, done](const HttpReply &r) {
                                       const QString code = r.outcomeCode();
                                       w.latency.record(r.doneNs - r.sentNs);
                                       ++w.outcomes[code];
                                       w.lastAnswerNs = std::max(w.lastAnswerNs, r.doneNs);
                                       w.answered.fetch_add(1, std::memory_order_relaxed);
                                       if (r.ok())
                                           w.admitted.fetch_add(1, std::memory_order_relaxed);
                                       if (r.status == 0 || r.status >= 500)
                                           countError(context, QStringLiteral("reserve:") + code);
                                       if (--*remaining == 0)
                                           done();
                                   });
            }
        },
        this,
        [this] {
            markTimedEnd();
            collect();
        });
}

qint64 StormScenario::sum(std::atomic<qint64> Worker::*counter) const
{
    qint64 total = 0;
    for (const auto &w : m_workers)
        total += ((*w).*counter).load(std::memory_order_relaxed);
    return total;
}

void StormScenario::collect()
{
    LatencyHistogram latency;
    QHash<QString, qint64> outcomes;
    qint64 last = m_firedNs;
    for (const auto &w : m_workers) {
        latency.merge(w->latency);
        for (auto it = w->outcomes.cbegin(); it != w->outcomes.cend(); ++it)
            outcomes[it.key()] += it.value();
        last = std::max(last, w->lastAnswerNs);
    }
    const qint64 admitted = sum(&Worker::admitted);
    const qint64 expected = std::min<qint64>(options().capacity, options().users);
    if (admitted > expected)
        countError(QStringLiteral("overCapacity"), admitted - expected);
    else if (admitted < expected)
        countError(QStringLiteral("underAdmitted"), expected - admitted);
    QJsonObject outcomesJson;
    QJsonObject refusals;
    for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it) {
        outcomesJson.insert(it.key(), it.value());
        if (it.key() != QLatin1String("OK"))
            refusals.insert(it.key(), it.value());
    }
    QJsonObject result = partialResult();
    result.insert(QStringLiteral("allAnsweredMs"),
                  std::round(double(last - m_firedNs) / 1e3) / 1e3);
    result.insert(QStringLiteral("latency"), latency.toJson());
    result.insert(QStringLiteral("outcomes"), outcomesJson);
    result.insert(QStringLiteral("refusals"), refusals);
    finish(result);
}

QString StormScenario::progress() const
{
    return QStringLiteral("connected %1  answered %2/%3  admitted %4")
        .arg(sum(&Worker::connected))
        .arg(sum(&Worker::answered))
        .arg(options().users)
        .arg(sum(&Worker::admitted));
}

QJsonObject StormScenario::partialResult()
{
    return {
        {QStringLiteral("users"), options().users},
        {QStringLiteral("capacity"), options().capacity},
        {QStringLiteral("answered"), sum(&Worker::answered)},
        {QStringLiteral("admitted"), sum(&Worker::admitted)},
    };
}

} // namespace roomgate::bench
