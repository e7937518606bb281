// SPDX-License-Identifier: MIT
// net::writeDirect(): what the kernel takes leaves at once, without Qt's write buffer; what
// it does not take (a peer that stopped reading) waits in Qt's buffer, in order, after it.
#include "server/net/directwrite.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using roomgate::server::net::writeDirect;

class TestDirectWrite : public QObject
{
    Q_OBJECT

    QTcpServer m_server;
    std::unique_ptr<QTcpSocket> m_writer; ///< the server's side, written to
    std::unique_ptr<QTcpSocket> m_reader; ///< the peer

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        m_reader = std::make_unique<QTcpSocket>();
        m_reader->connectToHost(QHostAddress::LocalHost, m_server.serverPort());
        QVERIFY(m_server.waitForNewConnection(5000));
        m_writer.reset(m_server.nextPendingConnection());
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
        QVERIFY(writeDirect(*m_writer, "first "));
        QCOMPARE(m_writer->bytesToWrite(), 0); // sent, not buffered for the event loop
        QVERIFY(writeDirect(*m_writer, "second"));
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
        QVERIFY(writeDirect(*m_writer, big));
        QVERIFY(m_writer->bytesToWrite() > 0);
        QVERIFY(m_writer->bytesToWrite() < big.size()); // part of it went straight out
        // Behind what waits: queued after it, never sent ahead of it.
        QVERIFY(writeDirect(*m_writer, "tail"));
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
        QVERIFY(!writeDirect(*m_writer, "nobody"));
    }
};

QTEST_GUILESS_MAIN(TestDirectWrite)
#include "tst_directwrite.moc"
