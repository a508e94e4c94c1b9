#include "ingest/streamrun.h"

#include "storage/cachedatabase.h"
#include "storage/sqlidentifier.h"
#include "util/timeformat.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QUuid>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(StreamRun)
    };

} // namespace

QString streamOutcomeName(StreamOutcome outcome)
{
    switch (outcome) {
    case StreamOutcome::Ok:
        return u"ok"_s;
    case StreamOutcome::Interrupted:
        return u"interrupted"_s;
    case StreamOutcome::Blocked:
        return u"blocked"_s;
    case StreamOutcome::Waiting:
        return u"waiting"_s;
    case StreamOutcome::Cancelled:
        return u"cancelled"_s;
    }
    Q_UNREACHABLE();
}

StreamRunContext::StreamRunContext(CacheWriter &writer, const SchemaDefinition &definition,
    const TableDef &table, MimecastClient &client, IngestSettings settings,
    const CancellationToken *cancel)
    : m_writer(writer)
    , m_definition(definition)
    , m_table(table)
    , m_client(client)
    , m_settings(std::move(settings))
    , m_cancel(cancel)
    , m_runId(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_mapper(std::make_unique<RecordMapper>(table, definition))
{
}

StreamRunContext::~StreamRunContext() = default;

bool StreamRunContext::isCancelled() const
{
    return m_cancel && m_cancel->isCancelled();
}

void StreamRunContext::reportProgress(const StreamRunStats &stats, const WaitInfo *wait) const
{
    if (m_progress)
        m_progress(stats, wait);
}

QJsonObject StreamRunContext::readCursor(const QString &part, CacheError *error) const
{
    if (!m_reader) {
        m_reader = CacheConnection::open(m_writer.filePath(), ConnectionOptions {}, error);
        if (!m_reader)
            return {};
    }
    QSqlQuery query(m_reader->database());
    query.prepare(u"SELECT cursor_json FROM sync_cursor WHERE stream_id = ? AND part = ?"_s);
    query.addBindValue(m_table.stream);
    query.addBindValue(part.isNull() ? u""_s : part);
    if (!query.exec()) {
        *error = CacheError::fromSqlite(m_reader->handle(), sqlite3_errcode(m_reader->handle()),
            m_writer.filePath(), Tr::tr("read the cursor"));
        return {};
    }
    if (!query.next())
        return {};
    return QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
}

QString StreamRunContext::newestEventTime(
    CacheError *error, const QString &column, const QString &value) const
{
    if (!m_reader) {
        m_reader = CacheConnection::open(m_writer.filePath(), ConnectionOptions {}, error);
        if (!m_reader)
            return {};
    }
    QString sql = u"SELECT max(\"_event_time\") FROM %1 WHERE \"_event_time_missing\" = 0"_s.arg(
        quoteIdentifier(m_table.name));
    if (!column.isEmpty())
        sql += u" AND %1 = ?"_s.arg(quoteIdentifier(column));
    QSqlQuery query(m_reader->database());
    query.prepare(sql);
    if (!column.isEmpty())
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        *error = CacheError::fromSqlite(m_reader->handle(), sqlite3_errcode(m_reader->handle()),
            m_writer.filePath(), Tr::tr("read the newest event time"));
        return {};
    }
    return query.value(0).toString();
}

QString StreamRunContext::oldestEventTime(CacheError *error) const
{
    if (!m_reader) {
        m_reader = CacheConnection::open(m_writer.filePath(), ConnectionOptions {}, error);
        if (!m_reader)
            return {};
    }
    QSqlQuery query(m_reader->database());
    query.prepare(u"SELECT min(\"_event_time\") FROM %1 WHERE \"_event_time_missing\" = 0"_s.arg(
        quoteIdentifier(m_table.name)));
    if (!query.exec() || !query.next()) {
        *error = CacheError::fromSqlite(m_reader->handle(), sqlite3_errcode(m_reader->handle()),
            m_writer.filePath(), Tr::tr("read the oldest event time"));
        return {};
    }
    return query.value(0).toString();
}

qint64 StreamRunContext::quarantinedPages(const QString &part, CacheError *error) const
{
    if (!m_reader) {
        m_reader = CacheConnection::open(m_writer.filePath(), ConnectionOptions {}, error);
        if (!m_reader)
            return 0;
    }
    QSqlQuery query(m_reader->database());
    query.prepare(u"SELECT count(*) FROM sync_quarantine_page WHERE stream_id = ? AND part = ? AND "
                  u"state = 'quarantined'"_s);
    query.addBindValue(m_table.stream);
    query.addBindValue(part.isNull() ? u""_s : part);
    if (!query.exec() || !query.next()) {
        *error = CacheError::fromSqlite(m_reader->handle(), sqlite3_errcode(m_reader->handle()),
            m_writer.filePath(), Tr::tr("read the quarantine"));
        return 0;
    }
    return query.value(0).toLongLong();
}

WriteResult StreamRunContext::commit(WriteUnit unit)
{
    return m_writer.submit(std::move(unit)).result();
}

RowBatch StreamRunContext::mapRecords(const QList<QJsonObject> &records, const QString &sourceJson,
    const QString &campaignId, const QString &snapshotId, StreamRunStats *stats) const
{
    RowBatch batch;
    batch.table = m_table.name;
    batch.rows.reserve(records.size());
    for (const QJsonObject &record : records)
        batch.rows.append(m_mapper->map(
            record, QByteArray(), sourceJson, campaignId, snapshotId, &stats->mapping));
    return batch;
}

QString StreamRunContext::sourceJson(const QString &part, const QString &position) const
{
    QJsonObject source {{u"connector"_s, m_table.connector}, {u"stream"_s, m_table.stream},
        {u"run"_s, m_runId}, {u"position"_s, position}};
    if (!part.isEmpty())
        source.insert(u"type"_s, part);
    return QString::fromUtf8(QJsonDocument(source).toJson(QJsonDocument::Compact));
}

BoundStatement StreamRunContext::gapStatement(
    const QString &part, const QString &from, const QString &to, const QString &reason) const
{
    return {u"INSERT INTO sync_gap (stream_id, part, from_time, to_time, reason, created_at) "
            u"VALUES (?, ?, ?, ?, ?, ?)"_s,
        {m_table.stream, part.isNull() ? u""_s : part, from.isEmpty() ? QVariant() : from,
            to.isEmpty() ? QVariant() : to, reason, formatUtc(now())}};
}

BoundStatement StreamRunContext::streamCountersStatement(const StreamRunStats &stats) const
{
    // Undeclared field names (schema drift, connectors.md §2.6) with their counts, added to
    // the stream's totals; the kMaxUndeclaredNames most frequent are kept.
    QJsonObject undeclared;
    for (auto it = stats.mapping.undeclaredFields.constBegin();
         it != stats.mapping.undeclaredFields.constEnd(); ++it)
        undeclared.insert(it.key(), it.value());
    const QString undeclaredJson =
        QString::fromUtf8(QJsonDocument(undeclared).toJson(QJsonDocument::Compact));
    return {u"INSERT INTO sync_stream (stream_id, connector_id, duplicates_total, "
            u"coercion_warnings, unknown_types, undeclared_fields) VALUES (?1, ?2, ?3, ?4, ?5, "
            u"?6) ON CONFLICT (stream_id) DO UPDATE SET duplicates_total = duplicates_total + "
            u"excluded.duplicates_total, coercion_warnings = coercion_warnings + excluded."
            u"coercion_warnings, unknown_types = unknown_types + excluded.unknown_types, "
            u"undeclared_fields = (SELECT json_group_object(key, total) FROM (SELECT key, "
            u"sum(value) AS total FROM (SELECT key, value FROM json_each(coalesce("
            u"sync_stream.undeclared_fields, '{}')) UNION ALL SELECT key, value FROM "
            u"json_each(excluded.undeclared_fields)) GROUP BY key ORDER BY total DESC, key "
            u"LIMIT ?7))"_s,
        {m_table.stream, m_table.connector, stats.duplicates, stats.mapping.coercionWarnings,
            stats.mapping.unknownTypes, undeclaredJson, MappingStats::kMaxUndeclaredNames}};
}

StreamRunner::~StreamRunner() = default;

StreamRunResult StreamRunner::fromApiError(const ApiError &error, const StreamRunStats &stats)
{
    StreamRunResult result;
    result.stats = stats;
    result.apiError = error;
    result.message = error.message;
    switch (error.kind) {
    case ApiError::Kind::Cancelled:
        result.outcome = StreamOutcome::Cancelled;
        break;
    case ApiError::Kind::Transient:
    case ApiError::Kind::BadData:
        result.outcome = StreamOutcome::Interrupted;
        break;
    default:
        result.outcome = StreamOutcome::Blocked;
        break;
    }
    return result;
}

StreamRunResult StreamRunner::fromCacheError(const CacheError &error, const StreamRunStats &stats)
{
    StreamRunResult result;
    result.stats = stats;
    result.cacheError = error;
    result.message = error.message;
    result.outcome = StreamOutcome::Blocked;
    return result;
}

std::optional<StreamRunResult> StreamRunner::heldByQuarantinedPage(StreamRunContext &context)
{
    CacheError error;
    const qint64 held = context.quarantinedPages(QString(), &error);
    if (error.isError())
        return fromCacheError(error, {});
    if (held == 0)
        return std::nullopt;
    StreamRunResult waiting;
    waiting.outcome = StreamOutcome::Waiting;
    waiting.message = Tr::tr("A quarantined page holds %1: retry or skip it on the health page.")
                          .arg(context.table().stream);
    return waiting;
}

} // namespace msc
