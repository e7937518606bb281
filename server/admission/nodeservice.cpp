// SPDX-License-Identifier: MIT
#include "server/admission/nodeservice.h"

#include "server/admission/logging.h"
#include "server/events/eventbus.h"
#include "server/storage/membershipstore.h"
#include "server/storage/nodestore.h"
#include "server/storage/storagewriter.h"

#include <QPointer>

#include <algorithm>

namespace roomgate::server {

namespace {

/** Deletes @p gone's memberships; Ok with the list when all went. */
Outcome<QList<Membership>> endAll(Database &db, const Outcome<QList<Membership>> &gone)
{
    if (!gone.ok())
        return gone;
    if (const ErrorCode code = MembershipStore(db).removeAll(gone.value); code != ErrorCode::Ok)
        return Outcome<QList<Membership>>::failure(code);
    return gone;
}

} // namespace

NodeService::NodeService(StorageWriter &writer, StorageWriter &leaseWriter, EventBus &bus,
                         const AdmissionSettings &settings, QObject *parent)
    : QObject(parent),
      m_writer(writer),
      m_leaseWriter(leaseWriter),
      m_bus(bus),
      m_settings(settings)
{
    m_watch.setInterval(500);
    connect(&m_watch, &QTimer::timeout, this, &NodeService::checkLease);
}

ErrorCode NodeService::start()
{
    const QString node = m_settings.nodeId;
    const qint64 now = m_settings.nowMs();
    const qint64 lease = m_settings.nodeLeaseMs;
    const auto released
        = m_writer.call<QList<Membership>>([this, node, now, lease](StorageWriter::Scope &scope) {
              auto gone = endAll(scope.db(), MembershipStore(scope.db()).ofNode(node));
              if (!gone.ok())
                  return gone;
              if (const ErrorCode code = NodeStore(scope.db()).renew(node, now, lease);
                  code != ErrorCode::Ok)
                  return Outcome<QList<Membership>>::failure(code);
              scope.afterCommit([this, gone = gone.value, node] {
                  for (const Membership &m : gone)
                      m_bus.publish(RoomEvent::left(m.roomName, m.userName, node, m.connectionId));
              });
              return gone;
          });
    if (released.ok() && !released.value.isEmpty()) {
        qCInfo(lcAdmission).noquote()
            << "freed" << released.value.size() << "seat(s) held by this node's previous run";
    }
    if (released.ok()) {
        m_leaseUntilMs = now + lease;
        m_lastTotalsAtMs = now;
        if (m_totals)
            m_lastTotals = m_totals();
        m_watch.start();
    }
    return released.code;
}

NodeLoad NodeService::loadSinceLastRenewal(qint64 nowMs)
{
    NodeLoad load;
    if (!m_totals)
        return load;
    const Totals totals = m_totals();
    const double seconds
        = static_cast<double>(std::max<qint64>(1, nowMs - m_lastTotalsAtMs)) / 1000.0;
    load.sockets = totals.sockets;
    load.decisionRate = static_cast<double>(totals.decisions - m_lastTotals.decisions) / seconds;
    load.messageRate = static_cast<double>(totals.messages - m_lastTotals.messages) / seconds;
    m_lastTotals = totals;
    m_lastTotalsAtMs = nowMs;
    return load;
}

void NodeService::maintain()
{
    const QString node = m_settings.nodeId;
    const qint64 now = m_settings.nowMs();
    const qint64 lease = m_settings.nodeLeaseMs;
    const NodeLoad load = loadSinceLastRenewal(now);
    // The renewal alone, ahead of any backlog (on its own writer where there is one):
    // neither an overloaded node's queue nor the locks of the reaping below may cost it
    // its lease.
    m_leaseWriter.submit<bool>(
        [node, now, lease, load](StorageWriter::Scope &scope) {
            const ErrorCode code = NodeStore(scope.db()).renew(node, now, lease, load);
            return Outcome<bool>{code, code == ErrorCode::Ok};
        },
        [self = QPointer(this), now, lease](Outcome<bool> renewed) {
            if (!renewed.ok()) {
                qCWarning(lcAdmission)
                    << "could not renew the node lease:" << wireName(renewed.code);
                return;
            }
            if (!self)
                return;
            // The renewal was decided after `now`: the lease holds at least until now + lease.
            self->m_leaseUntilMs = std::max(self->m_leaseUntilMs, now + lease);
            self->checkLease();
        },
        StorageWriter::Priority::Urgent);
    m_writer.submit<QList<Membership>>(
        [this, node, now](StorageWriter::Scope &scope) {
            auto reaped = endAll(scope.db(), MembershipStore(scope.db()).ofLapsedNodes(node, now));
            if (!reaped.ok())
                return reaped;
            scope.afterCommit([this, gone = reaped.value, node] {
                for (const Membership &m : gone)
                    m_bus.publish(RoomEvent::left(m.roomName, m.userName, node, m.connectionId));
            });
            return reaped;
        },
        [](const Outcome<QList<Membership>> &reaped) {
            if (!reaped.ok()) {
                qCWarning(lcAdmission)
                    << "could not free the seats of lapsed nodes:" << wireName(reaped.code);
                return;
            }
            if (!reaped.value.isEmpty()) {
                qCInfo(lcAdmission).noquote()
                    << "freed" << reaped.value.size() << "seat(s) of nodes whose lease lapsed";
            }
        });
}

bool NodeService::checkLease()
{
    // Stop a margin before the lease ends: other nodes free the seats once it has.
    const qint64 margin = std::max<qint64>(1000, m_settings.nodeLeaseMs / 5);
    const bool held = m_settings.nowMs() < m_leaseUntilMs - margin;
    setAdmitting(held);
    return held;
}

void NodeService::setAdmitting(bool admitting)
{
    if (admitting == m_admitting)
        return;
    m_admitting = admitting;
    if (admitting) {
        qCInfo(lcAdmission) << "the node lease is renewed again: admitting";
    } else {
        qCWarning(lcAdmission).noquote()
            << "the node lease (" << m_settings.nodeLeaseMs / 1000
            << "s) is about to lapse unrenewed: no longer admitting; members are sent away to "
               "re-enter elsewhere (1001)";
    }
    Q_EMIT admittingChanged(admitting);
}

} // namespace roomgate::server
