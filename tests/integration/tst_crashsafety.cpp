// Crash safety of ingestion (connectors.md §2.1–§2.2, README decision 2): `mimecast-console
// sync` is killed with SIGKILL at random moments of a large sync, at least 20 times, and
// restarted each time; afterwards the cache holds exactly the simulator's records (no row
// lost, none twice), the file passes integrity_check and every cursor is valid JSON.
//
// The simulator runs as its own process (mimecast-simulator), so that killing the console
// never touches it, and the console runs as a process against a real throwaway keyring.
//
// How the kill moments are drawn: one uninterrupted reference sync in a separate profile
// gives the sync's duration D. N points are drawn uniformly in [0, 0.85 D] (seeded; the seed
// is printed and MSC_CRASH_SEED replays it) and sorted; since every restart resumes from the
// committed cursors, run i is killed after the startup time plus the distance between points
// i-1 and i, so the kills land at random moments spread over the whole large sync. Each
// distance is capped by the work still left (estimated from the rows), so that the sync never
// finishes inside the loop when the machine runs faster than during the reference run.
// The volume is scaled first (a short calibration sync) so that the reference takes about
// kTargetSyncMs whichever streams this build ingests. Only the streams that `sync --json` reports
// as ingested by this build are checked (the reference run tells them apart).
//
// Leases: a killed process leaves its stream leases behind. The engine takes over an expired
// lease, and at once the lease of a process on this machine that no longer exists
// (connectors.md §2.1): every restart in the loop relies on that, and after the last kill the
// very next sync must run every stream, none "running in another process".
#include "testenvironment.h"
#include "util/timeformat.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

#include <algorithm>
#include <functional>
#include <memory>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

constexpr int kKills = 20;
constexpr int kMaxAttempts = 40;
constexpr int kCalibrationVolume = 1000;
constexpr int kMaxVolume = 40000;
/// The uninterrupted sync the volume is scaled to (on this 2-core machine).
constexpr qint64 kTargetSyncMs = 8000;
constexpr int kSyncTimeoutMs = 300000;

struct Run
{
    bool finished = false;
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::NormalExit;
    QByteArray out;
    QByteArray err;
    qint64 ms = 0;

    QByteArray text() const { return out + '\n' + err; }
};

struct StreamResult
{
    QString stream;
    QString table;
    QString outcome;
    qint64 added = 0;
    QString note;
};

QList<StreamResult> parseSync(const QByteArray &json)
{
    QList<StreamResult> results;
    const QJsonArray streams = QJsonDocument::fromJson(json).object().value("streams"_L1).toArray();
    for (const QJsonValue &value : streams) {
        const QJsonObject stream = value.toObject();
        results.append({stream.value("stream"_L1).toString(), stream.value("table"_L1).toString(),
            stream.value("outcome"_L1).toString(), stream.value("added"_L1).toInteger(),
            stream.value("note"_L1).toString()});
    }
    return results;
}

/// One connection to a profile's console.db, owned by the test thread, removed on destruction.
class CacheFile
{
public:
    CacheFile(const QString &path, bool readOnly)
        : m_name(u"crashsafety-%1"_s.arg(++s_connections))
    {
        m_database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        m_database.setDatabaseName(path);
        m_database.setConnectOptions(readOnly
                ? u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"_s
                : u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        m_open = m_database.open();
    }
    ~CacheFile()
    {
        m_database.close();
        m_database = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_open; }
    QString error() const { return m_database.lastError().text(); }
    QSqlDatabase &database() { return m_database; }

    /// The first column of every row of \a sql, or nullopt (with \a error) on failure.
    std::optional<QList<QVariantList>> rows(const QString &sql, QString *error)
    {
        QSqlQuery query(m_database);
        query.setForwardOnly(true);
        if (!query.exec(sql)) {
            *error = sql + u": "_s + query.lastError().text();
            return std::nullopt;
        }
        QList<QVariantList> rows;
        const int columns = query.record().count();
        while (query.next()) {
            QVariantList row;
            for (int column = 0; column < columns; ++column)
                row.append(query.value(column));
            rows.append(row);
        }
        return rows;
    }

private:
    static inline int s_connections = 0;
    QString m_name;
    QSqlDatabase m_database;
    bool m_open = false;
};

struct Lease
{
    QString stream;
    qint64 pid = 0;
    QDateTime expires;
};

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;
    std::unique_ptr<QProcess> m_simulator;
    QString m_baseUrl;

    QString simulatorBinary() const
    {
        const QString sibling =
            QCoreApplication::applicationDirPath() + u"/../fakes/mimecast-simulator"_s;
        if (QFile::exists(sibling))
            return sibling;
        return qEnvironmentVariable("MSC_SIMULATOR_BINARY");
    }

    bool startSimulator(int volume, QString *error)
    {
        stopSimulator();
        QFile config(m_work.filePath(u"simulator-%1.json"_s.arg(volume)));
        if (!config.open(QIODevice::WriteOnly)) {
            *error = config.errorString();
            return false;
        }
        config.write(QJsonDocument(QJsonObject {{u"volume"_s, volume}}).toJson());
        config.close();
        m_simulator = std::make_unique<QProcess>();
        m_simulator->setProgram(simulatorBinary());
        m_simulator->setArguments({u"--config"_s, config.fileName(), u"--state-dir"_s,
            m_work.filePath(u"simulator-state-%1"_s.arg(volume))});
        // Its log goes to a file: nobody drains a pipe while the test waits on the console.
        m_simulator->setStandardErrorFile(m_work.filePath(u"simulator.log"_s), QIODevice::Append);
#ifdef Q_OS_LINUX
        // The simulator dies with the test, even when a failing test never reaches cleanup.
        m_simulator->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
        m_simulator->start();
        QElapsedTimer timer;
        timer.start();
        while (!m_simulator->canReadLine() && timer.elapsed() < 60000) {
            if (!m_simulator->waitForReadyRead(1000)
                && m_simulator->state() == QProcess::NotRunning)
                break;
        }
        m_baseUrl = QString::fromUtf8(m_simulator->readLine()).trimmed();
        if (!m_baseUrl.startsWith(u"http://127.0.0.1:"_s)) {
            *error = u"the simulator (%1) printed no base URL"_s.arg(m_simulator->program());
            return false;
        }
        return true;
    }

    void stopSimulator()
    {
        if (!m_simulator)
            return;
        m_simulator->kill();
        m_simulator->waitForFinished(10000);
        m_simulator.reset();
    }

    static QProcessEnvironment environmentFor(const QString &profile)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"MIMECAST_CONSOLE_PROFILE"_s, profile);
        environment.remove(u"QT_QPA_PLATFORM"_s);
        return environment;
    }

    /// Runs the console to completion (the simulator is another process: blocking is fine).
    static Run console(
        const QString &profile, const QStringList &arguments, const QByteArray &input = {})
    {
        QProcess process;
        process.setProcessEnvironment(environmentFor(profile));
        QElapsedTimer timer;
        timer.start();
        process.start(test::consoleBinary(), arguments);
        if (!input.isEmpty()) {
            process.write(input + '\n');
            process.closeWriteChannel();
        }
        Run run;
        run.finished = process.waitForFinished(kSyncTimeoutMs);
        run.ms = timer.elapsed();
        if (!run.finished) {
            process.kill();
            process.waitForFinished(10000);
        }
        run.exitCode = process.exitCode();
        run.exitStatus = process.exitStatus();
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

    bool configure(const QString &profile, QString *error)
    {
        const QString startDate = QDate::currentDate().addDays(-9).toString(u"yyyy-MM-dd"_s);
        for (const QString &connector :
            {u"seg"_s, u"ttp"_s, u"audit"_s, u"cloud-integrated"_s, u"awareness"_s}) {
            const Run run = console(profile,
                {u"connectors"_s, u"set"_s, connector, u"--base-url"_s, m_baseUrl, u"--client-id"_s,
                    u"demo-client"_s, u"--client-secret-stdin"_s, u"--start-date"_s, startDate},
                "demo-secret");
            if (run.exitCode != 0) {
                *error = u"connectors set %1: exit %2: %3"_s.arg(connector)
                             .arg(run.exitCode)
                             .arg(QString::fromUtf8(run.err));
                return false;
            }
        }
        return true;
    }

    static QString cachePath(const QString &profile)
    {
        return profile + u"/console.db"_s;
    }

    /// Rows per table, or an empty map when the cache cannot be read yet.
    static QHash<QString, qint64> rowCounts(const QString &profile, const QStringList &tables)
    {
        QHash<QString, qint64> counts;
        if (!QFile::exists(cachePath(profile)))
            return counts;
        CacheFile cache(cachePath(profile), true);
        if (!cache.isOpen())
            return counts;
        for (const QString &table : tables) {
            QString error;
            const auto rows = cache.rows(u"SELECT count(*) FROM \"%1\""_s.arg(table), &error);
            if (rows && !rows->isEmpty())
                counts.insert(table, rows->first().first().toLongLong());
        }
        return counts;
    }

    static qint64 total(const QHash<QString, qint64> &counts)
    {
        qint64 sum = 0;
        for (qint64 count : counts)
            sum += count;
        return sum;
    }

    static QList<Lease> leases(const QString &profile)
    {
        QList<Lease> result;
        if (!QFile::exists(cachePath(profile)))
            return result;
        CacheFile cache(cachePath(profile), true);
        QString error;
        const auto rows = cache.isOpen()
            ? cache.rows(u"SELECT stream_id, owner_pid, expires_at FROM sync_lease"_s, &error)
            : std::nullopt;
        if (!rows)
            return result;
        for (const QVariantList &row : *rows)
            result.append(
                {row.at(0).toString(), row.at(1).toLongLong(), parseUtc(row.at(2).toString())});
        return result;
    }

    /// The dedup keys of the simulator's available set of \a table (`/_sim/truth/records`).
    std::optional<QSet<QByteArray>> truthKeys(const QString &table, QString *error)
    {
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        QUrl url(m_baseUrl + u"/_sim/truth/records"_s);
        url.setQuery(QUrlQuery {{u"table"_s, table}});
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(120000)) {
            *error = u"no answer from %1"_s.arg(url.toString());
            return std::nullopt;
        }
        if (reply->error() != QNetworkReply::NoError) {
            *error = reply->errorString();
            return std::nullopt;
        }
        QSet<QByteArray> keys;
        const QByteArray body = reply->readAll();
        // Compact JSON with sorted members: the first "key" member is the record's own (only
        // "first_served_at" sorts before it), so no full parse of each payload is needed.
        static const QByteArray marker = QByteArrayLiteral("\"key\":\"");
        qsizetype lineStart = 0;
        while (lineStart < body.size()) {
            qsizetype lineEnd = body.indexOf('\n', lineStart);
            if (lineEnd < 0)
                lineEnd = body.size();
            const QByteArrayView line(body.constData() + lineStart, lineEnd - lineStart);
            if (!line.isEmpty()) {
                const qsizetype at = line.indexOf(marker);
                const QByteArray key = at < 0
                    ? QByteArray()
                    : line.sliced(at + marker.size())
                          .first(std::min<qsizetype>(32, line.size() - at - marker.size()))
                          .toByteArray();
                if (key.size() != 32 || QByteArray::fromHex(key).toHex() != key) {
                    *error = u"a truth line of %1 has no 32-hex key"_s.arg(table);
                    return std::nullopt;
                }
                keys.insert(key);
            }
            lineStart = lineEnd + 1;
        }
        return keys;
    }

    std::optional<QJsonObject> truthCounts(QString *error)
    {
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        std::unique_ptr<QNetworkReply> reply(
            network.get(QNetworkRequest(QUrl(m_baseUrl + u"/_sim/truth"_s))));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(60000)) {
            *error = u"no answer from /_sim/truth"_s;
            return std::nullopt;
        }
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    /// Starts `sync --json` in \a profile and kills it with SIGKILL after \a delayMs.
    struct Attempt
    {
        qint64 pid = 0;
        qint64 delayMs = 0;
        bool killed = false; ///< False: it finished on its own before the delay.
        QProcess::ExitStatus exitStatus = QProcess::NormalExit;
        int exitCode = -1;
        QByteArray err;
    };
    static Attempt killedSync(const QString &profile, qint64 delayMs,
        const std::function<bool(qint64 pid)> &killWhen = {})
    {
        Attempt attempt;
        attempt.delayMs = delayMs;
        QProcess process;
        process.setProcessEnvironment(environmentFor(profile));
        QElapsedTimer timer;
        timer.start();
        // A failed start is retried: on a shared build machine the binary may be re-linked.
        for (int tries = 0; tries < 5; ++tries) {
            timer.start();
            process.start(test::consoleBinary(), {u"sync"_s, u"--json"_s});
            if (process.waitForStarted(30000))
                break;
            qWarning().noquote() << u"the console did not start:"_s << process.errorString();
            QThread::sleep(2);
        }
        if (process.state() != QProcess::Running) {
            attempt.err = process.errorString().toUtf8();
            return attempt;
        }
        attempt.pid = process.processId();
        bool finished = false;
        if (killWhen) {
            // Poll until the condition holds (e.g. a stream lease is taken), then wait delayMs.
            while (!(finished = process.waitForFinished(20)) && timer.elapsed() < 60000
                && !killWhen(attempt.pid)) { }
            if (!finished)
                finished = process.waitForFinished(int(delayMs));
        } else {
            finished = process.waitForFinished(int(std::max<qint64>(0, delayMs - timer.elapsed())));
        }
        attempt.killed = !finished;
        if (!finished) {
            process.kill(); // SIGKILL
            process.waitForFinished(30000);
        }
        attempt.delayMs = timer.elapsed();
        attempt.exitStatus = process.exitStatus();
        attempt.exitCode = process.exitCode();
        attempt.err = process.readAllStandardError();
        return attempt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsSet("MSC_EXPECT_NO_KEYCHAIN"))
            QSKIP("needs a keychain: connectors set stores the client secret there");
        QVERIFY(m_work.isValid());
        QVERIFY2(QFile::exists(test::consoleBinary()), "MSC_CONSOLE_BINARY is not set");
        QVERIFY2(QFile::exists(simulatorBinary()), "mimecast-simulator not found");
    }

    void cleanupTestCase()
    {
        stopSimulator();
    }

    void killedSyncsLoseAndDuplicateNothing()
    {
        QElapsedTimer testTimer;
        testTimer.start();
        QString error;

        // 1. Calibration: scale the volume so that a full sync takes several seconds.
        QVERIFY2(startSimulator(kCalibrationVolume, &error), qPrintable(error));
        QTemporaryDir calibrationProfile;
        QVERIFY2(configure(calibrationProfile.path(), &error), qPrintable(error));
        const Run calibration = console(calibrationProfile.path(), {u"sync"_s, u"--json"_s});
        QVERIFY2(calibration.finished && calibration.exitCode == 0, calibration.err.constData());
        const int volume = int(std::clamp<qint64>(
            kCalibrationVolume * kTargetSyncMs / std::max<qint64>(calibration.ms, 1),
            kCalibrationVolume, kMaxVolume));
        // At the calibration volume, the calibration run is the reference.
        const bool reuse = volume == kCalibrationVolume;
        if (!reuse)
            QVERIFY2(startSimulator(volume, &error), qPrintable(error));
        qInfo().noquote() << u"calibration: volume %1 synced in %2 ms -> volume %3"_s
                                 .arg(kCalibrationVolume)
                                 .arg(calibration.ms)
                                 .arg(volume);

        // 2. The reference: one uninterrupted sync in a separate profile, then a no-op one.
        QTemporaryDir referenceDirectory;
        const QString referenceProfile =
            reuse ? calibrationProfile.path() : referenceDirectory.path();
        if (!reuse)
            QVERIFY2(configure(referenceProfile, &error), qPrintable(error));
        const Run reference =
            reuse ? calibration : console(referenceProfile, {u"sync"_s, u"--json"_s});
        QVERIFY2(reference.finished && reference.exitCode == 0, reference.err.constData());
        const Run noop = console(referenceProfile, {u"sync"_s, u"--json"_s});
        QVERIFY2(noop.finished && noop.exitCode == 0, noop.err.constData());
        QStringList ingestedStreams;
        QStringList tables;
        QStringList notIngested;
        for (const StreamResult &stream : parseSync(reference.out)) {
            if (stream.outcome == "skipped"_L1) {
                notIngested.append(stream.stream);
                continue;
            }
            QCOMPARE(stream.outcome, u"ok"_s);
            ingestedStreams.append(stream.stream);
            tables.append(stream.table);
        }
        QVERIFY2(ingestedStreams.size() >= 5, reference.out.constData());
        const std::optional<QJsonObject> truth = truthCounts(&error);
        QVERIFY2(truth, qPrintable(error));
        const QHash<QString, qint64> referenceCounts = rowCounts(referenceProfile, tables);
        for (const QString &table : std::as_const(tables))
            QCOMPARE(referenceCounts.value(table, -1), truth->value(table).toInteger());
        qInfo().noquote() << u"reference: %1 rows in %2 ms, no-op sync %3 ms; ingested: %4; not "
                             u"ingested by this build: %5"_s.arg(total(referenceCounts))
                                 .arg(reference.ms)
                                 .arg(noop.ms)
                                 .arg(ingestedStreams.join(u", "_s),
                                     notIngested.isEmpty() ? u"none"_s : notIngested.join(u", "_s));

        // 3. The crash profile, killed kKills times at random moments.
        QTemporaryDir crashProfile;
        const QString profile = crashProfile.path();
        QVERIFY2(configure(profile, &error), qPrintable(error));

        quint64 seed = qEnvironmentVariableIsSet("MSC_CRASH_SEED")
            ? qEnvironmentVariable("MSC_CRASH_SEED").toULongLong()
            : QRandomGenerator::global()->generate64();
        qInfo().noquote() << u"seed %1 (replay with MSC_CRASH_SEED=%1)"_s.arg(seed);
        QRandomGenerator random(seed);
        // The startup part of a run (process, keychain, cache, token): half a no-op sync,
        // which also re-reads the window overlaps and the snapshots.
        const qint64 startupMs = std::max<qint64>(noop.ms / 2, 50);
        const qint64 spanMs = std::max<qint64>((reference.ms - startupMs) * 85 / 100, 500);
        QList<qint64> points;
        for (int i = 0; i < kKills; ++i)
            points.append(qint64(random.bounded(double(spanMs))));
        std::sort(points.begin(), points.end());
        const qint64 referenceRows = total(referenceCounts);

        QElapsedTimer loopTimer;
        loopTimer.start();
        int kills = 0;
        int killsAfterCommit = 0;
        int finishedEarly = 0;
        QList<qint64> delays;
        QMap<QString, int> killsPerStream;
        qint64 rowsBefore = 0;
        qint64 productiveMs = 0;
        for (int attemptNo = 0; kills < kKills && attemptNo < kMaxAttempts; ++attemptNo) {
            qint64 gapMs = attemptNo < kKills
                ? points.at(attemptNo) - (attemptNo > 0 ? points.at(attemptNo - 1) : 0)
                : 0;
            // Capped by what is left, estimated from the rows at the faster of the reference's
            // and the loop's rates, so that the sync does not finish inside the loop when the
            // machine is faster now than during the reference run.
            const double rate = std::max(
                double(referenceRows) / double(std::max<qint64>(reference.ms - startupMs, 1)),
                productiveMs > 0 ? double(rowsBefore) / double(productiveMs) : 0.0);
            const double leftMs = double(referenceRows - rowsBefore) / std::max(rate, 1e-3);
            gapMs = std::min(gapMs, qint64(1.5 * leftMs / (kKills - kills + 1)));
            productiveMs += gapMs;
            const qint64 delayMs = startupMs + gapMs;
            const Attempt attempt = killedSync(profile, delayMs);
            QVERIFY2(attempt.pid > 0, attempt.err.constData());
            if (!attempt.killed) {
                // It finished on its own: not a kill (and the sync is complete, which the
                // schedule avoids); the next points are tried.
                ++finishedEarly;
                QVERIFY2(attempt.exitStatus == QProcess::NormalExit, attempt.err.constData());
                continue;
            }
            QCOMPARE(attempt.exitStatus, QProcess::CrashExit);
            ++kills;
            delays.append(attempt.delayMs);
            QString streams;
            for (const Lease &lease : leases(profile)) {
                if (lease.pid == attempt.pid) {
                    ++killsPerStream[lease.stream];
                    streams += (streams.isEmpty() ? QString() : u","_s) + lease.stream;
                }
            }
            const QHash<QString, qint64> counts = rowCounts(profile, tables);
            QVERIFY2(counts.size() == tables.size(), "the cache could not be read after a kill");
            const qint64 rowsAfter = total(counts);
            if (rowsAfter > rowsBefore)
                ++killsAfterCommit;
            qInfo().noquote() << u"kill %1: pid %2 after %3 ms, rows %4 -> %5, running: %6"_s
                                     .arg(kills)
                                     .arg(attempt.pid)
                                     .arg(attempt.delayMs)
                                     .arg(rowsBefore)
                                     .arg(rowsAfter)
                                     .arg(streams.isEmpty() ? u"-"_s : streams);
            rowsBefore = rowsAfter;
        }
        const qint64 loopMs = loopTimer.elapsed();
        QCOMPARE(kills, kKills);
        std::sort(delays.begin(), delays.end());
        qInfo().noquote() << u"%1 kills in %2 ms (%3 ran to the end first); delays %4..%5 ms, "
                             u"median %6 ms; %7 kills after rows were committed; kills per "
                             u"running stream: %8"_s.arg(kills)
                                 .arg(loopMs)
                                 .arg(finishedEarly)
                                 .arg(delays.first())
                                 .arg(delays.last())
                                 .arg(delays.at(delays.size() / 2))
                                 .arg(killsAfterCommit)
                                 .arg([&] {
                                     QStringList parts;
                                     for (auto it = killsPerStream.cbegin();
                                          it != killsPerStream.cend(); ++it)
                                         parts.append(u"%1=%2"_s.arg(it.key()).arg(it.value()));
                                     return parts.join(u' ');
                                 }());
        // The kills really happened mid-work, across streams.
        QVERIFY2(killsAfterCommit * 2 >= kills, "most kills hit a process that committed nothing");
        // At least the two SIEM feeds, which run longest; the short window and awareness
        // streams are often done before the first kill on a quiet machine.
        QVERIFY2(killsPerStream.size() >= 2, "the kills hit fewer than 2 streams");
        QVERIFY2(rowsBefore < total(referenceCounts), "the sync completed inside the kill loop");

        // 4. One more kill while a stream certainly runs; its leases are left behind.
        const Attempt last = killedSync(profile, 50 + random.bounded(150), [&](qint64 pid) {
            const QList<Lease> held = leases(profile);
            return std::any_of(
                held.cbegin(), held.cend(), [pid](const Lease &lease) { return lease.pid == pid; });
        });
        QVERIFY2(last.killed, "the last sync finished before it could be killed");
        QCOMPARE(last.exitStatus, QProcess::CrashExit);
        ++kills;
        QSet<QString> stale;
        QDateTime staleUntil;
        for (const Lease &lease : leases(profile)) {
            if (lease.pid == last.pid) {
                stale.insert(lease.stream);
                staleUntil = std::max(staleUntil, lease.expires);
            } else {
                // An aged lease of an earlier kill whose stream has not run again since.
                QVERIFY(lease.expires < QDateTime::currentDateTimeUtc());
            }
        }
        QVERIFY(!stale.isEmpty());
        qInfo().noquote() << u"kill %1 (lease check): pid %2 after %3 ms left the leases of %4, "
                             u"valid until %5"_s.arg(kills)
                                 .arg(last.pid)
                                 .arg(last.delayMs)
                                 .arg(QStringList(stale.cbegin(), stale.cend()).join(u", "_s),
                                     formatUtc(staleUntil));

        // 5. Restart at once: the dead process's leases are on this machine, so they are taken
        // over at once (connectors.md §2.1) and no stream is reported as running elsewhere.
        const Run immediate = console(profile, {u"sync"_s, u"--json"_s});
        QVERIFY2(immediate.finished, "the sync after the kills did not finish");
        QVERIFY2(immediate.exitCode == 0, immediate.text().constData());
        for (const StreamResult &stream : parseSync(immediate.out)) {
            if (!ingestedStreams.contains(stream.stream))
                continue;
            QVERIFY2(stream.outcome == "ok"_L1,
                qPrintable(stream.stream + u": "_s + stream.outcome + u" "_s + stream.note));
        }
        const qint64 leaseWaitMs = 0;
        const int blockedCount = 0;
        Q_UNUSED(staleUntil);

        // 6. One more sync completes and the next adds nothing.
        const Run takeover = console(profile, {u"sync"_s, u"--json"_s});
        QVERIFY2(takeover.finished && takeover.exitCode == 0, takeover.text().constData());
        qint64 addedAtTakeover = 0;
        for (const StreamResult &stream : parseSync(takeover.out)) {
            if (!ingestedStreams.contains(stream.stream))
                continue;
            QVERIFY2(stream.outcome == "ok"_L1,
                qPrintable(stream.stream + u": "_s + stream.outcome + u" "_s + stream.note));
            addedAtTakeover += stream.added;
        }
        const Run settled = console(profile, {u"sync"_s, u"--json"_s});
        QVERIFY2(settled.finished && settled.exitCode == 0, settled.text().constData());
        for (const StreamResult &stream : parseSync(settled.out)) {
            if (!ingestedStreams.contains(stream.stream))
                continue;
            QVERIFY2(
                stream.outcome == "ok"_L1, qPrintable(stream.stream + u": "_s + stream.outcome));
            QVERIFY2(
                stream.added == 0, qPrintable(stream.stream + u" added rows on a settled sync"_s));
        }
        qInfo().noquote() << u"after the kills: sync %1 ms (%2 blocked), waited %3 ms for the "
                             u"leases, takeover sync %4 ms (+%5 rows), settled sync %6 ms"_s
                                 .arg(immediate.ms)
                                 .arg(blockedCount)
                                 .arg(leaseWaitMs)
                                 .arg(takeover.ms)
                                 .arg(addedAtTakeover)
                                 .arg(settled.ms);

        // 7. The cache: exactly the simulator's records, a sound file, valid cursors, no lease.
        CacheFile cache(cachePath(profile), true);
        QVERIFY2(cache.isOpen(), qPrintable(cache.error()));
        const auto integrity = cache.rows(u"PRAGMA integrity_check"_s, &error);
        QVERIFY2(integrity, qPrintable(error));
        QCOMPARE(integrity->size(), 1);
        QCOMPARE(integrity->first().first().toString(), u"ok"_s);
        const auto cursors =
            cache.rows(u"SELECT stream_id, part, cursor_json FROM sync_cursor"_s, &error);
        QVERIFY2(cursors, qPrintable(error));
        QSet<QString> streamsWithCursor;
        for (const QVariantList &row : *cursors) {
            QJsonParseError parse;
            const QJsonDocument document =
                QJsonDocument::fromJson(row.at(2).toString().toUtf8(), &parse);
            QVERIFY2(parse.error == QJsonParseError::NoError && document.isObject(),
                qPrintable(row.at(0).toString() + u"/"_s + row.at(1).toString()));
            streamsWithCursor.insert(row.at(0).toString());
        }
        for (const QString &stream : std::as_const(ingestedStreams))
            QVERIFY2(streamsWithCursor.contains(stream), qPrintable(stream));
        const auto remainingLeases = cache.rows(u"SELECT count(*) FROM sync_lease"_s, &error);
        QVERIFY2(remainingLeases, qPrintable(error));
        QCOMPARE(remainingLeases->first().first().toLongLong(), 0);

        qint64 totalRows = 0;
        for (const QString &table : std::as_const(tables)) {
            const std::optional<QSet<QByteArray>> expected = truthKeys(table, &error);
            QVERIFY2(expected, qPrintable(error));
            QCOMPARE(qint64(expected->size()), truth->value(table).toInteger());
            const auto keys =
                cache.rows(u"SELECT lower(hex(_dedup_key)) FROM \"%1\""_s.arg(table), &error);
            QVERIFY2(keys, qPrintable(error));
            QSet<QByteArray> actual;
            for (const QVariantList &row : *keys)
                actual.insert(row.first().toString().toLatin1());
            const qint64 duplicates = qint64(keys->size()) - qint64(actual.size());
            const QSet<QByteArray> lost = *expected - actual;
            const QSet<QByteArray> extra = actual - *expected;
            qInfo().noquote() << u"%1: %2 rows, truth %3, lost %4, duplicated %5, unknown %6"_s
                                     .arg(table)
                                     .arg(keys->size())
                                     .arg(expected->size())
                                     .arg(lost.size())
                                     .arg(duplicates)
                                     .arg(extra.size());
            QCOMPARE(duplicates, 0);
            auto example = [](const QSet<QByteArray> &set) {
                return set.isEmpty() ? QString() : QString::fromLatin1(*set.cbegin());
            };
            QVERIFY2(lost.isEmpty(), qPrintable(table + u" lost e.g. "_s + example(lost)));
            QVERIFY2(
                extra.isEmpty(), qPrintable(table + u" holds unknown e.g. "_s + example(extra)));
            QCOMPARE(qint64(keys->size()), truth->value(table).toInteger());
            totalRows += keys->size();
        }
        qInfo().noquote() << u"crash safety: %1 SIGKILLs, %2 rows in %3 tables, no row lost or "
                             u"duplicated; volume %4, seed %5, %6 s in all"_s.arg(kills)
                                 .arg(totalRows)
                                 .arg(tables.size())
                                 .arg(volume)
                                 .arg(seed)
                                 .arg(testTimer.elapsed() / 1000);
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
