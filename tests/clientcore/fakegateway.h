// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace roomgate::test {

/**
 * A stand-in for the WebSocket gateway that admits every ticket with a joined frame
 * and ends connections on command: every close code a joined client can meet, also
 * those the real server sends only on rare conditions (idle drop, rate limit, internal
 * failure) and a connection that just drops. Test fixture; lives on the test's thread.
 */
class FakeGateway : public QObject
{
    Q_OBJECT
public:
    explicit FakeGateway(QObject *parent = nullptr);

    quint16 port() const { return m_server.serverPort(); }
    /** `ws://127.0.0.1:<port>/ws?ticket=…`. */
    QString ticketUrl() const;
    /** The JSON of a reserve answer pointing here. */
    QByteArray reservationJson() const;
    int connectionCount() const { return m_connections; }

    /** Ends the newest connection: an error frame for @p code (unless empty), then close. */
    void end(const QString &code, int closeCode);
    /** Drops the newest connection without a close frame. */
    void drop();

Q_SIGNALS:
    void joined();

private:
    QWebSocketServer m_server;
    QPointer<QWebSocket> m_latest;
    int m_connections = 0;
};

} // namespace roomgate::test
