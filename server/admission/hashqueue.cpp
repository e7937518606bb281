// SPDX-License-Identifier: MIT
#include "server/admission/hashqueue.h"

namespace roomgate::server {

HashQueue::HashQueue(int threads, int limit)
    : m_limit(limit), m_perKey(limit > 0 ? std::max(1, limit / 4) : 0)
{
    m_pool.setMaxThreadCount(std::max(1, threads));
    m_pool.setObjectName(QStringLiteral("password-hashing"));
}

HashQueue::~HashQueue()
{
    {
        QMutexLocker lock(&m_mutex);
        m_byKey.clear();
        m_turns.clear();
        m_waiting = 0;
    }
    m_pool.waitForDone();
}

int HashQueue::waiting() const
{
    QMutexLocker lock(&m_mutex);
    return m_waiting;
}

bool HashQueue::enqueue(const QString &key, Task task)
{
    {
        QMutexLocker lock(&m_mutex);
        std::deque<Task> &queue = m_byKey[key];
        if (m_limit > 0 && (m_waiting >= m_limit || static_cast<int>(queue.size()) >= m_perKey)) {
            if (queue.empty())
                m_byKey.remove(key);
            return false;
        }
        if (queue.empty())
            m_turns.push_back(key);
        queue.push_back(std::move(task));
        ++m_waiting;
    }
    // One run per task; each takes whichever task's turn it is.
    m_pool.start([this] { runNext(); });
    return true;
}

void HashQueue::runNext()
{
    Task task;
    {
        QMutexLocker lock(&m_mutex);
        if (m_turns.empty())
            return;
        const QString key = m_turns.front();
        m_turns.pop_front();
        auto it = m_byKey.find(key);
        task = std::move(it->front());
        it->pop_front();
        if (it->empty())
            m_byKey.erase(it);
        else
            m_turns.push_back(key);
        --m_waiting;
    }
    task.run(task.wanted && !task.wanted());
}

} // namespace roomgate::server
