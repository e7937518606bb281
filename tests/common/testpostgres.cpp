// SPDX-License-Identifier: MIT
#include "tests/common/testpostgres.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace roomgate::test {

namespace {

QString postgresScriptPath()
{
    return QStringLiteral(ROOMGATE_SOURCE_DIR "/scripts/postgres.sh");
}

} // namespace

TestPostgres::TestPostgres() = default;

TestPostgres::~TestPostgres()
{
    if (m_owned && m_running)
        stop();
}

TestPostgres &TestPostgres::shared()
{
    static TestPostgres *instance = [] {
        auto *cluster = new TestPostgres;
        const QString fixture = qEnvironmentVariable("ROOMGATE_TEST_POSTGRES_DIR");
        if (!fixture.isEmpty() && cluster->adopt(fixture))
            return cluster;
        if (cluster->start()) {
            // Stopped with the application, not at static destruction (QProcess needs it).
            qAddPostRoutine([] { delete &shared(); });
        }
        return cluster;
    }();
    return *instance;
}

bool TestPostgres::adopt(const QString &dir)
{
    QFile port(dir + QStringLiteral("/port"));
    if (!port.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("no cluster in %1").arg(dir);
        return false;
    }
    m_dir = dir;
    m_url = QStringLiteral("postgresql://roomgate@127.0.0.1:%1/roomgate")
                .arg(QString::fromLatin1(port.readAll().trimmed()));
    m_running = true;
    m_owned = false;
    return true;
}

bool TestPostgres::script(const QString &command, QString *out)
{
    QProcess process;
    process.start(QStringLiteral("bash"), {postgresScriptPath(), command, m_dir});
    if (!process.waitForFinished(120'000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        m_error = QStringLiteral("postgres.sh %1 failed: %2")
                      .arg(command, QString::fromUtf8(process.readAllStandardError()));
        return false;
    }
    if (out)
        *out = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    return true;
}

bool TestPostgres::start()
{
    m_own
        = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/roomgate-pg-XXXXXX"));
    m_dir = m_own->path();
    m_owned = true;
    m_running = script(QStringLiteral("start"), &m_url);
    return m_running;
}

bool TestPostgres::stop()
{
    const bool stopped = script(QStringLiteral("stop"));
    m_running = m_running && !stopped;
    return stopped;
}

bool TestPostgres::resume()
{
    m_running = script(QStringLiteral("resume"));
    return m_running;
}

QString TestPostgres::newDatabase()
{
    if (!m_running)
        return {};
    const QString connection = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QUrl url(m_url);
    // Unique across the suites that share the cluster and run in parallel.
    const QString name = QStringLiteral("t_%1_%2_%3")
                             .arg(QCoreApplication::applicationPid())
                             .arg(++m_databases)
                             .arg(connection.left(8));
    bool created = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setUserName(url.userName());
        db.setDatabaseName(url.path().mid(1));
        if (db.open()) {
            QSqlQuery q(db);
            created = q.exec(QStringLiteral("CREATE DATABASE %1").arg(name));
            if (!created)
                m_error = q.lastError().text();
        } else {
            m_error = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    if (!created)
        return {};
    QUrl out = url;
    out.setPath(QLatin1Char('/') + name);
    return out.toString();
}

} // namespace roomgate::test
