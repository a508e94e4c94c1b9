#pragma once

#include "ingest/syncengine.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace msc {

class SecretStore;

/// Runs syncs for the window (or a long-lived headless process): "Sync all now", "Retry
/// blocked" and the per-connector schedule (connectors.md §2.1, §5). Lives on the GUI thread
/// but does no work there: secrets are read asynchronously, the blocked streams are read and
/// the engine runs on pool threads, and results come back as queued signals carrying plain
/// values. "Sync all now" and "Retry blocked" are written to the profile's activity log.
class SyncController final : public QObject
{
    Q_OBJECT

public:
    SyncController(CacheWriter &writer, const SchemaDefinition &definition, SecretStore &secrets,
        QString settingsPath, SyncEngine::Options options, QObject *parent = nullptr);
    ~SyncController() override;

    bool isRunning() const { return m_running; }

    /// Queues every enabled stream of every enabled connector now (ignored while running).
    /// Streams whose last run ended Blocked are skipped and reported as such (skipped, with
    /// outcome Blocked and their error); retryBlocked() runs them. Does not shift the
    /// schedule.
    void syncAllNow();
    /// Runs only the streams whose last run ended Blocked (of enabled connectors).
    void retryBlocked();
    /// Queues every enabled stream of the named connectors (empty: all), blocked ones
    /// included, as a scheduled tick does.
    void syncConnectors(const QStringList &connectorIds);
    /// Starts the schedule: each connector at its interval plus jitter, with one catch-up
    /// run soon after start.
    void startSchedule();
    /// Re-reads every connector's interval from the settings file and moves its next tick to
    /// its last tick plus the new interval, or to now if that time has passed (connectors.md
    /// §5 "Change all schedules"). A connector without a tick yet keeps its catch-up time.
    void applySchedules();
    /// Cancels a running sync at the next page boundary, download chunk or wait.
    void cancel();

    /// The last scheduled tick of \a connectorId (epoch ms), or -1 if none since start.
    qint64 lastTickMs(const QString &connectorId) const;
    /// The next scheduled tick of \a connectorId (epoch ms, before its jitter), or -1 if the
    /// schedule has not started.
    qint64 nextTickMs(const QString &connectorId) const;

    /// Runs the connectors whose tick is due; the schedule timer calls it every 5 s.
    void checkSchedule();
    /// Test hook: the clock of the schedule (epoch ms); the wall clock by default.
    void setClock(std::function<qint64()> nowMs);

Q_SIGNALS:
    void syncStarted(const QStringList &connectors);
    void streamProgress(const QString &stream, qint64 rowsAdded, qint64 pages, qint64 files,
        const QString &waitReason, qint64 waitMs);
    void syncFinished(const QList<msc::StreamReport> &reports);
    /// A problem that prevented a sync (no secret, no keychain): translated, actionable.
    void problem(const QString &message);

private:
    enum class Mode { All, SkipBlocked, OnlyBlocked };

    void startSync(const QStringList &connectorIds, Mode mode);
    void selectStreams(
        QList<ConnectorConfig> configs, Mode mode, const QHash<QString, QString> &blocked);
    void readSecrets(QList<ConnectorConfig> pending, QList<SyncEngine::ConnectorRun> ready);
    void runEngine(QList<SyncEngine::ConnectorRun> runs);
    void finish(QList<StreamReport> reports);
    void deliverProgress(bool now = false);

    struct Tick
    {
        qint64 lastMs = -1; ///< The last tick that ran (nominal time, before jitter).
        qint64 nextMs = 0; ///< The next tick (nominal).
        qint64 dueMs = 0; ///< The next tick with its jitter: when it really runs.
    };

    CacheWriter &m_writer;
    const SchemaDefinition &m_definition;
    SecretStore &m_secrets;
    QString m_settingsPath;
    SyncEngine::Options m_options;
    bool m_running = false;
    QString m_activity; ///< The action being run, for the activity log ("" for ticks).
    QList<StreamReport> m_skipped; ///< Blocked streams skipped by the current sync.
    std::unique_ptr<CancellationToken> m_cancel;
    /// Runs the engine. Its thread (and every job thread the engine starts from it, which
    /// inherits the setting) runs at a lower CPU priority than the GUI thread.
    QThreadPool m_enginePool;
    struct ProgressMailbox;
    /// Progress from the engine's threads, coalesced per stream: the GUI thread gets one
    /// delivery per burst, at most every kProgressIntervalMs, with each stream's latest figures.
    std::shared_ptr<ProgressMailbox> m_progress;
    QElapsedTimer m_sinceProgress;
    bool m_progressTimerPending = false;
    QTimer m_scheduleTimer;
    std::function<qint64()> m_clock;
    QHash<QString, Tick> m_ticks; ///< connector → its schedule
};

} // namespace msc

Q_DECLARE_METATYPE(QList<msc::StreamReport>)
