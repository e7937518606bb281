// SPDX-License-Identifier: MIT
// The frames a broadcast writes past QWebSocket: their header byte for byte at every length
// form, and QWebSocket itself, as a client, reading them as the text that was framed. The
// control frames (ping, pong, close) byte for byte, and QWebSocket taking each as meant.
#include "server/realtime/websocketframe.h"
#include "server/realtime/websocketreader.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <memory>

using roomgate::server::webSocketCloseFrame;
using roomgate::server::webSocketPingFrame;
using roomgate::server::webSocketPongFrame;
using roomgate::server::WebSocketReader;
using roomgate::server::webSocketTextFrame;

namespace {

/** @p n bytes of UTF-8 text: multi-byte characters, then ASCII to the exact size. */
QByteArray textOf(qsizetype n)
{
    QByteArray text;
    while (text.size() + 3 <= n)
        text += "\xea\xb0\x80"; // 가
    text += QByteArray(n - text.size(), 'x');
    return text;
}

/**
 * Opens @p client to @p server and completes the upgrade by hand (RFC 6455, 4.2.2), so that
 * nothing but the frames is under test; the server's end of the connection in @p peer.
 */
bool connectByHand(QTcpServer &server, QWebSocket &client, std::unique_ptr<QTcpSocket> &peer)
{
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.serverPort())));
    if (!server.waitForNewConnection(5000))
        return false;
    peer.reset(server.nextPendingConnection());
    QByteArray request;
    if (!QTest::qWaitFor([&] { return (request += peer->readAll()).contains("\r\n\r\n"); }, 5000))
        return false;
    QByteArray key;
    for (const QByteArray &line : request.split('\n')) {
        if (line.toLower().startsWith("sec-websocket-key:"))
            key = line.mid(line.indexOf(':') + 1).trimmed();
    }
    const QByteArray accept
        = QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                   QCryptographicHash::Sha1)
              .toBase64();
    peer->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                + accept + "\r\n\r\n");
    return QTest::qWaitFor([&] { return client.state() == QAbstractSocket::ConnectedState; }, 5000);
}

/**
 * Reads what @p peer receives until @p done says so (bounded: then the messages so far, for
 * the test to find wanting); the reader's messages.
 */
template<typename Done>
QList<WebSocketReader::Message> readFrom(QTcpSocket &peer, WebSocketReader &reader, Done done)
{
    QList<WebSocketReader::Message> messages;
    [[maybe_unused]] const bool finished = QTest::qWaitFor(
        [&] {
            reader.feed(peer.readAll(), messages);
            return done(messages);
        },
        5000);
    return messages;
}

} // namespace

class TestWebSocketFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void header_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("empty") << 0 << QByteArray::fromHex("8100");
        QTest::newRow("one-byte length, largest") << 125 << QByteArray::fromHex("817d");
        QTest::newRow("two-byte length, smallest") << 126 << QByteArray::fromHex("817e007e");
        QTest::newRow("two-byte length") << 4000 << QByteArray::fromHex("817e0fa0");
        QTest::newRow("two-byte length, largest") << 65535 << QByteArray::fromHex("817effff");
        QTest::newRow("eight-byte length, smallest")
            << 65536 << QByteArray::fromHex("817f0000000000010000");
    }

    void header()
    {
        QFETCH(int, size);
        QFETCH(QByteArray, header);
        const QByteArray text = textOf(size);
        const QByteArray frame = webSocketTextFrame(text);
        // Final text frame, unmasked (a server's), length in its smallest form.
        QCOMPARE(frame.left(header.size()).toHex(), header.toHex());
        QCOMPARE(frame.mid(header.size()), text);
    }

    void qtReadsThemAsText()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QWebSocket client;
        QSignalSpy texts(&client, &QWebSocket::textMessageReceived);
        std::unique_ptr<QTcpSocket> peer;
        QVERIFY(connectByHand(server, client, peer));

        const QList<qsizetype> sizes{0, 1, 125, 126, 4000, 65535, 65536, 70000};
        for (const qsizetype size : sizes)
            peer->write(webSocketTextFrame(textOf(size)));
        QTRY_COMPARE_WITH_TIMEOUT(texts.size(), sizes.size(), 10000);
        for (qsizetype i = 0; i < sizes.size(); ++i) {
            QCOMPARE(texts.at(i).at(0).toString().toUtf8(), textOf(sizes.at(i)));
        }
        QCOMPARE(client.state(), QAbstractSocket::ConnectedState); // no protocol error
    }

    void controlFrames_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray ascii(200, 'r');
        const QByteArray hangul("\xea\xb0\x80"); // 가, three bytes

        QTest::newRow("ping, empty") << webSocketPingFrame() << QByteArray::fromHex("8900");
        QTest::newRow("ping") << webSocketPingFrame("abc") << QByteArray::fromHex("8903616263");
        QTest::newRow("ping of 125 bytes")
            << webSocketPingFrame(ascii.first(125)) << QByteArray("\x89\x7d" + ascii.first(125));
        QTest::newRow("ping of 200 bytes, cut at 125")
            << webSocketPingFrame(ascii) << QByteArray("\x89\x7d" + ascii.first(125));
        QTest::newRow("pong, empty") << webSocketPongFrame({}) << QByteArray::fromHex("8a00");
        QTest::newRow("pong") << webSocketPongFrame("xyz") << QByteArray::fromHex("8a0378797a");
        QTest::newRow("pong of 200 bytes, cut at 125")
            << webSocketPongFrame(ascii) << QByteArray("\x8a\x7d" + ascii.first(125));
        QTest::newRow("close 1000") << webSocketCloseFrame(1000) << QByteArray::fromHex("880203e8");
        QTest::newRow("close 4000 with a reason")
            << webSocketCloseFrame(4000, "bye") << QByteArray::fromHex("88050fa0627965");
        QTest::newRow("close 65535")
            << webSocketCloseFrame(65535) << QByteArray::fromHex("8802ffff");
        QTest::newRow("close 1005: no body")
            << webSocketCloseFrame(1005) << QByteArray::fromHex("8800");
        QTest::newRow("close 1005 with a reason: no body")
            << webSocketCloseFrame(1005, "ignored") << QByteArray::fromHex("8800");
        QTest::newRow("reason of 123 bytes, whole")
            << webSocketCloseFrame(1000, ascii.first(123))
            << QByteArray("\x88\x7d\x03\xe8" + ascii.first(123));
        QTest::newRow("reason of 124 bytes, cut at 123")
            << webSocketCloseFrame(1000, ascii.first(124))
            << QByteArray("\x88\x7d\x03\xe8" + ascii.first(123));
        QTest::newRow("a character ending at byte 123, whole")
            << webSocketCloseFrame(1000, QByteArray(ascii.first(120) + hangul))
            << QByteArray("\x88\x7d\x03\xe8" + ascii.first(120) + hangul);
        QTest::newRow("a character across byte 123, two bytes in")
            << webSocketCloseFrame(1000, QByteArray(ascii.first(121) + hangul))
            << QByteArray("\x88\x7b\x03\xe8" + ascii.first(121));
        QTest::newRow("a character across byte 123, one byte in")
            << webSocketCloseFrame(1000, QByteArray(ascii.first(122) + hangul + "tail"))
            << QByteArray("\x88\x7c\x03\xe8" + ascii.first(122));
        QTest::newRow("only characters: 41 of them, then cut")
            << webSocketCloseFrame(1000, hangul.repeated(50))
            << QByteArray("\x88\x7d\x03\xe8" + hangul.repeated(41));
    }

    void controlFrames()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QByteArray, expected);
        QCOMPARE(frame.toHex(), expected.toHex());
    }

    void qtTakesTheCloseFrame()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QWebSocket client;
        QSignalSpy disconnected(&client, &QWebSocket::disconnected);
        std::unique_ptr<QTcpSocket> peer;
        QVERIFY(connectByHand(server, client, peer));

        const QString reason = QStringLiteral(u"방이 닫혔습니다");
        peer->write(webSocketCloseFrame(4000, reason.toUtf8()));
        // The client answers with a close frame of its own, then the server ends the TCP.
        WebSocketReader reader(1 << 20);
        const auto answer
            = readFrom(*peer, reader, [&reader](const auto &) { return reader.closed(); });
        QCOMPARE(answer.size(), 1);
        QCOMPARE(answer.first().kind, WebSocketReader::Message::Kind::Close);
        QCOMPARE(answer.first().closeCode, 4000);
        peer->disconnectFromHost();
        QVERIFY(disconnected.size() > 0 || disconnected.wait(5000));
        QCOMPARE(int(client.closeCode()), 4000);
        QCOMPARE(client.closeReason(), reason);
    }

    void qtAnswersAPingAndTakesAPong()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QWebSocket client;
        QSignalSpy pongs(&client, &QWebSocket::pong);
        std::unique_ptr<QTcpSocket> peer;
        QVERIFY(connectByHand(server, client, peer));

        // Cut at 125 bytes: what the client echoes is the part that was sent.
        const QByteArray payload = QByteArray("are you there? ").repeated(10);
        peer->write(webSocketPingFrame(payload));
        WebSocketReader reader(1 << 20);
        const auto answer
            = readFrom(*peer, reader, [](const auto &messages) { return !messages.isEmpty(); });
        QCOMPARE(answer.size(), 1);
        QCOMPARE(answer.first().kind, WebSocketReader::Message::Kind::Pong);
        QCOMPARE(answer.first().payload, payload.first(125));

        peer->write(webSocketPongFrame("xyz"));
        QVERIFY(pongs.wait(5000));
        QCOMPARE(pongs.first().at(1).toByteArray(), QByteArray("xyz"));
        QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketFrame)
#include "tst_websocketframe.moc"
