#pragma once

#include <QFutureWatcher>
#include <QSignalSpy>
#include <QtConcurrent>

namespace msc::test {

/// Runs \a work on a pool thread (the Mimecast client never runs on the GUI thread) while the
/// test's event loop keeps serving an in-process simulator, and returns its result.
template <typename Work>
auto onWorker(Work work, int timeoutMs = 300000) -> decltype(work())
{
    QFuture<decltype(work())> future = QtConcurrent::run(work);
    QFutureWatcher<decltype(work())> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(future);
    if (!future.isFinished())
        finished.wait(timeoutMs);
    return future.result();
}

} // namespace msc::test
