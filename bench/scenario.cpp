// SPDX-License-Identifier: MIT
#include "bench/scenario.h"

#include "bench/httppool.h"
#include "bench/monotonic.h"
#include "bench/processprobe.h"
#include "bench/threadcontext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace roomgate::bench {

namespace {

/// HTTP connections per thread for sign-ins: few, so the server's hash queue never overflows.
constexpr int kSetupConnectionsPerThread = 4;
/// The most HTTP connections per thread for traffic, unless --connections says otherwise.
constexpr int kTrafficConnectionsPerThread = 256;
/// Rooms a setup user opens before the next user takes over.
constexpr int kRoomsPerOpener = 8;

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

Scenario::Scenario(BenchOptions options, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_errors(std::make_unique<ThreadErrors[]>(size_t(m_options.threads)))
{
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 6; ++i)
        m_runId += QLatin1Char(kAlphabet[QRandomGenerator::global()->bounded(36)]);
    m_pools.resize(size_t(m_options.threads) * size_t(m_options.nodeCount()), nullptr);
    m_setupPools.resize(size_t(m_options.threads), nullptr);
    m_progressTty = isatty(STDERR_FILENO);
}

Scenario::~Scenario()
{
    stopThreads();
}

void Scenario::stopThreads()
{
    m_threads.reset();
}

double Scenario::expectedSeconds() const
{
    return m_options.warmup + m_options.duration + m_options.drain + 2 * m_options.requestTimeout;
}

void Scenario::start()
{
    m_clock.start();
    m_startedAt = isoNow();
    m_loadStart = ProcessProbe::loadAverage();
    m_rssStart = serverRssKiB();
    m_threads = std::make_unique<WorkerThreads>(m_options.threads, m_options.sourceAddressList());
    const double limit = m_options.timeout > 0 ? m_options.timeout : 180 + expectedSeconds();
    m_hardTimer.setSingleShot(true);
    m_hardTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_hardTimer, &QTimer::timeout, this, &Scenario::hardTimeout);
    m_hardTimer.start(std::chrono::milliseconds(qint64(limit * 1000)));
    if (!m_options.quiet) {
        m_progressTimer.setInterval(m_progressTty ? 250 : 1000);
        connect(&m_progressTimer, &QTimer::timeout, this, &Scenario::tick);
        m_progressTimer.start();
    }
    m_stage = QStringLiteral("setup");
    run();
}

void Scenario::tick()
{
    const QString line
        = QStringLiteral("%1 %2 %3s  %4  errors %5")
              .arg(m_options.scenario, m_stage)
              .arg(double(m_clock.elapsed()) / 1000.0, 0, 'f', 1)
              .arg(m_setupTotal && m_stage == QLatin1String("sign-in")
                       ? QStringLiteral("%1/%2 users").arg(m_setupDone.load()).arg(m_setupTotal)
                       : progress())
              .arg(errorTotal());
    if (m_progressTty)
        std::fprintf(stderr, "\r\033[K%s", qPrintable(line));
    else
        std::fprintf(stderr, "%s\n", qPrintable(line));
    std::fflush(stderr);
}

HttpPool &Scenario::pool(ThreadContext &context, int node)
{
    HttpPool *&p = m_pools[size_t(context.index()) * size_t(nodeCount()) + size_t(node)];
    if (!p) {
        const int cap = m_options.connections > 0
            ? (m_options.connections + threadCount() - 1) / threadCount()
            : kTrafficConnectionsPerThread;
        const QUrl &server = m_options.server(node);
        p = new HttpPool(context, server.host(), quint16(server.port(80)),
                         qint64(m_options.requestTimeout * double(kNsPerSecond)), cap, &context);
    }
    return *p;
}

HttpPool &Scenario::setupPool(ThreadContext &context)
{
    HttpPool *&p = m_setupPools[size_t(context.index())];
    if (!p) {
        const QUrl &server = m_options.server(m_options.setupNode);
        p = new HttpPool(context, server.host(), quint16(server.port(80)),
                         qint64(m_options.requestTimeout * double(kNsPerSecond)),
                         kSetupConnectionsPerThread, &context);
    }
    return *p;
}

RoomEntry::Endpoint Scenario::endpoint(ThreadContext &context, int user)
{
    const int node = nodeOfUser(user);
    RoomEntry::Endpoint e;
    if (bare()) {
        e.bareWs.setScheme(QStringLiteral("ws"));
        e.bareWs.setHost(m_options.server(node).host());
        e.bareWs.setPort(m_options.wsPort);
        e.bareWs.setPath(QStringLiteral("/ws"));
        return e;
    }
    e.pool = &pool(context, node);
    if (!m_wsUrls.empty())
        e.claimWs = m_wsUrls[size_t((node + 1) % nodeCount())];
    return e;
}

RoomEntry::Endpoint Scenario::setupEndpoint(ThreadContext &context)
{
    if (bare())
        return endpoint(context, m_options.setupNode);
    RoomEntry::Endpoint e;
    e.pool = &pool(context, m_options.setupNode);
    return e;
}

QString Scenario::roomName(const QString &what, int index) const
{
    return QStringLiteral("bench-%1-%2-%3").arg(m_runId, what).arg(index);
}

QByteArray Scenario::userName(int user) const
{
    return "b" + m_runId.toLatin1() + '_' + QByteArray::number(user);
}

void Scenario::countError(ThreadContext &context, const QString &kind, qint64 n)
{
    ThreadErrors &e = m_errors[size_t(context.index())];
    e.total.fetch_add(n, std::memory_order_relaxed);
    const QMutexLocker lock(&e.mutex);
    e.byKind[kind] += n;
}

void Scenario::countError(const QString &kind, qint64 n)
{
    m_mainErrors[kind] += n;
}

qint64 Scenario::errorTotal() const
{
    qint64 total = 0;
    for (const qint64 n : m_mainErrors)
        total += n;
    for (int i = 0; i < m_options.threads; ++i)
        total += m_errors[size_t(i)].total.load(std::memory_order_relaxed);
    return total;
}

QJsonObject Scenario::errorsJson() const
{
    QHash<QString, qint64> all = m_mainErrors;
    for (int i = 0; i < m_options.threads; ++i) {
        ThreadErrors &e = m_errors[size_t(i)];
        const QMutexLocker lock(&e.mutex);
        for (auto it = e.byKind.cbegin(); it != e.byKind.cend(); ++it)
            all[it.key()] += it.value();
    }
    QJsonObject o;
    for (auto it = all.cbegin(); it != all.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

void Scenario::sendSetup(HttpPool &http, const HttpRequest &request, HttpClient::Callback callback,
                         int attempts)
{
    http.send(
        request,
        [&http, request, callback = std::move(callback), attempts](const HttpReply &r) mutable {
            if (r.status != 503 || attempts <= 1) {
                callback(r);
                return;
            }
            const int seconds = r.json().value(QStringLiteral("retryAfterSeconds")).toInt(1);
            QTimer::singleShot(
                std::clamp(seconds, 1, 10) * 1000, &http,
                [&http, request, callback = std::move(callback), attempts]() mutable {
                    sendSetup(http, request, std::move(callback), attempts - 1);
                });
        });
}

void Scenario::signInUsers(int count, std::function<void()> then)
{
    m_tokens.assign(size_t(count), QByteArray());
    if (bare() || count == 0) {
        then();
        return;
    }
    m_stage = QStringLiteral("sign-in");
    m_setupTotal = count;
    m_setupDone = 0;
    m_setupFailures = 0;
    threads().runOnAll(
        [this, count](ThreadContext &context, WorkerThreads::Done done) {
            auto remaining = std::make_shared<int>(0);
            for (int u = context.index(); u < count; u += threadCount())
                ++*remaining;
            if (*remaining == 0) {
                done();
                return;
            }
            HttpPool &http = setupPool(context);
            for (int u = context.index(); u < count; u += threadCount()) {
                const QByteArray credentials
                    = QJsonDocument(QJsonObject{{QStringLiteral("username"),
                                                 QString::fromLatin1(userName(u))},
                                                {QStringLiteral("password"), m_options.password}})
                          .toJson(QJsonDocument::Compact);
                const auto userDone = [this, remaining, done](bool ok) {
                    if (!ok)
                        ++m_setupFailures;
                    ++m_setupDone;
                    if (--*remaining == 0)
                        done();
                };
                sendSetup(
                    http, {"POST", "/api/v1/accounts", credentials, {}},
                    [this, &http, &context, u, credentials, userDone](const HttpReply &r) {
                        if (!r.ok() && r.outcomeCode() != QLatin1String("USERNAME_TAKEN")) {
                            countError(context, QStringLiteral("signUp:") + r.outcomeCode());
                            userDone(false);
                            return;
                        }
                        sendSetup(
                            http, {"POST", "/api/v1/sessions", credentials, {}},
                            [this, &context, u, userDone](const HttpReply &r) {
                                m_tokens[size_t(u)]
                                    = r.json().value(QStringLiteral("token")).toString().toLatin1();
                                const bool ok = r.ok() && !m_tokens[size_t(u)].isEmpty();
                                if (!ok)
                                    countError(context,
                                               QStringLiteral("signIn:") + r.outcomeCode());
                                userDone(ok);
                            });
                    });
            }
        },
        this,
        [this, then = std::move(then)] {
            m_setupTotal = 0;
            if (m_setupFailures > 0) {
                setupFailed(QStringLiteral("%1 users could not sign up or sign in")
                                .arg(m_setupFailures.load()));
                return;
            }
            m_stage = QStringLiteral("setup");
            if (m_options.claimOn == BenchOptions::ClaimOn::Next && nodeCount() > 1)
                learnWebSocketUrls(then);
            else
                then();
        });
}

void Scenario::learnWebSocketUrls(std::function<void()> then)
{
    // User 0 reserves a seat in a fresh room of its own on every node and cancels it (the
    // room goes with the reservation): the answers' websocketUrl, without the ticket, is
    // where that node's claims go.
    m_stage = QStringLiteral("nodes");
    auto urls = std::make_shared<std::vector<QUrl>>(size_t(nodeCount()));
    auto failures = std::make_shared<QStringList>();
    threads().runOnAll(
        [this, urls, failures](ThreadContext &context, WorkerThreads::Done done) {
            if (context.index() != threadOfUser(0)) {
                done();
                return;
            }
            auto remaining = std::make_shared<int>(nodeCount());
            const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("create"), true},
                                                              {QStringLiteral("capacity"), 1}})
                                        .toJson(QJsonDocument::Compact);
            for (int node = 0; node < nodeCount(); ++node) {
                HttpPool &http = pool(context, node);
                const auto nodeDone = [remaining, done] {
                    if (--*remaining == 0)
                        done();
                };
                const QByteArray path = "/api/v1/rooms/"
                    + QUrl::toPercentEncoding(roomName(QStringLiteral("node"), node)) + "/entries";
                http.send({"POST", path, body, token(0)},
                          [this, &http, urls, failures, node, nodeDone](const HttpReply &r) {
                              QUrl url(r.json().value(QStringLiteral("websocketUrl")).toString());
                              const QByteArray ticket
                                  = r.json().value(QStringLiteral("ticket")).toString().toLatin1();
                              if (!r.ok() || !url.isValid() || ticket.isEmpty()) {
                                  failures->append(
                                      QStringLiteral("node %1: %2").arg(node).arg(r.outcomeCode()));
                                  nodeDone();
                                  return;
                              }
                              url.setQuery(QString());
                              (*urls)[size_t(node)] = url;
                              http.send({"DELETE", "/api/v1/entries/" + ticket, {}, token(0)},
                                        [failures, node, nodeDone](const HttpReply &r) {
                                            if (!r.ok())
                                                failures->append(
                                                    QStringLiteral("node %1: cancel %2")
                                                        .arg(node)
                                                        .arg(r.outcomeCode()));
                                            nodeDone();
                                        });
                          });
            }
        },
        this,
        [this, urls, failures, then = std::move(then)] {
            if (!failures->isEmpty()) {
                setupFailed(QStringLiteral("could not learn the nodes' WebSocket URLs (%1)")
                                .arg(failures->join(QStringLiteral(", "))));
                return;
            }
            m_wsUrls = std::move(*urls);
            m_stage = QStringLiteral("setup");
            then();
        });
}

void Scenario::openRooms(const QStringList &rooms, int capacity, std::function<void()> then)
{
    if (bare() || rooms.isEmpty() || m_tokens.empty()) {
        then();
        return;
    }
    m_stage = QStringLiteral("open-rooms");
    // Room r is opened by user r / kRoomsPerOpener (on that user's thread), one at a time per
    // user, so a user never holds two rooms at once.
    const int users = int(m_tokens.size());
    auto failures = std::make_shared<std::atomic<int>>(0);
    threads().runOnAll(
        [this, rooms, capacity, users, failures](ThreadContext &context, WorkerThreads::Done done) {
            // The rooms of each opener user living on this thread, in order.
            auto queues = std::make_shared<QHash<int, QStringList>>();
            for (int r = 0; r < rooms.size(); ++r) {
                const int user = (r / kRoomsPerOpener) % users;
                if (threadOfUser(user) == context.index())
                    (*queues)[user].append(rooms.at(r));
            }
            if (queues->isEmpty()) {
                done();
                return;
            }
            auto openers = std::make_shared<int>(int(queues->size()));
            const qint64 timeoutNs = qint64(m_options.requestTimeout * double(kNsPerSecond));
            for (auto it = queues->cbegin(); it != queues->cend(); ++it) {
                const int user = it.key();
                auto entry = new RoomEntry(context, setupEndpoint(context), &context);
                auto next = std::make_shared<std::function<void()>>();
                *next = [this, entry, user, queues, capacity, timeoutNs, openers, done, next] {
                    QStringList &mine = (*queues)[user];
                    if (mine.isEmpty()) {
                        entry->deleteLater();
                        // Clearing *next destroys this very closure: keep what is still needed.
                        const auto count = openers;
                        const auto finished = done;
                        *next = nullptr; // breaks the cycle
                        if (--*count == 0)
                            finished();
                        return;
                    }
                    const QString room = mine.takeFirst();
                    entry->enter(token(user), room, capacity, nowNs() + timeoutNs);
                };
                entry->onJoined = [entry, timeoutNs] { entry->leave(nowNs() + timeoutNs); };
                entry->onLeft
                    = [&context, next] { QTimer::singleShot(0, &context, [next] { (*next)(); }); };
                entry->onFailed
                    = [this, &context, failures, next](RoomEntry::Phase, const QString &code) {
                          countError(context, QStringLiteral("openRoom:") + code);
                          ++*failures;
                          QTimer::singleShot(0, &context, [next] { (*next)(); });
                      };
                (*next)();
            }
        },
        this,
        [this, failures, then = std::move(then)] {
            if (*failures > 0) {
                setupFailed(QStringLiteral("%1 rooms could not be opened").arg(failures->load()));
                return;
            }
            m_stage = QStringLiteral("setup");
            then();
        });
}

void Scenario::markTimedStart()
{
    m_stage = QStringLiteral("timed");
    m_timedStartMs = m_clock.elapsed();
    m_selfCpuStart = ProcessProbe::selfCpuSeconds();
    m_serverCpuStart = serverCpuSeconds();
}

void Scenario::markTimedEnd()
{
    m_stage = QStringLiteral("drain");
    m_timedEndMs = m_clock.elapsed();
    m_selfCpuEnd = ProcessProbe::selfCpuSeconds();
    m_serverCpuEnd = serverCpuSeconds();
}

double Scenario::timedSeconds() const
{
    if (m_timedStartMs < 0)
        return 0;
    const qint64 end = m_timedEndMs >= 0 ? m_timedEndMs : m_clock.elapsed();
    return double(end - m_timedStartMs) / 1000.0;
}

double Scenario::serverCpuSeconds() const
{
    double total = 0;
    for (const qint64 pid : m_options.serverPids)
        total += ProcessProbe::cpuSeconds(pid).value_or(0);
    return total;
}

std::optional<qint64> Scenario::serverRssKiB() const
{
    if (m_options.serverPids.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    for (const qint64 pid : m_options.serverPids) {
        const auto rss = ProcessProbe::rssKiB(pid);
        if (!rss)
            return std::nullopt;
        total += *rss;
    }
    return total;
}

void Scenario::setupFailed(const QString &why)
{
    emitResult(partialResult(), false, why);
}

void Scenario::hardTimeout()
{
    emitResult(partialResult(), false,
               QStringLiteral("hard timeout after %1 s").arg(double(m_clock.elapsed()) / 1000.0));
}

void Scenario::finish(QJsonObject result)
{
    emitResult(std::move(result), true, {});
}

void Scenario::emitResult(QJsonObject result, bool completed, const QString &why)
{
    if (m_done)
        return;
    m_done = true;
    m_progressTimer.stop();
    m_hardTimer.stop();
    if (!m_options.quiet) {
        tick();
        if (m_progressTty)
            std::fputc('\n', stderr);
    }
    QJsonObject o{
        {QStringLiteral("scenario"), m_options.scenario},
        {QStringLiteral("target"), m_options.targetName()},
        {QStringLiteral("completed"), completed},
        {QStringLiteral("startedAt"), m_startedAt},
        {QStringLiteral("elapsedSeconds"), double(m_clock.elapsed()) / 1000.0},
        {QStringLiteral("options"), m_options.toJson()},
    };
    if (!why.isEmpty())
        o.insert(QStringLiteral("failure"), why);
    QJsonObject machine{
        {QStringLiteral("cores"), QThread::idealThreadCount()},
        {QStringLiteral("loadAverageStart"), m_loadStart},
        {QStringLiteral("loadAverageEnd"), ProcessProbe::loadAverage()},
    };
    o.insert(QStringLiteral("machine"), machine);
    if (m_timedStartMs >= 0) {
        const double seconds = timedSeconds();
        QJsonObject timed{{QStringLiteral("seconds"), seconds}};
        if (m_timedEndMs >= 0) {
            timed.insert(QStringLiteral("generatorCpuSeconds"), m_selfCpuEnd - m_selfCpuStart);
            if (!m_options.serverPids.isEmpty())
                timed.insert(QStringLiteral("serverCpuSeconds"), m_serverCpuEnd - m_serverCpuStart);
        }
        o.insert(QStringLiteral("timed"), timed);
    }
    if (!m_options.serverPids.isEmpty()) {
        QJsonObject server{{QStringLiteral("pid"), m_options.serverPids.first()}};
        if (m_options.serverPids.size() > 1) {
            QJsonArray pids;
            QJsonArray rss;
            for (const qint64 pid : m_options.serverPids) {
                pids.append(pid);
                const auto kib = ProcessProbe::rssKiB(pid);
                rss.append(kib ? QJsonValue(*kib) : QJsonValue());
            }
            server.insert(QStringLiteral("pids"), pids);
            server.insert(QStringLiteral("rssKiBAtEndPerNode"), rss);
        }
        if (m_rssStart)
            server.insert(QStringLiteral("rssKiBAtStart"), *m_rssStart);
        if (const auto rss = serverRssKiB())
            server.insert(QStringLiteral("rssKiBAtEnd"), *rss);
        else
            server.insert(QStringLiteral("gone"), true);
        o.insert(QStringLiteral("server"), server);
    }
    if (!m_wsUrls.empty()) {
        QJsonArray urls; // where each node's tickets were claimed: the next node's
        for (const QUrl &url : m_wsUrls)
            urls.append(url.toString());
        o.insert(QStringLiteral("nodeWebSocketUrls"), urls);
    }
    const qint64 errors = errorTotal();
    o.insert(QStringLiteral("errorCount"), errors);
    o.insert(QStringLiteral("errors"), errorsJson());
    for (auto it = result.constBegin(); it != result.constEnd(); ++it)
        o.insert(it.key(), it.value());
    const int exitCode = !completed ? 3 : errors > 0 ? 1 : 0;
    Q_EMIT finished(o, exitCode);
}

} // namespace roomgate::bench
