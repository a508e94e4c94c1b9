// The single writer path: rows and cursor in one transaction, duplicates suppressed and
// counted, nothing left behind by a unit that fails half-way or hits a full disk, and
// readers on their own threads that only ever see whole commits. Streams (a transaction fed
// in parts) and chains (units that commit only after every earlier one did).
#include "storage/cachedatabase.h"
#include "testcache.h"
#include "testrows.h"
#include "util/timeformat.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

WriteUnit rowsWithCursor(
    const TableDef &table, qint64 first, qint64 count, const QByteArray &cursor)
{
    WriteUnit unit;
    unit.description = u"test page"_s;
    unit.batches.append({table.name, test::makeRows(table, first, count)});
    unit.cursors.append({table.connector, table.stream, QString(), cursor});
    return unit;
}

} // namespace

class TestCacheWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsAndCursorCommitTogether()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &table = *cache.definition().tableByName(u"Seg_Dlp_CL"_s);
        const WriteResult result = cache.write(rowsWithCursor(table, 0, 100, R"({"page_no":2})"));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.inserted, 100);
        QCOMPARE(result.duplicates, 0);
        QCOMPARE(cache.rowCount(table.name), 100);
        QCOMPARE(cache.scalar(u"SELECT cursor_json FROM sync_cursor WHERE stream_id = 'seg.dlp'"_s)
                     .toString(),
            u"{\"page_no\":2}"_s);

        // The cursor moves on with the next page; the row values land in their columns.
        QVERIFY(cache.write(rowsWithCursor(table, 100, 10, R"({"page_no":3})")).ok());
        QCOMPARE(cache.scalar(u"SELECT cursor_json FROM sync_cursor WHERE stream_id = 'seg.dlp'"_s)
                     .toString(),
            u"{\"page_no\":3}"_s);
        QCOMPARE(cache.scalar(u"SELECT count(*) FROM sync_cursor"_s).toInt(), 1);
        QCOMPARE(cache.scalar(u"SELECT policy FROM \"Seg_Dlp_CL\" WHERE \"_seq\" = 1"_s).toString(),
            u"policy-0"_s);
    }

    void timeGeneratedIsTheCommitTime()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &table = *cache.definition().tableByName(u"Audit_CL"_s);
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        const WriteResult result = cache.write(rowsWithCursor(table, 0, 3, "{}"));
        QVERIFY(result.ok());
        const QDateTime committed = parseUtc(result.committedAt);
        QVERIFY(committed >= before);
        QVERIFY(committed <= QDateTime::currentDateTimeUtc());
        QCOMPARE(
            cache.scalar(u"SELECT count(DISTINCT \"TimeGenerated\") FROM \"Audit_CL\""_s).toInt(),
            1);
        QCOMPARE(cache.scalar(u"SELECT \"TimeGenerated\" FROM \"Audit_CL\" LIMIT 1"_s).toString(),
            result.committedAt);
        // The event time is the record's own, not the commit time.
        QCOMPARE(cache.scalar(u"SELECT \"_event_time\" FROM \"Audit_CL\" WHERE \"_seq\" = 1"_s)
                     .toString(),
            u"2025-06-01T08:03:23.123Z"_s);
    }

    void duplicatesAreSuppressedAndCounted()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &table = *cache.definition().tableByName(u"Seg_Cg_CL"_s);
        QVERIFY(cache.write(rowsWithCursor(table, 0, 50, "{}")).ok());
        // A re-read overlapping page: 30 known rows and 20 new ones.
        const WriteResult again = cache.write(rowsWithCursor(table, 20, 50, "{}"));
        QVERIFY(again.ok());
        QCOMPARE(again.inserted, 20);
        QCOMPARE(again.duplicates, 30);
        QCOMPARE(cache.rowCount(table.name), 70);
    }

    void snapshotDuplicateRefreshesLastSeen()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &table =
            *cache.definition().tableByName(u"Awareness_Watchlist_Details_CL"_s);
        WriteUnit first;
        first.batches.append({table.name, test::makeRows(table, 0, 5)});
        QVERIFY(cache.write(first).ok());

        WriteUnit second;
        QList<CacheRow> rows = test::makeRows(table, 0, 5);
        for (CacheRow &row : rows)
            row.snapshotId = u"2025-06-02T00:00:00.000Z"_s;
        second.batches.append({table.name, rows});
        const WriteResult result = cache.write(second);
        QVERIFY(result.ok());
        QCOMPARE(result.duplicates, 5);
        QCOMPARE(cache.rowCount(table.name), 5);
        QCOMPARE(cache
                     .scalar(u"SELECT count(*) FROM \"Awareness_Watchlist_Details_CL\" WHERE "
                             u"\"_first_seen\" = '2025-06-01T00:00:00.000Z' AND \"_last_seen\" = "
                             u"'2025-06-02T00:00:00.000Z'"_s)
                     .toInt(),
            5);
    }

    void failureHalfWayLeavesNothing_data()
    {
        QTest::addColumn<int>("breakage");
        QTest::newRow("bad row in the second batch") << 0;
        QTest::newRow("bookkeeping statement fails") << 1;
        QTest::newRow("cursor is not JSON") << 2;
    }

    void failureHalfWayLeavesNothing()
    {
        QFETCH(int, breakage);
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &cg = *cache.definition().tableByName(u"Seg_Cg_CL"_s);
        const TableDef &dlp = *cache.definition().tableByName(u"Seg_Dlp_CL"_s);
        QVERIFY(cache.write(rowsWithCursor(dlp, 0, 10, R"({"page_no":1})")).ok());

        WriteUnit unit = rowsWithCursor(cg, 0, 200, R"({"next_page":"t2"})");
        QList<CacheRow> dlpRows = test::makeRows(dlp, 10, 20);
        if (breakage == 0)
            dlpRows[10].dedupKey = "short"; // violates the 16-byte CHECK
        unit.batches.append({dlp.name, dlpRows});
        unit.statements.append(
            {u"INSERT INTO sync_gap (stream_id, reason, created_at) VALUES (?, ?, ?)"_s,
                {u"seg.cg"_s, u"test"_s, breakage == 1 ? QVariant() : QVariant(u"now"_s)}});
        unit.cursors.append({dlp.connector, dlp.stream, QString(),
            breakage == 2 ? QByteArray("{not json") : QByteArray(R"({"page_no":2})")});

        const WriteResult result = cache.write(unit);
        QVERIFY(!result.ok());
        QCOMPARE(result.error.kind, CacheError::Kind::Constraint);
        QVERIFY2(result.error.message.contains(u"test page"_s), qPrintable(result.error.message));
        QCOMPARE(result.inserted, 0);

        // Nothing of the unit is there; what was committed before is intact.
        QCOMPARE(cache.rowCount(cg.name), 0);
        QCOMPARE(cache.rowCount(dlp.name), 10);
        QCOMPARE(cache.scalar(u"SELECT count(*) FROM sync_gap"_s).toInt(), 0);
        QCOMPARE(
            cache.scalar(u"SELECT count(*) FROM sync_cursor WHERE stream_id = 'seg.cg'"_s).toInt(),
            0);
        QCOMPARE(cache.scalar(u"SELECT cursor_json FROM sync_cursor WHERE stream_id = 'seg.dlp'"_s)
                     .toString(),
            u"{\"page_no\":1}"_s);

        // The writer goes on working after the failure.
        QVERIFY(cache.write(rowsWithCursor(cg, 0, 5, "{}")).ok());
        QCOMPARE(cache.rowCount(cg.name), 5);
    }

    void fullDiskRollsBackAndRecovers()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &table = *cache.definition().tableByName(u"Seg_Cg_CL"_s);
        QVERIFY(cache.write(rowsWithCursor(table, 0, 100, R"({"n":1})")).ok());

        // SQLite's page limit makes the file "full" exactly as a full disk does (SQLITE_FULL).
        const int pages = cache.scalar(u"PRAGMA page_count"_s).toInt();
        WriteUnit limit;
        limit.statements.append({u"PRAGMA max_page_count = %1"_s.arg(pages + 4), {}});
        QVERIFY(cache.write(limit).ok());

        const WriteResult full = cache.write(rowsWithCursor(table, 100, 5000, R"({"n":2})"));
        QVERIFY(!full.ok());
        QCOMPARE(full.error.kind, CacheError::Kind::DiskFull);
        QVERIFY2(full.error.message.contains(u"Free space at "_s + cache.directory()),
            qPrintable(full.error.message));
        QVERIFY2(full.error.message.contains(u"nothing was half-written"_s),
            qPrintable(full.error.message));
        QCOMPARE(cache.rowCount(table.name), 100);
        QCOMPARE(cache.scalar(u"SELECT cursor_json FROM sync_cursor"_s).toString(), u"{\"n\":1}"_s);

        WriteUnit unlimited;
        unlimited.statements.append({u"PRAGMA max_page_count = 1073741823"_s, {}});
        QVERIFY(cache.write(unlimited).ok());
        const WriteResult retried = cache.write(rowsWithCursor(table, 100, 5000, R"({"n":2})"));
        QVERIFY2(retried.ok(), qPrintable(retried.error.message));
        QCOMPARE(cache.rowCount(table.name), 5100);
        QCOMPARE(cache.scalar(u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    }

    void streamCommitsItsPartsTogether()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &table = *cache.definition().tableByName(u"Seg_Cg_CL"_s);
        QList<qint64> recycled;
        std::unique_ptr<RowStream> stream = cache.writer().openStream(
            u"test file"_s, [&recycled](QList<CacheRow> &&rows) { recycled.append(rows.size()); });
        for (int part = 0; part < 3; ++part)
            stream->append({table.name, test::makeRows(table, part * 40, 40)});
        // Rows already inserted are invisible to readers until the end commits.
        QTRY_COMPARE(recycled.size(), 3);
        QCOMPARE(cache.rowCount(table.name), 0);

        WriteUnit rest;
        rest.batches.append({table.name, test::makeRows(table, 100, 30)}); // 20 duplicates
        rest.statements.append(
            {u"INSERT INTO sync_gap (stream_id, part, from_time, to_time, reason, created_at) "
             u"VALUES ('seg.cg', 'receipt', NULL, NULL, CAST(unit_rows_inserted() AS TEXT), "
             u"'now')"_s,
                {}});
        rest.cursors.append({table.connector, table.stream, u"receipt"_s, R"({"file":3})"});
        const WriteResult result = stream->commit(std::move(rest)).result();
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.inserted, 130);
        QCOMPARE(result.duplicates, 20);
        QCOMPARE(cache.rowCount(table.name), 130);
        QCOMPARE(cache.scalar(u"SELECT reason FROM sync_gap"_s).toString(), u"130"_s);
        QCOMPARE(recycled, (QList<qint64> {40, 40, 40}));
    }

    void abandonedStreamLeavesNothing()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &table = *cache.definition().tableByName(u"Seg_Cg_CL"_s);
        auto chain = std::make_shared<WriteChain>();
        {
            std::unique_ptr<RowStream> stream =
                cache.writer().openStream(u"test file"_s, {}, chain);
            stream->append({table.name, test::makeRows(table, 0, 50)});
        } // destroyed without commit(): a failed download
        // On purpose: the chain goes on.
        WriteUnit next = rowsWithCursor(table, 100, 5, R"({"n":1})");
        next.chain = chain;
        const WriteResult written = cache.write(next);
        QVERIFY2(written.ok(), qPrintable(written.error.message));
        QVERIFY(!chain->failure().isError());
        QCOMPARE(cache.rowCount(table.name), 5);
    }

    void failedWriteStopsTheRestOfItsChain()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &table = *cache.definition().tableByName(u"Seg_Cg_CL"_s);
        auto chain = std::make_shared<WriteChain>();
        // Submitted without waiting, as the batch reader does.
        WriteUnit first = rowsWithCursor(table, 0, 10, R"({"n":1})");
        first.chain = chain;
        WriteUnit failing;
        failing.description = u"a broken statement"_s;
        failing.statements.append({u"INSERT INTO no_such_table VALUES (1)"_s, {}});
        failing.chain = chain;
        WriteUnit after = rowsWithCursor(table, 10, 10, R"({"n":2})");
        after.chain = chain;
        QFuture<WriteResult> firstDone = cache.writer().submit(std::move(first));
        QFuture<WriteResult> failed = cache.writer().submit(std::move(failing));
        QFuture<WriteResult> skipped = cache.writer().submit(std::move(after));
        std::unique_ptr<RowStream> stream = cache.writer().openStream(u"test file"_s, {}, chain);
        stream->append({table.name, test::makeRows(table, 20, 10)});
        const WriteResult streamed = stream->commit({}).result();

        QVERIFY(firstDone.result().ok());
        QVERIFY(!failed.result().ok());
        QVERIFY(failed.result().error.message.contains(u"no_such_table"_s));
        // Everything after the failure fails with its error, and nothing of it is written.
        QCOMPARE(skipped.result().error.message, failed.result().error.message);
        QCOMPARE(streamed.error.message, failed.result().error.message);
        QCOMPARE(chain->failure().message, failed.result().error.message);
        QCOMPARE(cache.rowCount(table.name), 10);
        QCOMPARE(cache.scalar(u"SELECT cursor_json FROM sync_cursor"_s).toString(), u"{\"n\":1}"_s);
        // Units outside the chain are not affected.
        QVERIFY(cache.write(rowsWithCursor(table, 40, 3, R"({"n":3})")).ok());
        QCOMPARE(cache.rowCount(table.name), 13);
    }

    void oneWriterTwoReadersConcurrently()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &table = *cache.definition().tableByName(u"Seg_Cg_CL"_s);
        constexpr int kUnits = 200;
        constexpr int kRowsPerUnit = 50;

        std::atomic<bool> writing {true};
        std::atomic<int> observations {0};
        std::atomic<int> violations {0};
        auto reader = [&] {
            CacheError error;
            auto connection = CacheConnection::open(cache.path(), ConnectionOptions {}, &error);
            if (!connection) {
                ++violations;
                return;
            }
            qint64 previous = 0;
            QSqlQuery query(connection->database());
            while (writing.load()) {
                if (!query.exec(u"SELECT count(*), (SELECT cursor_json FROM sync_cursor WHERE "
                                u"stream_id = 'seg.cg') FROM \"Seg_Cg_CL\""_s)
                    || !query.next()) {
                    ++violations;
                    break;
                }
                const qint64 count = query.value(0).toLongLong();
                const QString cursorJson = query.value(1).toString();
                const qint64 cursor =
                    cursorJson.isEmpty() ? 0 : cursorJson.section(u':', 1).chopped(1).toLongLong();
                query.finish();
                // Only whole units are ever visible, the cursor matches the rows it covers,
                // and time never runs backwards.
                if (count % kRowsPerUnit != 0 || count < previous
                    || (count > 0 && cursor != count / kRowsPerUnit))
                    ++violations;
                previous = count;
                ++observations;
            }
        };
        std::unique_ptr<QThread> first(QThread::create(reader));
        std::unique_ptr<QThread> second(QThread::create(reader));
        first->start();
        second->start();

        QList<QFuture<WriteResult>> futures;
        for (int unit = 0; unit < kUnits; ++unit) {
            futures.append(cache.writer().submit(rowsWithCursor(table, qint64(unit) * kRowsPerUnit,
                kRowsPerUnit, QByteArray("{\"units\":") + QByteArray::number(unit + 1) + '}')));
        }
        int failed = 0;
        for (QFuture<WriteResult> &future : futures)
            failed += future.result().ok() ? 0 : 1;
        writing = false;
        first->wait();
        second->wait();

        QCOMPARE(failed, 0);
        QCOMPARE(violations.load(), 0);
        QVERIFY2(observations.load() > 20, qPrintable(QString::number(observations.load())));
        QCOMPARE(cache.rowCount(table.name), qint64(kUnits) * kRowsPerUnit);
    }
};

QTEST_GUILESS_MAIN(TestCacheWriter)
#include "tst_cachewriter.moc"
