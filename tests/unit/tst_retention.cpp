// Retention: rows older than the limit go (awareness rows by _last_seen), in small
// transactions, and cursors stay.
#include "ingest/retention.h"
#include "testcache.h"
#include "testrows.h"
#include "util/timeformat.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

class TestRetention : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prunesOldRowsOnly()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &cg = *cache.definition().tableByName(u"Seg_Cg_CL"_s);
        const TableDef &watchlist =
            *cache.definition().tableByName(u"Awareness_Watchlist_Details_CL"_s);
        // 12,000 CG rows one second apart from 2025-06-01T08:03:23.123Z, and 5 awareness rows
        // last seen in the snapshot of 2025-06-01T00:00:00.000Z.
        WriteUnit unit;
        unit.batches.append({cg.name, test::makeRows(cg, 0, 12000)});
        unit.batches.append({watchlist.name, test::makeRows(watchlist, 0, 5)});
        unit.cursors.append({cg.connector, cg.stream, u"receipt"_s, R"({"next_page":"t"})"});
        QVERIFY(cache.write(unit).ok());

        // Retention 90 days; "now" is 90 days after the event of row 10,000 (+0.5 s).
        const QDateTime firstEvent = parseUtc(u"2025-06-01T08:03:23.123Z"_s);
        const QDateTime now = firstEvent.addSecs(10000).addMSecs(500).addDays(90);
        const RetentionPruner::Result result =
            RetentionPruner::prune(cache.writer(), cache.definition(), 90, now);
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        QCOMPARE(result.deleted, 10001 + 5); // rows 0..10000 and every awareness row
        QCOMPARE(cache.rowCount(cg.name), 12000 - 10001);
        QCOMPARE(cache.rowCount(watchlist.name), 0);
        QCOMPARE(cache.scalar(u"SELECT min(\"_event_time\") FROM \"Seg_Cg_CL\""_s).toString(),
            u"2025-06-01T10:50:04.123Z"_s);
        // Cursors are untouched: pruned rows are not fetched again.
        QCOMPARE(cache.scalar(u"SELECT count(*) FROM sync_cursor"_s).toInt(), 1);

        // Nothing more to do the second time.
        QCOMPARE(RetentionPruner::prune(cache.writer(), cache.definition(), 90, now).deleted, 0);
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
