#pragma once

#include "storage/tableschema.h"

#include <QStringList>

namespace msc {

/// A column the console adds to every cache table; never sent to Sentinel (connectors.md §2.6).
struct BookkeepingColumn
{
    QString name;
    QString declaration; ///< Type and constraints, as written in CREATE TABLE.
};

/// Generates the DDL of the cache tables from the table definition, so the schema, the
/// mapping and the export can never disagree about a column.
namespace CacheSchema {

    /// The bookkeeping columns of \a table, in table order.
    QList<BookkeepingColumn> bookkeepingColumns(const TableDef &table);

    /// CREATE TABLE and CREATE INDEX statements for \a table.
    QStringList createStatements(const TableDef &table);

    /// All column names of \a table in table order: `_seq`, the DCR columns, the bookkeeping ones.
    QStringList columnNames(const TableDef &table);

} // namespace CacheSchema

} // namespace msc
