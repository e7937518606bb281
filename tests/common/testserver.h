// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QUrl>
#include <QWebSocket>

#include <memory>
#include <optional>

namespace roomgate::test {

/**
 * A real `roomgate-server` process on loopback with free ports and a temporary
 * data dir, for integration tests. Restartable on the same data dir (and database).
 *
 * The store is SQLite in the data dir, unless the run asks for PostgreSQL
 * (`ROOMGATE_TEST_BACKEND=postgresql`, which CTest sets for the `_postgres` variants of the
 * suites): then each TestServer gets a new database of its own on the run's cluster.
 */
class TestServer
{
public:
    explicit TestServer(QStringList extraArgs = {});
    ~TestServer();

    /** Starts the binary and waits for its ready line; false on failure (see output()). */
    bool start();
    /** SIGTERM and wait; returns the exit code (-1 when it did not stop in time). */
    int terminate();
    /** SIGKILL and wait. */
    void kill();

    quint16 httpPort() const { return m_httpPort; }
    quint16 wsPort() const { return m_wsPort; }
    QString dataDir() const { return m_dir.path(); }
    QString databasePath() const { return m_dir.path() + QStringLiteral("/roomgate.db"); }
    QString output() const { return m_output; }
    QProcess &process() { return *m_process; }
    QStringList &extraArgs() { return m_extraArgs; }

    static QString binary();
    /** Whether the suites of this run use PostgreSQL (`ROOMGATE_TEST_BACKEND`). */
    static bool onPostgres();
    /** The `--database` this server uses; empty for SQLite in its data dir. */
    QString databaseUrl() const { return m_databaseUrl; }
    /**
     * A connection named @p name to this server's database, opened (check isOpen()), for a
     * test to look at or change storage behind the server's back. Remove it with
     * QSqlDatabase::removeDatabase() when done.
     */
    QSqlDatabase openDatabase(const QString &name) const;
    /**
     * Starts a transaction on @p db that holds the rooms table against every writer (SQLite
     * BEGIN EXCLUSIVE; PostgreSQL LOCK TABLE): a backup or another process in the way.
     */
    static bool lockStorage(QSqlDatabase &db);

    /** The environment of the next start() (e.g. ROOMGATE_* settings); by default inherited. */
    void setEnvironment(const QProcessEnvironment &environment) { m_environment = environment; }

private:
    QTemporaryDir m_dir;
    QStringList m_extraArgs;
    bool m_databaseGiven = false; ///< --database came with the extra arguments
    std::unique_ptr<QProcess> m_process;
    QString m_output;
    quint16 m_httpPort = 0;
    quint16 m_wsPort = 0;
    std::optional<QProcessEnvironment> m_environment;
    QString m_databaseUrl;
};

/** One HTTP answer as the tests look at it. */
struct HttpReply
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QByteArray contentType;
    QByteArray retryAfter;
    QByteArray allow;
    /** Wall-clock ms (since the epoch) when the request was handed over and the answer read:
     * whatever the server decided, it decided in between. */
    qint64 sentAtMs = 0;
    qint64 answeredAtMs = 0;
    QString code() const { return json.value(QStringLiteral("code")).toString(); }
};

/**
 * What is wrong with the ticket lifetime of reservation answer @p r from a server whose
 * ticket ttl is @p ttlSeconds; empty when nothing is. The server decided between the
 * request's send and its answer, so `expiresAt` lies ttl after that span and `ttlSeconds`
 * is what was left when the answer was made, rounded up: holds however slow the machine.
 */
QString ticketLifetimeProblem(const HttpReply &r, int ttlSeconds);

/** Synchronous HTTP client over QNetworkAccessManager, for tests. */
class TestApi
{
public:
    explicit TestApi(quint16 port) : m_port(port) { }

    HttpReply request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                      const QByteArray &token = {},
                      const QByteArray &contentType = "application/json");
    HttpReply post(const QString &path, const QJsonObject &body, const QByteArray &token = {});

    /** Registers @p name (password "password-<name>") and signs in; the token. */
    QByteArray userToken(const QString &name);
    HttpReply reserve(const QByteArray &token, const QString &room, bool create = true,
                      int capacity = 16);

    /** Percent-encodes a room name for a path. */
    static QString pathSegment(const QString &text);

private:
    quint16 m_port;
    QNetworkAccessManager m_nam;
};

/** A WebSocket client that records every frame and the close, for tests. */
class TestSocket : public QObject
{
    Q_OBJECT
public:
    TestSocket();
    void open(const QString &url);
    /** Waits for the next unread frame (bounded); empty object on time-out. */
    QJsonObject nextFrame(int timeoutMs = 5000);
    /** Waits until a frame of @p type arrives, skipping others. */
    QJsonObject frameOfType(const QString &type, int timeoutMs = 5000);
    bool waitClosed(int timeoutMs = 5000);
    bool waitConnected(int timeoutMs = 5000);
    void send(const QJsonObject &frame);

    QWebSocket &socket() { return m_socket; }
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }
    bool isClosed() const { return m_closed; }
    const QList<QJsonObject> &frames() const { return m_frames; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_frames;
    qsizetype m_read = 0;
    bool m_closed = false;
    int m_closeCode = -1;
    QString m_closeReason;
};

} // namespace roomgate::test
