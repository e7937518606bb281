// SPDX-License-Identifier: MIT
#pragma once

class QObject;

namespace roomgate::server {

/**
 * Where work done on another thread answers: one plain QObject per thread, made on first
 * use and deleted when its thread ends. Asynchronous calls post their reply to the home
 * of the thread that made the call, so that callers never synchronise by hand. The
 * calling thread must run an event loop.
 */
namespace ReplyHome {

QObject *forCurrentThread();

} // namespace ReplyHome
} // namespace roomgate::server
