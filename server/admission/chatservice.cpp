// SPDX-License-Identifier: MIT
#include "server/admission/chatservice.h"

#include "server/admission/logging.h"
#include "server/events/eventbus.h"
#include "server/storage/database.h"
#include "server/storage/messagestore.h"
#include "server/storage/roomstore.h"
#include "server/storage/storagewriter.h"
#include "shared/textrules.h"

namespace roomgate::server {

namespace {

/** The content rules of a well-formed message frame. */
ErrorCode checkContent(const QString &text, const std::optional<QString> &clientId)
{
    ErrorCode code = TextRules::checkMessageText(text);
    if (code == ErrorCode::Ok && !TextRules::isWellFormedUtf16(text))
        code = ErrorCode::BadRequest;
    if (code == ErrorCode::Ok && clientId
        && (clientId->isEmpty() || TextRules::codePointCount(*clientId) > TextRules::kClientIdMax))
        code = ErrorCode::BadRequest;
    return code;
}

Outcome<ChatPosted> decidePost(Database &db, const Membership &member, ChatMessage message)
{
    using Result = Outcome<ChatPosted>;
    MessageStore messages(db);
    const auto stored = [&]() -> std::optional<Result> {
        if (message.clientId.isEmpty())
            return std::nullopt;
        const auto seen = messages.byClientId(member.roomId, member.userId, message.clientId);
        if (!seen.ok())
            return Result::failure(seen.code);
        if (seen.value)
            return Result{ErrorCode::Ok, ChatPosted{*seen.value, true}};
        return std::nullopt;
    };
    // Inserted first: a repeated client id meets the unique key and inserts nothing, and
    // only then is the earlier message looked up (one statement for each new message).
    const auto id = messages.insert(member.roomId, member.userId, message);
    if (!id.ok())
        return Result::failure(id.code);
    if (id.value == 0) {
        if (auto repeated = stored())
            return *repeated;
        return Result::failure(ErrorCode::Unavailable);
    }
    message.id = id.value;
    if (const ErrorCode code = RoomStore(db).touch(member.roomId, message.sentAtMs);
        code != ErrorCode::Ok)
        return Result::failure(code);
    return {ErrorCode::Ok, ChatPosted{message, false}};
}

} // namespace

ChatService::ChatService(StorageWriter &writer, EventBus &bus, const AdmissionSettings &settings,
                         QObject *parent)
    : QObject(parent),
      m_writer(writer),
      m_bus(bus),
      m_settings(settings),
      m_limiter(settings.limits.messages, *settings.clock)
{ }

void ChatService::post(const Membership &member, const QString &connectionId, const QString &text,
                       const std::optional<QString> &clientId, Reply<ChatPosted> done)
{
    if (const RateVerdict rate = m_limiter.take(connectionId); !rate.allowed) {
        done(Outcome<ChatPosted>::failure(ErrorCode::RateLimited, rate.retryAfterMs));
        return;
    }
    if (const ErrorCode refused = checkContent(text, clientId); refused != ErrorCode::Ok) {
        done(Outcome<ChatPosted>::failure(refused));
        return;
    }
    ChatMessage message;
    message.room = member.roomName;
    message.from = member.userName;
    message.text = text;
    message.clientId = clientId.value_or(QString());
    message.sentAtMs = m_settings.nowMs();
    const QString node = m_settings.nodeId;
    m_writer.submit<ChatPosted>(
        [this, member, message, node, connectionId](StorageWriter::Scope &scope) {
            auto outcome = decidePost(scope.db(), member, message);
            if (outcome.ok() && !outcome.value.duplicate) {
                scope.afterCommit(
                    [this,
                     event = RoomEvent::chatMessage(outcome.value.message, node, connectionId)] {
                        m_bus.publish(event);
                    });
            }
            return outcome;
        },
        std::move(done));
}

void ChatService::pruneHistory()
{
    const int keep = m_settings.limits.historyKeep;
    if (keep <= 0)
        return;
    m_writer.submit<int>(
        [keep](StorageWriter::Scope &scope) -> Outcome<int> {
            // Bounded work per decision, so that the writer's other decisions never wait long.
            constexpr int kBatch = 5000;
            MessageStore messages(scope.db());
            const auto rooms = messages.roomsOver(keep);
            if (!rooms.ok())
                return Outcome<int>::failure(rooms.code);
            int pruned = 0;
            for (const qint64 room : rooms.value) {
                const auto gone = messages.pruneOlder(room, keep, kBatch - pruned);
                if (!gone.ok())
                    return Outcome<int>::failure(gone.code);
                pruned += gone.value;
                if (pruned >= kBatch)
                    break;
            }
            return {ErrorCode::Ok, pruned};
        },
        [](Outcome<int> pruned) {
            if (pruned.ok() && pruned.value > 0)
                qCInfo(lcAdmission).noquote() << "pruned" << pruned.value << "old message(s)";
            else if (!pruned.ok())
                qCWarning(lcAdmission) << "history pruning failed:" << wireName(pruned.code);
        });
}

void ChatService::forgetConnection(const QString &connectionId)
{
    m_limiter.forget(connectionId);
}

} // namespace roomgate::server
