// SPDX-License-Identifier: MIT
#pragma once

#include "shared/chatmessage.h"
#include "shared/problem.h"
#include "shared/roominfo.h"

#include <QByteArray>
#include <QLatin1StringView>
#include <QList>
#include <QStringList>

#include <optional>
#include <variant>

namespace roomgate {

/**
 * The WebSocket frames of the contract and their one codec, for the server, the client
 * and the tests alike. Encoders give compact UTF-8 JSON, ready to send as a text frame
 * (the server encodes a broadcast once for all its receivers). Decoders check a frame's
 * shape only; rules about its content (text length, …) belong to whoever acts on it.
 * Pure functions, any thread.
 */
namespace Frames {

inline constexpr QLatin1StringView kJoined{"joined"};
inline constexpr QLatin1StringView kMessage{"message"};
inline constexpr QLatin1StringView kPresence{"presence"};
inline constexpr QLatin1StringView kError{"error"};
inline constexpr QLatin1StringView kLeave{"leave"};

/** server → client, first frame of a successful claim. */
struct Joined
{
    RoomInfo room;
    QString you; ///< the joiner's name
    QStringList members; ///< the joiner included
    QList<ChatMessage> history; ///< oldest first
};

/** server → room: someone came or went. */
struct Presence
{
    enum class Event : quint8 { Joined = 0, Left = 1 };
    Event event = Event::Joined;
    QString user;
};

/** client → server: a chat message (`text` as sent; `clientId` when given). */
struct Chat
{
    QString text;
    std::optional<QString> clientId;
};

/** client → server: leave the room (the server frees the seat and closes 1000). */
struct Leave
{
};

/** What a server sends; an error frame is a Problem. */
using ServerFrame = std::variant<Joined, ChatMessage, Presence, Problem>;
/** What a client sends. */
using ClientFrame = std::variant<Chat, Leave>;

QByteArray encode(const Joined &frame);
QByteArray encode(const ChatMessage &message);
QByteArray encode(const Presence &frame);
/** The error frame of @p problem. */
QByteArray encode(const Problem &problem);
QByteArray encode(const Chat &frame);
QByteArray encode(const Leave &frame);

/**
 * A server frame; nullopt, with the reason in @p why, when @p utf8 is not one (not a
 * JSON object, an unknown `type`, a field missing or of the wrong type).
 */
std::optional<ServerFrame> decodeServerFrame(QByteArrayView utf8, QString *why = nullptr);
/**
 * A client frame; nullopt, with the reason in @p why, when @p utf8 is malformed in the
 * contract's sense (not a JSON object with a known `type`, `text` missing or not a
 * string, `clientId` present and not a string): BAD_REQUEST and close 4400.
 */
std::optional<ClientFrame> decodeClientFrame(QByteArrayView utf8, QString *why = nullptr);

} // namespace Frames
} // namespace roomgate
