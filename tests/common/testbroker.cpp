// SPDX-License-Identifier: MIT
#include "tests/common/testbroker.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>

namespace roomgate::test {

namespace {

QString brokerScriptPath()
{
    return QStringLiteral(ROOMGATE_SOURCE_DIR "/scripts/rabbitmq.sh");
}

} // namespace

TestBroker::TestBroker() = default;

TestBroker::~TestBroker()
{
    if (m_owned && m_running)
        stop();
}

TestBroker &TestBroker::shared()
{
    static TestBroker *instance = [] {
        auto *broker = new TestBroker;
        const QString fixture = qEnvironmentVariable("ROOMGATE_TEST_RABBITMQ_DIR");
        if (!fixture.isEmpty() && broker->adopt(fixture))
            return broker;
        if (broker->start()) {
            // Stopped with the application, not at static destruction (QProcess needs it).
            qAddPostRoutine([] { delete &shared(); });
        }
        return broker;
    }();
    return *instance;
}

bool TestBroker::adopt(const QString &dir)
{
    m_dir = dir;
    m_owned = false;
    m_running = script(QStringLiteral("url"), &m_url);
    if (!m_running)
        m_error = QStringLiteral("no broker in %1: %2").arg(dir, m_error);
    return m_running;
}

bool TestBroker::script(const QString &command, QString *out)
{
    QProcess process;
    // Whatever happens to this process, the broker it started goes with it.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ROOMGATE_RABBITMQ_OWNER"),
                       QString::number(QCoreApplication::applicationPid()));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("bash"), {brokerScriptPath(), command, m_dir});
    // The script bounds its own waits (start: 60 s a try, stop: 30 s and then SIGKILL).
    if (!process.waitForFinished(240'000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        process.kill();
        process.waitForFinished();
        m_error = QStringLiteral("rabbitmq.sh %1 failed: %2")
                      .arg(command, QString::fromUtf8(process.readAllStandardError()));
        return false;
    }
    if (out)
        *out = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    return true;
}

bool TestBroker::start()
{
    m_own = std::make_unique<QTemporaryDir>(QDir::tempPath()
                                            + QStringLiteral("/roomgate-rabbitmq-XXXXXX"));
    if (!m_own->isValid()) {
        m_error = QStringLiteral("no temporary directory: %1").arg(m_own->errorString());
        return false;
    }
    m_dir = m_own->path();
    // As root the broker runs as the rabbitmq user: it must reach its directory.
    QFile::setPermissions(m_dir,
                          QFile::permissions(m_dir) | QFile::ReadGroup | QFile::ExeGroup
                              | QFile::ReadOther | QFile::ExeOther);
    m_owned = true;
    m_running = script(QStringLiteral("start"), &m_url);
    return m_running;
}

bool TestBroker::stop()
{
    const bool stopped = script(QStringLiteral("stop"));
    m_running = m_running && !stopped;
    return stopped;
}

bool TestBroker::resume()
{
    QString url;
    m_running = script(QStringLiteral("resume"), &url);
    if (m_running && url != m_url) {
        m_error = QStringLiteral("resumed on %1, not %2").arg(url, m_url);
        m_running = false;
    }
    return m_running;
}

} // namespace roomgate::test
