// Window streams (connectors.md §2.4) end to end against the simulator: the cache equals the
// simulator's ground truth, a second run adds nothing, recoverable faults change nothing, a
// rejected page token restarts the window, a page that keeps failing is quarantined and holds
// the stream, and a full disk leaves the cache and cursor consistent.
#include "dataset.h"
#include "ingest/windowstream.h"
#include "mimecast/mimecastclient.h"
#include "mimecastsimulator.h"
#include "storage/cachedatabase.h"
#include "storage/sqlidentifier.h"
#include "testcache.h"
#include "testworker.h"

#include <QFutureWatcher>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

class TestWindowStream : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sim::MimecastSimulator> m_simulator;
    std::unique_ptr<test::TestCache> m_cache;
    ClientSettings m_settings;
    IngestSettings m_ingest;

    StreamRunResult runStream(const QString &streamId)
    {
        const MimecastClient::Credentials credentials {
            QUrl(m_simulator->baseUrl()), u"demo-client"_s, u"demo-secret"_s};
        const ClientSettings settings = m_settings;
        const IngestSettings ingest = m_ingest;
        test::TestCache *cache = m_cache.get();
        return test::onWorker([=] {
            const TableDef &table = *cache->definition().tableByStream(streamId);
            MimecastClient client(credentials, settings, streamId);
            StreamRunContext context(
                cache->writer(), cache->definition(), table, client, ingest, nullptr);
            WindowStreamRunner runner;
            return runner.run(context);
        });
    }

    QSet<QString> truthKeys(const QString &table) const
    {
        QSet<QString> keys;
        for (const sim::Dataset::TruthRecord &record : m_simulator->dataset().truth(table))
            keys.insert(record.key);
        return keys;
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
        m_ingest.pageSize = 40;
        m_ingest.windowCapMs = 2LL * 24 * 3600 * 1000; // 2-day windows: fewer requests
        m_ingest.startDate = QDate::currentDate().addDays(-9);
    }

    void init()
    {
        m_simulator = std::make_unique<sim::MimecastSimulator>(sim::SimulatorConfig {});
        QString error;
        QVERIFY2(m_simulator->start(0, &error), qPrintable(error));
        m_cache = std::make_unique<test::TestCache>();
        QVERIFY(m_cache->start());
    }

    void cleanup()
    {
        m_cache.reset();
        m_simulator.reset();
    }

    void cacheEqualsTruth_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<QString>("faults");
        const QStringList streams {u"seg.dlp"_s, u"ttp.url"_s, u"ttp.attachment"_s,
            u"ttp.impersonation"_s, u"audit.audit"_s};
        for (const QString &stream : streams)
            QTest::newRow(qPrintable(stream)) << stream << QString();
        for (const char *faults : {"429:every=5:resetMs=50", "503:every=4", "fail-200:every=6",
                 "bad-json", "timeout", "reset", "expired-token", "dup-rows:k=3", "empty-last-page",
                 "wrong-total", "token-401:every=9", "slow:every=7:delayMs=100"}) {
            QTest::newRow(qPrintable(u"ttp.url with "_s + QLatin1StringView(faults)))
                << u"ttp.url"_s << QString::fromLatin1(faults);
            QTest::newRow(qPrintable(u"audit with "_s + QLatin1StringView(faults)))
                << u"audit.audit"_s << QString::fromLatin1(faults);
        }
    }

    void cacheEqualsTruth()
    {
        QFETCH(QString, stream);
        QFETCH(QString, faults);
        if (!faults.isEmpty())
            setFaults(faults);
        const QString table = m_cache->definition().tableByStream(stream)->name;

        const StreamRunResult first = runStream(stream);
        QVERIFY2(first.outcome == StreamOutcome::Ok, qPrintable(first.message));
        const QSet<QString> truth = truthKeys(table);
        QVERIFY(truth.size() > 20);
        QCOMPARE(m_cache->dedupKeys(table), truth);
        QCOMPARE(m_cache->rowCount(table), qint64(truth.size()));
        QCOMPARE(first.stats.added, qint64(truth.size()));

        // A second run re-reads only the overlap and adds nothing.
        const StreamRunResult second = runStream(stream);
        QVERIFY2(second.outcome == StreamOutcome::Ok, qPrintable(second.message));
        QCOMPARE(second.stats.added, 0);
        QCOMPARE(m_cache->rowCount(table), qint64(truth.size()));

        const QJsonObject cursor = QJsonDocument::fromJson(
            m_cache
                ->scalar(
                    u"SELECT cursor_json FROM sync_cursor WHERE stream_id = '%1'"_s.arg(stream))
                .toString()
                .toUtf8())
                                       .object();
        QVERIFY(cursor.value("page_token"_L1).isNull());
        QVERIFY(!cursor.value("completed_to"_L1).toString().isEmpty());
        QVERIFY(!cursor.value("newest_event_time"_L1).toString().isEmpty());
    }

    void forbiddenBlocksWithThePermission()
    {
        setFaults(u"forbidden:path=/api/dlp/get-logs"_s);
        const StreamRunResult result = runStream(u"seg.dlp"_s);
        QCOMPARE(result.outcome, StreamOutcome::Blocked);
        QCOMPARE(result.apiError.kind, ApiError::Kind::MissingPermission);
        QVERIFY2(result.message.contains(u"Data Leak Prevention"_s), qPrintable(result.message));
        QCOMPARE(m_cache->rowCount(u"Seg_Dlp_CL"_s), 0);
    }

    void failingPageIsQuarantinedAndHoldsTheStream()
    {
        m_ingest.maxPageAttempts = 2;
        // A body that is never JSON: BadData after the request's retries, a failed page attempt.
        setFaults(u"bad-json:always=1:path=/api/ttp/attachment/get-logs"_s);
        const StreamRunResult first = runStream(u"ttp.attachment"_s);
        QCOMPARE(first.outcome, StreamOutcome::Interrupted);
        const StreamRunResult second = runStream(u"ttp.attachment"_s);
        QCOMPARE(second.outcome, StreamOutcome::Waiting);
        QVERIFY2(second.message.contains(u"quarantined"_s), qPrintable(second.message));
        QCOMPARE(
            m_cache
                ->scalar(
                    u"SELECT count(*) FROM sync_quarantine_page WHERE stream_id = 'ttp.attachment'"_s)
                .toInt(),
            1);
        // Held: a later run does not move on even when the fault is gone.
        setFaults(QString());
        const StreamRunResult third = runStream(u"ttp.attachment"_s);
        QCOMPARE(third.outcome, StreamOutcome::Waiting);
        QCOMPARE(m_cache->rowCount(u"Ttp_Attachment_CL"_s), 0);
        m_ingest.maxPageAttempts = 5;
    }

    void tokenRejectedAgainAfterResetIsQuarantined()
    {
        m_ingest.maxPageAttempts = 2;
        setFaults(u"expired-token:always=1:path=/api/ttp/url/get-logs"_s);
        QCOMPARE(runStream(u"ttp.url"_s).outcome, StreamOutcome::Interrupted);
        QCOMPARE(runStream(u"ttp.url"_s).outcome, StreamOutcome::Waiting);
        QCOMPARE(
            m_cache
                ->scalar(
                    u"SELECT count(*) FROM sync_quarantine_page WHERE stream_id = 'ttp.url' AND page_token IS NOT NULL"_s)
                .toInt(),
            1);
        m_ingest.maxPageAttempts = 5;
    }

    void fullDiskKeepsCacheAndCursorConsistent()
    {
        // The file may grow by two pages only: the next stream's first pages fill it up.
        QVERIFY(runStream(u"audit.audit"_s).outcome == StreamOutcome::Ok);
        WriteUnit limit;
        limit.statements.append({u"PRAGMA max_page_count = %1"_s.arg(
                                     m_cache->scalar(u"PRAGMA page_count"_s).toInt() + 2),
            {}});
        QVERIFY(m_cache->write(limit).ok());

        const StreamRunResult full = runStream(u"ttp.url"_s);
        QCOMPARE(full.outcome, StreamOutcome::Blocked);
        QCOMPARE(full.cacheError.kind, CacheError::Kind::DiskFull);
        QVERIFY2(full.message.contains(u"Free space at"_s), qPrintable(full.message));
        QCOMPARE(m_cache->scalar(u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
        // Every committed page came with its cursor: rows = pages committed × page size.
        const qint64 rows = m_cache->rowCount(u"Ttp_Url_CL"_s);
        const QJsonObject cursor = QJsonDocument::fromJson(
            m_cache
                ->scalar(
                    u"SELECT coalesce((SELECT cursor_json FROM sync_cursor WHERE stream_id = 'ttp.url'), '{}')"_s)
                .toString()
                .toUtf8())
                                       .object();
        QCOMPARE(rows, qint64(cursor.value("page_no"_L1).toInt(1) - 1) * m_ingest.pageSize);

        WriteUnit unlimited;
        unlimited.statements.append({u"PRAGMA max_page_count = 1073741823"_s, {}});
        QVERIFY(m_cache->write(unlimited).ok());
        const StreamRunResult resumed = runStream(u"ttp.url"_s);
        QVERIFY2(resumed.outcome == StreamOutcome::Ok, qPrintable(resumed.message));
        QCOMPARE(m_cache->dedupKeys(u"Ttp_Url_CL"_s), truthKeys(u"Ttp_Url_CL"_s));
    }

    void startDateMovedEarlierBackfills()
    {
        const QString table = u"Ttp_Url_CL"_s;
        const QString backfillSql = u"SELECT cursor_json FROM sync_cursor WHERE stream_id = "
                                    u"'ttp.url' AND part = 'backfill'"_s;
        const QDate startDate = m_ingest.startDate;
        m_ingest.startDate = QDate::currentDate().addDays(-2);
        const StreamRunResult recent = runStream(u"ttp.url"_s);
        QVERIFY2(recent.outcome == StreamOutcome::Ok, qPrintable(recent.message));
        const QSet<QString> truth = truthKeys(table);
        const qint64 recentRows = m_cache->rowCount(table);
        QVERIFY(recentRows > 0);
        QVERIFY(recentRows < truth.size());
        QCOMPARE(
            m_cache->scalar(u"SELECT count(*) FROM sync_cursor WHERE part = 'backfill'"_s).toInt(),
            0);

        // The start date moves earlier: a backfill fetches the older rows.
        m_ingest.startDate = QDate::currentDate().addDays(-9);
        const StreamRunResult backfilled = runStream(u"ttp.url"_s);
        QVERIFY2(backfilled.outcome == StreamOutcome::Ok, qPrintable(backfilled.message));
        QCOMPARE(m_cache->dedupKeys(table), truth);
        QCOMPARE(backfilled.stats.added, qint64(truth.size()) - recentRows);
        const QString backfillJson = m_cache->scalar(backfillSql).toString();
        const QJsonObject backfill = QJsonDocument::fromJson(backfillJson.toUtf8()).object();
        QVERIFY2(!backfill.value("backfill_to"_L1).toString().isEmpty(), qPrintable(backfillJson));
        QCOMPARE(backfill.value("completed_to"_L1).toString(),
            backfill.value("backfill_to"_L1).toString());
        QVERIFY(backfill.value("page_token"_L1).isNull());

        // Finished: a later run neither adds rows nor starts another backfill.
        const StreamRunResult third = runStream(u"ttp.url"_s);
        QVERIFY2(third.outcome == StreamOutcome::Ok, qPrintable(third.message));
        QCOMPARE(third.stats.added, 0);
        QCOMPARE(m_cache->rowCount(table), qint64(truth.size()));
        QCOMPARE(m_cache->scalar(backfillSql).toString(), backfillJson);
        m_ingest.startDate = startDate;
    }
};

QTEST_GUILESS_MAIN(TestWindowStream)
#include "tst_windowstream.moc"
