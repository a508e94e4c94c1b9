#pragma once

#include "storage/cachereader.h"
#include "storage/cachewriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace msc {

class CacheConnection;

/// One stream run of the job history (`job_run`).
struct JobRunEntry
{
    qint64 id = 0;
    QString stream;
    QString trigger;
    QString startedAt;
    QString finishedAt;
    QString outcome;
    qint64 rowsAdded = 0;
    qint64 duplicates = 0;
    qint64 pages = 0;
    qint64 files = 0;
    qint64 bytes = 0;
    qint64 quarantined = 0;
    QString errorKind;
    QString error;
};

/// One quarantined item of any of the three quarantines (connectors.md §2.7). Every text in
/// it may come from the network (file keys, server messages): show it as plain text only.
struct QuarantineItem
{
    enum class Kind { File, Page, Line };

    Kind kind = Kind::File;
    qint64 id = 0; ///< Pages and lines; files are keyed by (stream, part, source).
    QString connector; ///< Files only.
    QString stream;
    QString part; ///< The CG/CI type of a file; `backfill` or empty for pages.
    QString source; ///< File key; for a line the file key or page ordinal it came from.
    QString windowFrom; ///< Window pages: [windowFrom, windowTo].
    QString windowTo;
    QString snapshotId; ///< Awareness pages.
    QString campaignId;
    int pageNo = 0;
    qint64 lineNo = 0;
    qint64 length = 0; ///< Lines: original length in bytes.
    int attempts = 0;
    QString lastError; ///< For lines: the reason.
    QString createdAt; ///< Files: the ledger's last update.
    QString minEventTime; ///< Files: the event time range, when known.
    QString maxEventTime;

    bool isPage() const { return kind == Kind::Page; }
    bool isFile() const { return kind == Kind::File; }
    /// A file that Mimecast no longer lists: only Skip can help (connectors.md §2.5 step 6).
    bool expiredAtSource() const;
    bool canRetry() const { return kind != Kind::Line && !expiredAtSource(); }
    bool canSkip() const { return kind != Kind::Line; }
    bool canAcceptPartial() const { return kind == Kind::File && !expiredAtSource(); }
};

/// Everything the Jobs & health page shows, as plain values.
struct HealthOverview
{
    QList<StreamHealth> streams;
    QList<JobRunEntry> history;
    QList<QuarantineItem> quarantine; ///< Files, then pages, then (at most lineLimit) lines.
    qint64 quarantinedLines = 0; ///< All quarantined lines, listed or not.
    QList<GapEntry> gaps;
    CacheError error;
};

/// Queries and admin actions behind the Jobs & health page (connectors.md §2.4 step 7, §2.5
/// step 5, §2.7).
///
/// The queries block: run them on a pool thread, never the GUI thread; each opens reader
/// connections of its calling thread. The actions only build WriteUnits (all SQL stays
/// here, values bound); the caller submits them through the cache's single writer. Every
/// action is guarded by the item's current state, so acting twice (two windows, or a
/// headless command in between) changes nothing the second time and records no second gap.
class HealthService
{
    Q_DECLARE_TR_FUNCTIONS(HealthService)

public:
    static constexpr int kDefaultHistoryLimit = 200;
    static constexpr int kDefaultLineLimit = 500;

    /// Reads health, history, quarantine and gaps of the cache at \a cachePath. Blocking.
    static HealthOverview load(const QString &cachePath, const SchemaDefinition &definition,
        int historyLimit = kDefaultHistoryLimit, int lineLimit = kDefaultLineLimit);

    /// The streams whose last run ended Blocked (connectors.md §2.1): stream id → the error
    /// that blocked it. Blocking: call it on a pool thread.
    static QHash<QString, QString> blockedStreams(const QString &cachePath, CacheError *error);

    /// The newest \a limit stream runs, newest first.
    static QList<JobRunEntry> runHistory(
        const CacheConnection &connection, int limit, CacheError *error);
    /// Quarantined files, pages and lines (at most \a lineLimit lines), oldest first within
    /// each kind. \a lineCount gets the number of all quarantined lines.
    static QList<QuarantineItem> quarantine(
        const CacheConnection &connection, int lineLimit, qint64 *lineCount, CacheError *error);

    /// Acknowledges the gaps \a ids: they stay in the ledger but no longer count as open.
    static WriteUnit acknowledgeGaps(const QList<qint64> &ids);
    /// Clears the stored text of every quarantined line (`purged`); the line's stream, source,
    /// number, length, SHA-256 and reason stay.
    static WriteUnit purgeQuarantinedLines();
    /// Retry: a page becomes `retried` (the runner tries it again on its next run); a file
    /// becomes `pending` with its attempts reset, so the next run re-lists it for a fresh link.
    static WriteUnit retry(const QuarantineItem &item, const QDateTime &now);
    /// Skip a window page: the window [from, to] becomes a gap "page skipped" and the
    /// cursor's `completed_to` moves to the window end with its page token cleared.
    static WriteUnit skipWindowPage(const QuarantineItem &page, const QDateTime &now);
    /// Skip a file: `skipped`, with a gap over its event time range, or "unknown range".
    static WriteUnit skipFile(const QuarantineItem &file, const QDateTime &now);
    /// Accept partial: files are committed whole, so no row of a failed file was kept. The
    /// file is marked `partial` and the whole file recorded as a gap, as Skip does.
    static WriteUnit acceptPartialFile(const QuarantineItem &file, const QDateTime &now);
    /// Skip for any page or file. Awareness pages need the stream's cursor, so this reads the
    /// cache (blocking: call it on a pool thread). An empty unit with \a error set on failure.
    static WriteUnit skip(const QString &cachePath, const SchemaDefinition &definition,
        const QuarantineItem &item, const QDateTime &now, CacheError *error);
};

} // namespace msc
