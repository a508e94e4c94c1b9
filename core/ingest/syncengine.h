#pragma once

#include "config/connectorconfig.h"
#include "ingest/streamrun.h"
#include "mimecast/clientsettings.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace msc {

class CacheWriter;
class SchemaDefinition;

/// The outcome of one stream in a sync, as `sync` prints it.
struct StreamReport
{
    QString connector;
    QString stream;
    QString table;
    StreamRunResult result;
    bool skipped = false; ///< Not run: another process holds its lease.
    QString note;
};

/// Runs the streams of configured connectors once, each as a job on a worker thread with at
/// most `concurrentJobs` at a time, through the single cache writer. A per-stream lease in
/// the cache keeps two processes of one profile from running the same stream at once
/// (connectors.md §2.1). Health (`sync_stream`) and history (`job_run`) are written at the
/// end of each stream. The calling thread only waits; it may be the headless main thread but
/// never the GUI thread.
class SyncEngine
{
public:
    struct Options
    {
        ClientSettings client;
        IngestSettings ingest;
        int concurrentJobs = 3;
        QString trigger = QStringLiteral("manual");
    };
    struct ConnectorRun
    {
        ConnectorConfig config;
        QString clientSecret;
    };

    SyncEngine(CacheWriter &writer, const SchemaDefinition &definition, Options options);

    /// Progress of any stream, called from worker threads.
    void setProgressObserver(
        std::function<void(const QString &stream, const StreamRunStats &, const WaitInfo *)>
            observer);

    QList<StreamReport> run(const QList<ConnectorRun> &connectors, const CancellationToken *cancel);

    /// This machine in `sync_lease.host`: host name plus boot id.
    static QString machineIdentity();

    /// The runner for \a streamId, or nullptr when this build has none.
    static std::unique_ptr<StreamRunner> makeRunner(const QString &streamId);

private:
    StreamReport runStream(
        const ConnectorRun &connector, const QString &streamId, const CancellationToken *cancel);
    bool takeLease(const QString &streamId, QString *holder);
    void releaseLease(const QString &streamId);

    CacheWriter &m_writer;
    const SchemaDefinition &m_definition;
    Options m_options;
    std::function<void(const QString &, const StreamRunStats &, const WaitInfo *)> m_progress;
    QString m_host;
    qint64 m_pid;
};

} // namespace msc
