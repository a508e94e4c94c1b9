#include "ingest/synccontroller.h"
#include "util/futurecallback.h"

#include "health/healthservice.h"
#include "secrets/secretstore.h"
#include "util/activitylog.h"
#include "util/logging.h"
#include "util/threadpriority.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QMutex>
#include <QPointer>
#include <QRandomGenerator>
#include <QSettings>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    /// Jitter of a tick: a random 0 – min(60 s, 10 % of the interval) (connectors.md §2.1).
    qint64 jitterMs(qint64 intervalMs)
    {
        const qint64 bound = std::min<qint64>(60000, intervalMs / 10);
        return bound > 0 ? qint64(QRandomGenerator::global()->bounded(quint64(bound))) : 0;
    }

    /// Makes the calling thread yield to the GUI thread when CPUs are scarce: nice 10, handed
    /// down to the threads it creates.
    void lowerThreadPriority()
    {
        constexpr int kSyncNiceness = 10;
        lowerThreadPriorityTo(kSyncNiceness);
    }

    constexpr int kProgressIntervalMs = 100;

} // namespace

struct SyncController::ProgressMailbox
{
    struct Report
    {
        StreamRunStats stats;
        QString waitReason;
        qint64 waitMs = 0;
    };
    QMutex mutex;
    QStringList order; ///< Streams with a pending report, in the order they first reported.
    QHash<QString, Report> latest;
    bool queued = false; ///< A delivery is posted or waiting for its turn.
};

SyncController::SyncController(CacheWriter &writer, const SchemaDefinition &definition,
    SecretStore &secrets, QString settingsPath, SyncEngine::Options options, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_definition(definition)
    , m_secrets(secrets)
    , m_settingsPath(std::move(settingsPath))
    , m_options(std::move(options))
    , m_progress(std::make_shared<ProgressMailbox>())
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    qRegisterMetaType<QList<msc::StreamReport>>();
    m_enginePool.setMaxThreadCount(1);
    m_scheduleTimer.setInterval(5000);
    connect(&m_scheduleTimer, &QTimer::timeout, this, &SyncController::checkSchedule);
}

SyncController::~SyncController()
{
    // A running engine holds references to the writer: stop it and let it finish.
    cancel();
    m_enginePool.waitForDone();
    QThreadPool::globalInstance()->waitForDone();
}

void SyncController::cancel()
{
    if (m_cancel)
        m_cancel->cancel();
}

void SyncController::setClock(std::function<qint64()> nowMs)
{
    m_clock = std::move(nowMs);
}

void SyncController::syncAllNow()
{
    if (m_running)
        return;
    m_activity = u"Sync all now"_s;
    startSync({}, Mode::SkipBlocked);
}

void SyncController::retryBlocked()
{
    if (m_running)
        return;
    m_activity = u"Retry blocked"_s;
    startSync({}, Mode::OnlyBlocked);
}

void SyncController::syncConnectors(const QStringList &connectorIds)
{
    if (m_running)
        return;
    m_activity.clear();
    startSync(connectorIds, Mode::All);
}

void SyncController::startSync(const QStringList &connectorIds, Mode mode)
{
    QSettings settings(m_settingsPath, QSettings::IniFormat);
    QList<ConnectorConfig> pending;
    for (const ConnectorInfo &info : ConnectorInfo::all()) {
        if (!connectorIds.isEmpty() && !connectorIds.contains(info.id))
            continue;
        const ConnectorConfig config = ConnectorConfig::load(settings, info.id);
        if (config.configured && config.enabled)
            pending.append(config);
    }
    if (pending.isEmpty()) {
        Q_EMIT problem(tr("No connector is configured and enabled yet: configure one on the "
                          "Connectors page."));
        return;
    }
    m_running = true;
    m_skipped.clear();
    if (mode == Mode::All) {
        selectStreams(std::move(pending), mode, {});
        return;
    }
    // Which streams are blocked is in the cache (the engine writes each outcome there, and
    // a headless run may have blocked one): read it on a pool thread.
    whenFinished(this, QtConcurrent::run([path = m_writer.filePath()] {
        CacheError error;
        QHash<QString, QString> blocked = HealthService::blockedStreams(path, &error);
        if (error.isError())
            qCWarning(lcSync).noquote() << error.message;
        return blocked;
    }),
        [this, pending, mode](
            const QHash<QString, QString> &blocked) { selectStreams(pending, mode, blocked); });
}

void SyncController::selectStreams(
    QList<ConnectorConfig> configs, Mode mode, const QHash<QString, QString> &blocked)
{
    QList<ConnectorConfig> selected;
    for (ConnectorConfig config : configs) {
        for (const QString &stream : config.enabledStreams()) {
            const bool isBlocked = blocked.contains(stream);
            if (mode == Mode::OnlyBlocked && !isBlocked) {
                config.disabledStreams.append(stream);
            } else if (mode == Mode::SkipBlocked && isBlocked) {
                config.disabledStreams.append(stream);
                StreamReport report;
                report.connector = config.id;
                report.stream = stream;
                if (const TableDef *table = m_definition.tableByStream(stream))
                    report.table = table->name;
                report.skipped = true;
                report.result.outcome = StreamOutcome::Blocked;
                report.result.message = blocked.value(stream);
                report.note = tr("blocked: use Retry blocked once the cause is fixed");
                m_skipped.append(report);
            }
        }
        if (!config.enabledStreams().isEmpty())
            selected.append(config);
    }

    QStringList ids;
    for (const ConnectorConfig &config : std::as_const(selected))
        ids.append(config.id);
    if (!m_activity.isEmpty()) {
        QStringList skipped;
        for (const StreamReport &report : std::as_const(m_skipped))
            skipped.append(report.stream);
        ActivityLog::forSettings(m_settingsPath)
            .append(m_activity,
                u"connectors: %1; blocked streams skipped: %2"_s.arg(
                    ids.isEmpty() ? u"none"_s : ids.join(u", "_s),
                    skipped.isEmpty() ? u"none"_s : skipped.join(u", "_s)));
    }
    if (selected.isEmpty() && mode == Mode::OnlyBlocked) {
        m_running = false;
        Q_EMIT problem(tr("No stream is blocked: there is nothing to retry."));
        return;
    }
    Q_EMIT syncStarted(ids);
    readSecrets(selected, {});
}

void SyncController::readSecrets(
    QList<ConnectorConfig> pending, QList<SyncEngine::ConnectorRun> ready)
{
    if (pending.isEmpty()) {
        runEngine(std::move(ready));
        return;
    }
    const ConnectorConfig config = pending.takeFirst();
    whenFinished(this, m_secrets.read(SecretStore::connectorKey(config.id)),
        [this, config, pending, ready](const SecretResult &secret) mutable {
            if (!secret.ok()) {
                Q_EMIT problem(secret.status == SecretResult::Status::NotFound
                        ? tr("No client secret is stored for %1: open its "
                             "configuration and enter it.")
                              .arg(config.id)
                        : secret.message);
            } else {
                ready.append({config, secret.secret});
            }
            readSecrets(std::move(pending), std::move(ready));
        });
}

void SyncController::runEngine(QList<SyncEngine::ConnectorRun> runs)
{
    if (runs.isEmpty()) {
        finish({});
        return;
    }
    m_cancel = std::make_unique<CancellationToken>();
    const CancellationToken *cancel = m_cancel.get();
    QPointer<SyncController> self(this);
    whenFinished(this,
        QtConcurrent::run(&m_enginePool,
            [this, self, runs, cancel] {
                lowerThreadPriority();
                SyncEngine engine(m_writer, m_definition, m_options);
                // Thousands of reports per second at full speed: coalesced per stream, so the GUI
                // thread handles one delivery per burst instead of one event per page or file.
                engine.setProgressObserver([self, mailbox = m_progress](const QString &stream,
                                               const StreamRunStats &stats, const WaitInfo *wait) {
                    bool post = false;
                    {
                        QMutexLocker locker(&mailbox->mutex);
                        if (!mailbox->latest.contains(stream))
                            mailbox->order.append(stream);
                        mailbox->latest.insert(stream,
                            {stats, wait ? wait->reason : QString(), wait ? wait->durationMs : 0});
                        post = !mailbox->queued;
                        mailbox->queued = true;
                    }
                    if (post && self)
                        QMetaObject::invokeMethod(
                            self,
                            [self] {
                                if (self)
                                    self->deliverProgress();
                            },
                            Qt::QueuedConnection);
                });
                return engine.run(runs, cancel);
            }),
        [this](const QList<StreamReport> &reports) { finish(reports); });
}

void SyncController::deliverProgress(bool now)
{
    if (!now && m_sinceProgress.isValid() && m_sinceProgress.elapsed() < kProgressIntervalMs) {
        if (!m_progressTimerPending) {
            m_progressTimerPending = true;
            QTimer::singleShot(kProgressIntervalMs - m_sinceProgress.elapsed(), this, [this] {
                m_progressTimerPending = false;
                deliverProgress();
            });
        }
        return;
    }
    QStringList order;
    QHash<QString, ProgressMailbox::Report> latest;
    {
        QMutexLocker locker(&m_progress->mutex);
        order.swap(m_progress->order);
        latest.swap(m_progress->latest);
        m_progress->queued = false;
    }
    m_sinceProgress.start();
    for (const QString &stream : std::as_const(order)) {
        const ProgressMailbox::Report &report = latest[stream];
        Q_EMIT streamProgress(stream, report.stats.added, report.stats.pages, report.stats.files,
            report.waitReason, report.waitMs);
    }
}

void SyncController::finish(QList<StreamReport> reports)
{
    // The last figures before the results, never after them.
    deliverProgress(true);
    m_running = false;
    // The skipped blocked streams first, as the summary lists them.
    reports = m_skipped + reports;
    m_skipped.clear();
    if (!m_activity.isEmpty()) {
        qint64 added = 0;
        QStringList outcomes;
        for (const StreamReport &report : std::as_const(reports)) {
            added += report.result.stats.added;
            outcomes.append(report.stream + u' '
                + (report.skipped ? u"skipped"_s : streamOutcomeName(report.result.outcome)));
        }
        ActivityLog::forSettings(m_settingsPath)
            .append(m_activity + u" finished"_s,
                u"%1 rows added; %2"_s.arg(added).arg(
                    outcomes.isEmpty() ? u"no stream ran"_s : outcomes.join(u", "_s)));
        m_activity.clear();
    }
    Q_EMIT syncFinished(reports);
}

void SyncController::startSchedule()
{
    const qint64 now = m_clock();
    for (const ConnectorInfo &info : ConnectorInfo::all()) {
        // One catch-up run soon after start, staggered by 0–30 s, not one per missed tick.
        const qint64 next = now + QRandomGenerator::global()->bounded(30000);
        m_ticks.insert(info.id, Tick {-1, next, next});
    }
    m_scheduleTimer.start();
}

void SyncController::applySchedules()
{
    if (m_ticks.isEmpty())
        return; // The schedule has not started; it reads the intervals when it does.
    const qint64 now = m_clock();
    QSettings settings(m_settingsPath, QSettings::IniFormat);
    for (auto it = m_ticks.begin(); it != m_ticks.end(); ++it) {
        Tick &tick = it.value();
        if (tick.lastMs < 0)
            continue; // Its catch-up run is still to come.
        const qint64 intervalMs =
            qint64(ConnectorConfig::load(settings, it.key()).intervalMinutes) * 60000;
        tick.nextMs = tick.lastMs + intervalMs;
        if (tick.nextMs <= now) {
            tick.nextMs = now;
            tick.dueMs = now;
        } else {
            tick.dueMs = tick.nextMs + jitterMs(intervalMs);
        }
        qCInfo(lcSync) << "schedule of" << it.key() << "now every" << intervalMs / 60000
                       << "min; next tick in" << (tick.nextMs - now) / 1000 << "s";
    }
}

qint64 SyncController::lastTickMs(const QString &connectorId) const
{
    return m_ticks.value(connectorId).lastMs;
}

qint64 SyncController::nextTickMs(const QString &connectorId) const
{
    const auto found = m_ticks.constFind(connectorId);
    return found == m_ticks.constEnd() ? -1 : found->nextMs;
}

void SyncController::checkSchedule()
{
    if (m_running || m_ticks.isEmpty())
        return;
    const qint64 now = m_clock();
    QSettings settings(m_settingsPath, QSettings::IniFormat);
    QStringList due;
    for (const ConnectorInfo &info : ConnectorInfo::all()) {
        const ConnectorConfig config = ConnectorConfig::load(settings, info.id);
        if (!config.configured || !config.enabled)
            continue;
        Tick &tick = m_ticks[info.id];
        if (now < tick.dueMs)
            continue;
        const qint64 intervalMs = qint64(config.intervalMinutes) * 60000;
        // Fixed rate: the next tick is one interval on, plus jitter. A tick missed by more
        // than an interval (the machine slept) runs once, now, and the rate restarts from it.
        tick.lastMs = now - tick.nextMs > intervalMs ? now : tick.nextMs;
        tick.nextMs = tick.lastMs + intervalMs;
        tick.dueMs = tick.nextMs + jitterMs(intervalMs);
        due.append(info.id);
    }
    if (!due.isEmpty())
        syncConnectors(due);
}

} // namespace msc
