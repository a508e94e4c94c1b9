// The compressed `_raw` column (connectors.md §2.6): dictionaries, frames and raw_json().
#include "ingest/rawcompression.h"
#include "storage/cachedatabase.h"
#include "storage/rawcodec.h"
#include "testcache.h"
#include "testrows.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

/// A record shaped like a CG receipt, different in every field that differs in real data.
QByteArray sampleRecord(int ordinal)
{
    const QJsonObject record {
        {u"aggregateId"_s, u"QWdncmVnYXRl%1_1748765000"_s.arg(ordinal * 7919)},
        {u"processingId"_s, u"UHJvY2Vzc2luZw%1_1748765000"_s.arg(ordinal * 104729)},
        {u"timestamp"_s, 1748765003123.0 + ordinal * 1000}, {u"type"_s, u"receipt"_s},
        {u"action"_s, ordinal % 7 ? u"Acc"_s : u"Rej"_s},
        {u"messageId"_s, u"<%1@mail.partner%2.example>"_s.arg(ordinal * 31337).arg(ordinal % 13)},
        {u"recipients"_s, u"user%1@corp.example"_s.arg(ordinal % 97)},
        {u"senderIp"_s, u"198.51.100.%1"_s.arg(ordinal % 250)},
        {u"subject"_s, u"Invoice %1 for order %2 \u00e9t\u00e9"_s.arg(ordinal).arg(ordinal * 3)},
        {u"tlsVersion"_s, u"TLSv1.3"_s}, {u"spamScore"_s, QString::number(ordinal % 20)}};
    return QJsonDocument(record).toJson(QJsonDocument::Compact);
}

QList<QByteArray> samples(int count, int first = 0)
{
    QList<QByteArray> records;
    for (int i = first; i < first + count; ++i)
        records.append(sampleRecord(i));
    return records;
}

} // namespace

class TestRawCodec : public QObject
{
    Q_OBJECT

private:
    /// One query's first column, or the error text prefixed with "error: ".
    static QVariant select(
        CacheConnection &connection, const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery query(connection.database());
        query.prepare(sql);
        for (const QVariant &value : binds)
            query.addBindValue(value);
        if (!query.exec())
            return QString(u"error: "_s + query.lastError().databaseText());
        return query.next() ? query.value(0) : QVariant();
    }

    static std::unique_ptr<CacheConnection> reader(const test::TestCache &cache)
    {
        CacheError error;
        auto connection = CacheConnection::open(cache.path(), ConnectionOptions {}, &error);
        if (!connection)
            qFatal("%s", qUtf8Printable(error.message));
        return connection;
    }

private Q_SLOTS:
    void dictionaryCarriesOurId()
    {
        QString error;
        const QByteArray dictionary =
            RawCompressor::trainDictionary(samples(500), 40000, 8192, &error);
        QVERIFY2(!dictionary.isEmpty(), qPrintable(error));
        QVERIFY(dictionary.size() <= 8192);
        const auto compressor = RawCompressor::create(dictionary, &error);
        QVERIFY2(compressor, qPrintable(error));
        QCOMPARE(compressor->dictionaryId(), 40000u);

        // Records it has not seen still shrink to a fraction.
        qint64 text = 0;
        qint64 frames = 0;
        for (const QByteArray &record : samples(200, 1000)) {
            text += record.size();
            frames += compressor->compress(record).size();
        }
        QVERIFY2(frames * 2 < text, qPrintable(u"%1 -> %2"_s.arg(text).arg(frames)));
    }

    void tooFewSamplesIsAnError()
    {
        QString error;
        QVERIFY(RawCompressor::trainDictionary({"{}", "{}"}, 40000, 8192, &error).isEmpty());
        QVERIFY2(error.contains(u"could not train"_s), qPrintable(error));
        QVERIFY(!RawCompressor::create("not a dictionary", &error));
        QVERIFY(!error.isEmpty());
    }

    void rowsRoundTripThroughTheWriter()
    {
        test::TestCache cache;
        QVERIFY2(cache.start(), qPrintable(cache.error().message));
        const TableDef &table = *cache.definition().tableByStream(u"seg.cg"_s);

        RawCompression compression(table.name, u"receipt"_s, 300);
        for (const QByteArray &record : samples(299))
            compression.offer(record);
        QVERIFY(!compression.compressor());
        compression.offer(sampleRecord(299));
        // Trained on a pool thread: taken up by a later compressor() call.
        QTRY_VERIFY_WITH_TIMEOUT(compression.compressor(), 20000);
        QVERIFY(compression.hasPendingDictionary());
        const std::optional<BoundStatement> store = compression.pendingStatement();
        QVERIFY(store);

        QList<CacheRow> rows = test::makeRows(table, 1, 3);
        const QList<QByteArray> texts = samples(3, 5000);
        for (int i = 0; i < 3; ++i) {
            rows[i].raw = compression.compressor()->compress(texts.at(i));
            rows[i].rawCompressed = true;
        }
        CacheRow plain = test::makeRow(table, 4);
        rows.append(plain);
        WriteUnit unit;
        unit.batches.append({table.name, rows});
        unit.statements.append(*store);
        QVERIFY(cache.write(unit).ok());
        compression.markStored();
        QVERIFY(!compression.hasPendingDictionary());
        QVERIFY(!compression.pendingStatement());

        auto connection = reader(cache);
        const QString tableName = u"\"Seg_Cg_CL\""_s;
        QCOMPARE(select(*connection,
                     u"SELECT count(*) FROM %1 WHERE typeof(\"_raw\") = 'blob'"_s.arg(tableName))
                     .toInt(),
            3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(
                select(*connection,
                    u"SELECT raw_json(\"_raw\") FROM %1 WHERE \"_dedup_key\" = ?"_s.arg(tableName),
                    {rows.at(i).dedupKey})
                    .toString(),
                QString::fromUtf8(texts.at(i)));
        }
        // Text is returned as it is; SQLite's JSON functions work on the result.
        QCOMPARE(select(*connection,
                     u"SELECT raw_json(\"_raw\") FROM %1 WHERE \"_dedup_key\" = ?"_s.arg(tableName),
                     {plain.dedupKey})
                     .toString(),
            QString::fromUtf8(plain.raw));
        QCOMPARE(select(*connection,
                     u"SELECT json_extract(raw_json(\"_raw\"), '$.type') FROM %1 WHERE "
                     u"\"_dedup_key\" = ?"_s.arg(tableName),
                     {rows.first().dedupKey})
                     .toString(),
            u"receipt"_s);

        // A later run loads the stored dictionary instead of training another.
        RawCompression later(table.name, u"receipt"_s, 300);
        QVERIFY(!later.load(*connection).isError());
        QVERIFY(later.compressor());
        QCOMPARE(later.compressor()->dictionaryId(), compression.compressor()->dictionaryId());
        QVERIFY(!later.hasPendingDictionary());
        RawCompression otherType(table.name, u"delivery"_s, 300);
        QVERIFY(!otherType.load(*connection).isError());
        QVERIFY(!otherType.compressor());

        // Trained inside the last offer when asked to (tests that count compressed rows).
        RawCompression waited(table.name, u"delivery"_s, 300, false);
        for (const QByteArray &record : samples(300))
            waited.offer(record);
        QVERIFY(waited.compressor());
        QVERIFY(waited.hasPendingDictionary());
    }

    void rawJsonNamesBadInput()
    {
        test::TestCache cache;
        QVERIFY2(cache.start(), qPrintable(cache.error().message));
        auto connection = reader(cache);

        QVERIFY(select(*connection, u"SELECT raw_json(NULL)"_s).isNull());
        QCOMPARE(select(*connection, u"SELECT raw_json('{\"a\":1}')"_s).toString(), u"{\"a\":1}"_s);
        QVERIFY(select(*connection, u"SELECT raw_json(42)"_s).toString().contains(u"a number"_s));
        QVERIFY(select(*connection, u"SELECT raw_json(x'00112233')"_s)
                    .toString()
                    .contains(u"not a compressed raw record"_s));

        // A frame whose dictionary the cache does not hold: an error naming it, not garbage.
        QString error;
        const auto compressor = RawCompressor::create(
            RawCompressor::trainDictionary(samples(500), 41234, 8192, &error), &error);
        QVERIFY2(compressor, qPrintable(error));
        const QByteArray frame = compressor->compress(sampleRecord(7));
        const QString message = select(*connection, u"SELECT raw_json(?)"_s, {frame}).toString();
        QVERIFY2(message.contains(u"dictionary 41234 is missing"_s), qPrintable(message));

        // A damaged frame of a known dictionary.
        WriteUnit unit;
        unit.statements.append({u"INSERT INTO raw_dictionary (id, table_name, part, dictionary, "
                                u"samples, created_at) VALUES (?, ?, ?, ?, ?, ?)"_s,
            {41234, u"Seg_Cg_CL"_s, u"receipt"_s, compressor->dictionary(), 500,
                u"2026-11-29T00:00:00.000Z"_s}});
        QVERIFY(cache.write(unit).ok());
        QCOMPARE(select(*connection, u"SELECT raw_json(?)"_s, {frame}).toString(),
            QString::fromUtf8(sampleRecord(7)));
        QByteArray damaged = frame;
        damaged[damaged.size() - 3] = char(damaged.at(damaged.size() - 3) ^ 0x5a);
        const QString damage = select(*connection, u"SELECT raw_json(?)"_s, {damaged}).toString();
        QVERIFY2(damage.startsWith(u"error: raw_json:"_s), qPrintable(damage));
    }
};

QTEST_GUILESS_MAIN(TestRawCodec)
#include "tst_rawcodec.moc"
