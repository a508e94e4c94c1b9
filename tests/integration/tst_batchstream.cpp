// SIEM batch feeds (connectors.md §2.5) end to end against the simulator: the cache equals the
// simulator's ground truth for CG and CI, a second run adds nothing, every type has its own
// caught-up cursor, every listed file is committed in the ledger, recoverable faults (broken
// downloads, expired links, bad lines, rejected tokens, server errors) change nothing, and a
// file that keeps failing is quarantined and holds only its own type.
#include "dataset.h"
#include "ingest/batchstream.h"
#include "mimecast/mimecastclient.h"
#include "mimecastsimulator.h"
#include "storage/cachedatabase.h"
#include "storage/sqlidentifier.h"
#include "testcache.h"
#include "testworker.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

/// The rows of one query, each row's columns joined with '|'.
QStringList queryRows(const test::TestCache &cache, const QString &sql, const QVariantList &binds)
{
    CacheError error;
    auto connection = CacheConnection::open(cache.path(), ConnectionOptions {}, &error);
    QStringList rows;
    {
        QSqlQuery query(connection->database());
        query.prepare(sql);
        for (const QVariant &value : binds)
            query.addBindValue(value);
        if (!query.exec())
            qFatal("query failed: %s", qUtf8Printable(sql));
        while (query.next()) {
            QStringList columns;
            for (int i = 0; i < query.record().count(); ++i)
                columns.append(query.value(i).toString());
            rows.append(columns.join(u'|'));
        }
    }
    return rows;
}

/// A simulator stricter about the edge of SIEM retention than ours: a first listing that
/// starts before \a firstAccepted is refused with 400, as Mimecast may do (mimecast-api.md
/// §5.2 leaves it open). Everything else is the simulator's.
class EdgeRefusingSimulator : public sim::MimecastSimulator
{
public:
    EdgeRefusingSimulator(const sim::SimulatorConfig &config, QDate firstAccepted)
        : sim::MimecastSimulator(config)
        , m_firstAccepted(firstAccepted)
    {
    }

    QStringList refusedStarts; ///< dateRangeStartsAt of every refused listing, in order.

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        const QUrlQuery query(request.url());
        const QDate start =
            QDate::fromString(query.queryItemValue(u"dateRangeStartsAt"_s), u"yyyy-MM-dd"_s);
        if (request.url().path().startsWith("/siem/v1/batch/events/"_L1) && start.isValid()
            && start < m_firstAccepted) {
            refusedStarts.append(start.toString(u"yyyy-MM-dd"_s));
            makeResponder(request, socket)
                .write(QJsonDocument(QJsonObject {{u"error"_s,
                           QJsonObject {{u"code"_s, u"invalid_date"_s},
                               {u"message"_s, u"dateRangeStartsAt is outside retention"_s}}}}),
                    QHttpServerResponder::StatusCode::BadRequest);
            return true;
        }
        return sim::MimecastSimulator::handleRequest(request, socket);
    }

private:
    const QDate m_firstAccepted;
};

} // namespace

class TestBatchStream : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sim::MimecastSimulator> m_simulator;
    std::unique_ptr<test::TestCache> m_cache;
    ClientSettings m_settings;
    IngestSettings m_ingest;
    BatchStreamRunner::Options m_options;

    /// One run of \a streamId on a worker thread; with \a cancelAfterFiles > 0 the run is
    /// cancelled from its progress observer once that many files are committed.
    StreamRunResult runStream(const QString &streamId, qint64 cancelAfterFiles = 0)
    {
        const MimecastClient::Credentials credentials {
            QUrl(m_simulator->baseUrl()), u"demo-client"_s, u"demo-secret"_s};
        const ClientSettings settings = m_settings;
        const IngestSettings ingest = m_ingest;
        const BatchStreamRunner::Options options = m_options;
        test::TestCache *cache = m_cache.get();
        return test::onWorker([=] {
            const TableDef &table = *cache->definition().tableByStream(streamId);
            CancellationToken cancel;
            MimecastClient client(credentials, settings, streamId);
            client.setJitterSource([] { return 0.5; });
            client.setCancellation(&cancel);
            StreamRunContext context(
                cache->writer(), cache->definition(), table, client, ingest, &cancel);
            if (cancelAfterFiles > 0) {
                context.setProgressObserver(
                    [&cancel, cancelAfterFiles](const StreamRunStats &stats, const WaitInfo *) {
                        if (stats.files >= cancelAfterFiles)
                            cancel.cancel();
                    });
            }
            BatchStreamRunner runner(options);
            return runner.run(context);
        });
    }

    static QString tableOf(const QString &stream)
    {
        return stream == "seg.cg"_L1 ? u"Seg_Cg_CL"_s : u"Cloud_Integrated_CL"_s;
    }

    static QStringList typesOf(const QString &stream)
    {
        return stream == "seg.cg"_L1 ? sim::Dataset::cgTypes() : sim::Dataset::ciTypes();
    }

    /// The truth keys of \a table, only of \a types when given.
    QSet<QString> truthKeys(const QString &table, const QStringList &types = {}) const
    {
        QSet<QString> keys;
        for (const sim::Dataset::TruthRecord &record : m_simulator->dataset().truth(table)) {
            if (types.isEmpty() || types.contains(record.type))
                keys.insert(record.key);
        }
        return keys;
    }

    /// The cache's keys of \a table, only rows of \a types when given (by `_raw` type).
    QSet<QString> cacheKeys(const QString &table, const QStringList &types = {}) const
    {
        const QStringList rows = queryRows(*m_cache,
            u"SELECT lower(hex(\"_dedup_key\")), json_extract(raw_json(\"_raw\"), '$.type') FROM "_s
                + quoteIdentifier(table),
            {});
        QSet<QString> keys;
        for (const QString &row : rows) {
            const QString type = row.section(u'|', 1);
            if (types.isEmpty() || types.contains(type))
                keys.insert(row.section(u'|', 0, 0));
        }
        return keys;
    }

    /// Every row's `_raw`, read through raw_json(), is the simulator's record of its key; a
    /// row compressed with a dictionary (connectors.md §2.6) included. Returns how many rows
    /// are stored compressed.
    qint64 verifyRawRecords(const QString &table) const
    {
        QHash<QString, QJsonObject> payloads;
        for (const sim::Dataset::TruthRecord &record : m_simulator->dataset().truth(table))
            payloads.insert(record.key, record.payload);
        CacheError error;
        auto connection = CacheConnection::open(m_cache->path(), ConnectionOptions {}, &error);
        if (!connection)
            qFatal("%s", qUtf8Printable(error.message));
        qint64 compressed = 0;
        qint64 rows = 0;
        {
            QSqlQuery query(connection->database());
            if (!query.exec(u"SELECT lower(hex(\"_dedup_key\")), raw_json(\"_raw\"), "
                            u"typeof(\"_raw\") FROM "_s
                    + quoteIdentifier(table)))
                qFatal("%s", qUtf8Printable(query.lastError().text()));
            while (query.next()) {
                ++rows;
                const QJsonObject stored =
                    QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object();
                if (stored != payloads.value(query.value(0).toString()))
                    qFatal("the raw record of %s differs from the simulator's",
                        qUtf8Printable(query.value(0).toString()));
                if (query.value(2).toString() == "blob"_L1)
                    ++compressed;
            }
        }
        if (rows != payloads.size())
            qFatal("%lld rows, %lld records", rows, qint64(payloads.size()));
        return compressed;
    }

    QJsonObject cursor(const QString &stream, const QString &type) const
    {
        const QStringList rows = queryRows(*m_cache,
            u"SELECT cursor_json FROM sync_cursor WHERE stream_id = ? AND part = ?"_s,
            {stream, type});
        return rows.isEmpty() ? QJsonObject()
                              : QJsonDocument::fromJson(rows.first().toUtf8()).object();
    }

    qint64 count(const QString &sql, const QVariantList &binds = {}) const
    {
        return queryRows(*m_cache, sql, binds).value(0).toLongLong();
    }

    /// ~21 files per type: quick runs.
    static sim::SimulatorConfig quickConfig()
    {
        sim::SimulatorConfig config;
        config.batchFileMinutes = 480;
        return config;
    }

    /// Starts \a simulator, and a new, empty cache, in place of the current ones.
    bool startWith(std::unique_ptr<sim::MimecastSimulator> simulator)
    {
        m_cache.reset();
        m_simulator = std::move(simulator);
        QString error;
        if (!m_simulator->start(0, &error)) {
            qWarning("%s", qUtf8Printable(error));
            return false;
        }
        m_cache = std::make_unique<test::TestCache>();
        return m_cache->start();
    }

    void setFaults(const QString &list)
    {
        QString problem;
        m_simulator->faults().replace(sim::FaultSet::parseList(list, &problem));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_settings.connectTimeoutMs = 2000;
        m_settings.idleTimeoutMs = 1500;
        m_settings.totalTimeoutMs = 10000;
        m_settings.backoffBaseMs = 10;
        m_settings.backoffCapMs = 100;
        m_options.fileRetryBaseMs = 10;
        m_options.fileRetryCapMs = 50;
        // Dictionaries trained early, and waited for, so that most rows of these small feeds
        // are compressed (in the background, a small feed may be read before it is trained;
        // tst_rawcodec covers that path, the end-to-end tests run it).
        m_options.rawTrainingSamples = 300;
        m_options.rawTrainingInBackground = false;
    }

    void init()
    {
        m_ingest = IngestSettings {};
        m_ingest.batchPageSize = 4; // several pages per type even with few files
        QVERIFY(startWith(std::make_unique<sim::MimecastSimulator>(quickConfig())));
    }

    void cleanup()
    {
        m_cache.reset();
        m_simulator.reset();
    }

    void handlesOnlyTheBatchStreams()
    {
        QVERIFY(BatchStreamRunner::handles(u"seg.cg"_s));
        QVERIFY(BatchStreamRunner::handles(u"cloud-integrated.ci"_s));
        QVERIFY(!BatchStreamRunner::handles(u"seg.dlp"_s));
        QVERIFY(!BatchStreamRunner::handles(u"awareness.performance"_s));
    }

    void cacheEqualsTruth_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<QString>("faults");
        QTest::newRow("cg") << u"seg.cg"_s << QString();
        QTest::newRow("ci") << u"cloud-integrated.ci"_s << QString();
        for (const char *faults : {"truncated-gzip", "expired-url", "file-gone", "bad-lines",
                 "reset", "503:every=4", "429:every=5:resetMs=50", "expired-token"}) {
            QTest::newRow(qPrintable(u"ci with "_s + QLatin1StringView(faults)))
                << u"cloud-integrated.ci"_s << QString::fromLatin1(faults);
        }
        QTest::newRow("cg with truncated-gzip, expired-url, bad-lines")
            << u"seg.cg"_s << u"truncated-gzip,expired-url,bad-lines"_s;
    }

    void cacheEqualsTruth()
    {
        QFETCH(QString, stream);
        QFETCH(QString, faults);
        if (!faults.isEmpty())
            setFaults(faults);
        const QString table = tableOf(stream);
        const QStringList types = typesOf(stream);

        QElapsedTimer timer;
        timer.start();
        const StreamRunResult first = runStream(stream);
        QVERIFY2(first.outcome == StreamOutcome::Ok, qPrintable(first.message));
        const QSet<QString> truth = truthKeys(table);
        QVERIFY(truth.size() > 100);
        const QSet<QString> cached = cacheKeys(table);
        QCOMPARE(cached.size(), truth.size());
        QVERIFY(cached == truth);
        QCOMPARE(m_cache->rowCount(table), qint64(truth.size()));
        QCOMPARE(first.stats.added, qint64(truth.size()));
        // `_raw` whole, most of it compressed with one dictionary per type that had enough
        // records, and every dictionary in use stored.
        const qint64 compressed = verifyRawRecords(table);
        QVERIFY2(compressed > truth.size() / 2, qPrintable(QString::number(compressed)));
        QVERIFY(count(u"SELECT count(*) FROM raw_dictionary WHERE table_name = ?"_s, {table}) > 0);
        QCOMPARE(count(u"SELECT count(*) FROM raw_dictionary WHERE table_name = ? GROUP BY part "
                       u"HAVING count(*) > 1"_s,
                     {table}),
            0);
        QVERIFY(first.stats.files > 0);
        QVERIFY(first.stats.bytes > 0);
        const qint64 firstMs = timer.elapsed();
        // Every injected fault was exercised, and no bearer token went to object storage.
        const QJsonArray fired = m_simulator->faults().toJson().value("faults"_L1).toArray();
        for (const QJsonValue &fault : fired)
            QVERIFY2(fault.toObject().value("fired"_L1).toInt() > 0,
                qPrintable(fault.toObject().value("name"_L1).toString()));
        QCOMPARE(
            m_simulator->stats().value("mimecast"_L1).toObject().value("tokenLeaks"_L1).toInt(), 0);

        // Every listed file committed, none left pending, with counters that add up.
        QCOMPARE(count(u"SELECT count(*) FROM batch_file WHERE stream_id = ? AND state <> "
                       u"'committed'"_s,
                     {stream}),
            0);
        QVERIFY(count(u"SELECT count(*) FROM batch_file WHERE stream_id = ?"_s, {stream}) > 0);
        QCOMPARE(count(u"SELECT sum(rows_added) FROM batch_file WHERE stream_id = ?"_s, {stream}),
            qint64(truth.size()));

        // One cursor per type, caught up, with its token kept and no page pending.
        for (const QString &type : types) {
            const QJsonObject part = cursor(stream, type);
            QVERIFY2(part.value("caught_up"_L1).toBool(), qPrintable(type));
            QVERIFY2(part.value("pending_next"_L1).isNull(), qPrintable(type));
            QVERIFY2(!part.value("next_page"_L1).toString().isEmpty(), qPrintable(type));
            QVERIFY2(!part.value("start_day"_L1).toString().isEmpty(), qPrintable(type));
        }

        if (faults == "bad-lines"_L1 || faults.contains(u"bad-lines"_s)) {
            // Bad lines are quarantined with their file and line number; rows still equal truth.
            const QStringList lines = queryRows(*m_cache,
                u"SELECT source, line_no, length, sha256, reason FROM sync_quarantine_line "
                u"WHERE stream_id = ?"_s,
                {stream});
            QVERIFY(!lines.isEmpty());
            for (const QString &line : lines) {
                QVERIFY2(line.section(u'|', 0, 0).contains(u"/_files/"_s), qPrintable(line));
                QVERIFY2(line.section(u'|', 1, 1).toLongLong() > 0, qPrintable(line));
                QCOMPARE(line.section(u'|', 3, 3).size(), 64);
                QVERIFY2(!line.section(u'|', 3, 3).contains(u"sig="_s), qPrintable(line));
            }
            QCOMPARE(
                count(u"SELECT sum(bad_lines) FROM batch_file WHERE stream_id = ?"_s, {stream}),
                qint64(lines.size()));
        } else {
            QCOMPARE(count(u"SELECT count(*) FROM sync_quarantine_line"_s), 0);
        }

        // A second run lists from the kept tokens and adds nothing.
        const StreamRunResult second = runStream(stream);
        QVERIFY2(second.outcome == StreamOutcome::Ok, qPrintable(second.message));
        QCOMPARE(second.stats.added, 0);
        QCOMPARE(m_cache->rowCount(table), qint64(truth.size()));
        qInfo("first run %lld ms, %lld files, %lld pages", firstMs, first.stats.files,
            first.stats.pages);
    }

    void startDateBeyondRetentionIsAGap()
    {
        m_ingest.startDate = QDateTime::currentDateTimeUtc().date().addDays(-20);
        const StreamRunResult result = runStream(u"cloud-integrated.ci"_s);
        QVERIFY2(result.outcome == StreamOutcome::Ok, qPrintable(result.message));
        QCOMPARE(result.stats.gaps, 3);
        const QStringList gaps = queryRows(*m_cache,
            u"SELECT part, from_time, to_time, reason FROM sync_gap WHERE stream_id = ?"_s,
            {u"cloud-integrated.ci"_s});
        QCOMPARE(gaps.size(), 3);
        for (const QString &gap : gaps) {
            QVERIFY2(
                gap.contains(u"beyond Mimecast SIEM retention (about 7 days)"_s), qPrintable(gap));
            QVERIFY2(
                gap.section(u'|', 1, 1).startsWith(m_ingest.startDate.toString(u"yyyy-MM-dd"_s)),
                qPrintable(gap));
        }
        // The start day sent is the retention floor, and all data is still fetched.
        const QString floor =
            QDateTime::currentDateTimeUtc().date().addDays(-7).toString(u"yyyy-MM-dd"_s);
        QCOMPARE(cursor(u"cloud-integrated.ci"_s, u"mailflow"_s).value("start_day"_L1).toString(),
            floor);
        QCOMPARE(cacheKeys(u"Cloud_Integrated_CL"_s), truthKeys(u"Cloud_Integrated_CL"_s));

        // Recorded once: a later run adds no gap.
        const StreamRunResult again = runStream(u"cloud-integrated.ci"_s);
        QCOMPARE(again.stats.gaps, 0);
    }

    /// Replaces the simulator with one that refuses first listings starting before
    /// \a firstAccepted (the cache is new as well).
    EdgeRefusingSimulator *useEdgeRefusingSimulator(QDate firstAccepted)
    {
        auto simulator = std::make_unique<EdgeRefusingSimulator>(quickConfig(), firstAccepted);
        EdgeRefusingSimulator *edge = simulator.get();
        if (!startWith(std::move(simulator)))
            qFatal("the simulator or the test cache did not start");
        return edge;
    }

    // mimecast-api.md §5.2: a first listing at the very edge of retention answered 400 is
    // tried once more a day later, and the recorded gap widened to that day.
    void firstListingRefusedAtTheEdgeStartsADayLater()
    {
        const QDate today = QDateTime::currentDateTimeUtc().date();
        const QDate floor = today.addDays(-7);
        const QDate dayLater = today.addDays(-6);
        EdgeRefusingSimulator *simulator = useEdgeRefusingSimulator(dayLater);
        m_ingest.startDate = today.addDays(-20);
        const QString stream = u"cloud-integrated.ci"_s;

        const StreamRunResult result = runStream(stream);
        QVERIFY2(result.outcome == StreamOutcome::Ok, qPrintable(result.message));
        // Each type's first listing was refused once, at the floor, and never again.
        const QStringList types = typesOf(stream);
        QCOMPARE(
            simulator->refusedStarts, QStringList(types.size(), floor.toString(u"yyyy-MM-dd"_s)));
        for (const QString &type : types)
            QCOMPARE(cursor(stream, type).value("start_day"_L1).toString(),
                dayLater.toString(u"yyyy-MM-dd"_s));
        // One gap per type, from the start date to the day that was accepted.
        const QStringList gaps = queryRows(
            *m_cache, u"SELECT from_time, to_time FROM sync_gap WHERE stream_id = ?"_s, {stream});
        QCOMPARE(gaps.size(), types.size());
        for (const QString &gap : gaps)
            QCOMPARE(gap,
                m_ingest.startDate.toString(u"yyyy-MM-dd"_s) + u"T00:00:00.000Z|"_s
                    + dayLater.toString(u"yyyy-MM-dd"_s) + u"T00:00:00.000Z"_s);
        // Everything from that day on is in the cache, and nothing the simulator lacks.
        const QSet<QString> cached = cacheKeys(tableOf(stream));
        const qint64 dayLaterMs =
            QDateTime(dayLater, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        qint64 fromDayLater = 0;
        for (const sim::Dataset::TruthRecord &record :
            m_simulator->dataset().truth(tableOf(stream))) {
            if (qint64(record.payload.value("timestamp"_L1).toDouble()) < dayLaterMs)
                continue;
            ++fromDayLater;
            QVERIFY2(cached.contains(record.key), qPrintable(record.key));
        }
        QVERIFY(fromDayLater > 0);
        QVERIFY(truthKeys(tableOf(stream)).contains(cached));
    }

    // Refused again a day later: one retry per type only, then the error that names the
    // request.
    void firstListingRefusedTwiceStops()
    {
        const QDate today = QDateTime::currentDateTimeUtc().date();
        EdgeRefusingSimulator *simulator = useEdgeRefusingSimulator(today.addDays(1));
        m_ingest.startDate = today.addDays(-20);
        const StreamRunResult result = runStream(u"cloud-integrated.ci"_s);
        QVERIFY(result.outcome != StreamOutcome::Ok);
        QVERIFY2(result.message.contains(u"dateRangeStartsAt is outside retention"_s),
            qPrintable(result.message));
        // Each type: the floor, then a day later, and no third try.
        QStringList expected;
        for (qsizetype i = 0; i < typesOf(u"cloud-integrated.ci"_s).size(); ++i)
            expected << today.addDays(-7).toString(u"yyyy-MM-dd"_s)
                     << today.addDays(-6).toString(u"yyyy-MM-dd"_s);
        QCOMPARE(simulator->refusedStarts, expected);
        QCOMPARE(m_cache->rowCount(u"Cloud_Integrated_CL"_s), 0);
        qInfo("%s", qUtf8Printable(result.message));
    }

    // A disk that fills up while a file's rows stream into its transaction: that file's rows
    // are rolled back with its ledger entry, the files before it stay committed with theirs,
    // and once there is room the next run ends with exactly the simulator's records.
    void fullDiskMidFileKeepsLedgerAndRows()
    {
        const QString stream = u"seg.cg"_s;
        const QString table = tableOf(stream);
        // Room for a few files' rows (and the listings), not for the whole feed.
        WriteUnit limit;
        limit.statements.append({u"PRAGMA max_page_count = %1"_s.arg(
                                     m_cache->scalar(u"PRAGMA page_count"_s).toInt() + 60),
            {}});
        QVERIFY(m_cache->write(limit).ok());

        const StreamRunResult full = runStream(stream);
        QCOMPARE(full.outcome, StreamOutcome::Blocked);
        QCOMPARE(full.cacheError.kind, CacheError::Kind::DiskFull);
        QVERIFY2(full.message.contains(u"Free space at"_s), qPrintable(full.message));
        qInfo("%s", qUtf8Printable(full.message));
        QCOMPARE(m_cache->scalar(u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
        // Rows only of committed files, and every committed file's rows.
        const qint64 rows = m_cache->rowCount(table);
        QVERIFY2(rows > 0, "the disk filled up before the first file");
        QCOMPARE(rows,
            m_cache
                ->scalar(u"SELECT coalesce(sum(rows_added), 0) FROM batch_file WHERE stream_id "
                         u"= 'seg.cg' AND state = 'committed'"_s)
                .toLongLong());
        QVERIFY(rows < qint64(truthKeys(table).size()));

        WriteUnit unlimited;
        unlimited.statements.append({u"PRAGMA max_page_count = 1073741823"_s, {}});
        QVERIFY(m_cache->write(unlimited).ok());
        const StreamRunResult resumed = runStream(stream);
        QVERIFY2(resumed.outcome == StreamOutcome::Ok, qPrintable(resumed.message));
        QCOMPARE(resumed.stats.duplicates, 0);
        QCOMPARE(cacheKeys(table), truthKeys(table));
        QCOMPARE(m_cache->rowCount(table), qint64(truthKeys(table).size()));
    }

    void permanentFaultQuarantinesOnlyItsType()
    {
        m_ingest.maxFileAttempts = 3;
        m_ingest.types = {u"receipt"_s, u"spam"_s, u"journal"_s};
        setFaults(u"truncated-gzip:always=1:type=journal"_s);

        const StreamRunResult first = runStream(u"seg.cg"_s);
        QCOMPARE(first.outcome, StreamOutcome::Waiting);
        QVERIFY2(first.message.contains(u"quarantined"_s), qPrintable(first.message));
        QVERIFY2(first.message.contains(u"journal"_s), qPrintable(first.message));
        QCOMPARE(first.stats.quarantined, 1);

        const QStringList quarantined = queryRows(*m_cache,
            u"SELECT type, attempts, last_error FROM batch_file WHERE stream_id = 'seg.cg' AND "
            u"state = 'quarantined'"_s,
            {});
        QCOMPARE(quarantined.size(), 1);
        QVERIFY2(quarantined.first().startsWith(u"journal|3|"_s), qPrintable(quarantined.first()));
        QVERIFY2(quarantined.first().contains(u"gzip"_s), qPrintable(quarantined.first()));

        // The other types are complete; journal has nothing past its quarantined first file.
        const QStringList others {u"receipt"_s, u"spam"_s};
        QCOMPARE(cacheKeys(u"Seg_Cg_CL"_s, others), truthKeys(u"Seg_Cg_CL"_s, others));
        QCOMPARE(cacheKeys(u"Seg_Cg_CL"_s, {u"journal"_s}).size(), 0);
        for (const QString &type : others)
            QVERIFY(cursor(u"seg.cg"_s, type).value("caught_up"_L1).toBool());
        QVERIFY(!cursor(u"seg.cg"_s, u"journal"_s).value("pending_next"_L1).isNull());

        // Held: even without the fault, journal waits for the admin; the others go on.
        setFaults(QString());
        const StreamRunResult second = runStream(u"seg.cg"_s);
        QCOMPARE(second.outcome, StreamOutcome::Waiting);
        QCOMPARE(second.stats.added, 0);
        QCOMPARE(second.stats.files, 0);
    }

    void cancelledRunResumesExactlyOnce()
    {
        const StreamRunResult first = runStream(u"cloud-integrated.ci"_s, 6);
        QCOMPARE(first.outcome, StreamOutcome::Cancelled);
        QCOMPARE(first.stats.files, 6);
        QCOMPARE(m_cache->rowCount(u"Cloud_Integrated_CL"_s), first.stats.added);
        // The page in progress stays pending; its committed files are not read again.
        QVERIFY(!cursor(u"cloud-integrated.ci"_s, u"entities"_s).value("pending_next"_L1).isNull());
        const StreamRunResult second = runStream(u"cloud-integrated.ci"_s);
        QVERIFY2(second.outcome == StreamOutcome::Ok, qPrintable(second.message));
        QCOMPARE(second.stats.duplicates, 0);
        QCOMPARE(cacheKeys(u"Cloud_Integrated_CL"_s), truthKeys(u"Cloud_Integrated_CL"_s));
    }

    void failedAttemptsBelowTheLimitInterrupt()
    {
        // Every attempt in this run fails but the limit (5, across runs) is not reached.
        m_ingest.types = {u"urlclick"_s};
        setFaults(u"truncated-gzip:always=1:type=urlclick"_s);
        const StreamRunResult first = runStream(u"cloud-integrated.ci"_s);
        QCOMPARE(first.outcome, StreamOutcome::Interrupted);
        QCOMPARE(count(u"SELECT attempts FROM batch_file WHERE state = 'pending' AND type = "
                       u"'urlclick' ORDER BY attempts DESC LIMIT 1"_s),
            4);
        // The next run completes the type once the fault is gone; the page was kept pending.
        setFaults(QString());
        const StreamRunResult second = runStream(u"cloud-integrated.ci"_s);
        QVERIFY2(second.outcome == StreamOutcome::Ok, qPrintable(second.message));
        QCOMPARE(cacheKeys(u"Cloud_Integrated_CL"_s),
            truthKeys(u"Cloud_Integrated_CL"_s, {u"urlclick"_s}));
    }
};

QTEST_GUILESS_MAIN(TestBatchStream)
#include "tst_batchstream.moc"
