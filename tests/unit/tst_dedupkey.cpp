// The console's dedup key (connectors.md §2.3) against the shared test vectors, and the JCS
// number and string forms it rests on.
#include "ingest/dedupkey.h"
#include "ingest/jsonelement_p.h"
#include "jcsoracle.h"
#include "util/canonicaljson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

class TestDedupKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The ingest path's JCS string writer (eight bytes at a time) against the general one,
    // on strings with escapes, controls and multi-byte characters at every position.
    void fastStringEscapingMatches()
    {
        const QList<QString> pieces {u"a"_s, u"\""_s, u"\\"_s, u"\n"_s, u"\u0001"_s, u"\u001f"_s,
            u" "_s, u"\u00e9"_s, u"\u20ac"_s, u"\U0001F600"_s, u"~"_s, u"\u007f"_s};
        QRandomGenerator random(20261129);
        for (int round = 0; round < 5000; ++round) {
            QString text;
            const int length = int(random.bounded(40));
            for (int i = 0; i < length; ++i)
                text += pieces.at(random.bounded(int(pieces.size())));
            QByteArray expected;
            test::appendCanonicalString(expected, text);
            const QByteArray utf8 = text.toUtf8();
            std::string actual;
            jsonelement::appendCanonicalString(
                actual, std::string_view(utf8.constData(), size_t(utf8.size())));
            QCOMPARE(QByteArray::fromStdString(actual), expected);
        }
    }

    void vectors_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("campaignId");
        QTest::addColumn<qint64>("bucket");
        QTest::addColumn<QString>("identity");
        QTest::addColumn<QString>("expectedKey");
        QFile file(QStringLiteral(MSC_TEST_DATA_DIR "/dedup-vectors.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QJsonArray vectors =
            QJsonDocument::fromJson(file.readAll()).object().value("vectors"_L1).toArray();
        QVERIFY(vectors.size() >= 14);
        for (const QJsonValue &value : vectors) {
            const QJsonObject vector = value.toObject();
            QTest::newRow(qPrintable(vector.value("name"_L1).toString()))
                << vector.value("stream"_L1).toString()
                << vector.value("raw"_L1).toString().toUtf8()
                << vector.value("campaignId"_L1).toString()
                << qint64(vector.value("bucket"_L1).toDouble())
                << vector.value("identity"_L1).toString()
                << vector.value("expectedKey"_L1).toString();
        }
    }

    void vectors()
    {
        QFETCH(QString, stream);
        QFETCH(QByteArray, raw);
        QFETCH(QString, campaignId);
        QFETCH(qint64, bucket);
        QFETCH(QString, identity);
        QFETCH(QString, expectedKey);
        const SchemaDefinition definition = SchemaDefinition::builtIn();
        const TableDef *table = definition.tableByStream(stream);
        QVERIFY(table);
        QJsonParseError error;
        const QJsonObject record = QJsonDocument::fromJson(raw, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const DedupKey key = computeDedupKey(*table, record, campaignId);
        QCOMPARE(qint64(key.bucket), bucket);
        QCOMPARE(QString::fromUtf8(key.identity), identity);
        QCOMPARE(key.hex(), expectedKey);
        QCOMPARE(key.bytes.size(), 16);
    }

    void numbers_data()
    {
        QTest::addColumn<double>("number");
        QTest::addColumn<QByteArray>("expected");
        // RFC 8785 appendix B and ECMAScript Number::toString.
        QTest::newRow("zero") << 0.0 << QByteArray("0");
        QTest::newRow("minus zero") << -0.0 << QByteArray("0");
        QTest::newRow("one point zero") << 1.0 << QByteArray("1");
        QTest::newRow("epoch ms") << 1748765003123.0 << QByteArray("1748765003123");
        QTest::newRow("fraction") << 0.5 << QByteArray("0.5");
        QTest::newRow("negative") << -12.75 << QByteArray("-12.75");
        QTest::newRow("1e21") << 1e21 << QByteArray("1e+21");
        QTest::newRow("1e20") << 1e20 << QByteArray("100000000000000000000");
        QTest::newRow("small") << 0.000001 << QByteArray("0.000001");
        QTest::newRow("smaller") << 0.0000001 << QByteArray("1e-7");
        QTest::newRow("max double")
            << 1.7976931348623157e308 << QByteArray("1.7976931348623157e+308");
        QTest::newRow("min positive") << 5e-324 << QByteArray("5e-324");
        QTest::newRow("shortest") << 0.1 + 0.2 << QByteArray("0.30000000000000004");
        QTest::newRow("2^53") << 9007199254740992.0 << QByteArray("9007199254740992");
        QTest::newRow("mantissa exponent") << 4.5e-7 << QByteArray("4.5e-7");
        QTest::newRow("big fraction") << 123456789.125 << QByteArray("123456789.125");
    }

    void numbers()
    {
        QFETCH(double, number);
        QFETCH(QByteArray, expected);
        QByteArray out;
        appendCanonicalNumber(out, number);
        QCOMPARE(out, expected);
    }

    void stringsAndOrder()
    {
        // Out of order on purpose, with a key in U+E000-U+FFFF: its UTF-8 (EF ..) sorts before
        // the emoji's (F0 ..), its UTF-16 (FF01) after the emoji's high surrogate (D83D).
        const QByteArray input(
            "{\"b\":1,\"\\uff01\":4,\"a\":[true,null,\"\\u00e9\\\"\\\\\\n\\u0001\"],"
            "\"\\u20ac\":2,\"\\ud83d\\ude00\":3,\"A\":2.0}");
        const QJsonObject object = QJsonDocument::fromJson(input).object();
        // Keys by UTF-16 code units: "A" < "a" < "b" < U+20AC < U+D83D (the emoji's high
        // surrogate) < U+FF01.
        const QByteArray expected(
            "{\"A\":2,\"a\":[true,null,\"\xc3\xa9\\\"\\\\\\n\\u0001\"],\"b\":1,"
            "\"\xe2\x82\xac\":2,\"\xf0\x9f\x98\x80\":3,\"\xef\xbc\x81\":4}");
        QCOMPARE(test::canonicalJson(object), expected);
        // The ingest path's writer, from simdjson's DOM of the same text.
        simdjson::dom::element root;
        QVERIFY(!jsonelement::threadParser(64)
                     .parse(input.constData(), size_t(input.size()))
                     .get(root));
        std::string written;
        jsonelement::appendCanonical(written, root);
        QCOMPARE(QByteArray::fromStdString(written), expected);
    }

    void valuesInsideDocuments()
    {
        // The one-pass writer against the number writer and the general string path: integers
        // (its own fast path), fractions, -0, nested objects and a lone surrogate.
        const QJsonArray numbers {
            -5, 1e15, 9007199254740991.0, 9007199254740993.0, 0, -0.0, 1.5, -1e21, 1e-7};
        QByteArray expected("[");
        for (qsizetype i = 0; i < numbers.size(); ++i) {
            if (i > 0)
                expected.append(',');
            appendCanonicalNumber(expected, numbers.at(i).toDouble());
        }
        expected.append(']');
        QCOMPARE(test::canonicalJson(numbers), expected);

        const QString lone = QString(QChar(0xd800)) + u'x' + QChar(0x7f);
        const QJsonObject nested {{u"z"_s, QJsonObject {{u"b"_s, 1}, {u"a"_s, QJsonArray {}}}},
            {u"lone"_s, lone}, {u"e"_s, QJsonObject {}}};
        QCOMPARE(test::canonicalJson(nested),
            QByteArray("{\"e\":{},\"lone\":\"") + lone.toUtf8()
                + QByteArray("\",\"z\":{\"a\":[],\"b\":1}}"));
    }

    void missingEventTimeGivesBucketZero()
    {
        const SchemaDefinition definition = SchemaDefinition::builtIn();
        const TableDef *dlp = definition.tableByStream(u"seg.dlp"_s);
        const QJsonObject garbage {{u"eventTime"_s, u"yesterday"_s}, {u"messageId"_s, u"<m@x>"_s}};
        QCOMPARE(computeDedupKey(*dlp, garbage).bucket, 0u);
        const QJsonObject missing {{u"messageId"_s, u"<m@x>"_s}};
        const DedupKey key = computeDedupKey(*dlp, missing);
        QCOMPARE(key.bucket, 0u);
        QCOMPARE(key.identity, QByteArray("h:[\"<m@x>\",null,null,null,null]"));
    }
};

QTEST_GUILESS_MAIN(TestDedupKey)
#include "tst_dedupkey.moc"
