// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/storage/records.h"

#include <QObject>

#include <functional>

namespace roomgate::server {

class HashQueue;
class ReadConnections;
class StorageWriter;

/** A new sign-in session: the token is shown to the user once, stored only hashed. */
struct SessionGrant
{
    QByteArray token;
    User user;
    qint64 expiresAt = 0;
};

/** Who asks for a password hash: for the hash queue's fairness and to skip the abandoned. */
struct HashClient
{
    QString key; ///< the client's address (its share of the hash queue)
    std::function<bool()> stillWanted; ///< thread-safe; null: always wanted
};

/**
 * Phase 0: accounts and sessions. Password hashing is slow on purpose: it goes through
 * the bounded, fair HashQueue (UNAVAILABLE when full); writes are decisions of the
 * storage writer, lookups are reads. Thread-safe; answers on the calling thread. Lives on
 * the main thread.
 */
class AccountService : public QObject
{
    Q_OBJECT
public:
    AccountService(StorageWriter &writer, ReadConnections &reads, HashQueue &hashes,
                   const AdmissionSettings &settings, QObject *parent = nullptr);

    /**
     * InvalidUsername, WeakPassword, BadRequest (password too long), UsernameTaken,
     * Unavailable (hash queue full).
     */
    void signUp(const QString &username, const QString &password, const HashClient &client,
                Reply<User> done);
    /** BadCredentials, BadRequest (password too long), Unavailable (hash queue full). */
    void signIn(const QString &username, const QString &password, const HashClient &client,
                Reply<SessionGrant> done);
    void signOut(QByteArrayView token, std::function<void(ErrorCode)> done);

    /** The user a bearer token belongs to; Unauthenticated when none (or expired). */
    Outcome<User> authenticate(QByteArrayView token);

    /** Creates or promotes an admin, synchronously (command-line bootstrap). */
    Outcome<User> bootstrapAdmin(const QString &username, const QString &password, bool *created);

    void purgeExpired();

private:
    StorageWriter &m_writer;
    ReadConnections &m_reads;
    HashQueue &m_hashes;
    const AdmissionSettings &m_settings;
    QByteArray m_dummyHash; ///< verified against for unknown users: equal timing
};

} // namespace roomgate::server
