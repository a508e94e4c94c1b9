#pragma once

#include "cli/exitcode.h"

#include <QStringList>

namespace msc::cli {

class CacheAccess;
class Output;
struct CommandLine;

/// `connectors list`, `connectors set NAME ...` and `sync [NAME...]` (cli.md).
int connectorsList(CacheAccess &access, const Output &output);
int connectorsSet(CacheAccess &access, const Output &output, const QStringList &arguments,
    const CommandLine &commandLine);
int sync(CacheAccess &access, const Output &output, const QStringList &connectors);

} // namespace msc::cli
