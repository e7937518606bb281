// SPDX-License-Identifier: MIT
#include "client/core/apiclient.h"
#include "client/core/certificatepins.h"
#include "client/core/roomsession.h"
#include "tests/clientcore/testcertificate.h"
#include "tests/common/testserver.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace roomgate;
using namespace roomgate::client;
using namespace roomgate::test;

using State = RoomSession::State;
using Phase = RoomSession::Phase;
using Verdict = CertificateCheck::Verdict;

namespace {
constexpr int kTimeoutMs = 20'000;
const QString kPassword = QStringLiteral("correct horse battery");
} // namespace

/**
 * CertificatePins with ApiClient and RoomSession against a real roomgate-server serving
 * TLS on both ports, with throwaway certificates made by openssl: an unverifiable
 * certificate is refused until pinned (with its fingerprint reported), accepted once
 * pinned in both phases (reserve over https, claim over wss), refused as Changed when
 * the server presents another one; one the (test's) CAs verify needs no pin.
 */
class TestCertificatePins : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<TestCertificate> m_first; ///< the server's certificate
    std::optional<TestCertificate> m_second; ///< the one it presents after a "renewal"
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestServer> m_retired; ///< stopped; its data dir serves m_server
    int m_users = 0;
    int m_rooms = 0;

    static QUrl httpsUrl(const TestServer &server)
    {
        return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(server.httpPort()));
    }
    static QString keyOf(const TestServer &server)
    {
        return QStringLiteral("127.0.0.1:%1").arg(server.httpPort());
    }
    QString freshName() { return QStringLiteral("tls%1").arg(++m_users); }
    QString freshRoom() { return QStringLiteral("tlsroom%1").arg(++m_rooms); }

    /** Runs one asynchronous call and waits for its callback (bounded). */
    template<typename T>
    static ApiResult<T> await(const std::function<void(QObject *, ApiClient::Callback<T>)> &call)
    {
        QObject context;
        std::optional<ApiResult<T>> out;
        call(&context, [&out](const ApiResult<T> &result) { out = result; });
        if (!QTest::qWaitFor([&out] { return out.has_value(); }, kTimeoutMs)) {
            ApiResult<T> timedOut;
            timedOut.problem = Problem(ErrorCode::Internal, QStringLiteral("test: no callback"));
            return timedOut;
        }
        return *out;
    }
    static ApiResult<QString> signUp(ApiClient &client, const QString &name)
    {
        return await<QString>([&](QObject *context, ApiClient::Callback<QString> done) {
            client.signUp(name, kPassword, context, std::move(done));
        });
    }
    static ApiResult<AuthSession> signIn(ApiClient &client, const QString &name)
    {
        return await<AuthSession>([&](QObject *context, ApiClient::Callback<AuthSession> done) {
            client.signIn(name, kPassword, context, std::move(done));
        });
    }
    static ApiResult<Reservation> reserve(ApiClient &client, const QString &room)
    {
        return await<Reservation>([&](QObject *context, ApiClient::Callback<Reservation> done) {
            client.reserve(room, EntryOptions{true, 8}, context, std::move(done));
        });
    }

    /**
     * A client of @p server trusting @p pin for it, signed up and in as a fresh user;
     * fails the test when that is refused (callers return on QTest::currentTestFailed()).
     */
    std::unique_ptr<ApiClient> signedInClient(const TestServer &server, const QByteArray &pin)
    {
        auto client = std::make_unique<ApiClient>(httpsUrl(server));
        if (!pin.isEmpty())
            client->certificatePins()->setPin(keyOf(server), pin);
        const QString name = freshName();
        const ApiResult<QString> created = signUp(*client, name);
        const ApiResult<AuthSession> session = signIn(*client, name);
        if (!created.ok() || !session.ok())
            QTest::qFail(qPrintable(QStringLiteral("no session for %1: %2 / %3")
                                        .arg(name, created.problem.detail, session.problem.detail)),
                         __FILE__, __LINE__);
        return client;
    }

    /** How many calls of @p call were answered with @p status. */
    static int calls(const QSignalSpy &finished, ApiClient::Call call, int status)
    {
        int count = 0;
        for (const QList<QVariant> &args : finished) {
            if (args.at(0).value<ApiClient::Call>() == call && args.at(1).toInt() == status)
                ++count;
        }
        return count;
    }

    /**
     * Enters a fresh room through @p client with the claim held; @p beforeClaim runs with
     * a live, unclaimed ticket, then the claim goes ahead. Returns the session once it
     * is Joined or Failed.
     */
    std::unique_ptr<RoomSession> enterWithHeldClaim(ApiClient &client,
                                                    const std::function<void()> &beforeClaim)
    {
        auto session = std::make_unique<RoomSession>(&client, freshRoom());
        session->setEntryOptions(EntryOptions{true, 8});
        std::function<void()> open;
        session->setClaimGate([&open](std::function<void()> claim) { open = std::move(claim); });
        session->enter();
        if (!QTest::qWaitFor([&] { return bool(open) || session->hasFailed(); }, kTimeoutMs))
            QTest::qFail("the reservation did not come", __FILE__, __LINE__);
        if (open) {
            beforeClaim();
            std::exchange(open, {})();
        }
        if (!QTest::qWaitFor([&] { return session->isJoined() || session->hasFailed(); },
                             kTimeoutMs))
            QTest::qFail("the claim did not end", __FILE__, __LINE__);
        return session;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<RoomSession::Failure>();
        // Debian's openssl makes the certificates: without it this suite cannot say anything.
        QVERIFY2(!TestCertificate::openssl().isEmpty(),
                 "openssl is not installed (Debian: apt-get install openssl, or "
                 "scripts/deps.sh test)");
        QVERIFY(m_dir.isValid());
        QString error;
        m_first = TestCertificate::selfSigned(m_dir.path(), QStringLiteral("first"), &error);
        QVERIFY2(m_first, qPrintable(error));
        m_second = TestCertificate::selfSigned(m_dir.path(), QStringLiteral("second"), &error);
        QVERIFY2(m_second, qPrintable(error));
        QVERIFY(m_first->fingerprint != m_second->fingerprint);
        m_server = std::make_unique<TestServer>(m_first->serverArguments());
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    }

    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }

    void serverKey_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("key");
        QTest::newRow("https, port") << "https://127.0.0.1:8443/"
                                     << "127.0.0.1:8443";
        QTest::newRow("https, default port") << "https://Chat.Example.org"
                                             << "chat.example.org:443";
        QTest::newRow("wss, default port") << "wss://chat.example.org/ws"
                                           << "chat.example.org:443";
        QTest::newRow("http") << "http://example.org"
                              << "example.org:80";
        QTest::newRow("ipv6") << "https://[::1]:9000/x"
                              << "[::1]:9000";
    }

    void serverKey()
    {
        QFETCH(QString, url);
        QFETCH(QString, key);
        QCOMPARE(CertificatePins::serverKey(QUrl(url)), key);
    }

    void pinsKeepThroughTheirSettingsLines()
    {
        CertificatePins pins;
        QSignalSpy changed(&pins, &CertificatePins::changed);
        pins.setPin(QStringLiteral("[::1]:9000"), m_first->fingerprint);
        pins.setPin(QStringLiteral("example.org:443"), m_second->fingerprint);
        pins.setPin(QStringLiteral("example.org:443"), m_second->fingerprint); // no change
        QCOMPARE(changed.size(), 2);

        CertificatePins read;
        read.setFromStringList(
            pins.toStringList()
            + QStringList{QStringLiteral("broken"), QStringLiteral("short.example:443=abcd")});
        QCOMPARE(read.servers(), pins.servers());
        QCOMPARE(read.pin(QStringLiteral("[::1]:9000")), m_first->fingerprint);
        QCOMPARE(read.pin(QStringLiteral("example.org:443")), m_second->fingerprint);

        pins.forget(QStringLiteral("example.org:443"));
        QCOMPARE(changed.size(), 3);
        QVERIFY(!pins.isPinned(QStringLiteral("example.org:443")));
        QCOMPARE(pins.servers(), QStringList{QStringLiteral("[::1]:9000")});
    }

    void refusedOverHttpsWithoutPin()
    {
        ApiClient client(httpsUrl(*m_server));
        const QString name = freshName();
        const ApiResult<QString> refused = signUp(client, name);
        QCOMPARE(refused.code(), ErrorCode::Unavailable);
        QCOMPARE(refused.httpStatus, 0);
        QCOMPARE(refused.local, LocalError::Tls);
        QCOMPARE(refused.certificate.verdict, Verdict::Unverified);
        QVERIFY(refused.certificate.canBeTrusted());
        QCOMPARE(refused.certificate.server, keyOf(*m_server));
        QCOMPARE(refused.certificate.fingerprint, m_first->fingerprint);
        QVERIFY(refused.certificate.pinned.isEmpty());
        QVERIFY2(!refused.certificate.errors.isEmpty(), "the system's reasons are kept");
        const QString address = displayAddress(client.baseUrl());
        QVERIFY2(refused.certificate.sentence(LocalErrorPhase::SignIn, address).contains(address),
                 qPrintable(refused.certificate.sentence(LocalErrorPhase::SignIn, address)));
        QVERIFY(refused.certificate.detail().contains(
            CertificateCheck::displayFingerprint(m_first->fingerprint.left(16))));

        // Nothing went over the refused connection: the account was never created.
        client.certificatePins()->setPin(keyOf(*m_server), m_first->fingerprint);
        const ApiResult<QString> created = signUp(client, name);
        QVERIFY2(created.ok(), qPrintable(created.problem.detail));
        QCOMPARE(created.httpStatus, 201);
    }

    void acceptedOverHttpsOncePinned()
    {
        const std::unique_ptr<ApiClient> client = signedInClient(*m_server, m_first->fingerprint);
        if (QTest::currentTestFailed())
            return;
        const ApiResult<Reservation> reserved = reserve(*client, freshRoom());
        QVERIFY2(reserved.ok(), qPrintable(reserved.problem.detail));
        QCOMPARE(reserved.httpStatus, 201);
        QCOMPARE(reserved.certificate.verdict, Verdict::None);
        QCOMPARE(reserved.value.websocketUrl.scheme(), u"wss");
        QCOMPARE(reserved.value.websocketUrl.port(), m_server->wsPort());

        // The pin is for this server only: another port of the same host is asked about.
        ApiClient elsewhere(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server->wsPort())));
        elsewhere.certificatePins()->setPin(keyOf(*m_server), m_first->fingerprint);
        const ApiResult<QString> refused = signUp(elsewhere, freshName());
        QCOMPARE(refused.local, LocalError::Tls);
        QCOMPARE(refused.certificate.verdict, Verdict::Unverified);
        QCOMPARE(refused.certificate.server,
                 QStringLiteral("127.0.0.1:%1").arg(m_server->wsPort()));
    }

    void claimOverWssOncePinned()
    {
        const std::unique_ptr<ApiClient> client = signedInClient(*m_server, m_first->fingerprint);
        if (QTest::currentTestFailed())
            return;
        RoomSession session(client.get(), freshRoom());
        session.setEntryOptions(EntryOptions{true, 8});
        QSignalSpy received(&session, &RoomSession::messageReceived);
        session.enter();
        QTRY_VERIFY_WITH_TIMEOUT(session.isJoined() || session.hasFailed(), kTimeoutMs);
        QVERIFY2(session.isJoined(), qPrintable(session.failure().sentence()));
        const QString clientId = session.sendMessage(QStringLiteral("over wss"));
        QVERIFY(!clientId.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, kTimeoutMs);
        QCOMPARE(received.at(0).at(0).value<ChatMessage>().clientId, clientId);
        session.leave();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Idle, kTimeoutMs);
    }

    void claimRefusedOverWssWithoutPin()
    {
        const std::unique_ptr<ApiClient> client = signedInClient(*m_server, m_first->fingerprint);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy finished(client.get(), &ApiClient::callFinished);
        // Reserved over https with the pin; the pin is gone before the claim.
        const std::unique_ptr<RoomSession> session = enterWithHeldClaim(
            *client, [&] { client->certificatePins()->forget(keyOf(*m_server)); });
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(session->state(), State::Failed);
        const RoomSession::Failure failure = session->failure();
        QCOMPARE(failure.phase, Phase::Connection);
        QCOMPARE(failure.code, ErrorCode::Unavailable);
        QCOMPARE(failure.local, LocalError::Tls);
        QCOMPARE(failure.closeCode, 1006);
        QCOMPARE(failure.certificate.verdict, Verdict::Unverified);
        QCOMPARE(failure.certificate.fingerprint, m_first->fingerprint);
        QCOMPARE(failure.certificate.server, keyOf(*m_server));
        QVERIFY(!failure.retryHelps);
        QVERIFY2(failure.address.startsWith(
                     QStringLiteral("wss://127.0.0.1:%1").arg(m_server->wsPort())),
                 qPrintable(failure.address));
        QVERIFY2(failure.sentence().contains(failure.address), qPrintable(failure.sentence()));
        // The ticket never travelled: the seat is still only reserved, nobody joined. (The
        // session's cancel meets the same certificate over https, and is refused too.)
        QTRY_COMPARE_WITH_TIMEOUT(calls(finished, ApiClient::Call::Cancel, 0), 1, kTimeoutMs);
        const std::unique_ptr<ApiClient> observer = signedInClient(*m_server, m_first->fingerprint);
        if (QTest::currentTestFailed())
            return;
        const ApiResult<QList<RoomInfo>> rooms = await<QList<RoomInfo>>(
            [&](QObject *context, auto done) { observer->listRooms(context, std::move(done)); });
        QVERIFY2(rooms.ok(), qPrintable(rooms.problem.detail));
        bool found = false;
        for (const RoomInfo &room : rooms.value) {
            if (room.name != session->room())
                continue;
            found = true;
            QCOMPARE(room.occupants, 0);
            QCOMPARE(room.reserved, 1);
        }
        QVERIFY(found);
    }

    void claimRefusedOverWssWhenChanged()
    {
        const std::unique_ptr<ApiClient> client = signedInClient(*m_server, m_first->fingerprint);
        if (QTest::currentTestFailed())
            return;
        // Another certificate is trusted for the server by the time of the claim.
        const std::unique_ptr<RoomSession> session = enterWithHeldClaim(*client, [&] {
            client->certificatePins()->setPin(keyOf(*m_server), m_second->fingerprint);
        });
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(session->state(), State::Failed);
        const RoomSession::Failure failure = session->failure();
        QCOMPARE(failure.phase, Phase::Connection);
        QCOMPARE(failure.local, LocalError::Tls);
        QCOMPARE(failure.certificate.verdict, Verdict::Changed);
        QCOMPARE(failure.certificate.fingerprint, m_first->fingerprint);
        QCOMPARE(failure.certificate.pinned, m_second->fingerprint);
        QVERIFY2(failure.sentence().contains(failure.address), qPrintable(failure.sentence()));
        QVERIFY(!failure.retryHelps);
        QCOMPARE(session->reconnectSecondsLeft(), 0);
    }

    void verifiedCertificateNeedsNoPin()
    {
        // A CA this process trusts, as the system's CAs are trusted: its certificate needs
        // no pin, in either phase.
        QString error;
        const std::optional<TestCertificate> ca
            = TestCertificate::selfSigned(m_dir.path(), QStringLiteral("ca"), &error);
        QVERIFY2(ca, qPrintable(error));
        const std::optional<TestCertificate> issued
            = TestCertificate::issuedBy(*ca, m_dir.path(), QStringLiteral("issued"), &error);
        QVERIFY2(issued, qPrintable(error));
        const QSslConfiguration before = QSslConfiguration::defaultConfiguration();
        const auto restore
            = qScopeGuard([before] { QSslConfiguration::setDefaultConfiguration(before); });
        QSslConfiguration trusting = before;
        trusting.addCaCertificate(ca->certificate);
        QSslConfiguration::setDefaultConfiguration(trusting);

        TestServer server(issued->serverArguments());
        QVERIFY2(server.start(), qPrintable(server.output()));
        const std::unique_ptr<ApiClient> client = signedInClient(server, {});
        if (QTest::currentTestFailed())
            return;
        QVERIFY(client->certificatePins()->servers().isEmpty());
        RoomSession session(client.get(), freshRoom());
        session.setEntryOptions(EntryOptions{true, 8});
        session.enter();
        QTRY_VERIFY_WITH_TIMEOUT(session.isJoined() || session.hasFailed(), kTimeoutMs);
        QVERIFY2(session.isJoined(), qPrintable(session.failure().sentence()));
        session.leave();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Idle, kTimeoutMs);
        QCOMPARE(server.terminate(), 0);
    }

    // Last: the server comes back on its ports with another certificate.
    void changedCertificateRefusedOverHttps()
    {
        const std::unique_ptr<ApiClient> client = signedInClient(*m_server, m_first->fingerprint);
        if (QTest::currentTestFailed())
            return;
        const QString key = keyOf(*m_server);
        const QUrl url = httpsUrl(*m_server);
        // The same server (data dir, ports) with a renewed certificate: the account stays.
        QStringList arguments = m_second->serverArguments();
        arguments << QStringLiteral("--http-port") << QString::number(m_server->httpPort())
                  << QStringLiteral("--ws-port") << QString::number(m_server->wsPort())
                  << QStringLiteral("--data-dir") << m_server->dataDir();
        QCOMPARE(m_server->terminate(), 0);
        m_retired = std::move(m_server);
        m_server = std::make_unique<TestServer>(arguments);
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        QCOMPARE(httpsUrl(*m_server), url);

        const ApiResult<Reservation> refused = reserve(*client, freshRoom());
        QCOMPARE(refused.code(), ErrorCode::Unavailable);
        QCOMPARE(refused.local, LocalError::Tls);
        QCOMPARE(refused.certificate.verdict, Verdict::Changed);
        QCOMPARE(refused.certificate.server, key);
        QCOMPARE(refused.certificate.fingerprint, m_second->fingerprint);
        QCOMPARE(refused.certificate.pinned, m_first->fingerprint);
        const QString address = displayAddress(url);
        const QString sentence
            = refused.certificate.sentence(LocalErrorPhase::Reservation, address);
        QVERIFY2(sentence.contains(address) && sentence.contains(QStringLiteral("identity")),
                 qPrintable(sentence));
        QVERIFY(refused.certificate.detail().contains(
            CertificateCheck::displayFingerprint(m_first->fingerprint.left(16))));

        // A room session tells it in the reservation phase, and does not retry it.
        RoomSession session(client.get(), freshRoom());
        session.setEntryOptions(EntryOptions{true, 8});
        session.enter();
        QTRY_VERIFY_WITH_TIMEOUT(session.hasFailed(), kTimeoutMs);
        QCOMPARE(session.failure().phase, Phase::Reservation);
        QCOMPARE(session.failure().certificate.verdict, Verdict::Changed);
        QVERIFY2(session.failure().sentence().contains(address),
                 qPrintable(session.failure().sentence()));

        // Pinning the new one (after asking the admin) lets the same client in again.
        client->certificatePins()->setPin(key, m_second->fingerprint);
        session.retryNow();
        QTRY_VERIFY_WITH_TIMEOUT(session.isJoined() || session.hasFailed(), kTimeoutMs);
        QVERIFY2(session.isJoined(), qPrintable(session.failure().sentence()));
        session.leave();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Idle, kTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestCertificatePins)
#include "tst_certificatepins.moc"
