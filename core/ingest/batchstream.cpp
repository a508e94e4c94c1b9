#include "ingest/batchstream.h"

#include "ingest/rawcompression.h"
#include "mimecast/batchfilereader.h"
#include "mimecast/httptransport.h"
#include "mimecast/mimecastclient.h"
#include "mimecast/pager.h"
#include "storage/cachedatabase.h"
#include "storage/sqlidentifier.h"
#include "util/threadpriority.h"
#include "util/timeformat.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QThreadPool>
#include <QTimeZone>
#include <QtConcurrent>

#include <sqlite3.h>

#include <charconv>
#include <deque>
#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    Q_LOGGING_CATEGORY(lcBatch, "msc.ingest.batch")

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(BatchStream)
    };

    /// Mimecast keeps SIEM files for about 7 days (mimecast-api.md §5.2).
    constexpr int kRetentionDays = 7;

    struct Feed
    {
        QLatin1StringView stream;
        QLatin1StringView feed;
    };

    constexpr Feed kFeeds[] = {
        {"seg.cg"_L1, "cg"_L1},
        {"cloud-integrated.ci"_L1, "ci"_L1},
    };

    const Feed *feedFor(const QString &stream)
    {
        for (const Feed &feed : kFeeds) {
            if (stream == feed.stream)
                return &feed;
        }
        return nullptr;
    }

    /// The types of a feed in the order of connectors.md §3.1 / §3.7.
    QStringList typesOf(QLatin1StringView feed)
    {
        if (feed == "cg"_L1)
            return {u"receipt"_s, u"process"_s, u"delivery"_s, u"av"_s, u"spam"_s,
                u"internal email protect"_s, u"impersonation protect"_s, u"url protect"_s,
                u"attachment protect"_s, u"journal"_s};
        return {u"entities"_s, u"mailflow"_s, u"urlclick"_s};
    }

    QDateTime startOfDay(const QDate &day)
    {
        return QDateTime(day, QTime(0, 0), QTimeZone::utc());
    }

    /// The cursor of one type (connectors.md §2.5), with the JSON field names of the spec.
    struct BatchCursor
    {
        QString nextPage; ///< Where the next page is listed from; empty: the first call.
        /// Set while a listed page is being read: its @nextPage. Kept apart from nextPage so
        /// that a crash re-lists the same page (with listingToken) instead of skipping it.
        std::optional<QString> pendingNext;
        QString listingToken; ///< The token the pending page was listed with; empty: first call.
        QDate startDay; ///< dateRangeStartsAt of the first call (or of the last token reset).
        bool caughtUp = false;
        QString lastListedAt;

        static BatchCursor fromJson(const QJsonObject &object)
        {
            BatchCursor cursor;
            cursor.nextPage = object.value("next_page"_L1).toString();
            const QJsonValue pending = object.value("pending_next"_L1);
            if (pending.isString())
                cursor.pendingNext = pending.toString();
            cursor.listingToken = object.value("listing_token"_L1).toString();
            cursor.startDay =
                QDate::fromString(object.value("start_day"_L1).toString(), u"yyyy-MM-dd"_s);
            cursor.caughtUp = object.value("caught_up"_L1).toBool();
            cursor.lastListedAt = object.value("last_listed_at"_L1).toString();
            return cursor;
        }

        QByteArray toJson() const
        {
            auto text = [](const QString &value) {
                return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
            };
            const QJsonObject object {{u"next_page"_s, text(nextPage)},
                {u"pending_next"_s,
                    pendingNext ? QJsonValue(*pendingNext) : QJsonValue(QJsonValue::Null)},
                {u"listing_token"_s, text(listingToken)},
                {u"start_day"_s, text(startDay.toString(u"yyyy-MM-dd"_s))},
                {u"caught_up"_s, caughtUp}, {u"last_listed_at"_s, text(lastListedAt)}};
            return QJsonDocument(object).toJson(QJsonDocument::Compact);
        }
    };

    /// How one type's part of the run ended.
    struct TypeResult
    {
        StreamOutcome outcome = StreamOutcome::Ok;
        ApiError apiError;
        CacheError cacheError;
        QString message;
        /// The problem is not the type's own (credentials, permission, host, cache, cancel):
        /// the other types would fail the same way, so the run ends.
        bool stopsRun = false;
    };

    int severity(StreamOutcome outcome)
    {
        switch (outcome) {
        case StreamOutcome::Ok:
            return 0;
        case StreamOutcome::Interrupted:
            return 1;
        case StreamOutcome::Waiting:
            return 2;
        case StreamOutcome::Blocked:
            return 3;
        case StreamOutcome::Cancelled:
            return 4;
        }
        return 0;
    }

    TypeResult apiFailure(const ApiError &error)
    {
        TypeResult result;
        result.outcome = StreamRunner::fromApiError(error, {}).outcome;
        result.apiError = error;
        result.message = error.message;
        result.stopsRun = error.kind == ApiError::Kind::Cancelled
            || error.kind == ApiError::Kind::BadCredentials
            || error.kind == ApiError::Kind::MissingPermission
            || (error.kind == ApiError::Kind::BadConfiguration && error.httpStatus == 0);
        return result;
    }

    TypeResult cacheFailure(const CacheError &error)
    {
        TypeResult result;
        result.outcome = StreamOutcome::Blocked;
        result.cacheError = error;
        result.message = error.message;
        result.stopsRun = true;
        return result;
    }

    TypeResult cancelled()
    {
        return apiFailure(ApiError {ApiError::Kind::Cancelled, 0, Tr::tr("Cancelled."), {}, false});
    }

    TypeResult withOutcome(StreamOutcome outcome, const QString &message)
    {
        TypeResult result;
        result.outcome = outcome;
        result.message = message;
        return result;
    }

    /// One file's content, decoded and mapped, waiting for its transaction.
    struct FileRead
    {
        bool ok = false;
        bool linkExpired = false;
        bool tooLarge = false; ///< A gzip bomb: quarantined at once, retrying cannot help.
        ApiError apiError; ///< A download failure.
        QString problem; ///< Why the attempt failed (for last_error).
        /// The file's transaction, its rows already streamed to the writer; open until
        /// commitFile() ends it (destroying it rolls the rows back).
        std::unique_ptr<RowStream> rows;
        qint64 rowCount = 0;
        QList<BoundStatement> badLines;
        QString minEventTime;
        QString maxEventTime;
        qint64 invalidUtf8 = 0;
        qint64 bytes = 0;
        MappingStats mapping;
        bool usesNewDictionary = false; ///< Rows compressed with a dictionary not yet stored.
    };

    struct LedgerEntry
    {
        QString state; ///< Empty: not in the ledger.
        int attempts = 0;
    };

    /// A file's transaction submitted to the writer, not waited for yet: the next file is
    /// downloaded, parsed and mapped while the writer inserts this one (the two cores of the
    /// ingest goal). At most one is in flight per run, and it is always finished before any
    /// other write or a ledger read that depends on it. It may outlive its type's reader: the
    /// next type's first file is read while the last one of the previous type is written.
    struct PendingFile
    {
        QFuture<WriteResult> written;
        QString fileKey;
        qint64 badLines = 0;
        qint64 invalidUtf8 = 0;
        qint64 bytes = 0;
        MappingStats mapping;
        /// Set when the unit stores a new `_raw` dictionary: told once it committed.
        std::shared_ptr<RawCompression> storesDictionaryOf;
    };

    /// Waits for \a pending (if any) and counts it into \a stats.
    TypeResult finishPendingFile(
        std::optional<PendingFile> &pending, StreamRunStats &stats, StreamRunContext &context)
    {
        if (!pending)
            return {};
        PendingFile file = std::move(*pending);
        pending.reset();
        const WriteResult written = file.written.result();
        if (!written.ok())
            return cacheFailure(written.error);
        if (file.storesDictionaryOf)
            file.storesDictionaryOf->markStored();

        stats.added += written.inserted;
        stats.duplicates += written.duplicates;
        stats.quarantined += file.badLines;
        ++stats.files;
        stats.bytes += file.bytes;
        // Lines whose invalid UTF-8 was replaced are counted with the coercion warnings.
        file.mapping.coercionWarnings += file.invalidUtf8;
        stats.mapping.merge(file.mapping);
        if (file.badLines > 0 || file.invalidUtf8 > 0)
            qCInfo(lcBatch).noquote()
                << u"%1: %2 bad lines quarantined, %3 lines with invalid UTF-8"_s.arg(file.fileKey)
                       .arg(file.badLines)
                       .arg(file.invalidUtf8);
        context.reportProgress(stats);
        return {};
    }

    /// Row lists the writer has inserted, kept for the mapping threads to fill again: a
    /// reused row keeps its buffers, so mapping a line costs no allocation, and no freshly
    /// allocated memory has to be faulted in (a third of the mapping threads' time before).
    class RowRecycler
    {
    public:
        /// Enough for every chunk in flight: the pipeline's, the writer's queue, one spare.
        static constexpr size_t kListsKept = 32;

        void put(QList<CacheRow> &&rows)
        {
            QList<CacheRow> spare;
            QMutexLocker locker(&m_mutex);
            if (m_lists.size() < kListsKept)
                m_lists.push_back(std::move(rows));
            else
                spare = std::move(rows); // freed after the lock is released
        }

        QList<CacheRow> take()
        {
            QMutexLocker locker(&m_mutex);
            if (m_lists.empty())
                return {};
            QList<CacheRow> rows = std::move(m_lists.back());
            m_lists.pop_back();
            return rows;
        }

    private:
        QMutex m_mutex;
        std::vector<QList<CacheRow>> m_lists;
    };

    /// The run's bookkeeping writes (listings, page positions) submitted without waiting: the
    /// reader goes on to the next page while the writer finishes the previous one. They are
    /// chained with the run's files (WriteChain), so nothing commits after a failed write.
    struct LaterWrites
    {
        std::shared_ptr<WriteChain> chain = std::make_shared<WriteChain>();
        QList<QFuture<WriteResult>> results; ///< Not looked at yet, in submission order.

        void add(QFuture<WriteResult> result)
        {
            // Results already in and good need no more attention.
            while (
                !results.isEmpty() && results.first().isFinished() && results.first().result().ok())
                results.removeFirst();
            results.append(std::move(result));
        }

        /// Waits for all; the first failure, if any.
        CacheError finish()
        {
            CacheError first;
            for (QFuture<WriteResult> &result : results) {
                const WriteResult written = result.result();
                if (!written.ok() && !first.isError())
                    first = written.error;
            }
            results.clear();
            return first;
        }
    };

    /// Maps a file's lines on a small thread pool, in chunks, while the reader thread goes on
    /// downloading and gunzipping: with the writer on a thread of its own, both cores work
    /// (the ingestion issue's rate goal). Results are handed back in line order on the
    /// reader thread. The destructor waits for every chunk still being mapped.
    class LineMappingPipeline
    {
    public:
        /// One chunk's outcome, in line order.
        struct MappedChunk
        {
            QList<CacheRow> rows;
            QList<std::pair<BatchFileReader::Line, QString>> badLines; ///< With the reason.
            MappingStats mapping;
            qint64 invalidUtf8 = 0;
            QString minEventTime; ///< Of the rows with an event time; empty if none.
            QString maxEventTime;
        };
        /// Writes the provenance JSON of a line as UTF-8; called from the mapping threads.
        using SourceOf = std::function<void(qint64 lineNumber, QByteArray &sourceUtf8)>;
        using Consumer = std::function<void(MappedChunk &)>;

        static constexpr qsizetype kChunkLines = 2048;
        /// How much nicer than their creator the mapping threads are (see map()).
        static constexpr int kMappingNicenessAbove = 5;
        static constexpr qsizetype kChunksInFlight = 4; ///< Bounds the memory held.

        LineMappingPipeline(const RecordMapper &mapper, QThreadPool &pool,
            std::shared_ptr<RowRecycler> recycler, SourceOf sourceOf, const BatchReadLimits &limits,
            Consumer consumer)
            : m_mapper(mapper)
            , m_pool(pool)
            , m_recycler(std::move(recycler))
            , m_sourceOf(std::move(sourceOf))
            , m_limits(limits)
            , m_consumer(std::move(consumer))
        {
        }
        ~LineMappingPipeline()
        {
            for (QFuture<MappedChunk> &future : m_inFlight)
                future.waitForFinished();
        }
        LineMappingPipeline(const LineMappingPipeline &) = delete;
        LineMappingPipeline &operator=(const LineMappingPipeline &) = delete;

        /// Queues \a line; rows of lines queued from now on are compressed with
        /// \a compressor (null: text).
        void add(const BatchFileReader::Line &line, const RawCompressor *compressor)
        {
            if (m_lines.isEmpty())
                m_lines.reserve(kChunkLines);
            m_lines.append(line);
            if (m_lines.size() >= kChunkLines)
                dispatch(compressor);
        }

        /// Maps what is left and hands every chunk to the consumer.
        void finish(const RawCompressor *compressor)
        {
            if (!m_lines.isEmpty())
                dispatch(compressor);
            while (!m_inFlight.empty())
                consumeOldest();
        }

    private:
        void dispatch(const RawCompressor *compressor)
        {
            QList<BatchFileReader::Line> lines = std::move(m_lines);
            m_lines = {};
            m_inFlight.push_back(QtConcurrent::run(&m_pool,
                [this, lines = std::move(lines), compressor]() { return map(lines, compressor); }));
            while (qsizetype(m_inFlight.size()) > kChunksInFlight
                || (!m_inFlight.empty() && m_inFlight.front().isFinished()))
                consumeOldest();
        }

        void consumeOldest()
        {
            QFuture<MappedChunk> future = std::move(m_inFlight.front());
            m_inFlight.pop_front();
            MappedChunk chunk = future.takeResult();
            m_consumer(chunk);
        }

        MappedChunk map(
            const QList<BatchFileReader::Line> &lines, const RawCompressor *compressor) const
        {
            // The writer is the pipeline's narrowest stage: when the cores are short, the
            // mapping threads give way to it (they are ahead by several chunks anyway).
            thread_local const bool yieldsToWriter [[maybe_unused]] =
                lowerThreadPriorityTo(threadNiceness() + kMappingNicenessAbove) > 0;
            MappedChunk chunk;
            // Rows the writer is done with, filled again in place (RowRecycler).
            chunk.rows = m_recycler->take();
            if (chunk.rows.isEmpty())
                chunk.rows.reserve(lines.size());
            qsizetype used = 0;
            QByteArray source;
            for (const BatchFileReader::Line &line : lines) {
                if (line.oversized) {
                    chunk.badLines.append(
                        {line, Tr::tr("line longer than %1 bytes").arg(m_limits.maxLineBytes)});
                    continue;
                }
                if (used == chunk.rows.size())
                    chunk.rows.emplace_back();
                CacheRow &row = chunk.rows[used];
                // _raw is the line as received; the provenance names the file and the line.
                m_sourceOf(line.number, source);
                const RecordMapper::LineOutcome mapped = m_mapper.mapLineInto(
                    row, line.bytes, source, &chunk.mapping, m_limits.maxJsonDepth, compressor);
                switch (mapped.kind) {
                case RecordMapper::LineOutcome::Kind::Blank:
                    continue;
                case RecordMapper::LineOutcome::Kind::Bad:
                    chunk.badLines.append({line, mapped.problem});
                    continue;
                case RecordMapper::LineOutcome::Kind::Row:
                    break;
                }
                ++used;
                if (mapped.hadInvalidUtf8)
                    ++chunk.invalidUtf8;
                if (!row.eventTimeMissing && !row.eventTime.isEmpty()) {
                    if (chunk.minEventTime.isEmpty() || row.eventTime < chunk.minEventTime)
                        chunk.minEventTime = row.eventTime;
                    if (row.eventTime > chunk.maxEventTime)
                        chunk.maxEventTime = row.eventTime;
                }
            }
            if (used < chunk.rows.size())
                chunk.rows.resize(used);
            return chunk;
        }

        const RecordMapper &m_mapper;
        QThreadPool &m_pool;
        const std::shared_ptr<RowRecycler> m_recycler;
        const SourceOf m_sourceOf;
        const BatchReadLimits m_limits;
        const Consumer m_consumer;
        QList<BatchFileReader::Line> m_lines;
        std::deque<QFuture<MappedChunk>> m_inFlight;
    };

    /// Reads one type for one run: steps 1–8 of connectors.md §2.5.
    class TypeReader
    {
    public:
        TypeReader(StreamRunContext &context, const BatchStreamRunner::Options &options,
            CacheConnection &reader, const RecordMapper &mapper, QString feed, QString type,
            StreamRunStats &stats, std::optional<PendingFile> &pending, LaterWrites &later,
            std::shared_ptr<RowRecycler> recycler)
            : m_context(context)
            , m_options(options)
            , m_reader(reader)
            , m_mapper(mapper)
            , m_table(context.table())
            , m_feed(std::move(feed))
            , m_type(std::move(type))
            , m_stats(stats)
            , m_raw(std::make_shared<RawCompression>(m_table.name, m_type,
                  options.rawTrainingSamples, options.rawTrainingInBackground))
            , m_pending(pending)
            , m_later(later)
            , m_recycler(std::move(recycler))
        {
            // The column that tells the types apart in the table (CG `Logtype` with its
            // `email_*` value map, CI `type_` with the raw value), for the token reset.
            for (const ColumnDef &column : m_table.columns) {
                if (column.sourceField().compare("type"_L1, Qt::CaseInsensitive) == 0) {
                    m_typeColumn = column.name;
                    m_typeValue = column.valueMap.isEmpty()
                        ? m_type
                        : context.definition().valueMap(column.valueMap).value(m_type, m_type);
                    break;
                }
            }
        }

        TypeResult run();

    private:
        TypeResult readType();
        TypeResult finishPending();
        /// Commits \a unit in the run's chain and waits for it.
        WriteResult commitNow(WriteUnit unit);
        /// Submits \a unit in the run's chain without waiting (LaterWrites).
        void commitLater(WriteUnit unit);
        std::optional<Page> list(
            const QString &token, std::optional<QDate> day, ApiError *error) const;
        TypeResult resetToken(const QDate &floor, bool *ok);
        TypeResult readFile(BatchFileLink link, const QString &listingToken,
            std::optional<QDate> listingDay, int attempts);
        FileRead fetch(const BatchFileLink &link) const;
        TypeResult commitFile(const BatchFileLink &link, FileRead read);
        TypeResult failedAttempt(
            const BatchFileLink &link, const FileRead &read, int attempts, bool *retry);
        TypeResult quarantineExpired(const QString &fileKey);

        std::optional<LedgerEntry> ledgerEntry(const QString &fileKey, CacheError *error) const;
        std::optional<qint64> quarantinedFiles(CacheError *error) const;
        CacheError readError(const QString &what) const;

        CursorUpdate cursorUpdate() const
        {
            return {m_table.connector, m_table.stream, m_type, m_cursor.toJson()};
        }

        StreamRunContext &m_context;
        const BatchStreamRunner::Options &m_options;
        CacheConnection &m_reader;
        const RecordMapper &m_mapper;
        const TableDef &m_table;
        QString m_feed;
        QString m_type;
        StreamRunStats &m_stats;
        /// Behind a pointer: fetch() is const but trains the dictionary from what it reads.
        std::shared_ptr<RawCompression> m_raw;
        /// The threads that map lines (LineMappingPipeline); as many as the machine has cores.
        std::unique_ptr<QThreadPool> m_pool = std::make_unique<QThreadPool>();

        QString m_typeColumn;
        QString m_typeValue;
        BatchCursor m_cursor;
        std::optional<PendingFile> &m_pending; ///< The run's, shared by its types in turn.
        LaterWrites &m_later; ///< The run's, likewise.
        /// The run's (the next type reuses the rows of this one), shared with the writer.
        const std::shared_ptr<RowRecycler> m_recycler;
    };

    CacheError TypeReader::readError(const QString &what) const
    {
        return CacheError::fromSqlite(
            m_reader.handle(), sqlite3_errcode(m_reader.handle()), m_reader.filePath(), what);
    }

    std::optional<LedgerEntry> TypeReader::ledgerEntry(
        const QString &fileKey, CacheError *error) const
    {
        QSqlQuery query(m_reader.database());
        query.prepare(u"SELECT state, attempts FROM batch_file WHERE stream_id = ? AND type = ? "
                      u"AND file_key = ?"_s);
        query.addBindValue(m_table.stream);
        query.addBindValue(m_type);
        query.addBindValue(fileKey);
        if (!query.exec()) {
            *error = readError(Tr::tr("read the file ledger"));
            return std::nullopt;
        }
        LedgerEntry entry;
        if (query.next()) {
            entry.state = query.value(0).toString();
            entry.attempts = query.value(1).toInt();
        }
        return entry;
    }

    std::optional<qint64> TypeReader::quarantinedFiles(CacheError *error) const
    {
        QSqlQuery query(m_reader.database());
        query.prepare(u"SELECT count(*) FROM batch_file WHERE stream_id = ? AND type = ? AND "
                      u"state = 'quarantined'"_s);
        query.addBindValue(m_table.stream);
        query.addBindValue(m_type);
        if (!query.exec() || !query.next()) {
            *error = readError(Tr::tr("read the file ledger"));
            return std::nullopt;
        }
        return query.value(0).toLongLong();
    }

    std::optional<Page> TypeReader::list(
        const QString &token, std::optional<QDate> day, ApiError *error) const
    {
        SiemPager pager(m_context.client(), m_feed, m_type, m_context.settings().batchPageSize,
            token.isEmpty() ? day : std::nullopt);
        pager.resumeFrom(token);
        return pager.next(error);
    }

    TypeResult TypeReader::run()
    {
        if (const CacheError error = m_raw->load(m_reader); error.isError())
            return cacheFailure(error);
        TypeResult result = readType();
        // A type that ended well leaves its last file to be written while the next type reads
        // (the runner finishes it at the end). Otherwise the file already submitted is
        // committed or not: count it, and let a cache failure override (it stops the run).
        if (result.outcome == StreamOutcome::Ok)
            return result;
        TypeResult pending = finishPending();
        if (pending.outcome != StreamOutcome::Ok)
            return pending;
        if (const CacheError failed = m_later.finish(); failed.isError())
            return cacheFailure(failed);
        return result;
    }

    TypeResult TypeReader::finishPending()
    {
        return finishPendingFile(m_pending, m_stats, m_context);
    }

    WriteResult TypeReader::commitNow(WriteUnit unit)
    {
        unit.chain = m_later.chain;
        return m_context.commit(std::move(unit));
    }

    void TypeReader::commitLater(WriteUnit unit)
    {
        unit.chain = m_later.chain;
        m_later.add(m_context.writer().submit(std::move(unit)));
    }

    TypeResult TypeReader::readType()
    {
        const IngestSettings &settings = m_context.settings();
        CacheError cacheError;
        m_cursor = BatchCursor::fromJson(m_context.readCursor(m_type, &cacheError));
        if (cacheError.isError())
            return cacheFailure(cacheError);

        // A quarantined file holds its type until the admin acts (§2.5 step 5).
        const std::optional<qint64> held = quarantinedFiles(&cacheError);
        if (!held)
            return cacheFailure(cacheError);
        if (*held > 0)
            return withOutcome(StreamOutcome::Waiting,
                Tr::tr(
                    "A quarantined file holds the type %1: retry, accept or skip it on the health "
                    "page.")
                    .arg(m_type));

        const QDate today = m_context.now().toUTC().date();
        const QDate floor = today.addDays(-kRetentionDays);
        // 1. The first call of a type: the start date clamped to retention, the rest a gap,
        // recorded with the first listing that succeeds.
        QDate gapFrom;
        QDate gapTo;
        if (!m_cursor.startDay.isValid()) {
            QDate start = settings.startDate.isValid() ? settings.startDate : floor;
            if (start < floor) {
                gapFrom = start;
                gapTo = floor;
                start = floor;
            }
            m_cursor.startDay = start;
        }

        bool retriedFirstCall = false;
        bool tokenResetUsed = false;
        for (;;) {
            if (m_context.isCancelled())
                return cancelled();

            // A page listed earlier but not finished (a crash, a failed file) is listed
            // again with the same token; committed files stay committed.
            const QString token = m_cursor.pendingNext ? m_cursor.listingToken : m_cursor.nextPage;
            const bool firstCall = token.isEmpty();
            if (firstCall && m_cursor.startDay < floor) {
                // Offline for longer than retention (§2.5 step 8).
                if (!gapFrom.isValid())
                    gapFrom = m_cursor.startDay;
                gapTo = std::max(gapTo, floor);
                m_cursor.startDay = floor;
            }
            const std::optional<QDate> day =
                firstCall ? std::optional<QDate>(m_cursor.startDay) : std::nullopt;

            ApiError error;
            std::optional<Page> page = list(token, day, &error);
            if (!page) {
                if (!firstCall && error.pageTokenRejected) {
                    if (tokenResetUsed)
                        return withOutcome(StreamOutcome::Interrupted,
                            Tr::tr("Mimecast rejected the page token of the type %1 again right "
                                   "after a token reset; the next run tries again.")
                                .arg(m_type));
                    // 7. The token-reset path.
                    tokenResetUsed = true;
                    bool ok = false;
                    TypeResult reset = resetToken(floor, &ok);
                    if (!ok)
                        return reset;
                    continue;
                }
                const QDate edge = today.addDays(-(kRetentionDays - 1));
                if (firstCall && error.httpStatus == 400 && !retriedFirstCall
                    && m_cursor.startDay < edge) {
                    // Mimecast may not accept the very edge of retention (mimecast-api.md
                    // §5.2): once more with a day later, and the gap widened to match.
                    retriedFirstCall = true;
                    if (!gapFrom.isValid())
                        gapFrom = m_cursor.startDay;
                    gapTo = edge;
                    m_cursor.startDay = edge;
                    qCInfo(lcBatch).noquote()
                        << u"%1 %2: the first listing was refused (400); trying %3"_s.arg(
                               m_table.stream, m_type, edge.toString(u"yyyy-MM-dd"_s));
                    continue;
                }
                return apiFailure(error);
            }

            // 2. One transaction: the page's files as pending, the pending position.
            const QString now = formatUtc(m_context.now());
            WriteUnit listed;
            listed.description = Tr::tr("the listing of %1 %2").arg(m_table.stream, m_type);
            for (const BatchFileLink &link : std::as_const(page->files)) {
                // A committed (or quarantined, partial, skipped) file keeps its state; a
                // pending one gets the newest listing token and expiry.
                listed.statements.append(
                    {u"INSERT INTO batch_file (connector_id, stream_id, type, file_key, "
                     u"listing_token, link_expiry, size, state, attempts, updated_at) VALUES "
                     u"(?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', 0, ?8) ON CONFLICT (stream_id, "
                     u"type, file_key) DO UPDATE SET listing_token = excluded.listing_token, "
                     u"link_expiry = excluded.link_expiry, size = excluded.size, updated_at = "
                     u"excluded.updated_at WHERE batch_file.state = 'pending'"_s,
                        {m_table.connector, m_table.stream, m_type, link.fileKey,
                            token.isEmpty() ? QVariant() : token,
                            link.expiry.isEmpty() ? QVariant() : link.expiry, link.size, now}});
            }
            const bool recordsGap = gapFrom.isValid();
            if (recordsGap)
                listed.statements.append(m_context.gapStatement(m_type,
                    formatUtc(startOfDay(gapFrom)), formatUtc(startOfDay(gapTo)),
                    Tr::tr("beyond Mimecast SIEM retention (about 7 days)")));
            m_cursor.pendingNext = page->nextToken;
            m_cursor.listingToken = token;
            m_cursor.lastListedAt = now;
            listed.cursors.append(cursorUpdate());
            // Not waited for: the files are read while the writer finishes the previous page
            // (the chain keeps the order, and stops the rest if a write fails).
            commitLater(std::move(listed));
            if (recordsGap) {
                ++m_stats.gaps;
                gapFrom = QDate();
                gapTo = QDate();
            }
            ++m_stats.pages;
            m_context.reportProgress(m_stats);

            // 3. Each file in listing order.
            for (const BatchFileLink &link : std::as_const(page->files)) {
                if (m_context.isCancelled())
                    return cancelled();
                const std::optional<LedgerEntry> entry = ledgerEntry(link.fileKey, &cacheError);
                if (!entry)
                    return cacheFailure(cacheError);
                if (entry->state == "committed"_L1 || entry->state == "partial"_L1
                    || entry->state == "skipped"_L1)
                    continue;
                if (entry->state == "quarantined"_L1)
                    return withOutcome(StreamOutcome::Waiting,
                        Tr::tr(
                            "The quarantined file %1 holds the type %2: retry, accept or skip it "
                            "on the health page.")
                            .arg(link.fileKey, m_type));
                TypeResult file = readFile(link, token, day, entry->attempts);
                if (file.outcome != StreamOutcome::Ok)
                    return file;
            }

            // 4. The page is done, once its last file is: the position is written after the
            // last file's transaction in the chain, and only if that one committed.
            m_cursor.nextPage = *m_cursor.pendingNext;
            m_cursor.pendingNext.reset();
            m_cursor.caughtUp = page->caughtUp;
            WriteUnit done;
            done.description = Tr::tr("the position of %1 %2").arg(m_table.stream, m_type);
            done.cursors.append(cursorUpdate());
            commitLater(std::move(done));

            if (page->caughtUp || page->files.isEmpty())
                break;
            if (page->nextToken == token) {
                // No @nextPage: listing again would return the same page forever.
                qCInfo(lcBatch).noquote()
                    << u"%1 %2: the listing carried no @nextPage; the type resumes next run"_s.arg(
                           m_table.stream, m_type);
                break;
            }
        }
        return {};
    }

    TypeResult TypeReader::resetToken(const QDate &floor, bool *ok)
    {
        *ok = false;
        // The newest stored event below must include everything this run wrote.
        if (TypeResult pending = finishPending(); pending.outcome != StreamOutcome::Ok)
            return pending;
        if (const CacheError failed = m_later.finish(); failed.isError())
            return cacheFailure(failed);
        CacheError cacheError;
        const QString newest = m_context.newestEventTime(&cacheError, m_typeColumn, m_typeValue);
        if (cacheError.isError())
            return cacheFailure(cacheError);
        const IngestSettings &settings = m_context.settings();
        // The filter is day-granular, so the newest stored day already overlaps; the re-read
        // rows are absorbed by the dedup key.
        QDate day = newest.isEmpty() ? (settings.startDate.isValid() ? settings.startDate : floor)
                                     : parseUtc(newest).date();
        WriteUnit unit;
        unit.description = Tr::tr("the token reset of %1 %2").arg(m_table.stream, m_type);
        if (day < floor) {
            if (!newest.isEmpty()) {
                unit.statements.append(
                    m_context.gapStatement(m_type, newest, formatUtc(startOfDay(floor)),
                        Tr::tr("beyond Mimecast SIEM retention (about 7 days)")));
                ++m_stats.gaps;
            }
            day = floor;
        }
        qCInfo(lcBatch).noquote()
            << u"%1 %2: Mimecast rejected the stored page token; reading again from %3 "
               u"(the newest stored event: %4)"_s.arg(m_table.stream, m_type,
                   day.toString(u"yyyy-MM-dd"_s), newest.isEmpty() ? u"none"_s : newest);
        m_cursor.nextPage.clear();
        m_cursor.pendingNext.reset();
        m_cursor.listingToken.clear();
        m_cursor.startDay = day;
        unit.cursors.append(cursorUpdate());
        const WriteResult written = commitNow(std::move(unit));
        if (!written.ok())
            return cacheFailure(written.error);
        *ok = true;
        return {};
    }

    TypeResult TypeReader::readFile(BatchFileLink link, const QString &listingToken,
        std::optional<QDate> listingDay, int attempts)
    {
        int relists = 0;
        for (int runAttempt = 0;;) {
            if (m_context.isCancelled())
                return cancelled();
            FileRead read = fetch(link);
            if (read.apiError.kind == ApiError::Kind::Cancelled)
                return apiFailure(read.apiError);

            if (read.linkExpired) {
                // 6. A fresh link from the same listing; not a failed attempt.
                if (relists >= m_options.relistsPerFile)
                    return withOutcome(StreamOutcome::Interrupted,
                        Tr::tr("The link to %1 expired again after %2 new listings; the next run "
                               "tries again.")
                            .arg(link.fileKey)
                            .arg(relists));
                ++relists;
                ApiError error;
                const std::optional<Page> again = list(listingToken, listingDay, &error);
                if (!again) {
                    if (error.pageTokenRejected)
                        return withOutcome(StreamOutcome::Interrupted, error.message);
                    return apiFailure(error);
                }
                const auto found = std::find_if(again->files.cbegin(), again->files.cend(),
                    [&link](const BatchFileLink &fresh) { return fresh.fileKey == link.fileKey; });
                if (found == again->files.cend())
                    return quarantineExpired(link.fileKey);
                link = *found;
                continue;
            }

            if (read.ok)
                return commitFile(link, std::move(read));

            if (read.apiError.isError() && read.apiError.kind != ApiError::Kind::Transient
                && read.apiError.kind != ApiError::Kind::BadData)
                return apiFailure(read.apiError); // e.g. a TLS failure: not the file's fault

            // 5. A failed attempt, counted across runs.
            ++attempts;
            ++runAttempt;
            bool retry = false;
            TypeResult failed = failedAttempt(link, read, attempts, &retry);
            if (!retry)
                return failed;
            if (runAttempt > m_options.fileRetriesPerRun)
                return withOutcome(StreamOutcome::Interrupted,
                    Tr::tr(
                        "The file %1 failed %2 times in this run (%3); the next run tries again.")
                        .arg(link.fileKey)
                        .arg(runAttempt)
                        .arg(read.problem));
            const qint64 delay = std::min(m_options.fileRetryCapMs,
                m_options.fileRetryBaseMs * (qint64(1) << std::min(runAttempt - 1, 20)));
            const WaitInfo wait {Tr::tr("file download failed"), delay, runAttempt};
            m_context.reportProgress(m_stats, &wait);
            if (!HttpTransport::wait(delay, m_context.cancel()))
                return cancelled();
        }
    }

    FileRead TypeReader::fetch(const BatchFileLink &link) const
    {
        FileRead read;
        const QDateTime expiry = QDateTime::fromString(link.expiry, Qt::ISODate);
        if (expiry.isValid() && expiry < m_context.now()) {
            read.linkExpired = true;
            return read;
        }

        const BatchReadLimits limits;
        BatchFileReader reader(limits);
        const QString createdAt = formatUtc(m_context.now());
        auto badLine = [&](const BatchFileReader::Line &line, const QString &reason) {
            const QuarantinedLine quarantined = quarantineLine(line);
            read.badLines.append({u"INSERT INTO sync_quarantine_line (stream_id, part, source, "
                                  u"line_no, length, sha256, text_prefix, reason, created_at) "
                                  u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                {m_table.stream, m_type, link.fileKey, line.number, quarantined.length,
                    quarantined.sha256, QString::fromUtf8(quarantined.textPrefix), reason,
                    createdAt}});
        };
        // The provenance JSON of every line, built once: only the line number differs. The
        // marker is a noncharacter, written unescaped; a file key holding it (never seen) gets
        // the JSON built per line.
        const QString marker = u"\uFDD0"_s;
        const QString sourceTemplate =
            m_context.sourceJson(m_type, u"%1#%2"_s.arg(link.fileKey, marker));
        const bool templated = sourceTemplate.count(marker) == 1;
        const QByteArray sourcePrefix = sourceTemplate.section(marker, 0, 0).toUtf8();
        const QByteArray sourceSuffix = sourceTemplate.section(marker, 1).toUtf8();
        auto sourceOf = [&](qint64 lineNumber, QByteArray &out) {
            if (!templated) {
                out = m_context.sourceJson(m_type, u"%1#%2"_s.arg(link.fileKey).arg(lineNumber))
                          .toUtf8();
                return;
            }
            char number[24];
            const auto end = std::to_chars(number, number + sizeof number, lineNumber).ptr;
            out.resize(0); // keeps the capacity
            out.append(sourcePrefix).append(number, end - number).append(sourceSuffix);
        };
        // The file's transaction: rows go to the writer chunk by chunk while the rest of the
        // file is still downloaded and mapped; commitFile() commits it with the ledger.
        read.rows = m_context.writer().openStream(
            Tr::tr("the file %1 of %2").arg(link.fileKey, m_table.stream),
            [recycler = m_recycler](QList<CacheRow> &&rows) { recycler->put(std::move(rows)); },
            m_later.chain);
        // Bad lines and rows in line order, whatever thread mapped them.
        LineMappingPipeline pipeline(m_mapper, *m_pool, m_recycler, sourceOf, limits,
            [&](LineMappingPipeline::MappedChunk &chunk) {
                for (const auto &[line, reason] : std::as_const(chunk.badLines))
                    badLine(line, reason);
                read.mapping.merge(chunk.mapping);
                read.invalidUtf8 += chunk.invalidUtf8;
                if (!chunk.minEventTime.isEmpty()
                    && (read.minEventTime.isEmpty() || chunk.minEventTime < read.minEventTime))
                    read.minEventTime = chunk.minEventTime;
                if (chunk.maxEventTime > read.maxEventTime)
                    read.maxEventTime = chunk.maxEventTime;
                for (const CacheRow &row : std::as_const(chunk.rows)) {
                    if (row.rawCompressed)
                        read.usesNewDictionary =
                            read.usesNewDictionary || m_raw->hasPendingDictionary();
                    else
                        m_raw->offer(row.raw);
                }
                read.rowCount += chunk.rows.size();
                read.rows->append({m_table.name, std::move(chunk.rows)});
            });
        const BatchFileReader::LineHandler onLine = [&](const BatchFileReader::Line &line) {
            pipeline.add(line, m_raw->compressor());
        };

        bool linkExpired = false;
        const bool downloaded = m_context.client().download(
            link.url,
            [&](const char *data, qsizetype size) { return reader.feed(data, size, onLine); },
            &linkExpired, &read.apiError);
        read.bytes = reader.compressedBytes();
        if (downloaded && reader.finish(onLine)) {
            pipeline.finish(m_raw->compressor());
            read.ok = true;
            read.apiError = {};
            if (reader.wasPlainJson())
                qCWarning(lcBatch).noquote()
                    << u"%1 is plain NDJSON, not gzip; read as it is"_s.arg(link.fileKey);
            return read;
        }
        if (linkExpired) {
            read.linkExpired = true;
            return read;
        }
        if (reader.error() != BatchFileReader::Error::None) {
            // The reader stopped the download, or the body ended badly: the file's fault.
            read.tooLarge = reader.error() == BatchFileReader::Error::TooLarge;
            read.problem = reader.errorString();
            read.apiError = {};
        } else {
            read.problem = read.apiError.message;
        }
        read.rows.reset(); // rolls back what was streamed
        read.rowCount = 0;
        read.badLines.clear();
        return read;
    }

    TypeResult TypeReader::commitFile(const BatchFileLink &link, FileRead read)
    {
        // The previous file first: if its transaction failed, this one must not commit (the
        // run stops with the cache error and both files are read again).
        if (TypeResult pending = finishPending(); pending.outcome != StreamOutcome::Ok)
            return pending;
        // A cancel seen while that file was committed (e.g. from the progress observer) stops
        // before this one is written; it is read again next run.
        if (m_context.isCancelled())
            return cancelled();
        const qint64 lines = read.rowCount;
        const qint64 badLines = read.badLines.size();

        // The rest of the file's transaction: the bad lines and the ledger entry, whose
        // rows_added is the number of rows the transaction inserted (the writer's SQL
        // function unit_rows_inserted()).
        WriteUnit unit;
        unit.description = Tr::tr("the file %1 of %2").arg(link.fileKey, m_table.stream);
        unit.statements = std::move(read.badLines);
        unit.statements.append(
            {u"UPDATE batch_file SET state = 'committed', rows_added = unit_rows_inserted(), "
             u"duplicates = ?1 - unit_rows_inserted(), bad_lines = ?2, min_event_time = ?3, "
             u"max_event_time = ?4, last_error = NULL, updated_at = ?5 WHERE stream_id = ?6 AND "
             u"type = ?7 AND file_key = ?8"_s,
                {lines, badLines, read.minEventTime.isEmpty() ? QVariant() : read.minEventTime,
                    read.maxEventTime.isEmpty() ? QVariant() : read.maxEventTime,
                    formatUtc(m_context.now()), m_table.stream, m_type, link.fileKey}});
        // Committed, not waited for: finishPending() counts it before anything else is written.
        // The dictionary the rows were compressed with, in the same transaction as the rows.
        const std::optional<BoundStatement> dictionary =
            read.usesNewDictionary ? m_raw->pendingStatement() : std::nullopt;
        if (dictionary)
            unit.statements.prepend(*dictionary);
        m_pending = PendingFile {read.rows->commit(std::move(unit)), link.fileKey, badLines,
            read.invalidUtf8, read.bytes, std::move(read.mapping), dictionary ? m_raw : nullptr};
        return {};
    }

    TypeResult TypeReader::failedAttempt(
        const BatchFileLink &link, const FileRead &read, int attempts, bool *retry)
    {
        if (TypeResult pending = finishPending(); pending.outcome != StreamOutcome::Ok)
            return pending;
        const int maxAttempts = m_context.settings().maxFileAttempts;
        const bool quarantine = read.tooLarge || attempts >= maxAttempts;
        WriteUnit unit;
        unit.description = Tr::tr("a failed attempt at %1").arg(link.fileKey);
        unit.statements.append({u"UPDATE batch_file SET attempts = ?1, last_error = ?2, state = "
                                u"?3, updated_at = ?4 WHERE stream_id = ?5 AND type = ?6 AND "
                                u"file_key = ?7"_s,
            {attempts, read.problem, quarantine ? u"quarantined"_s : u"pending"_s,
                formatUtc(m_context.now()), m_table.stream, m_type, link.fileKey}});
        const WriteResult written = commitNow(std::move(unit));
        if (!written.ok())
            return cacheFailure(written.error);
        qCInfo(lcBatch).noquote()
            << u"%1: attempt %2 failed: %3"_s.arg(link.fileKey).arg(attempts).arg(read.problem);
        if (!quarantine) {
            *retry = true;
            return {};
        }
        ++m_stats.quarantined;
        return withOutcome(StreamOutcome::Waiting,
            Tr::tr("The file %1 of the type %2 failed %3 times and is quarantined: %4. Retry it, "
                   "accept it as partial or skip it on the health page.")
                .arg(link.fileKey, m_type)
                .arg(attempts)
                .arg(read.problem));
    }

    TypeResult TypeReader::quarantineExpired(const QString &fileKey)
    {
        if (TypeResult pending = finishPending(); pending.outcome != StreamOutcome::Ok)
            return pending;
        const QString reason = Tr::tr("expired at source");
        WriteUnit unit;
        unit.description = Tr::tr("the quarantine of %1").arg(fileKey);
        unit.statements.append(
            {u"UPDATE batch_file SET state = 'quarantined', last_error = ?1, updated_at = ?2 "
             u"WHERE stream_id = ?3 AND type = ?4 AND file_key = ?5"_s,
                {reason, formatUtc(m_context.now()), m_table.stream, m_type, fileKey}});
        const WriteResult written = commitNow(std::move(unit));
        if (!written.ok())
            return cacheFailure(written.error);
        ++m_stats.quarantined;
        return withOutcome(StreamOutcome::Waiting,
            Tr::tr(
                "The file %1 of the type %2 is no longer listed by Mimecast (expired at source). "
                "Skip it on the health page to record the gap.")
                .arg(fileKey, m_type));
    }

} // namespace

BatchStreamRunner::BatchStreamRunner() = default;

BatchStreamRunner::BatchStreamRunner(Options options)
    : m_options(options)
{
}

bool BatchStreamRunner::handles(const QString &streamId)
{
    return feedFor(streamId) != nullptr;
}

StreamRunResult BatchStreamRunner::run(StreamRunContext &context)
{
    const TableDef &table = context.table();
    const Feed *feed = feedFor(table.stream);
    Q_ASSERT(feed);
    StreamRunStats stats;

    QStringList types = typesOf(feed->feed);
    const QStringList &selected = context.settings().types;
    if (!selected.isEmpty())
        types.removeIf([&selected](const QString &type) { return !selected.contains(type); });

    // This thread's own reader for the ledger; it must close on this thread.
    CacheError cacheError;
    const std::unique_ptr<CacheConnection> reader =
        CacheConnection::open(context.writer().filePath(), ConnectionOptions {}, &cacheError);
    if (!reader)
        return fromCacheError(cacheError, stats);
    const RecordMapper mapper(table, context.definition());

    StreamRunResult result;
    QStringList problems;
    std::optional<PendingFile> pending;
    LaterWrites later;
    const auto recycler = std::make_shared<RowRecycler>();
    for (const QString &type : std::as_const(types)) {
        TypeReader typeReader(context, m_options, *reader, mapper, QString(feed->feed), type, stats,
            pending, later, recycler);
        const TypeResult typeResult = typeReader.run();
        if (typeResult.outcome != StreamOutcome::Ok) {
            problems.append(u"%1: %2"_s.arg(type, typeResult.message));
            if (severity(typeResult.outcome) > severity(result.outcome)) {
                result.outcome = typeResult.outcome;
                result.apiError = typeResult.apiError;
                result.cacheError = typeResult.cacheError;
            }
        }
        if (typeResult.stopsRun)
            break;
    }
    // The last type's last file, and the positions written after it.
    TypeResult last = finishPendingFile(pending, stats, context);
    if (const CacheError failed = later.finish();
        failed.isError() && last.outcome == StreamOutcome::Ok)
        last = cacheFailure(failed);
    if (last.outcome != StreamOutcome::Ok) {
        problems.append(last.message);
        if (severity(last.outcome) > severity(result.outcome)) {
            result.outcome = last.outcome;
            result.apiError = last.apiError;
            result.cacheError = last.cacheError;
        }
    }

    if (!result.cacheError.isError()) {
        WriteUnit counters;
        counters.description = Tr::tr("the counters of %1").arg(table.stream);
        counters.statements.append(context.streamCountersStatement(stats));
        const WriteResult written = context.commit(std::move(counters));
        if (!written.ok())
            return fromCacheError(written.error, stats);
    }
    result.stats = stats;
    result.message = problems.join(u'\n');
    return result;
}

} // namespace msc
