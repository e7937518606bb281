// SPDX-License-Identifier: MIT
#include "server/admission/sweeper.h"

#include "server/admission/accountservice.h"
#include "server/admission/admissionservice.h"
#include "server/admission/chatservice.h"
#include "server/admission/nodeservice.h"

namespace roomgate::server {

Sweeper::Sweeper(AdmissionService &admission, NodeService &node, AccountService &accounts,
                 ChatService &chat, QObject *parent)
    : QObject(parent), m_admission(admission), m_node(node), m_accounts(accounts), m_chat(chat)
{
    const AdmissionSettings &s = admission.settings();
    m_sweep.setInterval(static_cast<int>(s.sweepIntervalMs));
    m_lease.setInterval(static_cast<int>(qMax<qint64>(1000, s.nodeLeaseMs / 3)));
    m_purge.setInterval(60'000);
    m_prune.setInterval(static_cast<int>(30 * s.sweepIntervalMs));
    connect(&m_prune, &QTimer::timeout, this, [this] { m_chat.pruneHistory(); });
    connect(&m_sweep, &QTimer::timeout, this, [this] { m_admission.sweep(); });
    connect(&m_lease, &QTimer::timeout, this, [this] { m_node.maintain(); });
    connect(&m_purge, &QTimer::timeout, this, [this] { m_accounts.purgeExpired(); });
}

void Sweeper::start()
{
    m_sweep.start();
    m_lease.start();
    m_purge.start();
    m_prune.start();
}

void Sweeper::stop()
{
    m_sweep.stop();
    m_lease.stop();
    m_purge.stop();
    m_prune.stop();
}

} // namespace roomgate::server
