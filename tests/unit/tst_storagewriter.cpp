// SPDX-License-Identifier: MIT
#include "server/storage/database.h"
#include "server/storage/storagewriter.h"
#include "shared/clock.h"
#include "tests/common/testpostgres.h"

#include <QMutex>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace roomgate;
using namespace roomgate::server;
using roomgate::test::TestPostgres;

/**
 * The storage writer's group commit on a real SQLite file and a real PostgreSQL database
 * (every test runs on both): decisions waiting are run in
 * one transaction, each under its own savepoint (a refusal undoes itself only), answered
 * on the caller's thread after the commit, with their after-commit actions in order; a
 * failed commit answers every decision of the group with the failure; a full queue
 * answers at once, endings excepted.
 */
class TestStorageWriter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_file = 0;
    static constexpr int kBusyTimeoutMs = 1000;

    static bool onPostgres()
    {
        QFETCH_GLOBAL(QString, backend);
        return backend == QLatin1String("postgresql");
    }

    std::unique_ptr<StorageWriter> open(StorageWriter::Limits limits = {})
    {
        auto writer = std::make_unique<StorageWriter>(limits);
        const QString url = onPostgres() ? TestPostgres::shared().newDatabase()
                                         : m_dir.filePath(QStringLiteral("w%1.db").arg(++m_file));
        if (url.isEmpty() || !writer->open(url, kBusyTimeoutMs)) {
            qWarning() << "cannot open" << url << writer->errorString()
                       << TestPostgres::shared().error();
            return nullptr;
        }
        m_path = url;
        return writer;
    }

    /** Another session that holds the write lock of @p url's rooms until it is destroyed. */
    struct Locker
    {
        explicit Locker(const QString &url)
        {
            const QUrl parsed(url);
            const bool postgres = parsed.scheme() == QLatin1String("postgresql");
            db = QSqlDatabase::addDatabase(postgres ? QStringLiteral("QPSQL")
                                                    : QStringLiteral("QSQLITE"),
                                           QStringLiteral("lock"));
            if (postgres) {
                db.setHostName(parsed.host());
                db.setPort(parsed.port());
                db.setUserName(parsed.userName());
                db.setDatabaseName(parsed.path().mid(1));
            } else {
                db.setDatabaseName(url);
            }
            QSqlQuery lock(db);
            locked = db.open()
                && lock.exec(postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"))
                && (!postgres
                    || lock.exec(QStringLiteral("LOCK TABLE rooms IN ACCESS EXCLUSIVE MODE")));
        }
        ~Locker()
        {
            {
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
                db.close();
                db = QSqlDatabase();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("lock"));
        }
        QSqlDatabase db;
        bool locked = false;
    };

    /** Rows of @p room's name in rooms, read through a separate connection. */
    int rooms(const QString &name)
    {
        Database reader;
        if (!reader.open(m_path, Database::Role::Reader))
            return -1;
        QSqlQuery &q = reader.prepared(QStringLiteral("SELECT COUNT(*) FROM rooms WHERE name = ?"));
        q.addBindValue(name);
        if (!reader.exec(q) || !q.next())
            return -1;
        const int n = q.value(0).toInt();
        q.finish();
        return n;
    }

    static Outcome<int> insertRoom(Database &db, const QString &name)
    {
        QSqlQuery &q = db.prepared(QStringLiteral(
            "INSERT INTO rooms (name, name_key, capacity, state, created_at, last_activity) "
            "VALUES (?, ?, 1, 'open', 0, 0)"));
        q.addBindValue(name);
        q.addBindValue(name);
        return {db.exec(q) ? ErrorCode::Ok : db.failureCode(), 1};
    }

    QString m_path;

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }
    void initTestCase()
    {
        QVERIFY2(TestPostgres::shared().isRunning(), qPrintable(TestPostgres::shared().error()));
    }

    void refusalUndoesItselfOnly()
    {
        auto writer = open();
        QVERIFY(writer);
        QList<ErrorCode> answers;
        // Three decisions in one group: the middle one writes, then refuses.
        writer->submit<int>(
            [](StorageWriter::Scope &s) { return insertRoom(s.db(), QStringLiteral("a")); },
            [&](Outcome<int> o) { answers.append(o.code); });
        writer->submit<int>(
            [](StorageWriter::Scope &s) {
                insertRoom(s.db(), QStringLiteral("b"));
                return Outcome<int>::failure(ErrorCode::RoomFull);
            },
            [&](Outcome<int> o) { answers.append(o.code); });
        writer->submit<int>(
            [](StorageWriter::Scope &s) { return insertRoom(s.db(), QStringLiteral("c")); },
            [&](Outcome<int> o) { answers.append(o.code); });
        QTRY_COMPARE(answers.size(), 3);
        QCOMPARE(answers, (QList<ErrorCode>{ErrorCode::Ok, ErrorCode::RoomFull, ErrorCode::Ok}));
        QCOMPARE(rooms(QStringLiteral("a")), 1);
        QCOMPARE(rooms(QStringLiteral("b")), 0);
        QCOMPARE(rooms(QStringLiteral("c")), 1);
        // A failing statement (duplicate key) is a refusal like any other.
        std::optional<ErrorCode> duplicate;
        writer->submit<int>(
            [](StorageWriter::Scope &s) { return insertRoom(s.db(), QStringLiteral("a")); },
            [&](Outcome<int> o) { duplicate = o.code; });
        QTRY_VERIFY(duplicate.has_value());
        QCOMPARE(*duplicate, ErrorCode::Internal);
        QCOMPARE(rooms(QStringLiteral("a")), 1);
    }

    void answersComeAfterTheCommitOnTheCallersThread()
    {
        auto writer = open();
        QVERIFY(writer);
        QThread *caller = QThread::currentThread();
        QThread *decidedOn = nullptr;
        QThread *answeredOn = nullptr;
        QStringList order;
        int seenByAnswer = -1;
        writer->submit<int>(
            [&](StorageWriter::Scope &s) {
                decidedOn = QThread::currentThread();
                s.afterCommit([&] { order.append(QStringLiteral("first action")); });
                return insertRoom(s.db(), QStringLiteral("durable"));
            },
            [&](Outcome<int>) {
                answeredOn = QThread::currentThread();
                seenByAnswer = rooms(QStringLiteral("durable"));
                order.append(QStringLiteral("answer"));
            });
        writer->submit<int>(
            [&](StorageWriter::Scope &s) {
                s.afterCommit([&] { order.append(QStringLiteral("second action")); });
                return Outcome<int>{ErrorCode::Ok, 0};
            },
            [](Outcome<int>) {});
        QTRY_VERIFY(answeredOn);
        QVERIFY(decidedOn != caller);
        QCOMPARE(answeredOn, caller);
        // Committed before it was answered: another connection sees it.
        QCOMPARE(seenByAnswer, 1);
        writer->drain();
        QTRY_COMPARE(order.size(), 3);
        QCOMPARE(order.first(), QStringLiteral("first action"));
    }

    void refusedDecisionRunsNoAction()
    {
        auto writer = open();
        QVERIFY(writer);
        bool acted = false;
        bool answered = false;
        writer->submit<int>(
            [&](StorageWriter::Scope &s) {
                s.afterCommit([&] { acted = true; });
                return Outcome<int>::failure(ErrorCode::Forbidden);
            },
            [&](Outcome<int>) { answered = true; });
        QTRY_VERIFY(answered);
        writer->drain();
        QVERIFY(!acted);
    }

    void failedCommitAnswersTheWholeGroup()
    {
        auto writer = open();
        QVERIFY(writer);
        // Another session holds the write lock: the group cannot write within the busy
        // timeout and every decision of it is answered UNAVAILABLE, none acted on.
        auto locker = std::make_unique<Locker>(m_path);
        QVERIFY(locker->locked);
        QList<ErrorCode> answers;
        bool acted = false;
        for (int i = 0; i < 3; ++i) {
            writer->submit<int>(
                [&, i](StorageWriter::Scope &s) {
                    s.afterCommit([&] { acted = true; });
                    return insertRoom(s.db(), QStringLiteral("x%1").arg(i));
                },
                [&](Outcome<int> o) { answers.append(o.code); });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 3, 15000);
        QCOMPARE(answers, (QList<ErrorCode>(3, ErrorCode::Unavailable)));
        QVERIFY(!acted);
        locker.reset();
        // Storage answers again: so does the writer.
        std::optional<ErrorCode> after;
        writer->submit<int>(
            [](StorageWriter::Scope &s) { return insertRoom(s.db(), QStringLiteral("y")); },
            [&](Outcome<int> o) { after = o.code; });
        QTRY_VERIFY(after.has_value());
        QCOMPARE(*after, ErrorCode::Ok);
    }

    /** Holds the writer's thread in a decision until @p release is released (the queue fills). */
    static bool holdWriter(StorageWriter &writer, QSemaphore &release)
    {
        auto entered = std::make_shared<QSemaphore>();
        writer.submit<int>(
            [entered, &release](StorageWriter::Scope &) {
                entered->release();
                release.acquire();
                return Outcome<int>{ErrorCode::Ok, 0};
            },
            [](Outcome<int>) {});
        return entered->tryAcquire(1, 5000);
    }

    void fullQueueRefusesAtOnceButTakesEndings()
    {
        auto writer = open(StorageWriter::Limits{2, 1024});
        QVERIFY(writer);
        QSemaphore release;
        QVERIFY(holdWriter(*writer, release));
        QList<ErrorCode> answers;
        for (int i = 0; i < 4; ++i) {
            writer->submit<int>(
                [](StorageWriter::Scope &) {
                    return Outcome<int>{ErrorCode::Ok, 0};
                },
                [&](Outcome<int> o) { answers.append(o.code); });
        }
        bool ended = false;
        writer->submit<int>(
            [](StorageWriter::Scope &) {
                return Outcome<int>{ErrorCode::Ok, 0};
            },
            [&](Outcome<int> o) { ended = o.ok(); }, StorageWriter::Priority::Ending);
        // Two over the limit are refused at once, while the writer is still busy.
        QTRY_COMPARE(answers.count(ErrorCode::Unavailable), 2);
        release.release();
        QTRY_COMPARE(answers.size(), 4);
        QCOMPARE(answers.count(ErrorCode::Ok), 2);
        QTRY_VERIFY(ended);
    }

    void aQueueThatWaitedTooLongRefusesAtOnceButTakesEndings()
    {
        ManualClock clock;
        StorageWriter::Limits limits;
        limits.maxWaitMs = 1000;
        limits.clock = &clock;
        auto writer = open(limits);
        QVERIFY(writer);
        QSemaphore release;
        QVERIFY(holdWriter(*writer, release));
        QList<ErrorCode> answers;
        const auto submit = [&](StorageWriter::Priority priority) {
            writer->submit<int>(
                [](StorageWriter::Scope &) {
                    return Outcome<int>{ErrorCode::Ok, 0};
                },
                [&](Outcome<int> o) { answers.append(o.code); }, priority);
        };
        submit(StorageWriter::Priority::Normal); // the oldest waiting from now on
        clock.advance(1000);
        submit(StorageWriter::Priority::Normal); // waited exactly the limit: still taken
        clock.advance(1);
        submit(StorageWriter::Priority::Normal); // behind one that waited too long
        QTRY_COMPARE(answers, (QList<ErrorCode>{ErrorCode::Unavailable}));
        submit(StorageWriter::Priority::Ending);
        submit(StorageWriter::Priority::Urgent);
        // An urgent decision ahead does not make the queue look young again.
        submit(StorageWriter::Priority::Normal);
        QTRY_COMPARE(answers.size(), 2);
        QCOMPARE(answers.at(1), ErrorCode::Unavailable);
        release.release();
        QTRY_COMPARE(answers.size(), 6);
        QCOMPARE(answers.count(ErrorCode::Ok), 4);
        // Once the queue is worked off, a new decision is taken again.
        std::optional<ErrorCode> later;
        writer->submit<int>(
            [](StorageWriter::Scope &) {
                return Outcome<int>{ErrorCode::Ok, 0};
            },
            [&](Outcome<int> o) { later = o.code; });
        QTRY_VERIFY(later.has_value());
        QCOMPARE(*later, ErrorCode::Ok);
    }

    void urgentDecisionsGoFirstAndAreNeverRefused()
    {
        auto writer = open(StorageWriter::Limits{2, 1024});
        QVERIFY(writer);
        QSemaphore release;
        QVERIFY(holdWriter(*writer, release));
        // The queue is full, and stays so: the urgent one neither waits behind it nor is refused.
        QList<int> ran; // in the writer's order
        QMutex mutex;
        const auto decision = [&](int n) {
            return [&, n](StorageWriter::Scope &) {
                QMutexLocker lock(&mutex);
                ran.append(n);
                return Outcome<int>{ErrorCode::Ok, n};
            };
        };
        QList<ErrorCode> normal;
        for (int i = 1; i <= 2; ++i)
            writer->submit<int>(decision(i), [&](Outcome<int> o) { normal.append(o.code); });
        std::optional<ErrorCode> urgent;
        writer->submit<int>(
            decision(0), [&](Outcome<int> o) { urgent = o.code; }, StorageWriter::Priority::Urgent);
        release.release();
        QTRY_VERIFY(urgent.has_value());
        QCOMPARE(*urgent, ErrorCode::Ok);
        QTRY_COMPARE(normal.size(), 2);
        QMutexLocker lock(&mutex);
        QCOMPARE(ran, (QList<int>{0, 1, 2}));
    }

    void callBlocksUntilCommitted()
    {
        auto writer = open();
        QVERIFY(writer);
        const auto outcome = writer->call<int>(
            [](StorageWriter::Scope &s) { return insertRoom(s.db(), QStringLiteral("cli")); });
        QVERIFY(outcome.ok());
        QCOMPARE(rooms(QStringLiteral("cli")), 1);
    }
};

QTEST_GUILESS_MAIN(TestStorageWriter)
#include "tst_storagewriter.moc"
