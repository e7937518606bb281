// SPDX-License-Identifier: MIT
#pragma once

#include "bench/benchoptions.h"
#include "bench/httpclient.h"
#include "bench/roomentry.h"
#include "bench/workerthreads.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace roomgate::bench {

class HttpPool;

/**
 * One run of one scenario: the generator's threads, the users it signs up and in, the
 * rooms it opens, the hard time limit, the progress line and the common part of the JSON
 * result. A subclass writes run() as a chain of asynchronous steps and ends with finish().
 * Lives on the main thread; the per-thread work it posts runs on WorkerThreads.
 */
class Scenario : public QObject
{
    Q_OBJECT
public:
    explicit Scenario(BenchOptions options, QObject *parent = nullptr);
    ~Scenario() override;

    /** Starts the run; finished() follows once, within the hard time limit. */
    void start();

Q_SIGNALS:
    /** The whole result, and the exit status the process should end with. */
    void finished(const QJsonObject &result, int exitCode);

protected:
    /** The scenario itself, started on the main thread. */
    virtual void run() = 0;
    /** The progress line's scenario part ("1234 req, 2345/s"). */
    virtual QString progress() const = 0;
    /** The seconds the run is expected to take beyond setup (for the default hard limit). */
    virtual double expectedSeconds() const;
    /** What has been measured so far, for a run cut short by the hard limit. */
    virtual QJsonObject partialResult() { return {}; }

    /**
     * Stops the generator threads, destroying what lives on them. A subclass whose members
     * those threads use calls it first in its destructor.
     */
    void stopThreads();

    const BenchOptions &options() const { return m_options; }
    bool bare() const { return m_options.target == BenchOptions::Target::Bare; }
    WorkerThreads &threads() { return *m_threads; }
    int threadCount() const { return m_options.threads; }
    int threadOfUser(int user) const { return user % m_options.threads; }
    int nodeCount() const { return m_options.nodeCount(); }
    /** The node (index into --server) every request of @p user goes to. */
    int nodeOfUser(int user) const { return user % m_options.nodeCount(); }
    /**
     * The thread's HTTP pool for traffic to @p node (created on first use, growing up to
     * --connections over the threads, or 256 a thread); call on that thread only.
     */
    HttpPool &pool(ThreadContext &context, int node);
    /** The thread's small pool for sign-ups and sign-ins, to the setup node. */
    HttpPool &setupPool(ThreadContext &context);
    /**
     * Sends a set-up request (sign-up, sign-in) on @p http as a well-behaved client does: a
     * 503 is tried again after its Retry-After (at most @p attempts times in all), so that a
     * server shedding load while thousands of users are set up does not end the run.
     */
    static void sendSetup(HttpPool &http, const HttpRequest &request, HttpClient::Callback callback,
                          int attempts = 30);
    /** Where RoomEntry objects of @p context's thread go for @p user. */
    RoomEntry::Endpoint endpoint(ThreadContext &context, int user);
    /** Where the setup's RoomEntry objects go: the setup node, claimed there too. */
    RoomEntry::Endpoint setupEndpoint(ThreadContext &context);

    /** A name unique to this run, so runs against one server do not meet. */
    QString roomName(const QString &what, int index) const;
    QByteArray userName(int user) const;
    /** The user's bearer token once signed in: read it on the user's thread. */
    const QByteArray &token(int user) const { return m_tokens[size_t(user)]; }

    /**
     * Signs up (or finds) and signs in users 0…@p count-1, each on its own thread, on the
     * setup node; with --claim-on next, then learns every node's WebSocket URL. Then runs
     * @p then on the main thread; a failure ends the run (setupFailed). Bare: no accounts.
     */
    void signInUsers(int count, std::function<void()> then);
    /**
     * Makes @p rooms exist and open with @p capacity and no one in them (a user enters and
     * leaves each); then @p then. Bare: nothing to do.
     */
    void openRooms(const QStringList &rooms, int capacity, std::function<void()> then);

    /** Counts one error of @p kind on @p context's thread. */
    void countError(ThreadContext &context, const QString &kind, qint64 n = 1);
    /** Counts errors the main thread found (lost deliveries, a wrong total). */
    void countError(const QString &kind, qint64 n = 1);
    qint64 errorTotal() const;

    /** The timed part starts now (server and generator CPU are measured over it). */
    void markTimedStart();
    void markTimedEnd();
    double timedSeconds() const;

    /** The RSS of every --server-pid, summed; nullopt when none was given or one is gone. */
    std::optional<qint64> serverRssKiB() const;
    /** What the progress line says the run is doing ("sign-in", "timed", "drain"). */
    void setStage(const QString &stage) { m_stage = stage; }

    /** Ends a run that cannot go on (exit 3). */
    void setupFailed(const QString &why);
    /**
     * Ends the run: the common fields are merged with @p result; the exit status is 1 when
     * errors were counted, else 0.
     */
    void finish(QJsonObject result);

    QElapsedTimer m_clock; ///< since start()

private:
    void tick();
    void hardTimeout();
    /** Reserves (and cancels) once on every node to learn its WebSocket URL; then @p then. */
    void learnWebSocketUrls(std::function<void()> then);
    double serverCpuSeconds() const;
    void emitResult(QJsonObject result, bool completed, const QString &why);
    QJsonObject errorsJson() const;

    BenchOptions m_options;
    QString m_runId;
    std::vector<QByteArray> m_tokens;
    std::vector<HttpPool *> m_pools; ///< per thread and node, touched on that thread only
    std::vector<QUrl> m_wsUrls; ///< per node (--claim-on next): its WebSocket URL, no query
    std::vector<HttpPool *> m_setupPools; ///< per thread, touched on that thread only
    struct alignas(64) ThreadErrors
    {
        std::atomic<qint64> total{0};
        QMutex mutex;
        QHash<QString, qint64> byKind; ///< under mutex
    };
    std::unique_ptr<ThreadErrors[]> m_errors;
    QHash<QString, qint64> m_mainErrors;
    std::atomic<int> m_setupDone{0};
    std::atomic<int> m_setupFailures{0};
    int m_setupTotal = 0;
    QString m_stage;
    QTimer m_progressTimer;
    QTimer m_hardTimer;
    bool m_done = false;
    qint64 m_timedStartMs = -1;
    qint64 m_timedEndMs = -1;
    double m_serverCpuStart = 0;
    double m_serverCpuEnd = 0;
    double m_selfCpuStart = 0;
    double m_selfCpuEnd = 0;
    QJsonArray m_loadStart;
    QString m_startedAt;
    std::optional<qint64> m_rssStart;
    bool m_progressTty = false;
    std::unique_ptr<WorkerThreads> m_threads; ///< last: its threads stop first
};

} // namespace roomgate::bench
