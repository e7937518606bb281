// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/admission/ratelimiter.h"
#include "server/storage/records.h"

#include <QObject>

namespace roomgate::server {

class EventBus;
class StorageWriter;

/** What became of a chat message. */
struct ChatPosted
{
    ChatMessage message; ///< as stored, with its id
    bool duplicate = false; ///< a repeated clientId: the original, for the sender only
};

/**
 * The chat itself, free of any transport: the rules of a message (text, clientId,
 * rate), its storage in the room history and its delivery to the room. A message is
 * published on the bus only once it is durable; every member's copy — the sender's
 * included, which is its acknowledgement — comes from there.
 *
 * Thread-safe; answers on the calling thread. Owned by the node.
 */
class ChatService : public QObject
{
    Q_OBJECT
public:
    ChatService(StorageWriter &writer, EventBus &bus, const AdmissionSettings &settings,
                QObject *parent = nullptr);

    /**
     * Posts @p text from @p member (on connection @p connectionId). Refusals: RateLimited
     * (`--message-rate`, with retryAfterMs; the frame is dropped), BadRequest (empty text,
     * malformed clientId), MessageTooLarge, or the storage failure (nothing stored, send
     * again).
     */
    void post(const Membership &member, const QString &connectionId, const QString &text,
              const std::optional<QString> &clientId, Reply<ChatPosted> done);

    /** Forgets what it keeps about a connection that closed. */
    void forgetConnection(const QString &connectionId);

    /**
     * Prunes each room's history to its newest `--history-keep` messages, in bounded
     * decisions (a room's backlog goes over several sweeps). History on join is unaffected:
     * it is far shorter than what is kept.
     */
    void pruneHistory();

private:
    StorageWriter &m_writer;
    EventBus &m_bus;
    const AdmissionSettings &m_settings;
    RateLimiter m_limiter;
};

} // namespace roomgate::server
