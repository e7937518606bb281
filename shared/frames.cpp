// SPDX-License-Identifier: MIT
#include "shared/frames.h"

#include "shared/wiretime.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <string_view>

namespace roomgate::Frames {

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/** @p text as a JSON string (quoted, escaped as RFC 8259 requires, UTF-8) after @p out. */
void appendJsonString(QByteArray &out, const QString &text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8(); // valid UTF-16 only (encode() checks)
    out.append('"');
    qsizetype plainFrom = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(QByteArrayView(utf8).sliced(plainFrom, i - plainFrom));
        plainFrom = i + 1;
        // Quote, backslash and the five control characters JSON has a letter for; any
        // other control character as \u00XX.
        static constexpr std::string_view kEscaped = "\"\\\b\f\n\r\t";
        static constexpr std::string_view kLetter = R"("\bfnrt)";
        out.append('\\');
        if (const size_t k = kEscaped.find(static_cast<char>(c)); k != std::string_view::npos) {
            out.append(kLetter[k]);
        } else {
            out.append("u00");
            out.append(kHex[c >> 4]);
            out.append(kHex[c & 0xf]);
        }
    }
    out.append(QByteArrayView(utf8).sliced(plainFrom));
    out.append('"');
}

std::optional<QJsonObject> objectWithType(QByteArrayView utf8, QString *type, QString *why)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8.toByteArray(), &error);
    const QJsonValue typeValue = doc.object().value(u"type");
    if (error.error != QJsonParseError::NoError || !doc.isObject() || !typeValue.isString()) {
        if (why)
            *why = QStringLiteral("a frame must be a JSON object with a type");
        return std::nullopt;
    }
    *type = typeValue.toString();
    return doc.object();
}

template<typename T> std::optional<T> refuse(QString *why, const QString &reason)
{
    if (why)
        *why = reason;
    return std::nullopt;
}

std::optional<Joined> joinedFrom(const QJsonObject &object)
{
    Joined joined;
    const QJsonValue you = object.value(u"you");
    const QJsonValue members = object.value(u"members");
    const QJsonValue history = object.value(u"history");
    if (!RoomInfo::fromJson(object.value(u"room").toObject(), &joined.room) || !you.isString()
        || !members.isArray() || !history.isArray())
        return std::nullopt;
    joined.you = you.toString();
    for (const QJsonValue member : members.toArray()) {
        if (!member.isString())
            return std::nullopt;
        joined.members.append(member.toString());
    }
    for (const QJsonValue entry : history.toArray()) {
        ChatMessage message;
        if (!ChatMessage::fromJson(entry.toObject(), &message))
            return std::nullopt;
        joined.history.append(message);
    }
    return joined;
}

} // namespace

QByteArray encode(const Joined &frame)
{
    QJsonArray history;
    for (const ChatMessage &message : frame.history)
        history.append(message.toJson());
    return compact(QJsonObject{
        {QStringLiteral("type"), kJoined},
        {QStringLiteral("room"), frame.room.toJson()},
        {QStringLiteral("you"), frame.you},
        {QStringLiteral("members"), QJsonArray::fromStringList(frame.members)},
        {QStringLiteral("history"), history},
    });
}

QByteArray encode(const ChatMessage &message)
{
    // Every message of a room goes out once per message, on a hot path: written straight,
    // not through a QJsonObject, with toJson()'s keys in its order (sorted) and the same
    // JSON (tst_frames compares the two).
    const auto valid = [](const QString &s) { return QStringView(s).isValidUtf16(); };
    if (!valid(message.text) || !valid(message.from) || !valid(message.room)
        || !valid(message.clientId))
        return compact(message.toJson()); // a lone surrogate: escaped as toJson() does
    const qsizetype chars
        = message.text.size() + message.room.size() + message.from.size() + message.clientId.size();
    QByteArray out;
    out.reserve(96 + 3 * chars);
    out.append('{');
    if (!message.clientId.isEmpty()) {
        out.append(R"("clientId":)");
        appendJsonString(out, message.clientId);
        out.append(',');
    }
    out.append(R"("from":)");
    appendJsonString(out, message.from);
    out.append(R"(,"id":)");
    out.append(QByteArray::number(message.id));
    out.append(R"(,"room":)");
    appendJsonString(out, message.room);
    out.append(R"(,"sentAt":)");
    appendJsonString(out, WireTime::format(message.sentAtMs));
    out.append(R"(,"text":)");
    appendJsonString(out, message.text);
    out.append(R"(,"type":"message"})");
    return out;
}

QByteArray encode(const Presence &frame)
{
    return compact(QJsonObject{
        {QStringLiteral("type"), kPresence},
        {QStringLiteral("event"),
         frame.event == Presence::Event::Joined ? QStringLiteral("joined")
                                                : QStringLiteral("left")},
        {QStringLiteral("user"), frame.user},
    });
}

QByteArray encode(const Problem &problem)
{
    return compact(problem.toErrorFrame());
}

QByteArray encode(const Chat &frame)
{
    QJsonObject object{{QStringLiteral("type"), kMessage}, {QStringLiteral("text"), frame.text}};
    if (frame.clientId)
        object.insert(QStringLiteral("clientId"), *frame.clientId);
    return compact(object);
}

QByteArray encode(const Leave &)
{
    return compact(QJsonObject{{QStringLiteral("type"), kLeave}});
}

std::optional<ServerFrame> decodeServerFrame(QByteArrayView utf8, QString *why)
{
    QString type;
    const auto object = objectWithType(utf8, &type, why);
    if (!object)
        return std::nullopt;
    if (type == kJoined) {
        if (auto joined = joinedFrom(*object))
            return ServerFrame{std::move(*joined)};
        return refuse<ServerFrame>(why, QStringLiteral("a joined frame lacks a field"));
    }
    if (type == kMessage) {
        ChatMessage message;
        if (ChatMessage::fromJson(*object, &message))
            return ServerFrame{std::move(message)};
        return refuse<ServerFrame>(why, QStringLiteral("a message frame lacks id, from or text"));
    }
    if (type == kPresence) {
        const QString event = object->value(u"event").toString();
        const QJsonValue user = object->value(u"user");
        if ((event != u"joined" && event != u"left") || !user.isString())
            return refuse<ServerFrame>(why, QStringLiteral("a presence frame lacks a field"));
        return ServerFrame{Presence{
            event == u"joined" ? Presence::Event::Joined : Presence::Event::Left, user.toString()}};
    }
    if (type == kError)
        return ServerFrame{Problem::fromJson(*object)};
    return refuse<ServerFrame>(why, QStringLiteral("unknown frame type"));
}

std::optional<ClientFrame> decodeClientFrame(QByteArrayView utf8, QString *why)
{
    QString type;
    const auto object = objectWithType(utf8, &type, why);
    if (!object)
        return std::nullopt;
    if (type == kMessage) {
        const QJsonValue text = object->value(u"text");
        const QJsonValue clientId = object->value(u"clientId");
        if (!text.isString() || (!clientId.isUndefined() && !clientId.isString()))
            return refuse<ClientFrame>(
                why, QStringLiteral("text must be a string, clientId a string when present"));
        Chat chat{text.toString(), std::nullopt};
        if (clientId.isString())
            chat.clientId = clientId.toString();
        return ClientFrame{std::move(chat)};
    }
    if (type == kLeave)
        return ClientFrame{Leave{}};
    return refuse<ClientFrame>(why, QStringLiteral("unknown frame type"));
}

} // namespace roomgate::Frames
