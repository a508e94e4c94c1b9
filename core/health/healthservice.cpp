#include "health/healthservice.h"

#include "ingest/snapshotstream.h"
#include "storage/cachedatabase.h"
#include "util/timeformat.h"

#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    // Queries. Identifiers are fixed; every value is bound.
    const QString kHistorySql = u"SELECT id, stream_id, trigger, started_at, finished_at, outcome, "
                                u"rows_added, duplicates, pages, files, bytes, quarantined, "
                                u"error_kind, error FROM job_run ORDER BY started_at DESC, id DESC "
                                u"LIMIT ?"_s;
    const QString kQuarantinedFilesSql =
        u"SELECT connector_id, stream_id, type, file_key, attempts, last_error, updated_at, "
        u"min_event_time, max_event_time FROM batch_file WHERE state = 'quarantined' "
        u"ORDER BY updated_at, stream_id, type, file_key"_s;
    const QString kQuarantinedPagesSql =
        u"SELECT id, stream_id, part, window_from, window_to, snapshot_id, campaign_id, page_no, "
        u"attempts, last_error, created_at FROM sync_quarantine_page WHERE state = 'quarantined' "
        u"ORDER BY id"_s;
    const QString kQuarantinedLinesSql =
        u"SELECT id, stream_id, part, source, line_no, length, reason, created_at "
        u"FROM sync_quarantine_line WHERE state = 'quarantined' ORDER BY id LIMIT ?"_s;
    const QString kQuarantinedLineCountSql =
        u"SELECT count(*) FROM sync_quarantine_line WHERE state = 'quarantined'"_s;
    const QString kBlockedStreamsSql =
        u"SELECT stream_id, last_error FROM sync_stream WHERE state = 'blocked'"_s;
    const QString kPageStateSql = u"SELECT state FROM sync_quarantine_page WHERE id = ?"_s;

    // Actions, in the order they run inside their unit: the state change comes last, so the
    // statements before it can still see the item as quarantined.
    const QString kAcknowledgeGapSql = u"UPDATE sync_gap SET acknowledged = 1 WHERE id = ?"_s;
    const QString kPurgeLinesSql = u"UPDATE sync_quarantine_line SET text_prefix = NULL, "
                                   u"state = 'purged' WHERE state = 'quarantined'"_s;
    const QString kRetryPageSql = u"UPDATE sync_quarantine_page SET state = 'retried' "
                                  u"WHERE id = ? AND state = 'quarantined'"_s;
    const QString kRetryFileSql =
        u"UPDATE batch_file SET state = 'pending', attempts = 0, updated_at = ?1 "
        u"WHERE stream_id = ?2 AND type = ?3 AND file_key = ?4 AND state = 'quarantined'"_s;
    const QString kWindowPageGapSql =
        u"INSERT INTO sync_gap (stream_id, part, from_time, to_time, reason, created_at) "
        u"SELECT stream_id, part, window_from, window_to, ?1, ?2 FROM sync_quarantine_page "
        u"WHERE id = ?3 AND state = 'quarantined'"_s;
    // The window cursor, read and rewritten in SQL inside the same transaction, so the
    // rewrite cannot work on a stale copy: completed_to = U, the page token cleared
    // (connectors.md §2.4 step 7).
    const QString kWindowPageCursorSql =
        u"UPDATE sync_cursor SET cursor_json = json_set(cursor_json, '$.completed_to', "
        u"q.window_to, '$.page_token', NULL, '$.page_no', 1, '$.attempts', 0, "
        u"'$.last_error', NULL), updated_at = ?1 FROM (SELECT stream_id, part, window_to "
        u"FROM sync_quarantine_page WHERE id = ?2 AND state = 'quarantined') AS q "
        u"WHERE sync_cursor.stream_id = q.stream_id AND sync_cursor.part = q.part"_s;
    const QString kSkipPageSql = u"UPDATE sync_quarantine_page SET state = 'skipped' "
                                 u"WHERE id = ? AND state = 'quarantined'"_s;
    const QString kFileGapSql =
        u"INSERT INTO sync_gap (stream_id, part, from_time, to_time, reason, created_at) "
        u"SELECT stream_id, type, min_event_time, max_event_time, CASE WHEN min_event_time IS "
        u"NULL OR max_event_time IS NULL THEN ?1 ELSE ?2 END, ?3 FROM batch_file "
        u"WHERE stream_id = ?4 AND type = ?5 AND file_key = ?6 AND state = 'quarantined'"_s;
    const QString kFileStateSql =
        u"UPDATE batch_file SET state = ?1, updated_at = ?2 "
        u"WHERE stream_id = ?3 AND type = ?4 AND file_key = ?5 AND state = 'quarantined'"_s;

    CacheError queryError(
        const CacheConnection &connection, const QSqlQuery &query, const QString &action)
    {
        CacheError error = CacheError::fromSqlite(connection.handle(),
            sqlite3_errcode(connection.handle()), connection.filePath(), action);
        if (error.kind == CacheError::Kind::Other)
            error.message += u' ' + query.lastError().text();
        return error;
    }

    WriteUnit closeFile(const QuarantineItem &file, const QString &state, const QString &unknown,
        const QString &known, const QDateTime &now)
    {
        const QString at = formatUtc(now);
        WriteUnit unit;
        unit.statements.append(
            {kFileGapSql, {unknown, known, at, file.stream, file.part, file.source}});
        unit.statements.append({kFileStateSql, {state, at, file.stream, file.part, file.source}});
        return unit;
    }

} // namespace

bool QuarantineItem::expiredAtSource() const
{
    // The batch runner's reason (connectors.md §2.5 step 6), as stored, in either language.
    return kind == Kind::File
        && (lastError == "expired at source"_L1
            || lastError == QCoreApplication::translate("BatchStream", "expired at source"));
}

HealthOverview HealthService::load(
    const QString &cachePath, const SchemaDefinition &definition, int historyLimit, int lineLimit)
{
    HealthOverview overview;
    {
        std::unique_ptr<CacheReader> reader =
            CacheReader::open(cachePath, definition, &overview.error);
        if (!reader)
            return overview;
        overview.streams = reader->streamHealth(&overview.error);
        if (!overview.error.isError())
            overview.gaps = reader->gaps(&overview.error);
        if (overview.error.isError())
            return overview;
    }
    std::unique_ptr<CacheConnection> connection =
        CacheConnection::open(cachePath, ConnectionOptions {}, &overview.error);
    if (!connection)
        return overview;
    overview.history = runHistory(*connection, historyLimit, &overview.error);
    if (!overview.error.isError())
        overview.quarantine =
            quarantine(*connection, lineLimit, &overview.quarantinedLines, &overview.error);
    return overview;
}

QHash<QString, QString> HealthService::blockedStreams(const QString &cachePath, CacheError *error)
{
    QHash<QString, QString> blocked;
    CacheError openError;
    std::unique_ptr<CacheConnection> connection =
        CacheConnection::open(cachePath, ConnectionOptions {}, &openError);
    if (!connection) {
        if (error)
            *error = openError;
        return blocked;
    }
    QSqlQuery query(connection->database());
    if (!query.exec(kBlockedStreamsSql)) {
        if (error)
            *error = queryError(*connection, query, tr("read the blocked streams"));
        return blocked;
    }
    while (query.next())
        blocked.insert(query.value(0).toString(), query.value(1).toString());
    return blocked;
}

QList<JobRunEntry> HealthService::runHistory(
    const CacheConnection &connection, int limit, CacheError *error)
{
    QSqlQuery query(connection.database());
    query.prepare(kHistorySql);
    query.addBindValue(limit);
    QList<JobRunEntry> runs;
    if (!query.exec()) {
        if (error)
            *error = queryError(connection, query, tr("read the run history"));
        return runs;
    }
    while (query.next()) {
        JobRunEntry run;
        run.id = query.value(0).toLongLong();
        run.stream = query.value(1).toString();
        run.trigger = query.value(2).toString();
        run.startedAt = query.value(3).toString();
        run.finishedAt = query.value(4).toString();
        run.outcome = query.value(5).toString();
        run.rowsAdded = query.value(6).toLongLong();
        run.duplicates = query.value(7).toLongLong();
        run.pages = query.value(8).toLongLong();
        run.files = query.value(9).toLongLong();
        run.bytes = query.value(10).toLongLong();
        run.quarantined = query.value(11).toLongLong();
        run.errorKind = query.value(12).toString();
        run.error = query.value(13).toString();
        runs.append(run);
    }
    return runs;
}

QList<QuarantineItem> HealthService::quarantine(
    const CacheConnection &connection, int lineLimit, qint64 *lineCount, CacheError *error)
{
    QList<QuarantineItem> items;
    QSqlDatabase db = connection.database();

    QSqlQuery files(db);
    if (!files.exec(kQuarantinedFilesSql)) {
        if (error)
            *error = queryError(connection, files, tr("read the quarantined files"));
        return {};
    }
    while (files.next()) {
        QuarantineItem item;
        item.kind = QuarantineItem::Kind::File;
        item.connector = files.value(0).toString();
        item.stream = files.value(1).toString();
        item.part = files.value(2).toString();
        item.source = files.value(3).toString();
        item.attempts = files.value(4).toInt();
        item.lastError = files.value(5).toString();
        item.createdAt = files.value(6).toString();
        item.minEventTime = files.value(7).toString();
        item.maxEventTime = files.value(8).toString();
        items.append(item);
    }

    QSqlQuery pages(db);
    if (!pages.exec(kQuarantinedPagesSql)) {
        if (error)
            *error = queryError(connection, pages, tr("read the quarantined pages"));
        return {};
    }
    while (pages.next()) {
        QuarantineItem item;
        item.kind = QuarantineItem::Kind::Page;
        item.id = pages.value(0).toLongLong();
        item.stream = pages.value(1).toString();
        item.part = pages.value(2).toString();
        item.windowFrom = pages.value(3).toString();
        item.windowTo = pages.value(4).toString();
        item.snapshotId = pages.value(5).toString();
        item.campaignId = pages.value(6).toString();
        item.pageNo = pages.value(7).toInt();
        item.attempts = pages.value(8).toInt();
        item.lastError = pages.value(9).toString();
        item.createdAt = pages.value(10).toString();
        items.append(item);
    }

    QSqlQuery count(db);
    if (!count.exec(kQuarantinedLineCountSql) || !count.next()) {
        if (error)
            *error = queryError(connection, count, tr("count the quarantined lines"));
        return {};
    }
    if (lineCount)
        *lineCount = count.value(0).toLongLong();

    QSqlQuery lines(db);
    lines.prepare(kQuarantinedLinesSql);
    lines.addBindValue(lineLimit);
    if (!lines.exec()) {
        if (error)
            *error = queryError(connection, lines, tr("read the quarantined lines"));
        return {};
    }
    while (lines.next()) {
        QuarantineItem item;
        item.kind = QuarantineItem::Kind::Line;
        item.id = lines.value(0).toLongLong();
        item.stream = lines.value(1).toString();
        item.part = lines.value(2).toString();
        item.source = lines.value(3).toString();
        item.lineNo = lines.value(4).toLongLong();
        item.length = lines.value(5).toLongLong();
        item.lastError = lines.value(6).toString();
        item.createdAt = lines.value(7).toString();
        items.append(item);
    }
    return items;
}

WriteUnit HealthService::acknowledgeGaps(const QList<qint64> &ids)
{
    WriteUnit unit;
    unit.description = tr("acknowledging %n gap(s)", nullptr, int(ids.size()));
    for (const qint64 id : ids)
        unit.statements.append({kAcknowledgeGapSql, {id}});
    return unit;
}

WriteUnit HealthService::purgeQuarantinedLines()
{
    WriteUnit unit;
    unit.description = tr("purging the quarantined lines");
    unit.statements.append({kPurgeLinesSql, {}});
    return unit;
}

WriteUnit HealthService::retry(const QuarantineItem &item, const QDateTime &now)
{
    WriteUnit unit;
    if (item.kind == QuarantineItem::Kind::Page) {
        unit.description = tr("retrying page %1 of %2").arg(item.pageNo).arg(item.stream);
        unit.statements.append({kRetryPageSql, {item.id}});
    } else if (item.kind == QuarantineItem::Kind::File) {
        unit.description = tr("retrying the file %1 of %2").arg(item.source, item.stream);
        unit.statements.append(
            {kRetryFileSql, {formatUtc(now), item.stream, item.part, item.source}});
    }
    return unit;
}

WriteUnit HealthService::skipWindowPage(const QuarantineItem &page, const QDateTime &now)
{
    const QString at = formatUtc(now);
    WriteUnit unit;
    unit.description = tr("skipping page %1 of %2").arg(page.pageNo).arg(page.stream);
    unit.statements.append({kWindowPageGapSql, {tr("page skipped"), at, page.id}});
    unit.statements.append({kWindowPageCursorSql, {at, page.id}});
    unit.statements.append({kSkipPageSql, {page.id}});
    return unit;
}

WriteUnit HealthService::skipFile(const QuarantineItem &file, const QDateTime &now)
{
    WriteUnit unit =
        closeFile(file, u"skipped"_s, tr("file skipped: unknown range, file %1").arg(file.source),
            tr("file skipped: %1").arg(file.source), now);
    unit.description = tr("skipping the file %1 of %2").arg(file.source, file.stream);
    return unit;
}

WriteUnit HealthService::acceptPartialFile(const QuarantineItem &file, const QDateTime &now)
{
    WriteUnit unit = closeFile(file, u"partial"_s,
        tr("file accepted as partial (no rows kept): unknown range, file %1").arg(file.source),
        tr("file accepted as partial (no rows kept): %1").arg(file.source), now);
    unit.description = tr("accepting the file %1 of %2 as partial").arg(file.source, file.stream);
    return unit;
}

WriteUnit HealthService::skip(const QString &cachePath, const SchemaDefinition &definition,
    const QuarantineItem &item, const QDateTime &now, CacheError *error)
{
    if (item.kind == QuarantineItem::Kind::File)
        return skipFile(item, now);
    if (item.kind != QuarantineItem::Kind::Page)
        return {};
    if (!SnapshotStreamRunner::handles(item.stream))
        return skipWindowPage(item, now);

    // An awareness page: its skip moves the snapshot cursor past the rest of the list or
    // campaign, which the snapshot runner computes from the cursor as stored.
    const TableDef *table = definition.tableByStream(item.stream);
    if (!table) {
        if (error)
            *error = CacheError::make(CacheError::Kind::Other, cachePath,
                tr("The stream %1 is not in the table definition.").arg(item.stream));
        return {};
    }
    CacheError readError;
    std::unique_ptr<CacheReader> reader = CacheReader::open(cachePath, definition, &readError);
    QJsonObject cursor;
    if (reader)
        cursor = reader->cursors(item.stream, &readError).value(item.part);
    if (!readError.isError()) {
        // The snapshot runner's unit records its gap unconditionally: make sure the page is
        // still waiting, so a second click records no second gap.
        std::unique_ptr<CacheConnection> connection =
            CacheConnection::open(cachePath, ConnectionOptions {}, &readError);
        if (connection) {
            QSqlQuery state(connection->database());
            state.prepare(kPageStateSql);
            state.addBindValue(item.id);
            if (!state.exec())
                readError = queryError(*connection, state, tr("read the quarantined page"));
            else if (!state.next() || state.value(0).toString() != "quarantined"_L1)
                return {};
        }
    }
    if (readError.isError()) {
        if (error)
            *error = readError;
        return {};
    }
    return SnapshotStreamRunner::skipQuarantinedPage(*table, cursor, item.id, now);
}

} // namespace msc
