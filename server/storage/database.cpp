// SPDX-License-Identifier: MIT
#include "server/storage/database.h"

#include "server/storage/logging.h"

#include <QAtomicInt>
#include <QSqlDriver>
#include <QSqlError>
#include <QUrl>

namespace roomgate::server {

namespace {

QAtomicInt g_connectionCounter;

// Versioned schema. Entry N brings the schema from version N to N + 1. Append only:
// a released step never changes, a change is a new step for both dialects.
struct Migration
{
    const char *sqlite;
    const char *postgres;
};

// clang-format off
constexpr Migration kMigrations[] = {
    {R"(
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE rooms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    capacity INTEGER NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_activity BIGINT NOT NULL);
CREATE TABLE reservations (
    id TEXT PRIMARY KEY,
    ticket_hash TEXT NOT NULL UNIQUE,
    room_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    node_id TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL);
CREATE INDEX reservations_room ON reservations(room_id, state, expires_at);
CREATE INDEX reservations_user ON reservations(user_id, room_id, state);
CREATE INDEX reservations_expiry ON reservations(state, expires_at);
CREATE TABLE memberships (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    connection_id TEXT NOT NULL,
    address TEXT NOT NULL,
    since BIGINT NOT NULL,
    UNIQUE (room_id, user_id));
CREATE INDEX memberships_node ON memberships(node_id);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL,
    sender TEXT NOT NULL,
    body TEXT NOT NULL,
    client_id TEXT,
    sent_at BIGINT NOT NULL);
CREATE INDEX messages_room ON messages(room_id, id);
CREATE UNIQUE INDEX messages_client ON messages(room_id, user_id, client_id);
CREATE TABLE bans (
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (room_id, user_id));
CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    lease_expires BIGINT NOT NULL,
    started_at BIGINT NOT NULL);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    admin TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL);
)",
     R"(
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE rooms (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    capacity INTEGER NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_activity BIGINT NOT NULL);
CREATE TABLE reservations (
    id TEXT PRIMARY KEY,
    ticket_hash TEXT NOT NULL UNIQUE,
    room_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    node_id TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL);
CREATE INDEX reservations_room ON reservations(room_id, state, expires_at);
CREATE INDEX reservations_user ON reservations(user_id, room_id, state);
CREATE INDEX reservations_expiry ON reservations(state, expires_at);
CREATE TABLE memberships (
    id BIGSERIAL PRIMARY KEY,
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    connection_id TEXT NOT NULL,
    address TEXT NOT NULL,
    since BIGINT NOT NULL,
    UNIQUE (room_id, user_id));
CREATE INDEX memberships_node ON memberships(node_id);
CREATE TABLE messages (
    id BIGSERIAL PRIMARY KEY,
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL,
    sender TEXT NOT NULL,
    body TEXT NOT NULL,
    client_id TEXT,
    sent_at BIGINT NOT NULL);
CREATE INDEX messages_room ON messages(room_id, id);
CREATE UNIQUE INDEX messages_client ON messages(room_id, user_id, client_id);
CREATE TABLE bans (
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (room_id, user_id));
CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    lease_expires BIGINT NOT NULL,
    started_at BIGINT NOT NULL);
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    admin TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL);
)"},
};
// clang-format on

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

bool Database::open(const QString &url, int busyTimeoutMs)
{
    close();
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
        m_db.setConnectOptions(QStringLiteral("connect_timeout=5"));
    } else {
        m_dialect = Dialect::Sqlite;
        const QString path
            = url.startsWith(QLatin1String("sqlite://")) ? url.mid(int(qstrlen("sqlite://"))) : url;
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        m_db.setDatabaseName(path);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
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
    if (m_dialect == Dialect::Sqlite) {
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
    if (!migrate())
        return false;
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

bool Database::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
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
    constexpr int target = static_cast<int>(std::size(kMigrations));
    if (version > target) {
        m_error = QStringLiteral("the database has schema version %1, newer than this server (%2)")
                      .arg(version)
                      .arg(target);
        return false;
    }
    for (; version < target; ++version) {
        const Migration &step = kMigrations[version];
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
        if (!query.prepare(sql))
            qCWarning(lcStorage) << "cannot prepare" << sql << query.lastError().text();
        it = m_statements.insert(sql, query);
    }
    it->finish();
    return *it;
}

bool Database::exec(QSqlQuery &query)
{
    if (query.exec()) {
        m_lastErrorCode = ErrorCode::Ok;
        return true;
    }
    noteError(query.lastError(), query.lastQuery());
    return false;
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
    // SQLite 5/6: busy/locked; PostgreSQL class 08: connection exception,
    // 57P0x: shutdown, 40001/40P01: serialization failure/deadlock.
    const bool transient = native == QLatin1String("5") || native == QLatin1String("6")
        || native.startsWith(QLatin1String("08")) || native.startsWith(QLatin1String("57P0"))
        || native == QLatin1String("40001") || native == QLatin1String("40P01")
        || error.type() == QSqlError::ConnectionError || (m_db.isValid() && !m_db.isOpen());
    m_lastErrorCode = transient ? ErrorCode::Unavailable : ErrorCode::Internal;
    qCWarning(lcStorage).noquote() << "statement failed:" << error.text() << "native" << native
                                   << "in" << what.simplified().left(200);
}

bool Database::ping()
{
    QSqlQuery &q = prepared(QStringLiteral("SELECT 1"));
    return exec(q) && q.next();
}

bool Database::begin()
{
    return execDirect(m_dialect == Dialect::Sqlite ? QStringLiteral("BEGIN IMMEDIATE")
                                                   : QStringLiteral("BEGIN"));
}

bool Database::commit()
{
    return execDirect(QStringLiteral("COMMIT"));
}

void Database::rollback()
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

} // namespace roomgate::server
