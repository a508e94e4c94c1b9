#pragma once

#include "ingest/streamrun.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace msc {

/// The four Awareness Training snapshot streams (connectors.md §3.8): performance, SAFE
/// score, watchlist and phishing user data.
///
/// A snapshot is one complete pass over the stream's list (for user data: over every
/// campaign of the list frozen when the snapshot started); its id is the pass's UTC start
/// time. A run always finishes the snapshot in progress, or starts and finishes a new one:
/// whether a scheduled tick should call the runner at all is decided with snapshotDue().
/// Every page commits its rows and the cursor in one transaction, so an interrupted pass
/// resumes where it stopped; unchanged records only refresh `_last_seen`. A rejected page
/// token restarts the current list (or campaign) once; a page that keeps failing is
/// quarantined and holds the stream (Waiting).
///
/// Cursor (part empty): `{"snapshot_id", "page_token", "pages_done", "campaign_ids",
/// "campaign_pos", "last_complete_snapshot", "completed_at", "attempts", "last_error"}`.
/// `pages_done` counts the pages committed in the current list or campaign, so the page the
/// cursor points at is `pages_done + 1`. The in-progress fields are null (or empty) between
/// snapshots.
class SnapshotStreamRunner final : public StreamRunner
{
public:
    StreamRunResult run(StreamRunContext &context) override;

    /// True for the stream ids this runner serves (`awareness.*`).
    static bool handles(const QString &streamId);

    /// For the scheduler: true when a snapshot is in progress (it is resumed), when none has
    /// completed yet, or when the last complete one started \a intervalMs or more before
    /// \a now. A manual sync runs the stream regardless.
    static bool snapshotDue(const QJsonObject &cursor, const QDateTime &now, qint64 intervalMs);

    /// The admin's **Skip** of the quarantined page \a quarantineId of \a table's stream, as
    /// one unit to commit through the writer: the quarantine row becomes `skipped`, a gap
    /// "page skipped" is recorded for the snapshot (from and to = the snapshot id), and the
    /// cursor \a cursor (held at that page) moves past the rest of the list or campaign, since
    /// a failed page gives no token for the next one. If that was the last list, the unit
    /// also completes the snapshot; the gap marks it incomplete.
    static WriteUnit skipQuarantinedPage(const TableDef &table, const QJsonObject &cursor,
        qint64 quarantineId, const QDateTime &now);
};

} // namespace msc
