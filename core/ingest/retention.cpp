#include "ingest/retention.h"

#include "storage/cachewriter.h"
#include "storage/sqlidentifier.h"
#include "storage/tableschema.h"
#include "util/timeformat.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace msc {

RetentionPruner::Result RetentionPruner::prune(CacheWriter &writer,
    const SchemaDefinition &definition, int retentionDays, const QDateTime &now)
{
    Result result;
    const QString limit = formatUtc(now.addDays(-retentionDays));
    for (const TableDef &table : definition.tables()) {
        const QString column = table.isSnapshot() ? u"_last_seen"_s : u"_event_time"_s;
        const QString sql =
            u"DELETE FROM %1 WHERE \"_seq\" IN (SELECT \"_seq\" FROM %1 WHERE %2 < ? "
            u"LIMIT %3)"_s.arg(quoteIdentifier(table.name), quoteIdentifier(column))
                .arg(kRowsPerTransaction);
        for (;;) {
            WriteUnit unit;
            unit.description =
                QCoreApplication::translate("RetentionPruner", "retention pruning of %1")
                    .arg(table.name);
            unit.statements.append({sql, {limit}});
            const WriteResult written = writer.submit(std::move(unit)).result();
            if (!written.ok()) {
                result.error = written.error;
                return result;
            }
            result.deleted += written.statementChanges;
            if (written.statementChanges < kRowsPerTransaction)
                break;
        }
    }
    return result;
}

} // namespace msc
