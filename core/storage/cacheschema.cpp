#include "storage/cacheschema.h"

#include "storage/sqlidentifier.h"

using namespace Qt::Literals::StringLiterals;

namespace msc::CacheSchema {

QList<BookkeepingColumn> bookkeepingColumns(const TableDef &table)
{
    QList<BookkeepingColumn> columns = {
        {u"_dedup_key"_s, u"BLOB NOT NULL UNIQUE CHECK (length(_dedup_key) = 16)"_s},
        {u"_event_time"_s, u"TEXT NOT NULL"_s},
        {u"_event_time_missing"_s, u"INTEGER NOT NULL DEFAULT 0"_s},
        // ANY: the raw record is JSON text today and may become a compressed frame later
        // (connectors.md §2.6) without a table rebuild.
        {u"_raw"_s, u"ANY NOT NULL"_s},
        {u"_raw_sha256"_s, u"TEXT"_s},
        {u"_source"_s, u"TEXT"_s},
    };
    if (table.isSnapshot()) {
        columns.append({u"_first_seen"_s, u"TEXT"_s});
        columns.append({u"_last_seen"_s, u"TEXT"_s});
    }
    if (table.hasCampaignColumn())
        columns.append({u"_campaign_id"_s, u"TEXT"_s});
    return columns;
}

QStringList columnNames(const TableDef &table)
{
    QStringList names {u"_seq"_s};
    for (const ColumnDef &column : table.columns)
        names.append(column.name);
    for (const BookkeepingColumn &column : bookkeepingColumns(table))
        names.append(column.name);
    return names;
}

QStringList createStatements(const TableDef &table)
{
    QStringList definitions {u"\"_seq\" INTEGER PRIMARY KEY AUTOINCREMENT"_s};
    for (const ColumnDef &column : table.columns)
        definitions.append(quoteIdentifier(column.name) + u' ' + sqliteType(column.type));
    for (const BookkeepingColumn &column : bookkeepingColumns(table))
        definitions.append(quoteIdentifier(column.name) + u' ' + column.declaration);

    const QString name = quoteIdentifier(table.name);
    // STRICT: SQLite enforces the declared types, so a mapping bug cannot slip a string into
    // a REAL column unnoticed.
    QStringList statements {
        u"CREATE TABLE %1 (\n    %2\n) STRICT"_s.arg(name, definitions.join(u",\n    "_s))};
    statements.append(u"CREATE INDEX %1 ON %2 (\"_event_time\")"_s.arg(
        quoteIdentifier(table.name + u"_event_time_idx"_s), name));
    if (table.isSnapshot()) {
        statements.append(u"CREATE INDEX %1 ON %2 (\"_last_seen\")"_s.arg(
            quoteIdentifier(table.name + u"_last_seen_idx"_s), name));
    }
    return statements;
}

} // namespace msc::CacheSchema
