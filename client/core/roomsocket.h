// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/certificatecheck.h"
#include "client/core/localerror.h"
#include "shared/frames.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <optional>

class QWebSocket;

namespace roomgate::client {

/**
 * The WebSocket of one claim (phase 2): opens the ticket URL, decodes what the server
 * sends with the shared frame codec (shared/frames.h), encodes what the client sends,
 * keeps the connection alive with pings, and reports once how it ended. It knows frames,
 * not rooms: what a frame means for the entry is the RoomSession's business.
 *
 * Time limits: the handshake and the first frame must arrive within the connect timeout;
 * while open, a ping still unanswered one keep-alive interval later counts as a lost
 * connection (a frozen server or a dead route keeps TCP open for a long time); after
 * leave() the server has a few seconds to close.
 *
 * `wss://`: a certificate the system's CAs verify just works; one they cannot verify is
 * accepted only when it is the one trusted for the server (setTrustedCertificate()), and
 * otherwise refused before anything is sent: the ticket never travels over it.
 *
 * Owned by a RoomSession, one per connection attempt; lives on its thread.
 */
class RoomSocket : public QObject
{
    Q_OBJECT
public:
    /** How a connection ended. */
    struct Ending
    {
        /** The close code; 1006 when no close frame was exchanged (a drop, a time-out). */
        int closeCode = kAbnormalClose;
        QString reason; ///< the close reason: the wire code of the contract, when there is one
        std::optional<Problem> errorFrame; ///< the last error frame before the close
        LocalError local = LocalError::None; ///< 1006 only: what this side saw
        QString detail; ///< Qt's or our own words on a 1006, for logs and details
        CertificateCheck certificate; ///< local Tls: the certificate refused, and why
    };

    static constexpr int kAbnormalClose = 1006;

    explicit RoomSocket(QObject *parent = nullptr);
    ~RoomSocket() override;

    /** Pings while open (default every 30 s; 0 turns them off). */
    void setKeepAliveInterval(int milliseconds);
    /** Longest wait for the handshake and the first frame (default 20 s). */
    void setConnectTimeout(int milliseconds) { m_connectTimeoutMs = milliseconds; }

    /**
     * The certificate trusted for the chat connections of @p server (a CertificatePins
     * key), by SHA-256 @p fingerprint; empty: none. Applies from the next open().
     */
    void setTrustedCertificate(const QString &server, const QByteArray &fingerprint);

    /** Connects to @p url (`ws://…/ws?ticket=…`); the ticket is never logged. */
    void open(const QUrl &url);
    /** The address of the last open(), without the ticket. */
    QUrl address() const { return m_address; }
    bool isOpen() const;

    /**
     * Sends a chat frame; false, with nothing sent, when it exceeds the server's frame limit
     * (the server would close the connection over it instead of refusing the message).
     */
    bool send(const Frames::Chat &chat);
    /** Says goodbye: the server frees the seat and closes; ended() follows (or a time-out). */
    void leave();
    /** Closes at once without a goodbye and without ended(). */
    void abort();

    /** Whether @p chat fits in one frame the server accepts. */
    static bool fits(const Frames::Chat &chat);

Q_SIGNALS:
    void joinedReceived(const roomgate::Frames::Joined &joined);
    void messageReceived(const roomgate::ChatMessage &message);
    void presenceReceived(const roomgate::Frames::Presence &presence);
    void errorReceived(const roomgate::Problem &problem);
    /** The connection ended, any way but abort(); once per open(). */
    void ended(const roomgate::client::RoomSocket::Ending &ending);

private:
    void onText(const QString &text);
    void onDisconnected();
    void onSslErrors(const QList<QSslError> &errors);
    void breakOff(LocalError local, const QString &detail);
    void sendKeepAlive();
    void release();

    QWebSocket *m_socket = nullptr;
    QUrl m_address;
    bool m_closeHandshake = false; ///< a close frame was exchanged (else: abnormal, 1006)
    bool m_pingOutstanding = false;
    bool m_firstFrame = false;
    std::optional<Problem> m_errorFrame;
    QString m_trustServer;
    QByteArray m_trustedFingerprint;
    CertificateCheck m_certificate; ///< of the current connection, when it was judged
    QTimer m_connectTimer;
    QTimer m_keepAliveTimer;
    QTimer m_leaveTimer;
    int m_connectTimeoutMs = 20'000;
};

} // namespace roomgate::client

Q_DECLARE_METATYPE(roomgate::client::RoomSocket::Ending)
