// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/storage/records.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace roomgate::server {

class EventBus;
class StorageWriter;

/**
 * This node's place among the nodes sharing the storage: its lease, the seats its
 * previous run left behind, and the seats of nodes whose lease lapsed (I4). Every change
 * is a decision of the storage writer; the rooms concerned are told who left.
 *
 * A node that cannot renew its lease stops admitting before the lease runs out (other
 * nodes may then free its seats and give them away): admittingChanged(false), and the
 * node sends its members away; a renewal that succeeds again turns admitting back on.
 * Lives on the main thread.
 */
class NodeService : public QObject
{
    Q_OBJECT
public:
    /** Running totals the node's load is derived from (rates between two renewals). */
    struct Totals
    {
        int sockets = 0;
        quint64 decisions = 0;
        quint64 messages = 0;
    };

    /**
     * Decides through @p writer; renews the lease through @p leaseWriter, which may be the
     * same. On PostgreSQL it is a writer of its own, with its own connection: a backlog of
     * decisions, or other nodes' group commits holding the row locks those decisions wait
     * for, must not keep a live node from renewing (a storm of 10,000 reservations on
     * three nodes did, and fenced all three).
     */
    NodeService(StorageWriter &writer, StorageWriter &leaseWriter, EventBus &bus,
                const AdmissionSettings &settings, QObject *parent = nullptr);

    /** Where maintain() reads the node's sockets and counters (none: zeros). */
    void setTotals(std::function<Totals()> totals) { m_totals = std::move(totals); }

    /**
     * At start: frees at once the seats this node's previous run held (it died or stopped
     * without closing them) and takes the lease. Blocks; the storage failure, or Ok.
     * Starts watching the lease.
     */
    ErrorCode start();
    /** Renews the lease (with the node's load) and frees the seats of nodes whose lease lapsed. */
    void maintain();
    /** Whether the lease is held with a margin (checked every half second, and now). */
    bool checkLease();
    bool isAdmitting() const { return m_admitting; }

Q_SIGNALS:
    /** The lease was lost (false: stop admitting, send members away) or held again. */
    void admittingChanged(bool admitting);

private:
    void setAdmitting(bool admitting);
    NodeLoad loadSinceLastRenewal(qint64 nowMs);

    StorageWriter &m_writer;
    StorageWriter &m_leaseWriter;
    EventBus &m_bus;
    const AdmissionSettings &m_settings;
    std::function<Totals()> m_totals;
    Totals m_lastTotals;
    qint64 m_lastTotalsAtMs = 0;
    qint64 m_leaseUntilMs = 0; ///< as of the last renewal written, on this node's clock
    bool m_admitting = true;
    QTimer m_watch;
};

} // namespace roomgate::server
