// SPDX-License-Identifier: MIT
#pragma once

#include "shared/errorcode.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

namespace roomgate::server {

/**
 * One connection to the storage that is the source of truth for seats: SQLite (the
 * embedded default, WAL) or PostgreSQL. Opens the connection, runs the versioned schema
 * migrations (when asked to: the writer's connection does, readers do not) and hands
 * out cached prepared statements, transactions and savepoints.
 *
 * Lives on, and is used only from, the thread that opened it (QSqlDatabase rule).
 */
class Database
{
public:
    enum class Dialect { Sqlite, Postgres };
    enum class Role {
        Writer, ///< migrates the schema; the one connection decisions run on
        Reader, ///< queries only, beside a writer (WAL: never blocked by it)
        Inspector, ///< queries only, alone (--verify): no migration, nothing written
    };

    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /**
     * Opens @p url: `sqlite:///abs/path.db`, a plain file path, or
     * `postgresql://user:pass@host:port/db`. A Writer runs the migrations. On failure
     * returns false and sets errorString().
     */
    bool open(const QString &url, Role role = Role::Writer, int busyTimeoutMs = 5000);
    void close();
    bool isOpen() const { return m_db.isValid() && m_db.isOpen(); }
    /**
     * Opens the connection again, as it was opened, when it never opened or was lost (the
     * database server went away); at most one attempt a second. True when it is usable.
     */
    bool ensureOpen();
    /** open() was called (whether or not it succeeded). */
    bool wasOpened() const { return !m_url.isEmpty(); }
    QString errorString() const { return m_error; }
    Dialect dialect() const { return m_dialect; }
    int schemaVersion() const;

    /** A prepared statement for @p sql, cached per connection; values must be bound. */
    QSqlQuery &prepared(const QString &sql);
    /** The text of every statement prepared() has cached on this connection. */
    QStringList preparedStatements() const { return m_statements.keys(); }

    /** Runs @p query; on failure logs it and records the error for lastErrorCode(). */
    bool exec(QSqlQuery &query);
    /** Runs @p query as exec() does, sets @p found to whether it gave a row, finishes it. */
    bool execFound(QSqlQuery &query, bool &found);
    bool execDirect(const QString &sql);
    /**
     * The id a just executed `INSERT … RETURNING id` (PostgreSQL) or INSERT (SQLite) made;
     * 0 when it inserted nothing (`ON CONFLICT … DO NOTHING` met a row that was there).
     */
    qint64 insertedId(QSqlQuery &insert);

    /** Unavailable for lost connections and lock time-outs, Internal otherwise. */
    ErrorCode lastErrorCode() const { return m_lastErrorCode; }
    /**
     * Statements failed so far because another transaction got in the way (PostgreSQL's
     * deadlock and serialization failures): the work is right, only running it again is.
     */
    quint64 conflicts() const { return m_conflicts; }
    /** lastErrorCode(), never Ok: what a failed storage step answers. */
    ErrorCode failureCode() const
    {
        return m_lastErrorCode == ErrorCode::Ok ? ErrorCode::Internal : m_lastErrorCode;
    }

    /** Cheap liveness check for /healthz. */
    bool ping();

    bool begin(); ///< BEGIN IMMEDIATE (SQLite) / BEGIN (PostgreSQL)
    bool commit();
    void rollback();
    /** Savepoints inside a transaction: one per decision of a group commit. */
    bool savepoint(const QString &name);
    bool releaseSavepoint(const QString &name);
    bool rollbackToSavepoint(const QString &name);

    /** The SQL of @p sqlite or, on PostgreSQL, @p postgres when given. */
    QString dialectSql(const QString &sqlite, const QString &postgres) const
    {
        return m_dialect == Dialect::Postgres && !postgres.isEmpty() ? postgres : sqlite;
    }

private:
    bool migrate();
    bool migrateLocked(); ///< migrate() with the other nodes kept out
    void noteError(const QSqlError &error, const QString &what);
    /** A transaction or savepoint statement: prepared once where the dialect allows. */
    bool control(const QString &sql);

    QString m_connectionName;
    QString m_url;
    Role m_role = Role::Writer;
    int m_busyTimeoutMs = 5000;
    bool m_lost = false; ///< the server went away: reopen before the next use
    qint64 m_lastAttemptMs = 0;
    quint64 m_conflicts = 0;
    QSqlDatabase m_db;
    Dialect m_dialect = Dialect::Sqlite;
    QString m_error;
    ErrorCode m_lastErrorCode = ErrorCode::Ok;
    QHash<QString, QSqlQuery> m_statements;
    QSqlQuery m_unprepared; ///< what prepared() hands out when preparing failed
    ErrorCode m_unpreparedCode = ErrorCode::Internal;
};

/**
 * RAII transaction: begins on construction, rolls back unless commit() succeeded.
 * For work outside the storage writer (the command line, tests).
 */
class Transaction
{
public:
    explicit Transaction(Database &db) : m_db(db), m_active(db.begin()) { }
    ~Transaction()
    {
        if (m_active)
            m_db.rollback();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit()
    {
        if (!m_active)
            return false;
        m_active = false;
        if (m_db.commit())
            return true;
        m_db.rollback();
        return false;
    }

private:
    Database &m_db;
    bool m_active;
};

} // namespace roomgate::server
