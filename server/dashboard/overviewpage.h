// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace roomgate::server {

struct NodeLease;
struct StorageCounts;

namespace dashboard {

struct DashboardContext;
class RateChart;

/**
 * The Overview tab: where the node listens, how long it has run, the nodes in view,
 * seat counts (from the window's coalesced refresh), the decision counters of Metrics
 * and the rate chart (sampled once a second by the window's clock). Main thread only.
 */
class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPage(const DashboardContext &context, QWidget *parent = nullptr);

    /** Reads Metrics, advances the uptime and adds one point to the chart. */
    void sample(const QDateTime &now);
    void setCounts(const StorageCounts &counts);
    /** The nodes sharing this storage (lease rows); live ones are listed, this one first. */
    void setNodes(const QList<NodeLease> &nodes, qint64 nowMs);

    RateChart *rateChart() const { return m_chart; }
    /** The text of a counter (tests): "reserved", "claimed", "expired", "cancelled", ... */
    QString counterText(const QString &name) const;

    /** "2 days 03:04:05" style uptime for @p seconds. */
    static QString uptimeText(qint64 seconds);

private:
    void updateRefusals();

    const DashboardContext &m_context;
    QLabel *m_uptime;
    QLabel *m_nodes;
    QLabel *m_sockets;
    QLabel *m_rooms;
    QLabel *m_occupants;
    QLabel *m_reservations;
    QLabel *m_reserved;
    QLabel *m_claimed;
    QLabel *m_expired;
    QLabel *m_cancelled;
    QLabel *m_messages;
    QLabel *m_refused;
    QTableWidget *m_refusals;
    RateChart *m_chart;

    QElapsedTimer m_sinceSample;
    quint64 m_lastReserves = 0;
    quint64 m_lastClaims = 0;
    quint64 m_lastRefusals = 0;
};

} // namespace dashboard
} // namespace roomgate::server
