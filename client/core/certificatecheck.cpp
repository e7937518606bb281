// SPDX-License-Identifier: MIT
#include "client/core/certificatecheck.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace roomgate::client {

QString CertificateCheck::sentence(LocalErrorPhase phase, const QString &address) const
{
    const bool chat = phase == LocalErrorPhase::Connection;
    switch (verdict) {
    case Verdict::None:
    case Verdict::Pinned:
        break;
    case Verdict::Unverified:
        return chat ? QCoreApplication::translate(
                          "roomgate::client::CertificateCheck",
                          "The chat server at %1 uses a certificate that this computer "
                          "cannot verify and that you have not trusted for this server, "
                          "so the connection was refused.")
                          .arg(address)
                    : QCoreApplication::translate(
                          "roomgate::client::CertificateCheck",
                          "The server at %1 uses a certificate that this computer cannot "
                          "verify, and you have not trusted it. Nothing was sent to it.")
                          .arg(address);
    case Verdict::Changed:
        switch (phase) {
        case LocalErrorPhase::SignIn:
            return QCoreApplication::translate(
                       "roomgate::client::CertificateCheck",
                       "The identity of the server at %1 has changed: it presented a "
                       "different certificate from the one you trusted. Someone may be "
                       "intercepting the connection, so nothing was sent. Ask the server's "
                       "administrator whether the certificate was replaced; if it was, "
                       "choose “Forget trusted certificate” and sign in again.")
                .arg(address);
        case LocalErrorPhase::RoomList:
        case LocalErrorPhase::Reservation:
            return QCoreApplication::translate(
                       "roomgate::client::CertificateCheck",
                       "The identity of the server at %1 has changed: it presented a "
                       "different certificate from the one you trusted. Someone may be "
                       "intercepting the connection, so nothing was sent. Ask the server's "
                       "administrator whether the certificate was replaced; if it was, "
                       "sign out, choose “Forget trusted certificate” in the sign-in "
                       "window and sign in again.")
                .arg(address);
        case LocalErrorPhase::Connection:
            return QCoreApplication::translate(
                       "roomgate::client::CertificateCheck",
                       "The identity of the chat server at %1 has changed: it presented a "
                       "different certificate from the one you trusted for this server. "
                       "Someone may be intercepting the connection. Ask the server's "
                       "administrator whether the certificate was replaced; if it was, "
                       "sign out, choose “Forget trusted certificate” in the sign-in "
                       "window and sign in again.")
                .arg(address);
        }
        break;
    }
    return {};
}

QString CertificateCheck::detail() const
{
    switch (verdict) {
    case Verdict::None:
    case Verdict::Pinned:
        break;
    case Verdict::Unverified:
        return QCoreApplication::translate("roomgate::client::CertificateCheck",
                                           "Certificate fingerprint (SHA-256):\n%1")
            .arg(displayFingerprintLines(fingerprint));
    case Verdict::Changed:
        return QCoreApplication::translate("roomgate::client::CertificateCheck",
                                           "Presented now (SHA-256):\n%1\nTrusted before:\n%2")
            .arg(displayFingerprintLines(fingerprint), displayFingerprintLines(pinned));
    }
    return {};
}

CertificateCheck CertificateCheck::judge(const QString &server, const QByteArray &pinned,
                                         const QSslCertificate &presented,
                                         const QList<QSslError> &errors)
{
    CertificateCheck check;
    check.server = server;
    check.pinned = pinned;
    check.fingerprint = fingerprintOf(presented);
    QStringList reasons;
    for (const QSslError &error : errors)
        reasons.append(error.errorString());
    reasons.removeDuplicates();
    check.errors = reasons.join(QStringLiteral("; "));
    if (check.fingerprint.isEmpty() || pinned.isEmpty()) {
        // No pin for this server yet (or no certificate to compare): unverified — the
        // user is shown the fingerprint, when there is one, and asked.
        check.verdict = Verdict::Unverified;
    } else {
        // The pin stands for exactly one certificate, whatever the system holds against it
        // (self-signed, another name, expired): the user compared that one.
        check.verdict = check.fingerprint == pinned ? Verdict::Pinned : Verdict::Changed;
    }
    return check;
}

QByteArray CertificateCheck::fingerprintOf(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return certificate.digest(QCryptographicHash::Sha256);
}

QString CertificateCheck::displayFingerprint(const QByteArray &fingerprint)
{
    return QString::fromLatin1(fingerprint.toHex(':').toUpper());
}

QString CertificateCheck::displayFingerprintLines(const QByteArray &fingerprint)
{
    const qsizetype half = (fingerprint.size() + 1) / 2;
    if (fingerprint.size() < 2)
        return displayFingerprint(fingerprint);
    return displayFingerprint(fingerprint.left(half)) + u'\n'
        + displayFingerprint(fingerprint.mid(half));
}

QString CertificateCheck::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::None:
        return QStringLiteral("NONE");
    case Verdict::Pinned:
        return QStringLiteral("PINNED");
    case Verdict::Unverified:
        return QStringLiteral("UNVERIFIED");
    case Verdict::Changed:
        return QStringLiteral("CHANGED");
    }
    return QStringLiteral("UNKNOWN");
}

} // namespace roomgate::client
