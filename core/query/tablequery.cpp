#include "query/tablequery.h"

#include "storage/cachedatabase.h"
#include "storage/cacheschema.h"
#include "storage/sqlidentifier.h"
#include "util/timeformat.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(TableQuery)
    };

    /// Escapes the LIKE wildcards so that a filter value only ever matches literally.
    QString likePattern(const QString &value)
    {
        QString escaped;
        escaped.reserve(value.size() + 2);
        escaped.append(u'%');
        for (const QChar c : value) {
            if (c == u'\\' || c == u'%' || c == u'_')
                escaped.append(u'\\');
            escaped.append(c);
        }
        escaped.append(u'%');
        return escaped;
    }

    /// FROM + WHERE, shared by the page and the count query.
    std::optional<BoundQuery> fromWhere(
        const DataSource &source, const TableQuery &query, QString *error)
    {
        auto fail = [error](const QString &message) {
            if (error)
                *error = message;
            return std::optional<BoundQuery>();
        };
        if (!source.isValid())
            return fail(Tr::tr("There is no table or view named %1.").arg(query.source));
        if (query.source != source.name)
            return fail(Tr::tr("The query is for %1, not for %2.").arg(query.source, source.name));

        BoundQuery bound;
        QStringList conditions;
        if (query.from || query.to) {
            if (source.timeColumn.isEmpty() || !source.hasColumn(source.timeColumn))
                return fail(Tr::tr("%1 has no event time to filter on.").arg(source.name));
            const QString column = quoteIdentifier(source.timeColumn);
            if (query.from) {
                conditions.append(column + u" >= ?"_s);
                bound.values.append(formatUtc(*query.from));
            }
            if (query.to) {
                conditions.append(column + u" < ?"_s);
                bound.values.append(formatUtc(*query.to));
            }
        }
        if (query.filter) {
            const ColumnFilter &filter = *query.filter;
            if (!source.hasColumn(filter.column))
                return fail(Tr::tr("%1 has no column named %2.").arg(source.name, filter.column));
            // A compressed `_raw` is matched as the JSON text it holds.
            const QString column = filter.column == "_raw"_L1 ? u"raw_json(\"_raw\")"_s
                                                              : quoteIdentifier(filter.column);
            if (filter.mode == ColumnFilter::Mode::Equals) {
                conditions.append(column + u" = ?"_s);
                bound.values.append(filter.value);
            } else {
                conditions.append(column + u" LIKE ? ESCAPE '\\'"_s);
                bound.values.append(likePattern(filter.value));
            }
        }
        if (query.seqCeiling > 0 && !source.seqColumn.isEmpty()) {
            conditions.append(quoteIdentifier(source.seqColumn) + u" <= ?"_s);
            bound.values.append(query.seqCeiling);
        }
        bound.sql = u" FROM "_s + quoteIdentifier(source.name);
        if (!conditions.isEmpty())
            bound.sql += u" WHERE "_s + conditions.join(u" AND "_s);
        return bound;
    }

    QVariant plainValue(const QVariant &value)
    {
        // A NULL comes back typed after the column; the model and the exporters want one
        // kind of null.
        return value.isNull() ? QVariant() : value;
    }

    struct OpenedConnection
    {
        std::unique_ptr<CacheConnection> connection;
        QString error;
    };

    int checkCancel(void *flag)
    {
        // Non-zero makes SQLite stop the statement with SQLITE_INTERRUPT.
        return static_cast<std::atomic_bool *>(flag)->load(std::memory_order_relaxed) ? 1 : 0;
    }

    OpenedConnection openReader(const QString &cachePath, const QueryCancelFlag &cancel)
    {
        OpenedConnection opened;
        if (cancel && cancel->load()) {
            opened.error = Tr::tr("Cancelled.");
            return opened;
        }
        CacheError cacheError;
        opened.connection = CacheConnection::open(cachePath, ConnectionOptions {}, &cacheError);
        if (!opened.connection)
            opened.error = cacheError.message;
        else if (cancel)
            sqlite3_progress_handler(opened.connection->handle(), 1000, &checkCancel, cancel.get());
        return opened;
    }

    QString queryError(const QSqlQuery &query, const QString &sourceName)
    {
        return Tr::tr("Reading %1 failed: %2").arg(sourceName, query.lastError().text());
    }

} // namespace

QList<DataSource> DataSources::fromDefinition(const SchemaDefinition &definition)
{
    QList<DataSource> sources;
    for (const TableDef &table : definition.tables()) {
        DataSource source;
        source.kind = DataSource::Kind::Table;
        source.name = table.name;
        source.columns = CacheSchema::columnNames(table);
        source.timeColumn = u"_event_time"_s;
        source.seqColumn = u"_seq"_s;
        source.defaultSortColumn = u"_seq"_s;
        sources.append(source);
    }
    return sources;
}

DataSource DataSources::find(const SchemaDefinition &definition, const QString &name)
{
    const TableDef *table = definition.tableByName(name);
    if (!table)
        return {};
    for (const DataSource &source : fromDefinition(definition)) {
        if (source.name == table->name)
            return source;
    }
    return {};
}

std::optional<BoundQuery> TableQueries::selectSql(
    const DataSource &source, const TableQuery &query, QString *error)
{
    std::optional<BoundQuery> bound = fromWhere(source, query, error);
    if (!bound)
        return std::nullopt;

    const QString sortColumn =
        query.sortColumn.isEmpty() ? source.defaultSortColumn : query.sortColumn;
    if (!source.hasColumn(sortColumn)) {
        if (error)
            *error = Tr::tr("%1 has no column named %2.").arg(source.name, sortColumn);
        return std::nullopt;
    }
    if (query.offset < 0 || query.limit <= 0) {
        if (error)
            *error =
                Tr::tr("Invalid page: offset %1, limit %2.").arg(query.offset).arg(query.limit);
        return std::nullopt;
    }

    QStringList columns;
    columns.reserve(source.columns.size());
    for (const QString &column : source.columns) {
        // `_raw` may be stored compressed: always read as JSON text (connectors.md §2.6).
        if (column == "_raw"_L1)
            columns.append(u"raw_json(\"_raw\") AS \"_raw\""_s);
        else
            columns.append(quoteIdentifier(column));
    }

    const QString direction = query.sortOrder == Qt::AscendingOrder ? u"ASC"_s : u"DESC"_s;
    QString order = quoteIdentifier(sortColumn) + u' ' + direction;
    // A unique tie-breaker keeps the order of equal values stable from page to page.
    if (!source.seqColumn.isEmpty() && sortColumn != source.seqColumn)
        order += u", "_s + quoteIdentifier(source.seqColumn) + u' ' + direction;

    bound->sql = u"SELECT "_s + columns.join(u", "_s) + bound->sql + u" ORDER BY "_s + order
        + u" LIMIT ? OFFSET ?"_s;
    bound->values.append(query.limit);
    bound->values.append(query.offset);
    return bound;
}

std::optional<BoundQuery> TableQueries::countSql(
    const DataSource &source, const TableQuery &query, QString *error)
{
    std::optional<BoundQuery> bound = fromWhere(source, query, error);
    if (bound)
        bound->sql = u"SELECT count(*)"_s + bound->sql;
    return bound;
}

TablePage TableQueries::fetchPage(const QString &cachePath, const DataSource &source,
    const TableQuery &query, const QueryCancelFlag &cancel)
{
    TablePage page;
    page.offset = query.offset;
    page.seqCeiling = query.seqCeiling;

    OpenedConnection opened = openReader(cachePath, cancel);
    if (!opened.connection) {
        page.error = opened.error;
        return page;
    }
    {
        QSqlDatabase db = opened.connection->database();
        TableQuery effective = query;
        if (effective.seqCeiling <= 0 && !source.seqColumn.isEmpty() && source.isValid()
            && source.hasColumn(source.seqColumn)) {
            // Identifiers from the source only; nothing from the query reaches this text.
            QSqlQuery ceiling(db);
            if (!ceiling.exec(u"SELECT max(%1) FROM %2"_s.arg(
                    quoteIdentifier(source.seqColumn), quoteIdentifier(source.name)))
                || !ceiling.next()) {
                page.error = queryError(ceiling, source.name);
                return page;
            }
            effective.seqCeiling = ceiling.value(0).toLongLong();
            page.seqCeiling = effective.seqCeiling;
        }

        QString error;
        const std::optional<BoundQuery> bound = selectSql(source, effective, &error);
        if (!bound) {
            page.error = error;
            return page;
        }
        QSqlQuery select(db);
        select.setForwardOnly(true);
        if (!select.prepare(bound->sql)) {
            page.error = queryError(select, source.name);
            return page;
        }
        for (const QVariant &value : bound->values)
            select.addBindValue(value);
        if (!select.exec()) {
            page.error = queryError(select, source.name);
            return page;
        }
        page.columns = source.columns;
        const int columnCount = int(source.columns.size());
        while (select.next()) {
            QVariantList row;
            row.reserve(columnCount);
            for (int i = 0; i < columnCount; ++i)
                row.append(plainValue(select.value(i)));
            page.rows.append(std::move(row));
        }
        if (select.lastError().isValid()) {
            page.error = queryError(select, source.name);
            page.rows.clear();
            return page;
        }
        page.atEnd = page.rows.size() < effective.limit;
    }
    return page;
}

TableCount TableQueries::count(const QString &cachePath, const DataSource &source,
    const TableQuery &query, const QueryCancelFlag &cancel)
{
    TableCount result;
    QString error;
    const std::optional<BoundQuery> bound = countSql(source, query, &error);
    if (!bound) {
        result.error = error;
        return result;
    }
    OpenedConnection opened = openReader(cachePath, cancel);
    if (!opened.connection) {
        result.error = opened.error;
        return result;
    }
    {
        QSqlQuery select(opened.connection->database());
        select.setForwardOnly(true);
        if (!select.prepare(bound->sql)) {
            result.error = queryError(select, source.name);
            return result;
        }
        for (const QVariant &value : bound->values)
            select.addBindValue(value);
        if (!select.exec() || !select.next()) {
            result.error = queryError(select, source.name);
            return result;
        }
        result.rows = select.value(0).toLongLong();
    }
    return result;
}

} // namespace msc
