// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/admission/ratelimiter.h"
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
    /**
     * BadCredentials, BadRequest (password too long), Unavailable (hash queue full),
     * RateLimited (too many failed sign-ins for this user name, or from this address:
     * then even the right password waits; with retryAfterMs). A new session beyond the
     * user's cap ends the oldest.
     */
    void signIn(const QString &username, const QString &password, const HashClient &client,
                Reply<SessionGrant> done);
    void signOut(QByteArrayView token, std::function<void(ErrorCode)> done);
    /** Ends every session of @p user. */
    void signOutEverywhere(const User &user, std::function<void(ErrorCode)> done);

    /** Counts one sign-up from client @p key against the accounts per address. */
    RateVerdict countSignUp(const QString &key) { return m_accountsPerAddress.take(key); }

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
    RateLimiter m_accountsPerAddress;
    RateLimiter m_failuresPerUser; ///< keyed by the user name's key, known or not
    RateLimiter m_failuresPerAddress;
};

} // namespace roomgate::server
