#pragma once

#include "storage/cacheerror.h"
#include "storage/rowvalues.h"
#include "storage/tableschema.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <QVariantList>

#include <functional>
#include <memory>

namespace msc {

/// One row for a cache table, already mapped to the DCR columns.
struct CacheRow
{
    QByteArray dedupKey; ///< 16 bytes (connectors.md §2.3).
    QString eventTime; ///< Storage form; empty = the commit time (awareness tables).
    bool eventTimeMissing = false;
    QByteArray raw; ///< The record as received, compact JSON, or its zstd frame (rawCompressed).
    bool rawCompressed = false; ///< raw is a RawCompressor frame, stored as a BLOB.
    QByteArray rawSha256; ///< Lowercase hex (ASCII).
    QByteArray source; ///< Provenance JSON, UTF-8.
    /// One value per TableDef::columns entry, in definition order. TimeGenerated is set by
    /// the writer to the commit time whatever is given here.
    RowValues values;
    QString snapshotId; ///< Awareness tables: `_first_seen`/`_last_seen` of this snapshot.
    QString campaignId; ///< `Awareness_User_Data_CL` only.
};

struct RowBatch
{
    QString table;
    QList<CacheRow> rows;
};

/// The new cursor of one stream part; committed together with the rows it covers.
struct CursorUpdate
{
    QString connectorId;
    QString streamId;
    QString part;
    QByteArray json;
};

/// A bookkeeping write (file ledger, gap, quarantine, job history). The SQL is a constant
/// from core's code, never text from input; values are always bound.
struct BoundStatement
{
    QString sql;
    QVariantList values;
};

/// Units and streams of one producer that commit in submission order, each only if every
/// earlier one did. The producer may go on without waiting for a result: a failed write stops
/// everything after it in the chain, as if the producer had waited and stopped.
class WriteChain
{
public:
    /// The first failure in the chain; no error while none failed.
    CacheError failure() const;

private:
    friend class CacheWriter;
    void fail(const CacheError &error);

    mutable QMutex m_mutex;
    CacheError m_failure;
};

/// Everything that must become durable together: one SQLite transaction.
struct WriteUnit
{
    QString description; ///< For error messages: "page 3 of seg.dlp".
    QList<RowBatch> batches;
    QList<BoundStatement> statements;
    QList<CursorUpdate> cursors;
    std::shared_ptr<WriteChain> chain; ///< Optional: skipped (failed) once the chain failed.
};

struct WriteResult
{
    CacheError error;
    qint64 inserted = 0;
    qint64 duplicates = 0;
    qint64 statementChanges = 0; ///< Rows changed by the unit's bound statements.
    QString committedAt; ///< The TimeGenerated given to the rows.

    bool ok() const { return !error.isError(); }
};

/// One transaction fed in parts (CacheWriter::openStream()): rows are inserted while the
/// rest is still being downloaded and mapped, and the unit given to commit() (its statements
/// and cursors) becomes durable with them, or none of it does. A file of 100,000 rows no
/// longer waits in memory for its transaction, and the writer starts on its first rows.
///
/// Used from one thread. Destroying a stream that was not committed rolls it back.
class RowStream
{
public:
    /// Rows the writer has inserted, handed back for reuse (their buffers keep capacity).
    using Recycler = std::function<void(QList<CacheRow> &&rows)>;

    ~RowStream();
    RowStream(const RowStream &) = delete;
    RowStream &operator=(const RowStream &) = delete;

    /// Queues rows for the stream's transaction. Blocks while the writer is a few batches
    /// behind, which bounds the memory held. Rows after a failure are dropped (commit()
    /// reports the failure).
    void append(RowBatch batch);
    /// Whether the transaction already failed (commit() will say why): the producer may stop.
    bool failed() const;
    /// Runs \a rest after the streamed rows (its batches, statements, cursors) and commits.
    /// A statement may call the SQL function unit_rows_inserted(): the rows the transaction
    /// inserted so far (in any unit, in fact).
    QFuture<WriteResult> commit(WriteUnit rest);
    /// Rolls everything back.
    void abort();

    struct State; ///< The writer's side; opaque here.

private:
    friend class CacheWriter;
    explicit RowStream(std::shared_ptr<State> state);
    std::shared_ptr<State> m_state;
};

/// The cache's single writer path.
///
/// Owns one thread and the only read-write connection of the profile. Each submitted
/// WriteUnit runs as one transaction: all of it becomes durable, or (on any error, a full
/// disk included) none of it. Units (and streams) are applied in submission order; while a
/// stream is open the writer serves only that stream. Safe to call from any thread; results
/// come back as futures.
class CacheWriter
{
public:
    struct Options
    {
        QString filePath;
        int cacheSizeKiB = 64 * 1024;
    };

    CacheWriter(const SchemaDefinition &definition, Options options);
    /// Finishes every unit already submitted, then closes the connection and the thread.
    ~CacheWriter();
    CacheWriter(const CacheWriter &) = delete;
    CacheWriter &operator=(const CacheWriter &) = delete;

    /// Opens the cache and migrates it to the latest schema on the writer thread. The future
    /// holds an error if that failed; every later submit then fails with the same error.
    QFuture<CacheError> start();

    QFuture<WriteResult> submit(WriteUnit unit);
    /// Opens a transaction fed in parts, queued like a unit. \a description names it in
    /// errors. \a recycle, if set, gets each batch back on the writer thread once inserted.
    /// \a chain as for WriteUnit::chain.
    std::unique_ptr<RowStream> openStream(QString description, RowStream::Recycler recycle = {},
        std::shared_ptr<WriteChain> chain = {});

    const QString &filePath() const;

private:
    class Worker;
    static void failChain(WriteChain &chain, const CacheError &error);
    std::unique_ptr<Worker> m_worker;
};

} // namespace msc
