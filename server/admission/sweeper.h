// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTimer>

namespace roomgate::server {

class AccountService;
class AdmissionService;
class ChatService;
class NodeService;

/**
 * The clock of the admission side: expires reservations every sweep interval,
 * renews the node lease and reaps dead nodes, purges ended sessions and prunes room
 * histories (every 30 sweep intervals).
 * Correctness never waits for it (each decision checks expiry itself); it only
 * gives seats and ghost rooms back within `ttl + sweep interval` (I3, I4).
 * Lives on the main thread.
 */
class Sweeper : public QObject
{
    Q_OBJECT
public:
    Sweeper(AdmissionService &admission, NodeService &node, AccountService &accounts,
            ChatService &chat, QObject *parent = nullptr);
    void start();
    void stop();

private:
    AdmissionService &m_admission;
    NodeService &m_node;
    AccountService &m_accounts;
    ChatService &m_chat;
    QTimer m_sweep;
    QTimer m_prune;
    QTimer m_lease;
    QTimer m_purge;
};

} // namespace roomgate::server
