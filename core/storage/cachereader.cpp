#include "storage/cachereader.h"

#include "storage/cachedatabase.h"
#include "storage/sqlidentifier.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(CacheReader)
    };

    /// `sync_stream.undeclared_fields` (`{"name": count, …}`), most frequent first.
    QList<std::pair<QString, qint64>> undeclaredFields(const QByteArray &json)
    {
        QList<std::pair<QString, qint64>> fields;
        const QJsonObject object = QJsonDocument::fromJson(json).object();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            fields.append({it.key(), it.value().toInteger()});
        std::sort(fields.begin(), fields.end(), [](const auto &a, const auto &b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        return fields;
    }

} // namespace

CacheReader::CacheReader(
    std::unique_ptr<CacheConnection> connection, const SchemaDefinition &definition)
    : m_connection(std::move(connection))
    , m_definition(definition)
{
}

CacheReader::~CacheReader() = default;

std::unique_ptr<CacheReader> CacheReader::open(
    const QString &filePath, const SchemaDefinition &definition, CacheError *error)
{
    std::unique_ptr<CacheConnection> connection =
        CacheConnection::open(filePath, ConnectionOptions {}, error);
    if (!connection)
        return nullptr;
    return std::unique_ptr<CacheReader>(new CacheReader(std::move(connection), definition));
}

QList<StreamHealth> CacheReader::streamHealth(CacheError *error) const
{
    QSqlDatabase db = m_connection->database();
    QList<StreamHealth> result;
    auto failed = [&](const QSqlQuery &query, const QString &action) {
        if (error) {
            *error = CacheError::fromSqlite(m_connection->handle(),
                sqlite3_errcode(m_connection->handle()), m_connection->filePath(), action);
            if (error->kind == CacheError::Kind::Other)
                error->message += u' ' + query.lastError().text();
        }
        return QList<StreamHealth>();
    };

    for (const TableDef &table : m_definition.tables()) {
        StreamHealth health;
        health.connector = table.connector;
        health.stream = table.stream;
        health.table = table.name;

        QSqlQuery counts(db);
        const QString countSql =
            u"SELECT count(*), coalesce(sum(\"_event_time_missing\"), 0), "
            u"(SELECT max(\"_event_time\") FROM %1 WHERE "
            u"\"_event_time_missing\" = 0) FROM %1"_s.arg(quoteIdentifier(table.name));
        if (!counts.exec(countSql) || !counts.next())
            return failed(counts, Tr::tr("count the rows of %1").arg(table.name));
        health.rows = counts.value(0).toLongLong();
        health.rowsWithoutEventTime = counts.value(1).toLongLong();
        health.newestEventTime = counts.value(2).toString();

        QSqlQuery stream(db);
        stream.prepare(
            u"SELECT state, last_success, last_error_kind, last_error, duplicates_total, "
            u"last_run, coercion_warnings, unknown_types, undeclared_fields FROM sync_stream "
            u"WHERE stream_id = ?"_s);
        stream.addBindValue(table.stream);
        if (!stream.exec())
            return failed(stream, Tr::tr("read the state of %1").arg(table.stream));
        if (stream.next()) {
            health.state = stream.value(0).toString();
            health.lastSuccess = stream.value(1).toString();
            health.lastErrorKind = stream.value(2).toString();
            health.lastError = stream.value(3).toString();
            health.duplicatesSuppressed = stream.value(4).toLongLong();
            health.lastRun = stream.value(5).toString();
            health.coercionWarnings = stream.value(6).toLongLong();
            health.unknownTypes = stream.value(7).toLongLong();
            health.undeclaredFields = undeclaredFields(stream.value(8).toByteArray());
        }

        QSqlQuery quarantine(db);
        quarantine.prepare(
            u"SELECT (SELECT count(*) FROM batch_file WHERE stream_id = ? AND state = "
            u"'quarantined'), (SELECT count(*) FROM sync_quarantine_page WHERE stream_id = ? "
            u"AND state = 'quarantined'), (SELECT count(*) FROM sync_quarantine_line WHERE "
            u"stream_id = ? AND state = 'quarantined'), (SELECT count(*) FROM sync_gap WHERE "
            u"stream_id = ? AND acknowledged = 0)"_s);
        for (int i = 0; i < 4; ++i)
            quarantine.addBindValue(table.stream);
        if (!quarantine.exec() || !quarantine.next())
            return failed(quarantine, Tr::tr("read the quarantine of %1").arg(table.stream));
        health.quarantinedFiles = quarantine.value(0).toLongLong();
        health.quarantinedPages = quarantine.value(1).toLongLong();
        health.quarantinedLines = quarantine.value(2).toLongLong();
        health.unacknowledgedGaps = quarantine.value(3).toLongLong();
        result.append(health);
    }
    return result;
}

QList<GapEntry> CacheReader::gaps(CacheError *error) const
{
    QSqlQuery query(m_connection->database());
    if (!query.exec(u"SELECT id, stream_id, part, from_time, to_time, reason, created_at, "
                    u"acknowledged FROM sync_gap ORDER BY id"_s)) {
        if (error)
            *error = CacheError::fromSqlite(m_connection->handle(),
                sqlite3_errcode(m_connection->handle()), m_connection->filePath(),
                Tr::tr("read the gap ledger"));
        return {};
    }
    QList<GapEntry> gaps;
    while (query.next()) {
        GapEntry gap;
        gap.id = query.value(0).toLongLong();
        gap.stream = query.value(1).toString();
        gap.part = query.value(2).toString();
        gap.from = query.value(3).toString();
        gap.to = query.value(4).toString();
        gap.reason = query.value(5).toString();
        gap.createdAt = query.value(6).toString();
        gap.acknowledged = query.value(7).toBool();
        gaps.append(gap);
    }
    return gaps;
}

QHash<QString, QJsonObject> CacheReader::cursors(const QString &streamId, CacheError *error) const
{
    QSqlQuery query(m_connection->database());
    query.prepare(u"SELECT part, cursor_json FROM sync_cursor WHERE stream_id = ? ORDER BY part"_s);
    query.addBindValue(streamId);
    QHash<QString, QJsonObject> cursors;
    if (!query.exec()) {
        if (error)
            *error = CacheError::fromSqlite(m_connection->handle(),
                sqlite3_errcode(m_connection->handle()), m_connection->filePath(),
                Tr::tr("read the cursors"));
        return cursors;
    }
    while (query.next())
        cursors.insert(query.value(0).toString(),
            QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object());
    return cursors;
}

} // namespace msc
