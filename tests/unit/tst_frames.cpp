// SPDX-License-Identifier: MIT
#include "shared/frames.h"
#include "shared/wiretime.h"

#include <QJsonDocument>
#include <QTest>

using namespace roomgate;

/**
 * The one WebSocket frame codec of server and client: each frame round-trips, the bytes
 * are what the contract shows, and malformed frames are told apart from unknown ones.
 */
class TestFrames : public QObject
{
    Q_OBJECT

    static ChatMessage sampleMessage()
    {
        ChatMessage m;
        m.id = 42;
        m.room = QStringLiteral("로비");
        m.from = QStringLiteral("alice");
        m.text = QStringLiteral("hello \"world\" 😀");
        m.clientId = QStringLiteral("c-1");
        m.sentAtMs = 1'764'000'000'123;
        return m;
    }

private Q_SLOTS:
    void messageFrameHasTheContractShape()
    {
        const QJsonObject json = QJsonDocument::fromJson(Frames::encode(sampleMessage())).object();
        QCOMPARE(json.value(u"type").toString(), QStringLiteral("message"));
        QCOMPARE(json.value(u"id").toInteger(), 42);
        QCOMPARE(json.value(u"room").toString(), QStringLiteral("로비"));
        QCOMPARE(json.value(u"from").toString(), QStringLiteral("alice"));
        QCOMPARE(json.value(u"sentAt").toString(), QStringLiteral("2025-11-24T16:00:00.123Z"));
        QCOMPARE(json.value(u"clientId").toString(), QStringLiteral("c-1"));
        ChatMessage noId = sampleMessage();
        noId.clientId.clear();
        QVERIFY(!QJsonDocument::fromJson(Frames::encode(noId)).object().contains(u"clientId"));
    }

    void messageFrameIsTheJsonOfItsObject_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("clientId");
        QString controls;
        for (char16_t u = 0; u < 0x20; ++u)
            controls.append(QChar(u));
        QTest::newRow("plain") << QStringLiteral("hello, lobby") << QStringLiteral("c-1");
        QTest::newRow("no client id") << QStringLiteral("hi") << QString();
        QTest::newRow("quotes and backslashes")
            << QStringLiteral("say \"\\\" and \\n, '/' and </script>") << QStringLiteral("a\"b\\c");
        QTest::newRow("every control character") << controls + QChar(0x7f) << QStringLiteral("c");
        QTest::newRow("korean, emoji, separators")
            << QStringLiteral("안녕 😀 \u2028\u2029 \uFEFF é") << QStringLiteral("한-1");
        QTest::newRow("a lone surrogate")
            << QString(QChar(0xD800)) + QStringLiteral("x") << QStringLiteral("c");
        QTest::newRow("empty text") << QString() << QStringLiteral("c");
    }

    void messageFrameIsTheJsonOfItsObject()
    {
        // encode() writes the message frame straight; it must be what the QJsonObject of
        // toJson() would give, byte for byte.
        QFETCH(QString, text);
        QFETCH(QString, clientId);
        ChatMessage m = sampleMessage();
        m.text = text;
        m.clientId = clientId;
        m.room = QStringLiteral("로비 \"1\"");
        m.id = 9'007'199'254'740'993; // past 2^53: still written as the integer it is
        const QByteArray encoded = Frames::encode(m);
        QCOMPARE(encoded, QJsonDocument(m.toJson()).toJson(QJsonDocument::Compact));
        QJsonParseError error;
        const QJsonDocument parsed = QJsonDocument::fromJson(encoded, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        ChatMessage back;
        QVERIFY(ChatMessage::fromJson(parsed.object(), &back));
        QCOMPARE(back.id, m.id);
        QCOMPARE(back.room, m.room);
    }

    void serverFramesRoundTrip()
    {
        Frames::Joined joined;
        joined.room = RoomInfo{QStringLiteral("lobby"), 16, 2, 1, RoomState::Open};
        joined.you = QStringLiteral("bob");
        joined.members = {QStringLiteral("alice"), QStringLiteral("bob")};
        joined.history = {sampleMessage()};
        auto decoded = Frames::decodeServerFrame(Frames::encode(joined));
        QVERIFY(decoded);
        const auto *j = std::get_if<Frames::Joined>(&*decoded);
        QVERIFY(j);
        QCOMPARE(j->room, joined.room);
        QCOMPARE(j->you, joined.you);
        QCOMPARE(j->members, joined.members);
        QCOMPARE(j->history, joined.history);

        decoded = Frames::decodeServerFrame(Frames::encode(sampleMessage()));
        QVERIFY(decoded && std::holds_alternative<ChatMessage>(*decoded));
        QCOMPARE(std::get<ChatMessage>(*decoded), sampleMessage());

        decoded = Frames::decodeServerFrame(
            Frames::encode(Frames::Presence{Frames::Presence::Event::Left, QStringLiteral("x")}));
        QVERIFY(decoded);
        const auto *p = std::get_if<Frames::Presence>(&*decoded);
        QVERIFY(p);
        QCOMPARE(p->event, Frames::Presence::Event::Left);
        QCOMPARE(p->user, QStringLiteral("x"));

        Problem full(ErrorCode::RateLimited, QStringLiteral("slow down"));
        full.retryAfterSeconds = 3;
        full.room = QStringLiteral("lobby");
        decoded = Frames::decodeServerFrame(Frames::encode(full));
        QVERIFY(decoded);
        const auto *e = std::get_if<Problem>(&*decoded);
        QVERIFY(e);
        QCOMPARE(e->code, ErrorCode::RateLimited);
        QCOMPARE(e->retryAfterSeconds, 3);
        QCOMPARE(e->detail, QStringLiteral("slow down"));
        QCOMPARE(e->room, QStringLiteral("lobby"));
    }

    void clientFramesRoundTrip()
    {
        auto decoded = Frames::decodeClientFrame(
            Frames::encode(Frames::Chat{QStringLiteral("hi"), QStringLiteral("id-1")}));
        QVERIFY(decoded);
        const auto *chat = std::get_if<Frames::Chat>(&*decoded);
        QVERIFY(chat);
        QCOMPARE(chat->text, QStringLiteral("hi"));
        QCOMPARE(chat->clientId, std::optional<QString>(QStringLiteral("id-1")));
        decoded = Frames::decodeClientFrame(Frames::encode(Frames::Chat{QStringLiteral("x"), {}}));
        QVERIFY(decoded && !std::get<Frames::Chat>(*decoded).clientId);
        decoded = Frames::decodeClientFrame(Frames::encode(Frames::Leave{}));
        QVERIFY(decoded && std::holds_alternative<Frames::Leave>(*decoded));
    }

    void malformedClientFrames_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::newRow("not json") << QByteArray("hello");
        QTest::newRow("array") << QByteArray("[1]");
        QTest::newRow("no type") << QByteArray(R"({"text":"x"})");
        QTest::newRow("numeric type") << QByteArray(R"({"type":1})");
        QTest::newRow("unknown type") << QByteArray(R"({"type":"dance"})");
        QTest::newRow("server type") << QByteArray(R"({"type":"joined"})");
        QTest::newRow("no text") << QByteArray(R"({"type":"message"})");
        QTest::newRow("text number") << QByteArray(R"({"type":"message","text":5})");
        QTest::newRow("text null") << QByteArray(R"({"type":"message","text":null})");
        QTest::newRow("clientId number")
            << QByteArray(R"({"type":"message","text":"a","clientId":1})");
    }

    void malformedClientFrames()
    {
        QFETCH(QByteArray, frame);
        QString why;
        QVERIFY(!Frames::decodeClientFrame(frame, &why));
        QVERIFY(!why.isEmpty());
    }

    void contentIsNotTheCodecsBusiness()
    {
        // Empty text and an empty clientId are well-formed frames: the chat rules refuse
        // them with an error frame while the connection stays open.
        const auto decoded
            = Frames::decodeClientFrame(R"({"type":"message","text":"","clientId":""})");
        QVERIFY(decoded);
        QCOMPARE(std::get<Frames::Chat>(*decoded).clientId, std::optional<QString>(QString()));
    }

    void unknownServerFramesAreRefused()
    {
        QString why;
        QVERIFY(!Frames::decodeServerFrame(R"({"type":"typing","user":"a"})", &why));
        QVERIFY(why.contains(u"unknown"));
        QVERIFY(!Frames::decodeServerFrame(R"({"type":"message","id":"7"})"));
        QVERIFY(!Frames::decodeServerFrame(R"({"type":"presence","event":"waved","user":"a"})"));
        QVERIFY(!Frames::decodeServerFrame(R"({"type":"joined","room":{"name":"r"}})"));
    }

    void roomStatesHaveWireNames()
    {
        for (RoomState s : {RoomState::Pending, RoomState::Open, RoomState::Closed})
            QCOMPARE(roomStateFromName(roomStateName(s)), s);
        QCOMPARE(roomStateFromName(u"archived"), RoomState::Unknown);
        QVERIFY(roomStateName(RoomState::Unknown).isEmpty());
    }

    void wireTimeRoundTrips()
    {
        QCOMPARE(WireTime::parse(WireTime::format(1'764'000'000'123)), 1'764'000'000'123);
        QVERIFY(!WireTime::parse(QStringLiteral("yesterday")));
    }
};

QTEST_GUILESS_MAIN(TestFrames)
#include "tst_frames.moc"
