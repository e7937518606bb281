// SPDX-License-Identifier: MIT
#include "shared/errorcode.h"

#include <QCoreApplication>

#include <array>

namespace roomgate {

namespace {

// clang-format off
constexpr std::array<ErrorInfo, 32> kTable{{
    {ErrorCode::Ok, "OK", 200, 0, false, "OK",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "Done.")},
    {ErrorCode::BadRequest, "BAD_REQUEST", 400, 4400, false, "Bad request",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The server did not understand the request. Update the app or report the problem.")},
    {ErrorCode::InvalidUsername, "INVALID_USERNAME", 400, 0, false, "Invalid username",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "User names have 2 to 32 letters, digits or _ - . characters.")},
    {ErrorCode::WeakPassword, "WEAK_PASSWORD", 400, 0, false, "Password too weak",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The password must have at least 8 characters.")},
    {ErrorCode::UsernameTaken, "USERNAME_TAKEN", 409, 0, false, "Username taken",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "That user name is taken. Choose another one.")},
    {ErrorCode::BadCredentials, "BAD_CREDENTIALS", 401, 0, false, "Bad credentials",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The user name or password is wrong.")},
    {ErrorCode::Unauthenticated, "UNAUTHENTICATED", 401, 0, false, "Unauthenticated",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "Your session has ended. Sign in again.")},
    {ErrorCode::InvalidRoomName, "INVALID_ROOM_NAME", 400, 0, false, "Invalid room name",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "Room names have 1 to 64 letters, digits, spaces or _ - . characters.")},
    {ErrorCode::InvalidCapacity, "INVALID_CAPACITY", 400, 0, false, "Invalid capacity",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "A room holds between 1 and 10000 people.")},
    {ErrorCode::Forbidden, "FORBIDDEN", 403, 0, false, "Forbidden",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "You may not enter this room: it is closed or you are banned from it.")},
    {ErrorCode::RoomNotFound, "ROOM_NOT_FOUND", 404, 4404, false, "Room not found",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "This room does not exist (any more). Choose another room.")},
    {ErrorCode::ReservationNotFound, "RESERVATION_NOT_FOUND", 404, 0, false, "Reservation not found",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The seat reservation is no longer valid.")},
    {ErrorCode::NotFound, "NOT_FOUND", 404, 0, false, "Not found",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The server does not know this address. Update the app.")},
    {ErrorCode::MethodNotAllowed, "METHOD_NOT_ALLOWED", 405, 0, false, "Method not allowed",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The server does not allow this request. Update the app.")},
    {ErrorCode::RoomFull, "ROOM_FULL", 409, 0, true, "Room is full",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The room is full. Wait for a seat to free up or choose another room.")},
    {ErrorCode::AlreadyInRoom, "ALREADY_IN_ROOM", 409, 0, false, "Already in room",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "You are already in this room from another window or device.")},
    {ErrorCode::PayloadTooLarge, "PAYLOAD_TOO_LARGE", 413, 0, false, "Payload too large",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The request was too large for the server.")},
    {ErrorCode::RateLimited, "RATE_LIMITED", 429, 4429, true, "Too many requests",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "Too many requests. Wait a moment, then try again.")},
    {ErrorCode::Unavailable, "UNAVAILABLE", 503, 1011, true, "Service unavailable",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The server is busy or cannot reach its storage. Try again shortly.")},
    {ErrorCode::Internal, "INTERNAL", 500, 1011, true, "Internal error",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "Something went wrong on the server. Try again; if it keeps happening, report it.")},
    {ErrorCode::TicketInvalid, "TICKET_INVALID", 400, 4401, true, "Ticket invalid",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The entry ticket was not accepted. Enter the room again.")},
    {ErrorCode::IdleTimeout, "IDLE_TIMEOUT", 408, 4000, true, "Idle timeout",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The connection was idle for too long.")},
    {ErrorCode::Kicked, "KICKED", 403, 4403, false, "Kicked",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "An administrator removed you from this room.")},
    {ErrorCode::TicketExpired, "TICKET_EXPIRED", 410, 4408, true, "Ticket expired",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The seat reservation expired before the connection was made.")},
    {ErrorCode::TicketAlreadyUsed, "TICKET_ALREADY_USED", 409, 4409, true, "Ticket already used",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "This entry ticket was already used.")},
    {ErrorCode::RoomClosed, "ROOM_CLOSED", 403, 4410, false, "Room closed",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "An administrator closed this room.")},
    {ErrorCode::MessageTooLarge, "MESSAGE_TOO_LARGE", 413, 4413, false, "Message too large",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The message is too long. Shorten it and send it again.")},
    {ErrorCode::ServerShutdown, "SERVER_SHUTDOWN", 503, 1001, true, "Server shutting down",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The server is restarting.")},
    {ErrorCode::RoomExists, "ROOM_EXISTS", 409, 0, false, "Room exists",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "A room with this name already exists.")},
    {ErrorCode::CapacityInUse, "CAPACITY_IN_USE", 409, 0, false, "Capacity in use",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The room has more people or reservations than the new capacity.")},
    {ErrorCode::UserNotFound, "USER_NOT_FOUND", 404, 0, false, "User not found",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "There is no such user here.")},
    {ErrorCode::SlowConsumer, "SLOW_CONSUMER", 503, 4509, true, "Slow consumer",
     QT_TRANSLATE_NOOP("roomgate::ErrorText", "The connection could not keep up with the room. Entering again; messages you missed are in the history.")},
}};
// clang-format on

constexpr bool tableIsInEnumOrder()
{
    for (std::size_t i = 0; i < kTable.size(); ++i) {
        if (static_cast<std::size_t>(kTable[i].code) != i)
            return false;
    }
    return true;
}
static_assert(tableIsInEnumOrder(), "kTable must list every ErrorCode in enum order");

} // namespace

const ErrorInfo &errorInfo(ErrorCode code)
{
    const auto index = static_cast<std::size_t>(code);
    if (index >= kTable.size())
        return kTable[static_cast<std::size_t>(ErrorCode::Internal)];
    return kTable[index];
}

const ErrorInfo *errorTable(int *count)
{
    if (count)
        *count = static_cast<int>(kTable.size());
    return kTable.data();
}

QString wireName(ErrorCode code)
{
    return QString::fromLatin1(errorInfo(code).wireName);
}

ErrorCode errorCodeFromWireName(QStringView name, bool *ok)
{
    for (const ErrorInfo &info : kTable) {
        if (name == QLatin1StringView(info.wireName)) {
            if (ok)
                *ok = true;
            return info.code;
        }
    }
    if (ok)
        *ok = false;
    return ErrorCode::Internal;
}

ErrorCode errorCodeFromCloseCode(int closeCode, bool *ok)
{
    // Close codes the protocol assigns to exactly one reason; others are ambiguous.
    static constexpr std::pair<int, ErrorCode> kClose[] = {
        {4400, ErrorCode::BadRequest},        {4401, ErrorCode::TicketInvalid},
        {4000, ErrorCode::IdleTimeout},       {4403, ErrorCode::Kicked},
        {4404, ErrorCode::RoomNotFound},      {4408, ErrorCode::TicketExpired},
        {4409, ErrorCode::TicketAlreadyUsed}, {4410, ErrorCode::RoomClosed},
        {4413, ErrorCode::MessageTooLarge},   {1009, ErrorCode::MessageTooLarge},
        {4429, ErrorCode::RateLimited},       {1001, ErrorCode::ServerShutdown},
        {4509, ErrorCode::SlowConsumer},      {1011, ErrorCode::Internal},
        {1007, ErrorCode::BadRequest},
    };
    for (const auto &[close, code] : kClose) {
        if (close == closeCode) {
            if (ok)
                *ok = true;
            return code;
        }
    }
    if (ok)
        *ok = false;
    return ErrorCode::Internal;
}

QString problemType(ErrorCode code)
{
    QString slug = QString::fromLatin1(errorInfo(code).wireName).toLower();
    slug.replace(QLatin1Char('_'), QLatin1Char('-'));
    return QStringLiteral("urn:roomgate:error:") + slug;
}

bool loadErrorSentences(QTranslator &translator, const QString &language)
{
    return translator.load(QStringLiteral(":/i18n/roomgate_errors_%1.qm").arg(language));
}

QString errorSentence(ErrorCode code)
{
    return QCoreApplication::translate("roomgate::ErrorText", errorInfo(code).sentence);
}

} // namespace roomgate
