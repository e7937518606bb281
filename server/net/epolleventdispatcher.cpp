// SPDX-License-Identifier: MIT
#include "server/net/epolleventdispatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace roomgate::server::net {

namespace {

Q_LOGGING_CATEGORY(lcDispatcher, "roomgate.server.net.dispatcher")

constexpr qint64 NsPerMs = 1'000'000;
constexpr qint64 NsPerSecond = 1'000'000'000;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/** What epoll watches for a notifier of @p type. */
quint32 interestOf(int type)
{
    switch (type) {
    case QSocketNotifier::Read:
        return EPOLLIN;
    case QSocketNotifier::Write:
        return EPOLLOUT;
    default:
        return EPOLLPRI;
    }
}

/** What activates a notifier of @p type: its own readiness, or a hang-up or error, as poll(2)
 *  reports them to Qt's dispatcher. */
quint32 activatorsOf(int type)
{
    return interestOf(type) | EPOLLHUP | EPOLLERR;
}

/** Milliseconds until @p deadlineNs, rounded up so that a wait never ends early. */
qint64 msUntil(qint64 deadlineNs, qint64 nowNs)
{
    if (deadlineNs <= nowNs)
        return 0;
    return (deadlineNs - nowNs + NsPerMs - 1) / NsPerMs;
}

/** The deadline after @p deadlineNs on the same phase that lies after @p nowNs: missed
 *  intervals are skipped, not fired in a burst, and late rounds do not shift later ones. */
qint64 nextDeadline(qint64 deadlineNs, qint64 intervalNs, qint64 nowNs)
{
    if (intervalNs <= 0)
        return nowNs;
    qint64 next = deadlineNs + intervalNs;
    if (next <= nowNs)
        next += ((nowNs - next) / intervalNs + 1) * intervalNs;
    return next;
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent),
      m_epollFd(epoll_create1(EPOLL_CLOEXEC)),
      m_wakeFd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    if (m_epollFd < 0 || m_wakeFd < 0)
        qFatal("EpollEventDispatcher: cannot create epoll or eventfd descriptors: %s",
               std::strerror(errno));
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_wakeFd;
    if (epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_wakeFd, &event) < 0)
        qFatal("EpollEventDispatcher: cannot watch its eventfd: %s", std::strerror(errno));
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epollFd);
}

// --- Socket notifiers --------------------------------------------------------------------

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = static_cast<int>(notifier->socket());
    const int type = notifier->type();
    if (fd < 0 || type < 0 || type >= NotifierTypes)
        return;
    Descriptor &descriptor = m_descriptors[fd];
    if (descriptor.notifiers[type] && descriptor.notifiers[type] != notifier)
        qCWarning(lcDispatcher, "Several socket notifiers of type %d for descriptor %d", type, fd);
    descriptor.notifiers[type] = notifier;
    descriptor.serials[type] = ++m_notifierSerial;
    updateEpoll(fd, descriptor);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = static_cast<int>(notifier->socket());
    const int type = notifier->type();
    if (type < 0 || type >= NotifierTypes)
        return;
    const auto it = m_descriptors.find(fd);
    if (it == m_descriptors.end() || it->notifiers[type] != notifier)
        return;
    // A cleared serial also cancels an activation of this round not sent yet.
    it->notifiers[type] = nullptr;
    it->serials[type] = 0;
    updateEpoll(fd, *it);
}

void EpollEventDispatcher::updateEpoll(int fd, Descriptor &descriptor)
{
    quint32 wanted = 0;
    for (int type = 0; type < NotifierTypes; ++type) {
        if (descriptor.notifiers[type])
            wanted |= interestOf(type);
    }
    if (wanted == 0) {
        // Fails harmlessly when the descriptor was closed first: closing removed it from epoll.
        if (descriptor.events != 0)
            epoll_ctl(m_epollFd, EPOLL_CTL_DEL, fd, nullptr);
        m_unpolled.remove(fd);
        m_descriptors.remove(fd);
        return;
    }
    if (!descriptor.polled || wanted == descriptor.events)
        return;
    epoll_event event{};
    event.events = wanted;
    event.data.fd = fd;
    int op = descriptor.events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    int result = epoll_ctl(m_epollFd, op, fd, &event);
    // Our record and epoll's can disagree when a descriptor was closed without its notifiers
    // being disabled and its number was reused: follow what epoll says.
    if (result < 0 && op == EPOLL_CTL_MOD && errno == ENOENT) {
        op = EPOLL_CTL_ADD;
        result = epoll_ctl(m_epollFd, op, fd, &event);
    } else if (result < 0 && op == EPOLL_CTL_ADD && errno == EEXIST) {
        op = EPOLL_CTL_MOD;
        result = epoll_ctl(m_epollFd, op, fd, &event);
    }
    if (result == 0) {
        descriptor.events = wanted;
        return;
    }
    if (errno == EPERM) {
        // Regular files and the like: poll(2) calls them always ready; so do we.
        descriptor.polled = false;
        descriptor.events = 0;
        m_unpolled.insert(fd);
        return;
    }
    qCWarning(lcDispatcher, "Cannot watch descriptor %d: %s", fd, std::strerror(errno));
    descriptor.events = 0;
}

void EpollEventDispatcher::collectActivations(int fd, quint32 ready,
                                              QVarLengthArray<Activation, 256> &out) const
{
    const auto it = m_descriptors.constFind(fd);
    if (it == m_descriptors.cend())
        return;
    for (int type = 0; type < NotifierTypes; ++type) {
        if (it->notifiers[type] && (ready & activatorsOf(type)))
            out.append(Activation{fd, type, it->serials[type]});
    }
}

int EpollEventDispatcher::activateSocketNotifiers(
    const QVarLengthArray<Activation, 256> &activations)
{
    int activated = 0;
    QEvent event(QEvent::SockAct);
    for (const Activation &activation : activations) {
        // An earlier activation of this round may have disabled, deleted or replaced it.
        const auto it = m_descriptors.constFind(activation.fd);
        if (it == m_descriptors.cend() || it->serials[activation.type] != activation.serial)
            continue;
        QCoreApplication::sendEvent(it->notifiers[activation.type], &event);
        ++activated;
    }
    return activated;
}

// --- Timers ------------------------------------------------------------------------------

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    if (timerId < 1 || interval < 0 || !object)
        return;
    if (const auto old = m_timers.find(timerId); old != m_timers.end())
        removeTimer(old);
    const qint64 now = nowNs();
    Timer timer;
    timer.object = object;
    timer.type = timerType;
    timer.serial = ++m_timerOrder;
    qint64 deadline = 0;
    if (timerType == Qt::VeryCoarseTimer) {
        // Whole seconds, on a whole second.
        timer.intervalMs = (interval + 500) / 1000 * 1000;
        deadline = (now + NsPerSecond / 2) / NsPerSecond * NsPerSecond + timer.intervalMs * NsPerMs;
    } else {
        timer.intervalMs = interval;
        deadline = now + interval * NsPerMs;
    }
    auto it = m_timers.insert(timerId, timer);
    m_timersByObject.insert(object, timerId);
    schedule(timerId, *it, deadline);
}

void EpollEventDispatcher::schedule(int timerId, Timer &timer, qint64 deadlineNs)
{
    if (timer.order != 0)
        m_timerQueue.erase(TimerKey{timer.deadlineNs, timer.order});
    timer.deadlineNs = deadlineNs;
    timer.order = ++m_timerOrder;
    m_timerQueue.emplace(TimerKey{timer.deadlineNs, timer.order}, timerId);
}

void EpollEventDispatcher::removeTimer(QHash<int, Timer>::iterator it)
{
    m_timerQueue.erase(TimerKey{it->deadlineNs, it->order});
    m_timersByObject.remove(it->object, it.key());
    m_timers.erase(it);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    removeTimer(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    const QList<int> ids = m_timersByObject.values(object);
    for (const int id : ids) {
        const auto it = m_timers.find(id);
        if (it != m_timers.end())
            removeTimer(it);
    }
    return !ids.isEmpty();
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    for (auto it = m_timersByObject.constFind(object);
         it != m_timersByObject.cend() && it.key() == object; ++it) {
        const Timer &timer = m_timers.value(it.value());
        timers.append(TimerInfo(it.value(), static_cast<int>(timer.intervalMs), timer.type));
    }
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.constFind(timerId);
    if (it == m_timers.cend())
        return -1;
    return static_cast<int>(std::min<qint64>(msUntil(it->deadlineNs, nowNs()), INT_MAX));
}

qint64 EpollEventDispatcher::nextTimerWaitMs(qint64 nowNs) const
{
    for (const auto &[key, id] : m_timerQueue) {
        // A timer whose event is being sent (a nested loop runs) waits until that returns.
        if (!m_timers.value(id).delivering)
            return msUntil(key.first, nowNs);
    }
    return -1;
}

int EpollEventDispatcher::activateTimers()
{
    if (m_timerQueue.empty())
        return 0;
    const qint64 now = nowNs();
    // The timers due now, each at most once this round; one that an earlier event of this
    // round stopped, restarted or delivered (a nested loop) no longer has the same order.
    QVarLengthArray<std::pair<int, quint64>, 32> due;
    for (auto it = m_timerQueue.cbegin(); it != m_timerQueue.cend() && it->first.first <= now; ++it)
        due.append({it->second, it->first.second});

    int activated = 0;
    for (const auto &[id, order] : due) {
        auto it = m_timers.find(id);
        if (it == m_timers.end() || it->order != order || it->delivering)
            continue;
        schedule(id, *it, nextDeadline(it->deadlineNs, it->intervalMs * NsPerMs, now));
        if (it->intervalMs > 0)
            ++activated;
        it->delivering = true;
        const quint64 serial = it->serial;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(it->object, &event);
        it = m_timers.find(id);
        if (it != m_timers.end() && it->serial == serial)
            it->delivering = false;
    }
    return activated;
}

// --- The loop ----------------------------------------------------------------------------

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false, std::memory_order_relaxed);
    Q_EMIT awake();
    // Every event posted to this thread so far, deferred deletions of finished loops
    // included. One posted from now on calls wakeUp(), which ends the wait below.
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !flags.testFlag(QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !flags.testFlag(QEventLoop::ExcludeSocketNotifiers);
    const bool canWait = flags.testFlag(QEventLoop::WaitForMoreEvents)
        && !m_interrupted.load(std::memory_order_relaxed);
    if (canWait)
        Q_EMIT aboutToBlock();
    if (m_interrupted.load(std::memory_order_relaxed))
        return false;

    int timeoutMs = 0;
    if (canWait) {
        timeoutMs = -1;
        if (includeTimers) {
            const qint64 wait = nextTimerWaitMs(nowNs());
            if (wait >= 0)
                timeoutMs = static_cast<int>(std::min<qint64>(wait, INT_MAX));
        }
        if (includeNotifiers && !m_unpolled.isEmpty())
            timeoutMs = 0;
    }

    int handled = 0;
    if (includeNotifiers) {
        const int count
            = epoll_wait(m_epollFd, m_ready.data(), static_cast<int>(m_ready.size()), timeoutMs);
        if (count < 0 && errno != EINTR)
            qCWarning(lcDispatcher, "epoll_wait failed: %s", std::strerror(errno));
        // Collected before any is sent: a nested loop reuses m_ready.
        QVarLengthArray<Activation, 256> activations;
        for (int i = 0; i < count; ++i) {
            const int fd = m_ready[static_cast<size_t>(i)].data.fd;
            if (fd == m_wakeFd) {
                consumeWakeUp();
                ++handled;
            } else if (m_descriptors.contains(fd)) {
                collectActivations(fd, m_ready[static_cast<size_t>(i)].events, activations);
            } else {
                epoll_ctl(m_epollFd, EPOLL_CTL_DEL, fd, nullptr);
            }
        }
        for (const int fd : std::as_const(m_unpolled))
            collectActivations(fd, EPOLLIN | EPOLLOUT, activations);
        handled += activateSocketNotifiers(activations);
    } else {
        pollfd wake{m_wakeFd, POLLIN, 0};
        if (poll(&wake, 1, timeoutMs) > 0 && (wake.revents & POLLIN)) {
            consumeWakeUp();
            ++handled;
        }
    }

    if (includeTimers)
        handled += activateTimers();
    return handled > 0;
}

void EpollEventDispatcher::consumeWakeUp()
{
    eventfd_t value = 0;
    eventfd_read(m_wakeFd, &value);
    // After the read: a wakeUp() in between finds the flag still set and writes nothing, but
    // what it announces is sent by the next round's sendPostedEvents() all the same.
    m_wakeUpPending.store(false, std::memory_order_release);
}

void EpollEventDispatcher::wakeUp()
{
    if (!m_wakeUpPending.exchange(true, std::memory_order_acq_rel))
        eventfd_write(m_wakeFd, 1);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true, std::memory_order_relaxed);
    wakeUp();
}

} // namespace roomgate::server::net
