// SPDX-License-Identifier: MIT
#include "server/admission/metrics.h"

#include "server/events/eventbus.h"

#include <algorithm>

namespace roomgate::server {

namespace {

void counterFamily(QByteArray &out, const char *name, const char *help,
                   const QHash<QString, quint64> &byCode)
{
    out += QByteArrayLiteral("# HELP ") + name + ' ' + help + '\n';
    out += QByteArrayLiteral("# TYPE ") + name + " counter\n";
    QStringList codes = byCode.keys();
    codes.sort();
    for (const QString &code : std::as_const(codes))
        out += QByteArray(name) + "{code=\"" + code.toLatin1() + "\"} "
            + QByteArray::number(byCode.value(code)) + '\n';
}

void gauge(QByteArray &out, const char *name, const char *help, qint64 value)
{
    out += QByteArrayLiteral("# HELP ") + name + ' ' + help + '\n';
    out += QByteArrayLiteral("# TYPE ") + name + " gauge\n";
    out += QByteArray(name) + ' ' + QByteArray::number(value) + '\n';
}

void histogram(QByteArray &out, const char *name, const char *help, const Metrics::Histogram &h)
{
    out += QByteArrayLiteral("# HELP ") + name + ' ' + help + '\n';
    out += QByteArrayLiteral("# TYPE ") + name + " histogram\n";
    for (std::size_t i = 0; i < Metrics::kBuckets.size(); ++i)
        out += QByteArray(name) + "_bucket{le=\"" + QByteArray::number(Metrics::kBuckets[i])
            + "\"} " + QByteArray::number(h.buckets[i]) + '\n';
    out += QByteArray(name) + "_bucket{le=\"+Inf\"} " + QByteArray::number(h.count) + '\n';
    out += QByteArray(name) + "_sum " + QByteArray::number(h.sum, 'g', 9) + '\n';
    out += QByteArray(name) + "_count " + QByteArray::number(h.count) + '\n';
}

} // namespace

void Metrics::Histogram::observe(double seconds)
{
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            ++buckets[i];
    }
    ++count;
    sum += seconds;
}

Metrics::Metrics(AdmissionService &admission, EventBus &bus, QObject *parent) : QObject(parent)
{
    // Counted where the decision is answered, under the mutex: a queued call per decision
    // would cost the main thread a wake-up and a copy of its arguments each (10,000 in a storm).
    connect(
        &admission, &AdmissionService::decided, this,
        [this](AdmissionService::Phase phase, ErrorCode code, const QString &, const QString &,
               qint64 durationUs) {
            const bool reserve = phase == AdmissionService::Phase::Reserve;
            {
                QMutexLocker lock(&m_mutex);
                ++(reserve ? m_reserveDecisions : m_claimDecisions)[wireName(code)];
                (reserve ? m_reserve : m_claim).observe(static_cast<double>(durationUs) / 1e6);
            }
            Q_EMIT changed();
        },
        Qt::DirectConnection);
    // This node's own events only: with several nodes, each counts what it did, and the
    // counters add up across nodes.
    bus.subscribe(this, [this, node = admission.settings().nodeId](const RoomEvent &event) {
        if (event.originNode != node)
            return;
        quint64 *counter = nullptr;
        switch (event.kind) {
        case RoomEvent::Kind::Message:
            counter = &m_messages;
            break;
        case RoomEvent::Kind::Expired:
            counter = &m_expired;
            break;
        case RoomEvent::Kind::Cancelled:
            counter = &m_cancelled;
            break;
        default:
            return;
        }
        {
            QMutexLocker lock(&m_mutex);
            ++*counter;
        }
        Q_EMIT changed();
    });
}

QHash<QString, quint64> Metrics::decisions(AdmissionService::Phase phase) const
{
    QMutexLocker lock(&m_mutex);
    return phase == AdmissionService::Phase::Reserve ? m_reserveDecisions : m_claimDecisions;
}

quint64 Metrics::messages() const
{
    QMutexLocker lock(&m_mutex);
    return m_messages;
}

quint64 Metrics::expired() const
{
    QMutexLocker lock(&m_mutex);
    return m_expired;
}

quint64 Metrics::cancelled() const
{
    QMutexLocker lock(&m_mutex);
    return m_cancelled;
}

QByteArray Metrics::render(const StorageCounts &counts, int sockets) const
{
    QMutexLocker lock(&m_mutex);
    QByteArray out;
    out.reserve(4096);
    counterFamily(out, "roomgate_reserve_decisions_total",
                  "Reserve decisions by result code (OK for success).", m_reserveDecisions);
    counterFamily(out, "roomgate_claim_decisions_total",
                  "Claim decisions by result code (OK for success).", m_claimDecisions);
    out += "# HELP roomgate_messages_total Chat messages stored and delivered.\n"
           "# TYPE roomgate_messages_total counter\nroomgate_messages_total "
        + QByteArray::number(m_messages) + '\n';
    out += "# HELP roomgate_reservations_expired_total Reservations that expired unclaimed.\n"
           "# TYPE roomgate_reservations_expired_total counter\n"
           "roomgate_reservations_expired_total "
        + QByteArray::number(m_expired) + '\n';
    out += "# HELP roomgate_reservations_cancelled_total Reservations given back or revoked.\n"
           "# TYPE roomgate_reservations_cancelled_total counter\n"
           "roomgate_reservations_cancelled_total "
        + QByteArray::number(m_cancelled) + '\n';
    gauge(out, "roomgate_rooms", "Rooms, pending ones included.", counts.rooms);
    gauge(out, "roomgate_occupants", "Members holding a seat, all nodes.", counts.occupants);
    gauge(out, "roomgate_reservations", "Live reservations, all nodes.", counts.reservations);
    gauge(out, "roomgate_sockets", "WebSockets connected to this node.", sockets);
    histogram(out, "roomgate_reserve_duration_seconds", "Time to decide a reservation.", m_reserve);
    histogram(out, "roomgate_claim_duration_seconds", "Time to decide a claim.", m_claim);
    return out;
}

} // namespace roomgate::server
