// SPDX-License-Identifier: MIT
// The server side of the WebSocket upgrade: the requests it takes (and what it keeps of
// them), each refusal with its status, the accept key of RFC 6455's example, and a real
// QWebSocket client that the answer connects.
#include "server/realtime/websockethandshake.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <memory>

using roomgate::server::parseWebSocketUpgrade;
using roomgate::server::webSocketAccept;
using roomgate::server::WebSocketUpgrade;
using roomgate::server::webSocketUpgradeAnswer;
using roomgate::server::WebSocketUpgradeRefusal;

namespace {

const QByteArray kKey = "dGhlIHNhbXBsZSBub25jZQ==";

/** A request head from its lines, CRLF after each and the blank line at the end. */
QByteArray head(const QByteArrayList &lines)
{
    return lines.join("\r\n") + "\r\n\r\n";
}

/** The lines of a valid upgrade, to take from or change. */
QByteArrayList validLines()
{
    return {"GET /ws HTTP/1.1",    "Host: chat.example:8443",    "Upgrade: websocket",
            "Connection: Upgrade", "Sec-WebSocket-Key: " + kKey, "Sec-WebSocket-Version: 13"};
}

/** validLines() with the line starting with @p prefix replaced by @p line (or dropped). */
QByteArrayList with(const QByteArray &prefix, const QByteArray &line)
{
    QByteArrayList lines;
    for (const QByteArray &valid : validLines()) {
        if (!valid.startsWith(prefix))
            lines.append(valid);
        else if (!line.isEmpty())
            lines.append(line);
    }
    return lines;
}

} // namespace

class TestWebSocketHandshake : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<bool>("hasOrigin");
        QTest::addColumn<QByteArray>("origin");

        QTest::newRow("plain") << head(validLines()) << QByteArray("/ws") << kKey << false
                               << QByteArray();
        QTest::newRow("target with a query, verbatim")
            << head(with("GET", "GET /ws?ticket=a%2Fb&x=1 HTTP/1.1"))
            << QByteArray("/ws?ticket=a%2Fb&x=1") << kKey << false << QByteArray();
        QTest::newRow("with Origin")
            << head(validLines() << "Origin:  https://chat.example  ") << QByteArray("/ws") << kKey
            << true << QByteArray("https://chat.example");
        QTest::newRow("names and tokens in other cases")
            << head({"GET / HTTP/1.1", "host: h", "UPGRADE: WebSocket", "connection: upgrade",
                     "sec-websocket-key: " + kKey, "SEC-WEBSOCKET-VERSION: 13", "oRiGiN: null"})
            << QByteArray("/") << kKey << true << QByteArray("null");
        QTest::newRow("token lists")
            << head(with("Connection", "Connection: keep-alive, Upgrade") << "Upgrade: h2c")
            << QByteArray("/ws") << kKey << false << QByteArray();
        QTest::newRow("Upgrade in a list, no spaces")
            << head(with("Upgrade", "Upgrade:foo,websocket,bar")) << QByteArray("/ws") << kKey
            << false << QByteArray();
        QTest::newRow("extra headers, key with spaces around")
            << head(with("Sec-WebSocket-Key", "Sec-WebSocket-Key: \t" + kKey + " ")
                    << "User-Agent: test/1.0"
                    << "Sec-WebSocket-Extensions: permessage-deflate"
                    << "Sec-WebSocket-Protocol: chat"
                    << "Cookie: a=b; c=d")
            << QByteArray("/ws") << kKey << false << QByteArray();
        QTest::newRow("HTTP/1.2") << head(with("GET", "GET /ws HTTP/1.2")) << QByteArray("/ws")
                                  << kKey << false << QByteArray();
        QTest::newRow("bare LF line ends") << QByteArray(validLines().join('\n') + "\n\n")
                                           << QByteArray("/ws") << kKey << false << QByteArray();
        QTest::newRow("another key")
            << head(with("Sec-WebSocket-Key", "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA=="))
            << QByteArray("/ws") << QByteArray("AAAAAAAAAAAAAAAAAAAAAA==") << false << QByteArray();
    }

    void accepted()
    {
        QFETCH(QByteArray, request);
        const auto result = parseWebSocketUpgrade(request);
        if (const auto *refusal = std::get_if<WebSocketUpgradeRefusal>(&result))
            QFAIL(refusal->message.constData());
        const auto &upgrade = std::get<WebSocketUpgrade>(result);
        QTEST(upgrade.target, "target");
        QTEST(upgrade.key, "key");
        QTEST(upgrade.hasOrigin, "hasOrigin");
        QTEST(upgrade.origin, "origin");
    }

    void forwardedFor_data()
    {
        QTest::addColumn<QByteArrayList>("extra");
        QTest::addColumn<QByteArray>("forwardedFor");
        QTest::newRow("none") << QByteArrayList{} << QByteArray();
        QTest::newRow("one proxy")
            << QByteArrayList{"X-Forwarded-For:  203.0.113.7 "} << QByteArray("203.0.113.7");
        QTest::newRow("a list") << QByteArrayList{"x-forwarded-for: 203.0.113.7, 10.0.0.2"}
                                << QByteArray("203.0.113.7, 10.0.0.2");
        // Several headers are one list, in order (RFC 9110, 5.3).
        QTest::newRow("two headers")
            << QByteArrayList{"X-Forwarded-For: 203.0.113.7", "X-Forwarded-For: 10.0.0.2"}
            << QByteArray("203.0.113.7, 10.0.0.2");
    }
    void forwardedFor()
    {
        // The trusted proxy's client address reaches the gateway from here.
        QFETCH(QByteArrayList, extra);
        const auto result = parseWebSocketUpgrade(head(validLines() + extra));
        QVERIFY(std::holds_alternative<WebSocketUpgrade>(result));
        QTEST(std::get<WebSocketUpgrade>(result).forwardedFor, "forwardedFor");
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");

        QTest::newRow("POST") << head(with("GET", "POST /ws HTTP/1.1")) << 400;
        QTest::newRow("get in lower case") << head(with("GET", "get /ws HTTP/1.1")) << 400;
        QTest::newRow("HTTP/1.0") << head(with("GET", "GET /ws HTTP/1.0")) << 400;
        QTest::newRow("HTTP/0.9") << head(with("GET", "GET /ws HTTP/0.9")) << 400;
        QTest::newRow("no version") << head(with("GET", "GET /ws")) << 400;
        QTest::newRow("not HTTP") << head(with("GET", "GET /ws FTP/1.1")) << 400;
        QTest::newRow("no target") << head(with("GET", "GET  HTTP/1.1")) << 400;
        QTest::newRow("empty") << QByteArray("\r\n") << 400;
        QTest::newRow("no Host") << head(with("Host", {})) << 400;
        QTest::newRow("empty Host") << head(with("Host", "Host:")) << 400;
        QTest::newRow("two Hosts") << head(validLines() << "Host: other") << 400;
        QTest::newRow("no Upgrade") << head(with("Upgrade", {})) << 400;
        QTest::newRow("Upgrade to something else") << head(with("Upgrade", "Upgrade: h2c")) << 400;
        QTest::newRow("Upgrade token only a prefix")
            << head(with("Upgrade", "Upgrade: websocketx")) << 400;
        QTest::newRow("no Connection") << head(with("Connection", {})) << 400;
        QTest::newRow("Connection without upgrade")
            << head(with("Connection", "Connection: keep-alive")) << 400;
        QTest::newRow("Connection: Upgraded")
            << head(with("Connection", "Connection: Upgraded")) << 400;
        QTest::newRow("no key") << head(with("Sec-WebSocket-Key", {})) << 400;
        QTest::newRow("empty key") << head(with("Sec-WebSocket-Key", "Sec-WebSocket-Key:")) << 400;
        QTest::newRow("key of 15 bytes")
            << head(with("Sec-WebSocket-Key", "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAA")) << 400;
        QTest::newRow("key of 17 bytes")
            << head(with("Sec-WebSocket-Key", "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAA="))
            << 400;
        QTest::newRow("key not base64")
            << head(with("Sec-WebSocket-Key", "Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!=="))
            << 400;
        QTest::newRow("key without padding")
            << head(with("Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ")) << 400;
        QTest::newRow("two keys") << head(validLines() << "Sec-WebSocket-Key: " + kKey) << 400;
        QTest::newRow("version 8")
            << head(with("Sec-WebSocket-Version", "Sec-WebSocket-Version: 8")) << 426;
        QTest::newRow("version 14")
            << head(with("Sec-WebSocket-Version", "Sec-WebSocket-Version: 14")) << 426;
        QTest::newRow("versions listed")
            << head(with("Sec-WebSocket-Version", "Sec-WebSocket-Version: 13, 8")) << 426;
        // RFC 6455 leaves a missing version to the server: 426, which names the one it speaks.
        QTest::newRow("no version header") << head(with("Sec-WebSocket-Version", {})) << 426;
        QTest::newRow("a line without a colon") << head(validLines() << "Broken header") << 400;
        QTest::newRow("white space before the colon")
            << head(validLines() << "X-Thing : value") << 400;
        QTest::newRow("folded line") << head(validLines() << " continued: value") << 400;
    }

    void refused()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        const auto result = parseWebSocketUpgrade(request);
        const auto *refusal = std::get_if<WebSocketUpgradeRefusal>(&result);
        QVERIFY(refusal);
        QCOMPARE(refusal->status, status);
        QCOMPARE(refusal->reasonPhrase,
                 status == 426 ? QByteArray("Upgrade Required") : QByteArray("Bad Request"));
        // A sentence: a capital first, a full stop last, ASCII.
        QVERIFY(refusal->message.size() > 10);
        QVERIFY(refusal->message.endsWith('.'));
        QVERIFY(QChar::fromLatin1(refusal->message.at(0)).isUpper());
        for (const char c : refusal->message)
            QVERIFY(c >= ' ' && c < 127);
    }

    void acceptKeyOfTheRfcExample()
    {
        QCOMPARE(webSocketAccept(kKey), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        QCOMPARE(webSocketUpgradeAnswer(kKey),
                 QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            "Connection: Upgrade\r\n"
                            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"));
    }

    void aRealClientConnects()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QWebSocket client(QStringLiteral("https://chat.example"));
        QSignalSpy connected(&client, &QWebSocket::connected);
        client.open(
            QUrl(QStringLiteral("ws://127.0.0.1:%1/ws?ticket=abc").arg(server.serverPort())));
        QVERIFY(server.waitForNewConnection(5000));
        std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
        QByteArray request;
        QTRY_VERIFY_WITH_TIMEOUT((request += peer->readAll()).endsWith("\r\n\r\n"), 5000);

        const auto result = parseWebSocketUpgrade(request);
        if (const auto *refusal = std::get_if<WebSocketUpgradeRefusal>(&result))
            QFAIL(refusal->message.constData());
        const auto &upgrade = std::get<WebSocketUpgrade>(result);
        QCOMPARE(upgrade.target, QByteArray("/ws?ticket=abc"));
        QVERIFY(upgrade.hasOrigin);
        QCOMPARE(upgrade.origin, QByteArray("https://chat.example"));
        peer->write(webSocketUpgradeAnswer(upgrade.key));
        QVERIFY(connected.wait(5000));
        QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    }

    void aWrongAcceptIsRefusedByTheClient()
    {
        // The test above means something: QWebSocket checks the accept key.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QWebSocket client;
        QSignalSpy connected(&client, &QWebSocket::connected);
        QSignalSpy errors(&client, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.serverPort())));
        QVERIFY(server.waitForNewConnection(5000));
        std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
        QByteArray request;
        QTRY_VERIFY_WITH_TIMEOUT((request += peer->readAll()).endsWith("\r\n\r\n"), 5000);
        peer->write(webSocketUpgradeAnswer("AAAAAAAAAAAAAAAAAAAAAA=="));
        QVERIFY(errors.wait(5000));
        QCOMPARE(connected.size(), 0);
        QVERIFY(client.state() != QAbstractSocket::ConnectedState);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketHandshake)
#include "tst_websockethandshake.moc"
