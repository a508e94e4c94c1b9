#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace msc::cli {

/// The parsed command line of a headless run.
struct CommandLine
{
    QString profileDirectory; ///< Empty: environment variable or default.
    bool demo = false;
    bool json = false;
    bool showVersion = false;
    bool showHelp = false;
    QStringList words; ///< Subcommand and its arguments, e.g. {"gaps", "ack", "3"}.
    /// Subcommand options that were given (`base-url`, `enable`, ...), with their values.
    QHash<QString, QString> options;

    bool has(const QString &option) const { return options.contains(option); }
    QString value(const QString &option) const { return options.value(option); }
};

/// True when the arguments ask for a headless run (a subcommand, --version or --help);
/// otherwise main() opens the GUI. Decided before any QCoreApplication exists.
bool isHeadless(int argc, char **argv);

/// Parses \a arguments (argv[0] included). On bad usage returns std::nullopt with \a error
/// naming the problem.
std::optional<CommandLine> parse(const QStringList &arguments, QString *error);

/// The --help text: options and the subcommands this version implements.
QString helpText();

/// The GUI's own options (--profile, --demo), for main() on the GUI path.
CommandLine parseGuiOptions(const QStringList &arguments);

} // namespace msc::cli
