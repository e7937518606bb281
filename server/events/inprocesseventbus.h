// SPDX-License-Identifier: MIT
#pragma once

#include "server/events/eventbus.h"

namespace roomgate::server {

/**
 * Delivers events to this process only: publish() emits `delivered` at once on the
 * publishing thread, and every subscriber gets it queued on its own. Lives on the main
 * thread; publish() from any thread.
 */
class InProcessEventBus final : public EventBus
{
    Q_OBJECT
public:
    explicit InProcessEventBus(QObject *parent = nullptr);
    void publish(const RoomEvent &event) override;
};

} // namespace roomgate::server
