// SPDX-License-Identifier: MIT
#include "server/storage/storagewriter.h"

#include "server/storage/logging.h"

namespace roomgate::server {

namespace {
const QString kSavepoint = QStringLiteral("decision");
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

bool StorageWriter::open(const QString &url)
{
    bool opened = false;
    QMetaObject::invokeMethod(
        m_worker,
        [this, url, &opened] {
            m_db = std::make_unique<Database>();
            opened = m_db->open(url, Database::Role::Writer);
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
    QMutexLocker lock(&m_mutex);
    if (priority == Priority::Normal && static_cast<int>(m_queue.size()) >= m_limits.queueLimit) {
        lock.unlock();
        answer(job, ErrorCode::Unavailable);
        return;
    }
    m_queue.push_back(std::move(job));
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
    if (!m_db || !m_db->begin()) {
        batchFailure = m_db ? m_db->failureCode() : ErrorCode::Unavailable;
    } else {
        for (Job &job : batch) {
            if (!m_db->savepoint(kSavepoint)) {
                batchFailure = m_db->failureCode();
                break;
            }
            Scope scope(*m_db);
            const bool keep = job.run(scope);
            if (keep ? !m_db->releaseSavepoint(kSavepoint)
                     : !m_db->rollbackToSavepoint(kSavepoint)) {
                batchFailure = m_db->failureCode();
                break;
            }
            if (keep)
                job.actions = std::move(scope.m_actions);
        }
        if (batchFailure == ErrorCode::Ok && !m_db->commit())
            batchFailure = m_db->failureCode();
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
