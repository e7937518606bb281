// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace roomgate::test {

/**
 * A throwaway RabbitMQ broker on 127.0.0.1 (scripts/rabbitmq.sh: its own node name, data and
 * free ports), never the machine's own service. shared() is the one of this test run: CTest's
 * `rabbitmq` fixture starts it for every suite that needs it (ROOMGATE_TEST_RABBITMQ_DIR); a
 * suite run by hand starts its own. A suite that stops the broker on purpose makes its own
 * with start(): stop() and resume() keep its port, so clients reconnect to the same URL.
 * Used from the test's main thread; the calls block until the script is done. A broker this
 * process started never outlives it (the script watches the process).
 */
class TestBroker
{
public:
    TestBroker();
    ~TestBroker();
    TestBroker(const TestBroker &) = delete;
    TestBroker &operator=(const TestBroker &) = delete;

    /** The broker of this run, started on first use; check isRunning(). */
    static TestBroker &shared();

    /** A new broker in a temporary directory, up once it speaks AMQP; false with error(). */
    bool start();
    /** Stops it cleanly (connections are closed); the URL stays. */
    bool stop();
    /** Starts the stopped broker again, on the same port. */
    bool resume();
    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }

    /** amqp://USER:PASS@127.0.0.1:PORT/%2F, once started. */
    QString url() const { return m_url; }

private:
    bool script(const QString &command, QString *out = nullptr);
    /** Adopts the broker CTest's fixture started in @p dir. */
    bool adopt(const QString &dir);

    std::unique_ptr<QTemporaryDir> m_own;
    QString m_dir;
    QString m_url;
    bool m_running = false;
    bool m_owned = false;
    QString m_error;
};

} // namespace roomgate::test
