// SPDX-License-Identifier: MIT
#include "client/ui/tokenstore.h"

#include "client/ui/logging.h"

#include <QPointer>

#include <qt6keychain/keychain.h>

namespace roomgate::client::ui {

namespace {
const QString kService = QStringLiteral("roomgate");
} // namespace

TokenStore::TokenStore(QObject *parent) : QObject(parent) { }

void TokenStore::setKeychainEnabled(bool enabled)
{
    m_keychainEnabled = enabled;
    if (!enabled)
        setBackend(Backend::MemoryOnly);
}

QString TokenStore::accountKey(const QUrl &server, const QString &username)
{
    return username + QLatin1Char('@')
        + server.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment)
              .toString();
}

void TokenStore::setBackend(Backend backend)
{
    if (m_backend == backend)
        return;
    m_backend = backend;
    switch (backend) {
    case Backend::Keychain:
        qCInfo(lcKeychain) << "session tokens kept in the system keychain";
        break;
    case Backend::MemoryOnly:
        qCInfo(lcKeychain).noquote()
            << "session tokens kept in memory only"
            << (m_keychainEnabled ? "(no keychain answered)" : "(keychain turned off)");
        break;
    case Backend::Unknown:
        break;
    }
    Q_EMIT backendChanged(backend);
}

bool TokenStore::judge(int error, const QString &errorString)
{
    switch (error) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
        setBackend(Backend::Keychain);
        return true;
    default:
        // No secret service, a locked or refused keychain, no D-Bus session: keep the
        // token in memory for this run rather than anywhere readable.
        qCInfo(lcKeychain).noquote() << "no system keychain:" << errorString;
        setBackend(Backend::MemoryOnly);
        return false;
    }
}

void TokenStore::load(const QString &account, QObject *context,
                      std::function<void(const QString &)> done)
{
    if (m_backend == Backend::MemoryOnly || !m_keychainEnabled) {
        const QString token = m_memory.value(account);
        QMetaObject::invokeMethod(
            context ? context : this, [done, token] { done(token); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    QPointer<QObject> receiver(context ? context : this);
    connect(job, &QKeychain::Job::finished, this,
            [this, job, receiver, account, done = std::move(done)] {
                QString token;
                if (judge(job->error(), job->errorString()))
                    token = job->textData();
                else
                    token = m_memory.value(account);
                if (receiver)
                    done(token);
            });
    job->start();
}

void TokenStore::store(const QString &account, const QString &token)
{
    if (m_backend == Backend::MemoryOnly || !m_keychainEnabled) {
        m_memory.insert(account, token);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job, account, token] {
        if (!judge(job->error(), job->errorString()))
            m_memory.insert(account, token);
    });
    job->start();
}

void TokenStore::remove(const QString &account)
{
    m_memory.remove(account);
    if (m_backend == Backend::MemoryOnly || !m_keychainEnabled)
        return;
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this,
            [this, job] { judge(job->error(), job->errorString()); });
    job->start();
}

} // namespace roomgate::client::ui
