// SPDX-License-Identifier: MIT
#include "server/admission/sweeper.h"

#include "server/admission/accountservice.h"
#include "server/admission/admissionservice.h"
#include "server/admission/nodeservice.h"

namespace roomgate::server {

Sweeper::Sweeper(AdmissionService &admission, NodeService &node, AccountService &accounts,
                 QObject *parent)
    : QObject(parent), m_admission(admission), m_node(node), m_accounts(accounts)
{
    const AdmissionSettings &s = admission.settings();
    m_sweep.setInterval(static_cast<int>(s.sweepIntervalMs));
    m_lease.setInterval(static_cast<int>(qMax<qint64>(1000, s.nodeLeaseMs / 3)));
    m_purge.setInterval(60'000);
    connect(&m_sweep, &QTimer::timeout, this, [this] { m_admission.sweep(); });
    connect(&m_lease, &QTimer::timeout, this, [this] { m_node.maintain(); });
    connect(&m_purge, &QTimer::timeout, this, [this] { m_accounts.purgeExpired(); });
}

void Sweeper::start()
{
    m_sweep.start();
    m_lease.start();
    m_purge.start();
}

void Sweeper::stop()
{
    m_sweep.stop();
    m_lease.stop();
    m_purge.stop();
}

} // namespace roomgate::server
