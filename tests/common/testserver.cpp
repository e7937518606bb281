// SPDX-License-Identifier: MIT
#include "tests/common/testserver.h"

#include "tests/common/testpostgres.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <csignal>

namespace roomgate::test {

TestServer::TestServer(QStringList extraArgs) : m_extraArgs(std::move(extraArgs))
{
    const qsizetype given = m_extraArgs.indexOf(QStringLiteral("--database"));
    if (given >= 0) {
        m_databaseGiven = true;
        const QString url = m_extraArgs.value(given + 1);
        if (url.startsWith(QLatin1String("postgresql://")))
            m_databaseUrl = url; // for openDatabase(); not passed twice
    } else if (onPostgres()) {
        TestPostgres &cluster = TestPostgres::shared();
        m_databaseUrl = cluster.newDatabase();
        if (m_databaseUrl.isEmpty())
            qWarning("TestServer: no PostgreSQL database: %s", qPrintable(cluster.error()));
    }
}

bool TestServer::onPostgres()
{
    return qEnvironmentVariable("ROOMGATE_TEST_BACKEND") == QLatin1String("postgresql");
}

TestServer::~TestServer()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        kill();
}

QString TestServer::binary()
{
    const QString fromEnv = qEnvironmentVariable("ROOMGATE_SERVER_BINARY");
    return fromEnv.isEmpty() ? QStringLiteral("roomgate-server") : fromEnv;
}

bool TestServer::start()
{
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(binary());
    QStringList args{QStringLiteral("--headless"), QStringLiteral("--http-port"),
                     QStringLiteral("0"), QStringLiteral("--ws-port"), QStringLiteral("0"),
                     QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--password-cost"),
                     QStringLiteral("minimum"),
                     // A harness: suites that test the limits turn them on again.
                     QStringLiteral("--rate-limits"), QStringLiteral("off")};
    if (!m_databaseUrl.isEmpty() && !m_databaseGiven)
        args << QStringLiteral("--database") << m_databaseUrl;
    args += m_extraArgs;
    m_process->setArguments(args);
    if (m_environment)
        m_process->setProcessEnvironment(*m_environment);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    QObject::connect(m_process.get(), &QProcess::readyReadStandardError, m_process.get(),
                     [this] { m_output += QString::fromUtf8(m_process->readAllStandardError()); });
    m_output.clear();
    m_process->start();
    if (!m_process->waitForStarted(5000))
        return false;
    static const QRegularExpression ready(
        QStringLiteral("ready http=[^ ]*:(\\d+) ws=[^ ]*:(\\d+)"));
    QString out;
    QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
        m_process->waitForReadyRead(100);
        out += QString::fromUtf8(m_process->readAllStandardOutput());
        const auto match = ready.match(out);
        if (match.hasMatch()) {
            m_httpPort = match.captured(1).toUShort();
            m_wsPort = match.captured(2).toUShort();
            m_output += out;
            return true;
        }
    }
    m_output += out + QString::fromUtf8(m_process->readAllStandardError());
    return false;
}

QSqlDatabase TestServer::openDatabase(const QString &name) const
{
    if (m_databaseUrl.isEmpty()) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath());
        if (db.open())
            QSqlQuery(db).exec(QStringLiteral("PRAGMA busy_timeout=5000"));
        return db;
    }
    const QUrl url(m_databaseUrl);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    db.open();
    return db;
}

bool TestServer::lockStorage(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (db.driverName() == QLatin1String("QSQLITE"))
        return q.exec(QStringLiteral("BEGIN EXCLUSIVE"));
    return q.exec(QStringLiteral("BEGIN"))
        && q.exec(QStringLiteral("LOCK TABLE rooms IN ACCESS EXCLUSIVE MODE"));
}

int TestServer::terminate()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return m_process ? m_process->exitCode() : -1;
    ::kill(static_cast<pid_t>(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(15000))
        return -1;
    m_output += QString::fromUtf8(m_process->readAllStandardError());
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void TestServer::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(10000);
}

HttpReply TestApi::request(const QByteArray &method, const QString &path, const QByteArray &body,
                           const QByteArray &token, const QByteArray &contentType)
{
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    if (!contentType.isEmpty() && !body.isNull())
        req.setRawHeader("Content-Type", contentType);
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token);
    HttpReply out;
    out.sentAtMs = QDateTime::currentMSecsSinceEpoch();
    QNetworkReply *reply = m_nam.sendCustomRequest(req, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    out.answeredAtMs = QDateTime::currentMSecsSinceEpoch();
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.json = QJsonDocument::fromJson(out.body).object();
    out.contentType = reply->rawHeader("Content-Type");
    out.retryAfter = reply->rawHeader("Retry-After");
    out.allow = reply->rawHeader("Allow");
    reply->deleteLater();
    return out;
}

HttpReply TestApi::post(const QString &path, const QJsonObject &body, const QByteArray &token)
{
    return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

QByteArray TestApi::userToken(const QString &name)
{
    const QJsonObject credentials{
        {QStringLiteral("username"), name},
        {QStringLiteral("password"), QString(QStringLiteral("password-") + name)}};
    post(QStringLiteral("/api/v1/accounts"), credentials);
    const HttpReply session = post(QStringLiteral("/api/v1/sessions"), credentials);
    return session.json.value(QStringLiteral("token")).toString().toLatin1();
}

HttpReply TestApi::reserve(const QByteArray &token, const QString &room, bool create, int capacity)
{
    return post(QStringLiteral("/api/v1/rooms/%1/entries").arg(pathSegment(room)),
                QJsonObject{{QStringLiteral("create"), QJsonValue(create)},
                            {QStringLiteral("capacity"), QJsonValue(capacity)}},
                token);
}

QString ticketLifetimeProblem(const HttpReply &r, int ttlSeconds)
{
    const QString expiresText = r.json.value(QStringLiteral("expiresAt")).toString();
    const QDateTime expires = QDateTime::fromString(expiresText, Qt::ISODateWithMs);
    const int left = r.json.value(QStringLiteral("ttlSeconds")).toInt(-1);
    const qint64 ttlMs = qint64(ttlSeconds) * 1000;
    const qint64 tookMs = r.answeredAtMs - r.sentAtMs;
    const QString seen = QStringLiteral(" (expiresAt %1, ttlSeconds %2, ttl %3 s, request took "
                                        "%4 ms)")
                             .arg(expiresText)
                             .arg(left)
                             .arg(ttlSeconds)
                             .arg(tookMs);
    if (!expires.isValid() || !expiresText.endsWith(QLatin1Char('Z')))
        return QStringLiteral("expiresAt is not an ISO 8601 UTC time") + seen;
    const qint64 at = expires.toMSecsSinceEpoch();
    if (at < r.sentAtMs + ttlMs || at > r.answeredAtMs + ttlMs)
        return QStringLiteral("expiresAt is not ttl after the decision") + seen;
    // At least ttl minus the request's duration was left when the answer was made.
    const qint64 lowest = (ttlMs - tookMs + 999) / 1000;
    if (left > ttlSeconds || left < qMax<qint64>(1, lowest))
        return QStringLiteral("ttlSeconds is not what was left of the ttl") + seen;
    return {};
}

QString TestApi::pathSegment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

TestSocket::TestSocket()
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_closeCode = m_socket.closeCode();
        m_closeReason = m_socket.closeReason();
    });
}

void TestSocket::open(const QString &url)
{
    m_socket.open(QUrl(url));
}

bool TestSocket::waitConnected(int timeoutMs)
{
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        return true;
    QSignalSpy spy(&m_socket, &QWebSocket::connected);
    return spy.wait(timeoutMs);
}

QJsonObject TestSocket::nextFrame(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_read >= m_frames.size() && !deadline.hasExpired() && !m_closed) {
        QSignalSpy spy(&m_socket, &QWebSocket::textMessageReceived);
        if (m_read < m_frames.size())
            break;
        spy.wait(static_cast<int>(qMax<qint64>(1, deadline.remainingTime())));
    }
    if (m_read >= m_frames.size())
        return {};
    return m_frames.at(m_read++);
}

QJsonObject TestSocket::frameOfType(const QString &type, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const QJsonObject frame
            = nextFrame(static_cast<int>(qMax<qint64>(1, deadline.remainingTime())));
        if (frame.value(QStringLiteral("type")).toString() == type)
            return frame;
    }
    return {};
}

bool TestSocket::waitClosed(int timeoutMs)
{
    if (m_closed)
        return true;
    QSignalSpy spy(&m_socket, &QWebSocket::disconnected);
    spy.wait(timeoutMs);
    return m_closed;
}

void TestSocket::send(const QJsonObject &frame)
{
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

} // namespace roomgate::test
