#pragma once

#include "dedupkey.h"
#include "prng.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace msc::sim {

/// What defines a dataset: the same configuration always gives byte-identical data
/// (mimecast-api.md §10.2).
struct DatasetConfig
{
    quint64 seed = 1;
    /// Gateway messages per simulated day. Values below 250 generate 250 (with the rule-coverage
    /// chains on top), so that every stream still gets a few dozen records a day; the AT
    /// population follows the configured value: max(50, volume / 20).
    int volume = 500;
    /// Simulator start (UTC); all events fall in [end - historyDays, end). An invalid value means
    /// "now", truncated to the second (then the data depends on the start time).
    QDateTime end;
    int historyDays = 7;
    int batchFileMinutes = 5; // SIEM files cut every N simulated minutes per type ...
    int batchFileLines = 0; // ... or every N lines when > 0 (bench profile: 100000)
};

/// One SIEM batch file of one (feed, type); feed is "cg" or "ci".
struct BatchFileInfo
{
    QString feed;
    QString type;
    int index = 0; // position in the type's list, oldest first
    QDateTime firstEvent;
    QDateTime lastEvent;
    qint64 lines = 0; // JSON lines (blank lines not counted)
    /// Stable path-like name, URL-safe (spaces in a type become '-'):
    /// `cg/receipt/2025/06/01/083500.json.gz` (slot start, minute cutting) or
    /// `cg/receipt/2025/06/01/000042.json.gz` (file index, line cutting).
    QString name;
};

/// The simulator's deterministic data: every record of every stream, generated lazily per
/// (stream, hour bucket) from mixSeed(seed, stream, bucket), so any window or file is produced
/// without generating or keeping the rest. Thread-safe: all methods are const; the only shared
/// state is the lazily built batch file index, guarded by a mutex.
class Dataset
{
public:
    explicit Dataset(DatasetConfig config);
    ~Dataset();
    Dataset(Dataset &&) noexcept;
    Dataset &operator=(Dataset &&) noexcept;
    Dataset(const Dataset &) = delete;
    Dataset &operator=(const Dataset &) = delete;

    /// The configuration after normalisation (a valid UTC `end`, sane minimums).
    const DatasetConfig &config() const;
    QDateTime start() const;
    QDateTime end() const;

    static QStringList cgTypes(); // the 10 CG types, connectors.md §3.1 order
    static QStringList ciTypes(); // entities, mailflow, urlclick
    /// seg.dlp, ttp.url, ttp.attachment, ttp.impersonation, audit.audit.
    static QStringList windowStreams();
    /// The 11 Sentinel table names (connectors.md §1), and the stream id of each.
    static QStringList tableNames();
    static QString streamOfTable(const QString &tableName);
    static QString tableOfStream(const QString &streamId);

    /// All records of a window stream with event time in [from, to] (both inclusive; an invalid
    /// bound is open), ordered by event time ascending with a stable seeded tie order. Records
    /// are exactly as the API serves them (mimecast-api.md §9). Unknown stream: empty.
    QList<QJsonObject> windowRecords(
        const QString &streamId, const QDateTime &from, const QDateTime &to) const;

    /// The number of records windowRecords() returns for the same arguments, counted from cheap
    /// event shapes without building the records.
    qint64 windowCount(const QString &streamId, const QDateTime &from, const QDateTime &to) const;
    /// windowRecords(streamId, from, to).mid(offset, limit), building only the hour buckets that
    /// the page touches (for `/api` paging over long windows).
    QList<QJsonObject> windowPage(const QString &streamId, const QDateTime &from,
        const QDateTime &to, qint64 offset, qint64 limit) const;

    /// Awareness snapshots: awareness.performance | awareness.safescore | awareness.watchlist.
    QList<QJsonObject> awarenessRecords(const QString &streamId) const;
    /// The 5 campaigns, each with "id", "name", "launchDate".
    QList<QJsonObject> campaigns() const;
    /// The user results of one campaign (data[0].items[]); unknown id: empty.
    QList<QJsonObject> campaignUserData(const QString &campaignId) const;

    /// The files of one (feed, type), oldest first. The first call per feed indexes the whole
    /// feed (counting rows from cheap message shapes); later calls are served from that index.
    QList<BatchFileInfo> batchFiles(const QString &feed, const QString &type) const;
    /// The file with this name (BatchFileInfo::name), if it exists.
    std::optional<BatchFileInfo> batchFile(const QString &name) const;
    /// Writes the file's NDJSON (one compact JSON object per line, '\n' separated; a blank line
    /// after every 500th line and at the end) to \a sink in chunks of about 64 KiB, generating one
    /// hour bucket at a time, so a huge file is never held in memory. Unknown file: no output.
    void writeBatchFile(
        const BatchFileInfo &file, const std::function<void(const QByteArray &chunk)> &sink) const;

    /// Ground truth (static mode): every distinct record of a table that a perfect client can
    /// fetch, with its dedup key computed by this library (32 lowercase hex characters), its
    /// CG/CI type (empty for other tables) and the payload exactly as served.
    struct TruthRecord
    {
        QString key;
        QString type;
        QJsonObject payload;
        QString campaignId; // Awareness_User_Data_CL only
    };
    QList<TruthRecord> truth(const QString &tableName) const;
    /// truth() as a stream, for tables too large to hold (the CG feed at bench volume).
    void forEachTruthRecord(
        const QString &tableName, const std::function<void(const TruthRecord &)> &fn) const;
    /// Table name -> distinct record count. The default data never repeats a dedup key
    /// (mimecast-api.md §10.2 item 11), so this is the record count; CG and CI are counted from
    /// message shapes without building the records.
    QHash<QString, qint64> truthCounts() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace msc::sim
