// SPDX-License-Identifier: MIT
#include "tests/common/testserver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace roomgate::test;

/**
 * Phase 0 against a real server: sign-up with the text rules (NFC, lengths, letters,
 * case-insensitive uniqueness), sign-in and sign-out, the problem+json shape of every
 * refusal, and what the store keeps (no plain password, no presentable token).
 */
class TestAccounts : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestApi> m_api;
    QSqlDatabase m_db;
    int m_names = 0;

    /** A username no other test uses. */
    QString freshName(const QString &prefix = QStringLiteral("user"))
    {
        return prefix + QString::number(++m_names);
    }

    static QByteArray credentials(const QString &username, const QString &password)
    {
        const QJsonObject body{{QStringLiteral("username"), username},
                               {QStringLiteral("password"), password}};
        return QJsonDocument(body).toJson(QJsonDocument::Compact);
    }

    HttpReply signUp(const QString &username, const QString &password)
    {
        return m_api->request("POST", QStringLiteral("/api/v1/accounts"),
                              credentials(username, password));
    }

    HttpReply signIn(const QString &username, const QString &password)
    {
        return m_api->request("POST", QStringLiteral("/api/v1/sessions"),
                              credentials(username, password));
    }

    HttpReply listRooms(const QByteArray &token)
    {
        return m_api->request("GET", QStringLiteral("/api/v1/rooms"), {}, token);
    }

    int rowCount(const QString &table)
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    /** Every column of every row of @p table, as text. */
    QStringList allValues(const QString &table)
    {
        QStringList values;
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT * FROM ") + table))
            return {QStringLiteral("<query failed>")};
        while (q.next()) {
            for (int i = 0; i < q.record().count(); ++i)
                values.append(q.value(i).toString());
        }
        return values;
    }

    static bool isJsonContentType(const QByteArray &contentType, const QByteArray &expected)
    {
        return contentType.split(';').first().trimmed().toLower() == expected;
    }

    /** Empty when @p reply is an RFC 9457 problem with @p status and @p code; else what differs. */
    static QString problemMismatch(const HttpReply &reply, int status, const QString &code,
                                   bool retryable = false)
    {
        QStringList errors;
        if (reply.status != status)
            errors.append(
                QStringLiteral("HTTP status %1, expected %2").arg(reply.status).arg(status));
        if (!isJsonContentType(reply.contentType, "application/problem+json"))
            errors.append(
                QStringLiteral("Content-Type '%1'").arg(QString::fromLatin1(reply.contentType)));
        const QJsonObject &json = reply.json;
        if (json.value(u"code").toString() != code)
            errors.append(QStringLiteral("code '%1', expected '%2'")
                              .arg(json.value(u"code").toString(), code));
        if (!json.value(u"type").toString().startsWith(QStringLiteral("urn:roomgate:error:")))
            errors.append(QStringLiteral("type is not a urn:roomgate:error: URI"));
        if (!json.value(u"title").isString() || json.value(u"title").toString().isEmpty())
            errors.append(QStringLiteral("title missing"));
        if (!json.value(u"status").isDouble() || json.value(u"status").toInt() != status)
            errors.append(QStringLiteral("body status does not match"));
        if (!json.value(u"detail").isString())
            errors.append(QStringLiteral("detail missing"));
        if (!json.value(u"retryable").isBool() || json.value(u"retryable").toBool() != retryable)
            errors.append(QStringLiteral("retryable is not %1")
                              .arg(QLatin1StringView(retryable ? "true" : "false")));
        if (!errors.isEmpty())
            errors.append(QStringLiteral("body: ") + QString::fromUtf8(reply.body));
        return errors.join(QStringLiteral("; "));
    }

    /** Korean "한글" written as conjoining jamo (NFD), and its NFC form. */
    static QString hangulDecomposed()
    {
        return QStringLiteral("\u1112\u1161\u11AB\u1100\u1173\u11AF");
    }
    static QString hangulComposed() { return QStringLiteral("\uD55C\uAE00"); }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<TestApi>(m_server->httpPort());
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("observer"));
        m_db.setDatabaseName(m_server->databasePath());
        m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QVERIFY(m_db.open());
        // Used by the BAD_REQUEST rows: a lenient server would sign this user in.
        QCOMPARE(signUp(QStringLiteral("frank"), QStringLiteral("password1")).status, 201);
    }

    void cleanupTestCase()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("observer"));
        QCOMPARE(m_server->terminate(), 0);
    }

    void signUpAnswersNfcName_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("expected");
        QString e32;
        QString e32Nfc;
        for (int i = 0; i < 32; ++i) {
            e32 += QStringLiteral("e\u0301");
            e32Nfc += QStringLiteral("\u00E9");
        }
        QTest::newRow("ascii") << QStringLiteral("alice_1") << QStringLiteral("alice_1");
        QTest::newRow("punctuation") << QStringLiteral("a.b-c_d") << QStringLiteral("a.b-c_d");
        QTest::newRow("two characters") << QStringLiteral("ab") << QStringLiteral("ab");
        QTest::newRow("32 characters")
            << QString(32, QLatin1Char('m')) << QString(32, QLatin1Char('m'));
        QTest::newRow("korean") << QStringLiteral("김민준") << QStringLiteral("김민준");
        QTest::newRow("decomposed accent")
            << QStringLiteral("E\u0301milie") << QStringLiteral("\u00C9milie");
        QTest::newRow("decomposed korean") << hangulDecomposed() << hangulComposed();
        QTest::newRow("64 code points, 32 after NFC") << e32 << e32Nfc;
        QTest::newRow("arabic-indic digit")
            << QStringLiteral("user\u0663") << QStringLiteral("user\u0663");
    }

    void signUpAnswersNfcName()
    {
        QFETCH(QString, username);
        QFETCH(QString, expected);
        const int before = rowCount(QStringLiteral("users"));
        const HttpReply r = signUp(username, QStringLiteral("a fine password"));
        QCOMPARE(r.status, 201);
        QVERIFY2(isJsonContentType(r.contentType, "application/json"), r.contentType.constData());
        QCOMPARE(r.json.value(u"username").toString(), expected);
        QCOMPARE(rowCount(QStringLiteral("users")), before + 1);
        // The store keeps the NFC form too.
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM users WHERE name = ?"));
        q.addBindValue(expected);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void invalidUsername_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QString password = QStringLiteral("long-enough-password");
        QString e33;
        for (int i = 0; i < 33; ++i)
            e33 += QStringLiteral("e\u0301");
        QTest::newRow("empty") << credentials(QString(), password);
        QTest::newRow("one character") << credentials(QStringLiteral("a"), password);
        QTest::newRow("33 characters") << credentials(QString(33, QLatin1Char('n')), password);
        QTest::newRow("33 characters after NFC") << credentials(e33, password);
        QTest::newRow("space inside") << credentials(QStringLiteral("al ice"), password);
        QTest::newRow("trailing space") << credentials(QStringLiteral("alice "), password);
        QTest::newRow("sql comment") << credentials(QStringLiteral("a';--"), password);
        QTest::newRow("sql tautology") << credentials(QStringLiteral("x' OR '1'='1"), password);
        QTest::newRow("slash") << credentials(QStringLiteral("a/b"), password);
        QTest::newRow("at sign") << credentials(QStringLiteral("bob@example"), password);
        QTest::newRow("emoji") << credentials(QStringLiteral("ab\U0001F600"), password);
        QTest::newRow("zero width joiner") << credentials(QStringLiteral("ab\u200Dcd"), password);
        QTest::newRow("lone surrogate")
            << QByteArray(R"({"username":"ab\ud800","password":"long-enough-password"})");
        QTest::newRow("lone low surrogate")
            << QByteArray(R"({"username":"\udc00ab","password":"long-enough-password"})");
        QTest::newRow("nul character")
            << QByteArray(R"({"username":"a\u0000b","password":"long-enough-password"})");
    }

    void invalidUsername()
    {
        QFETCH(QByteArray, body);
        const int before = rowCount(QStringLiteral("users"));
        const HttpReply r = m_api->request("POST", QStringLiteral("/api/v1/accounts"), body);
        const QString mismatch = problemMismatch(r, 400, QStringLiteral("INVALID_USERNAME"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(rowCount(QStringLiteral("users")), before);
    }

    void passwordLength_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QString nfc4;
        for (int i = 0; i < 4; ++i)
            nfc4 += QStringLiteral("e\u0301");
        QString nfc515;
        for (int i = 0; i < 515; ++i)
            nfc515 += QStringLiteral("e\u0301");
        QString emoji1024;
        for (int i = 0; i < 1024; ++i)
            emoji1024 += QStringLiteral("\U0001F511");
        const QString ok;
        QTest::newRow("empty") << QString() << 400 << QStringLiteral("WEAK_PASSWORD");
        QTest::newRow("7 characters")
            << QStringLiteral("abcdefg") << 400 << QStringLiteral("WEAK_PASSWORD");
        QTest::newRow("8 code points, 4 after NFC")
            << nfc4 << 400 << QStringLiteral("WEAK_PASSWORD");
        QTest::newRow("7 code points, 8 UTF-16 units")
            << QStringLiteral("abcdef\U0001F511") << 400 << QStringLiteral("WEAK_PASSWORD");
        QTest::newRow("8 characters") << QStringLiteral("abcdefgh") << 201 << ok;
        QTest::newRow("1024 characters") << QString(1024, QLatin1Char('p')) << 201 << ok;
        QTest::newRow("1024 code points, 2048 UTF-16 units") << emoji1024 << 201 << ok;
        QTest::newRow("1030 code points, 515 after NFC") << nfc515 << 201 << ok;
        QTest::newRow("1025 characters")
            << QString(1025, QLatin1Char('p')) << 400 << QStringLiteral("BAD_REQUEST");
        QTest::newRow("1025 code points")
            << emoji1024 + QStringLiteral("x") << 400 << QStringLiteral("BAD_REQUEST");
    }

    void passwordLength()
    {
        QFETCH(QString, password);
        QFETCH(int, status);
        QFETCH(QString, code);
        const QString name = freshName(QStringLiteral("pw"));
        const int before = rowCount(QStringLiteral("users"));
        const HttpReply r = signUp(name, password);
        if (status == 201) {
            QCOMPARE(r.status, 201);
            QCOMPARE(rowCount(QStringLiteral("users")), before + 1);
            // The whole password counts: it signs in, and one character less does not.
            QCOMPARE(signIn(name, password).status, 201);
            QString shorter = password;
            shorter.chop(shorter.back().isLowSurrogate() ? 2 : 1); // one code point less
            QCOMPARE(signIn(name, shorter).code(), QStringLiteral("BAD_CREDENTIALS"));
        } else {
            const QString mismatch = problemMismatch(r, status, code);
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
            QCOMPARE(rowCount(QStringLiteral("users")), before);
        }
    }

    void tooLongPasswordAtSignIn_data()
    {
        QTest::addColumn<bool>("known");
        QTest::newRow("known user") << true;
        QTest::newRow("unknown user") << false;
    }

    void tooLongPasswordAtSignIn()
    {
        QFETCH(bool, known);
        const QString name = freshName(QStringLiteral("long"));
        const QString password(1024, QLatin1Char('q'));
        if (known)
            QCOMPARE(signUp(name, password).status, 201);
        const int sessions = rowCount(QStringLiteral("sessions"));
        // 1025 characters whose first 1024 are the right password: refused, never truncated.
        const HttpReply r = signIn(name, password + QLatin1Char('q'));
        const QString mismatch = problemMismatch(r, 400, QStringLiteral("BAD_REQUEST"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(rowCount(QStringLiteral("sessions")), sessions);
    }

    void usernameTaken_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::newRow("same") << QStringLiteral("bob") << QStringLiteral("bob");
        QTest::newRow("case") << QStringLiteral("Alice") << QStringLiteral("alice");
        QTest::newRow("upper") << QStringLiteral("carol") << QStringLiteral("CAROL");
        QTest::newRow("composed then decomposed")
            << QStringLiteral("Zo\u00EB") << QStringLiteral("Zoe\u0308");
        QTest::newRow("decomposed then composed")
            << QStringLiteral("Rene\u0301e") << QStringLiteral("Ren\u00E9e");
        QTest::newRow("accent and case")
            << QStringLiteral("\u00C9lise") << QStringLiteral("e\u0301LISE");
        QTest::newRow("korean composed then decomposed") << hangulComposed() << hangulDecomposed();
        // Case folding, not lower-casing: final sigma folds to sigma.
        QTest::newRow("greek final sigma")
            << QStringLiteral("\u03C3\u03B1\u03C2") << QStringLiteral("\u03A3\u0391\u03A3");
        // 서울 composed, then as conjoining jamo.
        QTest::newRow("korean decomposed then composed")
            << QStringLiteral("\u1109\u1165\u110B\u116E\u11AF") << QStringLiteral("\uC11C\uC6B8");
    }

    void usernameTaken()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        // A suffix keeps these names apart from signUpAnswersNfcName's (한글 is there too).
        const QString suffix = QStringLiteral("_t");
        const QString firstPassword = QStringLiteral("first-password");
        QCOMPARE(signUp(first + suffix, firstPassword).status, 201);
        const int before = rowCount(QStringLiteral("users"));
        const HttpReply r = signUp(second + suffix, QStringLiteral("second-password"));
        const QString mismatch = problemMismatch(r, 409, QStringLiteral("USERNAME_TAKEN"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(rowCount(QStringLiteral("users")), before);
        // The refusal changed nothing: the first password still opens the account, under
        // either spelling, and the second one does not.
        QCOMPARE(signIn(second + suffix, firstPassword).status, 201);
        QCOMPARE(signIn(first + suffix, QStringLiteral("second-password")).code(),
                 QStringLiteral("BAD_CREDENTIALS"));
    }

    void badRequest_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        const QByteArray json = "application/json";
        QTest::newRow("malformed json") << QByteArray(R"({"username":"frank",)") << json;
        QTest::newRow("not json") << QByteArray("hello") << json;
        QTest::newRow("empty body") << QByteArray("") << json;
        QTest::newRow("array") << QByteArray(R"(["frank","password1"])") << json;
        QTest::newRow("string") << QByteArray(R"("frank")") << json;
        QTest::newRow("number") << QByteArray("42") << json;
        QTest::newRow("null") << QByteArray("null") << json;
        QTest::newRow("empty object") << QByteArray("{}") << json;
        QTest::newRow("missing username") << QByteArray(R"({"password":"password1"})") << json;
        QTest::newRow("missing password") << QByteArray(R"({"username":"frank"})") << json;
        QTest::newRow("username as number")
            << QByteArray(R"({"username":12345,"password":"password1"})") << json;
        QTest::newRow("username as null")
            << QByteArray(R"({"username":null,"password":"password1"})") << json;
        QTest::newRow("username as array")
            << QByteArray(R"({"username":["frank"],"password":"password1"})") << json;
        QTest::newRow("password as number")
            << QByteArray(R"({"username":"frank","password":12345678})") << json;
        QTest::newRow("password as bool")
            << QByteArray(R"({"username":"frank","password":true})") << json;
        QTest::newRow("password as object")
            << QByteArray(R"({"username":"frank","password":{}})") << json;
        QTest::newRow("text/plain") << QByteArray(R"({"username":"frank","password":"password1"})")
                                    << QByteArray("text/plain");
        QTest::newRow("form encoded") << QByteArray("username=frank&password=password1")
                                      << QByteArray("application/x-www-form-urlencoded");
    }

    void badRequest()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        const int users = rowCount(QStringLiteral("users"));
        const int sessions = rowCount(QStringLiteral("sessions"));
        for (const QString &path :
             {QStringLiteral("/api/v1/accounts"), QStringLiteral("/api/v1/sessions")}) {
            const HttpReply r = m_api->request("POST", path, body, {}, contentType);
            const QString mismatch = problemMismatch(r, 400, QStringLiteral("BAD_REQUEST"));
            QVERIFY2(mismatch.isEmpty(),
                     qPrintable(QString(path + QStringLiteral(": ") + mismatch)));
        }
        QCOMPARE(rowCount(QStringLiteral("users")), users);
        QCOMPARE(rowCount(QStringLiteral("sessions")), sessions);
    }

    void jsonContentTypeVariants_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("with charset") << QByteArray("application/json; charset=utf-8");
        QTest::newRow("upper case") << QByteArray("Application/JSON");
    }

    void jsonContentTypeVariants()
    {
        QFETCH(QByteArray, contentType);
        const QString name = freshName(QStringLiteral("typed"));
        const HttpReply r
            = m_api->request("POST", QStringLiteral("/api/v1/accounts"),
                             credentials(name, QStringLiteral("password-typed")), {}, contentType);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json.value(u"username").toString(), name);
    }

    void oversizeBodyIsRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("sign-up") << QStringLiteral("/api/v1/accounts");
        QTest::newRow("sign-in") << QStringLiteral("/api/v1/sessions");
    }

    void oversizeBodyIsRefused()
    {
        QFETCH(QString, path);
        // 413 comes before every other answer: the 20 000-character password is never looked at.
        const int users = rowCount(QStringLiteral("users"));
        const int sessions = rowCount(QStringLiteral("sessions"));
        const HttpReply r = m_api->request(
            "POST", path,
            credentials(freshName(QStringLiteral("big")), QString(20000, QLatin1Char('x'))));
        const QString mismatch = problemMismatch(r, 413, QStringLiteral("PAYLOAD_TOO_LARGE"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(rowCount(QStringLiteral("users")), users);
        QCOMPARE(rowCount(QStringLiteral("sessions")), sessions);
    }

    void methodNotAllowed_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("allow");
        QTest::newRow("GET accounts")
            << QByteArray("GET") << QStringLiteral("/api/v1/accounts") << QByteArray("POST");
        QTest::newRow("DELETE accounts")
            << QByteArray("DELETE") << QStringLiteral("/api/v1/accounts") << QByteArray("POST");
        QTest::newRow("GET sessions") << QByteArray("GET") << QStringLiteral("/api/v1/sessions")
                                      << QByteArray("DELETE, POST");
        QTest::newRow("GET current session")
            << QByteArray("GET") << QStringLiteral("/api/v1/sessions/current")
            << QByteArray("DELETE");
        QTest::newRow("POST current session")
            << QByteArray("POST") << QStringLiteral("/api/v1/sessions/current")
            << QByteArray("DELETE");
    }

    void methodNotAllowed()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, allow);
        const QByteArray body = method == "POST" ? QByteArray("{}") : QByteArray();
        const HttpReply r = m_api->request(method, path, body);
        const QString mismatch = problemMismatch(r, 405, QStringLiteral("METHOD_NOT_ALLOWED"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(r.allow, allow);
    }

    void concurrentSignUpsOfOneName()
    {
        // Spellings of one name, sent at once: exactly one account, the others are taken.
        const QStringList spellings{
            QStringLiteral("Racer"), QStringLiteral("racer"), QStringLiteral("RACER"),
            QStringLiteral("rAcEr"), QStringLiteral("RaCeR"), QStringLiteral("racer"),
            QStringLiteral("Racer"), QStringLiteral("RACEr"),
        };
        const int before = rowCount(QStringLiteral("users"));
        QNetworkAccessManager nam;
        QList<QNetworkReply *> replies;
        for (const QString &spelling : spellings) {
            QNetworkRequest request(QUrl(
                QStringLiteral("http://127.0.0.1:%1/api/v1/accounts").arg(m_server->httpPort())));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            replies.append(
                nam.post(request, credentials(spelling, QStringLiteral("password-racer"))));
        }
        int created = 0;
        int taken = 0;
        int answered = 0;
        QStringList others;
        for (QNetworkReply *reply : std::as_const(replies)) {
            connect(reply, &QNetworkReply::finished, this, [&, reply] {
                const int status
                    = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QByteArray body = reply->readAll();
                const QString code
                    = QJsonDocument::fromJson(body).object().value(u"code").toString();
                if (status == 201)
                    ++created;
                else if (status == 409 && code == QLatin1String("USERNAME_TAKEN"))
                    ++taken;
                else
                    others.append(QString::number(status) + QLatin1Char(' ')
                                  + QString::fromUtf8(body));
                ++answered;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, int(spellings.size()), 20000);
        qDeleteAll(replies);
        QVERIFY2(others.isEmpty(), qPrintable(others.join(QLatin1Char('\n'))));
        QCOMPARE(created, 1);
        QCOMPARE(taken, int(spellings.size()) - 1);
        QCOMPARE(rowCount(QStringLiteral("users")), before + 1);
    }

    void koreanUserEndToEnd()
    {
        const QString name = QStringLiteral("김철수");
        const QString password = QStringLiteral("비밀번호는정말길어요");
        HttpReply r = signUp(name, password);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json.value(u"username").toString(), name);

        r = signIn(name, password);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json.value(u"username").toString(), name);
        const QByteArray token = r.json.value(u"token").toString().toLatin1();
        QCOMPARE(listRooms(token).status, 200);

        // The same name and password as conjoining jamo (NFD) sign in to the same account.
        r = signIn(name.normalized(QString::NormalizationForm_D),
                   password.normalized(QString::NormalizationForm_D));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json.value(u"username").toString(), name);
        QCOMPARE(listRooms(r.json.value(u"token").toString().toLatin1()).status, 200);
    }

    void signInAnswersSession()
    {
        QCOMPARE(signUp(QStringLiteral("Grace"), QStringLiteral("password-grace")).status, 201);
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const HttpReply r = signIn(QStringLiteral("Grace"), QStringLiteral("password-grace"));
        const QDateTime after = QDateTime::currentDateTimeUtc();
        QCOMPARE(r.status, 201);
        QVERIFY2(isJsonContentType(r.contentType, "application/json"), r.contentType.constData());
        const QString token = r.json.value(u"token").toString();
        QCOMPARE(token.size(), 43);
        QVERIFY2(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}$")).match(token).hasMatch(),
                 qPrintable(token));
        QCOMPARE(r.json.value(u"username").toString(), QStringLiteral("Grace"));
        QVERIFY(r.json.value(u"admin").isBool());
        QCOMPARE(r.json.value(u"admin").toBool(), false);
        const QString expiresText = r.json.value(u"expiresAt").toString();
        const QDateTime expires = QDateTime::fromString(expiresText, Qt::ISODateWithMs);
        QVERIFY2(expires.isValid(), qPrintable(expiresText));
        constexpr qint64 week = 7 * 24 * 3600;
        QVERIFY2(expires >= before.addSecs(week - 5) && expires <= after.addSecs(week + 5),
                 qPrintable(expiresText));
        QCOMPARE(listRooms(token.toLatin1()).status, 200);

        // Each sign-in is its own session.
        const HttpReply again = signIn(QStringLiteral("Grace"), QStringLiteral("password-grace"));
        QCOMPARE(again.status, 201);
        QVERIFY(again.json.value(u"token").toString() != token);
    }

    void signInIsCaseInsensitive_data()
    {
        QTest::addColumn<QString>("spelling");
        QTest::newRow("lower") << QStringLiteral("heidi-x");
        QTest::newRow("upper") << QStringLiteral("HEIDI-X");
        QTest::newRow("mixed") << QStringLiteral("hEiDi-X");
    }

    void signInIsCaseInsensitive()
    {
        QFETCH(QString, spelling);
        const QString name = QStringLiteral("Heidi-x");
        const HttpReply created = signUp(name, QStringLiteral("password-heidi"));
        QVERIFY(created.status == 201 || created.code() == QLatin1String("USERNAME_TAKEN"));
        const HttpReply r = signIn(spelling, QStringLiteral("password-heidi"));
        QCOMPARE(r.status, 201);
        // The answer names the account as it was registered.
        QCOMPARE(r.json.value(u"username").toString(), name);
        QCOMPARE(listRooms(r.json.value(u"token").toString().toLatin1()).status, 200);
    }

    void badCredentials_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("password");
        QTest::newRow("wrong password")
            << QStringLiteral("ivan") << QStringLiteral("password-wrong");
        QTest::newRow("password in other case")
            << QStringLiteral("ivan") << QStringLiteral("PASSWORD-IVAN");
        QTest::newRow("password with a trailing space")
            << QStringLiteral("ivan") << QStringLiteral("password-ivan ");
        QTest::newRow("unknown user")
            << QStringLiteral("nobody-here") << QStringLiteral("password-ivan");
    }

    void badCredentials()
    {
        QFETCH(QString, username);
        QFETCH(QString, password);
        const HttpReply created = signUp(QStringLiteral("ivan"), QStringLiteral("password-ivan"));
        QVERIFY(created.status == 201 || created.code() == QLatin1String("USERNAME_TAKEN"));
        const int sessions = rowCount(QStringLiteral("sessions"));
        const HttpReply r = signIn(username, password);
        const QString mismatch = problemMismatch(r, 401, QStringLiteral("BAD_CREDENTIALS"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QVERIFY(!r.json.contains(u"token"));
        QCOMPARE(rowCount(QStringLiteral("sessions")), sessions);
        // An unknown user and a wrong password look the same.
        const HttpReply reference
            = signIn(QStringLiteral("ivan"), QStringLiteral("password-wrong"));
        QCOMPARE(r.json, reference.json);
    }

    void signOutEndsTheSession()
    {
        const QString name = freshName(QStringLiteral("leaver"));
        QCOMPARE(signUp(name, QStringLiteral("password-leaver")).status, 201);
        const QByteArray first = signIn(name, QStringLiteral("password-leaver"))
                                     .json.value(u"token")
                                     .toString()
                                     .toLatin1();
        const QByteArray second = signIn(name, QStringLiteral("password-leaver"))
                                      .json.value(u"token")
                                      .toString()
                                      .toLatin1();
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        QCOMPARE(listRooms(first).status, 200);
        const int sessions = rowCount(QStringLiteral("sessions"));

        const HttpReply out
            = m_api->request("DELETE", QStringLiteral("/api/v1/sessions/current"), {}, first);
        QCOMPARE(out.status, 204);
        QVERIFY(out.body.isEmpty());
        QCOMPARE(rowCount(QStringLiteral("sessions")), sessions - 1);

        // At once: the token is refused everywhere, signing out again included.
        QString mismatch
            = problemMismatch(listRooms(first), 401, QStringLiteral("UNAUTHENTICATED"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        mismatch = problemMismatch(
            m_api->request("DELETE", QStringLiteral("/api/v1/sessions/current"), {}, first), 401,
            QStringLiteral("UNAUTHENTICATED"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        // The user's other session lives on.
        QCOMPARE(listRooms(second).status, 200);
    }

    void withoutTokenIsUnauthenticated_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("token");
        const QString signOut = QStringLiteral("/api/v1/sessions/current");
        const QString rooms = QStringLiteral("/api/v1/rooms");
        QTest::newRow("sign out, no token") << QByteArray("DELETE") << signOut << QByteArray();
        QTest::newRow("sign out, garbage")
            << QByteArray("DELETE") << signOut << QByteArray("garbage");
        QTest::newRow("sign out, unknown")
            << QByteArray("DELETE") << signOut << QByteArray(43, 'A');
        QTest::newRow("rooms, no token") << QByteArray("GET") << rooms << QByteArray();
        QTest::newRow("rooms, garbage") << QByteArray("GET") << rooms << QByteArray("garbage");
        QTest::newRow("rooms, unknown") << QByteArray("GET") << rooms << QByteArray(43, 'A');
    }

    void withoutTokenIsUnauthenticated()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, token);
        const int sessions = rowCount(QStringLiteral("sessions"));
        const HttpReply r = m_api->request(method, path, {}, token);
        const QString mismatch = problemMismatch(r, 401, QStringLiteral("UNAUTHENTICATED"));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(rowCount(QStringLiteral("sessions")), sessions);
    }

    void storeKeepsNoPlainPassword()
    {
        const QString password = QStringLiteral("correct horse battery staple");
        const QString a = freshName(QStringLiteral("hashed"));
        const QString b = freshName(QStringLiteral("hashed"));
        QCOMPARE(signUp(a, password).status, 201);
        QCOMPARE(signUp(b, password).status, 201);

        QStringList hashes;
        for (const QString &name : {a, b}) {
            QSqlQuery q(m_db);
            q.prepare(QStringLiteral("SELECT password_hash FROM users WHERE name = ?"));
            q.addBindValue(name);
            QVERIFY(q.exec() && q.next());
            const QString hash = q.value(0).toString();
            QVERIFY2(hash.startsWith(QStringLiteral("$argon2id$")), qPrintable(hash));
            QVERIFY(!hash.contains(password));
            hashes.append(hash);
        }
        // Salted: the same password gives two different hashes.
        QVERIFY(hashes.at(0) != hashes.at(1));
        // Nowhere in the users table.
        const QStringList values = allValues(QStringLiteral("users"));
        QVERIFY(!values.isEmpty());
        for (const QString &value : values)
            QVERIFY2(!value.contains(password), qPrintable(value));
    }

    void storeKeepsNoToken()
    {
        const QString name = freshName(QStringLiteral("tokened"));
        QCOMPARE(signUp(name, QStringLiteral("password-tokened")).status, 201);
        const QString token
            = signIn(name, QStringLiteral("password-tokened")).json.value(u"token").toString();
        QCOMPARE(token.size(), 43);
        QSqlQuery q(m_db);
        QVERIFY(q.exec(QStringLiteral("SELECT token_hash FROM sessions")));
        int rows = 0;
        while (q.next()) {
            ++rows;
            QVERIFY(q.value(0).toString() != token);
        }
        QVERIFY(rows > 0);
        for (const QString &value : allValues(QStringLiteral("sessions")))
            QVERIFY2(!value.contains(token), qPrintable(value));
        // And the token still works: the hash is what the server looks up.
        QCOMPARE(listRooms(token.toLatin1()).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_accounts.moc"
