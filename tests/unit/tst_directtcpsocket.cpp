// SPDX-License-Identifier: MIT
// net::DirectTcpSocket: what the kernel takes leaves at once, without Qt's write buffer;
// what it does not take (a peer that stopped reading) waits in Qt's buffer, in order, after
// it.
#include "server/net/directtcpsocket.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using roomgate::server::net::DirectTcpSocket;

namespace {
/** Accepts into DirectTcpSockets, as the server's workers do. */
class DirectServer : public QTcpServer
{
public:
    std::unique_ptr<DirectTcpSocket> accepted;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto socket = std::make_unique<DirectTcpSocket>();
        if (socket->setSocketDescriptor(descriptor))
            accepted = std::move(socket);
    }
};
} // namespace

class TestDirectTcpSocket : public QObject
{
    Q_OBJECT

    DirectServer m_server;
    std::unique_ptr<DirectTcpSocket> m_writer; ///< the server's side, written to
    std::unique_ptr<QTcpSocket> m_reader; ///< the peer

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        m_reader = std::make_unique<QTcpSocket>();
        m_reader->connectToHost(QHostAddress::LocalHost, m_server.serverPort());
        QVERIFY(m_server.waitForNewConnection(5000));
        QVERIFY(m_server.accepted);
        m_writer = std::move(m_server.accepted);
        QVERIFY(m_reader->waitForConnected(5000));
    }

    void cleanup()
    {
        m_writer.reset();
        m_reader.reset();
        m_server.close();
    }

    void smallWritesLeaveAtOnce()
    {
        QCOMPARE(m_writer->write("first "), 6);
        QCOMPARE(m_writer->bytesToWrite(), 0); // sent, not buffered for the event loop
        QCOMPARE(m_writer->write("second"), 6);
        QCOMPARE(m_writer->bytesToWrite(), 0);
        QByteArray got;
        QTRY_VERIFY_WITH_TIMEOUT((got += m_reader->readAll()).size() >= 12, 5000);
        QCOMPARE(got, QByteArray("first second"));
    }

    void whatTheKernelRefusesWaitsInOrder()
    {
        // Far more than the kernel's buffers hold while the peer reads nothing.
        QByteArray big(32 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = static_cast<char>('a' + i % 26);
        QCOMPARE(m_writer->write(big), big.size());
        QVERIFY(m_writer->bytesToWrite() > 0);
        QVERIFY(m_writer->bytesToWrite() < big.size()); // part of it went straight out
        // Behind what waits: queued after it, never sent ahead of it.
        QCOMPARE(m_writer->write("tail"), 4);
        QVERIFY(m_writer->bytesToWrite() > 4);

        QByteArray got;
        got.reserve(big.size() + 4);
        QTRY_VERIFY_WITH_TIMEOUT((got += m_reader->readAll()).size() >= big.size() + 4, 30000);
        QCOMPARE(got.size(), big.size() + 4);
        QVERIFY(got.left(big.size()) == big);
        QVERIFY(got.endsWith("tail"));
        QCOMPARE(m_writer->bytesToWrite(), 0);
    }

    void aClosedSocketRefuses()
    {
        m_writer->abort();
        QCOMPARE(m_writer->write("nobody"), -1);
    }
};

QTEST_GUILESS_MAIN(TestDirectTcpSocket)
#include "tst_directtcpsocket.moc"
