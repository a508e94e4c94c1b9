#include "cli/interruptguard.h"

#include "mimecast/clientsettings.h"

#include <atomic>
#include <thread>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace msc::cli {

namespace {

    // Signal handlers can reach only globals; one guard is installed at a time.
    int g_pipe[2] = {-1, -1};
    std::atomic<int> g_signals {0};

    constexpr char kSignalled = 's';
    constexpr char kStop = 'q';

    void onSignal(int signal)
    {
        // Only async-signal-safe calls here; errno belongs to the interrupted code.
        const int savedErrno = errno;
        if (g_signals.fetch_add(1) >= 1)
            ::_exit(128 + signal); // as the shell reports a process killed by the signal
        const char byte = kSignalled;
        [[maybe_unused]] const ssize_t written = ::write(g_pipe[1], &byte, 1);
        errno = savedErrno;
    }

} // namespace

struct InterruptGuard::Private
{
    struct sigaction previousInt
    {
    };
    struct sigaction previousTerm
    {
    };
    std::thread watcher;
    std::atomic<bool> interrupted {false};
};

InterruptGuard::InterruptGuard(CancellationToken &token, QByteArray notice)
    : d(std::make_unique<Private>())
{
    Q_ASSERT(g_pipe[0] < 0);
    if (::pipe2(g_pipe, O_CLOEXEC) != 0) {
        g_pipe[0] = g_pipe[1] = -1;
        return; // Ctrl+C then ends the process as it always did; the cache survives that too
    }
    g_signals = 0;
    d->watcher = std::thread([this, &token, notice = std::move(notice)] {
        char byte = 0;
        while (::read(g_pipe[0], &byte, 1) == 1 && byte == kSignalled) {
            d->interrupted = true;
            token.cancel();
            [[maybe_unused]] const ssize_t written =
                ::write(STDERR_FILENO, notice.constData(), size_t(notice.size()));
        }
    });
    struct sigaction action
    {
    };
    action.sa_handler = &onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &d->previousInt);
    ::sigaction(SIGTERM, &action, &d->previousTerm);
}

InterruptGuard::~InterruptGuard()
{
    if (g_pipe[0] < 0)
        return;
    ::sigaction(SIGINT, &d->previousInt, nullptr);
    ::sigaction(SIGTERM, &d->previousTerm, nullptr);
    const char byte = kStop;
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[1], &byte, 1);
    d->watcher.join();
    const int readEnd = g_pipe[0];
    const int writeEnd = g_pipe[1];
    g_pipe[0] = g_pipe[1] = -1;
    ::close(readEnd);
    ::close(writeEnd);
}

bool InterruptGuard::interrupted() const
{
    return d->interrupted;
}

} // namespace msc::cli
