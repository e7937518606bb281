// SPDX-License-Identifier: MIT
#include "client/core/localerror.h"

#include <QCoreApplication>
#include <QUrl>

namespace roomgate::client {

QString localErrorName(LocalError error)
{
    switch (error) {
    case LocalError::None:
        return QStringLiteral("NONE");
    case LocalError::ConnectionRefused:
        return QStringLiteral("CONNECTION_REFUSED");
    case LocalError::HostNotFound:
        return QStringLiteral("HOST_NOT_FOUND");
    case LocalError::Unreachable:
        return QStringLiteral("UNREACHABLE");
    case LocalError::TimedOut:
        return QStringLiteral("TIMED_OUT");
    case LocalError::Tls:
        return QStringLiteral("TLS");
    case LocalError::ConnectionLost:
        return QStringLiteral("CONNECTION_LOST");
    }
    return QStringLiteral("UNKNOWN");
}

QString localErrorSentence(LocalError error, LocalErrorPhase phase, const QString &address)
{
    if (error == LocalError::ConnectionLost) {
        // The server was there: it is the connection that broke, not the address.
        return phase == LocalErrorPhase::Connection
            ? QCoreApplication::translate(
                  "roomgate::client::LocalError",
                  "The connection to the chat server at %1 broke. Check your connection.")
                  .arg(address)
            : QCoreApplication::translate(
                  "roomgate::client::LocalError",
                  "The connection to the server at %1 broke before it answered. Check your "
                  "connection.")
                  .arg(address);
    }
    if (error == LocalError::Tls) {
        // The server answered, but no secure connection came of it: a plain http server
        // behind an https address, a broken TLS setup, or a certificate refused (which
        // CertificateCheck::sentence() tells in its own words).
        switch (phase) {
        case LocalErrorPhase::SignIn:
            return QCoreApplication::translate(
                       "roomgate::client::LocalError",
                       "Could not set up a secure connection to the server at %1 — check "
                       "whether its address starts with https:// or http://.")
                .arg(address);
        case LocalErrorPhase::RoomList:
            return QCoreApplication::translate("roomgate::client::LocalError",
                                               "Could not set up a secure connection to the "
                                               "server at %1 to load the rooms.")
                .arg(address);
        case LocalErrorPhase::Reservation:
            return QCoreApplication::translate("roomgate::client::LocalError",
                                               "Could not set up a secure connection to the "
                                               "server at %1 to reserve a seat.")
                .arg(address);
        case LocalErrorPhase::Connection:
            return QCoreApplication::translate(
                       "roomgate::client::LocalError",
                       "Could not set up a secure connection to the chat server at %1. If it "
                       "keeps happening, the server's TLS setup may be wrong.")
                .arg(address);
        }
    }
    switch (phase) {
    case LocalErrorPhase::SignIn:
        return QCoreApplication::translate(
                   "roomgate::client::LocalError",
                   "Could not reach the server at %1 — check the address and your connection.")
            .arg(address);
    case LocalErrorPhase::RoomList:
        return QCoreApplication::translate(
                   "roomgate::client::LocalError",
                   "Could not reach the server at %1 to load the rooms — check your connection.")
            .arg(address);
    case LocalErrorPhase::Reservation:
        return QCoreApplication::translate(
                   "roomgate::client::LocalError",
                   "Could not reach the server at %1 to reserve a seat — check your connection.")
            .arg(address);
    case LocalErrorPhase::Connection:
        return QCoreApplication::translate(
                   "roomgate::client::LocalError",
                   "Could not reach the chat server at %1 — check your connection. If it keeps "
                   "happening, the server's chat address may be set up wrong.")
            .arg(address);
    }
    return {};
}

QString localErrorReason(LocalError error)
{
    switch (error) {
    case LocalError::None:
        break;
    case LocalError::ConnectionRefused:
        return QCoreApplication::translate(
            "roomgate::client::LocalError",
            "The connection was refused: nothing answers at that address and port.");
    case LocalError::HostNotFound:
        return QCoreApplication::translate("roomgate::client::LocalError",
                                           "The host name could not be found (DNS).");
    case LocalError::Unreachable:
        return QCoreApplication::translate("roomgate::client::LocalError",
                                           "The network or the host cannot be reached.");
    case LocalError::TimedOut:
        return QCoreApplication::translate("roomgate::client::LocalError",
                                           "No answer came in time.");
    case LocalError::Tls:
        return QCoreApplication::translate("roomgate::client::LocalError",
                                           "A secure connection (TLS) could not be set up.");
    case LocalError::ConnectionLost:
        return QCoreApplication::translate("roomgate::client::LocalError",
                                           "The connection was closed without an answer.");
    }
    return {};
}

LocalError localErrorFromNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::NoError:
        return LocalError::None;
    case QNetworkReply::ConnectionRefusedError:
        return LocalError::ConnectionRefused;
    case QNetworkReply::HostNotFoundError:
        return LocalError::HostNotFound;
    // A transfer time-out surfaces as OperationCanceled: the client cancels nothing else.
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return LocalError::TimedOut;
    case QNetworkReply::SslHandshakeFailedError:
        return LocalError::Tls;
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        return LocalError::Unreachable;
    default:
        return LocalError::ConnectionLost;
    }
}

LocalError localErrorFromSocketError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return LocalError::ConnectionRefused;
    case QAbstractSocket::HostNotFoundError:
        return LocalError::HostNotFound;
    case QAbstractSocket::SocketTimeoutError:
        return LocalError::TimedOut;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return LocalError::Tls;
    case QAbstractSocket::NetworkError:
    case QAbstractSocket::TemporaryError:
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
        return LocalError::Unreachable;
    default:
        return LocalError::ConnectionLost;
    }
}

QString displayAddress(const QUrl &url)
{
    // The query holds a ticket on a chat address: never shown, never logged.
    return url
        .adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo
                  | QUrl::StripTrailingSlash)
        .toDisplayString();
}

} // namespace roomgate::client
