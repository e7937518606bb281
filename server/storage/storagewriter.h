// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/database.h"
#include "server/storage/records.h"
#include "server/storage/replyhome.h"
#include "shared/clock.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QWaitCondition>

#include <deque>
#include <functional>
#include <future>
#include <memory>

namespace roomgate::server {

/**
 * The one writer of the storage. Every change (reserve, claim, cancel, release, message,
 * admin action, sweep) is a decision handed to it; it runs on its own thread with its
 * own connection, takes every decision waiting, runs them in one transaction (group
 * commit) — each under its own savepoint, so a refusal or a failure undoes that decision
 * only — commits once, and then answers each caller with its own outcome. Nothing is
 * answered before the commit that holds it is durable.
 *
 * On PostgreSQL, several nodes write at once: a decision that loses a deadlock (or a
 * serialization check) to another node's transaction is rolled back to its savepoint, the
 * decisions before it are committed, and it runs again first in the next transaction.
 * A lost connection is opened again (at most once a second); meanwhile every decision is
 * answered UNAVAILABLE at once.
 *
 * Its queue is bounded, in length and in time: a decision that finds it full, or finds the
 * oldest waiting decision queued for longer than Limits::maxWaitMs, is answered UNAVAILABLE
 * at once, so that under overload the decisions taken are answered in time and the others
 * are told at once to retry, rather than all of them waiting into their callers' timeouts
 * (an Ending — the end of a membership — is always taken, so that it is never lost).
 *
 * Owned by the node (ServerCore); submit() from any thread with an event loop.
 */
class StorageWriter : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        int queueLimit = 8192; ///< decisions waiting; more are refused with UNAVAILABLE
        int batchLimit = 1024; ///< decisions in one transaction at most
        /**
         * A normal decision that finds the oldest waiting one queued for longer than this is
         * refused UNAVAILABLE at once: the storage is not keeping up (overload, a lock held
         * elsewhere), and a caller is better told so now than answered after its timeout.
         */
        qint64 maxWaitMs = 1000;
        const Clock *clock = &Clock::system(); ///< its monotonic time dates the queue
    };

    /** What a decision works with: the connection, and what to do once committed. */
    class Scope
    {
    public:
        explicit Scope(Database &db) : m_db(db) { }
        Database &db() { return m_db; }
        /** Runs @p action on the writer's thread after the commit, in commit order. */
        void afterCommit(std::function<void()> action) { m_actions.push_back(std::move(action)); }

    private:
        friend class StorageWriter;
        Database &m_db;
        std::vector<std::function<void()>> m_actions;
    };

    /**
     * Normal decisions are refused UNAVAILABLE when the queue is full; endings never are;
     * urgent ones (the node's lease: without it the node stops admitting) never are and go
     * ahead of everything waiting.
     */
    enum class Priority { Normal, Ending, Urgent };

    explicit StorageWriter(Limits limits, QObject *parent = nullptr);
    ~StorageWriter() override;

    /**
     * Opens @p url (migrating the schema) on the writer's thread; false with errorString().
     * A lock held elsewhere is waited for @p busyTimeoutMs, then answered UNAVAILABLE.
     */
    bool open(const QString &url, int busyTimeoutMs = 5000);
    QString errorString() const { return m_error; }
    Database::Dialect dialect() const { return m_dialect; }

    /**
     * Runs @p decide in the next group transaction and calls @p done with its outcome,
     * after the commit, on the calling thread. A decision whose outcome is not Ok is
     * rolled back to its savepoint; if the commit itself fails, every decision of the
     * batch is answered with the storage failure and none of their after-commit actions
     * runs.
     */
    template<typename T>
    void submit(std::function<Outcome<T>(Scope &)> decide, Reply<T> done,
                Priority priority = Priority::Normal)
    {
        auto result = std::make_shared<Outcome<T>>();
        Job job;
        job.run = [decide = std::move(decide), result](Scope &scope) {
            *result = decide(scope);
            return result->ok();
        };
        job.answer = [done = std::move(done), result](ErrorCode failure) {
            done(failure == ErrorCode::Ok ? *result : Outcome<T>::failure(failure));
        };
        job.home = ReplyHome::forCurrentThread();
        job.hasHome = true;
        enqueue(std::move(job), priority);
    }

    /** Runs @p decide like submit() and blocks until it is committed (the command line). */
    template<typename T> Outcome<T> call(std::function<Outcome<T>(Scope &)> decide)
    {
        auto result = std::make_shared<Outcome<T>>();
        auto promise = std::make_shared<std::promise<Outcome<T>>>();
        Job job;
        job.run = [decide = std::move(decide), result](Scope &scope) {
            *result = decide(scope);
            return result->ok();
        };
        job.answer = [promise, result](ErrorCode failure) {
            promise->set_value(failure == ErrorCode::Ok ? *result : Outcome<T>::failure(failure));
        };
        std::future<Outcome<T>> future = promise->get_future();
        enqueue(std::move(job), Priority::Ending);
        return future.get();
    }

    /** Blocks until every decision submitted so far is committed and answered. */
    void drain();
    /** Decisions waiting now. */
    int queued() const;

private:
    struct Job
    {
        std::function<bool(Scope &)> run; ///< true: keep what it wrote
        std::function<void(ErrorCode)> answer; ///< Ok: the decision's own outcome
        QPointer<QObject> home; ///< where answer runs
        bool hasHome = false; ///< false: answer runs on the writer's thread
        std::vector<std::function<void()>> actions;
        int conflicts = 0; ///< times another transaction's lock order made it run again
        qint64 queuedAtMs = 0; ///< monotonic, when it was first queued
    };

    void enqueue(Job job, Priority priority);
    void processBatch(); ///< on the writer's thread
    void answer(Job &job, ErrorCode failure);

    const Limits m_limits;
    QThread m_thread;
    QObject *m_worker = nullptr; ///< lives on m_thread, receives the batch calls
    std::unique_ptr<Database> m_db; ///< used on m_thread only
    Database::Dialect m_dialect = Database::Dialect::Sqlite;
    QString m_error;

    mutable QMutex m_mutex;
    QWaitCondition m_idle;
    std::deque<Job> m_queue;
    bool m_scheduled = false; ///< a processBatch is posted or running
};

} // namespace roomgate::server
