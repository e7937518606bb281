// SPDX-License-Identifier: MIT
#include "client/core/roomsocket.h"

#include "client/core/logging.h"
#include "shared/protocoldefaults.h"
#include "shared/textrules.h"

#include <QSslConfiguration>
#include <QWebSocket>

namespace roomgate::client {

namespace {

/**
 * Largest frame accepted from the server: a joined frame with a full history (each text
 * at most 6 bytes a code point once JSON-escaped, with its names and time) and the member
 * list of the largest room, with room to spare.
 */
constexpr qint64 kMaxIncomingBytes = 2
    * (ProtocolDefaults::kHistoryLength
           * (6LL
                  * (TextRules::kMessageMax + TextRules::kRoomNameMax + TextRules::kUsernameMax
                     + TextRules::kClientIdMax)
              + 256)
       + TextRules::kCapacityMax * (6LL * TextRules::kUsernameMax + 3));
constexpr int kLeaveTimeoutMs = 5000;

} // namespace

RoomSocket::RoomSocket(QObject *parent) : QObject(parent)
{
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        breakOff(LocalError::TimedOut, tr("The connection to the chat server timed out."));
    });
    m_keepAliveTimer.setInterval(ProtocolDefaults::kPingIntervalSeconds * 1000);
    connect(&m_keepAliveTimer, &QTimer::timeout, this, &RoomSocket::sendKeepAlive);
    m_leaveTimer.setSingleShot(true);
    connect(&m_leaveTimer, &QTimer::timeout, this, [this] {
        breakOff(LocalError::TimedOut, tr("The chat server did not confirm the leave."));
    });
}

RoomSocket::~RoomSocket()
{
    release();
}

void RoomSocket::setKeepAliveInterval(int milliseconds)
{
    m_keepAliveTimer.setInterval(qMax(0, milliseconds));
    if (milliseconds <= 0)
        m_keepAliveTimer.stop();
}

void RoomSocket::setTrustedCertificate(const QString &server, const QByteArray &fingerprint)
{
    m_trustServer = server;
    m_trustedFingerprint = fingerprint;
}

bool RoomSocket::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool RoomSocket::fits(const Frames::Chat &chat)
{
    return Frames::encode(chat).size() <= ProtocolDefaults::kFrameLimitBytes;
}

void RoomSocket::open(const QUrl &url)
{
    release();
    m_address = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingFrameSize(kMaxIncomingBytes);
    m_socket->setMaxAllowedIncomingMessageSize(kMaxIncomingBytes);
    m_closeHandshake = false;
    m_pingOutstanding = false;
    m_firstFrame = false;
    m_errorFrame.reset();
    m_certificate = {};
    connect(m_socket, &QWebSocket::sslErrors, this, &RoomSocket::onSslErrors);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RoomSocket::onText);
    connect(m_socket, &QWebSocket::aboutToClose, this, [this] { m_closeHandshake = true; });
    connect(m_socket, &QWebSocket::disconnected, this, &RoomSocket::onDisconnected);
    connect(m_socket, &QWebSocket::pong, this, [this] { m_pingOutstanding = false; });
    qCInfo(lcSession) << "connecting to" << m_address.host() << m_address.port();
    m_connectTimer.start(m_connectTimeoutMs);
    m_socket->open(url);
}

bool RoomSocket::send(const Frames::Chat &chat)
{
    const QByteArray bytes = Frames::encode(chat);
    if (bytes.size() > ProtocolDefaults::kFrameLimitBytes || !m_socket)
        return false;
    m_socket->sendTextMessage(QString::fromUtf8(bytes));
    return true;
}

void RoomSocket::leave()
{
    if (!m_socket)
        return;
    m_keepAliveTimer.stop();
    m_connectTimer.stop();
    m_socket->sendTextMessage(QString::fromUtf8(Frames::encode(Frames::Leave{})));
    m_socket->flush();
    m_leaveTimer.start(kLeaveTimeoutMs);
}

void RoomSocket::abort()
{
    release();
}

void RoomSocket::release()
{
    m_connectTimer.stop();
    m_keepAliveTimer.stop();
    m_leaveTimer.stop();
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

void RoomSocket::sendKeepAlive()
{
    if (!isOpen())
        return;
    if (m_pingOutstanding) {
        breakOff(LocalError::TimedOut, tr("The chat server stopped answering."));
        return;
    }
    m_pingOutstanding = true;
    m_socket->ping();
}

void RoomSocket::onText(const QString &text)
{
    m_pingOutstanding = false; // any frame shows the connection is alive
    if (!std::exchange(m_firstFrame, true)) {
        m_connectTimer.stop();
        if (m_keepAliveTimer.interval() > 0 && !m_leaveTimer.isActive())
            m_keepAliveTimer.start();
    }
    QString why;
    const std::optional<Frames::ServerFrame> frame = Frames::decodeServerFrame(text.toUtf8(), &why);
    if (!frame) {
        // A newer server may send frames this client does not know: not a reason to leave.
        qCDebug(lcSession).noquote() << "ignored a frame:" << why;
        return;
    }
    if (const auto *joined = std::get_if<Frames::Joined>(&*frame)) {
        Q_EMIT joinedReceived(*joined);
    } else if (const auto *message = std::get_if<ChatMessage>(&*frame)) {
        Q_EMIT messageReceived(*message);
    } else if (const auto *presence = std::get_if<Frames::Presence>(&*frame)) {
        Q_EMIT presenceReceived(*presence);
    } else if (const auto *problem = std::get_if<Problem>(&*frame)) {
        m_errorFrame = *problem;
        Q_EMIT errorReceived(*problem);
    }
}

void RoomSocket::onSslErrors(const QList<QSslError> &errors)
{
    // The peer's certificate is in the socket's configuration by now.
    m_certificate = CertificateCheck::judge(m_trustServer, m_trustedFingerprint,
                                            m_socket->sslConfiguration().peerCertificate(), errors);
    if (m_certificate.verdict == CertificateCheck::Verdict::Pinned) {
        m_socket->ignoreSslErrors();
        return;
    }
    // Not ignored: the handshake fails, and disconnected() reports it as a TLS failure.
    qCWarning(lcSession).noquote()
        << "refused the certificate of" << m_address.host() << m_address.port() << "-"
        << CertificateCheck::verdictName(m_certificate.verdict) << "-"
        << CertificateCheck::displayFingerprint(m_certificate.fingerprint) << "-"
        << m_certificate.errors;
}

void RoomSocket::onDisconnected()
{
    if (!m_socket)
        return;
    Ending ending;
    ending.closeCode = m_closeHandshake ? static_cast<int>(m_socket->closeCode()) : kAbnormalClose;
    ending.reason = m_socket->closeReason();
    ending.errorFrame = std::exchange(m_errorFrame, std::nullopt);
    if (ending.closeCode == kAbnormalClose) {
        ending.local = localErrorFromSocketError(m_socket->error());
        ending.detail = m_socket->errorString();
        if (m_certificate.isRefusal()) {
            ending.local = LocalError::Tls;
            ending.certificate = m_certificate;
        }
    }
    release();
    Q_EMIT ended(ending);
}

void RoomSocket::breakOff(LocalError local, const QString &detail)
{
    if (!m_socket)
        return;
    Ending ending;
    ending.local = local;
    ending.detail = detail;
    ending.errorFrame = std::exchange(m_errorFrame, std::nullopt);
    release();
    Q_EMIT ended(ending);
}

} // namespace roomgate::client
