// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/localerror.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

namespace roomgate::client {

/**
 * What the client made of a server certificate that the system could not verify (a
 * self-signed one, a private CA's, a name that does not match): accepted because the user
 * trusted exactly this certificate for this server before, or refused — never accepted
 * silently. A certificate the system's CAs verify is never judged here (verdict None).
 *
 * A refusal is a LocalError::Tls failure; this says which one, with the fingerprint the
 * user can compare (and pin, when none was trusted yet). Fingerprints are SHA-256 digests
 * of the certificate's DER form, as `openssl x509 -fingerprint -sha256` prints them.
 * Value type, any thread.
 */
struct CertificateCheck
{
    enum class Verdict : quint8 {
        None, ///< nothing judged: the system verified the certificate, or no TLS at all
        Pinned, ///< unverifiable, but exactly the certificate trusted for this server: accepted
        Unverified, ///< unverifiable and none trusted for this server: refused, the user may trust
                    ///< it
        Changed, ///< unverifiable and not the one trusted for this server: refused
    };

    Verdict verdict = Verdict::None;
    QString server; ///< whose trusted certificate applies: `host:port` of the server's address
    QByteArray fingerprint; ///< SHA-256 of the certificate presented (32 bytes)
    QByteArray pinned; ///< the fingerprint trusted for server; empty when none
    QString errors; ///< why the system could not verify it, in Qt's words (logs, details)

    /** Unverified or Changed: the connection was refused over its certificate. */
    bool isRefusal() const { return verdict == Verdict::Unverified || verdict == Verdict::Changed; }
    /** Unverified with a certificate to show: the user can be asked to trust it. */
    bool canBeTrusted() const { return verdict == Verdict::Unverified && !fingerprint.isEmpty(); }

    /**
     * The user sentence for a refusal in @p phase, translated, naming @p address (as the
     * user could check it); empty when nothing was refused. Changed says that the
     * server's identity changed and what to do about it.
     */
    QString sentence(LocalErrorPhase phase, const QString &address) const;
    /** The fingerprint presented (and, when Changed, the one trusted before), translated. */
    QString detail() const;

    /**
     * Judges a TLS handshake that reported @p errors for @p presented, the server's own
     * certificate, given the fingerprint @p pinned trusted for @p server (empty: none).
     */
    static CertificateCheck judge(const QString &server, const QByteArray &pinned,
                                  const QSslCertificate &presented, const QList<QSslError> &errors);
    /** The SHA-256 digest of @p certificate's DER form; empty for a null certificate. */
    static QByteArray fingerprintOf(const QSslCertificate &certificate);
    /** @p fingerprint as people compare it: `B0:26:50:…`, upper-case hex pairs. */
    static QString displayFingerprint(const QByteArray &fingerprint);
    /** The same in two lines of 16 pairs: narrow enough for a window, never cut mid-pair. */
    static QString displayFingerprintLines(const QByteArray &fingerprint);
    /** A stable name for logs (`UNVERIFIED`); never shown to users. */
    static QString verdictName(Verdict verdict);
};

} // namespace roomgate::client

Q_DECLARE_METATYPE(roomgate::client::CertificateCheck)
