// SPDX-License-Identifier: MIT
#include "server/storage/secrets.h"

#include "shared/ticketformat.h"

#include <QDateTime>

#include <sodium.h>

namespace roomgate::server::Secrets {

bool initialize()
{
    return sodium_init() >= 0;
}

QByteArray hashPassword(const QString &nfcPassword, PasswordCost cost)
{
    unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (cost == PasswordCost::Moderate) {
        ops = crypto_pwhash_OPSLIMIT_MODERATE;
        mem = crypto_pwhash_MEMLIMIT_MODERATE;
    } else if (cost == PasswordCost::Minimum) {
        ops = crypto_pwhash_OPSLIMIT_MIN;
        mem = crypto_pwhash_MEMLIMIT_MIN;
    }
    const QByteArray utf8 = nfcPassword.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
                              ops, mem, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return {};
    return QByteArray(out);
}

bool verifyPassword(const QByteArray &storedHash, const QString &nfcPassword)
{
    const QByteArray utf8 = nfcPassword.toUtf8();
    return crypto_pwhash_str_verify(storedHash.constData(), utf8.constData(),
                                    static_cast<unsigned long long>(utf8.size()))
        == 0;
}

QByteArray randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    randombytes_buf(out.data(), static_cast<size_t>(count));
    return out;
}

QByteArray newToken()
{
    return TicketFormat::encode(randomBytes(TicketFormat::kSecretBytes));
}

QString newPublicId()
{
    QByteArray id = randomBytes(16);
    const auto ms = static_cast<quint64>(QDateTime::currentMSecsSinceEpoch());
    for (int i = 0; i < 6; ++i)
        id[i] = static_cast<char>((ms >> (8 * (5 - i))) & 0xff);
    return QString::fromLatin1(id.toHex());
}

QString storageHash(QByteArrayView secret)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char *>(secret.data()),
                       static_cast<unsigned long long>(secret.size()));
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex());
}

namespace {

constexpr int kIdBytes = 16;
constexpr int kMacBytes = TicketFormat::kSecretBytes - kIdBytes;

/** The ticket's MAC of @p id: the first kMacBytes of its HMAC-SHA-256 under @p key. */
QByteArray ticketMac(const QByteArray &key, QByteArrayView id)
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(key.constData()),
                                static_cast<size_t>(key.size()));
    const QByteArray message = QByteArrayLiteral("roomgate-ticket-v2:") + id.toByteArray();
    crypto_auth_hmacsha256_update(&state,
                                  reinterpret_cast<const unsigned char *>(message.constData()),
                                  static_cast<unsigned long long>(message.size()));
    crypto_auth_hmacsha256_final(&state, mac);
    sodium_memzero(&state, sizeof state);
    return QByteArray(reinterpret_cast<const char *>(mac), kMacBytes);
}

} // namespace

QByteArray deriveTicket(const QByteArray &key, const QString &reservationId)
{
    const QByteArray id = reservationId.toLatin1();
    QByteArray raw = QByteArray::fromHex(id);
    if (raw.size() != kIdBytes)
        return {};
    raw += ticketMac(key, id);
    return TicketFormat::encode(raw);
}

QString reservationOfTicket(const QByteArray &key, QByteArrayView ticket)
{
    if (!TicketFormat::isWellFormed(ticket))
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(
        ticket.toByteArray(),
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
            | QByteArray::AbortOnBase64DecodingErrors);
    // One form per ticket: the last character's two spare bits must be zero, as made.
    if (!decoded || decoded.decoded.size() != TicketFormat::kSecretBytes
        || TicketFormat::encode(decoded.decoded) != ticket)
        return {};
    const QByteArray id = decoded.decoded.left(kIdBytes).toHex();
    const QByteArray expected = ticketMac(key, id);
    if (sodium_memcmp(expected.constData(), decoded.decoded.constData() + kIdBytes, kMacBytes) != 0)
        return {};
    return QString::fromLatin1(id);
}

} // namespace roomgate::server::Secrets
