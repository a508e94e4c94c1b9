#pragma once

#include "storage/cacheerror.h"

#include <QDateTime>

namespace msc {

class CacheWriter;
class SchemaDefinition;

/// Cache retention (connectors.md §2.7): rows whose `_event_time` is older than the limit
/// are deleted, awareness rows by `_last_seen`. The work goes through the single writer in
/// small transactions, so ingestion commits interleave and are never blocked for long.
/// Cursors are not touched, so pruned rows are not fetched again.
class RetentionPruner
{
public:
    struct Result
    {
        qint64 deleted = 0;
        CacheError error;
    };

    static constexpr int kRowsPerTransaction = 5000;

    /// Deletes what is older than \a retentionDays before \a now. Blocks the calling (worker)
    /// thread until done.
    static Result prune(CacheWriter &writer, const SchemaDefinition &definition, int retentionDays,
        const QDateTime &now);
};

} // namespace msc
