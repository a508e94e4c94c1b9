#pragma once

#include "storage/tableschema.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <atomic>
#include <memory>
#include <optional>

namespace msc {

/// Something the Data page can browse: a cache table today, a parser view later. Its name and
/// columns come from the schema definition (or, for views, from the view definition), never
/// from input, so they are the only identifiers a TableQuery may put into SQL.
struct DataSource
{
    enum class Kind { Table, View };

    Kind kind = Kind::Table;
    QString name; ///< Table or view name, as in the definition.
    QStringList columns; ///< In display order.
    QString timeColumn; ///< Column of the time range filter; empty if the source has none.
    QString seqColumn; ///< Insertion-order column (`_seq`); empty if the source has none.
    QString defaultSortColumn;

    bool isValid() const { return !name.isEmpty() && !columns.isEmpty(); }
    bool hasColumn(const QString &column) const { return columns.contains(column); }
};

namespace DataSources {
    /// Every browsable source of \a definition: one per cache table, in definition order.
    QList<DataSource> fromDefinition(const SchemaDefinition &definition);
    /// The source named \a name, or an invalid one.
    DataSource find(const SchemaDefinition &definition, const QString &name);
} // namespace DataSources

/// A column filter; the value is always bound, never written into the SQL text.
struct ColumnFilter
{
    enum class Mode {
        Contains, ///< Case-insensitive (ASCII) substring; `%` and `_` match literally.
        Equals,
    };

    QString column;
    Mode mode = Mode::Contains;
    QString value;
};

/// What to show of one source. A value type: the UI builds it, a pool thread runs it.
///
/// Paging is by OFFSET/LIMIT. With the default sort (`_seq` DESC, the primary key) and with
/// `_event_time` (indexed) SQLite walks an index, so a page costs the offset's index steps;
/// other sort columns have no index and sort the filtered rows for every page. Keyset paging
/// would make deep pages cheaper and is the next step if that shows up. So that rows the writer
/// commits while someone scrolls do not shift the pages, the first page records the highest
/// `_seq` and later pages are limited to it (seqCeiling).
struct TableQuery
{
    static constexpr int kDefaultPageSize = 500;

    QString source;
    std::optional<QDateTime> from; ///< Inclusive, on the source's time column (UTC).
    std::optional<QDateTime> to; ///< Exclusive.
    std::optional<ColumnFilter> filter;
    QString sortColumn; ///< Empty: the source's default sort column.
    Qt::SortOrder sortOrder = Qt::DescendingOrder;
    qint64 offset = 0;
    int limit = kDefaultPageSize;
    /// Only rows with `_seq` <= this (0: no limit). Set from TablePage::seqCeiling.
    qint64 seqCeiling = 0;
};

/// SQL text and its bound values, in placeholder order.
struct BoundQuery
{
    QString sql;
    QVariantList values;
};

/// One page of rows, as plain values: SQLite's types (qint64, double, QString, QByteArray for
/// BLOBs, a null QVariant for NULL), one value per column.
struct TablePage
{
    QStringList columns;
    QList<QVariantList> rows;
    qint64 offset = 0;
    qint64 seqCeiling = 0; ///< The highest `_seq` when the query had none, else the query's.
    bool atEnd = false; ///< Fewer rows than the limit came back.
    QString error; ///< Translated; empty on success.

    bool ok() const { return error.isEmpty(); }
};

struct TableCount
{
    qint64 rows = 0;
    QString error;

    bool ok() const { return error.isEmpty(); }
};

/// Set to true by the thread that started a query to stop it early: a superseded page or count,
/// or a page closing. The running statement is interrupted through SQLite's progress handler
/// and the result comes back with an error. Shared by both threads.
using QueryCancelFlag = std::shared_ptr<std::atomic_bool>;

/// Builds and runs TableQuery over the cache. Every function checks the query against the
/// DataSource first: a table or column that is not the source's is refused with a message.
namespace TableQueries {

    /// The SELECT for one page, or std::nullopt with \a error set.
    std::optional<BoundQuery> selectSql(
        const DataSource &source, const TableQuery &query, QString *error);
    /// The count(*) of all rows the query matches (offset and limit ignored).
    std::optional<BoundQuery> countSql(
        const DataSource &source, const TableQuery &query, QString *error);

    /// Runs one page on a reader connection that it opens, and closes, on the calling thread
    /// (a pool thread; never the GUI thread for big tables).
    TablePage fetchPage(const QString &cachePath, const DataSource &source, const TableQuery &query,
        const QueryCancelFlag &cancel = {});
    /// Counts the matching rows, like fetchPage.
    TableCount count(const QString &cachePath, const DataSource &source, const TableQuery &query,
        const QueryCancelFlag &cancel = {});

} // namespace TableQueries

} // namespace msc
