// The WAL checkpoint off the writer's thread: the log is copied into the database file by the
// checkpoint thread once it passes the threshold, and by the writer itself only at the limit.
#include "storage/walcheckpointer.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

/// A database in WAL mode with one table, the way the cache writer's connection is.
sqlite3 *openWal(const QString &path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(
            path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
            != SQLITE_OK
        || sqlite3_exec(
               db, "PRAGMA journal_mode=WAL; CREATE TABLE t (x BLOB)", nullptr, nullptr, nullptr)
            != SQLITE_OK) {
        sqlite3_close(db);
        return nullptr;
    }
    return db;
}

/// \a transactions commits of 100 rows of 1 KiB each: about 30 pages per commit.
bool write(sqlite3 *db, int transactions)
{
    for (int i = 0; i < transactions; ++i) {
        if (sqlite3_exec(db,
                "BEGIN; INSERT INTO t SELECT randomblob(1024) FROM generate_series(1, 100); "
                "COMMIT",
                nullptr, nullptr, nullptr)
            != SQLITE_OK) {
            // generate_series is an extension some builds lack: a recursive CTE then.
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            if (sqlite3_exec(db,
                    "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                    "WHERE i < 100) INSERT INTO t SELECT randomblob(1024) FROM n; COMMIT",
                    nullptr, nullptr, nullptr)
                != SQLITE_OK)
                return false;
        }
    }
    return true;
}

/// A fresh database in WAL mode in a temporary folder, closed at the end of the test.
struct WalDatabase
{
    QTemporaryDir dir;
    QString path = dir.filePath(u"cache.sqlite"_s);
    sqlite3 *db = openWal(path);
    qint64 emptySize = QFileInfo(path).size();

    ~WalDatabase() { sqlite3_close(db); }

    /// Whether the main file (not only the log) grew by at least \a bytes.
    bool fileGrewBy(qint64 bytes) const { return QFileInfo(path).size() > emptySize + bytes; }
};

} // namespace

class TestWalCheckpointer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkpointThreadCopiesTheLog()
    {
        const WalDatabase wal;
        QVERIFY(wal.db);
        {
            WalCheckpointer checkpointer(wal.path, {100, 1000000});
            checkpointer.attach(wal.db);
            QVERIFY(write(wal.db, 20)); // ~600 pages
            QTRY_VERIFY(checkpointer.backgroundCheckpoints() > 0);
            QCOMPARE(checkpointer.writerCheckpoints(), 0);
            // Without a checkpoint every page would still be in the log only.
            QTRY_VERIFY(wal.fileGrewBy(500 * 1024));
            WalCheckpointer::detach(wal.db);
        }
        sqlite3_stmt *count = nullptr;
        QCOMPARE(
            sqlite3_prepare_v2(wal.db, "SELECT count(*) FROM t", -1, &count, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(count), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int(count, 0), 2000);
        sqlite3_finalize(count);
    }

    void writerCheckpointsAtTheLimit()
    {
        const WalDatabase wal;
        QVERIFY(wal.db);
        // The thread is never asked (a threshold it cannot reach): the log stays bounded all
        // the same, by the writer.
        WalCheckpointer checkpointer(wal.path, {1 << 30, 100});
        checkpointer.attach(wal.db);
        QVERIFY(write(wal.db, 20));
        QVERIFY(checkpointer.writerCheckpoints() > 0);
        QCOMPARE(checkpointer.backgroundCheckpoints(), 0);
        QVERIFY(wal.fileGrewBy(500 * 1024));
        WalCheckpointer::detach(wal.db);
    }
};

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_walcheckpointer.moc"
