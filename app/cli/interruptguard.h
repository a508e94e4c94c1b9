#pragma once

#include <QByteArray>

#include <memory>

namespace msc {
class CancellationToken;
}

namespace msc::cli {

/// Ctrl+C (SIGINT) and SIGTERM during a long headless command: the first one cancels
/// \a token, so that the command stops at its next safe point (for `sync`, a page or file
/// boundary: what is committed stays, nothing is half-written) and still prints its report;
/// a second one ends the process at once (exit 128 + the signal, as a shell reports a process
/// the signal killed), which the cache survives as it survives a crash. The signal handler only
/// writes to a pipe; a thread of its own prints \a notice to standard error and cancels. The
/// previous handlers are restored on destruction.
class InterruptGuard
{
public:
    InterruptGuard(CancellationToken &token, QByteArray notice);
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

    /// A signal arrived while the guard was installed.
    bool interrupted() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace msc::cli
