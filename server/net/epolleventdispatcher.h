// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>
#include <QMultiHash>
#include <QSet>
#include <QVarLengthArray>

#include <array>
#include <atomic>
#include <map>
#include <utility>

#include <sys/epoll.h>

class QSocketNotifier;

namespace roomgate::server::net {

/**
 * An event dispatcher for Linux that waits with epoll(7), so that a round of the event loop
 * costs what is ready, not what is open: Qt 6.4's own dispatcher rebuilds and polls the whole
 * set of a thread's sockets on every round, which at thousands of connections per thread is
 * most of the server's CPU.
 *
 * Socket notifiers are level-triggered, one epoll registration per descriptor whose mask
 * combines the descriptor's read, write and exception notifiers (turning one of them on or
 * off is one EPOLL_CTL_MOD). A notifier activated in a round is checked again just before its
 * event is sent: one that an earlier activation of the same round disabled, deleted or
 * replaced is left alone. Timers are kept in a hash by id and in an ordered queue by
 * deadline; a repeating timer's next deadline follows from its previous one, skipping the
 * intervals it missed, so it neither drifts nor fires in bursts. Coarse timers are precise;
 * very coarse ones have whole seconds. Posted events are sent at the start of every round;
 * Qt calls wakeUp() whenever one is posted, and wakeUp() writes an eventfd the round waits
 * on, so a posted event never waits for the next socket event.
 *
 * Install it with QThread::setEventDispatcher() before the thread starts; the thread then owns
 * it. It lives on that thread; only wakeUp() and interrupt() may be called from others.
 */
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    using QAbstractEventDispatcher::registerTimer;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    static constexpr int NotifierTypes = 3; // QSocketNotifier::Read, Write, Exception

    /** The notifiers of one descriptor; each registration has its own serial number. */
    struct Descriptor
    {
        std::array<QSocketNotifier *, NotifierTypes> notifiers{};
        std::array<quint64, NotifierTypes> serials{};
        quint32 events = 0; // the mask epoll has for it; 0: not in epoll
        bool polled = true; // false: epoll refuses it (a regular file): always ready
    };

    /** A notifier found ready, to be activated unless it changed since. */
    struct Activation
    {
        int fd;
        int type;
        quint64 serial;
    };

    struct Timer
    {
        QObject *object = nullptr;
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::PreciseTimer;
        qint64 deadlineNs = 0;
        quint64 order = 0; // with deadlineNs, its key in m_timerQueue
        quint64 serial = 0; // tells this registration from a later one with the same id
        bool delivering = false; // its event is being sent: not again until that returns
    };
    using TimerKey = std::pair<qint64, quint64>; // deadline, then registration order

    void updateEpoll(int fd, Descriptor &descriptor);
    void collectActivations(int fd, quint32 ready, QVarLengthArray<Activation, 256> &out) const;
    int activateSocketNotifiers(const QVarLengthArray<Activation, 256> &activations);
    void schedule(int timerId, Timer &timer, qint64 deadlineNs);
    qint64 nextTimerWaitMs(qint64 nowNs) const;
    int activateTimers();
    void removeTimer(QHash<int, Timer>::iterator it);
    void consumeWakeUp();

    int m_epollFd = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_wakeUpPending{false};
    std::atomic<bool> m_interrupted{false};

    QHash<int, Descriptor> m_descriptors;
    QSet<int> m_unpolled; // descriptors epoll refused
    quint64 m_notifierSerial = 0;
    std::array<epoll_event, 512> m_ready{};

    QHash<int, Timer> m_timers;
    std::map<TimerKey, int> m_timerQueue;
    QMultiHash<QObject *, int> m_timersByObject;
    quint64 m_timerOrder = 0;
};

} // namespace roomgate::server::net
