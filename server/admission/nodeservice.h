// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/storage/records.h"

#include <QObject>

namespace roomgate::server {

class EventBus;
class StorageWriter;

/**
 * This node's place among the nodes sharing the storage: its lease, the seats its
 * previous run left behind, and the seats of nodes whose lease lapsed (I4). Every change
 * is a decision of the storage writer; the rooms concerned are told who left. Lives on
 * the main thread.
 */
class NodeService : public QObject
{
    Q_OBJECT
public:
    NodeService(StorageWriter &writer, EventBus &bus, const AdmissionSettings &settings,
                QObject *parent = nullptr);

    /**
     * At start: frees at once the seats this node's previous run held (it died or stopped
     * without closing them) and takes the lease. Blocks; the storage failure, or Ok.
     */
    ErrorCode start();
    /** Renews the lease and frees the seats of nodes whose lease lapsed. */
    void maintain();

private:
    StorageWriter &m_writer;
    EventBus &m_bus;
    const AdmissionSettings &m_settings;
};

} // namespace roomgate::server
