#include "cli/commands.h"

#include "cli/cacheaccess.h"
#include "cli/commandline.h"
#include "cli/connectorcommands.h"
#include "cli/output.h"
#include "config/schedules.h"
#include "demo/demosession.h"
#include "secrets/memorysecretstore.h"
#include "storage/cachereader.h"
#include "util/timeformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

#include "msc/version.h"

using namespace Qt::Literals::StringLiterals;

namespace msc::cli {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(Commands)
    };

    QJsonValue nullable(const QString &text)
    {
        return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
    }

    /// `{"name": count, …}` of the fields a stream's table does not declare.
    QJsonObject undeclaredFieldsJson(const StreamHealth &stream)
    {
        QJsonObject fields;
        for (const auto &[name, count] : stream.undeclaredFields)
            fields.insert(name, count);
        return fields;
    }

    std::unique_ptr<CacheReader> openReader(
        CacheAccess &access, const Output &output, ExitCode *code)
    {
        CacheError error;
        std::unique_ptr<CacheReader> reader =
            CacheReader::open(access.profile().cachePath(), access.definition(), &error);
        if (!reader) {
            output.error(error.message);
            *code = CacheAccess::exitCodeFor(error);
        }
        return reader;
    }

    int status(CacheAccess &access, const Output &output)
    {
        ExitCode code = Ok;
        std::unique_ptr<CacheReader> reader = openReader(access, output, &code);
        if (!reader)
            return code;
        CacheError error;
        const QList<StreamHealth> streams = reader->streamHealth(&error);
        if (error.isError()) {
            output.error(error.message);
            return CacheAccess::exitCodeFor(error);
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QHash<QString, ConnectorSchedule> schedules;
        for (const ConnectorSchedule &schedule : Schedules::load(access.profile().settingsPath()))
            schedules.insert(schedule.id, schedule);
        QJsonArray array;
        for (const StreamHealth &stream : streams) {
            QJsonValue lag = QJsonValue::Null;
            const QDateTime newest = parseUtc(stream.newestEventTime);
            if (newest.isValid())
                lag = newest.secsTo(now);
            const QString nextRun = formatUtc(Schedules::nextRun(
                schedules.value(stream.connector), parseUtc(stream.lastRun), now));
            array.append(QJsonObject {
                {u"connector"_s, stream.connector},
                {u"stream"_s, stream.stream},
                {u"table"_s, stream.table},
                {u"rows"_s, stream.rows},
                {u"rowsWithoutEventTime"_s, stream.rowsWithoutEventTime},
                {u"newestEventTime"_s, nullable(stream.newestEventTime)},
                {u"lagSeconds"_s, lag},
                {u"state"_s, nullable(stream.state)},
                {u"lastSuccess"_s, nullable(stream.lastSuccess)},
                {u"lastError"_s, nullable(stream.lastError)},
                {u"duplicatesSuppressed"_s, stream.duplicatesSuppressed},
                {u"quarantined"_s, stream.quarantined()},
                {u"quarantinedFiles"_s, stream.quarantinedFiles},
                {u"quarantinedPages"_s, stream.quarantinedPages},
                {u"quarantinedLines"_s, stream.quarantinedLines},
                {u"gaps"_s, stream.unacknowledgedGaps},
                {u"nextRun"_s, nullable(nextRun)},
                {u"coercionWarnings"_s, stream.coercionWarnings},
                {u"unknownTypes"_s, stream.unknownTypes},
                {u"undeclaredFields"_s, undeclaredFieldsJson(stream)},
            });
            if (!output.json()) {
                output.text(
                    u"%1  %2 rows, newest event %3, last success %4, %5 quarantined, %6 open "
                    u"gaps, next run %7%8"_s.arg(stream.stream.leftJustified(26))
                        .arg(stream.rows)
                        .arg(stream.newestEventTime.isEmpty() ? Tr::tr("none")
                                                              : stream.newestEventTime)
                        .arg(stream.lastSuccess.isEmpty() ? Tr::tr("never") : stream.lastSuccess)
                        .arg(stream.quarantined())
                        .arg(stream.unacknowledgedGaps)
                        .arg(nextRun.isEmpty() ? Tr::tr("not scheduled") : nextRun)
                        .arg(stream.lastError.isEmpty() ? QString()
                                                        : u"; last error: "_s + stream.lastError));
            }
        }
        if (output.json())
            output.document({{u"streams"_s, array}});
        return Ok;
    }

    int gapsList(CacheAccess &access, const Output &output)
    {
        ExitCode code = Ok;
        std::unique_ptr<CacheReader> reader = openReader(access, output, &code);
        if (!reader)
            return code;
        CacheError error;
        const QList<GapEntry> gaps = reader->gaps(&error);
        if (error.isError()) {
            output.error(error.message);
            return CacheAccess::exitCodeFor(error);
        }
        QJsonArray array;
        for (const GapEntry &gap : gaps) {
            array.append(QJsonObject {{u"id"_s, gap.id}, {u"stream"_s, gap.stream},
                {u"part"_s, gap.part}, {u"from"_s, nullable(gap.from)}, {u"to"_s, nullable(gap.to)},
                {u"reason"_s, gap.reason}, {u"createdAt"_s, gap.createdAt},
                {u"acknowledged"_s, gap.acknowledged}});
            if (!output.json()) {
                output.text(u"%1  %2%3  %4 .. %5  %6%7"_s.arg(gap.id)
                                .arg(gap.stream, gap.part.isEmpty() ? QString() : u"/"_s + gap.part)
                                .arg(gap.from.isEmpty() ? u"?"_s : gap.from,
                                    gap.to.isEmpty() ? u"?"_s : gap.to, gap.reason,
                                    gap.acknowledged ? Tr::tr(" (acknowledged)") : QString()));
            }
        }
        if (output.json())
            output.document({{u"gaps"_s, array}});
        else if (gaps.isEmpty())
            output.text(Tr::tr("The gap ledger is empty: nothing is known to be missing."));
        return Ok;
    }

    int gapsAck(CacheAccess &access, const Output &output, const QStringList &idTexts)
    {
        if (idTexts.isEmpty()) {
            output.error(Tr::tr("gaps ack needs at least one gap id; 'gaps list' shows them."));
            return BadUsage;
        }
        QList<qint64> ids;
        for (const QString &text : idTexts) {
            bool ok = false;
            const qint64 id = text.toLongLong(&ok);
            if (!ok || id <= 0) {
                output.error(Tr::tr("'%1' is not a gap id; 'gaps list' shows the ids.").arg(text));
                return BadUsage;
            }
            ids.append(id);
        }
        ExitCode code = Ok;
        std::unique_ptr<CacheReader> reader = openReader(access, output, &code);
        if (!reader)
            return code;
        CacheError error;
        QSet<qint64> known;
        for (const GapEntry &gap : reader->gaps(&error))
            known.insert(gap.id);
        for (qint64 id : std::as_const(ids)) {
            if (!known.contains(id)) {
                output.error(
                    Tr::tr("There is no gap with id %1; 'gaps list' shows the ids.").arg(id));
                return BadUsage;
            }
        }
        WriteUnit unit;
        unit.description = Tr::tr("gap acknowledgements");
        for (qint64 id : std::as_const(ids))
            unit.statements.append({u"UPDATE sync_gap SET acknowledged = 1 WHERE id = ?"_s, {id}});
        const WriteResult result = access.writer().submit(std::move(unit)).result();
        if (!result.ok()) {
            output.error(result.error.message);
            return CacheAccess::exitCodeFor(result.error);
        }
        if (output.json()) {
            QJsonArray acknowledged;
            for (qint64 id : std::as_const(ids))
                acknowledged.append(id);
            output.document({{u"acknowledged"_s, acknowledged}});
        } else {
            output.text(Tr::tr("Acknowledged %n gap(s).", nullptr, int(ids.size())));
        }
        return Ok;
    }

    /// How long the demo's simulator may take to start listening.
    constexpr int kDemoStartTimeoutMs = 60000;

    /// Starts the demo (cli.md `--demo`): a throwaway profile configured against the simulator
    /// it starts on loopback, the demo secret in memory. Returns null after printing why not.
    std::unique_ptr<DemoSession> startDemo(const Output &output)
    {
        auto demo = std::make_unique<DemoSession>();
        if (!demo->isValid()) {
            output.error(demo->errorString());
            return nullptr;
        }
        QEventLoop loop;
        QString failure;
        bool ready = false;
        QObject::connect(demo.get(), &DemoSession::ready, &loop, [&] {
            ready = true;
            loop.quit();
        });
        QObject::connect(demo.get(), &DemoSession::failed, &loop, [&](const QString &message) {
            failure = message;
            loop.quit();
        });
        QTimer::singleShot(kDemoStartTimeoutMs, &loop, &QEventLoop::quit);
        demo->start();
        if (!ready && failure.isEmpty()) // start() may already have failed
            loop.exec();
        if (ready)
            return demo;
        output.error(failure.isEmpty()
                ? Tr::tr("The demo simulator (%1) did not start listening within %2 s.")
                      .arg(DemoSession::simulatorPath())
                      .arg(kDemoStartTimeoutMs / 1000)
                : failure);
        return nullptr;
    }

    int quarantinePurge(CacheAccess &access, const Output &output)
    {
        WriteUnit unit;
        unit.description = Tr::tr("quarantine purge");
        unit.statements.append(
            {u"UPDATE sync_quarantine_line SET text_prefix = NULL, state = 'purged' "
             u"WHERE state = 'quarantined'"_s,
                {}});
        const WriteResult result = access.writer().submit(std::move(unit)).result();
        if (!result.ok()) {
            output.error(result.error.message);
            return CacheAccess::exitCodeFor(result.error);
        }
        if (output.json())
            output.document({{u"purgedLines"_s, result.statementChanges}});
        else
            output.text(
                Tr::tr("Purged %n quarantined line(s).", nullptr, int(result.statementChanges)));
        return Ok;
    }

} // namespace

int runHeadless(const QStringList &arguments)
{
    QString problem;
    const std::optional<CommandLine> commandLine = parse(arguments, &problem);
    if (!commandLine) {
        Output(false).error(problem);
        return BadUsage;
    }
    const Output output(commandLine->json);
    if (commandLine->showHelp) {
        output.text(helpText());
        return Ok;
    }
    if (commandLine->showVersion) {
        if (output.json())
            output.document({{u"version"_s, QStringLiteral(MSC_VERSION_STRING)}});
        else
            output.text(u"mimecast-console "_s + QStringLiteral(MSC_VERSION_STRING));
        return Ok;
    }
    const QStringList &words = commandLine->words;
    if (words.isEmpty()) {
        output.error(Tr::tr("No command given. Run with --help for the commands, or without "
                            "arguments to open the console window."));
        return BadUsage;
    }
    if (commandLine->demo && !commandLine->profileDirectory.isEmpty()) {
        output.error(Tr::tr("--demo works in a throwaway profile of its own: leave out --profile, "
                            "or leave out --demo to use that profile."));
        return BadUsage;
    }

    using Handler =
        int (*)(CacheAccess &, const Output &, const QStringList &, const CommandLine &);
    struct Command
    {
        QStringList words;
        int maxArguments; ///< -1 = any number.
        Handler run;
    };
    static const Command commands[] = {
        {{u"status"_s}, 0,
            [](CacheAccess &a, const Output &o, const QStringList &, const CommandLine &) {
                return status(a, o);
            }},
        {{u"gaps"_s, u"list"_s}, 0,
            [](CacheAccess &a, const Output &o, const QStringList &, const CommandLine &) {
                return gapsList(a, o);
            }},
        {{u"gaps"_s, u"ack"_s}, -1,
            [](CacheAccess &a, const Output &o, const QStringList &args, const CommandLine &) {
                return gapsAck(a, o, args);
            }},
        {{u"quarantine"_s, u"purge"_s}, 0,
            [](CacheAccess &a, const Output &o, const QStringList &, const CommandLine &) {
                return quarantinePurge(a, o);
            }},
        {{u"connectors"_s, u"list"_s}, 0,
            [](CacheAccess &a, const Output &o, const QStringList &, const CommandLine &) {
                return connectorsList(a, o);
            }},
        {{u"connectors"_s, u"set"_s}, -1,
            [](CacheAccess &a, const Output &o, const QStringList &args, const CommandLine &c) {
                return connectorsSet(a, o, args, c);
            }},
        {{u"sync"_s}, -1,
            [](CacheAccess &a, const Output &o, const QStringList &args, const CommandLine &) {
                return sync(a, o, args);
            }},
    };
    for (const Command &command : commands) {
        if (words.size() < command.words.size()
            || words.mid(0, command.words.size()) != command.words)
            continue;
        const QStringList rest = words.mid(command.words.size());
        if (command.maxArguments >= 0 && rest.size() > command.maxArguments) {
            output.error(Tr::tr("'%1' takes no argument '%2'. Run with --help for the usage.")
                             .arg(command.words.join(u' '), rest.first()));
            return BadUsage;
        }
        if (!commandLine->options.isEmpty()
            && command.words != QStringList {u"connectors"_s, u"set"_s}) {
            output.error(Tr::tr("--%1 belongs to 'connectors set'. Run with --help for the usage.")
                             .arg(commandLine->options.keys().constFirst()));
            return BadUsage;
        }
        // The demo (if asked for) outlives the cache access: its profile folder holds the cache.
        std::unique_ptr<DemoSession> demo;
        if (commandLine->demo) {
            demo = startDemo(output);
            if (!demo)
                return Failed;
        }
        ExitCode code = Ok;
        std::unique_ptr<CacheAccess> access = demo
            ? CacheAccess::open(demo->profileDirectory(), output, &code, &demo->secrets())
            : CacheAccess::open(commandLine->profileDirectory, output, &code);
        if (!access)
            return code;
        return command.run(*access, output, rest, *commandLine);
    }
    output.error(Tr::tr("Unknown command '%1'. Run with --help for the commands this version has.")
                     .arg(words.join(u' ')));
    return BadUsage;
}

} // namespace msc::cli
