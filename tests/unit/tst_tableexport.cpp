// CSV and NDJSON exports of Data page rows: RFC 4180 quoting, formula neutralisation
// (security.md rule 3) and NDJSON that parses back to the stored values.
#include "export/tableexport.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

class TestTableExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvNeutralisesFormulas_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QByteArray>("field");
        QTest::newRow("hyperlink") << QVariant(u"=HYPERLINK(\"http://evil\",\"x\")"_s)
                                   << QByteArray("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
        QTest::newRow("plus") << QVariant(u"+1"_s) << QByteArray("\"'+1\"");
        QTest::newRow("minus") << QVariant(u"-2"_s) << QByteArray("\"'-2\"");
        QTest::newRow("at") << QVariant(u"@SUM(A1)"_s) << QByteArray("\"'@SUM(A1)\"");
        QTest::newRow("tab") << QVariant(u"\t=1+1"_s) << QByteArray("\"'\t=1+1\"");
        QTest::newRow("cr") << QVariant(u"\r=1+1"_s) << QByteArray("\"'\r=1+1\"");
        QTest::newRow("plain") << QVariant(u"Invoice 12"_s) << QByteArray("\"Invoice 12\"");
        QTest::newRow("inner formula") << QVariant(u"a=1"_s) << QByteArray("\"a=1\"");
        QTest::newRow("quotes") << QVariant(u"say \"hi\""_s) << QByteArray("\"say \"\"hi\"\"\"");
        QTest::newRow("newline") << QVariant(u"line 1\nline 2"_s)
                                 << QByteArray("\"line 1\nline 2\"");
        QTest::newRow("crlf inside") << QVariant(u"a\r\nb"_s) << QByteArray("\"a\r\nb\"");
        QTest::newRow("comma") << QVariant(u"a,b"_s) << QByteArray("\"a,b\"");
        QTest::newRow("empty") << QVariant(u""_s) << QByteArray("\"\"");
        QTest::newRow("null") << QVariant() << QByteArray("\"\"");
        QTest::newRow("utf8") << QVariant(u"Rechnung \u00fc\u20ac"_s)
                              << QByteArray("\"Rechnung \xc3\xbc\xe2\x82\xac\"");
        // Numbers stored as numbers stay numbers: their text cannot be a formula.
        QTest::newRow("negative real") << QVariant(-2.5) << QByteArray("\"-2.5\"");
        QTest::newRow("integer") << QVariant(qint64(-7)) << QByteArray("\"-7\"");
        QTest::newRow("blob") << QVariant(QByteArray("\x01\xab", 2)) << QByteArray("\"01ab\"");
    }

    void csvNeutralisesFormulas()
    {
        QFETCH(QVariant, value);
        QFETCH(QByteArray, field);
        QCOMPARE(TableExport::csvField(value), field);
    }

    void csvFileQuotesEveryField()
    {
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QString error;
        QVERIFY(TableExport::write(&buffer, ExportFormat::Csv, {u"_seq"_s, u"subject"_s},
            {{qint64(1), u"=HYPERLINK(\"http://evil\",\"x\")"_s}, {qint64(2), QVariant()}},
            &error));
        QCOMPARE(buffer.data(),
            QByteArray("\"_seq\",\"subject\"\r\n"
                       "\"1\",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\r\n"
                       "\"2\",\"\"\r\n"));
    }

    void ndjsonRoundTrips()
    {
        const QStringList columns {u"_seq"_s, u"subject"_s, u"timestamp"_s, u"missing"_s, u"_raw"_s,
            u"_dedup_key"_s, u"control"_s};
        const QString raw = u"{\"b\":1,\"a\":\"<b>x</b>\"}"_s;
        const QString subject = u"=HYPERLINK(\"http://evil\",\"x\") \u00fc\n\ttab \\ \u2028"_s;
        const QVariantList row {qint64(9007199254740993), subject, 1748765003.123, QVariant(), raw,
            QVariant(QByteArray("\x00\xff", 2)), u"\u0001\u001f"_s};

        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QString error;
        QVERIFY(TableExport::write(&buffer, ExportFormat::Ndjson, columns, {row, row}, &error));
        const QList<QByteArray> lines = buffer.data().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(2).isEmpty());

        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(lines.at(0), &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        const QJsonObject object = document.object();
        QCOMPARE(object.keys().size(), columns.size());
        QCOMPARE(object.value(u"subject"_s).toString(), subject); // no ' prefix in JSON
        QCOMPARE(object.value(u"timestamp"_s).toDouble(), 1748765003.123);
        QVERIFY(object.value(u"missing"_s).isNull());
        QCOMPARE(object.value(u"_raw"_s).toString(), raw); // as stored, a string
        QCOMPARE(object.value(u"_dedup_key"_s).toString(), u"00ff"_s);
        QCOMPARE(object.value(u"control"_s).toString(), u"\u0001\u001f"_s);
        // Integers are written exactly, beyond double precision too.
        QVERIFY(lines.at(0).startsWith("{\"_seq\":9007199254740993,\"subject\":"));
    }

    void writeFileReplacesAtomically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"export.csv"_s);
        QString error;
        QVERIFY(TableExport::writeFile(path, ExportFormat::Csv, {u"a"_s}, {{u"@x"_s}}, &error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("\"a\"\r\n\"'@x\"\r\n"));

        QVERIFY(!TableExport::writeFile(
            dir.filePath(u"missing/dir/x.csv"_s), ExportFormat::Csv, {}, {}, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTableExport)
#include "tst_tableexport.moc"
