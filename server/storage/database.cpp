// SPDX-License-Identifier: MIT
#include "server/storage/database.h"

#include "server/storage/logging.h"
#include "server/storage/schema.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>
#include <QUrl>

namespace roomgate::server {

namespace {

QAtomicInt g_connectionCounter;
constexpr qint64 kReopenIntervalMs = 1000;
// Any session's key for the schema migration (PostgreSQL advisory lock): nodes starting
// together migrate one after the other.
constexpr int kMigrationLockKey = 0x526f6f6d; // "Room"

QStringList splitStatements(const char *script)
{
    QStringList out;
    const QStringList parts = QString::fromUtf8(script).split(QLatin1Char(';'));
    for (const QString &part : parts) {
        const QString sql = part.trimmed();
        if (!sql.isEmpty())
            out.append(sql);
    }
    return out;
}

} // namespace

Database::Database()
    : m_connectionName(QStringLiteral("roomgate-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1)))
{ }

Database::~Database()
{
    close();
}

bool Database::open(const QString &url, Role role, int busyTimeoutMs)
{
    close();
    m_url = url;
    m_role = role;
    m_busyTimeoutMs = busyTimeoutMs;
    m_lost = false;
    m_lastAttemptMs = QDateTime::currentMSecsSinceEpoch();
    const QUrl parsed(url);
    const QString scheme = parsed.scheme().toLower();
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        m_dialect = Dialect::Postgres;
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        m_db.setHostName(parsed.host().isEmpty() ? QStringLiteral("127.0.0.1") : parsed.host());
        m_db.setPort(parsed.port(5432));
        m_db.setUserName(parsed.userName());
        m_db.setPassword(parsed.password());
        m_db.setDatabaseName(parsed.path().mid(1));
        // A database that went away answers 503 quickly, not after a long connect.
        m_db.setConnectOptions(QStringLiteral("connect_timeout=2"));
    } else {
        m_dialect = Dialect::Sqlite;
        const QString path
            = url.startsWith(QLatin1String("sqlite://")) ? url.mid(int(qstrlen("sqlite://"))) : url;
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        m_db.setDatabaseName(path);
        // Readers never write: read-only also means a missing file is not created.
        m_db.setConnectOptions(
            QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs)
            + (role == Role::Reader ? QStringLiteral(";QSQLITE_OPEN_READONLY") : QString()));
    }
    if (!m_db.isValid()) {
        m_error = QStringLiteral("the Qt SQL driver for %1 is not installed")
                      .arg(m_dialect == Dialect::Postgres ? QStringLiteral("PostgreSQL")
                                                          : QStringLiteral("SQLite"));
        return false;
    }
    if (!m_db.open()) {
        m_error = m_db.lastError().text();
        return false;
    }
    if (m_dialect == Dialect::Postgres
        && !execDirect(QStringLiteral("SET lock_timeout = %1").arg(busyTimeoutMs))) {
        // A lock held elsewhere (another node, an operator's session) is waited for as long
        // as SQLite's busy timeout, then answered UNAVAILABLE.
        m_error = QStringLiteral("cannot prepare the database: %1").arg(m_error);
        return false;
    }
    if (m_dialect == Dialect::Sqlite && role == Role::Writer) {
        // WAL lets readers go on while a decision writes. synchronous=FULL: a message
        // acknowledged with an id must survive power loss too (I6), and a seat
        // decision must never be undone by a crash after the client saw it.
        const QStringList pragmas{
            QStringLiteral("PRAGMA journal_mode=WAL"),
            QStringLiteral("PRAGMA synchronous=FULL"),
            QStringLiteral("PRAGMA foreign_keys=ON"),
            QStringLiteral("PRAGMA busy_timeout=%1").arg(busyTimeoutMs),
        };
        for (const QString &pragma : pragmas) {
            if (!execDirect(pragma)) {
                m_error = QStringLiteral("cannot prepare the database: %1").arg(m_error);
                return false;
            }
        }
    }
    return role != Role::Writer || migrate();
}

bool Database::ensureOpen()
{
    if (isOpen() && !m_lost)
        return true;
    if (m_url.isEmpty())
        return false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastAttemptMs < kReopenIntervalMs)
        return false;
    const bool wasLost = m_lost;
    if (!open(m_url, m_role, m_busyTimeoutMs)) {
        m_lost = true; // keep trying, a second apart
        qCWarning(lcStorage).noquote() << "the database is still away:" << m_error;
        return false;
    }
    if (wasLost)
        qCInfo(lcStorage) << "the database connection is back";
    return true;
}

void Database::close()
{
    m_statements.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

int Database::schemaVersion() const
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT version FROM schema_version")) && q.next())
        return q.value(0).toInt();
    return 0;
}

bool Database::migrate()
{
    if (m_dialect == Dialect::Postgres) {
        if (!execDirect(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kMigrationLockKey)))
            return false;
        const bool migrated = migrateLocked();
        execDirect(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrationLockKey));
        return migrated;
    }
    return migrateLocked();
}

bool Database::migrateLocked()
{
    if (!execDirect(
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")))
        return false;
    int version = schemaVersion();
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")) || !q.next()) {
            m_error = q.lastError().text();
            return false;
        }
        if (q.value(0).toInt() == 0
            && !execDirect(QStringLiteral("INSERT INTO schema_version (version) VALUES (0)")))
            return false;
    }
    const auto steps = Schema::migrations();
    const int target = static_cast<int>(steps.size());
    if (version > target) {
        m_error = QStringLiteral("the database has schema version %1, newer than this server (%2)")
                      .arg(version)
                      .arg(target);
        return false;
    }
    for (; version < target; ++version) {
        const Schema::Migration &step = steps[version];
        if (!begin())
            return false;
        bool ok = true;
        const QStringList statements
            = splitStatements(m_dialect == Dialect::Postgres ? step.postgres : step.sqlite);
        for (const QString &sql : statements) {
            if (!execDirect(sql)) {
                ok = false;
                break;
            }
        }
        QSqlQuery bump(m_db);
        bump.prepare(QStringLiteral("UPDATE schema_version SET version = ?"));
        bump.addBindValue(version + 1);
        if (!ok || !bump.exec() || !commit()) {
            rollback();
            m_error = QStringLiteral("schema migration to version %1 failed: %2")
                          .arg(version + 1)
                          .arg(m_error.isEmpty() ? bump.lastError().text() : m_error);
            return false;
        }
        qCInfo(lcStorage) << "schema migrated to version" << version + 1;
    }
    return true;
}

QSqlQuery &Database::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            // Not cached: preparing may fail for a passing reason (PostgreSQL prepares on
            // the server, which waits for table locks and may be away). Its exec fails
            // with this error.
            noteError(query.lastError(), sql);
            m_unprepared = QSqlQuery();
            m_unpreparedCode = m_lastErrorCode;
            return m_unprepared;
        }
        it = m_statements.insert(sql, query);
    }
    it->finish();
    return *it;
}

bool Database::exec(QSqlQuery &query)
{
    if (&query == &m_unprepared) {
        m_lastErrorCode = m_unpreparedCode;
        return false;
    }
    if (query.exec()) {
        m_lastErrorCode = ErrorCode::Ok;
        return true;
    }
    noteError(query.lastError(), query.lastQuery());
    return false;
}

bool Database::execFound(QSqlQuery &query, bool &found)
{
    if (!exec(query))
        return false;
    found = query.next();
    query.finish();
    return true;
}

bool Database::execDirect(const QString &sql)
{
    QSqlQuery q(m_db);
    if (q.exec(sql)) {
        m_lastErrorCode = ErrorCode::Ok;
        return true;
    }
    noteError(q.lastError(), sql);
    m_error = q.lastError().text();
    return false;
}

void Database::noteError(const QSqlError &error, const QString &what)
{
    const QString native = error.nativeErrorCode();
    bool transient = m_db.isValid() && !m_db.isOpen();
    if (m_dialect == Dialect::Sqlite) {
        // 5/6: busy/locked, 10: I/O error, 13: disk full, 14: cannot open. The driver
        // reports every failed step as a "connection error", so only the code tells.
        static const QStringList kTransient{QStringLiteral("5"), QStringLiteral("6"),
                                            QStringLiteral("10"), QStringLiteral("13"),
                                            QStringLiteral("14")};
        transient = transient || kTransient.contains(native);
    } else {
        // Class 08: connection exception, 57P0x: shutdown; no SQLSTATE at all: the
        // connection broke before the server answered. Either way it is gone.
        const bool lost = error.type() == QSqlError::ConnectionError || native.isEmpty()
            || native.startsWith(QLatin1String("08")) || native.startsWith(QLatin1String("57P0"));
        // 40001/40P01: serialization failure/deadlock, decided against this transaction.
        const bool conflict = native == QLatin1String("40001") || native == QLatin1String("40P01");
        if (lost)
            m_lost = true;
        if (conflict)
            ++m_conflicts;
        // 53xxx: insufficient resources, 55P03: a lock not granted within lock_timeout.
        transient = transient || lost || conflict || native.startsWith(QLatin1String("53"))
            || native == QLatin1String("55P03");
    }
    m_lastErrorCode = transient ? ErrorCode::Unavailable : ErrorCode::Internal;
    qCWarning(lcStorage).noquote() << "statement failed:" << error.text() << "native" << native
                                   << "in" << what.simplified().left(200);
}

bool Database::ping()
{
    if (!ensureOpen())
        return false;
    QSqlQuery &q = prepared(QStringLiteral("SELECT 1"));
    const bool alive = exec(q) && q.next();
    q.finish();
    return alive;
}

bool Database::control(const QString &sql)
{
    if (m_dialect == Dialect::Postgres)
        return execDirect(sql); // PostgreSQL cannot PREPARE transaction control
    // SQLite: parsed once per connection, as any other statement of the writer's hot path.
    QSqlQuery &q = prepared(sql);
    const bool done = exec(q);
    if (!done)
        m_error = q.lastError().text();
    q.finish();
    return done;
}

bool Database::begin()
{
    return control(m_dialect == Dialect::Sqlite ? QStringLiteral("BEGIN IMMEDIATE")
                                                : QStringLiteral("BEGIN"));
}

bool Database::commit()
{
    return control(QStringLiteral("COMMIT"));
}

void Database::rollback()
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

bool Database::savepoint(const QString &name)
{
    return control(QStringLiteral("SAVEPOINT ") + name);
}

bool Database::releaseSavepoint(const QString &name)
{
    return control(QStringLiteral("RELEASE SAVEPOINT ") + name);
}

bool Database::rollbackToSavepoint(const QString &name)
{
    // Rolled back to, then released: the savepoint is gone, the transaction goes on.
    return control(QStringLiteral("ROLLBACK TO SAVEPOINT ") + name) && releaseSavepoint(name);
}

qint64 Database::insertedId(QSqlQuery &insert)
{
    if (m_dialect == Dialect::Postgres) {
        const qint64 id = insert.next() ? insert.value(0).toLongLong() : 0;
        insert.finish();
        return id;
    }
    const qint64 id = insert.numRowsAffected() > 0 ? insert.lastInsertId().toLongLong() : 0;
    insert.finish();
    return id;
}

} // namespace roomgate::server
