#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace msc {

/// A DCR column type (sentinel.md §7.4).
enum class ColumnType { String, Real, DateTime, Boolean, Dynamic, Int };

/// The SQLite storage type of a DCR type (connectors.md §2.6).
QString sqliteType(ColumnType type);
QString columnTypeName(ColumnType type);
std::optional<ColumnType> columnTypeFromName(const QString &name);

/// One DCR column of a cache table.
struct ColumnDef
{
    QString name; ///< Column name in the cache and the table (DCR spelling).
    ColumnType type = ColumnType::String;
    QString source; ///< Raw record field, when it is not the column name (renames).
    QString streamName; ///< Name in the DCR stream declaration, when it differs (renames).
    QString legacyName; ///< Name sent to the legacy Data Collector API, when it differs.
    QString valueMap; ///< Name of a value map applied on ingest (e.g. CG `email_*` labels).
    QStringList aliases; ///< Flattened names that also land in this column.

    /// The raw field that feeds this column: source if set, else the column name.
    QString sourceField() const { return source.isEmpty() ? name : source; }
};

enum class StreamKind { Batch, Window, Snapshot };

/// One cache table: its Sentinel identity, its stream, and how rows are keyed.
struct TableDef
{
    QString name; ///< Sentinel table name, e.g. `Seg_Cg_CL`.
    QString connector; ///< Connector id, e.g. `seg`.
    QString stream; ///< Stream id, e.g. `seg.cg`.
    StreamKind kind = StreamKind::Window;
    QString dcrGroup;
    QString dcrStream;
    QString eventTimeField; ///< Empty for the snapshot (awareness) tables.
    QString eventTimeFormat; ///< `epoch-ms`, `iso8601` or `none`.
    QString dedupNativeId; ///< Native id field, if the stream has one.
    QStringList dedupFields; ///< Fallback hash fields (connectors.md §2.3).
    bool dedupWholeRecord = false;
    bool dedupWithCampaign = false;
    QList<ColumnDef> columns;

    bool isSnapshot() const { return kind == StreamKind::Snapshot; }
    bool hasCampaignColumn() const { return dedupWithCampaign; }
    int columnIndex(const QString &columnName) const;
};

/// The table-schema definition (resources/schema/tables.json): the one source of truth for
/// the cache schema, record mapping, Sentinel export and the ARM template generator.
class SchemaDefinition
{
public:
    /// Loads the definition compiled into the binary.
    static SchemaDefinition builtIn();

    /// Parses a definition; on failure returns std::nullopt and sets \a error to a message
    /// naming \a origin and the problem.
    static std::optional<SchemaDefinition> fromJson(
        const QByteArray &json, const QString &origin, QString *error);

    int definitionVersion() const { return m_definitionVersion; }
    const QList<TableDef> &tables() const { return m_tables; }
    const TableDef *tableByName(const QString &name) const;
    const TableDef *tableByStream(const QString &streamId) const;
    QHash<QString, QString> valueMap(const QString &name) const { return m_valueMaps.value(name); }

private:
    int m_definitionVersion = 0;
    QList<TableDef> m_tables;
    QHash<QString, QHash<QString, QString>> m_valueMaps;
};

} // namespace msc
