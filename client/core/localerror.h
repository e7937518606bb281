// SPDX-License-Identifier: MIT
#pragma once

#include <QNetworkReply>
#include <QString>
#include <QtGlobal>

namespace roomgate::client {

/**
 * Why the client got no answer from the server at all: reasons that come from this
 * machine's network stack, never from the server. They live beside the shared code table
 * (shared/errorcode.h), not in it: the wire catalogue is the server's, and a server never
 * sends one of these. A failure with a LocalError still carries the code UNAVAILABLE, so
 * that retries and backoff treat it like a server that is away.
 *
 * Values appear in logs by name only; append new ones at the end.
 */
enum class LocalError : quint8 {
    None = 0, ///< the server answered (or nothing went wrong)
    ConnectionRefused = 1, ///< nothing listens at that address and port
    HostNotFound = 2, ///< the host name did not resolve (DNS)
    Unreachable = 3, ///< no route to the host, the network is down
    TimedOut = 4, ///< no answer in time (connect, transfer or keep-alive)
    Tls = 5, ///< the secure connection could not be set up
    ConnectionLost = 6, ///< the connection broke before or without an answer
};

/** Where the client was going when it got no answer: the sentence names it. */
enum class LocalErrorPhase : quint8 {
    SignIn, ///< sign-in or sign-up
    RoomList, ///< loading the room list (or checking a saved session)
    Reservation, ///< phase 1: reserving a seat over HTTP
    Connection, ///< phase 2: the room's WebSocket
};

/** A stable upper-case name for logs (`CONNECTION_REFUSED`); never shown to users. */
QString localErrorName(LocalError error);

/**
 * The user sentence for @p error in @p phase, translated, naming @p address (the server's
 * or the chat connection's, as the user could check it): "Could not reach the server at
 * ADDRESS — check the address and your connection." Tls has sentences of its own per phase
 * ("Could not set up a secure connection …"); a certificate the client refused is told by
 * CertificateCheck::sentence() instead.
 */
QString localErrorSentence(LocalError error, LocalErrorPhase phase, const QString &address);
/** One translated line on the cause ("The connection was refused: …"). */
QString localErrorReason(LocalError error);

/** The reason behind a reply that got no HTTP answer; None when it did get one. */
LocalError localErrorFromNetworkError(QNetworkReply::NetworkError error);
/** The reason behind a socket that could not connect or broke. */
LocalError localErrorFromSocketError(QAbstractSocket::SocketError error);

/** @p url as a user would type it: scheme, host and port, without path, query or ticket. */
QString displayAddress(const QUrl &url);

} // namespace roomgate::client
