#pragma once

#include "cli/exitcode.h"

#include <QStringList>

namespace msc::cli {

struct CommandLine;

/// Runs a headless command line to completion and returns its exit code.
int runHeadless(const QStringList &arguments);

} // namespace msc::cli
