// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace roomgate::bench {

/**
 * Something with a deadline that its thread's ThreadContext checks every few milliseconds:
 * one timer per thread instead of one per socket, so ten thousand sockets armed at once cost
 * nothing to arm. An implementation must not be destroyed from inside checkDeadline().
 */
class DeadlineWatcher
{
public:
    virtual ~DeadlineWatcher() = default;
    /** Called on the owner's thread while watched; @p nowNs is monotonic (nowNs()). */
    virtual void checkDeadline(qint64 nowNs) = 0;
};

} // namespace roomgate::bench
