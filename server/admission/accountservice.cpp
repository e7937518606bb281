// SPDX-License-Identifier: MIT
#include "server/admission/accountservice.h"

#include "server/admission/hashqueue.h"
#include "server/admission/logging.h"
#include "server/storage/accountstore.h"
#include "server/storage/auditstore.h"
#include "server/storage/readconnections.h"
#include "server/storage/storagewriter.h"
#include "shared/textrules.h"
#include "shared/ticketformat.h"

#include <QPointer>

namespace roomgate::server {

namespace {

/** Creates the account, unless its name was taken meanwhile. */
Outcome<User> decideSignUp(Database &db, const QString &name, const QString &key,
                           const QByteArray &hash, qint64 now)
{
    AccountStore accounts(db);
    const auto existing = accounts.findUser(key);
    if (!existing.ok())
        return Outcome<User>::failure(existing.code);
    if (existing.value)
        return Outcome<User>::failure(ErrorCode::UsernameTaken);
    const auto id = accounts.insertUser(name, key, hash, false, now);
    if (!id.ok())
        return Outcome<User>::failure(id.code);
    if (id.value == 0) // taken on another node since the look-up
        return Outcome<User>::failure(ErrorCode::UsernameTaken);
    return {ErrorCode::Ok, User{id.value, name, hash, false}};
}

/** Creates or promotes the admin and audits it as the command line's, in one decision. */
Outcome<User> decideBootstrap(Database &db, const QString &name, const QString &key,
                              const QByteArray &hash, qint64 now, bool *created)
{
    AccountStore accounts(db);
    const auto existing = accounts.findUser(key);
    if (!existing.ok())
        return Outcome<User>::failure(existing.code);
    User user;
    if (existing.value) {
        user = *existing.value;
        if (const ErrorCode code = accounts.promoteToAdmin(user.id, hash); code != ErrorCode::Ok)
            return Outcome<User>::failure(code);
    } else {
        const auto id = accounts.insertUser(name, key, hash, true, now);
        if (!id.ok())
            return Outcome<User>::failure(id.code);
        if (id.value == 0)
            return Outcome<User>::failure(ErrorCode::UsernameTaken);
        user = User{id.value, name, hash, true};
    }
    user.admin = true;
    *created = !existing.value;
    const AuditEntry audit{now, QStringLiteral("cli"), QStringLiteral("admin.bootstrap"), user.name,
                           QJsonObject{{QStringLiteral("created"), *created}}};
    if (const ErrorCode code = AuditStore(db).append(audit); code != ErrorCode::Ok)
        return Outcome<User>::failure(code);
    return {ErrorCode::Ok, user};
}

} // namespace

AccountService::AccountService(StorageWriter &writer, ReadConnections &reads, HashQueue &hashes,
                               const AdmissionSettings &settings, QObject *parent)
    : QObject(parent),
      m_writer(writer),
      m_reads(reads),
      m_hashes(hashes),
      m_settings(settings),
      m_dummyHash(
          Secrets::hashPassword(QStringLiteral("roomgate-dummy-password"), settings.passwordCost)),
      m_accountsPerAddress(settings.limits.accountsPerAddress, *settings.clock),
      m_failuresPerUser(settings.limits.loginFailuresPerUser, *settings.clock),
      m_failuresPerAddress(settings.limits.loginFailuresPerAddress, *settings.clock)
{ }

void AccountService::signUp(const QString &username, const QString &password,
                            const HashClient &client, Reply<User> done)
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
    // Fail fast on a taken name before spending a slow hash on it; the decision checks
    // again in its transaction.
    const auto existing = AccountStore(m_reads.forThisThread()).findUser(key);
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
    const bool queued = m_hashes.submit<QByteArray>(
        client.key, [nfc, cost] { return Secrets::hashPassword(nfc, cost); }, client.stillWanted,
        [this, name, key, done](std::optional<QByteArray> hash) {
            if (!hash || hash->isEmpty()) {
                done(Outcome<User>::failure(hash ? ErrorCode::Internal : ErrorCode::Unavailable));
                return;
            }
            const qint64 now = m_settings.nowMs();
            m_writer.submit<User>(
                [name, key, hash = *hash, now](StorageWriter::Scope &scope) {
                    return decideSignUp(scope.db(), name, key, hash, now);
                },
                [done](Outcome<User> created) {
                    if (created.ok())
                        qCInfo(lcAccounts).noquote() << "account created:" << created.value.name;
                    done(std::move(created));
                });
        });
    if (!queued)
        done(Outcome<User>::failure(ErrorCode::Unavailable));
}

void AccountService::signIn(const QString &username, const QString &password,
                            const HashClient &client, Reply<SessionGrant> done)
{
    if (TextRules::checkPassword(password) == ErrorCode::BadRequest) {
        done(Outcome<SessionGrant>::failure(ErrorCode::BadRequest));
        return;
    }
    const QString name = TextRules::normalizedUsername(username);
    // Failures count per user name (known or not: no difference shows) and per address.
    const QString nameKey = name.isNull() ? username.toCaseFolded() : TextRules::nameKey(name);
    const RateVerdict byAddress = m_failuresPerAddress.check(client.key);
    const RateVerdict byName = m_failuresPerUser.check(nameKey);
    if (!byAddress.allowed || !byName.allowed) {
        done(Outcome<SessionGrant>::failure(ErrorCode::RateLimited,
                                            std::max(byAddress.retryAfterMs, byName.retryAfterMs)));
        return;
    }
    std::optional<User> user;
    if (!name.isNull()) {
        const auto found = AccountStore(m_reads.forThisThread()).findUser(TextRules::nameKey(name));
        if (!found.ok()) {
            done(Outcome<SessionGrant>::failure(found.code));
            return;
        }
        user = found.value;
    }
    const QByteArray hash = user ? user->passwordHash : m_dummyHash;
    const QString nfc = TextRules::normalizedPassword(password);
    const bool queued = m_hashes.submit<bool>(
        client.key, [hash, nfc] { return Secrets::verifyPassword(hash, nfc); }, client.stillWanted,
        [this, user, done, nameKey, addressKey = client.key](std::optional<bool> matches) {
            if (!matches) {
                done(Outcome<SessionGrant>::failure(ErrorCode::Unavailable));
                return;
            }
            if (!user || !*matches) {
                m_failuresPerUser.take(nameKey);
                m_failuresPerAddress.take(addressKey);
                done(Outcome<SessionGrant>::failure(ErrorCode::BadCredentials));
                return;
            }
            SessionGrant grant;
            grant.token = Secrets::newToken();
            grant.user = *user;
            const qint64 now = m_settings.nowMs();
            grant.expiresAt = now + m_settings.sessionTtlMs;
            const QString tokenHash = Secrets::storageHash(grant.token);
            const int keep = m_settings.limits.sessionsPerUser;
            m_writer.submit<SessionGrant>(
                [grant, tokenHash, now,
                 keep](StorageWriter::Scope &scope) -> Outcome<SessionGrant> {
                    AccountStore accounts(scope.db());
                    ErrorCode code
                        = accounts.insertSession(grant.user.id, tokenHash, now, grant.expiresAt);
                    // Beyond the cap, the oldest sessions end.
                    if (code == ErrorCode::Ok && keep > 0)
                        code = accounts.keepNewestSessions(grant.user.id, keep);
                    return {code, grant};
                },
                [done](Outcome<SessionGrant> stored) {
                    if (stored.ok())
                        qCInfo(lcAccounts).noquote() << "signed in:" << stored.value.user.name;
                    done(std::move(stored));
                });
        });
    if (!queued)
        done(Outcome<SessionGrant>::failure(ErrorCode::Unavailable));
}

void AccountService::signOut(QByteArrayView token, std::function<void(ErrorCode)> done)
{
    const QString tokenHash = Secrets::storageHash(token);
    m_writer.submit<bool>(
        [tokenHash](StorageWriter::Scope &scope) {
            return AccountStore(scope.db()).deleteSession(tokenHash);
        },
        [done = std::move(done)](Outcome<bool> outcome) { done(outcome.code); });
}

void AccountService::signOutEverywhere(const User &user, std::function<void(ErrorCode)> done)
{
    const qint64 userId = user.id;
    m_writer.submit<bool>(
        [userId](StorageWriter::Scope &scope) -> Outcome<bool> {
            const ErrorCode code = AccountStore(scope.db()).deleteSessionsOf(userId);
            return {code, code == ErrorCode::Ok};
        },
        [done = std::move(done)](Outcome<bool> outcome) { done(outcome.code); });
}

Outcome<User> AccountService::authenticate(QByteArrayView token)
{
    if (!TicketFormat::isWellFormed(token))
        return Outcome<User>::failure(ErrorCode::Unauthenticated);
    const auto found = AccountStore(m_reads.forThisThread())
                           .sessionUser(Secrets::storageHash(token), m_settings.nowMs());
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
    const QString key = TextRules::nameKey(name);
    const qint64 now = m_settings.nowMs();
    return m_writer.call<User>([name, key, hash, now, created](StorageWriter::Scope &scope) {
        return decideBootstrap(scope.db(), name, key, hash, now, created);
    });
}

void AccountService::purgeExpired()
{
    const qint64 now = m_settings.nowMs();
    m_writer.submit<bool>(
        [now](StorageWriter::Scope &scope) -> Outcome<bool> {
            const ErrorCode code = AccountStore(scope.db()).purgeExpiredSessions(now);
            return {code, code == ErrorCode::Ok};
        },
        [](Outcome<bool> purged) {
            if (!purged.ok())
                qCWarning(lcAccounts) << "session purge failed:" << wireName(purged.code);
        });
}

} // namespace roomgate::server
