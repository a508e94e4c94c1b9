#include "storage/walcheckpointer.h"

#include "util/logging.h"

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace msc {

struct WalCheckpointer::Private
{
    QString filePath;
    Options options;

    QMutex mutex;
    QWaitCondition wake;
    bool requested = false;
    bool stopping = false;
    std::unique_ptr<QThread> thread;

    std::atomic<qint64> background {0};
    std::atomic<qint64> byWriter {0};

    /// sqlite3_wal_hook: on the writer's thread, after each commit, its lock released.
    static int onCommit(void *self, sqlite3 *writer, const char *database, int pages)
    {
        auto *d = static_cast<Private *>(self);
        if (pages >= d->options.writerLimitPages) {
            int logPages = 0;
            int copied = 0;
            const int rc = sqlite3_wal_checkpoint_v2(
                writer, database, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copied);
            if (rc == SQLITE_OK)
                ++d->byWriter;
            else
                qCWarning(lcCache).noquote()
                    << u"checkpoint of a %1-page log failed: %2"_s.arg(pages).arg(
                           QString::fromUtf8(sqlite3_errmsg(writer)));
        } else if (pages >= d->options.thresholdPages) {
            QMutexLocker locker(&d->mutex);
            d->requested = true;
            d->wake.wakeOne();
        }
        return SQLITE_OK;
    }

    void run()
    {
        sqlite3 *connection = nullptr;
        for (;;) {
            {
                QMutexLocker locker(&mutex);
                while (!requested && !stopping)
                    wake.wait(&mutex);
                if (stopping)
                    break;
                requested = false;
            }
            // A new connection learns that the file is in WAL mode only when it first reads
            // it; until then a checkpoint does nothing (and reports -1 pages).
            if (!connection
                && (sqlite3_open_v2(filePath.toUtf8().constData(), &connection,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
                        != SQLITE_OK
                    || sqlite3_exec(connection, "PRAGMA journal_mode", nullptr, nullptr, nullptr)
                        != SQLITE_OK)) {
                qCWarning(lcCache).noquote() << u"the checkpoint thread cannot open %1: %2"_s.arg(
                    filePath, QString::fromUtf8(sqlite3_errmsg(connection)));
                sqlite3_close(connection);
                connection = nullptr;
                continue; // the writer's limit still bounds the log
            }
            int logPages = 0;
            int copied = 0;
            // PASSIVE: copies what no reader still needs, waits for nobody.
            if (sqlite3_wal_checkpoint_v2(
                    connection, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copied)
                    == SQLITE_OK
                && logPages >= 0)
                ++background;
        }
        sqlite3_close(connection);
    }
};

WalCheckpointer::WalCheckpointer(QString filePath, Options options)
    : d(std::make_unique<Private>())
{
    d->filePath = std::move(filePath);
    d->options = options;
    d->thread.reset(QThread::create([p = d.get()] { p->run(); }));
    d->thread->setObjectName(u"cache-checkpoint"_s);
    d->thread->start();
}

WalCheckpointer::~WalCheckpointer()
{
    {
        QMutexLocker locker(&d->mutex);
        d->stopping = true;
    }
    d->wake.wakeAll();
    d->thread->wait();
}

void WalCheckpointer::attach(sqlite3 *writer)
{
    if (writer)
        sqlite3_wal_hook(writer, &Private::onCommit, d.get());
}

void WalCheckpointer::detach(sqlite3 *writer)
{
    if (writer)
        sqlite3_wal_autocheckpoint(writer, 1000); // SQLite's default threshold
}

qint64 WalCheckpointer::backgroundCheckpoints() const
{
    return d->background.load();
}

qint64 WalCheckpointer::writerCheckpoints() const
{
    return d->byWriter.load();
}

} // namespace msc
