// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/storage/records.h"

#include <QObject>

#include <functional>

namespace roomgate::server {

class ReadConnections;
class StorageWriter;

/** A new sign-in session: the token is shown to the user once, stored only hashed. */
struct SessionGrant
{
    QByteArray token;
    User user;
    qint64 expiresAt = 0;
};

/**
 * Phase 0: accounts and sessions. Password hashing is slow on purpose and runs off the
 * caller's thread; writes are decisions of the storage writer, lookups are reads.
 * Answers on the calling thread. Lives on the main thread.
 */
class AccountService : public QObject
{
    Q_OBJECT
public:
    AccountService(StorageWriter &writer, ReadConnections &reads, const AdmissionSettings &settings,
                   QObject *parent = nullptr);

    /** InvalidUsername, WeakPassword, BadRequest (password too long), UsernameTaken. */
    void signUp(const QString &username, const QString &password, Reply<User> done);
    /** BadCredentials, BadRequest (password too long). */
    void signIn(const QString &username, const QString &password, Reply<SessionGrant> done);
    void signOut(QByteArrayView token, std::function<void(ErrorCode)> done);

    /** The user a bearer token belongs to; Unauthenticated when none (or expired). */
    Outcome<User> authenticate(QByteArrayView token);

    /** Creates or promotes an admin, synchronously (command-line bootstrap). */
    Outcome<User> bootstrapAdmin(const QString &username, const QString &password, bool *created);

    void purgeExpired();

private:
    StorageWriter &m_writer;
    ReadConnections &m_reads;
    const AdmissionSettings &m_settings;
    QByteArray m_dummyHash; ///< verified against for unknown users: equal timing
};

} // namespace roomgate::server
