#pragma once

#include <QString>

#include <memory>

struct sqlite3;

namespace msc {

/// Copies the cache's write-ahead log into the database file on a thread of its own.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold. With a
/// SIEM file's 100,000 rows per transaction, every such commit also copied the file's ~100 MB
/// of pages and waited for an fsync, and the writer, the ingest's narrowest stage, stood
/// still meanwhile (bench_ingest: about 10 % of the rate). Here the writer's connection only
/// reports its log size after each commit (sqlite3_wal_hook, which replaces the automatic
/// checkpoint); past Options::thresholdPages a thread with its own connection runs a PASSIVE
/// checkpoint, which never blocks the writer or the readers. If the log still reaches
/// Options::writerLimitPages (the checkpoints cannot keep up, or a long read holds an old
/// snapshot), the writer checkpoints in its commit as SQLite would, so the log cannot grow
/// without bound.
class WalCheckpointer
{
public:
    struct Options
    {
        /// SQLite's own automatic checkpoint threshold. Pages are the file's own: 8 KiB for a
        /// cache created since page_size 8192 (8 MiB here), 4 KiB for an older one.
        int thresholdPages = 1000;
        int writerLimitPages = 32 * 1024; ///< 256 MiB of 8 KiB pages (128 MiB of 4 KiB ones).
    };

    WalCheckpointer(QString filePath, Options options);
    /// Stops the thread (after a checkpoint in progress) and closes its connection.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    /// Installs the commit hook on the writer's connection; call on the writer's thread. The
    /// checkpointer must outlive the connection or be detached (attach(nullptr) is a no-op).
    void attach(sqlite3 *writer);
    /// Gives \a writer SQLite's automatic checkpoint back (before this is destroyed).
    static void detach(sqlite3 *writer);

    /// Checkpoints completed by the thread, and by the writer at the limit (for tests).
    qint64 backgroundCheckpoints() const;
    qint64 writerCheckpoints() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace msc
