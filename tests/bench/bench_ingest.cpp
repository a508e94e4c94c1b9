// Ingest rate of the SIEM batch feed (the ingestion issue): the console ingests 1,000,000 and
// then 5,000,000 SEG CG events from gzip NDJSON files of 100,000 lines served by the simulator
// (its bench profile), end to end through BatchStreamRunner (download, gunzip, parse, map, the
// single writer). In the same run the same rows, already parsed and mapped (read back from the
// console's table in insertion order, untimed), are inserted with one bare prepared sqlite3
// statement into a fresh database with the same DDL, pragmas and page cache, one transaction per
// 100,000 rows; only the transactions are timed. The figures are compared as a ratio because
// the machine is shared and noisy.
//
// Before each timed phase the machine is settled (settle(): dirty pages written out, freed
// heap returned), so neither side pays for the other's writeback.
//
// Goals: console >= 0.75 x bare; >= 100,000 events/s at 1,000,000 rows; the rate at 5,000,000
// rows >= 80 % of the rate at 1,000,000; memory flat as volume grows. The test prints the
// figures and fails only on errors, not on missed goals (a noisy machine must not turn CI red).
//
// Environment (all optional): MSC_BENCH_RUNS (runs at the small size, default 3),
// MSC_BENCH_LARGE_RUNS (how many of them continue to the large size, default 1),
// MSC_BENCH_SMALL / MSC_BENCH_LARGE (row counts, default 1,000,000 / 5,000,000),
// MSC_BENCH_VOLUME (simulator volume, default 240,000: ~5.3M lines in the three types read).
#include "ingest/batchstream.h"
#include "mimecast/mimecastclient.h"
#include "storage/cachedatabase.h"
#include "storage/cacheschema.h"
#include "storage/sqlidentifier.h"
#include "testcache.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

#include <sqlite3.h>
#include <sys/prctl.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <ctime>

#include <csignal>

#include <algorithm>
#include <string>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

constexpr qint64 kRowsPerTransaction = 100000;

qint64 statusKiB(const char *field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

/// Before each timed phase (untimed): the console's log is checkpointed to the end (its
/// checkpoint thread was still copying the last of it when the bare insert after the
/// 5,000,000-row run started, which then measured 30 % slow), dirty pages are written out,
/// and the previous run's freed heap goes back to the system, so that each phase runs on
/// its own and each run's peak RSS is its own.
void settle(const QString &checkpointPath = {})
{
    if (!checkpointPath.isEmpty()) {
        // The console's checkpoint thread may still be copying its log into the file.
        sqlite3 *db = nullptr;
        if (sqlite3_open_v2(
                checkpointPath.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr)
            == SQLITE_OK) {
            sqlite3_busy_timeout(db, 60000);
            sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
        }
        sqlite3_close(db);
    }
    ::sync();
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

void resetPeak()
{
    QFile clear(u"/proc/self/clear_refs"_s);
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

qint64 envInt(const char *name, qint64 fallback)
{
    bool ok = false;
    const qint64 value = qEnvironmentVariable(name).toLongLong(&ok);
    return ok && value > 0 ? value : fallback;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

/// CPU time of the calling thread.
qint64 threadCpuNs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

/// CPU time (user + system) of this process's thread named \a name, from /proc (10 ms
/// ticks), or -1. The cache writer is a thread of its own: this is how its share is seen.
qint64 namedThreadCpuNs(const QByteArray &name)
{
    const QDir tasks(u"/proc/self/task"_s);
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + u"/comm"_s));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != name)
            continue;
        QFile stat(tasks.filePath(tid + u"/stat"_s));
        if (!stat.open(QIODevice::ReadOnly))
            return -1;
        // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 13)
            return -1;
        const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
        return ticks * (1000000000 / sysconf(_SC_CLK_TCK));
    }
    return -1;
}

/// Rows reached at a mark and the time it took, for one measured phase.
struct Mark
{
    qint64 rows = 0;
    qint64 ns = 0;
    qint64 peakKiB = 0; ///< VmHWM when the mark was passed.
    qint64 readerCpuNs = 0; ///< CPU of the thread that downloads, parses and maps (console).
    qint64 writerCpuNs = 0; ///< CPU of the writer thread (console) or the inserting thread.
    double rate() const { return ns > 0 ? rows * 1e9 / double(ns) : 0; }
    double readerUsPerRow() const { return rows > 0 ? readerCpuNs / 1e3 / double(rows) : 0; }
    double writerUsPerRow() const { return rows > 0 ? writerCpuNs / 1e3 / double(rows) : 0; }
};

struct Phase
{
    Mark small;
    Mark large; ///< Only for a run that continues to the large size.
    /// Console: VmHWM (KiB) each time another `small` rows were added, to show whether memory
    /// levels off as the cache grows or keeps climbing.
    QList<qint64> peakKiBPerStep;
    QString error;
};

/// One row of the cache table, read back for the bare insert: every value in one arena so that
/// binding is as cheap as it gets (SQLITE_STATIC).
struct Chunk
{
    struct Cell
    {
        int type = SQLITE_NULL;
        qint64 integer = 0;
        double real = 0;
        size_t offset = 0;
        int size = 0;
    };
    std::string arena;
    std::vector<Cell> cells; // rows × columns
    qint64 rows = 0;
};

class BareInserter
{
public:
    ~BareInserter()
    {
        sqlite3_finalize(m_select);
        sqlite3_finalize(m_insert);
        if (m_source)
            sqlite3_close(m_source);
    }

    bool open(
        const QString &sourcePath, const QString &targetPath, const TableDef &table, QString *error)
    {
        // The same connection setup as the writer: the same pragmas and page cache.
        ConnectionOptions options;
        options.role = ConnectionRole::Writer;
        options.cacheSizeKiB = CacheWriter::Options {}.cacheSizeKiB;
        CacheError cacheError;
        m_target = CacheConnection::open(targetPath, options, &cacheError);
        if (!m_target) {
            *error = cacheError.message;
            return false;
        }
        for (const QString &statement : CacheSchema::createStatements(table)) {
            if (sqlite3_exec(
                    m_target->handle(), statement.toUtf8().constData(), nullptr, nullptr, nullptr)
                != SQLITE_OK) {
                *error = QString::fromUtf8(sqlite3_errmsg(m_target->handle()));
                return false;
            }
        }
        QStringList columns = CacheSchema::columnNames(table);
        columns.removeFirst(); // _seq
        m_columns = int(columns.size());
        QStringList quoted;
        for (const QString &column : std::as_const(columns))
            quoted.append(quoteIdentifier(column));
        const QString insert =
            u"INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (\"_dedup_key\") DO NOTHING"_s.arg(
                quoteIdentifier(table.name), quoted.join(u','),
                QString(u"?,"_s.repeated(columns.size()).chopped(1)));
        if (sqlite3_prepare_v3(m_target->handle(), insert.toUtf8().constData(), -1,
                SQLITE_PREPARE_PERSISTENT, &m_insert, nullptr)
            != SQLITE_OK) {
            *error = QString::fromUtf8(sqlite3_errmsg(m_target->handle()));
            return false;
        }
        if (sqlite3_open_v2(
                sourcePath.toUtf8().constData(), &m_source, SQLITE_OPEN_READONLY, nullptr)
            != SQLITE_OK) {
            *error = u"cannot open %1"_s.arg(sourcePath);
            return false;
        }
        const QString select =
            u"SELECT %1 FROM %2 WHERE \"_seq\" > ?1 ORDER BY \"_seq\" LIMIT ?2"_s.arg(
                quoted.join(u','), quoteIdentifier(table.name));
        if (sqlite3_prepare_v2(m_source, select.toUtf8().constData(), -1, &m_select, nullptr)
            != SQLITE_OK) {
            *error = QString::fromUtf8(sqlite3_errmsg(m_source));
            return false;
        }
        return true;
    }

    /// Reads the next transaction's rows from the console's table (not timed).
    bool read(Chunk *chunk)
    {
        chunk->arena.clear();
        chunk->cells.clear();
        chunk->rows = 0;
        sqlite3_reset(m_select);
        sqlite3_bind_int64(m_select, 1, m_lastSeq);
        sqlite3_bind_int64(m_select, 2, kRowsPerTransaction);
        int rc;
        while ((rc = sqlite3_step(m_select)) == SQLITE_ROW) {
            for (int column = 0; column < m_columns; ++column) {
                Chunk::Cell cell;
                cell.type = sqlite3_column_type(m_select, column);
                switch (cell.type) {
                case SQLITE_INTEGER:
                    cell.integer = sqlite3_column_int64(m_select, column);
                    break;
                case SQLITE_FLOAT:
                    cell.real = sqlite3_column_double(m_select, column);
                    break;
                case SQLITE_TEXT:
                case SQLITE_BLOB: {
                    const void *data = cell.type == SQLITE_TEXT
                        ? static_cast<const void *>(sqlite3_column_text(m_select, column))
                        : sqlite3_column_blob(m_select, column);
                    cell.size = sqlite3_column_bytes(m_select, column);
                    cell.offset = chunk->arena.size();
                    chunk->arena.append(static_cast<const char *>(data), size_t(cell.size));
                    break;
                }
                default:
                    break;
                }
                chunk->cells.push_back(cell);
            }
            ++chunk->rows;
            ++m_lastSeq; // rows are read in _seq order; the ids are dense in this benchmark
        }
        return rc == SQLITE_DONE;
    }

    /// Inserts \a chunk in one transaction; the part that is timed.
    bool insert(const Chunk &chunk, QString *error)
    {
        sqlite3 *handle = m_target->handle();
        if (sqlite3_exec(handle, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
            return fail(error);
        const char *arena = chunk.arena.data();
        const Chunk::Cell *cell = chunk.cells.data();
        for (qint64 row = 0; row < chunk.rows; ++row) {
            sqlite3_reset(m_insert);
            for (int column = 1; column <= m_columns; ++column, ++cell) {
                switch (cell->type) {
                case SQLITE_INTEGER:
                    sqlite3_bind_int64(m_insert, column, cell->integer);
                    break;
                case SQLITE_FLOAT:
                    sqlite3_bind_double(m_insert, column, cell->real);
                    break;
                case SQLITE_TEXT:
                    sqlite3_bind_text(
                        m_insert, column, arena + cell->offset, cell->size, SQLITE_STATIC);
                    break;
                case SQLITE_BLOB:
                    sqlite3_bind_blob(
                        m_insert, column, arena + cell->offset, cell->size, SQLITE_STATIC);
                    break;
                default:
                    sqlite3_bind_null(m_insert, column);
                }
            }
            if (sqlite3_step(m_insert) != SQLITE_DONE)
                return fail(error);
        }
        if (sqlite3_exec(handle, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
            return fail(error);
        return true;
    }

    void setStartSeq(qint64 seq) { m_lastSeq = seq; }

private:
    bool fail(QString *error)
    {
        *error = QString::fromUtf8(sqlite3_errmsg(m_target->handle()));
        sqlite3_exec(m_target->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        return false;
    }

    std::unique_ptr<CacheConnection> m_target;
    sqlite3 *m_source = nullptr;
    sqlite3_stmt *m_select = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    int m_columns = 0;
    qint64 m_lastSeq = 0;
};

/// Runs \a work on a thread of its own and waits: the client refuses network I/O on the main
/// thread, and QFuture::waitForFinished() may run a pool task on the waiting thread itself.
template <typename Work>
auto onOwnThread(Work work) -> decltype(work())
{
    decltype(work()) result {};
    std::unique_ptr<QThread> thread(QThread::create([&] { result = work(); }));
    thread->start();
    thread->wait();
    return result;
}

/// The stored bytes per row of the table's largest columns, from the console's cache (not
/// timed): what the writer has to insert, and where its bytes go.
QString rowSizeReport(const QString &path, const TableDef &table)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return u"(the cache could not be opened)"_s;
    QStringList columns = CacheSchema::columnNames(table);
    QStringList sums;
    for (const QString &column : std::as_const(columns))
        sums.append(u"avg(coalesce(length(CAST(%1 AS BLOB)), 0))"_s.arg(quoteIdentifier(column)));
    const QString sql = u"SELECT %1 FROM %2"_s.arg(sums.join(u','), quoteIdentifier(table.name));
    sqlite3_stmt *statement = nullptr;
    QList<std::pair<double, QString>> sizes;
    double total = 0;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &statement, nullptr) == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW) {
        for (int i = 0; i < columns.size(); ++i) {
            const double bytes = sqlite3_column_double(statement, i);
            total += bytes;
            sizes.append({bytes, columns.at(i)});
        }
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    std::sort(sizes.begin(), sizes.end(), std::greater<>());
    QStringList top;
    for (qsizetype i = 0; i < std::min<qsizetype>(8, sizes.size()); ++i)
        top.append(u"%1 %2"_s.arg(sizes.at(i).second).arg(sizes.at(i).first, 0, 'f', 0));
    return u"%1 bytes of values per row on average; largest: %2"_s.arg(total, 0, 'f', 0)
        .arg(top.join(u", "_s));
}

QString rate(double value)
{
    return QString::number(qRound64(value));
}

} // namespace

class BenchIngest : public QObject
{
    Q_OBJECT

private:
    QProcess m_simulator;
    QTemporaryDir m_state;
    MimecastClient::Credentials m_credentials;
    ClientSettings m_settings;
    const QStringList m_types {u"receipt"_s, u"process"_s, u"delivery"_s};

    /// Lists every file of the types once, which makes the simulator generate them: file
    /// generation is the fake's cost, not the console's, and stays out of the timed ingest.
    QString pregenerate(qint64 *files)
    {
        MimecastClient client(m_credentials, m_settings, u"seg.cg"_s);
        for (const QString &type : m_types) {
            QString nextPage;
            for (;;) {
                QUrlQuery query;
                query.addQueryItem(u"type"_s, type);
                query.addQueryItem(u"pageSize"_s, u"4"_s);
                if (!nextPage.isEmpty())
                    query.addQueryItem(u"nextPage"_s, nextPage);
                ApiError error;
                const std::optional<QJsonObject> page =
                    client.getSiem(u"/siem/v1/batch/events/cg"_s, query, false, &error);
                if (!page)
                    return error.message;
                *files += page->value("value"_L1).toArray().size();
                if (page->value("isCaughtUp"_L1).toBool())
                    break;
                nextPage = page->value("@nextPage"_L1).toString();
            }
        }
        return {};
    }

    Phase runConsole(test::TestCache &cache, qint64 small, qint64 large, StreamRunStats *stats)
    {
        Phase phase;
        const TableDef &table = *cache.definition().tableByStream(u"seg.cg"_s);
        CancellationToken cancel;
        MimecastClient client(m_credentials, m_settings, u"seg.cg"_s);
        client.setCancellation(&cancel);
        IngestSettings ingest;
        ingest.types = m_types;
        StreamRunContext context(
            cache.writer(), cache.definition(), table, client, ingest, &cancel);
        QElapsedTimer timer;
        const qint64 readerStart = threadCpuNs();
        const qint64 writerStart = namedThreadCpuNs("cache-writer");
        auto mark = [&](qint64 rows) {
            return Mark {rows, timer.nsecsElapsed(), statusKiB("VmHWM:"),
                threadCpuNs() - readerStart, namedThreadCpuNs("cache-writer") - writerStart};
        };
        context.setProgressObserver([&](const StreamRunStats &progress, const WaitInfo *wait) {
            if (wait)
                qWarning().noquote()
                    << u"waiting: %1 (%2 ms)"_s.arg(wait->reason).arg(wait->durationMs);
            if (phase.small.rows == 0 && progress.added >= small)
                phase.small = mark(progress.added);
            if (large > 0 && phase.large.rows == 0 && progress.added >= large)
                phase.large = mark(progress.added);
            while (progress.added >= small * (phase.peakKiBPerStep.size() + 1))
                phase.peakKiBPerStep.append(statusKiB("VmHWM:"));
            if (progress.added >= std::max(small, large))
                cancel.cancel();
        });
        BatchStreamRunner runner;
        timer.start();
        const StreamRunResult result = runner.run(context);
        *stats = result.stats;
        const qint64 target = std::max(small, large);
        if (result.stats.added < target)
            phase.error = u"the console stopped at %1 rows (%2): %3"_s.arg(result.stats.added)
                              .arg(streamOutcomeName(result.outcome), result.message);
        return phase;
    }

    Phase runBare(const QString &sourcePath, const QString &targetPath, const TableDef &table,
        qint64 small, qint64 large)
    {
        Phase phase;
        BareInserter bare;
        if (!bare.open(sourcePath, targetPath, table, &phase.error))
            return phase;
        Chunk chunk;
        qint64 rows = 0;
        qint64 ns = 0;
        qint64 cpuNs = 0;
        const qint64 target = std::max(small, large);
        while (rows < target) {
            if (!bare.read(&chunk) || chunk.rows == 0) {
                phase.error = u"the console's table ran out at %1 rows"_s.arg(rows);
                return phase;
            }
            QElapsedTimer timer;
            timer.start();
            const qint64 cpuStart = threadCpuNs();
            if (!bare.insert(chunk, &phase.error))
                return phase;
            ns += timer.nsecsElapsed();
            cpuNs += threadCpuNs() - cpuStart;
            rows += chunk.rows;
            if (phase.small.rows == 0 && rows >= small)
                phase.small = {rows, ns, statusKiB("VmHWM:"), 0, cpuNs};
            if (large > 0 && phase.large.rows == 0 && rows >= large)
                phase.large = {rows, ns, statusKiB("VmHWM:"), 0, cpuNs};
        }
        return phase;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_state.isValid());
        const qint64 volume = envInt("MSC_BENCH_VOLUME", 240000);
        QFile config(m_state.filePath(u"config.json"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        // The simulator's bench profile: files cut every 100,000 lines.
        config.write(QJsonDocument(QJsonObject {{u"batchFileLines"_s, 100000},
                                       {u"volume"_s, double(volume)}, {u"linkTtlSeconds"_s, 86400}})
                         .toJson(QJsonDocument::Compact));
        config.close();

        m_simulator.setProgram(
            QCoreApplication::applicationDirPath() + u"/../fakes/mimecast-simulator"_s);
        if (!QFile::exists(m_simulator.program()))
            m_simulator.setProgram(qEnvironmentVariable("MSC_SIMULATOR_BINARY"));
        m_simulator.setArguments(
            {u"--config"_s, config.fileName(), u"--state-dir"_s, m_state.filePath(u"sim"_s)});
        m_simulator.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        // A crashed or killed benchmark must not leave a simulator behind.
        m_simulator.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_simulator.start();
        QVERIFY2(m_simulator.waitForReadyRead(60000), qPrintable(m_simulator.program()));
        const QString baseUrl = QString::fromUtf8(m_simulator.readLine()).trimmed();
        QVERIFY(baseUrl.startsWith(u"http://127.0.0.1:"_s));
        m_credentials = {QUrl(baseUrl), u"demo-client"_s, u"demo-secret"_s};
        m_settings.totalTimeoutMs = 0;
        m_settings.idleTimeoutMs = 600000;

        QElapsedTimer timer;
        timer.start();
        qint64 files = 0;
        const QString generated = onOwnThread([&] { return pregenerate(&files); });
        QVERIFY2(generated.isEmpty(), qPrintable(generated));
        qInfo().noquote() << u"simulator volume %1: %2 files of %3 listed and generated in %4 s "
                             u"(not timed below)"_s.arg(volume)
                                 .arg(files)
                                 .arg(m_types.join(u", "_s))
                                 .arg(timer.elapsed() / 1000.0, 0, 'f', 1);
    }

    void cleanupTestCase()
    {
        if (m_simulator.state() != QProcess::NotRunning) {
            m_simulator.kill();
            m_simulator.waitForFinished();
        }
    }

    void ingestRate()
    {
        const qint64 small = envInt("MSC_BENCH_SMALL", 1000000);
        const qint64 large = envInt("MSC_BENCH_LARGE", 5000000);
        const int runs = int(envInt("MSC_BENCH_RUNS", 3));
        const int largeRuns = int(std::min<qint64>(envInt("MSC_BENCH_LARGE_RUNS", 1), runs));

        QList<double> consoleSmall, bareSmall, ratioSmall, consoleLarge, bareLarge, ratioLarge,
            consoleTail, bareTail;
        QList<qint64> peakSmall, peakLarge;
        QList<double> readerCpu, writerCpu, bareCpu; // CPU microseconds per row, small size
        for (int run = 0; run < runs; ++run) {
            const bool toLarge = run < largeRuns;
            test::TestCache cache;
            QVERIFY2(cache.start(), qPrintable(cache.error().message));
            const TableDef &table = *cache.definition().tableByStream(u"seg.cg"_s);

            settle();
            resetPeak();
            const qint64 rssBefore = statusKiB("VmHWM:");
            StreamRunStats stats;
            const Phase console =
                onOwnThread([&] { return runConsole(cache, small, toLarge ? large : 0, &stats); });
            QVERIFY2(console.error.isEmpty(), qPrintable(console.error));
            const qint64 consolePeak = statusKiB("VmHWM:");

            // The bare baseline: the same rows, same DDL, pragmas and page cache.
            const QString barePath = cache.directory() + u"/bare.sqlite"_s;
            settle(cache.path());
            const Phase bare = runBare(cache.path(), barePath, table, small, toLarge ? large : 0);
            QVERIFY2(bare.error.isEmpty(), qPrintable(bare.error));
            if (run == 0)
                qInfo().noquote() << u"row size: "_s + rowSizeReport(cache.path(), table);

            consoleSmall.append(console.small.rate());
            bareSmall.append(bare.small.rate());
            ratioSmall.append(console.small.rate() / bare.small.rate());
            peakSmall.append(console.small.peakKiB);
            readerCpu.append(console.small.readerUsPerRow());
            writerCpu.append(console.small.writerUsPerRow());
            bareCpu.append(bare.small.writerUsPerRow());
            QString line = u"run %1: console %2 rows in %3 s = %4 ev/s; bare %5 rows = %6 ev/s; "
                           u"ratio %7; console peak RSS at %2 rows %8 MiB (before the run %9 "
                           u"MiB)"_s.arg(run + 1)
                               .arg(console.small.rows)
                               .arg(console.small.ns / 1e9, 0, 'f', 1)
                               .arg(rate(console.small.rate()))
                               .arg(bare.small.rows)
                               .arg(rate(bare.small.rate()))
                               .arg(ratioSmall.last(), 0, 'f', 3)
                               .arg(console.small.peakKiB / 1024)
                               .arg(rssBefore / 1024);
            line += u"\n       CPU per row at %1 rows: console reader (download, gunzip, parse, "
                    u"map) %2 us, console writer %3 us, bare insert %4 us"_s.arg(console.small.rows)
                        .arg(readerCpu.last(), 0, 'f', 2)
                        .arg(writerCpu.last(), 0, 'f', 2)
                        .arg(bareCpu.last(), 0, 'f', 2);
            if (toLarge) {
                consoleLarge.append(console.large.rate());
                bareLarge.append(bare.large.rate());
                ratioLarge.append(console.large.rate() / bare.large.rate());
                peakLarge.append(console.large.peakKiB);
                // The rate of the rows after the small mark: a cliff as the cache grows shows
                // here first.
                auto tail = [](const Phase &phase) {
                    const qint64 ns = phase.large.ns - phase.small.ns;
                    // Both marks in the same file or transaction (tiny settings): no tail.
                    return ns > 0 ? (phase.large.rows - phase.small.rows) * 1e9 / double(ns) : 0.0;
                };
                consoleTail.append(tail(console));
                bareTail.append(tail(bare));
                line += u"\n       console %1 rows in %2 s = %3 ev/s (rows %4-%1: %5 ev/s); bare "
                        u"%6 ev/s (rows %4-%1: %7 ev/s); ratio %8; console peak RSS at %1 rows "
                        u"%9 MiB"_s.arg(console.large.rows)
                            .arg(console.large.ns / 1e9, 0, 'f', 1)
                            .arg(rate(console.large.rate()))
                            .arg(console.small.rows)
                            .arg(rate(consoleTail.last()))
                            .arg(rate(bare.large.rate()))
                            .arg(rate(bareTail.last()))
                            .arg(ratioLarge.last(), 0, 'f', 3)
                            .arg(console.large.peakKiB / 1024);
                QStringList steps;
                for (const qint64 kib : std::as_const(console.peakKiBPerStep))
                    steps.append(QString::number(kib / 1024));
                line += u"\n       console peak RSS after each %1 rows: %2 MiB"_s.arg(small).arg(
                    steps.join(u", "_s));
            }
            line += u"\n       console: %1 added, %2 duplicates, %3 files, %4 MB gzip; peak "
                    u"RSS of the whole run %5 MiB"_s.arg(stats.added)
                        .arg(stats.duplicates)
                        .arg(stats.files)
                        .arg(stats.bytes / 1e6, 0, 'f', 1)
                        .arg(consolePeak / 1024);
            qInfo().noquote() << line;
        }

        QString summary =
            u"SUMMARY (%1 runs at %2 rows, %3 of them continued to %4 rows)\n"_s.arg(runs)
                .arg(small)
                .arg(largeRuns)
                .arg(large);
        summary +=
            u"  at %1 rows: console median %2 ev/s, bare median %3 ev/s, ratio median "
            u"%4 (goal >= 0.75; console goal >= 100000 ev/s); peak RSS median %5 MiB\n"_s.arg(small)
                .arg(rate(median(consoleSmall)))
                .arg(rate(median(bareSmall)))
                .arg(median(ratioSmall), 0, 'f', 3)
                .arg(median(QList<double>(peakSmall.cbegin(), peakSmall.cend())) / 1024, 0, 'f', 0);
        // Where the time goes, whatever else the machine runs: the console's two threads work
        // in parallel, so on two free cores its rate is bounded by the busier one.
        summary += u"  CPU per row at %1 rows (medians): console reader %2 us, console writer %3 "
                   u"us, bare insert %4 us\n"_s.arg(small)
                       .arg(median(readerCpu), 0, 'f', 2)
                       .arg(median(writerCpu), 0, 'f', 2)
                       .arg(median(bareCpu), 0, 'f', 2);
        if (largeRuns > 0) {
            summary += u"  at %1 rows (%2 run(s), median): console %3 ev/s, bare %4 ev/s, ratio "
                       u"%5; console rate at %1 / at %6 = %7 (goal >= 0.80); rows %6-%1 alone: "
                       u"console %8 ev/s, bare %9 ev/s; "_s.arg(large)
                           .arg(largeRuns)
                           .arg(rate(median(consoleLarge)))
                           .arg(rate(median(bareLarge)))
                           .arg(median(ratioLarge), 0, 'f', 3)
                           .arg(small)
                           .arg(median(consoleLarge) / median(consoleSmall), 0, 'f', 3)
                           .arg(rate(median(consoleTail)))
                           .arg(rate(median(bareTail)));
            summary +=
                u"peak RSS at %1 rows %2 MiB vs %3 MiB at %4 rows (same runs)"_s.arg(large)
                    .arg(median(QList<double>(peakLarge.cbegin(), peakLarge.cend())) / 1024, 0, 'f',
                        0)
                    .arg(median(QList<double>(peakSmall.cbegin(), peakSmall.cbegin() + largeRuns))
                            / 1024,
                        0, 'f', 0)
                    .arg(small);
        }
        qInfo().noquote() << summary;
    }
};

QTEST_GUILESS_MAIN(BenchIngest)
#include "bench_ingest.moc"
