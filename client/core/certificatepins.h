// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/certificatecheck.h"

#include <QMap>
#include <QObject>
#include <QStringList>
#include <QUrl>

namespace roomgate::client {

/**
 * The certificates the user chose to trust for servers whose certificate the system
 * cannot verify (self-signed, say): one SHA-256 fingerprint per server, keyed by the
 * `host:port` of the server's address. A pinned server's HTTP calls and its chat
 * connections (the WebSocket port serves the same certificate) accept exactly that
 * certificate; any other unverifiable one is refused as Changed. A certificate the
 * system's CAs verify needs no pin and is never compared with one.
 *
 * It only keeps and judges: the ApiClient and the RoomSockets ask check(), the sign-in
 * window adds and forgets pins when the user says so, and the ClientShell persists them
 * (toStringList(), in QSettings). Owned by the ApiClient; lives on its thread.
 */
class CertificatePins : public QObject
{
    Q_OBJECT
public:
    explicit CertificatePins(QObject *parent = nullptr);

    /**
     * The key of the server at @p url: `host:port`, the host in lower case (IPv6 in
     * brackets), the port the scheme's default when none is given (443 for https/wss).
     */
    static QString serverKey(const QUrl &url);

    /** The fingerprint trusted for @p server; empty when none. */
    QByteArray pin(const QString &server) const { return m_pins.value(server); }
    bool isPinned(const QString &server) const { return m_pins.contains(server); }
    /** Trusts the certificate of fingerprint @p fingerprint (SHA-256) for @p server. */
    void setPin(const QString &server, const QByteArray &fingerprint);
    /** Trusts nothing for @p server any more: its next unverifiable certificate is asked about. */
    void forget(const QString &server);
    QStringList servers() const { return m_pins.keys(); }

    /** Judges a handshake with @p server that reported @p errors for @p presented. */
    CertificateCheck check(const QString &server, const QSslCertificate &presented,
                           const QList<QSslError> &errors) const;

    /** Every pin as a `host:port=hex` line, for settings. */
    QStringList toStringList() const;
    /** Replaces every pin by those of @p lines (from toStringList()); unreadable lines are skipped.
     */
    void setFromStringList(const QStringList &lines);

Q_SIGNALS:
    /** A pin was added, replaced or forgotten. */
    void changed();

private:
    QMap<QString, QByteArray> m_pins;
};

} // namespace roomgate::client
