#include "cli/connectorcommands.h"

#include "cli/cacheaccess.h"
#include "cli/commandline.h"
#include "cli/interruptguard.h"
#include "cli/output.h"
#include "config/connectorconfig.h"
#include "config/runtimesettings.h"
#include "ingest/syncengine.h"
#include "mimecast/baseurl.h"
#include "profile/profilesettings.h"
#include "secrets/secretstore.h"
#include "storage/cachereader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSettings>

#include <iostream>
#include <map>
#include <string>

#include <sys/ioctl.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace msc::cli {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(ConnectorCommands)
    };

    /// Headless: waits for a keychain result on this (main) thread's event loop.
    SecretResult await(QFuture<SecretResult> future)
    {
        if (!future.isFinished()) {
            QFutureWatcher<SecretResult> watcher;
            QEventLoop loop;
            QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
            watcher.setFuture(future);
            if (!future.isFinished())
                loop.exec();
        }
        return future.result();
    }

    QJsonValue nullable(const QString &text)
    {
        return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
    }

    /// How far a long sync is, in one line on standard error, redrawn at most four times a
    /// second, and only on an interactive terminal: scripts read standard output and get no
    /// progress noise. Fed from the stream threads.
    class ProgressLine
    {
    public:
        ProgressLine()
            : m_enabled(::isatty(STDERR_FILENO) == 1)
        {
            m_clock.start();
        }
        ~ProgressLine() { clear(); }
        ProgressLine(const ProgressLine &) = delete;
        ProgressLine &operator=(const ProgressLine &) = delete;

        void update(const QString &stream, const StreamRunStats &stats, const WaitInfo *wait)
        {
            if (!m_enabled)
                return;
            QMutexLocker locker(&m_mutex);
            // A wait comes with empty figures (the client reports it, not the stream).
            if (!wait)
                m_streams[stream] = stats;
            if (wait) {
                m_waitingStream = stream;
                m_wait = Tr::tr("%1 waits %2 s (%3)")
                             .arg(stream)
                             .arg((wait->durationMs + 999) / 1000)
                             .arg(wait->reason);
            } else if (stream == m_waitingStream) {
                m_wait.clear();
            }
            if (!wait && m_printed && m_clock.elapsed() - m_printedAtMs < 250)
                return;
            m_printedAtMs = m_clock.elapsed();
            qint64 rows = 0;
            qint64 pages = 0;
            qint64 files = 0;
            for (const auto &[name, figures] : m_streams) {
                rows += figures.added;
                pages += figures.pages;
                files += figures.files;
            }
            QString line = Tr::tr("Syncing: %L1 rows added, %L2 pages, %L3 files")
                               .arg(rows)
                               .arg(pages)
                               .arg(files);
            if (!m_wait.isEmpty())
                line += u"; "_s + m_wait;
            // One terminal row: a wrapped line could not be redrawn in place.
            write("\r\033[K" + line.left(terminalColumns() - 1).toLocal8Bit());
            m_printed = true;
        }

    private:
        void clear()
        {
            if (m_printed)
                write("\r\033[K");
        }
        static qsizetype terminalColumns()
        {
            winsize size {};
            if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 1)
                return size.ws_col;
            return 80;
        }
        static void write(const QByteArray &bytes)
        {
            [[maybe_unused]] const ssize_t written =
                ::write(STDERR_FILENO, bytes.constData(), size_t(bytes.size()));
        }

        const bool m_enabled;
        QMutex m_mutex;
        QElapsedTimer m_clock;
        std::map<QString, StreamRunStats> m_streams;
        QString m_wait;
        QString m_waitingStream;
        qint64 m_printedAtMs = 0;
        bool m_printed = false;
    };

} // namespace

int connectorsList(CacheAccess &access, const Output &output)
{
    QSettings settings(access.profile().settingsPath(), QSettings::IniFormat);
    CacheError error;
    std::unique_ptr<CacheReader> reader =
        CacheReader::open(access.profile().cachePath(), access.definition(), &error);
    QHash<QString, StreamHealth> health;
    if (reader) {
        for (const StreamHealth &stream : reader->streamHealth(&error))
            health.insert(stream.stream, stream);
    }
    QJsonArray connectors;
    for (const ConnectorInfo &info : ConnectorInfo::all()) {
        const ConnectorConfig config = ConnectorConfig::load(settings, info.id);
        QJsonArray streams;
        for (const QString &stream : info.streams) {
            // Positions only, never secrets: one object, or one per CG/CI type.
            QJsonValue cursor = QJsonValue::Null;
            if (reader) {
                const QHash<QString, QJsonObject> parts = reader->cursors(stream, &error);
                if (parts.contains(QString())) {
                    // A window or snapshot stream; a running or finished backfill is added as
                    // the member "backfill" (cli.md).
                    QJsonObject main = parts.value(QString());
                    if (parts.contains(u"backfill"_s))
                        main.insert(u"backfill"_s, parts.value(u"backfill"_s));
                    cursor = main;
                } else if (!parts.isEmpty()) {
                    QJsonObject byType; // CG/CI: one cursor per type
                    for (auto it = parts.constBegin(); it != parts.constEnd(); ++it)
                        byType.insert(it.key(), it.value());
                    cursor = byType;
                }
            }
            streams.append(QJsonObject {{u"id"_s, stream},
                {u"table"_s, access.definition().tableByStream(stream)->name},
                {u"enabled"_s,
                    config.configured && config.enabled
                        && config.enabledStreams().contains(stream)},
                {u"lastSuccess"_s, nullable(health.value(stream).lastSuccess)},
                {u"cursor"_s, cursor}});
        }
        connectors.append(QJsonObject {{u"name"_s, info.id},
            {u"enabled"_s, config.configured && config.enabled},
            {u"baseUrl"_s,
                config.configured ? QJsonValue(config.baseUrl.toString())
                                  : QJsonValue(QJsonValue::Null)},
            {u"clientId"_s, nullable(config.clientId)},
            {u"intervalMinutes"_s, config.intervalMinutes},
            {u"startDate"_s,
                config.startDate.isValid() ? QJsonValue(config.startDate.toString(u"yyyy-MM-dd"_s))
                                           : QJsonValue(QJsonValue::Null)},
            {u"streams"_s, streams}});
        if (!output.json()) {
            output.text(u"%1  %2  %3  every %4 min  %5"_s.arg(info.id.leftJustified(17))
                            .arg(config.configured
                                    ? (config.enabled ? Tr::tr("enabled ") : Tr::tr("disabled"))
                                    : Tr::tr("not configured"))
                            .arg(config.configured ? config.baseUrl.toString() : QString())
                            .arg(config.intervalMinutes)
                            .arg(config.clientId));
        }
    }
    if (output.json())
        output.document({{u"connectors"_s, connectors}});
    return Ok;
}

int connectorsSet(CacheAccess &access, const Output &output, const QStringList &arguments,
    const CommandLine &parser)
{
    if (arguments.size() != 1) {
        output.error(Tr::tr("connectors set needs exactly one connector: seg, ttp, audit, "
                            "cloud-integrated or awareness."));
        return BadUsage;
    }
    const QString id = arguments.first();
    if (!ConnectorInfo::byId(id)) {
        output.error(
            Tr::tr("Unknown connector \"%1\"; use seg, ttp, audit, cloud-integrated or awareness.")
                .arg(id));
        return BadUsage;
    }
    QSettings settings(access.profile().settingsPath(), QSettings::IniFormat);
    ConnectorConfig config = ConnectorConfig::load(settings, id);
    const bool wasConfigured = config.configured;
    if (!wasConfigured)
        config.enabled = true; // on once configured (connectors.md §4.1)
    if (parser.has(u"base-url"_s)) {
        QString problem;
        std::optional<QUrl> url = BaseUrl::validate(parser.value(u"base-url"_s), &problem);
        if (!url) {
            output.error(Tr::tr("--base-url: %1").arg(problem));
            return BadUsage;
        }
        config.baseUrl = *url;
    }
    if (parser.has(u"client-id"_s))
        config.clientId = parser.value(u"client-id"_s).trimmed();
    if (parser.has(u"start-date"_s)) {
        const QString text = parser.value(u"start-date"_s);
        config.startDate = QDate::fromString(text, u"yyyy-MM-dd"_s);
        if (!text.isEmpty() && !config.startDate.isValid()) {
            output.error(Tr::tr("--start-date: \"%1\" is not a date; use YYYY-MM-DD.").arg(text));
            return BadUsage;
        }
    }
    if (parser.has(u"interval"_s)) {
        bool ok = false;
        config.intervalMinutes = parser.value(u"interval"_s).toInt(&ok);
        if (!ok) {
            output.error(Tr::tr("--interval: \"%1\" is not a whole number of minutes.")
                             .arg(parser.value(u"interval"_s)));
            return BadUsage;
        }
    }
    if (parser.has(u"enable"_s))
        config.enabled = true;
    if (parser.has(u"disable"_s))
        config.enabled = false;
    const QStringList problems = config.validate();
    if (!problems.isEmpty()) {
        output.error(Tr::tr("Nothing was saved:\n  %1").arg(problems.join(u"\n  "_s)));
        return BadUsage;
    }

    SecretStore &store = access.secrets();
    const QString key = SecretStore::connectorKey(id);
    if (parser.has(u"client-secret-stdin"_s)) {
        std::string line;
        std::getline(std::cin, line);
        const QString secret = QString::fromStdString(line).trimmed();
        if (secret.isEmpty()) {
            output.error(
                Tr::tr("--client-secret-stdin: standard input held no secret; nothing was saved."));
            return BadUsage;
        }
        const SecretResult stored = await(store.write(key, secret));
        if (!stored.ok()) {
            output.error(Tr::tr("The client secret could not be stored, so nothing was saved. %1")
                             .arg(stored.message));
            return BadCredentials;
        }
    } else if (!wasConfigured) {
        const SecretResult existing = await(store.read(key));
        if (existing.status == SecretResult::Status::NoBackend) {
            output.error(existing.message);
            return BadCredentials;
        }
        if (!existing.ok()) {
            output.error(
                Tr::tr("A new connector needs its client secret: pass --client-secret-stdin and "
                       "type or pipe the secret."));
            return BadUsage;
        }
    }
    config.save(settings);
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        output.error(Tr::tr("The settings file %1 could not be written.").arg(settings.fileName()));
        return Failed;
    }
    if (output.json())
        output.document({{u"name"_s, id}, {u"saved"_s, true}});
    else
        output.text(store.isEphemeral()
                ? Tr::tr("Saved connector %1 (demo: secret in memory only).").arg(id)
                : Tr::tr("Saved connector %1 (secret in the keychain).").arg(id));
    return Ok;
}

int sync(CacheAccess &access, const Output &output, const QStringList &requested)
{
    QSettings settings(access.profile().settingsPath(), QSettings::IniFormat);
    for (const QString &id : requested) {
        if (!ConnectorInfo::byId(id)) {
            output.error(Tr::tr(
                "Unknown connector \"%1\"; use seg, ttp, audit, cloud-integrated or awareness.")
                             .arg(id));
            return BadUsage;
        }
    }
    SecretStore &store = access.secrets();
    QList<SyncEngine::ConnectorRun> runs;
    for (const ConnectorInfo &info : ConnectorInfo::all()) {
        if (!requested.isEmpty() && !requested.contains(info.id))
            continue;
        const ConnectorConfig config = ConnectorConfig::load(settings, info.id);
        if (!config.configured || !config.enabled) {
            if (requested.contains(info.id)) {
                output.error(
                    Tr::tr("Connector %1 is not configured or disabled: use 'connectors set %1'.")
                        .arg(info.id));
                return BadUsage;
            }
            continue;
        }
        const SecretResult secret = await(store.read(SecretStore::connectorKey(info.id)));
        if (!secret.ok()) {
            output.error(secret.status == SecretResult::Status::NotFound
                    ? Tr::tr("No client secret is stored for %1: run 'connectors set %1 "
                             "--client-secret-stdin'.")
                          .arg(info.id)
                    : secret.message);
            return BadCredentials;
        }
        runs.append({config, secret.secret});
    }
    if (runs.isEmpty()) {
        output.error(Tr::tr("No connector is configured and enabled: use 'connectors set NAME'."));
        return BadUsage;
    }

    const SyncEngine::Options options =
        syncOptionsFromProfile(ProfileSettings(access.profile().settingsPath()));
    SyncEngine engine(access.writer(), access.definition(), options);
    QList<StreamReport> reports;
    {
        ProgressLine progress;
        engine.setProgressObserver(
            [&progress](const QString &stream, const StreamRunStats &stats, const WaitInfo *wait) {
                progress.update(stream, stats, wait);
            });
        CancellationToken cancel;
        const InterruptGuard interrupt(cancel,
            Tr::tr("\nStopping at the next safe point; what is committed stays. Press Ctrl+C "
                   "again to quit at once.\n")
                .toLocal8Bit());
        reports = engine.run(runs, &cancel);
        engine.setProgressObserver({}); // it refers to this block's progress line
    }

    int code = Ok;
    QJsonArray streams;
    for (const StreamReport &report : reports) {
        const StreamRunResult &result = report.result;
        const StreamRunStats &stats = result.stats;
        int streamCode = Ok;
        if (!report.skipped) {
            switch (result.outcome) {
            case StreamOutcome::Ok:
                break;
            case StreamOutcome::Cancelled: // Ctrl+C: not done, the next sync goes on
            case StreamOutcome::Interrupted:
            case StreamOutcome::Waiting:
                streamCode = Failed;
                break;
            case StreamOutcome::Blocked:
                if (result.cacheError.isError())
                    streamCode = Failed;
                else if (result.apiError.kind == ApiError::Kind::BadCredentials
                    || result.apiError.kind == ApiError::Kind::MissingPermission)
                    streamCode = BadCredentials;
                else if (result.apiError.kind == ApiError::Kind::BadConfiguration)
                    streamCode = BadUsage;
                else
                    streamCode = Failed;
                break;
            }
            if (stats.quarantined > 0)
                streamCode = std::max(streamCode, int(Failed));
        }
        code = std::max(code, streamCode);
        const QString error = report.skipped ? QString() : result.message;
        streams.append(QJsonObject {{u"connector"_s, report.connector},
            {u"stream"_s, report.stream}, {u"table"_s, report.table},
            {u"outcome"_s, report.skipped ? u"skipped"_s : streamOutcomeName(result.outcome)},
            {u"added"_s, stats.added}, {u"duplicates"_s, stats.duplicates},
            {u"pages"_s, stats.pages}, {u"files"_s, stats.files},
            {u"quarantined"_s, stats.quarantined}, {u"error"_s, nullable(error)},
            {u"note"_s, nullable(report.note)}});
        if (!output.json()) {
            output.text(
                u"%1  %2  +%3 rows, %4 duplicates, %5 pages, %6 files, %7 quarantined%8"_s
                    .arg(report.stream.leftJustified(22))
                    .arg((report.skipped ? u"skipped"_s : streamOutcomeName(result.outcome))
                             .leftJustified(11))
                    .arg(stats.added)
                    .arg(stats.duplicates)
                    .arg(stats.pages)
                    .arg(stats.files)
                    .arg(stats.quarantined)
                    .arg(report.skipped ? u" ("_s + report.note + u')'
                                        : (error.isEmpty() ? QString() : u"\n    "_s + error)));
        }
    }
    if (output.json())
        output.document({{u"streams"_s, streams}});
    return code;
}

} // namespace msc::cli
