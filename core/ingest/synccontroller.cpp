#include "ingest/synccontroller.h"
#include "util/futurecallback.h"

#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QDateTime>
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

} // namespace

SyncController::SyncController(CacheWriter &writer, const SchemaDefinition &definition,
    SecretStore &secrets, QString settingsPath, SyncEngine::Options options, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_definition(definition)
    , m_secrets(secrets)
    , m_settingsPath(std::move(settingsPath))
    , m_options(std::move(options))
{
    qRegisterMetaType<QList<msc::StreamReport>>();
    m_scheduleTimer.setInterval(5000);
    connect(&m_scheduleTimer, &QTimer::timeout, this, &SyncController::scheduleTick);
}

SyncController::~SyncController()
{
    // A running engine holds references to the writer: stop it and let it finish.
    cancel();
    QThreadPool::globalInstance()->waitForDone();
}

void SyncController::cancel()
{
    if (m_cancel)
        m_cancel->cancel();
}

void SyncController::syncConnectors(const QStringList &connectorIds)
{
    if (m_running)
        return;
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
    QStringList ids;
    for (const ConnectorConfig &config : std::as_const(pending))
        ids.append(config.id);
    Q_EMIT syncStarted(ids);
    readSecrets(pending, {});
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
        m_running = false;
        Q_EMIT syncFinished({});
        return;
    }
    m_cancel = std::make_unique<CancellationToken>();
    const CancellationToken *cancel = m_cancel.get();
    QPointer<SyncController> self(this);
    whenFinished(this, QtConcurrent::run([this, self, runs, cancel] {
        SyncEngine engine(m_writer, m_definition, m_options);
        engine.setProgressObserver(
            [self](const QString &stream, const StreamRunStats &stats, const WaitInfo *wait) {
                if (!self)
                    return;
                QMetaObject::invokeMethod(
                    self,
                    [self, stream, stats, reason = wait ? wait->reason : QString(),
                        waitMs = wait ? wait->durationMs : 0] {
                        if (self)
                            Q_EMIT self->streamProgress(
                                stream, stats.added, stats.pages, stats.files, reason, waitMs);
                    },
                    Qt::QueuedConnection);
            });
        return engine.run(runs, cancel);
    }),
        [this](const QList<StreamReport> &reports) {
            m_running = false;
            Q_EMIT syncFinished(reports);
        });
}

void SyncController::startSchedule()
{
    QSettings settings(m_settingsPath, QSettings::IniFormat);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const ConnectorInfo &info : ConnectorInfo::all()) {
        // One catch-up run soon after start, staggered by 0–30 s, not one per missed tick.
        m_nextRunMs.insert(info.id, now + QRandomGenerator::global()->bounded(30000));
    }
    m_scheduleTimer.start();
}

void SyncController::scheduleTick()
{
    if (m_running)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSettings settings(m_settingsPath, QSettings::IniFormat);
    QStringList due;
    for (const ConnectorInfo &info : ConnectorInfo::all()) {
        const ConnectorConfig config = ConnectorConfig::load(settings, info.id);
        if (!config.configured || !config.enabled)
            continue;
        if (now >= m_nextRunMs.value(info.id)) {
            const qint64 intervalMs = qint64(config.intervalMinutes) * 60000;
            // Fixed rate: the next tick is one interval on, plus jitter; after a sleep, now.
            qint64 next = m_nextRunMs.value(info.id) + intervalMs;
            if (next < now)
                next = now + intervalMs;
            m_nextRunMs.insert(info.id, next + jitterMs(intervalMs));
            due.append(info.id);
        }
    }
    if (!due.isEmpty())
        syncConnectors(due);
}

} // namespace msc
