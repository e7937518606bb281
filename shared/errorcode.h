// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QTranslator>
#include <QtGlobal>

namespace roomgate {

/**
 * The one catalogue of refusal reasons, shared by both admission phases, the
 * admin API, the server, the client and the tests.
 *
 * Values are part of stored data and of logs: append only, never renumber.
 */
enum class ErrorCode : quint16 {
    Ok = 0,
    BadRequest = 1,
    InvalidUsername = 2,
    WeakPassword = 3,
    UsernameTaken = 4,
    BadCredentials = 5,
    Unauthenticated = 6,
    InvalidRoomName = 7,
    InvalidCapacity = 8,
    Forbidden = 9,
    RoomNotFound = 10,
    ReservationNotFound = 11,
    NotFound = 12,
    MethodNotAllowed = 13,
    RoomFull = 14,
    AlreadyInRoom = 15,
    PayloadTooLarge = 16,
    RateLimited = 17,
    Unavailable = 18,
    Internal = 19,
    TicketInvalid = 20,
    IdleTimeout = 21,
    Kicked = 22,
    TicketExpired = 23,
    TicketAlreadyUsed = 24,
    RoomClosed = 25,
    MessageTooLarge = 26,
    ServerShutdown = 27,
    RoomExists = 28,
    CapacityInUse = 29,
    UserNotFound = 30,
    SlowConsumer = 31,
};

/** Everything the wire and the user interface need to know about one code. */
struct ErrorInfo
{
    ErrorCode code;
    const char *wireName; ///< stable `code` string in problem bodies and error frames
    int httpStatus; ///< status when answered over HTTP
    int closeCode; ///< WebSocket close code when it ends a connection; 0 for HTTP-only codes
    bool retryable; ///< trying again can succeed without the user changing anything
    const char *title; ///< short English title for problem+json
    const char *sentence; ///< user sentence, translated in context "roomgate::ErrorText"
};

/** The entry for @p code; never null (unknown values map to Internal). */
const ErrorInfo &errorInfo(ErrorCode code);

/** All entries, in enum order (Ok first). */
const ErrorInfo *errorTable(int *count);

QString wireName(ErrorCode code);
/** Parses a wire name; Internal when unknown, with @p ok set to false. */
ErrorCode errorCodeFromWireName(QStringView name, bool *ok = nullptr);
/** The code a WebSocket close code stands for; Internal when unknown. */
ErrorCode errorCodeFromCloseCode(int closeCode, bool *ok = nullptr);

/** `urn:roomgate:error:room-full` for RoomFull. */
QString problemType(ErrorCode code);

/** The user sentence for @p code, translated through QCoreApplication. */
QString errorSentence(ErrorCode code);

/**
 * Loads the embedded translation of the user sentences for @p language ("ko", "en")
 * into @p translator (install it with QCoreApplication::installTranslator).
 */
bool loadErrorSentences(QTranslator &translator, const QString &language);

} // namespace roomgate
