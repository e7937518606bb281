// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionservice.h"
#include "server/storage/records.h"

#include <QHash>
#include <QMutex>
#include <QObject>

#include <array>

namespace roomgate::server {

class EventBus;

/**
 * Counters and the reserve/claim latency histograms of this node, fed by
 * AdmissionService's decided signal and the node's own events on the bus; rendered in Prometheus
 * text format for /metrics and read by the dashboard. Lives on the main thread, where every count
 * changes; render() may be called from any thread.
 */
class Metrics : public QObject
{
    Q_OBJECT
public:
    static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

    struct Histogram
    {
        std::array<quint64, kBuckets.size()> buckets{}; ///< cumulative counts per bound
        quint64 count = 0;
        double sum = 0;
        void observe(double seconds);
    };

    Metrics(AdmissionService &admission, EventBus &bus, QObject *parent = nullptr);

    /** Decisions of @p phase by wire code ("OK" for success). Any thread. */
    QHash<QString, quint64> decisions(AdmissionService::Phase phase) const;
    quint64 messages() const;
    quint64 expired() const;
    quint64 cancelled() const;

    /** Prometheus text format 0.0.4, gauges given by the caller (read at scrape time). */
    QByteArray render(const StorageCounts &counts, int sockets) const;

Q_SIGNALS:
    /** Emitted on every counted event, on the thread that counted it; coalesced by the caller. */
    void changed();

private:
    /// Decisions are counted on the thread that answers them (a socket thread), events on
    /// the main thread; every read takes it too.
    mutable QMutex m_mutex;
    QHash<QString, quint64> m_reserveDecisions;
    QHash<QString, quint64> m_claimDecisions;
    Histogram m_reserve;
    Histogram m_claim;
    quint64 m_messages = 0;
    quint64 m_expired = 0;
    quint64 m_cancelled = 0;
};

} // namespace roomgate::server
