#pragma once

namespace msc::cli {

/// Exit codes of the command line (cli.md). When several apply, the highest wins.
enum ExitCode : int {
    Ok = 0,
    Failed = 1, ///< Transient failure, waiting, disk full or cache not writable.
    BadUsage = 2, ///< Bad usage or bad configuration.
    BadCredentials = 3, ///< Credentials missing or rejected, missing permission, no keychain.
};

} // namespace msc::cli
