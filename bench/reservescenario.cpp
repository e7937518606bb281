// SPDX-License-Identifier: MIT
#include "bench/reservescenario.h"

#include "bench/httpclient.h"
#include "bench/monotonic.h"
#include "bench/threadcontext.h"

#include <QJsonDocument>
#include <QUrl>

#include <cmath>

namespace roomgate::bench {

namespace {

/// The bare server takes any token; this one has the length of a real one.
const QByteArray kBareToken = QByteArray(43, 'x');

QJsonObject countsJson(const QHash<QString, qint64> &counts)
{
    QJsonObject o;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

} // namespace

ReserveScenario::ReserveScenario(BenchOptions options, QObject *parent)
    : Scenario(
        [&options] {
            if (options.connections == 0)
                options.connections = 32;
            if (options.rooms == 0)
                options.rooms = 1;
            if (options.capacity == 0)
                options.capacity = 10000;
            if (options.duration == 0)
                options.duration = 10;
            return options;
        }(),
        parent)
{
    m_body = QJsonDocument(QJsonObject{{QStringLiteral("create"), true},
                                       {QStringLiteral("capacity"), this->options().capacity}})
                 .toJson(QJsonDocument::Compact);
    for (int r = 0; r < this->options().rooms; ++r)
        m_rooms.append(roomName(QStringLiteral("reserve"), r));
}

ReserveScenario::~ReserveScenario()
{
    stopThreads();
}

void ReserveScenario::run()
{
    const int users = options().connections;
    signInUsers(users,
                [this] { openRooms(m_rooms, options().capacity, [this] { startLoops(); }); });
}

void ReserveScenario::startLoops()
{
    setStage(options().warmup > 0 ? QStringLiteral("warmup") : QStringLiteral("timed"));
    const qint64 from = nowNs() + qint64(options().warmup * double(kNsPerSecond));
    m_fromNs = from;
    m_untilNs = from + qint64(options().duration * double(kNsPerSecond));
    QTimer::singleShot(std::chrono::milliseconds(qint64(options().warmup * 1000)), Qt::PreciseTimer,
                       this, [this] { markTimedStart(); });
    QTimer::singleShot(
        std::chrono::milliseconds(qint64((options().warmup + options().duration) * 1000)),
        Qt::PreciseTimer, this, [this] {
            markTimedEnd();
            stop();
        });
    for (int t = 0; t < threadCount(); ++t)
        m_workers.push_back(std::make_unique<Worker>());
    threads().runOnAll(
        [this](ThreadContext &context, WorkerThreads::Done done) {
            Worker &w = *m_workers[size_t(context.index())];
            const qint64 timeoutNs = qint64(options().requestTimeout * double(kNsPerSecond));
            for (int c = context.index(); c < options().connections; c += threadCount()) {
                const QUrl &server = options().server(nodeOfUser(c));
                auto *client = new HttpClient(context, server.host(), quint16(server.port(80)),
                                              timeoutNs, &context);
                w.clients.push_back(client);
                loop(w, context, client, c);
            }
            done();
        },
        this, [] {});
}

void ReserveScenario::loop(Worker &w, ThreadContext &context, HttpClient *client, int user)
{
    if (w.stopping) {
        if (++w.idle == int(w.clients.size()) && w.onAllIdle)
            w.onAllIdle();
        return;
    }
    const QByteArray token = bare() ? kBareToken : this->token(user);
    const QString &room = m_rooms.at(user % m_rooms.size());
    const auto inWindow = [this](const HttpReply &r) {
        return r.doneNs >= m_fromNs.load(std::memory_order_relaxed)
            && r.doneNs <= m_untilNs.load(std::memory_order_relaxed);
    };
    client->send(
        {"POST", "/api/v1/rooms/" + QUrl::toPercentEncoding(room) + "/entries", m_body, token},
        [this, &w, &context, client, user, token, inWindow](const HttpReply &r) {
            const QString code = r.outcomeCode();
            const bool counted = inWindow(r);
            if (counted) {
                w.reserve.record(r.doneNs - r.sentNs);
                w.all.record(r.doneNs - r.sentNs);
                ++w.reserveOutcomes[code];
                w.completed.fetch_add(1, std::memory_order_relaxed);
            }
            if (r.status == 0 || r.status >= 500)
                countError(context, QStringLiteral("reserve:") + code);
            const QByteArray ticket = r.ok()
                ? r.json().value(QStringLiteral("ticket")).toString().toLatin1()
                : QByteArray();
            if (ticket.isEmpty()) {
                loop(w, context, client, user);
                return;
            }
            client->send({"DELETE", "/api/v1/entries/" + ticket, {}, token},
                         [this, &w, &context, client, user, inWindow](const HttpReply &r) {
                             const QString code = r.outcomeCode();
                             if (inWindow(r)) {
                                 w.cancel.record(r.doneNs - r.sentNs);
                                 w.all.record(r.doneNs - r.sentNs);
                                 ++w.cancelOutcomes[code];
                                 w.completed.fetch_add(1, std::memory_order_relaxed);
                             }
                             if (!r.ok())
                                 countError(context, QStringLiteral("cancel:") + code);
                             loop(w, context, client, user);
                         });
        });
}

void ReserveScenario::stop()
{
    // Every connection finishes the request it has in flight (up to its deadline), then
    // stops; answers after the window are not counted.
    threads().runOnAll(
        [this](ThreadContext &context, WorkerThreads::Done done) {
            Worker &w = *m_workers[size_t(context.index())];
            w.stopping = true;
            w.onAllIdle = done;
            if (w.clients.empty())
                done();
        },
        this, [this] { finish(collect()); });
}

QString ReserveScenario::progress() const
{
    qint64 completed = 0;
    for (const auto &w : m_workers)
        completed += w->completed.load(std::memory_order_relaxed);
    const double seconds = timedSeconds();
    return QStringLiteral("%1 req  %2 req/s")
        .arg(completed)
        .arg(seconds > 0 ? double(completed) / seconds : 0.0, 0, 'f', 0);
}

QJsonObject ReserveScenario::partialResult()
{
    qint64 completed = 0;
    for (const auto &w : m_workers)
        completed += w->completed.load(std::memory_order_relaxed);
    return {{QStringLiteral("requests"), completed}};
}

QJsonObject ReserveScenario::collect()
{
    LatencyHistogram reserve;
    LatencyHistogram cancel;
    LatencyHistogram all;
    QHash<QString, qint64> reserveOutcomes;
    QHash<QString, qint64> cancelOutcomes;
    for (const auto &w : m_workers) {
        reserve.merge(w->reserve);
        cancel.merge(w->cancel);
        all.merge(w->all);
        for (auto it = w->reserveOutcomes.cbegin(); it != w->reserveOutcomes.cend(); ++it)
            reserveOutcomes[it.key()] += it.value();
        for (auto it = w->cancelOutcomes.cbegin(); it != w->cancelOutcomes.cend(); ++it)
            cancelOutcomes[it.key()] += it.value();
    }
    const double seconds = options().duration;
    QHash<QString, qint64> refusals = reserveOutcomes;
    refusals.remove(QStringLiteral("OK"));
    return {
        {QStringLiteral("requests"), all.count()},
        {QStringLiteral("requestsPerSecond"), std::round(double(all.count()) / seconds)},
        {QStringLiteral("cyclesPerSecond"), std::round(double(cancel.count()) / seconds)},
        {QStringLiteral("latency"), all.toJson()},
        {QStringLiteral("reserveLatency"), reserve.toJson()},
        {QStringLiteral("cancelLatency"), cancel.toJson()},
        {QStringLiteral("reserveOutcomes"), countsJson(reserveOutcomes)},
        {QStringLiteral("cancelOutcomes"), countsJson(cancelOutcomes)},
        {QStringLiteral("refusals"), countsJson(refusals)},
    };
}

} // namespace roomgate::bench
