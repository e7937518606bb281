// SPDX-License-Identifier: MIT
#include "server/http/correlationid.h"
#include "server/http/httpserver.h"
#include "server/http/router.h"

#include <QAbstractEventDispatcher>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>
#include <stdexcept>

using namespace roomgate;
using namespace roomgate::server::http;

namespace {

constexpr int kWaitMs = 5000;

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

/** One response as read off the wire. */
struct RawResponse
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (key == name)
                return value;
        }
        return {};
    }
    bool hasHeader(QByteArrayView name) const
    {
        return std::any_of(headers.begin(), headers.end(),
                           [name](const auto &header) { return header.first == name; });
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

/**
 * A raw HTTP client on a QTcpSocket: writes bytes as given, reads responses with an event
 * loop running (the server lives on the same thread), never with blocking waits.
 */
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        QSignalSpy connected(&m_socket, &QTcpSocket::connected);
        if (m_socket.state() != QAbstractSocket::ConnectedState)
            connected.wait(kWaitMs);
    }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QTcpSocket &socket() { return m_socket; }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    /** The next response; nullopt when none arrives in time or the connection closes. */
    std::optional<RawResponse> read(bool headRequest = false, int timeoutMs = kWaitMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (true) {
            m_buffer += m_socket.readAll();
            if (std::optional<RawResponse> response = parse(headRequest))
                return response;
            if (m_socket.state() != QAbstractSocket::ConnectedState || deadline.hasExpired())
                return std::nullopt;
            waitForActivity(deadline);
        }
    }

    /** True when the server closes the connection within @p timeoutMs. */
    bool waitForClosed(int timeoutMs = kWaitMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (m_socket.state() != QAbstractSocket::UnconnectedState) {
            if (deadline.hasExpired())
                return false;
            waitForActivity(deadline);
        }
        m_buffer += m_socket.readAll();
        return true;
    }

    QByteArray unread() const { return m_buffer; }

private:
    /** Runs the event loop until data arrives, the connection closes or @p deadline. */
    void waitForActivity(QDeadlineTimer deadline)
    {
        QEventLoop loop;
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
        QObject::connect(&m_socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QTimer::singleShot(qMax<qint64>(1, deadline.remainingTime()), &loop, &QEventLoop::quit);
        loop.exec();
    }

    std::optional<RawResponse> parse(bool headRequest)
    {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        const QList<QByteArray> lines = m_buffer.first(end).split('\n');
        RawResponse response;
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        if (statusLine.size() < 2 || statusLine[0] != "HTTP/1.1")
            return std::nullopt;
        response.status = statusLine[1].toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            response.headers.emplaceBack(lines[i].first(colon).toLower(),
                                         lines[i].sliced(colon + 1).trimmed());
        }
        qsizetype length = 0;
        if (!headRequest && response.hasHeader("content-length"))
            length = response.header("content-length").toLongLong();
        if (m_buffer.size() < end + 4 + length)
            return std::nullopt;
        response.body = m_buffer.sliced(end + 4, length);
        m_buffer.remove(0, end + 4 + length);
        return response;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

QByteArray get(const QByteArray &target, const QByteArray &extra = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "\r\n";
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void simpleGet();
    void headOmitsBody();
    void keepAlive();
    void pipelinedInOrder_data();
    void pipelinedInOrder();
    void manyPipelined();
    void pipelinedRestArrivesWhileAnswering_data();
    void pipelinedRestArrivesWhileAnswering();
    void deferredAnswer();
    void lateAnswerIsDropped();
    void payloadTooLarge_data();
    void payloadTooLarge();
    void continueForAllowedBody();
    void noContinueWhenBodyCameAlong();
    void contentLengthBody();
    void chunkedBody();
    void badRequest_data();
    void badRequest();
    void closeAfterAnswer_data();
    void closeAfterAnswer();
    void handlerAsksToClose();
    void requestTimeout_data();
    void requestTimeout();
    void keepAliveTimeout();
    void routerNotFound();
    void routerMethodNotAllowed();
    void routerDecodesParams_data();
    void routerDecodesParams();
    void routerWithDetachedResponder();
    void problemResponse();
    void throwingHandlerIsInternal_data();
    void throwingHandlerIsInternal();
    void correlationIds();
    void afterResponseHook();
    void serverCloseIsGraceful();
    void listenFailure();
    void servesOnSocketThreads();
    void connectionsPerAddress();
    void queryItems_data();
    void queryItems();
    void setHeaderReplaces();
    void serialize_data();
    void serialize();
    void asksToClose_data();
    void asksToClose();

private:
    std::unique_ptr<HttpServer> startServer(HttpLimits limits = {});
    static void echo(const HttpRequest &request, const HttpResponder &responder);
};

std::unique_ptr<HttpServer> TestHttpServer::startServer(HttpLimits limits)
{
    auto server = std::make_unique<HttpServer>(limits);
    server->setHandler(&TestHttpServer::echo);
    if (!server->listen(QHostAddress::LocalHost, 0))
        return nullptr;
    return server;
}

void TestHttpServer::echo(const HttpRequest &request, const HttpResponder &responder)
{
    responder.send(HttpResponse::json(
        200,
        {
            {QStringLiteral("method"), QString::fromLatin1(request.method)},
            {QStringLiteral("path"), QString::fromLatin1(request.path)},
            {QStringLiteral("query"), QString::fromLatin1(request.query)},
            {QStringLiteral("body"), QString::fromUtf8(request.body)},
            {QStringLiteral("bodySize"), request.body.size()},
            {QStringLiteral("peer"), request.peerAddress.toString()},
            {QStringLiteral("host"), QString::fromLatin1(request.header("host"))},
        }));
}

void TestHttpServer::simpleGet()
{
    auto server = startServer();
    QVERIFY(server);
    RawClient client(server->serverPort());
    QVERIFY(client.isConnected());
    client.send(get("/hello?x=1", "X-Thing:   spaced value  \r\n"));
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("content-type"), QByteArray("application/json"));
    QCOMPARE(response->header("content-length").toLongLong(), response->body.size());
    QVERIFY(!response->hasHeader("connection"));
    const QJsonObject body = response->json();
    QCOMPARE(body.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(body.value(QStringLiteral("path")).toString(), QStringLiteral("/hello"));
    QCOMPARE(body.value(QStringLiteral("query")).toString(), QStringLiteral("x=1"));
    QCOMPARE(body.value(QStringLiteral("host")).toString(), QStringLiteral("localhost"));
    QCOMPARE(body.value(QStringLiteral("peer")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(server->connectionCount(), 1);
}

void TestHttpServer::headOmitsBody()
{
    auto server = startServer();
    QVERIFY(server);
    RawClient client(server->serverPort());
    client.send("HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n" + get("/after"));
    const std::optional<RawResponse> head = client.read(true);
    QVERIFY(head);
    QCOMPARE(head->status, 200);
    QVERIFY(head->header("content-length").toInt() > 0);
    // The next response follows at once: no body bytes were sent for HEAD.
    const std::optional<RawResponse> next = client.read();
    QVERIFY(next);
    QCOMPARE(next->json().value(QStringLiteral("path")).toString(), QStringLiteral("/after"));
}

void TestHttpServer::keepAlive()
{
    auto server = startServer();
    QVERIFY(server);
    RawClient client(server->serverPort());
    client.send(get("/one"));
    std::optional<RawResponse> first = client.read();
    QVERIFY(first);
    QCOMPARE(first->json().value(QStringLiteral("path")).toString(), QStringLiteral("/one"));
    client.send(get("/two"));
    std::optional<RawResponse> second = client.read();
    QVERIFY(second);
    QCOMPARE(second->json().value(QStringLiteral("path")).toString(), QStringLiteral("/two"));
    QVERIFY(client.isConnected());
    QCOMPARE(server->connectionCount(), 1);
}

void TestHttpServer::pipelinedInOrder_data()
{
    QTest::addColumn<int>("firstDelayMs");
    QTest::newRow("both immediate") << 0;
    QTest::newRow("first answered later") << 50;
}

void TestHttpServer::pipelinedInOrder()
{
    QFETCH(int, firstDelayMs);
    auto server = startServer();
    QVERIFY(server);
    server->setHandler([firstDelayMs](const HttpRequest &request, const HttpResponder &responder) {
        if (request.path == "/first" && firstDelayMs > 0) {
            QTimer::singleShot(firstDelayMs, [request, responder] { echo(request, responder); });
            return;
        }
        echo(request, responder);
    });
    RawClient client(server->serverPort());
    client.send(get("/first") + "POST /second HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                + get("/third"));
    const QStringList expected{QStringLiteral("/first"), QStringLiteral("/second"),
                               QStringLiteral("/third")};
    for (const QString &path : expected) {
        const std::optional<RawResponse> response = client.read();
        QVERIFY(response);
        QCOMPARE(response->json().value(QStringLiteral("path")).toString(), path);
    }
}

void TestHttpServer::manyPipelined()
{
    // More than the socket's read buffer holds: parsing must resume after each answer.
    HttpLimits limits;
    limits.maxHeaderBytes = 1024;
    auto server = startServer(limits);
    QVERIFY(server);
    RawClient client(server->serverPort());
    constexpr int kCount = 500;
    QByteArray requests;
    for (int i = 0; i < kCount; ++i)
        requests += get("/r/" + QByteArray::number(i));
    client.send(requests);
    for (int i = 0; i < kCount; ++i) {
        const std::optional<RawResponse> response = client.read();
        QVERIFY2(response, QByteArray::number(i).constData());
        QCOMPARE(response->json().value(QStringLiteral("path")).toString(),
                 QStringLiteral("/r/%1").arg(i));
    }
}

void TestHttpServer::pipelinedRestArrivesWhileAnswering_data()
{
    QTest::addColumn<QByteArray>("start");
    QTest::addColumn<QByteArray>("rest");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("request line split")
        << QByteArray("GET /sec") << QByteArray("ond HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray();
    QTest::newRow("body split") << QByteArray(
        "POST /second HTTP/1.1\r\nContent-Length: 5\r\n\r\nhe")
                                << QByteArray("llo") << QByteArray("hello");
    // The head came first, the body is there too by the time it is parsed: no 100.
    QTest::newRow("Expect: 100-continue, body already there")
        << QByteArray("PUT /second HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        << QByteArray("hello") << QByteArray("hello");
}

void TestHttpServer::pipelinedRestArrivesWhileAnswering()
{
    // The first read ends inside the second request; the rest of it reaches the server's
    // socket buffer while the first is unanswered. No readyRead announces it afterwards.
    QFETCH(QByteArray, start);
    QFETCH(QByteArray, rest);
    QFETCH(QByteArray, body);
    auto server = startServer();
    QVERIFY(server);
    std::optional<HttpResponder> stored;
    server->setHandler([&stored](const HttpRequest &request, const HttpResponder &responder) {
        if (request.path == "/first")
            stored = responder;
        else
            echo(request, responder);
    });
    RawClient client(server->serverPort());
    client.send(get("/first") + start);
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), kWaitMs);
    client.send(rest);
    const QList<QTcpSocket *> sockets = server->findChildren<QTcpSocket *>();
    QCOMPARE(sockets.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(sockets.first()->bytesAvailable() > 0, kWaitMs);
    stored->send(HttpResponse::noContent());
    const std::optional<RawResponse> first = client.read();
    QVERIFY(first);
    QCOMPARE(first->status, 204);
    const std::optional<RawResponse> second = client.read();
    QVERIFY(second);
    QCOMPARE(second->status, 200);
    QCOMPARE(second->json().value(QStringLiteral("path")).toString(), QStringLiteral("/second"));
    QCOMPARE(second->json().value(QStringLiteral("body")).toString().toLatin1(), body);
}

void TestHttpServer::deferredAnswer()
{
    auto server = startServer();
    QVERIFY(server);
    std::optional<HttpResponder> stored;
    server->setHandler(
        [&stored](const HttpRequest &, const HttpResponder &responder) { stored = responder; });
    RawClient client(server->serverPort());
    client.send(get("/later"));
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), kWaitMs);
    QVERIFY(stored->isConnected());
    QTimer::singleShot(20, server.get(), [&stored] {
        stored->send(HttpResponse::json(201, {{QStringLiteral("late"), true}}));
    });
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 201);
    QCOMPARE(response->json().value(QStringLiteral("late")).toBool(), true);
    // A second answer for the same request is dropped; the connection stays usable.
    QVERIFY(!stored->isConnected());
    stored->send(HttpResponse::noContent());
    stored.reset();
    server->setHandler(&TestHttpServer::echo);
    client.send(get("/next"));
    const std::optional<RawResponse> next = client.read();
    QVERIFY(next);
    QCOMPARE(next->json().value(QStringLiteral("path")).toString(), QStringLiteral("/next"));
}

void TestHttpServer::lateAnswerIsDropped()
{
    auto server = startServer();
    QVERIFY(server);
    std::optional<HttpResponder> stored;
    server->setHandler(
        [&stored](const HttpRequest &, const HttpResponder &responder) { stored = responder; });
    {
        RawClient client(server->serverPort());
        client.send(get("/gone"));
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), kWaitMs);
        client.socket().abort();
    }
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, kWaitMs);
    QVERIFY(!stored->isConnected());
    stored->send(HttpResponse::noContent()); // must not crash
    QVERIFY(!HttpResponder().isConnected());
    HttpResponder().send(HttpResponse::noContent());
}

void TestHttpServer::payloadTooLarge_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("detail");
    const QByteArray body = QByteArray(40000, 'x');
    QTest::newRow("Content-Length over cap, headers only")
        << QByteArray("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 20000\r\n\r\n")
        << QStringLiteral("request body too large");
    QTest::newRow("Content-Length over cap, body sent along")
        << QByteArray("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 40000\r\n\r\n" + body)
        << QStringLiteral("request body too large");
    QTest::newRow("Content-Length with 30 digits")
        << QByteArray("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: "
                      "100000000000000000000000000000\r\n\r\n")
        << QStringLiteral("request body too large");
    QTest::newRow("Expect 100-continue over cap")
        << QByteArray("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 20000\r\n"
                      "Expect: 100-continue\r\n\r\n")
        << QStringLiteral("request body too large");
    QTest::newRow("chunked over cap")
        << QByteArray("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3000\r\n"
                      + QByteArray(0x3000, 'a')
                      + "\r\n"
                        "1001\r\n"
                      + QByteArray(0x1001, 'b') + "\r\n0\r\n\r\n")
        << QStringLiteral("request body too large");
    QTest::newRow("huge chunk size")
        << QByteArray("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "ffffffffffffffffffffff\r\n")
        << QStringLiteral("request body too large");
    QTest::newRow("headers too large")
        << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + QByteArray(20000, 'y') + "\r\n\r\n")
        << QStringLiteral("request headers too large");
    QTest::newRow("header line without end")
        << QByteArray("GET / HTTP/1.1\r\nX-Big: " + QByteArray(20000, 'y'))
        << QStringLiteral("request headers too large");
}

void TestHttpServer::payloadTooLarge()
{
    QFETCH(QByteArray, request);
    QFETCH(QString, detail);
    auto server = startServer();
    QVERIFY(server);
    bool handled = false;
    server->setHandler([&handled](const HttpRequest &, const HttpResponder &responder) {
        handled = true;
        responder.send(HttpResponse::noContent());
    });
    RawClient client(server->serverPort());
    client.send(request);
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 413);
    QCOMPARE(response->header("content-type"), QByteArray("application/problem+json"));
    QCOMPARE(response->header("connection"), QByteArray("close"));
    QCOMPARE(response->json().value(QStringLiteral("code")).toString(),
             QStringLiteral("PAYLOAD_TOO_LARGE"));
    QCOMPARE(response->json().value(QStringLiteral("detail")).toString(), detail);
    QVERIFY(client.waitForClosed());
    QVERIFY(!handled);
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, kWaitMs);
}

void TestHttpServer::continueForAllowedBody()
{
    auto server = startServer();
    QVERIFY(server);
    RawClient client(server->serverPort());
    client.send("PUT /up HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-Continue\r\n\r\n");
    const std::optional<RawResponse> interim = client.read();
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    client.send("hello");
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->json().value(QStringLiteral("body")).toString(), QStringLiteral("hello"));
}

void TestHttpServer::noContinueWhenBodyCameAlong()
{
    // A client that sends the body right away needs no 100: the first answer is the final one.
    auto server = startServer();
    QVERIFY(server);
    RawClient client(server->serverPort());
    client.send("PUT /up HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"
                "hello");
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->json().value(QStringLiteral("body")).toString(), QStringLiteral("hello"));
}

void TestHttpServer::contentLengthBody()
{
    auto server = startServer();
    QVERIFY(server);
    RawClient client(server->serverPort());
    // Exactly at the cap, sent in two parts; duplicate equal Content-Length values are fine.
    const QByteArray body(16 * 1024, 'z');
    client.send("POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 16384\r\nContent-Length: 16384"
                "\r\n\r\n"
                + body.first(1000));
    QTest::qWait(0);
    client.send(body.sliced(1000));
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->json().value(QStringLiteral("bodySize")).toInt(), body.size());
    QCOMPARE(response->json().value(QStringLiteral("body")).toString().toLatin1(), body);
}

void TestHttpServer::chunkedBody()
{
    auto server = startServer();
    QVERIFY(server);
    RawClient client(server->serverPort());
    client.send("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
                "5\r\nhello\r\n"
                "1;ext=1\r\n \r\n");
    QTest::qWait(0);
    client.send("0005\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n" + get("/after"));
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->json().value(QStringLiteral("body")).toString(),
             QStringLiteral("hello world"));
    const std::optional<RawResponse> after = client.read();
    QVERIFY(after);
    QCOMPARE(after->json().value(QStringLiteral("path")).toString(), QStringLiteral("/after"));
}

void TestHttpServer::badRequest_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("detail");
    const QString requestLine = QStringLiteral("malformed request line");
    const QString headerLine = QStringLiteral("malformed header line");
    QTest::newRow("garbage") << QByteArray("hello there\r\n\r\n") << requestLine;
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << requestLine;
    QTest::newRow("double space") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << requestLine;
    QTest::newRow("bad version") << QByteArray("GET / HTTP/2.0\r\n\r\n") << requestLine;
    QTest::newRow("lower-case version") << QByteArray("GET / http/1.1\r\n\r\n") << requestLine;
    QTest::newRow("relative target") << QByteArray("GET foo HTTP/1.1\r\n\r\n") << requestLine;
    QTest::newRow("control byte in target")
        << QByteArray("GET /a\x01 HTTP/1.1\r\n\r\n") << requestLine;
    QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << requestLine;
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost\r\n\r\n") << headerLine;
    QTest::newRow("space before colon")
        << QByteArray("GET / HTTP/1.1\r\nHost : h\r\n\r\n") << headerLine;
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nX-A: a\r\n  b\r\n\r\n")
                              << headerLine;
    QTest::newRow("CL and TE") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
        "0\r\n\r\n") << QStringLiteral("both Content-Length and Transfer-Encoding");
    QTest::newRow("differing CL") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello")
                                  << QStringLiteral("invalid Content-Length");
    QTest::newRow("CL list differing")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\nhello")
        << QStringLiteral("invalid Content-Length");
    QTest::newRow("CL sign") << QByteArray("POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\nhello")
                             << QStringLiteral("invalid Content-Length");
    QTest::newRow("CL hex") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 0x5\r\n\r\nhello")
                            << QStringLiteral("invalid Content-Length");
    QTest::newRow("CL empty") << QByteArray("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n")
                              << QStringLiteral("invalid Content-Length");
    QTest::newRow("TE gzip") << QByteArray(
        "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n")
                             << QStringLiteral("unsupported Transfer-Encoding");
    QTest::newRow("TE in HTTP/1.0")
        << QByteArray("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        << QStringLiteral("unsupported Transfer-Encoding");
    QTest::newRow("bad chunk size")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        << QStringLiteral("malformed chunk size");
    QTest::newRow("chunk longer than declared")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n")
        << QStringLiteral("malformed chunk");
}

void TestHttpServer::badRequest()
{
    QFETCH(QByteArray, request);
    QFETCH(QString, detail);
    auto server = startServer();
    QVERIFY(server);
    bool handled = false;
    server->setHandler([&handled](const HttpRequest &, const HttpResponder &responder) {
        handled = true;
        responder.send(HttpResponse::noContent());
    });
    RawClient client(server->serverPort());
    client.send(request);
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 400);
    QCOMPARE(response->header("connection"), QByteArray("close"));
    QCOMPARE(response->json().value(QStringLiteral("code")).toString(),
             QStringLiteral("BAD_REQUEST"));
    QCOMPARE(response->json().value(QStringLiteral("detail")).toString(), detail);
    QVERIFY(client.waitForClosed());
    QVERIFY(!handled);
}

void TestHttpServer::closeAfterAnswer_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("closes");
    QTest::addColumn<QByteArray>("connectionHeader");
    QTest::newRow("HTTP/1.0") << QByteArray("GET /a HTTP/1.0\r\n\r\n") << true
                              << QByteArray("close");
    QTest::newRow("HTTP/1.0 keep-alive")
        << QByteArray("GET /a HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << false
        << QByteArray("keep-alive");
    QTest::newRow("HTTP/1.1 Connection: close")
        << QByteArray("GET /a HTTP/1.1\r\nConnection: foo, close\r\n\r\n") << true
        << QByteArray("close");
    QTest::newRow("HTTP/1.1") << QByteArray("GET /a HTTP/1.1\r\n\r\n") << false << QByteArray();
    QTest::newRow("HTTP/1.1 absolute-form")
        << QByteArray("GET http://localhost:1/a HTTP/1.1\r\n\r\n") << false << QByteArray();
}

void TestHttpServer::closeAfterAnswer()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, closes);
    QFETCH(QByteArray, connectionHeader);
    auto server = startServer();
    QVERIFY(server);
    RawClient client(server->serverPort());
    client.send(request);
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->json().value(QStringLiteral("path")).toString(), QStringLiteral("/a"));
    QCOMPARE(response->header("connection"), connectionHeader);
    if (closes) {
        QVERIFY(client.waitForClosed());
        QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, kWaitMs);
    } else {
        client.send(get("/again"));
        QVERIFY(client.read());
    }
}

void TestHttpServer::handlerAsksToClose()
{
    // A handler's own `Connection: close` closes the connection after its answer.
    auto server = startServer();
    QVERIFY(server);
    server->setHandler([](const HttpRequest &, const HttpResponder &responder) {
        HttpResponse response = HttpResponse::json(200, {});
        response.setHeader("Connection", "Close");
        responder.send(response);
    });
    RawClient client(server->serverPort());
    client.send(get("/a") + get("/never"));
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->header("connection"), QByteArray("close"));
    QVERIFY(client.waitForClosed());
    QVERIFY(client.unread().isEmpty()); // the pipelined request got no answer
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, kWaitMs);
}

void TestHttpServer::requestTimeout_data()
{
    QTest::addColumn<QByteArray>("partial");
    QTest::newRow("half a request line") << QByteArray("GET /slo");
    QTest::newRow("headers without end") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n");
    QTest::newRow("half a body") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
    QTest::newRow("chunked without end")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
}

void TestHttpServer::requestTimeout()
{
    QFETCH(QByteArray, partial);
    HttpLimits limits;
    limits.requestTimeoutMs = 300;
    auto server = startServer(limits);
    QVERIFY(server);
    RawClient client(server->serverPort());
    QElapsedTimer elapsed;
    elapsed.start();
    client.send(partial);
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 408);
    // The problem body names the same status as the response (RFC 9457).
    QCOMPARE(response->json().value(QStringLiteral("status")).toInt(), 408);
    QCOMPARE(response->json().value(QStringLiteral("detail")).toString(),
             QStringLiteral("request timed out"));
    QVERIFY(client.waitForClosed());
    QVERIFY2(elapsed.elapsed() >= 250, QByteArray::number(elapsed.elapsed()).constData());
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, kWaitMs);
}

void TestHttpServer::keepAliveTimeout()
{
    HttpLimits limits;
    limits.keepAliveTimeoutMs = 300;
    limits.requestTimeoutMs = 5000;
    auto server = startServer(limits);
    QVERIFY(server);
    RawClient client(server->serverPort());
    client.send(get("/a"));
    QVERIFY(client.read());
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(client.waitForClosed(3000));
    QVERIFY(elapsed.elapsed() >= 200);
    QVERIFY(client.unread().isEmpty()); // closed without an answer
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, kWaitMs);
}

void TestHttpServer::routerNotFound()
{
    auto server = startServer();
    QVERIFY(server);
    Router router;
    router.add("GET", "/rooms",
               [](const HttpRequest &, const Router::Params &, const HttpResponder &responder) {
                   responder.send(HttpResponse::noContent());
               });
    server->setHandler([&router](const HttpRequest &request, const HttpResponder &responder) {
        router.dispatch(request, responder);
    });
    RawClient client(server->serverPort());
    for (const QByteArray &path : {QByteArray("/nothing"), QByteArray("/rooms/"),
                                   QByteArray("/rooms/x"), QByteArray("/Rooms")}) {
        client.send(get(path));
        const std::optional<RawResponse> response = client.read();
        QVERIFY(response);
        QCOMPARE(response->status, 404);
        QCOMPARE(response->header("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(response->json().value(QStringLiteral("code")).toString(),
                 QStringLiteral("NOT_FOUND"));
    }
    client.send(get("/rooms?x=1"));
    const std::optional<RawResponse> found = client.read();
    QVERIFY(found);
    QCOMPARE(found->status, 204);
    QVERIFY(!found->hasHeader("content-length"));
    QVERIFY(found->body.isEmpty());
}

void TestHttpServer::routerMethodNotAllowed()
{
    auto server = startServer();
    QVERIFY(server);
    Router router;
    auto ok
        = [](const HttpRequest &request, const Router::Params &, const HttpResponder &responder) {
              responder.send(HttpResponse::json(
                  200, {{QStringLiteral("method"), QString::fromLatin1(request.method)}}));
          };
    router.add("POST", "/rooms/{name}", ok);
    router.add("GET", "/rooms/{name}", ok);
    router.add("POST", "/rooms/{name}", ok);
    router.add("DELETE", "/other", ok);
    server->setHandler([&router](const HttpRequest &request, const HttpResponder &responder) {
        router.dispatch(request, responder);
    });
    RawClient client(server->serverPort());
    client.send("PATCH /rooms/lobby HTTP/1.1\r\nHost: h\r\n\r\n");
    std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 405);
    QCOMPARE(response->header("allow"), QByteArray("GET, POST"));
    QCOMPARE(response->json().value(QStringLiteral("code")).toString(),
             QStringLiteral("METHOD_NOT_ALLOWED"));
    client.send("HEAD /rooms/lobby HTTP/1.1\r\nHost: h\r\n\r\n");
    response = client.read(true);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    client.send("POST /rooms/lobby HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
    response = client.read();
    QVERIFY(response);
    QCOMPARE(response->json().value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
}

void TestHttpServer::routerDecodesParams_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("room");
    QTest::addColumn<QByteArray>("entry");
    QTest::newRow("plain") << QByteArray("/rooms/lobby/entries/7") << QByteArray("lobby")
                           << QByteArray("7");
    QTest::newRow("hangul") << QByteArray("/rooms/%ED%95%9C/entries/x")
                            << QString::fromUtf8("\xED\x95\x9C").toUtf8() << QByteArray("x");
    QTest::newRow("lower-case hex, slash, plus")
        << QByteArray("/rooms/a%2fb+c/entries/%41") << QByteArray("a/b+c") << QByteArray("A");
    QTest::newRow("invalid escape kept")
        << QByteArray("/rooms/100%/entries/%zz") << QByteArray("100%") << QByteArray("%zz");
    QTest::newRow("invalid UTF-8 passed through")
        << QByteArray("/rooms/%FF/entries/1") << QByteArray("\xFF") << QByteArray("1");
}

void TestHttpServer::routerDecodesParams()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, room);
    QFETCH(QByteArray, entry);
    Router router;
    Router::Params seen;
    router.add(
        "GET", "/rooms/{name}/entries/{id}",
        [&seen](const HttpRequest &, const Router::Params &params, const HttpResponder &responder) {
            seen = params;
            responder.send(HttpResponse::noContent());
        });
    auto server = startServer();
    QVERIFY(server);
    server->setHandler([&router](const HttpRequest &request, const HttpResponder &responder) {
        router.dispatch(request, responder);
    });
    RawClient client(server->serverPort());
    client.send(get(path));
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 204);
    QCOMPARE(seen, (Router::Params{room, entry}));
}

void TestHttpServer::routerWithDetachedResponder()
{
    Router router;
    router.add(
        "GET", "/a/{x}",
        [](const HttpRequest &, const Router::Params &params, const HttpResponder &responder) {
            responder.send(HttpResponse::json(
                200, {{QStringLiteral("x"), QString::fromUtf8(params.value(0))}}));
        });
    std::optional<HttpResponse> answer;
    int answers = 0;
    HttpResponder responder([&answer, &answers](HttpResponse response) {
        answer = std::move(response);
        ++answers;
    });
    HttpRequest request;
    request.method = "GET";
    request.path = "/a/%ED%95%9C";
    QVERIFY(responder.isConnected());
    router.dispatch(request, responder);
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    QCOMPARE(QJsonDocument::fromJson(answer->body).object().value(QStringLiteral("x")).toString(),
             QString::fromUtf8("\xED\x95\x9C"));
    QVERIFY(!responder.isConnected());
    responder.send(HttpResponse::noContent());
    QCOMPARE(answers, 1);

    std::optional<HttpResponse> missing;
    request.path = "/b";
    router.dispatch(request, HttpResponder([&missing](HttpResponse r) { missing = std::move(r); }));
    QVERIFY(missing);
    QCOMPARE(missing->status, 404);
}

void TestHttpServer::problemResponse()
{
    Problem limited{ErrorCode::RateLimited, QStringLiteral("slow down")};
    limited.retryAfterSeconds = 7;
    const HttpResponse built = HttpResponse::problem(limited);
    QCOMPARE(built.status, 429);
    QCOMPARE(built.header("content-type"), QByteArray("application/problem+json"));
    QCOMPARE(built.header("RETRY-AFTER"), QByteArray("7"));
    QVERIFY(!built.body.contains('\n')); // compact

    const HttpResponse plain = HttpResponse::problem(Problem{ErrorCode::RoomFull});
    QVERIFY(plain.header("retry-after").isEmpty());

    auto server = startServer();
    QVERIFY(server);
    server->setHandler([&limited](const HttpRequest &, const HttpResponder &responder) {
        responder.send(HttpResponse::problem(limited));
    });
    RawClient client(server->serverPort());
    client.send(get("/x"));
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 429);
    QCOMPARE(response->header("retry-after"), QByteArray("7"));
    QCOMPARE(response->header("content-type"), QByteArray("application/problem+json"));
    QCOMPARE(response->json().value(QStringLiteral("code")).toString(),
             QStringLiteral("RATE_LIMITED"));
    QCOMPARE(response->json().value(QStringLiteral("retryAfterSeconds")).toInt(), 7);
    QVERIFY(client.isConnected()); // a handler's error answer keeps the connection
}

void TestHttpServer::throwingHandlerIsInternal_data()
{
    QTest::addColumn<bool>("standardException");
    QTest::newRow("std::exception") << true;
    QTest::newRow("anything else") << false;
}

namespace {

/** The messages logged while it lives, with their category. */
class LogCapture
{
public:
    LogCapture()
    {
        s_current = this;
        m_previous = qInstallMessageHandler(&LogCapture::handle);
    }
    ~LogCapture()
    {
        qInstallMessageHandler(m_previous);
        s_current = nullptr;
    }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    QStringList lines(const char *category, QtMsgType type) const
    {
        QStringList out;
        for (const Line &line : m_lines) {
            if (line.category == category && line.type == type)
                out.append(line.message);
        }
        return out;
    }

private:
    struct Line
    {
        QByteArray category;
        QtMsgType type;
        QString message;
    };

    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        s_current->m_lines.append(Line{QByteArray(context.category), type, message});
    }

    static inline LogCapture *s_current = nullptr;
    QtMessageHandler m_previous = nullptr;
    QList<Line> m_lines;
};

} // namespace

void TestHttpServer::throwingHandlerIsInternal()
{
    QFETCH(bool, standardException);
    auto server = startServer();
    QVERIFY(server);
    server->setHandler([standardException](const HttpRequest &request, const HttpResponder &) {
        if (request.path != "/boom")
            return;
        if (standardException)
            throw std::runtime_error("secret table dropped");
        throw 42;
    });
    LogCapture log;
    RawClient client(server->serverPort());
    client.send(get("/boom"));
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->status, 500);
    QCOMPARE(response->header("content-type"), QByteArray("application/problem+json"));
    const QJsonObject body = response->json();
    QCOMPARE(body.value(QStringLiteral("code")).toString(), QStringLiteral("INTERNAL"));
    const QString id = body.value(QStringLiteral("correlationId")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(id).hasMatch(),
             qPrintable(id));
    // Nothing internal in the body: not the exception's text, not the route.
    QVERIFY(!response->body.contains("secret"));
    QVERIFY(!response->body.contains("boom"));
    // The id leads to the log line, which has the details.
    const QStringList critical = log.lines("roomgate.server.http", QtCriticalMsg);
    QCOMPARE(critical.size(), 1);
    QVERIFY2(critical.first().contains(id), qPrintable(critical.first()));
    QVERIFY2(critical.first().contains(QStringLiteral("/boom")), qPrintable(critical.first()));
    if (standardException)
        QVERIFY(critical.first().contains(QStringLiteral("secret table dropped")));
    QVERIFY(client.isConnected()); // a handler's failure keeps the connection
}

void TestHttpServer::correlationIds()
{
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        const QString id = newCorrelationId();
        QCOMPARE(id.size(), 32); // 128 bits
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(id).hasMatch());
        seen.insert(id);
    }
    QCOMPARE(seen.size(), 1000);
}

void TestHttpServer::afterResponseHook()
{
    auto server = startServer();
    QVERIFY(server);
    QList<int> statuses;
    server->setAfterResponse([&statuses](const HttpRequest &request, HttpResponse &response) {
        statuses.append(response.status);
        response.setHeader("X-Request-Path", request.path);
        response.setHeader("Content-Length", "999"); // ignored: the server sets it
        response.setHeader("X-Evil", "a\r\nInjected: yes"); // dropped
    });
    RawClient client(server->serverPort());
    client.send(get("/hooked"));
    const std::optional<RawResponse> response = client.read();
    QVERIFY(response);
    QCOMPARE(response->header("x-request-path"), QByteArray("/hooked"));
    QCOMPARE(response->header("content-length").toLongLong(), response->body.size());
    QVERIFY(!response->hasHeader("x-evil"));
    QVERIFY(!response->hasHeader("injected"));
    client.send("BROKEN\r\n\r\n");
    QVERIFY(client.read());
    QCOMPARE(statuses, (QList<int>{200, 400}));
}

void TestHttpServer::serverCloseIsGraceful()
{
    auto server = startServer();
    QVERIFY(server);
    std::optional<HttpResponder> stored;
    server->setHandler([&stored](const HttpRequest &request, const HttpResponder &responder) {
        if (request.path == "/slow")
            stored = responder;
        else
            echo(request, responder);
    });
    RawClient idle(server->serverPort());
    RawClient busy(server->serverPort());
    idle.send(get("/a"));
    QVERIFY(idle.read());
    busy.send(get("/slow"));
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), kWaitMs);
    QCOMPARE(server->connectionCount(), 2);

    server->close();
    QVERIFY(!server->isListening());
    QVERIFY(idle.waitForClosed());
    QVERIFY(busy.isConnected());
    stored->send(HttpResponse::json(200, {{QStringLiteral("done"), true}}));
    const std::optional<RawResponse> response = busy.read();
    QVERIFY(response);
    QCOMPARE(response->header("connection"), QByteArray("close"));
    QVERIFY(busy.waitForClosed());
    QTRY_COMPARE_WITH_TIMEOUT(server->connectionCount(), 0, kWaitMs);
}

void TestHttpServer::servesOnSocketThreads()
{
    // Connections are spread over the socket threads; the handler runs on each
    // connection's thread, and answers later from there work as on one thread.
    roomgate::server::net::SocketWorkers threads(2);
    HttpServer server({}, &threads);
    QMutex mutex;
    QSet<QThread *> handlers;
    server.setHandler([&](const HttpRequest &request, const HttpResponder &responder) {
        {
            QMutexLocker lock(&mutex);
            handlers.insert(QThread::currentThread());
        }
        // Half answer at once, half from the connection's event loop later.
        if (request.path.endsWith("later"))
            QTimer::singleShot(1, QAbstractEventDispatcher::instance(),
                               [request, responder] { echo(request, responder); });
        else
            echo(request, responder);
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 8; ++i) {
        clients.push_back(std::make_unique<RawClient>(server.serverPort()));
        QVERIFY(clients.back()->isConnected());
        clients.back()->send(get(i % 2 ? "/later" : "/now"));
    }
    for (auto &client : clients) {
        const std::optional<RawResponse> response = client->read();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
    }
    QTRY_COMPARE(server.connectionCount(), 8);
    QCOMPARE(handlers, (QSet<QThread *>{threads.thread(0), threads.thread(1)}));
    clients.clear();
    QTRY_COMPARE(server.connectionCount(), 0);
}

void TestHttpServer::connectionsPerAddress()
{
    HttpLimits limits;
    limits.connectionsPerAddress = 2;
    auto server = startServer(limits);
    QVERIFY(server);
    RawClient first(server->serverPort());
    RawClient second(server->serverPort());
    QTRY_COMPARE(server->connectionCount(), 2);
    // The newest over the limit is told 429 with Retry-After, then closed.
    RawClient third(server->serverPort());
    QVERIFY(third.waitForClosed());
    const QByteArray answer = third.unread();
    QVERIFY2(answer.startsWith("HTTP/1.1 429"), answer.constData());
    QVERIFY(answer.contains("Retry-After: 1"));
    QVERIFY(answer.contains("RATE_LIMITED"));
    // The two in place are served as usual.
    first.send(get("/ok"));
    QCOMPARE(first.read()->status, 200);
}

void TestHttpServer::listenFailure()
{
    auto first = startServer();
    QVERIFY(first);
    HttpServer second;
    QVERIFY(!second.listen(QHostAddress::LocalHost, first->serverPort()));
    QVERIFY(!second.errorString().isEmpty());
}

void TestHttpServer::queryItems_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("present");
    QTest::addColumn<QString>("value");
    QTest::newRow("simple") << QByteArray("a=1&b=2") << QStringLiteral("b") << true
                            << QStringLiteral("2");
    QTest::newRow("first wins") << QByteArray("a=1&a=2") << QStringLiteral("a") << true
                                << QStringLiteral("1");
    QTest::newRow("absent") << QByteArray("a=1") << QStringLiteral("b") << false << QString();
    QTest::newRow("empty query") << QByteArray() << QStringLiteral("a") << false << QString();
    QTest::newRow("no value") << QByteArray("a&b") << QStringLiteral("b") << true
                              << QStringLiteral("");
    QTest::newRow("empty value") << QByteArray("a=") << QStringLiteral("a") << true
                                 << QStringLiteral("");
    QTest::newRow("decoded") << QByteArray("name=%ED%95%9C+x%2B1") << QStringLiteral("name") << true
                             << QString::fromUtf8("\xED\x95\x9C x+1");
    QTest::newRow("encoded key") << QByteArray("%6Bey=v") << QStringLiteral("key") << true
                                 << QStringLiteral("v");
    QTest::newRow("equals in value")
        << QByteArray("t=a=b") << QStringLiteral("t") << true << QStringLiteral("a=b");
}

void TestHttpServer::queryItems()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, key);
    QFETCH(bool, present);
    QFETCH(QString, value);
    HttpRequest request;
    request.query = query;
    QCOMPARE(request.hasQueryItem(key), present);
    const QString item = request.queryItem(key);
    QCOMPARE(item.isNull(), !present);
    QCOMPARE(item, value);
}

void TestHttpServer::setHeaderReplaces()
{
    HttpResponse response = HttpResponse::json(200, {});
    response.headers.emplaceBack("X-A", "1");
    response.headers.emplaceBack("x-a", "2");
    response.setHeader("X-a", "3").setHeader("content-type", "text/plain");
    QCOMPARE(response.headers.size(), 2);
    QCOMPARE(response.header("x-A"), QByteArray("3"));
    QCOMPARE(response.header("Content-Type"), QByteArray("text/plain"));
    QCOMPARE(HttpResponse::noContent().status, 204);
    QCOMPARE(HttpResponse::reasonPhrase(413), QByteArray("Content Too Large"));
    QCOMPARE(HttpResponse::json(200, {{QStringLiteral("a"), 1}}).body, QByteArray("{\"a\":1}"));
}

void TestHttpServer::serialize_data()
{
    using ConnectionHeader = HttpResponse::ConnectionHeader;
    QTest::addColumn<HttpResponse>("response");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<ConnectionHeader>("connection");
    QTest::addColumn<QByteArray>("bytes");

    const HttpResponse json = HttpResponse::json(200, {{QStringLiteral("a"), 1}});
    QTest::newRow("json") << json << QByteArray("GET") << ConnectionHeader::Omitted
                          << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                        "Content-Length: 7\r\n\r\n{\"a\":1}");
    QTest::newRow("HEAD: length, no body")
        << json << QByteArray("HEAD") << ConnectionHeader::Omitted
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Content-Length: 7\r\n\r\n");
    QTest::newRow("close") << json << QByteArray("POST") << ConnectionHeader::Close
                           << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                         "Content-Length: 7\r\nConnection: close\r\n\r\n"
                                         "{\"a\":1}");
    QTest::newRow("HTTP/1.0 keep-alive")
        << json << QByteArray("GET") << ConnectionHeader::KeepAlive
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Content-Length: 7\r\nConnection: keep-alive\r\n\r\n{\"a\":1}");
    QTest::newRow("204: no length, no body")
        << HttpResponse::noContent() << QByteArray("DELETE") << ConnectionHeader::Omitted
        << QByteArray("HTTP/1.1 204 No Content\r\n\r\n");
    HttpResponse interim;
    interim.status = 100;
    QTest::newRow("100 Continue") << interim << QByteArray() << ConnectionHeader::Omitted
                                  << QByteArray("HTTP/1.1 100 Continue\r\n\r\n");
    HttpResponse notModified;
    notModified.status = 304;
    notModified.headers.emplaceBack("ETag", "\"x\"");
    notModified.body = "ignored";
    QTest::newRow("304: headers, no length, no body")
        << notModified << QByteArray("GET") << ConnectionHeader::Omitted
        << QByteArray("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n");
    HttpResponse empty;
    QTest::newRow("empty 200 has Content-Length: 0")
        << empty << QByteArray("GET") << ConnectionHeader::Omitted
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    HttpResponse framing;
    framing.status = 418;
    framing.headers = {{"content-length", "99"},
                       {"Transfer-Encoding", "chunked"},
                       {"Connection", "close"},
                       {"X-Kept", "value"},
                       {"Bad Name", "x"},
                       {"X-Split", "a\r\nInjected: yes"},
                       {"X-Nul", QByteArray("a\0b", 3)},
                       {"X-Tab", "a\tb"}};
    framing.body = "abc";
    QTest::newRow("framing and unsafe headers dropped")
        << framing << QByteArray("GET") << ConnectionHeader::Omitted
        << QByteArray("HTTP/1.1 418 Unknown\r\nX-Kept: value\r\nX-Tab: a\tb\r\n"
                      "Content-Length: 3\r\n\r\nabc");
    const HttpResponse problem = HttpResponse::problem(Problem{ErrorCode::NotFound});
    QTest::newRow("problem")
        << problem << QByteArray("GET") << ConnectionHeader::Omitted
        << QByteArray("HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\n"
                      "Content-Length: "
                      + QByteArray::number(problem.body.size()) + "\r\n\r\n" + problem.body);
}

void TestHttpServer::serialize()
{
    QFETCH(HttpResponse, response);
    QFETCH(QByteArray, method);
    QFETCH(HttpResponse::ConnectionHeader, connection);
    QFETCH(QByteArray, bytes);
    if (QByteArrayView(QTest::currentDataTag()).startsWith("framing")) {
        const QRegularExpression dropped(QStringLiteral("^dropping unsafe response header"));
        for (int i = 0; i < 3; ++i)
            QTest::ignoreMessage(QtWarningMsg, dropped);
    }
    QCOMPARE(response.serialize(method, connection), bytes);
}

void TestHttpServer::asksToClose_data()
{
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<bool>("closes");
    using Headers = HeaderList;
    QTest::newRow("none") << Headers{} << false;
    QTest::newRow("close") << Headers{{"Connection", "close"}} << true;
    QTest::newRow("in a list, any case") << Headers{{"connection", "foo, CLOSE"}} << true;
    QTest::newRow("second header") << Headers{{"Connection", "x"}, {"CONNECTION", "close"}} << true;
    QTest::newRow("keep-alive") << Headers{{"Connection", "keep-alive"}} << false;
    QTest::newRow("other header") << Headers{{"X-Connection", "close"}} << false;
    QTest::newRow("not a token") << Headers{{"Connection", "closed"}} << false;
}

void TestHttpServer::asksToClose()
{
    QFETCH(HeaderList, headers);
    QFETCH(bool, closes);
    HttpResponse response;
    response.headers = headers;
    QCOMPARE(response.asksToClose(), closes);
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
