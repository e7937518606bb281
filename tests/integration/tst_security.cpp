// SPDX-License-Identifier: MIT
#include "tests/common/testserver.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <sys/stat.h>

using namespace roomgate::test;

/**
 * What an operator expects before exposing the server: https and wss with a certificate
 * of theirs, a data dir only its owner reads whatever the umask, no secret in the log of a
 * whole run, sessions capped and ended everywhere at once, and `--verify` telling a clean
 * store from a broken one.
 */
class TestSecurity : public QObject
{
    Q_OBJECT

    QTemporaryDir m_certDir;
    QString m_cert;
    QString m_key;

    /** `roomgate-server --verify` over @p dataDir; its exit code and output. */
    static std::pair<int, QString> verify(const QString &dataDir)
    {
        QProcess p;
        p.start(TestServer::binary(),
                {QStringLiteral("--verify"), QStringLiteral("--data-dir"), dataDir});
        if (!p.waitForFinished(30000))
            return {-1, QString()};
        return {p.exitCode(),
                QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError())};
    }

    static QSslConfiguration trusting(const QString &certPath)
    {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(certPath));
        return tls;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A throwaway certificate for localhost, made here by Debian's openssl.
        QVERIFY(m_certDir.isValid());
        m_cert = m_certDir.filePath(QStringLiteral("cert.pem"));
        m_key = m_certDir.filePath(QStringLiteral("key.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                       QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=DNS:localhost"), QStringLiteral("-keyout"),
                       m_key, QStringLiteral("-out"), m_cert});
        QVERIFY2(openssl.waitForFinished(60000) && openssl.exitCode() == 0,
                 "openssl (Debian package openssl) must be installed to make a certificate");
    }

    void httpsAndWssOnBothPorts()
    {
        TestServer server(
            {QStringLiteral("--tls-cert"), m_cert, QStringLiteral("--tls-key"), m_key});
        QVERIFY2(server.start(), qPrintable(server.output()));
        QNetworkAccessManager nam;
        const auto post = [&](const QString &path, const QJsonObject &body,
                              const QByteArray &token) {
            QNetworkRequest request(
                QUrl(QStringLiteral("https://localhost:%1%2").arg(server.httpPort()).arg(path)));
            request.setSslConfiguration(trusting(m_cert));
            request.setRawHeader("Content-Type", "application/json");
            if (!token.isEmpty())
                request.setRawHeader("Authorization", "Bearer " + token);
            QNetworkReply *reply = nam.post(request, QJsonDocument(body).toJson());
            QSignalSpy finished(reply, &QNetworkReply::finished);
            if (!reply->isFinished())
                finished.wait(20000);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
            reply->deleteLater();
            return std::pair{status, json};
        };
        const QJsonObject alice{{QStringLiteral("username"), QStringLiteral("alice")},
                                {QStringLiteral("password"), QStringLiteral("password-alice")}};
        QCOMPARE(post(QStringLiteral("/api/v1/accounts"), alice, {}).first, 201);
        const QByteArray token = post(QStringLiteral("/api/v1/sessions"), alice, {})
                                     .second.value(u"token")
                                     .toString()
                                     .toLatin1();
        QVERIFY(!token.isEmpty());
        const auto [status, entry] = post(QStringLiteral("/api/v1/rooms/secure/entries"),
                                          {{QStringLiteral("create"), true}}, token);
        QCOMPARE(status, 201);
        const QString url = entry.value(u"websocketUrl").toString();
        QVERIFY2(url.startsWith(QStringLiteral("wss://localhost:")), qPrintable(url));
        // The claim over wss, with the same certificate.
        QWebSocket socket;
        socket.setSslConfiguration(trusting(m_cert));
        QSignalSpy text(&socket, &QWebSocket::textMessageReceived);
        socket.open(QUrl(url));
        QVERIFY(text.wait(10000));
        QCOMPARE(QJsonDocument::fromJson(text.first().first().toString().toUtf8())
                     .object()
                     .value(u"type")
                     .toString(),
                 QStringLiteral("joined"));
        // Plain HTTP to the TLS port gets nothing (the handshake fails).
        QNetworkRequest plain(
            QUrl(QStringLiteral("http://localhost:%1/healthz").arg(server.httpPort())));
        QNetworkReply *reply = nam.get(plain);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(reply->isFinished() || done.wait(20000));
        QVERIFY(reply->error() != QNetworkReply::NoError);
        reply->deleteLater();
        socket.close();
        QCOMPARE(server.terminate(), 0);
    }

    void dataDirIsPrivateWhateverTheUmask()
    {
        const mode_t previous = ::umask(0);
        TestServer server;
        const bool started = server.start();
        ::umask(previous);
        QVERIFY2(started, qPrintable(server.output()));
        TestApi api(server.httpPort());
        QVERIFY(!api.userToken(QStringLiteral("someone")).isEmpty());
        const auto mode = [&](const QString &name) {
            return QFileInfo(server.dataDir() + QLatin1Char('/') + name).permissions();
        };
        const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner
            | QFileDevice::ReadUser | QFileDevice::WriteUser;
        QCOMPARE(mode(QString()) & ~(QFileDevice::ExeOwner | QFileDevice::ExeUser), ownerOnly);
        for (const QString &file :
             {QStringLiteral("roomgate.db"), QStringLiteral("roomgate.db-wal"),
              QStringLiteral("ticket-secret"), QStringLiteral("node-id")})
            QVERIFY2(mode(file) == ownerOnly, qPrintable(file));
        QCOMPARE(server.terminate(), 0);
    }

    void noSecretInTheLogOfAWholeRun()
    {
        TestServer server;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ROOMGATE_ADMIN_PASSWORD"),
                           QStringLiteral("admin-secret-pw"));
        QProcess bootstrap;
        bootstrap.setProcessEnvironment(environment);
        bootstrap.start(TestServer::binary(),
                        {QStringLiteral("--headless"), QStringLiteral("--create-admin"),
                         QStringLiteral("root"), QStringLiteral("--data-dir"), server.dataDir(),
                         QStringLiteral("--password-cost"), QStringLiteral("minimum")});
        QVERIFY(bootstrap.waitForFinished(30000));
        QCOMPARE(bootstrap.exitCode(), 0);
        const QByteArray bootstrapLog
            = bootstrap.readAllStandardOutput() + bootstrap.readAllStandardError();
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        QList<QByteArray> secrets{"admin-secret-pw", "password-alice", "password-bob"};
        const QByteArray alice = api.userToken(QStringLiteral("alice"));
        const QByteArray bob = api.userToken(QStringLiteral("bob"));
        const QByteArray admin
            = api.post(QStringLiteral("/api/v1/sessions"),
                       {{QStringLiteral("username"), QStringLiteral("root")},
                        {QStringLiteral("password"), QStringLiteral("admin-secret-pw")}})
                  .json.value(u"token")
                  .toString()
                  .toLatin1();
        secrets << alice << bob << admin;
        const HttpReply entry = api.reserve(alice, QStringLiteral("talk"));
        const HttpReply other = api.reserve(bob, QStringLiteral("talk"));
        secrets << entry.json.value(u"ticket").toString().toLatin1()
                << other.json.value(u"ticket").toString().toLatin1();
        TestSocket socket;
        socket.open(entry.json.value(u"websocketUrl").toString());
        QVERIFY(!socket.frameOfType(QStringLiteral("joined")).isEmpty());
        socket.send({{QStringLiteral("type"), QStringLiteral("message")},
                     {QStringLiteral("text"), QStringLiteral("hello")}});
        QVERIFY(!socket.frameOfType(QStringLiteral("message")).isEmpty());
        // Wrong and right guesses, a cancel, a replay, admin actions, a sign-out.
        api.post(QStringLiteral("/api/v1/sessions"),
                 {{QStringLiteral("username"), QStringLiteral("alice")},
                  {QStringLiteral("password"), QStringLiteral("wrong-pass-x")}});
        QCOMPARE(
            api.request("DELETE",
                        QStringLiteral("/api/v1/entries/") + other.json.value(u"ticket").toString(),
                        {}, bob)
                .status,
            204);
        TestSocket replay;
        replay.open(entry.json.value(u"websocketUrl").toString());
        QVERIFY(replay.waitClosed());
        QCOMPARE(api.request("GET", QStringLiteral("/api/v1/admin/reservations"), {}, admin).status,
                 200);
        QCOMPARE(api.request("DELETE", QStringLiteral("/api/v1/admin/rooms/talk/members/alice"), {},
                             admin)
                     .status,
                 204);
        QCOMPARE(api.request("DELETE", QStringLiteral("/api/v1/sessions/current"), {}, bob).status,
                 204);
        QCOMPARE(server.terminate(), 0);
        const QByteArray log = server.output().toUtf8() + bootstrapLog;
        for (const QByteArray &secret : std::as_const(secrets)) {
            QVERIFY(!secret.isEmpty());
            QVERIFY2(!log.contains(secret), secret.constData());
        }
        QVERIFY(!log.contains("ticket="));
    }

    void sessionsAreCappedAndEndedEverywhere()
    {
        TestServer server({QStringLiteral("--sessions-per-user"), QStringLiteral("3")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const QByteArray first = api.userToken(QStringLiteral("carol"));
        QList<QByteArray> later;
        for (int i = 0; i < 3; ++i)
            later << api.post(QStringLiteral("/api/v1/sessions"),
                              {{QStringLiteral("username"), QStringLiteral("carol")},
                               {QStringLiteral("password"), QStringLiteral("password-carol")}})
                         .json.value(u"token")
                         .toString()
                         .toLatin1();
        // The oldest went first.
        QCOMPARE(api.request("GET", QStringLiteral("/api/v1/rooms"), {}, first).status, 401);
        for (const QByteArray &token : std::as_const(later))
            QCOMPARE(api.request("GET", QStringLiteral("/api/v1/rooms"), {}, token).status, 200);
        // Signing out everywhere ends them all.
        QCOMPARE(
            api.request("DELETE", QStringLiteral("/api/v1/sessions"), {}, later.first()).status,
            204);
        for (const QByteArray &token : std::as_const(later))
            QCOMPARE(api.request("GET", QStringLiteral("/api/v1/rooms"), {}, token).status, 401);
        QCOMPARE(server.terminate(), 0);
    }

    void verifyTellsCleanFromBroken()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const QByteArray dave = api.userToken(QStringLiteral("dave"));
        QCOMPARE(api.reserve(dave, QStringLiteral("tidy"), true, 1).status, 201);
        QCOMPARE(server.terminate(), 0);
        const auto [clean, cleanOut] = verify(server.dataDir());
        QVERIFY2(clean == 0, qPrintable(cleanOut));

        // Break I1 and I4 behind the server's back.
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("breaker"));
            db.setDatabaseName(server.databasePath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO memberships (room_id, user_id, node_id, "
                                          "connection_id, address, since) "
                                          "SELECT id, (SELECT id FROM users LIMIT 1), "
                                          "'node-long-dead', 'c', '127.0.0.1', 0 FROM "
                                          "rooms WHERE name = 'tidy'")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("breaker"));
        const auto [broken, brokenOut] = verify(server.dataDir());
        QCOMPARE(broken, 3);
        QVERIFY2(brokenOut.contains(QStringLiteral("I1 room \"tidy\"")), qPrintable(brokenOut));
        QVERIFY2(brokenOut.contains(QStringLiteral("node-long-dead")), qPrintable(brokenOut));

        // Nothing to read: 1, and nothing is created.
        QTemporaryDir empty;
        const auto [unreadable, unreadableOut] = verify(empty.filePath(QStringLiteral("none")));
        QCOMPARE(unreadable, 1);
        QVERIFY(!QFileInfo::exists(empty.filePath(QStringLiteral("none"))));
    }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
