// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/storage/records.h"

#include <QObject>

#include <functional>

namespace roomgate::server {

class AccountStore;

/** A new sign-in session: the token is shown to the user once, stored only hashed. */
struct SessionGrant
{
    QByteArray token;
    User user;
    qint64 expiresAt = 0;
};

/**
 * Phase 0: accounts and sessions. Password hashing is slow on purpose and runs on
 * the global thread pool; storage work and callbacks run on this object's thread
 * (the main thread, with the Database).
 */
class AccountService : public QObject
{
    Q_OBJECT
public:
    AccountService(AccountStore &store, const AdmissionSettings &settings,
                   QObject *parent = nullptr);

    /** InvalidUsername, WeakPassword, BadRequest (password too long), UsernameTaken. */
    void signUp(const QString &username, const QString &password,
                std::function<void(Outcome<User>)> done);
    /** BadCredentials, BadRequest (password too long). */
    void signIn(const QString &username, const QString &password,
                std::function<void(Outcome<SessionGrant>)> done);
    ErrorCode signOut(QByteArrayView token);

    /** The user a bearer token belongs to; Unauthenticated when none (or expired). */
    Outcome<User> authenticate(QByteArrayView token);

    /** Creates or promotes an admin, synchronously (command-line bootstrap). */
    Outcome<User> bootstrapAdmin(const QString &username, const QString &password, bool *created);

    ErrorCode purgeExpired();

private:
    AccountStore &m_store;
    const AdmissionSettings &m_settings;
    QByteArray m_dummyHash; ///< verified against for unknown users: equal timing
};

} // namespace roomgate::server
