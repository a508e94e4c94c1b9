#include "ingest/snapshotstream.h"

#include "mimecast/mimecastclient.h"
#include "mimecast/pager.h"
#include "util/timeformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(SnapshotStream)
    };

    constexpr QLatin1StringView kCampaignListPath =
        "/api/awareness-training/phishing/campaign/get-campaign"_L1;

    struct Endpoint
    {
        QLatin1StringView stream;
        QLatin1StringView path;
        QLatin1StringView recordsKey; ///< Member of data[0] holding the records; empty: data[].
        bool includeUserDetails; ///< Performance details: data [{"includeUserDetails": true}].
        bool perCampaign; ///< User data: one list per campaign, data [{"id": campaignId}].
    };

    constexpr Endpoint kEndpoints[] = {
        {"awareness.performance"_L1, "/api/awareness-training/company/get-performance-details"_L1,
            ""_L1, true, false},
        {"awareness.safescore"_L1, "/api/awareness-training/company/get-safe-score-details"_L1,
            ""_L1, false, false},
        {"awareness.watchlist"_L1, "/api/awareness-training/company/get-watchlist-details"_L1,
            ""_L1, false, false},
        {"awareness.userdata"_L1, "/api/awareness-training/phishing/campaign/get-user-data"_L1,
            "items"_L1, false, true},
    };

    const Endpoint *endpointFor(const QString &stream)
    {
        for (const Endpoint &endpoint : kEndpoints) {
            if (stream == endpoint.stream)
                return &endpoint;
        }
        return nullptr;
    }

    /// The cursor of a snapshot stream (connectors.md §3.8), with the JSON field names of the
    /// spec. An empty snapshotId means no snapshot is in progress.
    struct SnapshotCursor
    {
        QString snapshotId;
        QString pageToken;
        int pagesDone = 0;
        QStringList campaignIds;
        int campaignPos = 0;
        QString lastCompleteSnapshot;
        QString completedAt;
        int attempts = 0;
        QString lastError;

        static SnapshotCursor fromJson(const QJsonObject &object)
        {
            SnapshotCursor cursor;
            cursor.snapshotId = object.value("snapshot_id"_L1).toString();
            cursor.pageToken = object.value("page_token"_L1).toString();
            cursor.pagesDone = std::max(0, object.value("pages_done"_L1).toInt());
            for (const QJsonValue &id : object.value("campaign_ids"_L1).toArray())
                cursor.campaignIds.append(id.toString());
            cursor.campaignPos = std::max(0, object.value("campaign_pos"_L1).toInt());
            cursor.lastCompleteSnapshot = object.value("last_complete_snapshot"_L1).toString();
            cursor.completedAt = object.value("completed_at"_L1).toString();
            cursor.attempts = object.value("attempts"_L1).toInt();
            cursor.lastError = object.value("last_error"_L1).toString();
            return cursor;
        }

        QByteArray toJson() const
        {
            auto text = [](const QString &value) {
                return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
            };
            const QJsonObject object {{u"snapshot_id"_s, text(snapshotId)},
                {u"page_token"_s, text(pageToken)}, {u"pages_done"_s, pagesDone},
                {u"campaign_ids"_s, QJsonArray::fromStringList(campaignIds)},
                {u"campaign_pos"_s, campaignPos},
                {u"last_complete_snapshot"_s, text(lastCompleteSnapshot)},
                {u"completed_at"_s, text(completedAt)}, {u"attempts"_s, attempts},
                {u"last_error"_s, text(lastError)}};
            return QJsonDocument(object).toJson(QJsonDocument::Compact);
        }

        /// Ends the pass: the snapshot becomes the current state, the in-progress fields clear.
        void complete(const QString &at)
        {
            lastCompleteSnapshot = snapshotId;
            completedAt = at;
            snapshotId.clear();
            pageToken.clear();
            pagesDone = 0;
            campaignIds.clear();
            campaignPos = 0;
            attempts = 0;
            lastError.clear();
        }
    };

    StreamRunResult cancelled(const StreamRunStats &stats)
    {
        return StreamRunner::fromApiError(
            ApiError {ApiError::Kind::Cancelled, 0, Tr::tr("Cancelled."), {}, false}, stats);
    }

    /// The campaign ids of the (unpaged) campaign list, in list order, without repeats.
    std::optional<QStringList> fetchCampaignIds(MimecastClient &client, ApiError *error)
    {
        const std::optional<QJsonObject> response =
            client.postApi(QString(kCampaignListPath), QJsonObject(), false, error);
        if (!response)
            return std::nullopt;
        const QJsonValue data = response->value("data"_L1);
        if (!data.isArray()) {
            error->kind = ApiError::Kind::BadData;
            error->httpStatus = 200;
            error->message =
                Tr::tr("The response of %1 has no data list where the campaigns belong.")
                    .arg(kCampaignListPath);
            return std::nullopt;
        }
        QStringList ids;
        for (const QJsonValue &campaign : data.toArray()) {
            const QString id = campaign.toObject().value("id"_L1).toString();
            if (!id.isEmpty() && !ids.contains(id))
                ids.append(id);
        }
        return ids;
    }

} // namespace

bool SnapshotStreamRunner::handles(const QString &streamId)
{
    return endpointFor(streamId) != nullptr;
}

bool SnapshotStreamRunner::snapshotDue(
    const QJsonObject &cursor, const QDateTime &now, qint64 intervalMs)
{
    // An interrupted pass is always continued; otherwise the interval runs from the start of
    // the last complete snapshot (its id), so the cadence does not drift with pass length.
    if (!cursor.value("snapshot_id"_L1).toString().isEmpty())
        return true;
    const QDateTime last = parseUtc(cursor.value("last_complete_snapshot"_L1).toString());
    if (!last.isValid())
        return true;
    return last.msecsTo(now) >= intervalMs;
}

WriteUnit SnapshotStreamRunner::skipQuarantinedPage(
    const TableDef &table, const QJsonObject &cursorJson, qint64 quarantineId, const QDateTime &now)
{
    const Endpoint *endpoint = endpointFor(table.stream);
    Q_ASSERT(endpoint);
    SnapshotCursor cursor = SnapshotCursor::fromJson(cursorJson);
    const QString at = formatUtc(now);
    WriteUnit unit;
    unit.description = Tr::tr("skipping a quarantined page of %1").arg(table.stream);
    unit.statements.append({u"UPDATE sync_quarantine_page SET state = 'skipped' WHERE id = ? AND "
                            u"stream_id = ? AND state <> 'skipped'"_s,
        {quarantineId, table.stream}});
    if (cursor.snapshotId.isEmpty())
        return unit; // Nothing in progress: the page belongs to no current pass.
    unit.statements.append({u"INSERT INTO sync_gap (stream_id, part, from_time, to_time, reason, "
                            u"created_at) VALUES (?, '', ?, ?, ?, ?)"_s,
        {table.stream, cursor.snapshotId, cursor.snapshotId, Tr::tr("page skipped"), at}});
    cursor.pageToken.clear();
    cursor.pagesDone = 0;
    cursor.attempts = 0;
    cursor.lastError.clear();
    if (endpoint->perCampaign)
        ++cursor.campaignPos;
    if (!endpoint->perCampaign || cursor.campaignPos >= cursor.campaignIds.size())
        cursor.complete(at);
    unit.cursors.append({table.connector, table.stream, QString(), cursor.toJson()});
    return unit;
}

StreamRunResult SnapshotStreamRunner::run(StreamRunContext &context)
{
    const TableDef &table = context.table();
    const Endpoint *endpoint = endpointFor(table.stream);
    Q_ASSERT(endpoint);
    const IngestSettings &settings = context.settings();
    StreamRunStats stats;

    CacheError cacheError;
    SnapshotCursor cursor = SnapshotCursor::fromJson(context.readCursor(QString(), &cacheError));
    if (cacheError.isError())
        return fromCacheError(cacheError, stats);

    if (std::optional<StreamRunResult> held = heldByQuarantinedPage(context))
        return *held;

    if (cursor.snapshotId.isEmpty()) {
        // A new snapshot. Its id must sort after the last one even if the clock stepped back,
        // or current-state queries (`_last_seen` = last_complete_snapshot) would mix passes.
        QDateTime start = context.now().toUTC();
        const QDateTime last = parseUtc(cursor.lastCompleteSnapshot);
        if (last.isValid() && start <= last)
            start = last.addMSecs(1);
        cursor.snapshotId = formatUtc(start);
        cursor.pageToken.clear();
        cursor.pagesDone = 0;
        cursor.campaignIds.clear();
        cursor.campaignPos = 0;
        cursor.attempts = 0;
        cursor.lastError.clear();
        if (endpoint->perCampaign) {
            // Frozen for the whole pass, so a resumed pass works the same campaigns.
            ApiError error;
            std::optional<QStringList> ids = fetchCampaignIds(context.client(), &error);
            if (!ids)
                return fromApiError(error, stats);
            cursor.campaignIds = *ids;
        }
        WriteUnit opening;
        opening.description = Tr::tr("the start of a snapshot of %1").arg(table.stream);
        opening.cursors.append({table.connector, table.stream, QString(), cursor.toJson()});
        const WriteResult written = context.commit(std::move(opening));
        if (!written.ok())
            return fromCacheError(written.error, stats);
    }

    bool tokenResetUsed = false;
    while (!cursor.snapshotId.isEmpty()) {
        if (context.isCancelled())
            return cancelled(stats);

        if (endpoint->perCampaign && cursor.campaignPos >= cursor.campaignIds.size()) {
            // Only reached with an empty campaign list: otherwise the last page completes.
            cursor.complete(formatUtc(context.now()));
            WriteUnit done;
            done.description = Tr::tr("the end of a snapshot of %1").arg(table.stream);
            done.cursors.append({table.connector, table.stream, QString(), cursor.toJson()});
            const WriteResult written = context.commit(std::move(done));
            if (!written.ok())
                return fromCacheError(written.error, stats);
            break;
        }

        const QString campaignId =
            endpoint->perCampaign ? cursor.campaignIds.at(cursor.campaignPos) : QString();
        QJsonObject filter;
        if (endpoint->perCampaign)
            filter.insert(u"id"_s, campaignId);
        else if (endpoint->includeUserDetails)
            filter.insert(u"includeUserDetails"_s, true);
        ApiPager pager(context.client(), QString(endpoint->path), filter,
            QString(endpoint->recordsKey), settings.pageSize);
        pager.resumeFrom(cursor.pageToken);
        // The page that the stored attempts belong to. Pages replayed before it after a token
        // reset do not clear them, or a token that is always refused would never reach
        // quarantine.
        int attemptsPage = cursor.attempts > 0 ? cursor.pagesDone + 1 : 0;

        for (;;) {
            ApiError error;
            std::optional<Page> page = pager.next(&error);
            if (!page) {
                const bool tokenProblem = error.pageTokenRejected;
                if (tokenProblem && !tokenResetUsed) {
                    // The token-reset path: this list (or campaign) again from page 1, once.
                    tokenResetUsed = true;
                    cursor.pageToken.clear();
                    cursor.pagesDone = 0;
                    pager.resumeFrom(QString());
                    continue;
                }
                if (!tokenProblem && error.kind != ApiError::Kind::BadData)
                    return fromApiError(error, stats);
                // A failed page attempt, counted across runs (§2.4 step 7).
                const int pageNo = cursor.pagesDone + 1;
                ++cursor.attempts;
                cursor.lastError = error.message;
                attemptsPage = pageNo;
                const bool quarantine = cursor.attempts >= settings.maxPageAttempts;
                WriteUnit failed;
                failed.description = Tr::tr("a failed page attempt of %1").arg(table.stream);
                failed.cursors.append({table.connector, table.stream, QString(), cursor.toJson()});
                if (quarantine) {
                    failed.statements.append(
                        {u"INSERT INTO sync_quarantine_page (stream_id, part, snapshot_id, "
                         u"campaign_id, page_no, page_token, attempts, last_error, created_at) "
                         u"VALUES (?, '', ?, ?, ?, ?, ?, ?, ?)"_s,
                            {table.stream, cursor.snapshotId,
                                campaignId.isEmpty() ? QVariant() : campaignId, pageNo,
                                cursor.pageToken.isEmpty() ? QVariant() : cursor.pageToken,
                                cursor.attempts, cursor.lastError, formatUtc(context.now())}});
                }
                const WriteResult written = context.commit(std::move(failed));
                if (!written.ok())
                    return fromCacheError(written.error, stats);
                StreamRunResult result = fromApiError(error, stats);
                if (quarantine) {
                    ++stats.quarantined;
                    result.stats = stats;
                    result.outcome = StreamOutcome::Waiting;
                    const QString where = campaignId.isEmpty()
                        ? Tr::tr("Page %1 of snapshot %2").arg(pageNo).arg(cursor.snapshotId)
                        : Tr::tr("Page %1 of campaign %2 in snapshot %3")
                              .arg(pageNo)
                              .arg(campaignId, cursor.snapshotId);
                    result.message =
                        Tr::tr("%1 failed %2 times and is quarantined: %3. Retry it or "
                               "skip it on the health page.")
                            .arg(where)
                            .arg(cursor.attempts)
                            .arg(error.message);
                } else {
                    result.outcome = StreamOutcome::Interrupted;
                }
                return result;
            }

            const int pageNo = cursor.pagesDone + 1;
            const QString position = campaignId.isEmpty()
                ? u"%1#%2"_s.arg(cursor.snapshotId).arg(pageNo)
                : u"%1/%2#%3"_s.arg(cursor.snapshotId, campaignId).arg(pageNo);
            WriteUnit unit;
            unit.description = Tr::tr("page %1 of %2").arg(pageNo).arg(table.stream);
            unit.batches.append(context.mapRecords(page->records,
                context.sourceJson(QString(), position), campaignId, cursor.snapshotId, &stats));
            const bool listDone = !page->hasMore;
            if (listDone) {
                cursor.pageToken.clear();
                cursor.pagesDone = 0;
                if (endpoint->perCampaign)
                    ++cursor.campaignPos;
            } else {
                cursor.pageToken = page->nextToken;
                ++cursor.pagesDone;
            }
            if (listDone || pageNo >= attemptsPage) {
                cursor.attempts = 0;
                cursor.lastError.clear();
            }
            // The pass ends in the same transaction as its last page.
            if (listDone
                && (!endpoint->perCampaign || cursor.campaignPos >= cursor.campaignIds.size()))
                cursor.complete(formatUtc(context.now()));
            unit.cursors.append({table.connector, table.stream, QString(), cursor.toJson()});
            const WriteResult written = context.commit(std::move(unit));
            if (!written.ok())
                return fromCacheError(written.error, stats);
            stats.added += written.inserted;
            stats.duplicates += written.duplicates;
            ++stats.pages;
            context.reportProgress(stats);
            if (listDone)
                break;
            if (context.isCancelled())
                return cancelled(stats);
        }
        tokenResetUsed = false;
    }

    WriteUnit counters;
    counters.description = Tr::tr("the counters of %1").arg(table.stream);
    counters.statements.append(context.streamCountersStatement(stats));
    const WriteResult written = context.commit(std::move(counters));
    if (!written.ok())
        return fromCacheError(written.error, stats);
    StreamRunResult result;
    result.stats = stats;
    return result;
}

} // namespace msc
