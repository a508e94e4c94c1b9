// The health page's queries and admin actions on a real cache: quarantined pages, files and
// lines and gaps are inserted with bound statements, each action's unit is committed through
// the single writer, and the resulting states, gaps and cursors are checked.
#include "health/healthservice.h"
#include "ingest/streamrun.h"
#include "mimecast/mimecastclient.h"
#include "testcache.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

const QDateTime kNow = QDateTime(QDate(2025, 6, 2), QTime(10, 0), QTimeZone::utc());

} // namespace

class TestHealthService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestCache> m_cache;

    HealthOverview load() { return HealthService::load(m_cache->path(), m_cache->definition()); }

    const QuarantineItem *find(const HealthOverview &overview, QuarantineItem::Kind kind,
        const QString &stream, const QString &source = {})
    {
        for (const QuarantineItem &item : overview.quarantine) {
            if (item.kind == kind && item.stream == stream
                && (source.isEmpty() || item.source == source))
                return &item;
        }
        return nullptr;
    }

    void insertQuarantinedPage(
        const QString &stream, const QString &from, const QString &to, const QString &snapshot = {})
    {
        WriteUnit unit;
        unit.statements.append(
            {u"INSERT INTO sync_quarantine_page (stream_id, part, window_from, window_to, "
             u"snapshot_id, page_no, page_token, attempts, last_error, created_at) VALUES "
             u"(?, '', ?, ?, ?, 3, 'tok-3', 5, 'bad data on page 3', '2025-06-01T00:00:00.000Z')"_s,
                {stream, from.isEmpty() ? QVariant() : from, to.isEmpty() ? QVariant() : to,
                    snapshot.isEmpty() ? QVariant() : snapshot}});
        QVERIFY(m_cache->write(unit).ok());
    }

    void insertQuarantinedFile(const QString &key, const QString &minTime, const QString &maxTime,
        const QString &error = u"truncated gzip"_s)
    {
        WriteUnit unit;
        unit.statements.append(
            {u"INSERT INTO batch_file (connector_id, stream_id, type, file_key, state, attempts, "
             u"last_error, min_event_time, max_event_time, updated_at) VALUES ('seg', 'seg.cg', "
             u"'receipt', ?, 'quarantined', 5, ?, ?, ?, '2025-06-01T01:00:00.000Z')"_s,
                {key, error, minTime.isEmpty() ? QVariant() : minTime,
                    maxTime.isEmpty() ? QVariant() : maxTime}});
        QVERIFY(m_cache->write(unit).ok());
    }

    QJsonObject cursor(const QString &stream)
    {
        const QString json =
            m_cache
                ->scalar(u"SELECT cursor_json FROM sync_cursor WHERE stream_id = '"_s + stream
                    + u"' AND part = ''"_s)
                .toString();
        return QJsonDocument::fromJson(json.toUtf8()).object();
    }

private Q_SLOTS:
    void init()
    {
        m_cache = std::make_unique<test::TestCache>();
        QVERIFY(m_cache->start());
    }

    void cleanup() { m_cache.reset(); }

    void dataQualityAddsUpAcrossRuns()
    {
        // The counters unit a run ends with, twice: the undeclared field names (schema
        // drift) add up per name and come back most frequent first, names as received.
        const TableDef &table = *m_cache->definition().tableByStream(u"seg.cg"_s);
        MimecastClient client({QUrl(u"https://api.services.mimecast.com"_s), u"id"_s, u"secret"_s},
            ClientSettings {}, table.stream);
        StreamRunContext context(
            m_cache->writer(), m_cache->definition(), table, client, IngestSettings {}, nullptr);
        StreamRunStats first;
        first.mapping.coercionWarnings = 3;
        first.mapping.unknownTypes = 1;
        first.mapping.countUndeclared(u"newField"_s, 5);
        first.mapping.countUndeclared(u"<b>x</b>"_s, 1);
        StreamRunStats second;
        second.mapping.coercionWarnings = 2;
        second.mapping.countUndeclared(u"<b>x</b>"_s, 7);
        second.mapping.countUndeclared(u"other"_s, 2);
        for (const StreamRunStats *stats : {&first, &second}) {
            WriteUnit unit;
            unit.statements.append(context.streamCountersStatement(*stats));
            const WriteResult written = m_cache->write(unit);
            QVERIFY2(written.ok(), qPrintable(written.error.message));
        }

        const HealthOverview overview = load();
        QVERIFY2(!overview.error.isError(), qPrintable(overview.error.message));
        const auto health = std::find_if(overview.streams.cbegin(), overview.streams.cend(),
            [&](const StreamHealth &stream) { return stream.stream == table.stream; });
        QVERIFY(health != overview.streams.cend());
        QCOMPARE(health->coercionWarnings, 5);
        QCOMPARE(health->unknownTypes, 1);
        const QList<std::pair<QString, qint64>> expected {
            {u"<b>x</b>"_s, 8}, {u"newField"_s, 5}, {u"other"_s, 2}};
        QCOMPARE(health->undeclaredFields, expected);
        // Other streams have none.
        for (const StreamHealth &stream : overview.streams) {
            if (stream.stream != table.stream)
                QVERIFY(stream.undeclaredFields.isEmpty());
        }
    }

    void loadListsEverything()
    {
        WriteUnit unit;
        for (int i = 0; i < 3; ++i) {
            unit.statements.append(
                {u"INSERT INTO job_run (stream_id, trigger, started_at, finished_at, outcome, "
                 u"rows_added) VALUES ('ttp.url', 'manual', ?, ?, 'ok', ?)"_s,
                    {u"2025-06-01T0%1:00:00.000Z"_s.arg(i), u"2025-06-01T0%1:01:00.000Z"_s.arg(i),
                        i * 10}});
        }
        unit.statements.append(
            {u"INSERT INTO sync_quarantine_line (stream_id, part, source, line_no, length, "
             u"sha256, text_prefix, reason, created_at) VALUES ('seg.cg', 'receipt', 'k1', 7, "
             u"12, 'ab', '<b>x</b>', 'bad JSON', '2025-06-01T00:00:00.000Z')"_s,
                {}});
        unit.statements.append({u"INSERT INTO sync_gap (stream_id, part, from_time, to_time, "
                                u"reason, created_at) VALUES ('seg.cg', 'receipt', NULL, NULL, "
                                u"'beyond retention', '2025-06-01T00:00:00.000Z')"_s,
            {}});
        QVERIFY(m_cache->write(unit).ok());
        insertQuarantinedFile(u"k1"_s, {}, {});
        insertQuarantinedPage(
            u"ttp.url"_s, u"2025-05-01T00:00:00.000Z"_s, u"2025-05-02T00:00:00.000Z"_s);

        const HealthOverview overview = load();
        QVERIFY2(!overview.error.isError(), qPrintable(overview.error.message));
        QCOMPARE(overview.streams.size(), 11);
        QCOMPARE(overview.history.size(), 3);
        QCOMPARE(overview.history.first().startedAt, u"2025-06-01T02:00:00.000Z"_s); // newest
        QCOMPARE(overview.history.first().rowsAdded, 20);
        QCOMPARE(overview.quarantine.size(), 3);
        QCOMPARE(overview.quarantinedLines, 1);
        const QuarantineItem *file = find(overview, QuarantineItem::Kind::File, u"seg.cg"_s);
        QVERIFY(file);
        QCOMPARE(file->part, u"receipt"_s);
        QCOMPARE(file->attempts, 5);
        QVERIFY(file->canRetry() && file->canSkip() && file->canAcceptPartial());
        const QuarantineItem *page = find(overview, QuarantineItem::Kind::Page, u"ttp.url"_s);
        QVERIFY(page);
        QCOMPARE(page->pageNo, 3);
        QCOMPARE(page->windowTo, u"2025-05-02T00:00:00.000Z"_s);
        QVERIFY(page->canRetry() && page->canSkip() && !page->canAcceptPartial());
        const QuarantineItem *line = find(overview, QuarantineItem::Kind::Line, u"seg.cg"_s);
        QVERIFY(line);
        QCOMPARE(line->lineNo, 7);
        QCOMPARE(line->lastError, u"bad JSON"_s);
        QVERIFY(!line->canRetry() && !line->canSkip());
        QCOMPARE(overview.gaps.size(), 1);
    }

    void acknowledgeGaps()
    {
        WriteUnit unit;
        for (int i = 0; i < 2; ++i)
            unit.statements.append({u"INSERT INTO sync_gap (stream_id, reason, created_at) "
                                    u"VALUES ('audit.audit', 'x', '2025-06-01T00:00:00.000Z')"_s,
                {}});
        QVERIFY(m_cache->write(unit).ok());
        const QList<GapEntry> gaps = load().gaps;
        QCOMPARE(gaps.size(), 2);
        const WriteResult result = m_cache->write(HealthService::acknowledgeGaps({gaps.at(1).id}));
        QVERIFY(result.ok());
        QCOMPARE(result.statementChanges, 1);
        const QList<GapEntry> after = load().gaps;
        QCOMPARE(after.size(), 2); // kept in the ledger
        QVERIFY(!after.at(0).acknowledged);
        QVERIFY(after.at(1).acknowledged);
        QCOMPARE(load().streams.at(5).unacknowledgedGaps, 1); // audit.audit
    }

    void purgeLines()
    {
        WriteUnit unit;
        for (int i = 0; i < 2; ++i)
            unit.statements.append(
                {u"INSERT INTO sync_quarantine_line (stream_id, part, source, line_no, length, "
                 u"sha256, text_prefix, reason, created_at) VALUES ('seg.cg', 'receipt', 'k', "
                 u"?, 5, 'ff', 'hello', 'bad', '2025-06-01T00:00:00.000Z')"_s,
                    {i}});
        QVERIFY(m_cache->write(unit).ok());
        QVERIFY(m_cache->write(HealthService::purgeQuarantinedLines()).ok());
        QCOMPARE(m_cache
                     ->scalar(u"SELECT count(*) FROM sync_quarantine_line WHERE state = "
                              u"'purged' AND text_prefix IS NULL AND sha256 = 'ff' AND "
                              u"length = 5"_s)
                     .toInt(),
            2);
        const HealthOverview overview = load();
        QCOMPARE(overview.quarantinedLines, 0);
        QVERIFY(overview.quarantine.isEmpty());
    }

    void retryPage()
    {
        insertQuarantinedPage(
            u"ttp.url"_s, u"2025-05-01T00:00:00.000Z"_s, u"2025-05-02T00:00:00.000Z"_s);
        const HealthOverview overview = load();
        QCOMPARE(overview.quarantine.size(), 1);
        const WriteResult result =
            m_cache->write(HealthService::retry(overview.quarantine.first(), kNow));
        QVERIFY(result.ok());
        QCOMPARE(result.statementChanges, 1);
        QCOMPARE(
            m_cache->scalar(u"SELECT state FROM sync_quarantine_page"_s).toString(), u"retried"_s);
        QVERIFY(load().quarantine.isEmpty());
        QCOMPARE(m_cache->scalar(u"SELECT count(*) FROM sync_gap"_s).toInt(), 0);
    }

    void retryFile()
    {
        insertQuarantinedFile(u"k1"_s, {}, {});
        const QuarantineItem file = load().quarantine.first();
        QVERIFY(m_cache->write(HealthService::retry(file, kNow)).ok());
        QCOMPARE(m_cache->scalar(u"SELECT state || '/' || attempts FROM batch_file"_s).toString(),
            u"pending/0"_s);
        // A second click changes nothing.
        QCOMPARE(m_cache->write(HealthService::retry(file, kNow)).statementChanges, 0);
    }

    void skipWindowPage()
    {
        const QString from = u"2025-05-01T00:00:00.000Z"_s;
        const QString to = u"2025-05-02T00:00:00.000Z"_s;
        WriteUnit cursorUnit;
        const QJsonObject held {{u"window_from"_s, from}, {u"window_to"_s, to},
            {u"page_token"_s, u"tok-3"_s}, {u"page_no"_s, 3},
            {u"newest_event_time"_s, u"2025-05-01T12:00:00.000Z"_s},
            {u"completed_to"_s, u"2025-05-01T00:00:00.000Z"_s}, {u"attempts"_s, 5},
            {u"last_error"_s, u"bad data"_s}};
        cursorUnit.cursors.append({u"ttp"_s, u"ttp.url"_s, QString(),
            QJsonDocument(held).toJson(QJsonDocument::Compact)});
        QVERIFY(m_cache->write(cursorUnit).ok());
        insertQuarantinedPage(u"ttp.url"_s, from, to);

        const QuarantineItem page = load().quarantine.first();
        CacheError error;
        const WriteUnit unit =
            HealthService::skip(m_cache->path(), m_cache->definition(), page, kNow, &error);
        QVERIFY(!error.isError());
        QVERIFY(m_cache->write(unit).ok());

        QCOMPARE(
            m_cache->scalar(u"SELECT state FROM sync_quarantine_page"_s).toString(), u"skipped"_s);
        QCOMPARE(m_cache
                     ->scalar(u"SELECT stream_id || '|' || from_time || '|' || to_time || '|' || "
                              u"reason FROM sync_gap"_s)
                     .toString(),
            u"ttp.url|"_s + from + u'|' + to + u"|page skipped"_s);
        const QJsonObject after = cursor(u"ttp.url"_s);
        QCOMPARE(after.value("completed_to"_L1).toString(), to);
        QVERIFY(after.value("page_token"_L1).isNull());
        QCOMPARE(after.value("page_no"_L1).toInt(), 1);
        QCOMPARE(after.value("attempts"_L1).toInt(), 0);
        QVERIFY(after.value("last_error"_L1).isNull());
        // The rest of the cursor is kept.
        QCOMPARE(after.value("window_from"_L1).toString(), from);
        QCOMPARE(after.value("newest_event_time"_L1).toString(), u"2025-05-01T12:00:00.000Z"_s);

        // Skipping the same page again records no second gap and leaves the cursor alone.
        QCOMPARE(m_cache->write(HealthService::skipWindowPage(page, kNow)).statementChanges, 0);
        QCOMPARE(m_cache->scalar(u"SELECT count(*) FROM sync_gap"_s).toInt(), 1);
        QVERIFY(load().quarantine.isEmpty());
    }

    void skipAwarenessPage()
    {
        const QString snapshot = u"2025-06-01T00:00:00.000Z"_s;
        const QJsonObject held {{u"snapshot_id"_s, snapshot}, {u"page_token"_s, u"t"_s},
            {u"pages_done"_s, 2}, {u"campaign_ids"_s, QJsonArray()}, {u"campaign_pos"_s, 0},
            {u"last_complete_snapshot"_s, QJsonValue::Null}, {u"completed_at"_s, QJsonValue::Null},
            {u"attempts"_s, 5}, {u"last_error"_s, u"bad"_s}};
        WriteUnit cursorUnit;
        cursorUnit.cursors.append({u"awareness"_s, u"awareness.performance"_s, QString(),
            QJsonDocument(held).toJson(QJsonDocument::Compact)});
        QVERIFY(m_cache->write(cursorUnit).ok());
        insertQuarantinedPage(u"awareness.performance"_s, {}, {}, snapshot);

        const QuarantineItem page = load().quarantine.first();
        QCOMPARE(page.snapshotId, snapshot);
        CacheError error;
        const WriteUnit unit =
            HealthService::skip(m_cache->path(), m_cache->definition(), page, kNow, &error);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QVERIFY(m_cache->write(unit).ok());
        QCOMPARE(
            m_cache->scalar(u"SELECT state FROM sync_quarantine_page"_s).toString(), u"skipped"_s);
        QCOMPARE(m_cache->scalar(u"SELECT from_time || '|' || reason FROM sync_gap"_s).toString(),
            snapshot + u"|page skipped"_s);
        const QJsonObject after = cursor(u"awareness.performance"_s);
        QVERIFY(after.value("snapshot_id"_L1).isNull());
        QCOMPARE(after.value("last_complete_snapshot"_L1).toString(), snapshot);

        // Already skipped: the second skip builds nothing.
        const WriteUnit again =
            HealthService::skip(m_cache->path(), m_cache->definition(), page, kNow, &error);
        QVERIFY(again.statements.isEmpty() && again.cursors.isEmpty());
    }

    void skipFile_data()
    {
        QTest::addColumn<QString>("minTime");
        QTest::addColumn<QString>("maxTime");
        QTest::addColumn<bool>("partial");
        QTest::addColumn<QString>("reason");
        QTest::newRow("skip, known range")
            << u"2025-05-01T00:00:00.000Z"_s << u"2025-05-01T04:00:00.000Z"_s << false
            << u"file skipped: key/1"_s;
        QTest::newRow("skip, unknown range")
            << QString() << QString() << false << u"file skipped: unknown range, file key/1"_s;
        QTest::newRow("partial, known range")
            << u"2025-05-01T00:00:00.000Z"_s << u"2025-05-01T04:00:00.000Z"_s << true
            << u"file accepted as partial (no rows kept): key/1"_s;
        QTest::newRow("partial, unknown range")
            << QString() << QString() << true
            << u"file accepted as partial (no rows kept): unknown range, file key/1"_s;
    }

    void skipFile()
    {
        QFETCH(QString, minTime);
        QFETCH(QString, maxTime);
        QFETCH(bool, partial);
        QFETCH(QString, reason);
        insertQuarantinedFile(u"key/1"_s, minTime, maxTime);
        const QuarantineItem file = load().quarantine.first();
        CacheError error;
        const WriteUnit unit = partial
            ? HealthService::acceptPartialFile(file, kNow)
            : HealthService::skip(m_cache->path(), m_cache->definition(), file, kNow, &error);
        QVERIFY(m_cache->write(unit).ok());
        QCOMPARE(m_cache->scalar(u"SELECT state FROM batch_file"_s).toString(),
            partial ? u"partial"_s : u"skipped"_s);
        QCOMPARE(m_cache
                     ->scalar(u"SELECT stream_id || '|' || part || '|' || coalesce(from_time, "
                              u"'-') || '|' || coalesce(to_time, '-') || '|' || reason FROM "
                              u"sync_gap"_s)
                     .toString(),
            u"seg.cg|receipt|"_s + (minTime.isEmpty() ? u"-"_s : minTime) + u'|'
                + (maxTime.isEmpty() ? u"-"_s : maxTime) + u'|' + reason);
        QCOMPARE(m_cache->write(unit).statementChanges, 0); // once only
        QCOMPARE(m_cache->scalar(u"SELECT count(*) FROM sync_gap"_s).toInt(), 1);
        QCOMPARE(load().streams.first().unacknowledgedGaps, 1);
    }

    void expiredFileCanOnlyBeSkipped()
    {
        insertQuarantinedFile(u"gone"_s, {}, {}, u"expired at source"_s);
        const QuarantineItem file = load().quarantine.first();
        QVERIFY(file.expiredAtSource());
        QVERIFY(!file.canRetry());
        QVERIFY(!file.canAcceptPartial());
        QVERIFY(file.canSkip());
    }
};

QTEST_GUILESS_MAIN(TestHealthService)
#include "tst_healthservice.moc"
