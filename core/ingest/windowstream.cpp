#include "ingest/windowstream.h"

#include "mimecast/mimecastclient.h"
#include "mimecast/pager.h"
#include "util/timeformat.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(WindowStream)
    };

    struct Endpoint
    {
        QLatin1StringView stream;
        QLatin1StringView path;
        QLatin1StringView recordsKey;
    };

    constexpr Endpoint kEndpoints[] = {
        {"seg.dlp"_L1, "/api/dlp/get-logs"_L1, "dlpLogs"_L1},
        {"ttp.url"_L1, "/api/ttp/url/get-logs"_L1, "clickLogs"_L1},
        {"ttp.attachment"_L1, "/api/ttp/attachment/get-logs"_L1, "attachmentLogs"_L1},
        {"ttp.impersonation"_L1, "/api/ttp/impersonation/get-logs"_L1, "impersonationLogs"_L1},
        {"audit.audit"_L1, "/api/audit/get-audit-events"_L1, ""_L1},
    };

    const Endpoint *endpointFor(const QString &stream)
    {
        for (const Endpoint &endpoint : kEndpoints) {
            if (stream == endpoint.stream)
                return &endpoint;
        }
        return nullptr;
    }

    QDateTime truncateToSecond(const QDateTime &time)
    {
        return QDateTime::fromMSecsSinceEpoch(
            time.toMSecsSinceEpoch() / 1000 * 1000, QTimeZone::utc());
    }

    /// The cursor of a window stream (connectors.md §2.4), with the JSON field names of the spec.
    struct WindowCursor
    {
        QDateTime windowFrom;
        QDateTime windowTo;
        QString pageToken;
        int pageNo = 1;
        QString newestEventTime;
        QDateTime completedTo;
        int attempts = 0;
        QString lastError;
        QDateTime backfillFrom; ///< Backfill part only: the start floor it began from.
        QDateTime backfillTo; ///< Backfill part only: the fixed upper bound of its windows.

        /// A backfill cursor whose windows reached backfill_to.
        bool backfillFinished() const
        {
            return completedTo.isValid() && completedTo >= backfillTo && pageToken.isEmpty();
        }

        static WindowCursor fromJson(const QJsonObject &object)
        {
            WindowCursor cursor;
            cursor.windowFrom = parseUtc(object.value("window_from"_L1).toString());
            cursor.windowTo = parseUtc(object.value("window_to"_L1).toString());
            cursor.pageToken = object.value("page_token"_L1).toString();
            cursor.pageNo = std::max(1, object.value("page_no"_L1).toInt(1));
            cursor.newestEventTime = object.value("newest_event_time"_L1).toString();
            cursor.completedTo = parseUtc(object.value("completed_to"_L1).toString());
            cursor.attempts = object.value("attempts"_L1).toInt();
            cursor.lastError = object.value("last_error"_L1).toString();
            cursor.backfillFrom = parseUtc(object.value("backfill_from"_L1).toString());
            cursor.backfillTo = parseUtc(object.value("backfill_to"_L1).toString());
            return cursor;
        }

        QByteArray toJson() const
        {
            auto text = [](const QString &value) {
                return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
            };
            QJsonObject object {{u"window_from"_s, text(formatUtc(windowFrom))},
                {u"window_to"_s, text(formatUtc(windowTo))}, {u"page_token"_s, text(pageToken)},
                {u"page_no"_s, pageNo}, {u"newest_event_time"_s, text(newestEventTime)},
                {u"completed_to"_s, text(formatUtc(completedTo))}, {u"attempts"_s, attempts},
                {u"last_error"_s, text(lastError)}};
            if (backfillTo.isValid()) {
                object.insert(u"backfill_from"_s, formatUtc(backfillFrom));
                object.insert(u"backfill_to"_s, formatUtc(backfillTo));
            }
            return QJsonDocument(object).toJson(QJsonDocument::Compact);
        }
    };

    /// The window loop (§2.4 steps 2–7) for the cursor \a part ("" or "backfill"), from the
    /// start floor up to \a end (now, or backfill_to). std::nullopt once the windows reach
    /// \a end; otherwise the result that ends the run (failure, quarantine, cancel).
    std::optional<StreamRunResult> walkWindows(StreamRunContext &context, const Endpoint &endpoint,
        const QString &part, WindowCursor &cursor, const QDateTime &floor, const QDateTime &end,
        StreamRunStats &stats)
    {
        const TableDef &table = context.table();
        const bool audit = table.stream == "audit.audit"_L1;
        const IngestSettings &settings = context.settings();
        const qint64 quietRescanMs = std::min<qint64>(3600 * 1000, settings.windowCapMs / 2);

        bool tokenResetUsed = false;
        for (;;) {
            if (context.isCancelled())
                return StreamRunner::fromApiError(
                    ApiError {ApiError::Kind::Cancelled, 0, Tr::tr("Cancelled."), {}, false},
                    stats);

            // 2. The next window, unless a page of the current one is pending (resume, step 6).
            if (cursor.pageToken.isEmpty()) {
                QDateTime lower = floor;
                if (const QDateTime newest = parseUtc(cursor.newestEventTime); newest.isValid())
                    lower = std::max(lower, truncateToSecond(newest.addMSecs(-settings.overlapMs)));
                if (cursor.completedTo.isValid())
                    lower = std::max(lower, cursor.completedTo.addMSecs(-quietRescanMs));
                if ((cursor.completedTo.isValid() && cursor.completedTo >= end) || lower >= end)
                    break; // caught up
                const QDateTime upper = std::min(lower.addMSecs(settings.windowCapMs), end);
                cursor.windowFrom = lower;
                cursor.windowTo = upper;
                cursor.pageNo = 1;
            }

            QJsonObject filter;
            const QString zone = audit ? u"+0000"_s : u"Z"_s;
            const QString from = cursor.windowFrom.toString(u"yyyy-MM-ddTHH:mm:ss"_s) + zone;
            const QString to = cursor.windowTo.toString(u"yyyy-MM-ddTHH:mm:ss"_s) + zone;
            if (audit) {
                filter.insert(u"startDateTime"_s, from);
                filter.insert(u"endDateTime"_s, to);
            } else {
                filter.insert(u"from"_s, from);
                filter.insert(u"to"_s, to);
                filter.insert(u"oldestFirst"_s, true);
            }
            ApiPager pager(context.client(), QString(endpoint.path), filter,
                QString(endpoint.recordsKey), settings.pageSize);
            pager.resumeFrom(cursor.pageToken);

            // 3. Page through the window, one transaction per page.
            for (;;) {
                ApiError error;
                std::optional<Page> page = pager.next(&error);
                if (!page) {
                    const bool tokenProblem = error.pageTokenRejected;
                    if (tokenProblem && !tokenResetUsed) {
                        // 6. The token-reset path: restart this window from L once.
                        tokenResetUsed = true;
                        cursor.pageToken.clear();
                        cursor.pageNo = 1;
                        pager.resumeFrom(QString());
                        continue;
                    }
                    if (!tokenProblem && error.kind != ApiError::Kind::BadData)
                        return StreamRunner::fromApiError(error, stats);
                    // 7. A failed page attempt, counted across runs.
                    ++cursor.attempts;
                    cursor.lastError = error.message;
                    WriteUnit failed;
                    failed.description = Tr::tr("a failed page attempt of %1").arg(table.stream);
                    failed.cursors.append({table.connector, table.stream, part, cursor.toJson()});
                    if (cursor.attempts >= settings.maxPageAttempts) {
                        failed.statements.append(
                            {u"INSERT INTO sync_quarantine_page (stream_id, part, window_from, "
                             u"window_to, page_no, page_token, attempts, last_error, created_at) "
                             u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                                {table.stream, part, formatUtc(cursor.windowFrom),
                                    formatUtc(cursor.windowTo), cursor.pageNo,
                                    cursor.pageToken.isEmpty() ? QVariant() : cursor.pageToken,
                                    cursor.attempts, cursor.lastError, formatUtc(context.now())}});
                        ++stats.quarantined;
                    }
                    const WriteResult written = context.commit(std::move(failed));
                    if (!written.ok())
                        return StreamRunner::fromCacheError(written.error, stats);
                    StreamRunResult result = StreamRunner::fromApiError(error, stats);
                    result.stats = stats;
                    if (cursor.attempts >= settings.maxPageAttempts) {
                        result.outcome = StreamOutcome::Waiting;
                        result.message =
                            Tr::tr("Page %1 of the window %2 – %3 failed %4 times and is "
                                   "quarantined: %5. Retry it or skip the window on the "
                                   "health page.")
                                .arg(cursor.pageNo)
                                .arg(formatUtc(cursor.windowFrom), formatUtc(cursor.windowTo))
                                .arg(cursor.attempts)
                                .arg(error.message);
                    } else {
                        result.outcome = StreamOutcome::Interrupted;
                    }
                    return result;
                }

                WriteUnit unit;
                unit.description = Tr::tr("page %1 of %2").arg(cursor.pageNo).arg(table.stream);
                RowBatch batch = context.mapRecords(page->records,
                    context.sourceJson(QString(),
                        u"%1..%2#%3"_s.arg(formatUtc(cursor.windowFrom), formatUtc(cursor.windowTo))
                            .arg(cursor.pageNo)),
                    QString(), QString(), &stats);
                // newest_event_time: only the records' own times, capped at U, never the future.
                const QString cap = formatUtc(cursor.windowTo);
                for (const CacheRow &row : std::as_const(batch.rows)) {
                    if (!row.eventTimeMissing && !row.eventTime.isEmpty() && row.eventTime <= cap
                        && row.eventTime > cursor.newestEventTime)
                        cursor.newestEventTime = row.eventTime;
                }
                unit.batches.append(std::move(batch));
                if (page->hasMore) {
                    cursor.pageToken = page->nextToken;
                    ++cursor.pageNo;
                } else {
                    // 4. Window done, in the same transaction as its last page.
                    cursor.pageToken.clear();
                    cursor.pageNo = 1;
                    cursor.completedTo = cursor.windowTo;
                }
                // Failed attempts stay counted until the page that failed (or a later one)
                // commits: a replayed first page after a token reset does not clear them.
                if (!tokenResetUsed || !page->usedToken.isEmpty() || !page->hasMore) {
                    cursor.attempts = 0;
                    cursor.lastError.clear();
                }
                unit.cursors.append({table.connector, table.stream, part, cursor.toJson()});
                const WriteResult written = context.commit(std::move(unit));
                if (!written.ok())
                    return StreamRunner::fromCacheError(written.error, stats);
                stats.added += written.inserted;
                stats.duplicates += written.duplicates;
                ++stats.pages;
                context.reportProgress(stats);
                if (!page->hasMore)
                    break;
                if (context.isCancelled())
                    return StreamRunner::fromApiError(
                        ApiError {ApiError::Kind::Cancelled, 0, Tr::tr("Cancelled."), {}, false},
                        stats);
            }
            tokenResetUsed = false;
            // 5. Repeat until the window reaches the end.
            if (cursor.windowTo >= end)
                break;
        }

        return std::nullopt;
    }

} // namespace

bool WindowStreamRunner::handles(const QString &streamId)
{
    return endpointFor(streamId) != nullptr;
}

StreamRunResult WindowStreamRunner::run(StreamRunContext &context)
{
    const TableDef &table = context.table();
    const Endpoint *endpoint = endpointFor(table.stream);
    Q_ASSERT(endpoint);
    const bool audit = table.stream == "audit.audit"_L1;
    const IngestSettings &settings = context.settings();
    StreamRunStats stats;

    CacheError cacheError;
    WindowCursor cursor = WindowCursor::fromJson(context.readCursor(QString(), &cacheError));
    if (cacheError.isError())
        return fromCacheError(cacheError, stats);

    if (std::optional<StreamRunResult> held = heldByQuarantinedPage(context))
        return *held;

    const QDateTime now = truncateToSecond(context.now());
    // 1. The start floor S (§2.4 step 1).
    QDateTime floor = settings.startDate.isValid()
        ? QDateTime(settings.startDate, QTime(0, 0), QTimeZone::utc())
        : now.addDays(-60);
    floor = std::max(floor, now.addDays(-settings.retentionDays));
    const QDateTime requested = floor;
    QDateTime historyLimit;
    if (audit) {
        historyLimit = now.addDays(-60).addSecs(600);
        if (floor < historyLimit) {
            // Recorded once, when the stream starts: the clamped range cannot be fetched.
            if (settings.startDate.isValid() && !cursor.windowFrom.isValid()
                && !cursor.completedTo.isValid()) {
                WriteUnit gap;
                gap.description = Tr::tr("the audit history gap");
                gap.statements.append(context.gapStatement(QString(), formatUtc(floor),
                    formatUtc(historyLimit), Tr::tr("beyond Mimecast audit history")));
                const WriteResult written = context.commit(std::move(gap));
                if (!written.ok())
                    return fromCacheError(written.error, stats);
                ++stats.gaps;
            }
            floor = historyLimit;
        }
    }

    // The one-off backfill (§2.4): a start floor earlier than the oldest stored event walks
    // the window loop up to that event's time, fixed in the backfill cursor when it starts.
    const QString backfillPart = u"backfill"_s;
    WindowCursor backfill = WindowCursor::fromJson(context.readCursor(backfillPart, &cacheError));
    if (cacheError.isError())
        return fromCacheError(cacheError, stats);
    bool backfillRuns = backfill.backfillTo.isValid() && !backfill.backfillFinished();
    if (!backfillRuns && !(backfill.backfillFrom.isValid() && floor >= backfill.backfillFrom)) {
        const QDateTime oldest = parseUtc(context.oldestEventTime(&cacheError));
        if (cacheError.isError())
            return fromCacheError(cacheError, stats);
        if (oldest.isValid() && floor < oldest) {
            backfill = WindowCursor {};
            backfill.backfillFrom = floor;
            // Whole seconds, rounded up: the window filters have no milliseconds.
            backfill.backfillTo = truncateToSecond(oldest.addMSecs(999));
            backfillRuns = true;
            WriteUnit start;
            start.description = Tr::tr("the backfill of %1").arg(table.stream);
            if (settings.startDate.isValid() && requested < floor) {
                start.statements.append(context.gapStatement(backfillPart, formatUtc(requested),
                    formatUtc(historyLimit), Tr::tr("beyond Mimecast audit history")));
                ++stats.gaps;
            }
            start.cursors.append({table.connector, table.stream, backfillPart, backfill.toJson()});
            const WriteResult written = context.commit(std::move(start));
            if (!written.ok())
                return fromCacheError(written.error, stats);
        }
    }
    // A quarantined backfill page holds the backfill only; the main cursor goes on.
    const qint64 backfillHeld =
        backfillRuns ? context.quarantinedPages(backfillPart, &cacheError) : 0;
    if (cacheError.isError())
        return fromCacheError(cacheError, stats);
    if (backfillRuns && backfillHeld == 0) {
        if (std::optional<StreamRunResult> ended = walkWindows(
                context, *endpoint, backfillPart, backfill, floor, backfill.backfillTo, stats))
            return *ended;
    }

    if (std::optional<StreamRunResult> ended =
            walkWindows(context, *endpoint, QString(), cursor, floor, now, stats))
        return *ended;

    WriteUnit counters;
    counters.description = Tr::tr("the counters of %1").arg(table.stream);
    counters.statements.append(context.streamCountersStatement(stats));
    const WriteResult written = context.commit(std::move(counters));
    if (!written.ok())
        return fromCacheError(written.error, stats);
    StreamRunResult result;
    result.stats = stats;
    if (backfillHeld > 0) {
        result.outcome = StreamOutcome::Waiting;
        result.message = Tr::tr(
            "A quarantined page holds the backfill of %1: retry or skip it on the health page.")
                             .arg(table.stream);
    }
    return result;
}

} // namespace msc
