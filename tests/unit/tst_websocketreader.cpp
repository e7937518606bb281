// SPDX-License-Identifier: MIT
// The reader of client frames: every message kind, fragments with control frames between
// them, each failure with its close code, every way of splitting a stream, the size limit
// told from the header, nothing held between messages, and the frames of a real QWebSocket
// client.
#include "server/realtime/websockethandshake.h"
#include "server/realtime/websocketreader.h"
#include "tests/common/utf8reference.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <memory>

using roomgate::server::parseWebSocketUpgrade;
using roomgate::server::WebSocketReader;
using roomgate::server::WebSocketUpgrade;
using roomgate::server::webSocketUpgradeAnswer;
using Kind = WebSocketReader::Message::Kind;

namespace {

constexpr qsizetype kLimit = 100000;

/** Mask keys that change from frame to frame, the same in every run. */
QRandomGenerator &maskKeys()
{
    static QRandomGenerator generator(6455);
    return generator;
}

enum class LengthForm { Smallest, TwoBytes, EightBytes };

/** A client frame: @p firstByte (FIN, RSV, opcode), @p payload masked unless told not to. */
QByteArray frame(quint8 firstByte, QByteArrayView payload, bool masked = true,
                 LengthForm form = LengthForm::Smallest)
{
    const auto size = static_cast<quint64>(payload.size());
    const quint8 maskBit = masked ? 0x80 : 0x00;
    QByteArray bytes;
    bytes.append(static_cast<char>(firstByte));
    if (form == LengthForm::Smallest && size <= 125) {
        bytes.append(static_cast<char>(maskBit | size));
    } else if (form != LengthForm::EightBytes && size <= 0xffff) {
        bytes.append(static_cast<char>(maskBit | 126));
        bytes.append(static_cast<char>(size >> 8));
        bytes.append(static_cast<char>(size & 0xff));
    } else {
        bytes.append(static_cast<char>(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            bytes.append(static_cast<char>((size >> shift) & 0xff));
    }
    if (!masked)
        return bytes + payload.toByteArray();
    const quint32 key = maskKeys().generate();
    char keyBytes[4];
    for (int i = 0; i < 4; ++i)
        keyBytes[i] = static_cast<char>(key >> (8 * i));
    bytes.append(keyBytes, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        bytes.append(static_cast<char>(payload[i] ^ keyBytes[i % 4]));
    return bytes;
}

/** A masked header that announces @p length bytes (8-byte form), without the payload. */
QByteArray header8(quint8 firstByte, quint64 length)
{
    QByteArray bytes;
    bytes.append(static_cast<char>(firstByte));
    bytes.append(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8)
        bytes.append(static_cast<char>((length >> shift) & 0xff));
    return bytes + QByteArray("\x11\x22\x33\x44", 4);
}

QByteArray closeBody(quint16 code, QByteArrayView reason = {})
{
    QByteArray body;
    body.append(static_cast<char>(code >> 8));
    body.append(static_cast<char>(code & 0xff));
    return body + reason.toByteArray();
}

/** @p pieces one after the other. */
QByteArray cat(std::initializer_list<QByteArray> pieces)
{
    QByteArray all;
    for (const QByteArray &piece : pieces)
        all += piece;
    return all;
}

QByteArray text(QByteArrayView utf8)
{
    return frame(0x81, utf8);
}

/** @p n bytes: every byte value in turn. */
QByteArray binaryOf(qsizetype n)
{
    QByteArray bytes(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        bytes[i] = static_cast<char>(i * 7 + 3);
    return bytes;
}

/** @p n bytes of UTF-8: Korean and four-byte characters, then ASCII to the exact size. */
QByteArray utf8Of(qsizetype n)
{
    QByteArray utf8;
    while (utf8.size() + 7 <= n)
        utf8 += "\xea\xb0\x80\xf0\x9f\x98\x80"; // 가😀
    return utf8 + QByteArray(n - utf8.size(), 'x');
}

/** Messages in a form QCOMPARE shows: "Kind code payload-as-hex". */
QByteArrayList described(const QList<WebSocketReader::Message> &messages)
{
    QByteArrayList lines;
    for (const auto &message : messages) {
        static const char *const names[]{"text", "binary", "ping", "pong", "close"};
        QByteArray line = names[static_cast<int>(message.kind)];
        if (message.kind == Kind::Close)
            line += ' ' + QByteArray::number(message.closeCode);
        lines.append(line + ' ' + message.payload.toHex());
    }
    return lines;
}

QByteArray msg(const char *kind, QByteArrayView payload, int closeCode = -1)
{
    QByteArray line = kind;
    if (closeCode >= 0)
        line += ' ' + QByteArray::number(closeCode);
    return line + ' ' + payload.toByteArray().toHex();
}

struct Result
{
    QByteArrayList messages;
    std::optional<WebSocketReader::Failure> failure;
    bool closed = false;
    qsizetype buffered = 0;
};

/** Feeds @p stream cut at @p cuts (ascending positions) to a fresh reader. */
Result readInPieces(QByteArrayView stream, const QList<qsizetype> &cuts, qsizetype limit = kLimit)
{
    WebSocketReader reader(limit);
    QList<WebSocketReader::Message> out;
    Result result;
    qsizetype from = 0;
    for (qsizetype i = 0; i <= cuts.size(); ++i) {
        const qsizetype to = i < cuts.size() ? cuts.at(i) : stream.size();
        const auto failure = reader.feed(stream.sliced(from, to - from), out);
        if (failure && !result.failure)
            result.failure = failure;
        from = to;
    }
    result.messages = described(out);
    result.closed = reader.closed();
    result.buffered = reader.bufferedBytes();
    return result;
}

/** Every way of cutting @p size bytes worth trying: one byte at a time, every two pieces. */
QList<QList<qsizetype>> splits(qsizetype size)
{
    QList<QList<qsizetype>> all;
    QList<qsizetype> bytewise;
    for (qsizetype at = 1; at < size; ++at)
        bytewise.append(at);
    all.append(bytewise);
    // Every two-piece split; past 20 000 bytes, every cut near the ends and every 61st
    // between them, so that the big rows stay quick.
    for (qsizetype at = 0; at <= size; ++at) {
        if (size > 20000 && at > 300 && at < size - 300 && at % 61 != 0)
            continue;
        all.append(QList<qsizetype>{at});
    }
    return all;
}

QString describedCuts(const QList<qsizetype> &cuts)
{
    if (cuts.size() > 1)
        return QStringLiteral("one byte at a time");
    return QStringLiteral("cut at %1").arg(cuts.value(0));
}

} // namespace

class TestWebSocketReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messages_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QByteArrayList>("expected");
        QTest::addColumn<bool>("closes");
        const QByteArray korean("\xec\x95\x88\xeb\x85\x95 \xed\x95\x98\xec\x84\xb8\xec\x9a\x94");

        QTest::newRow("empty text") << text("") << QByteArrayList{msg("text", "")} << false;
        QTest::newRow("text") << text("hello") << QByteArrayList{msg("text", "hello")} << false;
        QTest::newRow("korean text")
            << text(korean) << QByteArrayList{msg("text", korean)} << false;
        for (const qsizetype size : {125, 126, 65535, 65536}) {
            QTest::addRow("text of %lld bytes", static_cast<long long>(size))
                << text(utf8Of(size)) << QByteArrayList{msg("text", utf8Of(size))} << false;
        }
        QTest::newRow("text exactly at the limit")
            << text(utf8Of(kLimit)) << QByteArrayList{msg("text", utf8Of(kLimit))} << false;
        QTest::newRow("text, length in 8 bytes") << frame(0x81, "abc", true, LengthForm::EightBytes)
                                                 << QByteArrayList{msg("text", "abc")} << false;
        QTest::newRow("text, length in 2 bytes") << frame(0x81, "abc", true, LengthForm::TwoBytes)
                                                 << QByteArrayList{msg("text", "abc")} << false;
        QTest::newRow("binary") << frame(0x82, binaryOf(256))
                                << QByteArrayList{msg("binary", binaryOf(256))} << false;
        QTest::newRow("empty binary")
            << frame(0x82, "") << QByteArrayList{msg("binary", "")} << false;
        QTest::newRow("binary of 70000 bytes")
            << frame(0x82, binaryOf(70000)) << QByteArrayList{msg("binary", binaryOf(70000))}
            << false;
        QTest::newRow("binary, not UTF-8")
            << frame(0x82, "\xff\xfe\xc0") << QByteArrayList{msg("binary", "\xff\xfe\xc0")}
            << false;
        QTest::newRow("ping") << frame(0x89, "") << QByteArrayList{msg("ping", "")} << false;
        QTest::newRow("ping of 125 bytes")
            << frame(0x89, binaryOf(125)) << QByteArrayList{msg("ping", binaryOf(125))} << false;
        QTest::newRow("pong") << frame(0x8a, "abc") << QByteArrayList{msg("pong", "abc")} << false;
        QTest::newRow("close without a body")
            << frame(0x88, "") << QByteArrayList{msg("close", "", 1005)} << true;
        QTest::newRow("close 1000")
            << frame(0x88, closeBody(1000)) << QByteArrayList{msg("close", "", 1000)} << true;
        for (const int code : {1001, 1002, 1003, 1007, 1011, 1014, 3000, 4000, 4999}) {
            QTest::addRow("close %d with a reason", code)
                << frame(0x88, closeBody(quint16(code), korean))
                << QByteArrayList{msg("close", korean, code)} << true;
        }
        QTest::newRow("close with a reason of 123 bytes")
            << frame(0x88, closeBody(1000, utf8Of(123)))
            << QByteArrayList{msg("close", utf8Of(123), 1000)} << true;

        // A text message in three fragments, a character cut across two of them, with a ping
        // between them; the reader gives the ping first, then the whole text.
        const QByteArray whole = "ab" + korean + "cd";
        QTest::newRow("fragmented text, ping between")
            << cat({frame(0x01, whole.first(4)), frame(0x89, "p"), frame(0x00, whole.sliced(4, 6)),
                    frame(0x80, whole.sliced(10))})
            << QByteArrayList{msg("ping", "p"), msg("text", whole)} << false;
        QTest::newRow("fragmented binary, pong and ping between")
            << cat({frame(0x02, binaryOf(300)), frame(0x8a, "q"), frame(0x00, binaryOf(5)),
                    frame(0x89, ""), frame(0x80, binaryOf(1))})
            << QByteArrayList{msg("pong", "q"), msg("ping", ""),
                              msg("binary", cat({binaryOf(300), binaryOf(5), binaryOf(1)}))}
            << false;
        QTest::newRow("fragments all empty")
            << cat({frame(0x01, ""), frame(0x00, ""), frame(0x80, "")})
            << QByteArrayList{msg("text", "")} << false;
        QTest::newRow("fragments exactly at the limit")
            << cat({frame(0x01, utf8Of(kLimit - 10)), frame(0x80, utf8Of(10))})
            << QByteArrayList{msg("text", cat({utf8Of(kLimit - 10), utf8Of(10)}))} << false;
        QTest::newRow("several messages")
            << cat({text("one"), frame(0x82, "two"), frame(0x89, "3"), text(korean),
                    frame(0x01, "fi"), frame(0x80, "ve")})
            << QByteArrayList{msg("text", "one"), msg("binary", "two"), msg("ping", "3"),
                              msg("text", korean), msg("text", "five")}
            << false;
        // After the close frame nothing is read: not even a broken frame.
        QTest::newRow("nothing after close")
            << cat({text("a"), frame(0x88, closeBody(1000, "bye")), text("b"),
                    frame(0x81, "c", false), "\xff\xff\xff"})
            << QByteArrayList{msg("text", "a"), msg("close", "bye", 1000)} << true;
        QTest::newRow("close inside a fragmented message")
            << cat({frame(0x01, "half"), frame(0x88, closeBody(1001))})
            << QByteArrayList{msg("close", "", 1001)} << true;
    }

    void messages()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QByteArrayList, expected);
        QFETCH(bool, closes);

        const Result whole = readInPieces(stream, {});
        QVERIFY(!whole.failure);
        QCOMPARE(whole.messages, expected);
        QCOMPARE(whole.closed, closes);
        QCOMPARE(whole.buffered, 0);

        for (const QList<qsizetype> &cuts : splits(stream.size())) {
            const Result pieces = readInPieces(stream, cuts);
            if (pieces.failure || pieces.messages != expected || pieces.closed != closes
                || pieces.buffered != 0) {
                QFAIL(qPrintable(QStringLiteral("differs when %1").arg(describedCuts(cuts))));
            }
        }
    }

    void failures_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("closeCode");
        QTest::addColumn<QByteArrayList>("before");

        QTest::newRow("not masked") << frame(0x81, "hi", false) << 1002 << QByteArrayList{};
        QTest::newRow("control frame not masked")
            << frame(0x89, "", false) << 1002 << QByteArrayList{};
        QTest::newRow("RSV1") << frame(0xc1, "hi") << 1002 << QByteArrayList{};
        QTest::newRow("RSV2") << frame(0xa1, "hi") << 1002 << QByteArrayList{};
        QTest::newRow("RSV3") << frame(0x91, "hi") << 1002 << QByteArrayList{};
        QTest::newRow("RSV1 on a continuation")
            << cat({frame(0x01, "a"), frame(0xc0, "b")}) << 1002 << QByteArrayList{};
        for (const int opcode : {3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf}) {
            QTest::addRow("opcode %d", opcode)
                << frame(quint8(0x80 | opcode), "x") << 1002 << QByteArrayList{};
        }
        QTest::newRow("ping not final") << frame(0x09, "p") << 1002 << QByteArrayList{};
        QTest::newRow("pong not final") << frame(0x0a, "p") << 1002 << QByteArrayList{};
        QTest::newRow("close not final")
            << frame(0x08, closeBody(1000)) << 1002 << QByteArrayList{};
        QTest::newRow("ping of 126 bytes")
            << frame(0x89, binaryOf(126)) << 1002 << QByteArrayList{};
        QTest::newRow("pong of 126 bytes")
            << frame(0x8a, binaryOf(126)) << 1002 << QByteArrayList{};
        QTest::newRow("close of 126 bytes")
            << frame(0x88, closeBody(1000, utf8Of(124))) << 1002 << QByteArrayList{};
        QTest::newRow("ping, 8-byte length of 1")
            << frame(0x89, "p", true, LengthForm::EightBytes) << 1002 << QByteArrayList{};
        QTest::newRow("continuation without a message")
            << frame(0x80, "x") << 1002 << QByteArrayList{};
        QTest::newRow("continuation after a whole message")
            << cat({text("a"), frame(0x80, "x")}) << 1002 << QByteArrayList{msg("text", "a")};
        QTest::newRow("text inside a fragmented text")
            << cat({frame(0x01, "a"), text("b")}) << 1002 << QByteArrayList{};
        QTest::newRow("binary inside a fragmented text")
            << cat({frame(0x01, "a"), frame(0x02, "b")}) << 1002 << QByteArrayList{};
        QTest::newRow("text inside a fragmented binary, after a ping")
            << cat({frame(0x02, "a"), frame(0x89, ""), text("b")}) << 1002
            << QByteArrayList{msg("ping", "")};
        QTest::newRow("length with its top bit set")
            << cat({header8(0x82, quint64(1) << 63), "xxxx"}) << 1002 << QByteArrayList{};
        QTest::newRow("length all ones") << header8(0x81, ~quint64(0)) << 1002 << QByteArrayList{};
        QTest::newRow("close of one byte") << frame(0x88, "\x03") << 1002 << QByteArrayList{};
        for (const int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535}) {
            QTest::addRow("close code %d", code)
                << frame(0x88, closeBody(quint16(code))) << 1002 << QByteArrayList{};
        }
        QTest::newRow("close reason not UTF-8")
            << frame(0x88, closeBody(1000, "bad \xc0\xaf")) << 1007 << QByteArrayList{};
        QTest::newRow("close reason, a character cut")
            << frame(0x88, closeBody(1000, "\xea\xb0")) << 1007 << QByteArrayList{};
        // Text that is not UTF-8: whole, or only once the fragments are joined.
        const QList<std::pair<const char *, QByteArray>> invalid{
            {"lone continuation byte", "a\x80"},
            {"overlong 2-byte (C0)", "\xc0\xaf"},
            {"overlong 2-byte (C1)", "\xc1\xbf"},
            {"overlong 3-byte", "\xe0\x80\xaf"},
            {"overlong 3-byte, largest", "\xe0\x9f\xbf"},
            {"overlong 4-byte", "\xf0\x80\x80\xaf"},
            {"overlong 4-byte, largest", "\xf0\x8f\xbf\xbf"},
            {"surrogate, first", "\xed\xa0\x80"},
            {"surrogate, last", "\xed\xbf\xbf"},
            {"surrogate pair", "\xed\xa0\xbd\xed\xb8\x80"},
            {"above U+10FFFF", "\xf4\x90\x80\x80"},
            {"lead F5", "\xf5\x80\x80\x80"},
            {"lead FE", "\xfe"},
            {"lead FF", "\xff"},
            {"cut at the end, 2 of 3", "abc\xe2\x82"},
            {"cut at the end, 3 of 4", "\xf0\x9f\x98"},
            {"cut, then ASCII",
             "\xe2\x82"
             "abcdefghij"},
            {"second byte not a continuation", "\xc3\x28"},
            {"third byte not a continuation", "\xe2\x82\x28"},
            {"fourth byte not a continuation", "\xf0\x9f\x98\x28"},
            {"after eight ASCII bytes", "abcdefgh\x80"},
            {"after sixteen ASCII bytes", "abcdefghijklmnop\xc0\x80"},
        };
        for (const auto &[name, bytes] : invalid) {
            QTest::addRow("text: %s", name) << text(bytes) << 1007 << QByteArrayList{};
        }
        QTest::newRow("fragmented text cut in its last character")
            << cat({frame(0x01, "ab\xea"), frame(0x80, "\xb0")}) << 1007 << QByteArrayList{};
        QTest::newRow("text after a good one")
            << cat({text("good"), text("\xff")}) << 1007 << QByteArrayList{msg("text", "good")};
        QTest::newRow("too big, one byte over")
            << text(utf8Of(kLimit + 1)) << 1009 << QByteArrayList{};
        QTest::newRow("too big binary, 8-byte length")
            << header8(0x82, 1u << 30) << 1009 << QByteArrayList{};
        // Told from the length bytes alone, before the mask key, however the stream is cut.
        QTest::newRow("too big, the length bytes alone")
            << header8(0x81, 0x17f80ff631c).first(10) << 1009 << QByteArrayList{};
        QTest::newRow("top bit set, the length bytes alone")
            << header8(0x82, ~quint64(0)).first(10) << 1002 << QByteArrayList{};
        QTest::newRow("too big in fragments")
            << cat({frame(0x01, utf8Of(kLimit / 2)), frame(0x89, "p"),
                    frame(0x00, utf8Of(kLimit / 2)), frame(0x80, "x")})
            << 1009 << QByteArrayList{msg("ping", "p")};
        QTest::newRow("messages before the failure")
            << cat({text("a"), frame(0x82, "b"), frame(0x89, "c"), frame(0x81, "d", false)}) << 1002
            << QByteArrayList{msg("text", "a"), msg("binary", "b"), msg("ping", "c")};
    }

    void failures()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, closeCode);
        QFETCH(QByteArrayList, before);

        const Result whole = readInPieces(stream, {});
        QVERIFY(whole.failure);
        QCOMPARE(whole.failure->closeCode, closeCode);
        QVERIFY(!whole.failure->reason.isEmpty());
        QCOMPARE(whole.messages, before);
        QCOMPARE(whole.buffered, 0);
        QVERIFY(!whole.closed);

        // The same failure, and the same messages before it, however the stream is split.
        for (const QList<qsizetype> &cuts : splits(stream.size())) {
            const Result pieces = readInPieces(stream, cuts);
            if (!pieces.failure || pieces.failure->closeCode != closeCode
                || pieces.failure->reason != whole.failure->reason || pieces.messages != before
                || pieces.buffered != 0) {
                QFAIL(qPrintable(QStringLiteral("differs when %1").arg(describedCuts(cuts))));
            }
        }
    }

    // A byte of a text message's UTF-8 is accepted exactly when a decoder of code points
    // accepts it: the edges one by one, then random strings dense in multi-byte sequences.
    void utf8Edges_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("U+0000") << QByteArray("\0", 1) << true;
        QTest::newRow("U+007F") << QByteArray("\x7f") << true;
        QTest::newRow("U+0080") << QByteArray("\xc2\x80") << true;
        QTest::newRow("U+07FF") << QByteArray("\xdf\xbf") << true;
        QTest::newRow("U+0800") << QByteArray("\xe0\xa0\x80") << true;
        QTest::newRow("U+D7FF") << QByteArray("\xed\x9f\xbf") << true;
        QTest::newRow("U+E000") << QByteArray("\xee\x80\x80") << true;
        QTest::newRow("U+FFFD") << QByteArray("\xef\xbf\xbd") << true;
        QTest::newRow("U+FFFF") << QByteArray("\xef\xbf\xbf") << true;
        QTest::newRow("U+10000") << QByteArray("\xf0\x90\x80\x80") << true;
        QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true;
        QTest::newRow("U+110000") << QByteArray("\xf4\x90\x80\x80") << false;
        QTest::newRow("U+D800") << QByteArray("\xed\xa0\x80") << false;
        QTest::newRow("U+DFFF") << QByteArray("\xed\xbf\xbf") << false;
        QTest::newRow("overlong U+007F") << QByteArray("\xc1\xbf") << false;
        QTest::newRow("overlong U+07FF") << QByteArray("\xe0\x9f\xbf") << false;
        QTest::newRow("overlong U+FFFF") << QByteArray("\xf0\x8f\xbf\xbf") << false;
        QTest::newRow("5-byte form") << QByteArray("\xf8\x88\x80\x80\x80") << false;
        QTest::newRow("multi-byte at the 8-byte edge") << QByteArray("1234567\xea\xb0\x80"
                                                                     "12345\xf0\x9f\x98\x80")
                                                       << true;
    }

    void utf8Edges()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(roomgate::test::referenceUtf8(bytes),
                 valid); // the reference agrees with the table
        const Result result = readInPieces(text(bytes), {});
        QCOMPARE(!result.failure, valid);
        if (!valid)
            QCOMPARE(result.failure->closeCode, 1007);
    }

    void utf8LikeTheReference()
    {
        QRandomGenerator random(1);
        // Bytes drawn mostly from the edges of the ranges where the rules change.
        const QByteArray pool("\x00\x41\x7f\x80\x8f\x90\x9f\xa0\xbf\xc0\xc1\xc2\xdf\xe0\xe1"
                              "\xec\xed\xee\xef\xf0\xf1\xf3\xf4\xf5\xff",
                              25);
        int validSeen = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray bytes;
            const int length = random.bounded(1, 20);
            for (int i = 0; i < length; ++i)
                bytes.append(pool.at(random.bounded(pool.size())));
            const bool valid = roomgate::test::referenceUtf8(bytes);
            validSeen += valid ? 1 : 0;
            const Result result = readInPieces(text(bytes), {});
            if (valid != !result.failure)
                QFAIL(qPrintable(
                    QStringLiteral("disagrees on %1").arg(QLatin1String(bytes.toHex()))));
        }
        QVERIFY(validSeen > 100); // the pool makes valid strings too, not only broken ones
    }

    void tooBigIsToldBeforeThePayload()
    {
        WebSocketReader reader(1000);
        QList<WebSocketReader::Message> out;
        // Only the header of a frame of 1001 bytes: no payload yet, and the failure is known.
        const QByteArray header = frame(0x82, QByteArray(1001, 'x')).first(2 + 2 + 4);
        QVERIFY(!reader.feed(header.first(3), out)); // the length not all there yet
        const auto failure = reader.feed(header.sliced(3), out);
        QVERIFY(failure);
        QCOMPARE(failure->closeCode, 1009);
        QCOMPARE(reader.bufferedBytes(), 0);
        QVERIFY(out.isEmpty());

        // And for a continuation: the fragments so far plus the one announced.
        WebSocketReader fragments(1000);
        QVERIFY(!fragments.feed(frame(0x01, QByteArray(600, 'a')), out));
        QCOMPARE(fragments.bufferedBytes(), 600);
        const auto tooMany = fragments.feed(frame(0x80, QByteArray(401, 'b')).first(8), out);
        QVERIFY(tooMany);
        QCOMPARE(tooMany->closeCode, 1009);
        QCOMPARE(fragments.bufferedBytes(), 0); // the fragments are let go
        QVERIFY(out.isEmpty());

        // An announced 1 GiB is refused from its 10 length bytes, nothing buffered for it.
        WebSocketReader huge(1000);
        const auto hugeFailure = huge.feed(header8(0x81, 1u << 30).first(10), out);
        QVERIFY(hugeFailure);
        QCOMPARE(hugeFailure->closeCode, 1009);
    }

    void controlFramesAreNotBoundByTheLimit()
    {
        // The limit is for text and binary messages; a control frame may hold 125 bytes.
        WebSocketReader reader(0);
        QList<WebSocketReader::Message> out;
        QVERIFY(!reader.feed(frame(0x89, binaryOf(125)), out));
        QVERIFY(!reader.feed(frame(0x88, closeBody(1000, utf8Of(123))), out));
        QCOMPARE(described(out),
                 (QByteArrayList{msg("ping", binaryOf(125)), msg("close", utf8Of(123), 1000)}));
        WebSocketReader empty(0);
        QVERIFY(!empty.feed(text(""), out)); // an empty message is within a limit of 0
        const auto failure = empty.feed(text("x"), out);
        QVERIFY(failure);
        QCOMPARE(failure->closeCode, 1009);
    }

    void nothingIsReadAfterClose()
    {
        WebSocketReader reader(kLimit);
        QList<WebSocketReader::Message> out;
        QVERIFY(!reader.feed(frame(0x88, closeBody(1000, "bye")), out));
        QVERIFY(reader.closed());
        QCOMPARE(out.size(), 1);
        QVERIFY(!reader.feed(text("more"), out));
        QVERIFY(!reader.feed(frame(0x81, "broken", false), out)); // not even a failure
        QCOMPARE(out.size(), 1);
        QCOMPARE(reader.bufferedBytes(), 0);
    }

    void theSameFailureAgain()
    {
        WebSocketReader reader(kLimit);
        QList<WebSocketReader::Message> out;
        const auto first = reader.feed(frame(0x81, "x", false), out);
        QVERIFY(first);
        for (const QByteArray &later : {text("fine"), frame(0x88, ""), QByteArray()}) {
            const auto again = reader.feed(later, out);
            QVERIFY(again);
            QCOMPARE(again->closeCode, first->closeCode);
            QCOMPARE(again->reason, first->reason);
        }
        QVERIFY(out.isEmpty());
        QVERIFY(!reader.closed());
    }

    void holdsOnlyWhatIsIncomplete()
    {
        WebSocketReader reader(kLimit);
        QList<WebSocketReader::Message> out;
        const QByteArray one = text("hello");
        const QByteArray two = frame(0x82, binaryOf(300));
        // A whole frame and the start of the next: only that start is kept.
        QVERIFY(!reader.feed(cat({one, two.first(10)}), out));
        QCOMPARE(out.size(), 1);
        QCOMPARE(reader.bufferedBytes(), 10);
        QVERIFY(!reader.feed(two.sliced(10), out));
        QCOMPARE(out.size(), 2);
        QCOMPARE(reader.bufferedBytes(), 0);
        // A fragment held, then let go once the message is whole.
        QVERIFY(!reader.feed(frame(0x01, "abc"), out));
        QCOMPARE(reader.bufferedBytes(), 3);
        QVERIFY(!reader.feed(frame(0x80, "def"), out));
        QCOMPARE(reader.bufferedBytes(), 0);
        QCOMPARE(described(out).last(), msg("text", "abcdef"));
    }

    void readsARealClient()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QWebSocket client;
        QSignalSpy connected(&client, &QWebSocket::connected);
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws?ticket=t").arg(server.serverPort())));
        QVERIFY(server.waitForNewConnection(5000));
        std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());

        QByteArray received;
        QTRY_VERIFY_WITH_TIMEOUT((received += peer->readAll()).contains("\r\n\r\n"), 5000);
        const qsizetype headEnd = received.indexOf("\r\n\r\n") + 4;
        const auto upgrade = parseWebSocketUpgrade(received.first(headEnd));
        QVERIFY(std::holds_alternative<WebSocketUpgrade>(upgrade));
        QCOMPARE(std::get<WebSocketUpgrade>(upgrade).target, QByteArray("/ws?ticket=t"));
        peer->write(webSocketUpgradeAnswer(std::get<WebSocketUpgrade>(upgrade).key));
        QVERIFY(connected.wait(5000));

        const QString korean = QStringLiteral(u"안녕하세요, 방에 오신 것을 환영합니다");
        const QByteArray bytes = binaryOf(70000);
        client.sendTextMessage(korean);
        client.sendBinaryMessage(bytes);
        client.ping("are you there");
        // Long messages in fragments of 1000 bytes, as some clients send them.
        client.setOutgoingFrameSize(1000);
        const QString longText = QString::fromUtf8(utf8Of(5000));
        client.sendTextMessage(longText);
        client.close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("bye"));

        WebSocketReader reader(kLimit);
        QList<WebSocketReader::Message> out;
        std::optional<WebSocketReader::Failure> failure
            = reader.feed(QByteArrayView(received).sliced(headEnd), out);
        QTRY_VERIFY_WITH_TIMEOUT(
            failure || (failure = reader.feed(peer->readAll(), out)) || reader.closed(), 10000);
        QVERIFY2(!failure, failure ? failure->reason.constData() : "");
        QCOMPARE(described(out),
                 (QByteArrayList{msg("text", korean.toUtf8()), msg("binary", bytes),
                                 msg("ping", "are you there"), msg("text", utf8Of(5000)),
                                 msg("close", "bye", 1000)}));
        QCOMPARE(reader.bufferedBytes(), 0);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketReader)
#include "tst_websocketreader.moc"
