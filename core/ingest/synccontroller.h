#pragma once

#include "ingest/syncengine.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace msc {

class SecretStore;

/// Runs syncs for the window (or a long-lived headless process): "Sync all now" and the
/// per-connector schedule (connectors.md §2.1, §5). Lives on the GUI thread but does no work
/// there: secrets are read asynchronously, the engine runs on a pool thread, and results come
/// back as queued signals carrying plain values.
class SyncController final : public QObject
{
    Q_OBJECT

public:
    SyncController(CacheWriter &writer, const SchemaDefinition &definition, SecretStore &secrets,
        QString settingsPath, SyncEngine::Options options, QObject *parent = nullptr);
    ~SyncController() override;

    bool isRunning() const { return m_running; }

    /// Queues every enabled stream of every enabled connector now (ignored while running).
    void syncAllNow() { syncConnectors({}); }
    /// The same for the named connectors only (empty: all).
    void syncConnectors(const QStringList &connectorIds);
    /// Starts the schedule: each connector at its interval plus jitter, with one catch-up
    /// run soon after start.
    void startSchedule();
    /// Cancels a running sync at the next page boundary, download chunk or wait.
    void cancel();

Q_SIGNALS:
    void syncStarted(const QStringList &connectors);
    void streamProgress(const QString &stream, qint64 rowsAdded, qint64 pages, qint64 files,
        const QString &waitReason, qint64 waitMs);
    void syncFinished(const QList<msc::StreamReport> &reports);
    /// A problem that prevented a sync (no secret, no keychain): translated, actionable.
    void problem(const QString &message);

private:
    void readSecrets(QList<ConnectorConfig> pending, QList<SyncEngine::ConnectorRun> ready);
    void runEngine(QList<SyncEngine::ConnectorRun> runs);
    void scheduleTick();

    CacheWriter &m_writer;
    const SchemaDefinition &m_definition;
    SecretStore &m_secrets;
    QString m_settingsPath;
    SyncEngine::Options m_options;
    bool m_running = false;
    std::unique_ptr<CancellationToken> m_cancel;
    QTimer m_scheduleTimer;
    QHash<QString, qint64> m_nextRunMs; ///< connector → next tick (epoch ms)
};

} // namespace msc

Q_DECLARE_METATYPE(QList<msc::StreamReport>)
