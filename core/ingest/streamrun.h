#pragma once

#include "ingest/recordmapper.h"
#include "mimecast/apierror.h"
#include "mimecast/clientsettings.h"
#include "storage/cacheerror.h"
#include "storage/cachewriter.h"
#include "storage/tableschema.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace msc {

class CacheConnection;
class MimecastClient;

/// Per-stream ingestion settings (connectors.md §4.1, "Advanced").
struct IngestSettings
{
    qint64 overlapMs = 5 * 60 * 1000;
    qint64 windowCapMs = 24LL * 3600 * 1000;
    int pageSize = 500; ///< /api streams
    int batchPageSize = 10; ///< CG, CI listings
    int maxFileAttempts = 5;
    int maxPageAttempts = 5;
    int retentionDays = 90;
    QDate startDate; ///< Invalid: the stream's default (60 days back, 7 for SIEM).
    QStringList types; ///< CG/CI types to read; empty: all of them.
};

/// Figures of one stream run, as `sync` prints them (cli.md).
struct StreamRunStats
{
    qint64 added = 0;
    qint64 duplicates = 0;
    qint64 pages = 0;
    qint64 files = 0;
    qint64 bytes = 0;
    qint64 quarantined = 0; ///< Items newly quarantined in this run (lines, files, pages).
    qint64 gaps = 0; ///< Gap-ledger entries recorded in this run.
    MappingStats mapping;
};

/// How a run ended (connectors.md §2.1).
enum class StreamOutcome {
    Ok,
    Interrupted, ///< Transient failure after retries; resumes next run.
    Blocked, ///< Needs the admin (credentials, permission, configuration, cache not writable).
    Waiting, ///< A quarantined page or file holds the stream until the admin acts.
    Cancelled,
};

QString streamOutcomeName(StreamOutcome outcome);

struct StreamRunResult
{
    StreamOutcome outcome = StreamOutcome::Ok;
    StreamRunStats stats;
    ApiError apiError; ///< Set when an API failure ended the run.
    CacheError cacheError; ///< Set when the cache could not be written.
    QString message; ///< Admin-facing summary of a failure; empty when OK.
};

/// Everything one stream run needs, living on the run's worker thread: the single writer, a
/// reader connection of its own, the client, the settings and a clock. Runners never touch
/// SQL text of their own for rows; they commit WriteUnits.
class StreamRunContext
{
public:
    StreamRunContext(CacheWriter &writer, const SchemaDefinition &definition, const TableDef &table,
        MimecastClient &client, IngestSettings settings, const CancellationToken *cancel);
    ~StreamRunContext();

    CacheWriter &writer() { return m_writer; }
    const SchemaDefinition &definition() const { return m_definition; }
    const TableDef &table() const { return m_table; }
    MimecastClient &client() { return m_client; }
    const IngestSettings &settings() const { return m_settings; }
    const CancellationToken *cancel() const { return m_cancel; }
    bool isCancelled() const;
    const QString &runId() const { return m_runId; }

    /// "Now" in UTC; injectable for tests.
    QDateTime now() const { return m_now ? m_now() : QDateTime::currentDateTimeUtc(); }
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }

    /// Progress callback: called after each committed page or file and before each wait.
    void setProgressObserver(std::function<void(const StreamRunStats &, const WaitInfo *)> observer)
    {
        m_progress = std::move(observer);
    }
    void reportProgress(const StreamRunStats &stats, const WaitInfo *wait = nullptr) const;

    /// The stored cursor of \a part (empty for window streams' main cursor), or an empty
    /// object if none. Read through this thread's own reader connection.
    QJsonObject readCursor(const QString &part, CacheError *error) const;

    /// Newest `_event_time` of rows with their own event time, optionally only rows whose
    /// \a column equals \a value (CG `Logtype`, CI `type_`); empty if none.
    QString newestEventTime(
        CacheError *error, const QString &column = {}, const QString &value = {}) const;

    /// Oldest `_event_time` of rows with their own event time; empty if none.
    QString oldestEventTime(CacheError *error) const;

    /// Pages of \a part in `sync_quarantine_page` still waiting for the admin.
    qint64 quarantinedPages(const QString &part, CacheError *error) const;

    /// Submits \a unit to the single writer and waits for it (this is a worker thread).
    WriteResult commit(WriteUnit unit);

    /// Helper for building a unit: maps \a records with the table's mapper into one batch and
    /// counts into \a stats.
    RowBatch mapRecords(const QList<QJsonObject> &records, const QString &sourceJson,
        const QString &campaignId, const QString &snapshotId, StreamRunStats *stats) const;

    /// The provenance JSON of `_source` for a page or a file line range.
    QString sourceJson(const QString &part, const QString &position) const;

    /// A BoundStatement that records a gap (connectors.md §2.7).
    BoundStatement gapStatement(
        const QString &part, const QString &from, const QString &to, const QString &reason) const;
    /// A BoundStatement that adds the run's counters to `sync_stream`.
    BoundStatement streamCountersStatement(const StreamRunStats &stats) const;

private:
    CacheWriter &m_writer;
    const SchemaDefinition &m_definition;
    const TableDef &m_table;
    MimecastClient &m_client;
    IngestSettings m_settings;
    const CancellationToken *m_cancel;
    QString m_runId;
    std::function<QDateTime()> m_now;
    std::function<void(const StreamRunStats &, const WaitInfo *)> m_progress;
    std::unique_ptr<RecordMapper> m_mapper;
    mutable std::unique_ptr<CacheConnection> m_reader;
};

/// One kind of stream (window, SIEM batch, awareness snapshot). A runner is used for one
/// run on one worker thread.
class StreamRunner
{
public:
    virtual ~StreamRunner();
    virtual StreamRunResult run(StreamRunContext &context) = 0;

    /// The outcome and message for an API failure (Blocked for fatal kinds, Interrupted for
    /// transient ones, Cancelled).
    static StreamRunResult fromApiError(const ApiError &error, const StreamRunStats &stats);
    static StreamRunResult fromCacheError(const CacheError &error, const StreamRunStats &stats);

    /// Waiting when a quarantined page of the stream (part "") holds it until the admin
    /// retries or skips it (connectors.md §2.4 step 7, §3.8); Blocked when the cache cannot be
    /// read; std::nullopt when the stream may run.
    static std::optional<StreamRunResult> heldByQuarantinedPage(StreamRunContext &context);
};

} // namespace msc
