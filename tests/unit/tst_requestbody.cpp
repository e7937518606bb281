// SPDX-License-Identifier: MIT
#include "server/api/requestbody.h"

#include <QTest>

using namespace roomgate::server::api;

/** Reading request bodies and path parameters strictly (server/api/requestbody.h). */
class TestRequestBody : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void strictUtf8_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected"); // null: refused
        // Not QString::fromUtf16(u"\ufeff…"): that too drops a leading byte order mark.
        const QString bom(QChar(0xfeff));
        QTest::newRow("ascii") << QByteArray("lobby") << QStringLiteral("lobby");
        QTest::newRow("korean") << QByteArray("\xeb\xb0\xa9") << QStringLiteral("방");
        QTest::newRow("empty") << QByteArray("") << QStringLiteral("");
        QTest::newRow("byte order mark first")
            << QByteArray("\xef\xbb\xbflobby") << QString(bom + QStringLiteral("lobby"));
        QTest::newRow("byte order mark inside") // (in octal: a "b" would extend a \x escape)
            << QByteArray("lob\357\273\277by") << QString(QStringLiteral("lob") + bom + u"by");
        // The input fuzz_request_body found (fuzz/corpus/request_body/regression-leading-bom):
        // the leading byte order mark was dropped, so the text came back without it.
        QTest::newRow("fuzz: leading byte order mark")
            << QByteArray("\xef\xbb\xbf"
                          "apacity\":1e12,\"a\":-0,\"b\":1.5,\"c\":[1,2,3.0,-999999999999,1e3],"
                          "\"d\":\"16\"}")
            << QString(bom
                       + QStringLiteral("apacity\":1e12,\"a\":-0,\"b\":1.5,\"c\":[1,2,3.0,"
                                        "-999999999999,1e3],\"d\":\"16\"}"));
        QTest::newRow("invalid byte") << QByteArray("\xff\xfe") << QString();
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QString();
        QTest::newRow("encoded surrogate") << QByteArray("\xed\xa0\x80") << QString();
        QTest::newRow("truncated sequence") << QByteArray("ab\xe2\x82") << QString();
    }
    void strictUtf8()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const std::optional<QString> text = RequestBody::strictUtf8(bytes);
        QCOMPARE(text.has_value(), !expected.isNull());
        if (text)
            QCOMPARE(*text, expected);
    }
};

QTEST_GUILESS_MAIN(TestRequestBody)
#include "tst_requestbody.moc"
