// SPDX-License-Identifier: MIT
// roomgate-bare-ws: the smallest WebSocket broadcast server, so that Roomgate's fan-out and
// the memory of a joined member can be compared with the bare Qt stack
// (docs/performance.md). Not part of Roomgate.
//
// A client connects to ws://HOST:PORT/ws?room=NAME; every text message it sends is sent to
// every client of that room, itself included, as Roomgate sends a message to the room and
// its sender. No storage, no rules. The setup is the one Roomgate's gateway uses: our own
// QTcpServer (backlog 1024), TCP_NODELAY on every socket, QWebSocketServer::handleConnection,
// the same 64 KiB frame limit.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("roomgate-bare-ws"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Bare reference: a WebSocket server broadcasting every text frame."));
    parser.addHelpOption();
    const QCommandLineOption listenOption(QStringLiteral("listen"),
                                          QStringLiteral("Address (default 127.0.0.1)."),
                                          QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port (default 0: a free one)."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({listenOption, portOption});
    parser.process(app);

    constexpr qint64 kFrameLimit = 64 * 1024;
    QWebSocketServer ws(QStringLiteral("roomgate-bare-ws"), QWebSocketServer::NonSecureMode);
    QTcpServer tcp;
    tcp.setListenBacklogSize(1024);
    const QHostAddress address(parser.value(listenOption));
    if (address.isNull() || !tcp.listen(address, quint16(parser.value(portOption).toUInt()))) {
        std::fprintf(stderr, "roomgate-bare-ws: cannot listen: %s\n",
                     qPrintable(tcp.errorString()));
        return 1;
    }
    QObject::connect(&tcp, &QTcpServer::newConnection, &ws, [&tcp, &ws] {
        while (QTcpSocket *socket = tcp.nextPendingConnection()) {
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            ws.handleConnection(socket);
        }
    });

    QHash<QString, QList<QWebSocket *>> rooms;
    QObject::connect(&ws, &QWebSocketServer::newConnection, &ws, [&ws, &rooms] {
        while (QWebSocket *socket = ws.nextPendingConnection()) {
            socket->setMaxAllowedIncomingFrameSize(kFrameLimit);
            socket->setMaxAllowedIncomingMessageSize(kFrameLimit);
            const QString room
                = QUrlQuery(socket->requestUrl()).queryItemValue(QStringLiteral("room"));
            rooms[room].append(socket);
            QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                             [&rooms, room](const QString &message) {
                                 for (QWebSocket *peer : std::as_const(rooms[room]))
                                     peer->sendTextMessage(message);
                             });
            QObject::connect(socket, &QWebSocket::disconnected, socket, [&rooms, room, socket] {
                rooms[room].removeOne(socket);
                socket->deleteLater();
            });
        }
    });
    std::printf("roomgate-bare-ws ready ws=%s:%u\n", qPrintable(address.toString()),
                unsigned(tcp.serverPort()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
