// SPDX-License-Identifier: MIT
#pragma once

namespace roomgate::client {

/**
 * What a reserve (`POST /api/v1/rooms/{name}/entries`) asks for besides the room
 * name. Value type, any thread.
 */
struct EntryOptions
{
    bool create = false; ///< create the room (pending) when it does not exist
    int capacity = 16; ///< capacity of a room this entry creates; validated in any case
};

} // namespace roomgate::client
