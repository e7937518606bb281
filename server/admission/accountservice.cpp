// SPDX-License-Identifier: MIT
#include "server/admission/accountservice.h"

#include "server/admission/logging.h"
#include "server/storage/accountstore.h"
#include "shared/textrules.h"
#include "shared/ticketformat.h"

#include <QDateTime>
#include <QFuture>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace roomgate::server {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

AccountService::AccountService(AccountStore &store, const AdmissionSettings &settings,
                               QObject *parent)
    : QObject(parent),
      m_store(store),
      m_settings(settings),
      m_dummyHash(
          Secrets::hashPassword(QStringLiteral("roomgate-dummy-password"), settings.passwordCost))
{ }

void AccountService::signUp(const QString &username, const QString &password,
                            std::function<void(Outcome<User>)> done)
{
    const QString name = TextRules::normalizedUsername(username);
    if (name.isNull()) {
        done(Outcome<User>::failure(ErrorCode::InvalidUsername));
        return;
    }
    const ErrorCode passwordCheck = TextRules::checkPassword(password);
    if (passwordCheck != ErrorCode::Ok) {
        done(Outcome<User>::failure(passwordCheck));
        return;
    }
    const QString key = TextRules::nameKey(name);
    // Fail fast on a taken name before spending a slow hash on it; the insert checks
    // again inside its transaction.
    const auto existing = m_store.findUser(key);
    if (!existing.ok()) {
        done(Outcome<User>::failure(existing.code));
        return;
    }
    if (existing.value) {
        done(Outcome<User>::failure(ErrorCode::UsernameTaken));
        return;
    }
    const QString nfc = TextRules::normalizedPassword(password);
    const auto cost = m_settings.passwordCost;
    QtConcurrent::run([nfc, cost] {
        return Secrets::hashPassword(nfc, cost);
    }).then(this, [this, name, key, done = std::move(done)](const QByteArray &hash) {
        if (hash.isEmpty()) {
            done(Outcome<User>::failure(ErrorCode::Internal));
            return;
        }
        const auto created = m_store.createUser(name, key, hash, false, nowMs());
        if (created.ok())
            qCInfo(lcAccounts).noquote() << "account created:" << name;
        done(created);
    });
}

void AccountService::signIn(const QString &username, const QString &password,
                            std::function<void(Outcome<SessionGrant>)> done)
{
    if (TextRules::checkPassword(password) == ErrorCode::BadRequest) {
        done(Outcome<SessionGrant>::failure(ErrorCode::BadRequest));
        return;
    }
    const QString name = TextRules::normalizedUsername(username);
    std::optional<User> user;
    if (!name.isNull()) {
        const auto found = m_store.findUser(TextRules::nameKey(name));
        if (!found.ok()) {
            done(Outcome<SessionGrant>::failure(found.code));
            return;
        }
        user = found.value;
    }
    const QByteArray hash = user ? user->passwordHash : m_dummyHash;
    const QString nfc = TextRules::normalizedPassword(password);
    QtConcurrent::run([hash, nfc] {
        return Secrets::verifyPassword(hash, nfc);
    }).then(this, [this, user, done = std::move(done)](bool matches) {
        if (!user || !matches) {
            done(Outcome<SessionGrant>::failure(ErrorCode::BadCredentials));
            return;
        }
        SessionGrant grant;
        grant.token = Secrets::newToken();
        grant.user = *user;
        const qint64 now = nowMs();
        grant.expiresAt = now + m_settings.sessionTtlMs;
        const ErrorCode stored = m_store.createSession(user->id, Secrets::storageHash(grant.token),
                                                       now, grant.expiresAt);
        if (stored != ErrorCode::Ok) {
            done(Outcome<SessionGrant>::failure(stored));
            return;
        }
        qCInfo(lcAccounts).noquote() << "signed in:" << user->name;
        done({ErrorCode::Ok, grant});
    });
}

ErrorCode AccountService::signOut(QByteArrayView token)
{
    return m_store.deleteSession(Secrets::storageHash(token));
}

Outcome<User> AccountService::authenticate(QByteArrayView token)
{
    if (!TicketFormat::isWellFormed(token))
        return Outcome<User>::failure(ErrorCode::Unauthenticated);
    const auto found = m_store.sessionUser(Secrets::storageHash(token), nowMs());
    if (!found.ok())
        return Outcome<User>::failure(found.code);
    if (!found.value)
        return Outcome<User>::failure(ErrorCode::Unauthenticated);
    return {ErrorCode::Ok, *found.value};
}

Outcome<User> AccountService::bootstrapAdmin(const QString &username, const QString &password,
                                             bool *created)
{
    const QString name = TextRules::normalizedUsername(username);
    if (name.isNull())
        return Outcome<User>::failure(ErrorCode::InvalidUsername);
    const ErrorCode passwordCheck = TextRules::checkPassword(password);
    if (passwordCheck != ErrorCode::Ok)
        return Outcome<User>::failure(passwordCheck);
    const QByteArray hash
        = Secrets::hashPassword(TextRules::normalizedPassword(password), m_settings.passwordCost);
    if (hash.isEmpty())
        return Outcome<User>::failure(ErrorCode::Internal);
    return m_store.upsertAdmin(name, TextRules::nameKey(name), hash, nowMs(), created);
}

ErrorCode AccountService::purgeExpired()
{
    return m_store.purgeExpiredSessions(nowMs());
}

} // namespace roomgate::server
