// SPDX-License-Identifier: MIT
#include "server/storage/storagewriter.h"

#include "server/storage/logging.h"

#include <QElapsedTimer>

#include <algorithm>
#include <iterator>

namespace roomgate::server {

namespace {
const QString kSavepoint = QStringLiteral("decision");
// Runs of one decision lost to other transactions before it is answered UNAVAILABLE.
constexpr int kConflictRuns = 8;
} // namespace

StorageWriter::StorageWriter(Limits limits, QObject *parent) : QObject(parent), m_limits(limits)
{
    m_thread.setObjectName(QStringLiteral("storage-writer"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

StorageWriter::~StorageWriter()
{
    drain();
    QMetaObject::invokeMethod(
        m_worker, [this] { m_db.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool StorageWriter::open(const QString &url, int busyTimeoutMs)
{
    bool opened = false;
    QMetaObject::invokeMethod(
        m_worker,
        [this, url, busyTimeoutMs, &opened] {
            m_db = std::make_unique<Database>();
            opened = m_db->open(url, Database::Role::Writer, busyTimeoutMs);
            m_error = m_db->errorString();
            m_dialect = m_db->dialect();
        },
        Qt::BlockingQueuedConnection);
    return opened;
}

int StorageWriter::queued() const
{
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_queue.size());
}

void StorageWriter::enqueue(Job job, Priority priority)
{
    job.queuedAtMs = m_limits.clock->monotonicMs();
    QMutexLocker lock(&m_mutex);
    const bool behind
        = !m_queue.empty() && job.queuedAtMs - m_queue.front().queuedAtMs > m_limits.maxWaitMs;
    if (priority == Priority::Normal
        && (behind || static_cast<int>(m_queue.size()) >= m_limits.queueLimit)) {
        lock.unlock();
        answer(job, ErrorCode::Unavailable);
        return;
    }
    if (priority == Priority::Urgent) {
        // Ahead of the others, it takes the date of the oldest: the front dates the queue.
        if (!m_queue.empty())
            job.queuedAtMs = std::min(job.queuedAtMs, m_queue.front().queuedAtMs);
        m_queue.push_front(std::move(job));
    } else {
        m_queue.push_back(std::move(job));
    }
    if (!m_scheduled) {
        m_scheduled = true;
        QMetaObject::invokeMethod(
            m_worker, [this] { processBatch(); }, Qt::QueuedConnection);
    }
}

void StorageWriter::answer(Job &job, ErrorCode failure)
{
    if (!job.hasHome) {
        job.answer(failure);
        return;
    }
    if (!job.home)
        return; // the caller's thread is gone
    QMetaObject::invokeMethod(
        job.home, [answer = std::move(job.answer), failure] { answer(failure); },
        Qt::QueuedConnection);
}

void StorageWriter::processBatch()
{
    std::vector<Job> batch;
    {
        QMutexLocker lock(&m_mutex);
        const auto take = std::min<std::size_t>(m_queue.size(), m_limits.batchLimit);
        batch.reserve(take);
        for (std::size_t i = 0; i < take; ++i) {
            batch.push_back(std::move(m_queue.front()));
            m_queue.pop_front();
        }
    }

    ErrorCode batchFailure = ErrorCode::Ok;
    std::vector<Job> again; // lost to another node's transaction: first in the next one
    QElapsedTimer clock; // for the debug trace of each group: its run, then its commit
    clock.start();
    qint64 ranNs = 0;
    if (!m_db || !m_db->ensureOpen()) {
        batchFailure = ErrorCode::Unavailable;
    } else if (!m_db->begin()) {
        batchFailure = m_db->failureCode();
    } else {
        for (std::size_t i = 0; i < batch.size(); ++i) {
            Job &job = batch[i];
            if (!m_db->savepoint(kSavepoint)) {
                batchFailure = m_db->failureCode();
                break;
            }
            Scope scope(*m_db);
            const quint64 conflictsBefore = m_db->conflicts();
            const bool keep = job.run(scope);
            if (keep ? !m_db->releaseSavepoint(kSavepoint)
                     : !m_db->rollbackToSavepoint(kSavepoint)) {
                batchFailure = m_db->failureCode();
                break;
            }
            if (!keep && m_db->conflicts() != conflictsBefore && ++job.conflicts < kConflictRuns) {
                // Commit what came before (its locks are what the other side waits
                // for), then run this one and the rest again.
                std::move(batch.begin() + static_cast<std::ptrdiff_t>(i), batch.end(),
                          std::back_inserter(again));
                batch.resize(i);
                break;
            }
            if (keep)
                job.actions = std::move(scope.m_actions);
        }
        ranNs = clock.nsecsElapsed();
        if (batchFailure == ErrorCode::Ok && !m_db->commit())
            batchFailure = m_db->failureCode();
        qCDebug(lcStorage, "group of %zu decision(s): run %lld us, commit %lld us", batch.size(),
                ranNs / 1000, (clock.nsecsElapsed() - ranNs) / 1000);
        if (batchFailure != ErrorCode::Ok) {
            m_db->rollback();
            qCWarning(lcStorage).noquote()
                << "a group of" << batch.size()
                << "decision(s) was not committed:" << wireName(batchFailure);
        }
    }

    for (Job &job : batch) {
        if (batchFailure == ErrorCode::Ok) {
            for (const auto &action : job.actions)
                action();
        }
        answer(job, batchFailure);
    }

    QMutexLocker lock(&m_mutex);
    for (auto it = again.rbegin(); it != again.rend(); ++it)
        m_queue.push_front(std::move(*it));
    if (!m_queue.empty()) {
        QMetaObject::invokeMethod(
            m_worker, [this] { processBatch(); }, Qt::QueuedConnection);
        return;
    }
    m_scheduled = false;
    m_idle.wakeAll();
}

void StorageWriter::drain()
{
    QMutexLocker lock(&m_mutex);
    while (m_scheduled)
        m_idle.wait(&m_mutex);
}

} // namespace roomgate::server
