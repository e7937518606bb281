// SPDX-License-Identifier: MIT
#include "shared/textrules.h"
#include "shared/ticketformat.h"

#include <QTest>

using namespace roomgate;

/** The protocol's text rules: names, passwords, messages, normalisation. */
class TestTextRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void usernames_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // null: invalid
        QTest::newRow("ascii") << QStringLiteral("alice") << QStringLiteral("alice");
        QTest::newRow("punctuation") << QStringLiteral("a_b-c.d") << QStringLiteral("a_b-c.d");
        QTest::newRow("korean") << QStringLiteral("김민수") << QStringLiteral("김민수");
        QTest::newRow("decomposed hangul is composed")
            << QString::fromUtf16(u"\u1100\u1161\u11A8\u1100\u1161") << QStringLiteral("각가");
        QTest::newRow("combining accent")
            << QString::fromUtf16(u"e\u0301mile") << QString::fromUtf16(u"\u00e9mile");
        QTest::newRow("digits") << QStringLiteral("r2d2") << QStringLiteral("r2d2");
        QTest::newRow("too short") << QStringLiteral("a") << QString();
        QTest::newRow("32 chars") << QString(32, QLatin1Char('x')) << QString(32, QLatin1Char('x'));
        QTest::newRow("33 chars") << QString(33, QLatin1Char('x')) << QString();
        QTest::newRow("space") << QStringLiteral("al ice") << QString();
        QTest::newRow("sql") << QStringLiteral("a';DROP TABLE users;--") << QString();
        QTest::newRow("emoji") << QStringLiteral("ab😀") << QString();
        QTest::newRow("zero width joiner") << QString::fromUtf16(u"ab\u200d") << QString();
        QTest::newRow("lone surrogate")
            << QString(QChar(0xD800)) + QStringLiteral("ab") << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("astral letter counts once") << QString::fromUtf16(u"\U00020000\U00020001")
                                                   << QString::fromUtf16(u"\U00020000\U00020001");
    }
    void usernames()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QString got = TextRules::normalizedUsername(input);
        QCOMPARE(got.isNull(), expected.isNull());
        if (!expected.isNull())
            QCOMPARE(got, expected);
    }

    void roomNames_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("lobby") << QStringLiteral("lobby");
        QTest::newRow("inner space") << QStringLiteral("team chat") << QStringLiteral("team chat");
        QTest::newRow("trimmed") << QStringLiteral("  lobby \t") << QStringLiteral("lobby");
        QTest::newRow("one char") << QStringLiteral("x") << QStringLiteral("x");
        QTest::newRow("64") << QString(64, QLatin1Char('r')) << QString(64, QLatin1Char('r'));
        QTest::newRow("65") << QString(65, QLatin1Char('r')) << QString();
        QTest::newRow("only spaces") << QStringLiteral("   ") << QString();
        QTest::newRow("tab inside") << QStringLiteral("a\tb") << QString();
        QTest::newRow("nbsp inside") << QString::fromUtf16(u"a\u00a0b") << QString();
        QTest::newRow("slash") << QStringLiteral("a/b") << QString();
        QTest::newRow("quote") << QStringLiteral("a'b") << QString();
        QTest::newRow("korean") << QStringLiteral("한국 방") << QStringLiteral("한국 방");
    }
    void roomNames()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QString got = TextRules::normalizedRoomName(input);
        QCOMPARE(got.isNull(), expected.isNull());
        if (!expected.isNull())
            QCOMPARE(got, expected);
    }

    void keysFoldCase()
    {
        QCOMPARE(TextRules::nameKey(QStringLiteral("Lobby")),
                 TextRules::nameKey(QStringLiteral("lOBBY")));
        QCOMPARE(TextRules::nameKey(QStringLiteral("STRASSE")),
                 TextRules::nameKey(QStringLiteral("strasse")));
        QVERIFY(TextRules::nameKey(QStringLiteral("alice"))
                != TextRules::nameKey(QStringLiteral("alicia")));
    }

    void passwords_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("code");
        QTest::newRow("7") << QString(7, QLatin1Char('p')) << int(ErrorCode::WeakPassword);
        QTest::newRow("8") << QString(8, QLatin1Char('p')) << int(ErrorCode::Ok);
        QTest::newRow("1024") << QString(1024, QLatin1Char('p')) << int(ErrorCode::Ok);
        QTest::newRow("1025") << QString(1025, QLatin1Char('p')) << int(ErrorCode::BadRequest);
        QTest::newRow("8 astral") << QString::fromUtf16(u"😀😀😀😀😀😀😀😀") << int(ErrorCode::Ok);
        QTest::newRow("7 astral") << QString::fromUtf16(u"😀😀😀😀😀😀😀") << int(ErrorCode::WeakPassword);
    }
    void passwords()
    {
        QFETCH(QString, input);
        QFETCH(int, code);
        QCOMPARE(int(TextRules::checkPassword(input)), code);
    }

    void messageText()
    {
        QCOMPARE(TextRules::checkMessageText(u""), ErrorCode::BadRequest);
        QCOMPARE(TextRules::checkMessageText(QString(4000, QLatin1Char('m'))), ErrorCode::Ok);
        QCOMPARE(TextRules::checkMessageText(QString(4001, QLatin1Char('m'))),
                 ErrorCode::MessageTooLarge);
        QString astral;
        for (int i = 0; i < 4000; ++i)
            astral += QString::fromUtf16(u"😀");
        QCOMPARE(TextRules::checkMessageText(astral), ErrorCode::Ok);
    }

    void capacity()
    {
        QCOMPARE(TextRules::checkCapacity(0), ErrorCode::InvalidCapacity);
        QCOMPARE(TextRules::checkCapacity(1), ErrorCode::Ok);
        QCOMPARE(TextRules::checkCapacity(10000), ErrorCode::Ok);
        QCOMPARE(TextRules::checkCapacity(10001), ErrorCode::InvalidCapacity);
        QCOMPARE(TextRules::checkCapacity(-5), ErrorCode::InvalidCapacity);
    }

    void ticketFormat()
    {
        const QByteArray t = TicketFormat::encode(QByteArray(32, '\xff'));
        QCOMPARE(t.size(), 43);
        QVERIFY(TicketFormat::isWellFormed(t));
        QVERIFY(!TicketFormat::isWellFormed(t.left(42)));
        QVERIFY(!TicketFormat::isWellFormed(QByteArray(t.left(42) + '=')));
        QVERIFY(!TicketFormat::isWellFormed(QByteArray(t.left(42) + '+')));
        QVERIFY(!TicketFormat::isWellFormed(QByteArray()));
    }
};

QTEST_GUILESS_MAIN(TestTextRules)
#include "tst_textrules.moc"
