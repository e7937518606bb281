// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include <optional>

namespace roomgate::test {

/**
 * A throwaway TLS certificate and its key, made at test time by Debian's `openssl` in a
 * directory the test owns (a QTemporaryDir): self-signed — for a name other than
 * 127.0.0.1, so neither the issuer nor the name verifies — or issued for 127.0.0.1 by a
 * test CA, which verifies once that CA is trusted. Nothing is committed, nothing outlives
 * the test. Value type; test thread.
 */
struct TestCertificate
{
    QString certificatePath;
    QString keyPath;
    QSslCertificate certificate;
    QByteArray fingerprint; ///< SHA-256 of the certificate's DER form

    /** `--tls-cert … --tls-key …` for roomgate-server. */
    QStringList serverArguments() const;

    /** The openssl executable; empty when it is not installed. */
    static QString openssl();
    /** A self-signed certificate `NAME.pem` / `NAME.key` in @p dir; nullopt and @p error on
     * failure. */
    static std::optional<TestCertificate> selfSigned(const QString &dir, const QString &name,
                                                     QString *error);
    /** A certificate for 127.0.0.1 issued by @p ca (a selfSigned() one) in @p dir. */
    static std::optional<TestCertificate> issuedBy(const TestCertificate &ca, const QString &dir,
                                                   const QString &name, QString *error);
};

} // namespace roomgate::test
