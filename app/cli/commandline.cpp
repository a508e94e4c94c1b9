#include "cli/commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace msc::cli {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(CommandLine)
    };

    /// Options that take a value: the value is not a subcommand.
    bool takesValue(const char *argument)
    {
        return std::strcmp(argument, "--profile") == 0;
    }

    void addOptions(QCommandLineParser &parser)
    {
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.addOption(
            {u"profile"_s, Tr::tr("Profile directory (settings and cache)."), Tr::tr("DIR")});
        parser.addOption(
            {u"demo"_s, Tr::tr("Use the demo profile against the built-in simulator.")});
        parser.addOption({u"json"_s, Tr::tr("Machine-readable output (one JSON document).")});
        parser.addOption({{u"v"_s, u"version"_s}, Tr::tr("Show the version.")});
        parser.addOption({{u"h"_s, u"help"_s}, Tr::tr("Show this help.")});
        // Options of `connectors set` (cli.md).
        for (const char *name : {"base-url", "client-id", "start-date", "interval"})
            parser.addOption({QString::fromLatin1(name), QString(), u"VALUE"_s});
        for (const char *name : {"client-secret-stdin", "enable", "disable"})
            parser.addOption({QString::fromLatin1(name), QString()});
    }

    const char *const kSubcommandOptions[] = {"base-url", "client-id", "start-date", "interval",
        "client-secret-stdin", "enable", "disable"};

} // namespace

bool isHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *argument = argv[i];
        if (takesValue(argument)) {
            ++i;
            continue;
        }
        if (std::strncmp(argument, "--profile=", 10) == 0 || std::strcmp(argument, "--demo") == 0)
            continue;
        // Anything else (a subcommand, --json, --help, --version, or a typo) is answered on
        // the terminal rather than by opening a window.
        return true;
    }
    return false;
}

std::optional<CommandLine> parse(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(arguments)) {
        *error = parser.errorText() + u"\n"_s + Tr::tr("Run with --help for the usage.");
        return std::nullopt;
    }
    CommandLine commandLine;
    commandLine.profileDirectory = parser.value(u"profile"_s);
    commandLine.demo = parser.isSet(u"demo"_s);
    commandLine.json = parser.isSet(u"json"_s);
    commandLine.showVersion = parser.isSet(u"version"_s);
    commandLine.showHelp = parser.isSet(u"help"_s);
    commandLine.words = parser.positionalArguments();
    for (const char *name : kSubcommandOptions) {
        const QString option = QString::fromLatin1(name);
        if (parser.isSet(option))
            commandLine.options.insert(option, parser.value(option));
    }
    if (commandLine.options.contains(u"enable"_s) && commandLine.options.contains(u"disable"_s)) {
        *error = Tr::tr("--enable and --disable cannot be used together.");
        return std::nullopt;
    }
    if (parser.isSet(u"profile"_s) && commandLine.profileDirectory.isEmpty()) {
        *error = Tr::tr("--profile needs a directory.");
        return std::nullopt;
    }
    return commandLine;
}

CommandLine parseGuiOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    parser.parse(arguments);
    CommandLine commandLine;
    commandLine.profileDirectory = parser.value(u"profile"_s);
    commandLine.demo = parser.isSet(u"demo"_s);
    return commandLine;
}

QString helpText()
{
    return Tr::tr(
        "Usage: mimecast-console [OPTIONS] [COMMAND]\n"
        "\n"
        "Without a command the console window opens. With a command it runs headless,\n"
        "sharing the profile, keychain and cache with the window.\n"
        "\n"
        "Options:\n"
        "  --profile DIR     profile directory (settings and cache); default\n"
        "                    <AppDataLocation>/profiles/default, or $MIMECAST_CONSOLE_PROFILE\n"
        "  --demo            a throwaway demo profile against the built-in simulator,\n"
        "                    which it starts on loopback (demo secret in memory only)\n"
        "  --json            machine-readable output on stdout (one JSON document)\n"
        "  -v, --version     show the version\n"
        "  -h, --help        show this help\n"
        "\n"
        "Commands:\n"
        "  connectors list   every connector and stream: enabled, base URL, interval,\n"
        "                    last success, cursor\n"
        "  connectors set NAME [--base-url URL] [--client-id ID] [--client-secret-stdin]\n"
        "                 [--start-date YYYY-MM-DD] [--interval MINUTES] [--enable|--disable]\n"
        "                    configure a connector (audit, awareness, cloud-integrated, seg,\n"
        "                    ttp); the secret is read from standard input into the keychain\n"
        "  sync [NAME...]    ingest once, the named connectors or every enabled one\n"
        "  status            per stream: rows in cache, newest event time, lag, last\n"
        "                    success, last error, duplicates, quarantined items, open gaps\n"
        "  gaps list         the gap ledger: ranges the console knows it could not fetch\n"
        "  gaps ack ID...    acknowledge the named gaps\n"
        "  quarantine purge  delete the stored text of quarantined lines\n"
        "\n"
        "Exit codes: 0 OK; 1 failed or waiting (also disk full, cache not writable);\n"
        "2 bad usage or configuration; 3 credentials missing or rejected, no keychain.\n");
}

} // namespace msc::cli
