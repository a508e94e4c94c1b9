#pragma once

#include "storage/cacheerror.h"
#include "storage/tableschema.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <utility>

namespace msc {

class CacheConnection;

/// Health figures of one stream, as `status` and the health page show them (connectors.md §2.7).
struct StreamHealth
{
    QString connector;
    QString stream;
    QString table;
    qint64 rows = 0;
    qint64 rowsWithoutEventTime = 0;
    QString newestEventTime; ///< Ignores rows without their own event time; empty if none.
    QString state;
    QString lastRun; ///< Start of the latest run, whatever its outcome; empty if never run.
    QString lastSuccess;
    QString lastErrorKind;
    QString lastError;
    qint64 duplicatesSuppressed = 0;
    qint64 quarantinedFiles = 0;
    qint64 quarantinedPages = 0;
    qint64 quarantinedLines = 0;
    qint64 unacknowledgedGaps = 0;
    /// Data quality, summed over all runs (connectors.md §2.7, the detail view).
    qint64 coercionWarnings = 0; ///< Values that did not fit their column's type (stored NULL).
    qint64 unknownTypes = 0; ///< CG/CI records of a type the value map does not know.
    /// Fields the table does not declare (kept in `_raw` only), most frequent first, with how
    /// often they were seen. Names come from Mimecast's records: show them as plain text.
    QList<std::pair<QString, qint64>> undeclaredFields;

    qint64 quarantined() const { return quarantinedFiles + quarantinedPages + quarantinedLines; }
};

/// One entry of the gap ledger (connectors.md §2.7).
struct GapEntry
{
    qint64 id = 0;
    QString stream;
    QString part;
    QString from;
    QString to;
    QString reason;
    QString createdAt;
    bool acknowledged = false;
};

/// Read-only queries over the cache on a connection of the calling thread. Create it on the
/// thread that uses it (a worker or QtConcurrent thread, never the GUI thread for big tables).
class CacheReader
{
public:
    ~CacheReader();

    static std::unique_ptr<CacheReader> open(
        const QString &filePath, const SchemaDefinition &definition, CacheError *error);

    /// One entry per table of the definition, in definition order.
    QList<StreamHealth> streamHealth(CacheError *error) const;
    QList<GapEntry> gaps(CacheError *error) const;
    /// The stored cursors of \a streamId by part (`""` for a window stream, the type for
    /// CG/CI, `backfill`). Cursors hold positions only, never secrets.
    QHash<QString, QJsonObject> cursors(const QString &streamId, CacheError *error) const;

private:
    CacheReader(std::unique_ptr<CacheConnection> connection, const SchemaDefinition &definition);

    std::unique_ptr<CacheConnection> m_connection;
    SchemaDefinition m_definition;
};

} // namespace msc
