// SPDX-License-Identifier: MIT
#pragma once

#include "server/events/eventbus.h"

namespace roomgate::server {

/**
 * Delivers events to this process only: publish() posts the event to the bus's thread,
 * which emits `delivered` in publish order. Lives on the main thread.
 */
class InProcessEventBus final : public EventBus
{
    Q_OBJECT
public:
    explicit InProcessEventBus(QObject *parent = nullptr);
    void publish(const RoomEvent &event) override;
};

} // namespace roomgate::server
