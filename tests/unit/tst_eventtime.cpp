// Record time parsing (mimecast-api.md §8): offsets with and without colon, fractions, epoch
// milliseconds as numbers or strings, and the garbage that must not parse.
#include "util/eventtime.h"

#include <QJsonValue>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

class TestEventTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void iso_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // empty = must not parse
        QTest::newRow("T2 +0000") << u"2025-06-01T08:03:11+0000"_s << u"2025-06-01T08:03:11.000Z"_s;
        QTest::newRow("Z") << u"2025-06-01T08:03:11Z"_s << u"2025-06-01T08:03:11.000Z"_s;
        QTest::newRow("no zone is UTC")
            << u"2025-06-01T08:03:11"_s << u"2025-06-01T08:03:11.000Z"_s;
        QTest::newRow("space separator")
            << u"2025-06-01 08:03:11+0000"_s << u"2025-06-01T08:03:11.000Z"_s;
        QTest::newRow("positive offset")
            << u"2025-06-01T08:03:11+0700"_s << u"2025-06-01T01:03:11.000Z"_s;
        QTest::newRow("negative offset crosses day")
            << u"2025-06-01T22:30:00-0230"_s << u"2025-06-02T01:00:00.000Z"_s;
        QTest::newRow("colon offset")
            << u"2025-06-01T08:03:11+05:30"_s << u"2025-06-01T02:33:11.000Z"_s;
        QTest::newRow("fraction 1") << u"2025-06-01T08:03:11.5Z"_s << u"2025-06-01T08:03:11.500Z"_s;
        QTest::newRow("fraction 9")
            << u"2025-06-01T08:03:11.123456789+0000"_s << u"2025-06-01T08:03:11.123Z"_s;
        QTest::newRow("leap day") << u"2024-02-29T00:00:00Z"_s << u"2024-02-29T00:00:00.000Z"_s;
        QTest::newRow("not a leap day") << u"2025-02-29T00:00:00Z"_s << QString();
        QTest::newRow("fraction 10 digits") << u"2025-06-01T08:03:11.1234567890Z"_s << QString();
        QTest::newRow("empty fraction") << u"2025-06-01T08:03:11.Z"_s << QString();
        QTest::newRow("hour 24") << u"2025-06-01T24:00:00Z"_s << QString();
        QTest::newRow("trailing text") << u"2025-06-01T08:03:11+0000 BST"_s << QString();
        QTest::newRow("date only") << u"2025-06-01"_s << QString();
        QTest::newRow("garbage") << u"yesterday"_s << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("offset too big") << u"2025-06-01T08:03:11+2500"_s << QString();
    }

    void iso()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const std::optional<qint64> parsed = EventTime::parseIso(text);
        if (expected.isEmpty()) {
            QVERIFY2(!parsed, qPrintable(text));
        } else {
            QVERIFY2(parsed, qPrintable(text));
            QCOMPARE(EventTime::toStorage(*parsed), expected);
        }
    }

    void epochMs_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<qint64>("expected"); // -1 = must not parse
        QTest::newRow("integer") << QJsonValue(1748765003123.0) << qint64(1748765003123);
        QTest::newRow("real") << QJsonValue(1748765003123.9) << qint64(1748765003123);
        QTest::newRow("string") << QJsonValue(u"1748765003123"_s) << qint64(1748765003123);
        QTest::newRow("padded string") << QJsonValue(u" 1748765003123 "_s) << qint64(1748765003123);
        QTest::newRow("text") << QJsonValue(u"soon"_s) << qint64(-1);
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << qint64(-1);
        QTest::newRow("negative") << QJsonValue(-5.0) << qint64(-1);
        QTest::newRow("microseconds") << QJsonValue(1748765003123000000.0) << qint64(-1);
        QTest::newRow("bool") << QJsonValue(true) << qint64(-1);
    }

    void epochMs()
    {
        QFETCH(QJsonValue, value);
        QFETCH(qint64, expected);
        const std::optional<qint64> parsed = EventTime::parseEpochMs(value);
        if (expected < 0)
            QVERIFY(!parsed);
        else
            QCOMPARE(parsed.value_or(-1), expected);
    }

    void flexibleAwarenessTimes()
    {
        QCOMPARE(EventTime::parseFlexible(QJsonValue(u"2025-06-01T08:03:11+0000"_s)).value_or(-1),
            qint64(1748764991000));
        QCOMPARE(EventTime::parseFlexible(QJsonValue(1748764991000.0)).value_or(-1),
            qint64(1748764991000));
        QVERIFY(!EventTime::parseFlexible(QJsonValue(u""_s)));
        QVERIFY(!EventTime::parseFlexible(QJsonValue(QJsonValue::Null)));
    }
};

QTEST_GUILESS_MAIN(TestEventTime)
#include "tst_eventtime.moc"
