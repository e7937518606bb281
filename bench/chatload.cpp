// SPDX-License-Identifier: MIT
#include "bench/chatload.h"

#include "bench/monotonic.h"
#include "bench/threadcontext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace roomgate::bench {

namespace {

constexpr QByteArrayView kMarker = "bench t=";

/** The digits at @p at in @p text, and where they end. */
qint64 digitsAt(QByteArrayView text, qsizetype at, qsizetype *end)
{
    qint64 v = 0;
    qsizetype i = at;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9')
        v = v * 10 + (text[i++] - '0');
    *end = i;
    return v;
}

} // namespace

ChatLoad::ChatLoad(ThreadContext &context, Config config, QObject *parent)
    : QObject(parent), m_context(context), m_config(std::move(config))
{
    const int total = int(m_config.rooms.size()) * m_config.membersPerRoom;
    for (int user = context.index(); user < total; user += m_config.threads) {
        Member m;
        m.user = user;
        m.room = user / m_config.membersPerRoom;
        const int seat = user % m_config.membersPerRoom;
        m.stalled = seat >= m_config.membersPerRoom - m_config.stalledPerRoom;
        if (seat < m_config.sendersPerRoom && !m.stalled) {
            m.senderIndex = m.room * m_config.sendersPerRoom + seat;
            m_senders.push_back(int(m_members.size()));
        }
        m_members.push_back(m);
    }
}

void ChatLoad::join(std::function<void(int)> done)
{
    m_joinDone = std::move(done);
    if (m_members.empty()) {
        m_joinDone(0);
        return;
    }
    for (int i = 0; i < m_config.joinConcurrency; ++i)
        joinNext();
}

void ChatLoad::joinNext()
{
    if (m_nextJoin >= m_members.size())
        return;
    const size_t index = m_nextJoin++;
    Member &m = m_members[index];
    ++m_joining;
    m.entry = new RoomEntry(m_context, m_config.endpoint(m.user), this);
    const auto outcome = [this](bool ok) {
        --m_joining;
        ++m_joinOutcomes;
        if (!ok)
            ++m_joinFailures;
        if (m_joinOutcomes == int(m_members.size())) {
            if (m_joinDone)
                m_joinDone(m_joinFailures);
            return;
        }
        joinNext();
    };
    m.entry->onJoined = [this, index, outcome] {
        m_counters.joined.fetch_add(1, std::memory_order_relaxed);
        if (m_members[index].stalled)
            m_members[index].entry->setReading(false);
        outcome(true);
    };
    m.entry->onFailed = [this, index, outcome](RoomEntry::Phase phase, const QString &code) {
        if (phase == RoomEntry::Phase::Joined && m_members[index].stalled) {
            ++m_stalledEnds[code]; // what a stalled member is there to show
            m_counters.stalledEnded.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        if (phase == RoomEntry::Phase::Joined) {
            m_counters.dropped.fetch_add(1, std::memory_order_relaxed);
            m_config.countError(QStringLiteral("memberClosed:") + code);
            return;
        }
        m_config.countError(QStringLiteral("join:") + code);
        outcome(false);
    };
    m.entry->onFrame = [this, index](QByteArrayView frame, qint64 now) {
        onFrame(m_members[index], frame, now);
    };
    m.entry->enter(m_config.token(m.user), m_config.rooms.at(m.room), m_config.capacity,
                   nowNs() + m_config.timeoutNs);
}

void ChatLoad::startChat(double totalRate, int totalSenders, int window, qint64 fromNs,
                         qint64 untilNs)
{
    m_fromNs = fromNs;
    m_untilNs = untilNs;
    m_window = totalRate > 0 ? 0 : window; // a window only paces the full-speed mode
    if (m_senders.empty())
        return;
    if (totalRate > 0) {
        const double rate = totalRate * double(m_senders.size()) / double(totalSenders);
        m_schedule = OpenLoopSchedule(rate, 0, 1, nowNs(), untilNs);
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        m_timer->setInterval(1);
        connect(m_timer, &QTimer::timeout, this, &ChatLoad::tick);
        m_timer->start();
        return;
    }
    const qint64 now = nowNs();
    for (int s : m_senders) {
        for (int i = 0; i < window; ++i)
            sendFrom(m_members[size_t(s)], now);
    }
}

void ChatLoad::tick()
{
    const qint64 now = nowNs();
    m_schedule.runDue(now, [this, now](qint64 due) {
        Member &m = m_members[size_t(m_senders[m_nextSender])];
        m_nextSender = (m_nextSender + 1) % m_senders.size();
        m_sendLag.record(now - due);
        sendFrom(m, now);
    });
    if (m_schedule.finished())
        m_timer->stop();
}

void ChatLoad::sendFrom(Member &m, qint64 now)
{
    if (now >= m_untilNs || m.entry->phase() != RoomEntry::Phase::Joined)
        return;
    const QByteArray frame = R"({"type":"message","text":"bench t=)" + QByteArray::number(now)
        + " s=" + QByteArray::number(m.senderIndex) + R"(","clientId":"b)"
        + QByteArray::number(m.senderIndex) + '-' + QByteArray::number(++m.seq) + "\"}";
    m.entry->send(frame);
    ++m.inFlight;
    m_counters.sent.fetch_add(1, std::memory_order_relaxed);
    if (now >= m_fromNs)
        m_counters.sentInWindow.fetch_add(1, std::memory_order_relaxed);
}

void ChatLoad::resumeStalled()
{
    for (Member &m : m_members) {
        if (m.stalled && m.entry)
            m.entry->setReading(true);
    }
}

void ChatLoad::onFrame(Member &m, QByteArrayView frame, qint64 now)
{
    if (m.stalled)
        return; // what it reads once resumed was sent long ago: neither counted nor timed
    const qsizetype at = frame.indexOf(kMarker);
    if (at < 0) {
        if (frame.startsWith(R"({"type":"error")")) {
            const QString code = QJsonDocument::fromJson(frame.toByteArray())
                                     .object()
                                     .value(QStringLiteral("code"))
                                     .toString();
            m_counters.refused.fetch_add(1, std::memory_order_relaxed);
            m_config.countError(QStringLiteral("chat:") + code);
            if (m.inFlight > 0) // the refused message will not come back
                --m.inFlight;
            if (m_window > 0 && m.senderIndex >= 0)
                sendFrom(m, now);
        }
        return;
    }
    qsizetype end = 0;
    const qint64 sentAt = digitsAt(frame, at + kMarker.size(), &end);
    const QByteArrayView senderTag = " s=";
    const int sender = frame.sliced(end).startsWith(senderTag)
        ? int(digitsAt(frame, end + senderTag.size(), &end))
        : -1;
    m_counters.received.fetch_add(1, std::memory_order_relaxed);
    if (now >= m_fromNs && now < m_untilNs)
        m_counters.receivedInWindow.fetch_add(1, std::memory_order_relaxed);
    if (sentAt >= m_fromNs && sentAt < m_untilNs)
        m_latency.record(now - sentAt);
    if (sender == m.senderIndex && sender >= 0) {
        --m.inFlight;
        if (m_window > 0)
            sendFrom(m, now);
    }
}

} // namespace roomgate::bench
