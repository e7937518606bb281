// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace roomgate::test {

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 (scripts/postgres.sh), never the machine's
 * own service. shared() is the one of this test run: CTest's `postgres` fixture starts it
 * for every suite that needs it (ROOMGATE_TEST_POSTGRES_DIR); a suite run by hand starts
 * its own. A suite that stops the database on purpose makes its own with start().
 */
class TestPostgres
{
public:
    TestPostgres();
    ~TestPostgres();
    TestPostgres(const TestPostgres &) = delete;
    TestPostgres &operator=(const TestPostgres &) = delete;

    /** The cluster of this run, started on first use; check isRunning(). */
    static TestPostgres &shared();

    /** A new cluster in a temporary directory; false with error(). */
    bool start();
    /** Stops it (fast shutdown: connections are cut). */
    bool stop();
    /** Starts the stopped cluster again on the same port. */
    bool resume();
    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }

    /** A new, empty database on the cluster (for one test); its URL, empty on failure. */
    QString newDatabase();

private:
    bool script(const QString &command, QString *out = nullptr);
    /** Adopts the cluster CTest's fixture started in @p dir. */
    bool adopt(const QString &dir);

    std::unique_ptr<QTemporaryDir> m_own;
    QString m_dir;
    QString m_url; ///< of its maintenance database
    bool m_running = false;
    bool m_owned = false;
    QString m_error;
    int m_databases = 0;
};

} // namespace roomgate::test
