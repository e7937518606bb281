// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

namespace roomgate::server {

/**
 * Password hashing and the secrets the server hands out, on libsodium.
 * Thread-safe free functions; hashing is slow on purpose, so callers run it off
 * the event loop.
 */
namespace Secrets {

enum class PasswordCost { Interactive, Moderate, Minimum };

/** Initialises libsodium once; false when it cannot (no entropy source). */
bool initialize();

/** An Argon2id string (salt and limits inside), or empty on failure. */
QByteArray hashPassword(const QString &nfcPassword, PasswordCost cost);
bool verifyPassword(const QByteArray &storedHash, const QString &nfcPassword);

/** @p count bytes from the system CSPRNG. */
QByteArray randomBytes(int count);
/** A fresh session token: 256 random bits, base64url. */
QByteArray newToken();
/**
 * A fresh public id, 32 hex digits: the time in milliseconds (48 bits), then 80 random
 * bits. Ids made later sort after earlier ones, so a table keyed by them grows at its end
 * (one index page written per group commit) instead of at a random page for each row.
 */
QString newPublicId();

/** Lower-case hex SHA-256: how tokens and tickets are stored. */
QString storageHash(QByteArrayView secret);

/**
 * The ticket of reservation @p reservationId (32 hex digits): the id's 16 bytes, then the
 * first 16 bytes of HMAC-SHA-256 of `roomgate-ticket-v2:<id>` under @p key; base64url, 43
 * characters. A claim finds its reservation by the id the ticket carries; the store holds
 * the id, never the MAC, so nothing in it can be presented as a ticket.
 */
QByteArray deriveTicket(const QByteArray &key, const QString &reservationId);
/** The reservation id @p ticket carries when its MAC is right under @p key; empty if not. */
QString reservationOfTicket(const QByteArray &key, QByteArrayView ticket);

} // namespace Secrets
} // namespace roomgate::server
