#include "ingest/syncengine.h"

#include "ingest/batchstream.h"
#include "ingest/retention.h"
#include "ingest/snapshotstream.h"
#include "ingest/windowstream.h"
#include "mimecast/mimecastclient.h"
#include "storage/cachedatabase.h"
#include "storage/cachewriter.h"
#include "util/logging.h"
#include "util/timeformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHostInfo>
#include <QSqlQuery>
#include <QThreadPool>
#include <QtConcurrent>

#include <cerrno>
#include <csignal>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(SyncEngine)
    };

    constexpr qint64 kLeaseMs = 2 * 60 * 1000;

    bool processIsAlive(qint64 pid)
    {
        // Signal 0 checks existence only; EPERM means it exists but belongs to someone else.
        return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
    }
    constexpr qint64 kLeaseRenewMs = 30 * 1000;

} // namespace

SyncEngine::SyncEngine(CacheWriter &writer, const SchemaDefinition &definition, Options options)
    : m_writer(writer)
    , m_definition(definition)
    , m_options(std::move(options))
    , m_host(SyncEngine::machineIdentity())
    , m_pid(QCoreApplication::applicationPid())
{
}

void SyncEngine::setProgressObserver(
    std::function<void(const QString &, const StreamRunStats &, const WaitInfo *)> observer)
{
    m_progress = std::move(observer);
}

std::unique_ptr<StreamRunner> SyncEngine::makeRunner(const QString &streamId)
{
    if (WindowStreamRunner::handles(streamId))
        return std::make_unique<WindowStreamRunner>();
    if (SnapshotStreamRunner::handles(streamId))
        return std::make_unique<SnapshotStreamRunner>();
    if (BatchStreamRunner::handles(streamId))
        return std::make_unique<BatchStreamRunner>();
    return nullptr;
}

// This machine, for leases: the host name plus the boot id, so that two containers with the
// same host name (and separate process tables) are never taken for one machine.
QString SyncEngine::machineIdentity()
{
    QFile bootId(u"/proc/sys/kernel/random/boot_id"_s);
    const QString boot = bootId.open(QIODevice::ReadOnly)
        ? QString::fromLatin1(bootId.readAll().trimmed().left(8))
        : QString();
    return boot.isEmpty() ? QHostInfo::localHostName() : QHostInfo::localHostName() + u'/' + boot;
}

bool SyncEngine::takeLease(const QString &streamId, QString *holder)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    WriteUnit unit;
    unit.description = Tr::tr("the lease of %1").arg(streamId);
    // Taken if free, expired (a crashed process), or already ours.
    unit.statements.append(
        {u"INSERT INTO sync_lease (stream_id, owner_pid, host, expires_at) VALUES (?1, ?2, ?3, "
         u"?4) ON CONFLICT (stream_id) DO UPDATE SET owner_pid = excluded.owner_pid, host = "
         u"excluded.host, expires_at = excluded.expires_at WHERE sync_lease.expires_at < ?5 OR "
         u"(sync_lease.owner_pid = excluded.owner_pid AND sync_lease.host = excluded.host)"_s,
            {streamId, m_pid, m_host, formatUtc(now.addMSecs(kLeaseMs)), formatUtc(now)}});
    WriteResult result = m_writer.submit(std::move(unit)).result();
    if (!result.ok()) {
        *holder = result.error.message;
        return false;
    }
    if (result.statementChanges == 1)
        return true;

    // Held. A holder on this machine whose process is gone (killed, crashed) does not need to
    // be waited out: take its lease over, atomically against anyone else doing the same.
    CacheError error;
    std::unique_ptr<CacheConnection> reader =
        CacheConnection::open(m_writer.filePath(), ConnectionOptions {}, &error);
    if (reader) {
        QSqlQuery query(reader->database());
        query.prepare(u"SELECT owner_pid, host, expires_at FROM sync_lease WHERE stream_id = ?"_s);
        query.addBindValue(streamId);
        if (query.exec() && query.next()) {
            const qint64 ownerPid = query.value(0).toLongLong();
            const QString ownerHost = query.value(1).toString();
            const QString expires = query.value(2).toString();
            query.finish();
            if (ownerHost == m_host && !processIsAlive(ownerPid)) {
                WriteUnit takeover;
                takeover.description = Tr::tr("the lease of %1").arg(streamId);
                takeover.statements.append(
                    {u"UPDATE sync_lease SET owner_pid = ?, expires_at = ? WHERE stream_id = ? "
                     u"AND owner_pid = ? AND host = ? AND expires_at = ?"_s,
                        {m_pid, formatUtc(now.addMSecs(kLeaseMs)), streamId, ownerPid, m_host,
                            expires}});
                result = m_writer.submit(std::move(takeover)).result();
                if (result.ok() && result.statementChanges == 1) {
                    qCInfo(lcCli) << "took over the lease of" << streamId << "from dead process"
                                  << ownerPid;
                    return true;
                }
            }
        }
    }
    *holder = Tr::tr("running in another process");
    return false;
}

void SyncEngine::releaseLease(const QString &streamId)
{
    WriteUnit unit;
    unit.description = Tr::tr("the lease of %1").arg(streamId);
    unit.statements.append(
        {u"DELETE FROM sync_lease WHERE stream_id = ? AND owner_pid = ? AND host = ?"_s,
            {streamId, m_pid, m_host}});
    m_writer.submit(std::move(unit)).waitForFinished();
}

StreamReport SyncEngine::runStream(
    const ConnectorRun &connector, const QString &streamId, const CancellationToken *cancel)
{
    StreamReport report;
    report.connector = connector.config.id;
    report.stream = streamId;
    const TableDef *table = m_definition.tableByStream(streamId);
    report.table = table ? table->name : QString();
    std::unique_ptr<StreamRunner> runner = makeRunner(streamId);
    if (!table || !runner) {
        report.skipped = true;
        report.note = Tr::tr("this version does not ingest %1 yet").arg(streamId);
        return report;
    }
    QString holder;
    if (!takeLease(streamId, &holder)) {
        report.skipped = true;
        report.note = holder;
        return report;
    }

    const QDateTime started = QDateTime::currentDateTimeUtc();
    IngestSettings ingest = m_options.ingest;
    ingest.startDate = connector.config.startDate;
    MimecastClient client(
        {connector.config.baseUrl, connector.config.clientId, connector.clientSecret},
        m_options.client, streamId);
    client.setCancellation(cancel);
    StreamRunContext context(m_writer, m_definition, *table, client, ingest, cancel);
    QElapsedTimer sinceRenewal;
    sinceRenewal.start();
    context.setProgressObserver([&](const StreamRunStats &stats, const WaitInfo *wait) {
        if (sinceRenewal.elapsed() > kLeaseRenewMs) {
            sinceRenewal.restart();
            WriteUnit renew;
            renew.statements.append(
                {u"UPDATE sync_lease SET expires_at = ? WHERE stream_id = ? AND owner_pid = ?"_s,
                    {formatUtc(QDateTime::currentDateTimeUtc().addMSecs(kLeaseMs)), streamId,
                        m_pid}});
            m_writer.submit(std::move(renew));
        }
        if (m_progress)
            m_progress(streamId, stats, wait);
    });
    client.setWaitObserver([&](const WaitInfo &wait) {
        if (m_progress)
            m_progress(streamId, StreamRunStats {}, &wait);
    });
    report.result = runner->run(context);

    // Health and history, in one transaction.
    const QString finished = formatUtc(QDateTime::currentDateTimeUtc());
    const bool ok = report.result.outcome == StreamOutcome::Ok;
    const QString errorKind = report.result.cacheError.isError()
        ? u"cache"_s
        : (report.result.apiError.isError() ? ApiError::kindName(report.result.apiError.kind)
                                            : QString());
    WriteUnit health;
    health.description = Tr::tr("the health of %1").arg(streamId);
    health.statements.append(
        {u"INSERT INTO sync_stream (stream_id, connector_id, state, last_run, last_success, "
         u"last_error_kind, last_error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT "
         u"(stream_id) DO UPDATE SET state = excluded.state, last_run = excluded.last_run, "
         u"last_success = coalesce(excluded.last_success, sync_stream.last_success), "
         u"last_error_kind = excluded.last_error_kind, last_error = excluded.last_error"_s,
            {streamId, connector.config.id, streamOutcomeName(report.result.outcome), finished,
                ok ? QVariant(finished) : QVariant(), ok ? QVariant() : QVariant(errorKind),
                ok ? QVariant() : QVariant(report.result.message)}});
    const StreamRunStats &stats = report.result.stats;
    health.statements.append(
        {u"INSERT INTO job_run (stream_id, trigger, started_at, finished_at, outcome, "
         u"rows_added, duplicates, pages, files, bytes, quarantined, error_kind, error) VALUES "
         u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            {streamId, m_options.trigger, formatUtc(started), finished,
                streamOutcomeName(report.result.outcome), stats.added, stats.duplicates,
                stats.pages, stats.files, stats.bytes, stats.quarantined,
                errorKind.isEmpty() ? QVariant() : QVariant(errorKind),
                report.result.message.isEmpty() ? QVariant() : QVariant(report.result.message)}});
    const WriteResult written = m_writer.submit(std::move(health)).result();
    if (!written.ok())
        qCWarning(lcCli).noquote() << written.error.message;
    releaseLease(streamId);
    return report;
}

QList<StreamReport> SyncEngine::run(
    const QList<ConnectorRun> &connectors, const CancellationToken *cancel)
{
    QThreadPool pool;
    pool.setMaxThreadCount(std::clamp(m_options.concurrentJobs, 1, 8));
    // Ingestion yields to the GUI thread when the machine is busy: a sync must never make the
    // window stutter.
    pool.setThreadPriority(QThread::LowPriority);
    QList<QFuture<StreamReport>> futures;
    for (const ConnectorRun &connector : connectors) {
        for (const QString &stream : connector.config.enabledStreams()) {
            futures.append(QtConcurrent::run(&pool, [this, connector, stream, cancel] {
                return runStream(connector, stream, cancel);
            }));
        }
    }
    QList<StreamReport> reports;
    for (QFuture<StreamReport> &future : futures)
        reports.append(future.result());
    // Retention after the streams, through the same writer in small transactions; not when
    // the run was cancelled: whoever cancelled wants the run to end (the next one prunes).
    if (cancel && cancel->isCancelled())
        return reports;
    const RetentionPruner::Result pruned = RetentionPruner::prune(
        m_writer, m_definition, m_options.ingest.retentionDays, QDateTime::currentDateTimeUtc());
    if (pruned.error.isError())
        qCWarning(lcCli).noquote() << pruned.error.message;
    return reports;
}

} // namespace msc
