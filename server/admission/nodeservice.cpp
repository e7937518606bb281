// SPDX-License-Identifier: MIT
#include "server/admission/nodeservice.h"

#include "server/admission/logging.h"
#include "server/events/eventbus.h"
#include "server/storage/membershipstore.h"
#include "server/storage/nodestore.h"
#include "server/storage/storagewriter.h"

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

NodeService::NodeService(StorageWriter &writer, EventBus &bus, const AdmissionSettings &settings,
                         QObject *parent)
    : QObject(parent), m_writer(writer), m_bus(bus), m_settings(settings)
{ }

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
    return released.code;
}

void NodeService::maintain()
{
    const QString node = m_settings.nodeId;
    const qint64 now = m_settings.nowMs();
    const qint64 lease = m_settings.nodeLeaseMs;
    m_writer.submit<QList<Membership>>(
        [this, node, now, lease](StorageWriter::Scope &scope) {
            if (const ErrorCode code = NodeStore(scope.db()).renew(node, now, lease);
                code != ErrorCode::Ok)
                return Outcome<QList<Membership>>::failure(code);
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
                    << "could not renew the node lease:" << wireName(reaped.code);
                return;
            }
            if (!reaped.value.isEmpty()) {
                qCInfo(lcAdmission).noquote()
                    << "freed" << reaped.value.size() << "seat(s) of nodes whose lease lapsed";
            }
        });
}

} // namespace roomgate::server
