// SPDX-License-Identifier: MIT
#include "client/core/apiclient.h"
#include "tests/clientcore/cannedhttpserver.h"
#include "tests/common/testserver.h"

#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace roomgate;
using namespace roomgate::client;
using namespace roomgate::test;

/**
 * ApiClient against a real server: phase 0 and phase 1 calls, every refusal as a
 * Problem with its code and HTTP status, and the failures that are not problem bodies.
 */
class TestApiClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestApi> m_api;
    int m_users = 0;
    int m_rooms = 0;

    QUrl baseUrl() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->httpPort()));
    }
    QString freshName() { return QStringLiteral("api%1").arg(++m_users); }
    QString freshRoom() { return QStringLiteral("apiroom%1").arg(++m_rooms); }

    /** A client signed in as a fresh user (password "password-<name>"). */
    std::unique_ptr<ApiClient> signedIn(QString *name = nullptr)
    {
        const QString user = freshName();
        if (name)
            *name = user;
        auto client = std::make_unique<ApiClient>(baseUrl());
        client->setToken(QString::fromLatin1(m_api->userToken(user)));
        return client;
    }

    /**
     * Runs one asynchronous call and waits for its callback (bounded). The callback's
     * context dies with this frame, so a late answer cannot write into it.
     */
    template<typename T>
    static ApiResult<T> await(const std::function<void(QObject *, ApiClient::Callback<T>)> &call)
    {
        QObject context;
        std::optional<ApiResult<T>> out;
        call(&context, [&out](const ApiResult<T> &result) { out = result; });
        if (!QTest::qWaitFor([&out] { return out.has_value(); }, 20000)) {
            ApiResult<T> timedOut;
            timedOut.problem = Problem(ErrorCode::Internal, QStringLiteral("test: no callback"));
            return timedOut;
        }
        return *out;
    }

    static ApiResult<QString> signUp(ApiClient &client, const QString &name,
                                     const QString &password)
    {
        return await<QString>([&](QObject *context, ApiClient::Callback<QString> done) {
            client.signUp(name, password, context, std::move(done));
        });
    }
    static ApiResult<AuthSession> signIn(ApiClient &client, const QString &name,
                                         const QString &password)
    {
        return await<AuthSession>([&](QObject *context, ApiClient::Callback<AuthSession> done) {
            client.signIn(name, password, context, std::move(done));
        });
    }
    static ApiResult<> signOut(ApiClient &client)
    {
        return await<std::monostate>([&](QObject *context, ApiClient::Done done) {
            client.signOut(context, std::move(done));
        });
    }
    static ApiResult<QList<RoomInfo>> listRooms(ApiClient &client)
    {
        return await<QList<RoomInfo>>(
            [&](QObject *context, ApiClient::Callback<QList<RoomInfo>> done) {
                client.listRooms(context, std::move(done));
            });
    }
    static ApiResult<Reservation> reserve(ApiClient &client, const QString &room, bool create,
                                          int capacity = 16)
    {
        return await<Reservation>([&](QObject *context, ApiClient::Callback<Reservation> done) {
            client.reserve(room, EntryOptions{create, capacity}, context, std::move(done));
        });
    }
    static ApiResult<> cancel(ApiClient &client, const QString &ticket)
    {
        return await<std::monostate>([&](QObject *context, ApiClient::Done done) {
            client.cancel(ticket, context, std::move(done));
        });
    }

    static std::optional<RoomInfo> findRoom(const QList<RoomInfo> &rooms, const QString &name)
    {
        for (const RoomInfo &room : rooms) {
            if (room.name == name)
                return room;
        }
        return std::nullopt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(
            QStringList{QStringLiteral("--sweep-interval"), QStringLiteral("100")});
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<TestApi>(m_server->httpPort());
    }

    void cleanupTestCase() { QCOMPARE(m_server->terminate(), 0); }

    void signUpSignInSignOut()
    {
        ApiClient client(baseUrl());
        QSignalSpy finished(&client, &ApiClient::callFinished);
        // Sign-up answers the NFC form; sign-in matches any case of it.
        const QString decomposed = QStringLiteral("Jose\u0301-") + freshName();
        const ApiResult<QString> created
            = signUp(client, decomposed, QStringLiteral("correct horse"));
        QVERIFY2(created.ok(), qPrintable(created.problem.detail));
        QCOMPARE(created.httpStatus, 201);
        QCOMPARE(created.value, decomposed.normalized(QString::NormalizationForm_C));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<ApiClient::Call>(), ApiClient::Call::SignUp);
        QCOMPARE(finished.at(0).at(1).toInt(), 201);

        QVERIFY(!client.hasToken());
        const ApiResult<AuthSession> session
            = signIn(client, created.value.toUpper(), QStringLiteral("correct horse"));
        QVERIFY2(session.ok(), qPrintable(session.problem.detail));
        QCOMPARE(session.httpStatus, 201);
        QCOMPARE(session.value.username, created.value);
        QCOMPARE(session.value.token.size(), 43);
        QCOMPARE(session.value.admin, false);
        const qint64 lifetime = QDateTime::currentDateTimeUtc().secsTo(session.value.expiresAt);
        QVERIFY2(lifetime > 7 * 86400 - 120 && lifetime <= 7 * 86400,
                 qPrintable(QString::number(lifetime)));
        QCOMPARE(client.token(), session.value.token);

        const ApiResult<QList<RoomInfo>> rooms = listRooms(client);
        QVERIFY(rooms.ok());
        QCOMPARE(rooms.httpStatus, 200);

        QSignalSpy unauthenticated(&client, &ApiClient::unauthenticated);
        const ApiResult<> out = signOut(client);
        QVERIFY2(out.ok(), qPrintable(out.problem.detail));
        QCOMPARE(out.httpStatus, 204);
        QVERIFY(!client.hasToken());

        // The ended session's token is refused from now on, and the client says so.
        client.setToken(session.value.token);
        const ApiResult<QList<RoomInfo>> after = listRooms(client);
        QCOMPARE(after.code(), ErrorCode::Unauthenticated);
        QCOMPARE(after.httpStatus, 401);
        QCOMPARE(unauthenticated.size(), 1);
    }

    void reserveRepeatListAndCancel()
    {
        std::unique_ptr<ApiClient> client = signedIn();
        const QString name = QStringLiteral("Tea Room 한글 ") + freshRoom();
        const ApiResult<Reservation> first = reserve(*client, name, true, 8);
        QVERIFY2(first.ok(), qPrintable(first.problem.detail));
        QCOMPARE(first.httpStatus, 201);
        QVERIFY(!first.value.repeated);
        QCOMPARE(first.value.ticket.size(), 43);
        QVERIFY(first.value.ttlSeconds >= 29 && first.value.ttlSeconds <= 30);
        QVERIFY(first.value.expiresAt > QDateTime::currentDateTimeUtc());
        QCOMPARE(first.value.websocketUrl.scheme(), QStringLiteral("ws"));
        QCOMPARE(first.value.websocketUrl.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(first.value.websocketUrl.port(), int(m_server->wsPort()));
        QCOMPARE(first.value.room.name, name);
        QCOMPARE(first.value.room.capacity, 8);
        QCOMPARE(first.value.room.reserved, 1);
        QCOMPARE(first.value.room.state, RoomState::Pending);

        // A repeat: 200, the same ticket and expiry, no second seat.
        const ApiResult<Reservation> again = reserve(*client, name, true, 8);
        QVERIFY(again.ok());
        QCOMPARE(again.httpStatus, 200);
        QVERIFY(again.value.repeated);
        QCOMPARE(again.value.ticket, first.value.ticket);
        QCOMPARE(again.value.expiresAt, first.value.expiresAt);
        QCOMPARE(again.value.room.reserved, 1);

        const std::optional<RoomInfo> listed = findRoom(listRooms(*client).value, name);
        QVERIFY(listed);
        QCOMPARE(listed->reserved, 1);
        QCOMPARE(listed->occupants, 0);
        QCOMPARE(listed->freeSeats(), 7);

        const ApiResult<> cancelled = cancel(*client, first.value.ticket);
        QVERIFY2(cancelled.ok(), qPrintable(cancelled.problem.detail));
        QCOMPARE(cancelled.httpStatus, 204);
        // The pending room went with its only reservation (I3).
        QVERIFY(!findRoom(listRooms(*client).value, name));

        const ApiResult<> twice = cancel(*client, first.value.ticket);
        QCOMPARE(twice.code(), ErrorCode::ReservationNotFound);
        QCOMPARE(twice.httpStatus, 404);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("status");
        QTest::newRow("sign-up name too short") << "signUp"
                                                << "x"
                                                << "INVALID_USERNAME" << 400;
        QTest::newRow("sign-up name with space") << "signUp"
                                                 << "a b"
                                                 << "INVALID_USERNAME" << 400;
        QTest::newRow("sign-up weak password") << "signUpWeak"
                                               << ""
                                               << "WEAK_PASSWORD" << 400;
        QTest::newRow("sign-up taken") << "signUpTaken"
                                       << ""
                                       << "USERNAME_TAKEN" << 409;
        QTest::newRow("sign-in wrong password") << "signIn"
                                                << ""
                                                << "BAD_CREDENTIALS" << 401;
        QTest::newRow("no token") << "listRoomsNoToken"
                                  << ""
                                  << "UNAUTHENTICATED" << 401;
        QTest::newRow("unknown token") << "listRoomsBadToken"
                                       << ""
                                       << "UNAUTHENTICATED" << 401;
        QTest::newRow("room name with slash") << "reserve"
                                              << "bad/name"
                                              << "INVALID_ROOM_NAME" << 400;
        QTest::newRow("room name with percent") << "reserve"
                                                << "100%"
                                                << "INVALID_ROOM_NAME" << 400;
        QTest::newRow("room name too long")
            << "reserve" << QString(65, QLatin1Char('r')) << "INVALID_ROOM_NAME" << 400;
        QTest::newRow("capacity 0") << "reserveCapacity"
                                    << "0"
                                    << "INVALID_CAPACITY" << 400;
        QTest::newRow("capacity 10001") << "reserveCapacity"
                                        << "10001"
                                        << "INVALID_CAPACITY" << 400;
        QTest::newRow("no such room") << "reserveExisting"
                                      << ""
                                      << "ROOM_NOT_FOUND" << 404;
        QTest::newRow("unknown ticket")
            << "cancel" << QString(43, QLatin1Char('A')) << "RESERVATION_NOT_FOUND" << 404;
    }
    void refusals()
    {
        QFETCH(QString, call);
        QFETCH(QString, argument);
        QFETCH(QString, code);
        QFETCH(int, status);
        QString user;
        std::unique_ptr<ApiClient> client = signedIn(&user);
        QSignalSpy unauthenticated(client.get(), &ApiClient::unauthenticated);
        QSignalSpy finished(client.get(), &ApiClient::callFinished);

        Problem problem;
        int httpStatus = 0;
        const auto take = [&](const auto &result) {
            QVERIFY(!result.ok());
            problem = result.problem;
            httpStatus = result.httpStatus;
        };
        if (call == u"signUp") {
            take(signUp(*client, argument, QStringLiteral("long enough")));
        } else if (call == u"signUpWeak") {
            take(signUp(*client, freshName(), QStringLiteral("1234567")));
        } else if (call == u"signUpTaken") {
            take(signUp(*client, user.toUpper(), QStringLiteral("long enough")));
        } else if (call == u"signIn") {
            take(signIn(*client, user, QStringLiteral("wrong password")));
        } else if (call == u"listRoomsNoToken") {
            client->setToken({});
            take(listRooms(*client));
        } else if (call == u"listRoomsBadToken") {
            client->setToken(QString(43, QLatin1Char('x')));
            take(listRooms(*client));
        } else if (call == u"reserve") {
            take(reserve(*client, argument, true));
        } else if (call == u"reserveCapacity") {
            take(reserve(*client, freshRoom(), true, argument.toInt()));
        } else if (call == u"reserveExisting") {
            take(reserve(*client, freshRoom(), false));
        } else if (call == u"cancel") {
            take(cancel(*client, argument));
        } else {
            QFAIL("unknown call");
        }
        QCOMPARE(wireName(problem.code), code);
        QCOMPARE(httpStatus, status);
        QVERIFY(!problem.detail.isEmpty());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(2).value<ErrorCode>(), problem.code);
        // Only a refused token ends the session; wrong credentials at sign-in do not.
        QCOMPARE(unauthenticated.size(), problem.code == ErrorCode::Unauthenticated ? 1 : 0);
    }

    void roomFullCarriesRetryAfter()
    {
        std::unique_ptr<ApiClient> holder = signedIn();
        std::unique_ptr<ApiClient> late = signedIn();
        const QString name = freshRoom();
        QVERIFY(reserve(*holder, name, true, 1).ok());
        const ApiResult<Reservation> full = reserve(*late, name, false);
        QCOMPARE(full.code(), ErrorCode::RoomFull);
        QCOMPARE(full.httpStatus, 409);
        QCOMPARE(full.problem.room, name);
        QVERIFY(full.problem.retryable());
        // Until the holder's reservation expires (TTL 30 s), rounded up.
        QVERIFY2(full.problem.retryAfterSeconds >= 1 && full.problem.retryAfterSeconds <= 30,
                 qPrintable(QString::number(full.problem.retryAfterSeconds)));
    }

    void alreadyInRoom()
    {
        std::unique_ptr<ApiClient> client = signedIn();
        const QString name = freshRoom();
        const ApiResult<Reservation> seat = reserve(*client, name, true);
        QVERIFY(seat.ok());
        TestSocket socket;
        socket.open(seat.value.websocketUrl.toString());
        QCOMPARE(socket.nextFrame().value(u"type").toString(), QStringLiteral("joined"));
        const ApiResult<Reservation> again = reserve(*client, name, false);
        QCOMPARE(again.code(), ErrorCode::AlreadyInRoom);
        QCOMPARE(again.httpStatus, 409);
    }

    void stoppedServerIsUnavailable()
    {
        TestServer stopped;
        QVERIFY2(stopped.start(), qPrintable(stopped.output()));
        const quint16 port = stopped.httpPort();
        QCOMPARE(stopped.terminate(), 0);
        ApiClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        client.setToken(QStringLiteral("whatever"));
        QSignalSpy unauthenticated(&client, &ApiClient::unauthenticated);
        const ApiResult<QList<RoomInfo>> rooms = listRooms(client);
        QCOMPARE(rooms.code(), ErrorCode::Unavailable);
        QCOMPARE(rooms.httpStatus, 0);
        QVERIFY(!rooms.problem.detail.isEmpty());
        QVERIFY(rooms.problem.retryable());
        // Nobody answered: this side's finding, not something the server said.
        QCOMPARE(rooms.local, LocalError::ConnectionRefused);
        const ApiResult<AuthSession> session
            = signIn(client, QStringLiteral("someone"), QStringLiteral("password"));
        QCOMPARE(session.code(), ErrorCode::Unavailable);
        QCOMPARE(session.local, LocalError::ConnectionRefused);
        QCOMPARE(unauthenticated.size(), 0);
    }

    void noAnswerHasItsLocalReason_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<LocalError>("local");
        // A name that cannot resolve (RFC 6761 reserves .invalid).
        QTest::newRow("DNS") << QStringLiteral("http://roomgate.invalid:8080") << 30'000
                             << LocalError::HostNotFound;
        QTest::newRow("no answer in time") << QString() << 300 << LocalError::TimedOut;
    }
    void noAnswerHasItsLocalReason()
    {
        QFETCH(QString, url);
        QFETCH(int, timeoutMs);
        QFETCH(LocalError, local);
        CannedHttpServer silent; // accepts, never answers
        ApiClient client(url.isEmpty() ? silent.url() : QUrl(url));
        client.setTransferTimeout(timeoutMs);
        const ApiResult<QList<RoomInfo>> rooms = listRooms(client);
        QCOMPARE(rooms.code(), ErrorCode::Unavailable);
        QCOMPARE(rooms.httpStatus, 0);
        QCOMPARE(rooms.local, local);
        QVERIFY(!localErrorSentence(local, LocalErrorPhase::RoomList, QStringLiteral("ADDRESS"))
                     .isEmpty());
    }

    void answersFromTheServerHaveNoLocalReason()
    {
        CannedHttpServer http(CannedHttpServer::jsonResponse(
            503, R"({"code":"UNAVAILABLE","status":503,"retryable":true})"));
        ApiClient client(http.url());
        const ApiResult<QList<RoomInfo>> rooms = listRooms(client);
        QCOMPARE(rooms.code(), ErrorCode::Unavailable);
        QCOMPARE(rooms.httpStatus, 503);
        QCOMPARE(rooms.local, LocalError::None);
    }

    void answersThatAreNotProblems_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("retryAfter");
        QTest::newRow("proxy error page")
            << QByteArray("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n"
                          "Content-Length: 13\r\nConnection: close\r\n\r\n<h1>oops</h1>")
            << "INTERNAL" << 502 << 0;
        QTest::newRow("JSON but not ours")
            << QByteArray("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"
                          "Content-Length: 17\r\nConnection: close\r\n\r\n{\"error\":\"nope\"}")
            << "INTERNAL" << 404 << 0;
        QTest::newRow("success without the fields")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
            << "INTERNAL" << 200 << 0;
        QTest::newRow("success not JSON")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                          "Content-Length: 5\r\nConnection: close\r\n\r\nhello")
            << "INTERNAL" << 200 << 0;
        QTest::newRow("Retry-After header only") << QByteArray(
            "HTTP/1.1 503 Service Unavailable\r\n"
            "Content-Type: application/problem+json\r\nRetry-After: 7\r\n"
            "Content-Length: 22\r\nConnection: close\r\n\r\n{\"code\":\"UNAVAILABLE\"}")
                                                 << "UNAVAILABLE" << 503 << 7;
        QTest::newRow("no answer in time") << QByteArray() << "UNAVAILABLE" << 0 << 0;
    }
    void answersThatAreNotProblems()
    {
        QFETCH(QByteArray, response);
        QFETCH(QString, code);
        QFETCH(int, status);
        QFETCH(int, retryAfter);
        CannedHttpServer canned(response);
        ApiClient client(canned.url());
        client.setTransferTimeout(500);
        client.setToken(QStringLiteral("token"));
        const ApiResult<QList<RoomInfo>> rooms = listRooms(client);
        QCOMPARE(wireName(rooms.code()), code);
        QCOMPARE(rooms.httpStatus, status);
        QCOMPARE(rooms.problem.retryAfterSeconds, retryAfter);
        QVERIFY(!rooms.problem.detail.isEmpty() || rooms.code() == ErrorCode::Unavailable);
    }

    void baseUrlPathIsKept()
    {
        ApiClient client(QUrl(QStringLiteral("https://chat.example.org/roomgate/")));
        QCOMPARE(
            client.endpoint(QStringLiteral("/api/v1/rooms/a%2Fb%20c/entries"))
                .toString(QUrl::FullyEncoded),
            QStringLiteral("https://chat.example.org/roomgate/api/v1/rooms/a%2Fb%20c/entries"));
    }

    void contextGoneMeansNoCallback()
    {
        std::unique_ptr<ApiClient> client = signedIn();
        QSignalSpy finished(client.get(), &ApiClient::callFinished);
        bool called = false;
        {
            QObject context;
            client->listRooms(&context,
                              [&called](const ApiResult<QList<RoomInfo>> &) { called = true; });
        }
        QVERIFY(finished.wait(20000));
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
