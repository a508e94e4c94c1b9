#include "storage/tableschema.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct TypeName
    {
        ColumnType type;
        QLatin1StringView name;
        QLatin1StringView sqlite;
    };

    constexpr TypeName kTypeNames[] = {
        {ColumnType::String, "string"_L1, "TEXT"_L1},
        {ColumnType::Real, "real"_L1, "REAL"_L1},
        {ColumnType::DateTime, "datetime"_L1, "TEXT"_L1},
        {ColumnType::Boolean, "boolean"_L1, "INTEGER"_L1},
        {ColumnType::Dynamic, "dynamic"_L1, "TEXT"_L1},
        {ColumnType::Int, "int"_L1, "INTEGER"_L1},
    };

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(SchemaDefinition)
    };

    // Identifiers end up in SQL (quoted, but still): keep them to a conservative character set.
    bool isPlainIdentifier(const QString &name)
    {
        static const QRegularExpression pattern(u"^[A-Za-z_][A-Za-z0-9_]{0,127}$"_s);
        return pattern.match(name).hasMatch();
    }

    QStringList toStringList(const QJsonValue &value)
    {
        QStringList out;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            out.append(item.toString());
        return out;
    }

} // namespace

QString sqliteType(ColumnType type)
{
    for (const TypeName &entry : kTypeNames) {
        if (entry.type == type)
            return QString(entry.sqlite);
    }
    Q_UNREACHABLE();
}

QString columnTypeName(ColumnType type)
{
    for (const TypeName &entry : kTypeNames) {
        if (entry.type == type)
            return QString(entry.name);
    }
    Q_UNREACHABLE();
}

std::optional<ColumnType> columnTypeFromName(const QString &name)
{
    for (const TypeName &entry : kTypeNames) {
        if (name == entry.name)
            return entry.type;
    }
    return std::nullopt;
}

int TableDef::columnIndex(const QString &columnName) const
{
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (columns.at(i).name.compare(columnName, Qt::CaseInsensitive) == 0)
            return static_cast<int>(i);
    }
    return -1;
}

SchemaDefinition SchemaDefinition::builtIn()
{
    QFile file(u":/msc/schema/tables.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("The built-in table definition is missing from the binary");
    QString error;
    std::optional<SchemaDefinition> definition =
        fromJson(file.readAll(), u"built-in tables.json"_s, &error);
    if (!definition)
        qFatal("The built-in table definition is invalid: %s", qUtf8Printable(error));
    return *definition;
}

std::optional<SchemaDefinition> SchemaDefinition::fromJson(
    const QByteArray &json, const QString &origin, QString *error)
{
    auto fail = [&](const QString &problem) -> std::optional<SchemaDefinition> {
        if (error)
            *error = Tr::tr("Table definition %1: %2").arg(origin, problem);
        return std::nullopt;
    };

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(Tr::tr("not valid JSON at offset %1 (%2)")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    const QJsonObject root = document.object();

    SchemaDefinition definition;
    definition.m_definitionVersion = root.value("definitionVersion"_L1).toInt();
    if (definition.m_definitionVersion < 1)
        return fail(Tr::tr("\"definitionVersion\" must be a positive number"));

    const QJsonObject maps = root.value("valueMaps"_L1).toObject();
    for (auto it = maps.constBegin(); it != maps.constEnd(); ++it) {
        QHash<QString, QString> map;
        const QJsonObject entries = it.value().toObject();
        for (auto entry = entries.constBegin(); entry != entries.constEnd(); ++entry)
            map.insert(entry.key(), entry.value().toString());
        definition.m_valueMaps.insert(it.key(), map);
    }

    QSet<QString> tableNames;
    QSet<QString> streamIds;
    const QJsonArray tables = root.value("tables"_L1).toArray();
    if (tables.isEmpty())
        return fail(Tr::tr("no tables are defined"));
    for (const QJsonValue &tableValue : tables) {
        const QJsonObject object = tableValue.toObject();
        TableDef table;
        table.name = object.value("name"_L1).toString();
        if (!isPlainIdentifier(table.name))
            return fail(Tr::tr("table name \"%1\" is not a plain identifier").arg(table.name));
        if (tableNames.contains(table.name.toLower()))
            return fail(Tr::tr("table \"%1\" is defined twice").arg(table.name));
        tableNames.insert(table.name.toLower());

        table.connector = object.value("connector"_L1).toString();
        table.stream = object.value("stream"_L1).toString();
        if (table.connector.isEmpty() || !table.stream.startsWith(table.connector + u'.'))
            return fail(Tr::tr("table \"%1\": stream id \"%2\" must start with its connector id")
                            .arg(table.name, table.stream));
        if (streamIds.contains(table.stream))
            return fail(Tr::tr("stream \"%1\" fills two tables").arg(table.stream));
        streamIds.insert(table.stream);

        const QString kind = object.value("kind"_L1).toString();
        if (kind == "batch"_L1)
            table.kind = StreamKind::Batch;
        else if (kind == "window"_L1)
            table.kind = StreamKind::Window;
        else if (kind == "snapshot"_L1)
            table.kind = StreamKind::Snapshot;
        else
            return fail(Tr::tr("table \"%1\": unknown kind \"%2\"").arg(table.name, kind));

        table.dcrGroup = object.value("dcrGroup"_L1).toString();
        table.dcrStream = object.value("dcrStream"_L1).toString();
        const QJsonObject eventTime = object.value("eventTime"_L1).toObject();
        table.eventTimeField = eventTime.value("field"_L1).toString();
        table.eventTimeFormat = eventTime.value("format"_L1).toString();
        const QJsonObject dedup = object.value("dedup"_L1).toObject();
        table.dedupNativeId = dedup.value("nativeId"_L1).toString();
        table.dedupFields = toStringList(dedup.value("fields"_L1));
        table.dedupWholeRecord = dedup.value("wholeRecord"_L1).toBool();
        table.dedupWithCampaign = dedup.value("withCampaign"_L1).toBool();
        if (!table.dedupWholeRecord && table.dedupFields.isEmpty())
            return fail(Tr::tr("table \"%1\" has no dedup fields").arg(table.name));

        QSet<QString> columnNames;
        const QJsonArray columns = object.value("columns"_L1).toArray();
        for (const QJsonValue &columnValue : columns) {
            const QJsonObject columnObject = columnValue.toObject();
            ColumnDef column;
            column.name = columnObject.value("name"_L1).toString();
            if (!isPlainIdentifier(column.name) || column.name.startsWith(u'_'))
                return fail(Tr::tr("table \"%1\": column name \"%2\" is not allowed")
                                .arg(table.name, column.name));
            if (columnNames.contains(column.name.toLower()))
                return fail(Tr::tr("table \"%1\": column \"%2\" is defined twice")
                                .arg(table.name, column.name));
            columnNames.insert(column.name.toLower());
            const QString typeName = columnObject.value("type"_L1).toString();
            const std::optional<ColumnType> type = columnTypeFromName(typeName);
            if (!type)
                return fail(Tr::tr("table \"%1\", column \"%2\": unknown type \"%3\"")
                                .arg(table.name, column.name, typeName));
            column.type = *type;
            column.source = columnObject.value("source"_L1).toString();
            column.streamName = columnObject.value("streamName"_L1).toString();
            column.legacyName = columnObject.value("legacyName"_L1).toString();
            column.valueMap = columnObject.value("valueMap"_L1).toString();
            column.aliases = toStringList(columnObject.value("aliases"_L1));
            if (!column.valueMap.isEmpty() && !definition.m_valueMaps.contains(column.valueMap))
                return fail(Tr::tr("table \"%1\", column \"%2\": value map \"%3\" is not defined")
                                .arg(table.name, column.name, column.valueMap));
            table.columns.append(column);
        }
        if (table.columnIndex(u"TimeGenerated"_s) < 0)
            return fail(Tr::tr("table \"%1\" has no TimeGenerated column").arg(table.name));
        definition.m_tables.append(table);
    }
    return definition;
}

const TableDef *SchemaDefinition::tableByName(const QString &name) const
{
    for (const TableDef &table : m_tables) {
        if (table.name.compare(name, Qt::CaseInsensitive) == 0)
            return &table;
    }
    return nullptr;
}

const TableDef *SchemaDefinition::tableByStream(const QString &streamId) const
{
    for (const TableDef &table : m_tables) {
        if (table.stream == streamId)
            return &table;
    }
    return nullptr;
}

} // namespace msc
