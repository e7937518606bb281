// SPDX-License-Identifier: MIT
#include "bench/roomentry.h"

#include "bench/httppool.h"
#include "bench/monotonic.h"
#include "bench/wsclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace roomgate::bench {

RoomEntry::RoomEntry(ThreadContext &context, const Endpoint &endpoint, QObject *parent)
    : QObject(parent), m_context(context), m_endpoint(endpoint)
{ }

void RoomEntry::enter(const QByteArray &token, const QString &room, int capacity, qint64 deadlineNs)
{
    abort();
    m_times = {};
    m_times.start = nowNs();
    m_room = room;
    m_refusal.clear();
    m_deadlineNs = deadlineNs;
    if (!m_endpoint.pool) {
        QUrl url = m_endpoint.bareWs;
        url.setQuery(QUrlQuery{{QStringLiteral("room"), room}});
        m_times.reserved = m_times.start;
        claim(url);
        return;
    }
    m_phase = Phase::Reserve;
    const quint64 attempt = m_attempt;
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("create"), true},
                                                      {QStringLiteral("capacity"), capacity}})
                                .toJson(QJsonDocument::Compact);
    m_endpoint.pool->send(
        {"POST", "/api/v1/rooms/" + QUrl::toPercentEncoding(room) + "/entries", body, token},
        [this, attempt](const HttpReply &reply) {
            if (attempt != m_attempt || m_phase != Phase::Reserve)
                return;
            m_times.reserved = reply.doneNs;
            if (!reply.ok()) {
                fail(reply.outcomeCode());
                return;
            }
            if (nowNs() >= m_deadlineNs) {
                fail(QStringLiteral("TIMEOUT"));
                return;
            }
            QUrl url(reply.json().value(QStringLiteral("websocketUrl")).toString());
            if (!url.isValid() || url.scheme() != QLatin1String("ws")) {
                fail(QStringLiteral("BAD_WEBSOCKET_URL"));
                return;
            }
            if (!m_endpoint.claimWs.isEmpty()) {
                const QString query = url.query(QUrl::FullyEncoded);
                url = m_endpoint.claimWs;
                url.setQuery(query, QUrl::StrictMode);
            }
            claim(url);
        });
}

void RoomEntry::claim(const QUrl &url)
{
    m_phase = Phase::Claim;
    m_socket = new WsClient(m_context, this);
    m_socket->onOpen = [this] {
        if (!m_endpoint.pool) { // the bare server has no `joined` frame: open is in
            m_phase = Phase::Joined;
            m_times.joined = nowNs();
            m_socket->setDeadline(0);
            if (onJoined)
                onJoined();
        }
    };
    m_socket->onText = [this](QByteArrayView frame, qint64 now) { onText(frame, now); };
    m_socket->onClosed = [this](const WsEnd &end) {
        if (end.timedOut) {
            fail(QStringLiteral("TIMEOUT"));
            return;
        }
        if (m_phase == Phase::Leave && (end.code == 1000 || end.code == 1005)) {
            m_phase = Phase::Left;
            m_times.left = nowNs();
            m_socket->deleteLater();
            m_socket = nullptr;
            if (onLeft)
                onLeft();
            return;
        }
        QString code = m_refusal;
        if (code.isEmpty() && !end.reason.isEmpty() && end.code != 1006)
            code = QString::fromUtf8(end.reason);
        if (code.isEmpty())
            code = end.code == 1006 ? QStringLiteral("TRANSPORT")
                                    : QStringLiteral("CLOSE_%1").arg(end.code);
        fail(code);
    };
    m_socket->setDeadline(m_deadlineNs);
    m_socket->open(url);
}

void RoomEntry::onText(QByteArrayView frame, qint64 nowNs)
{
    if (m_phase == Phase::Claim) {
        const QJsonObject o = QJsonDocument::fromJson(frame.toByteArray()).object();
        const QString type = o.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("joined")) {
            m_phase = Phase::Joined;
            m_times.joined = nowNs;
            m_socket->setDeadline(0);
            if (onJoined)
                onJoined();
        } else if (type == QLatin1String("error")) {
            m_refusal = o.value(QStringLiteral("code")).toString(); // the close follows
        }
        return;
    }
    if (m_phase == Phase::Joined && onFrame)
        onFrame(frame, nowNs);
}

void RoomEntry::leave(qint64 deadlineNs)
{
    if (m_phase != Phase::Joined || !m_socket)
        return;
    m_phase = Phase::Leave;
    m_times.leaveSent = nowNs();
    m_socket->setDeadline(deadlineNs);
    if (m_endpoint.pool)
        m_socket->sendText(R"({"type":"leave"})");
    else
        m_socket->sendClose(1000);
}

void RoomEntry::send(QByteArrayView frame)
{
    if (m_phase == Phase::Joined && m_socket)
        m_socket->sendText(frame);
}

void RoomEntry::setReading(bool reading)
{
    if (m_socket)
        m_socket->setReading(reading);
}

void RoomEntry::abort()
{
    ++m_attempt;
    if (m_socket) {
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    if (m_phase != Phase::Left)
        m_phase = Phase::Idle;
}

void RoomEntry::fail(const QString &code)
{
    const Phase phase = m_phase;
    m_phase = Phase::Failed;
    ++m_attempt;
    if (m_socket) {
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    if (onFailed)
        onFailed(phase, code);
}

} // namespace roomgate::bench
