#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace msc {

/// Calls \a callback with the result of \a future on \a context's thread, unless \a context
/// has been destroyed by then (the work itself still runs to its end on the pool).
///
/// Why not QFuture::then(context, ...): in Qt 6.4 that continuation asserts (Q_ASSERT(context)
/// in qfuture_impl.h, fatal with QT_FORCE_ASSERTS) when the context dies before the future
/// finishes, e.g. when a page is closed while its query runs. A QFutureWatcher owned by the
/// context goes away with it, and its connection with it (style.md example 6).
template <typename T, typename Callback>
void whenFinished(QObject *context, QFuture<T> future, Callback &&callback)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
        [watcher, callback = std::forward<Callback>(callback)]() mutable {
            watcher->deleteLater();
            callback(watcher->result());
        });
    watcher->setFuture(std::move(future));
}

} // namespace msc
