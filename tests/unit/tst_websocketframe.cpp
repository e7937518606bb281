// SPDX-License-Identifier: MIT
// The frames a broadcast writes past QWebSocket: their header byte for byte at every length
// form, and QWebSocket itself, as a client, reading them as the text that was framed.
#include "server/realtime/websocketframe.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <memory>

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
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.serverPort())));
        QVERIFY(server.waitForNewConnection(5000));
        std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
        QByteArray request;
        QTRY_VERIFY_WITH_TIMEOUT((request += peer->readAll()).contains("\r\n\r\n"), 5000);

        // The upgrade by hand (RFC 6455, 4.2.2), so that nothing but the frames is under test.
        QByteArray key;
        for (const QByteArray &line : request.split('\n')) {
            if (line.toLower().startsWith("sec-websocket-key:"))
                key = line.mid(line.indexOf(':') + 1).trimmed();
        }
        QVERIFY(!key.isEmpty());
        const QByteArray accept
            = QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                       QCryptographicHash::Sha1)
                  .toBase64();
        peer->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                    + accept + "\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::ConnectedState, 5000);

        const QList<qsizetype> sizes{0, 1, 125, 126, 4000, 65535, 65536, 70000};
        for (const qsizetype size : sizes)
            peer->write(webSocketTextFrame(textOf(size)));
        QTRY_COMPARE_WITH_TIMEOUT(texts.size(), sizes.size(), 10000);
        for (qsizetype i = 0; i < sizes.size(); ++i) {
            QCOMPARE(texts.at(i).at(0).toString().toUtf8(), textOf(sizes.at(i)));
        }
        QCOMPARE(client.state(), QAbstractSocket::ConnectedState); // no protocol error
    }
};

QTEST_GUILESS_MAIN(TestWebSocketFrame)
#include "tst_websocketframe.moc"
