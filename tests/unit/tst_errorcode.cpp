// SPDX-License-Identifier: MIT
#include "shared/errorcode.h"
#include "shared/problem.h"

#include <QSet>
#include <QTest>
#include <QTranslator>

using namespace roomgate;

/** The shared code table: one entry per code, stable wire names, close codes. */
class TestErrorCode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tableIsCompleteAndUnique()
    {
        int count = 0;
        const ErrorInfo *table = errorTable(&count);
        QCOMPARE(count, 32);
        QSet<QString> names;
        for (int i = 0; i < count; ++i) {
            QCOMPARE(static_cast<int>(table[i].code), i);
            const QString name = QString::fromLatin1(table[i].wireName);
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QVERIFY(QByteArrayView(table[i].sentence).size() > 0);
        }
    }

    void contract_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("wire");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("close");
        QTest::addColumn<bool>("retryable");
        auto row = [](ErrorCode c, const char *wire, int status, int close, bool retry) {
            QTest::newRow(wire) << static_cast<int>(c) << QString::fromLatin1(wire) << status
                                << close << retry;
        };
        row(ErrorCode::BadRequest, "BAD_REQUEST", 400, 4400, false);
        row(ErrorCode::InvalidUsername, "INVALID_USERNAME", 400, 0, false);
        row(ErrorCode::WeakPassword, "WEAK_PASSWORD", 400, 0, false);
        row(ErrorCode::UsernameTaken, "USERNAME_TAKEN", 409, 0, false);
        row(ErrorCode::BadCredentials, "BAD_CREDENTIALS", 401, 0, false);
        row(ErrorCode::Unauthenticated, "UNAUTHENTICATED", 401, 0, false);
        row(ErrorCode::InvalidRoomName, "INVALID_ROOM_NAME", 400, 0, false);
        row(ErrorCode::InvalidCapacity, "INVALID_CAPACITY", 400, 0, false);
        row(ErrorCode::Forbidden, "FORBIDDEN", 403, 0, false);
        row(ErrorCode::RoomNotFound, "ROOM_NOT_FOUND", 404, 4404, false);
        row(ErrorCode::ReservationNotFound, "RESERVATION_NOT_FOUND", 404, 0, false);
        row(ErrorCode::NotFound, "NOT_FOUND", 404, 0, false);
        row(ErrorCode::MethodNotAllowed, "METHOD_NOT_ALLOWED", 405, 0, false);
        row(ErrorCode::RoomFull, "ROOM_FULL", 409, 0, true);
        row(ErrorCode::AlreadyInRoom, "ALREADY_IN_ROOM", 409, 0, false);
        row(ErrorCode::PayloadTooLarge, "PAYLOAD_TOO_LARGE", 413, 0, false);
        row(ErrorCode::RateLimited, "RATE_LIMITED", 429, 4429, true);
        row(ErrorCode::Unavailable, "UNAVAILABLE", 503, 1011, true);
        row(ErrorCode::Internal, "INTERNAL", 500, 1011, true);
        row(ErrorCode::TicketInvalid, "TICKET_INVALID", 400, 4401, true);
        row(ErrorCode::IdleTimeout, "IDLE_TIMEOUT", 408, 4000, true);
        row(ErrorCode::Kicked, "KICKED", 403, 4403, false);
        row(ErrorCode::TicketExpired, "TICKET_EXPIRED", 410, 4408, true);
        row(ErrorCode::TicketAlreadyUsed, "TICKET_ALREADY_USED", 409, 4409, true);
        row(ErrorCode::RoomClosed, "ROOM_CLOSED", 403, 4410, false);
        row(ErrorCode::MessageTooLarge, "MESSAGE_TOO_LARGE", 413, 4413, false);
        row(ErrorCode::ServerShutdown, "SERVER_SHUTDOWN", 503, 1001, true);
        row(ErrorCode::RoomExists, "ROOM_EXISTS", 409, 0, false);
        row(ErrorCode::CapacityInUse, "CAPACITY_IN_USE", 409, 0, false);
        row(ErrorCode::UserNotFound, "USER_NOT_FOUND", 404, 0, false);
        row(ErrorCode::SlowConsumer, "SLOW_CONSUMER", 503, 4509, true);
    }

    void contract()
    {
        QFETCH(int, code);
        QFETCH(QString, wire);
        QFETCH(int, status);
        QFETCH(int, close);
        QFETCH(bool, retryable);
        const auto c = static_cast<ErrorCode>(code);
        QCOMPARE(wireName(c), wire);
        QCOMPARE(errorInfo(c).httpStatus, status);
        QCOMPARE(errorInfo(c).closeCode, close);
        QCOMPARE(errorInfo(c).retryable, retryable);
        bool ok = false;
        QCOMPARE(errorCodeFromWireName(wire, &ok), c);
        QVERIFY(ok);
        if (close != 0 && close != 1011) {
            QCOMPARE(errorCodeFromCloseCode(close, &ok), c);
            QVERIFY(ok);
        }
    }

    void everySentenceIsTranslated()
    {
        // Both apps show these; the shared translation must cover every code.
        for (const char *language : {"ko", "en"}) {
            QTranslator translator;
            QVERIFY2(loadErrorSentences(translator, QString::fromLatin1(language)), language);
            int count = 0;
            const ErrorInfo *table = errorTable(&count);
            for (int i = 0; i < count; ++i) {
                const QString text = translator.translate("roomgate::ErrorText", table[i].sentence);
                QVERIFY2(!text.isEmpty(), table[i].wireName);
                if (QByteArrayView(language) == "ko")
                    QVERIFY2(text != QLatin1String(table[i].sentence), table[i].wireName);
            }
        }
    }

    void unknownNamesAreRecognisedAsSuch()
    {
        bool ok = true;
        QCOMPARE(errorCodeFromWireName(u"NO_SUCH_CODE", &ok), ErrorCode::Internal);
        QVERIFY(!ok);
        QCOMPARE(errorCodeFromCloseCode(4999, &ok), ErrorCode::Internal);
        QVERIFY(!ok);
    }

    void problemBodyAndFrame()
    {
        Problem p(ErrorCode::RoomFull, QStringLiteral("no seat"));
        p.room = QStringLiteral("lobby");
        p.retryAfterSeconds = 12;
        const QJsonObject body = p.toProblemJson();
        QCOMPARE(body.value(u"type").toString(), QStringLiteral("urn:roomgate:error:room-full"));
        QCOMPARE(body.value(u"title").toString(), QStringLiteral("Room is full"));
        QCOMPARE(body.value(u"status").toInt(), 409);
        QCOMPARE(body.value(u"code").toString(), QStringLiteral("ROOM_FULL"));
        QCOMPARE(body.value(u"detail").toString(), QStringLiteral("no seat"));
        QCOMPARE(body.value(u"room").toString(), QStringLiteral("lobby"));
        QCOMPARE(body.value(u"retryable").toBool(), true);
        QCOMPARE(body.value(u"retryAfterSeconds").toInt(), 12);

        const QJsonObject frame = Problem(ErrorCode::TicketExpired).toErrorFrame();
        QCOMPARE(frame.value(u"type").toString(), QStringLiteral("error"));
        QCOMPARE(frame.value(u"code").toString(), QStringLiteral("TICKET_EXPIRED"));
        QVERIFY(frame.value(u"message").isString());
        QCOMPARE(frame.value(u"retryable").toBool(), true);

        const Problem back = Problem::fromJson(body);
        QCOMPARE(back.code, ErrorCode::RoomFull);
        QCOMPARE(back.retryAfterSeconds, 12);
        QCOMPARE(back.room, QStringLiteral("lobby"));
    }

    void secondsRoundUp_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<int>("seconds");
        QTest::newRow("zero") << qint64(0) << 1;
        QTest::newRow("1ms") << qint64(1) << 1;
        QTest::newRow("1000ms") << qint64(1000) << 1;
        QTest::newRow("1001ms") << qint64(1001) << 2;
        QTest::newRow("29.5s") << qint64(29500) << 30;
    }
    void secondsRoundUp()
    {
        QFETCH(qint64, ms);
        QFETCH(int, seconds);
        QCOMPARE(Problem::secondsRoundedUp(ms), seconds);
    }
};

QTEST_GUILESS_MAIN(TestErrorCode)
#include "tst_errorcode.moc"
