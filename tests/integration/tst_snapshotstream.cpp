// Awareness Training snapshot streams (connectors.md §3.8) end to end against the simulator:
// one pass equals the ground truth with _first_seen = _last_seen = the snapshot id, a second
// pass adds nothing but moves every row's _last_seen, small pages and recoverable faults change
// nothing, an interrupted pass is finished by the next run, a rejected token restarts the list,
// and a page that keeps failing is quarantined and holds the stream.
#include "dataset.h"
#include "ingest/snapshotstream.h"
#include "mimecast/mimecastclient.h"
#include "mimecastsimulator.h"
#include "storage/cachedatabase.h"
#include "storage/sqlidentifier.h"
#include "testcache.h"
#include "testworker.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

const QStringList kStreams {u"awareness.performance"_s, u"awareness.safescore"_s,
    u"awareness.watchlist"_s, u"awareness.userdata"_s};

} // namespace

class TestSnapshotStream : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sim::MimecastSimulator> m_simulator;
    std::unique_ptr<test::TestCache> m_cache;
    ClientSettings m_settings;
    IngestSettings m_ingest;

    /// One run on a worker thread; with \a cancelAfterFirstPage the run is cancelled as soon
    /// as its first page is committed (a stopped console).
    StreamRunResult runStream(const QString &streamId, bool cancelAfterFirstPage = false)
    {
        const MimecastClient::Credentials credentials {
            QUrl(m_simulator->baseUrl()), u"demo-client"_s, u"demo-secret"_s};
        const ClientSettings settings = m_settings;
        const IngestSettings ingest = m_ingest;
        test::TestCache *cache = m_cache.get();
        return test::onWorker([=] {
            const TableDef &table = *cache->definition().tableByStream(streamId);
            CancellationToken cancel;
            MimecastClient client(credentials, settings, streamId);
            client.setCancellation(&cancel);
            StreamRunContext context(
                cache->writer(), cache->definition(), table, client, ingest, &cancel);
            if (cancelAfterFirstPage)
                context.setProgressObserver(
                    [&cancel](const StreamRunStats &, const WaitInfo *) { cancel.cancel(); });
            SnapshotStreamRunner runner;
            return runner.run(context);
        });
    }

    QString tableOf(const QString &streamId) const
    {
        return m_cache->definition().tableByStream(streamId)->name;
    }

    QSet<QString> truthKeys(const QString &table) const
    {
        QSet<QString> keys;
        for (const sim::Dataset::TruthRecord &record : m_simulator->dataset().truth(table))
            keys.insert(record.key);
        return keys;
    }

    QJsonObject cursorOf(const QString &streamId) const
    {
        return QJsonDocument::fromJson(
            m_cache
                ->scalar(u"SELECT coalesce((SELECT cursor_json FROM sync_cursor WHERE "
                         u"stream_id = '%1' AND part = ''), '{}')"_s.arg(streamId))
                .toString()
                .toUtf8())
            .object();
    }

    qint64 count(const QString &sql) const { return m_cache->scalar(sql).toLongLong(); }

    void setFaults(const QString &list)
    {
        QString problem;
        m_simulator->faults().replace(sim::FaultSet::parseList(list, &problem));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    /// The cache holds exactly the truth, every row first and last seen in \a snapshotId.
    void verifySnapshot(const QString &streamId, const QString &snapshotId)
    {
        const QString table = tableOf(streamId);
        const QString quoted = quoteIdentifier(table);
        const QSet<QString> truth = truthKeys(table);
        QVERIFY(truth.size() >= 50);
        QCOMPARE(m_cache->dedupKeys(table), truth);
        QCOMPARE(m_cache->rowCount(table), qint64(truth.size()));
        QCOMPARE(count(u"SELECT count(*) FROM %1 WHERE \"_first_seen\" = '%2' AND "
                       u"\"_last_seen\" = '%2'"_s.arg(quoted, snapshotId)),
            qint64(truth.size()));
        if (streamId == "awareness.userdata"_L1) {
            QCOMPARE(count(u"SELECT count(DISTINCT \"_campaign_id\") FROM %1"_s.arg(quoted)),
                qint64(m_simulator->dataset().campaigns().size()));
        }
    }

    /// The cursor of a completed pass: no snapshot in progress, \a snapshotId current.
    void verifyCompleted(const QJsonObject &cursor, const QString &snapshotId)
    {
        QCOMPARE(cursor.value("last_complete_snapshot"_L1).toString(), snapshotId);
        QVERIFY(!cursor.value("completed_at"_L1).toString().isEmpty());
        QVERIFY(cursor.value("snapshot_id"_L1).isNull());
        QVERIFY(cursor.value("page_token"_L1).isNull());
        QCOMPARE(cursor.value("pages_done"_L1).toInt(), 0);
        QCOMPARE(cursor.value("campaign_ids"_L1).toArray().size(), 0);
        QCOMPARE(cursor.value("attempts"_L1).toInt(), 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_settings.connectTimeoutMs = 2000;
        m_settings.idleTimeoutMs = 1500;
        m_settings.totalTimeoutMs = 10000;
        m_settings.backoffBaseMs = 10;
        m_settings.backoffCapMs = 100;
    }

    void init()
    {
        m_ingest = IngestSettings {};
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

    void handlesTheFourAwarenessStreams()
    {
        for (const QString &stream : kStreams)
            QVERIFY(SnapshotStreamRunner::handles(stream));
        QVERIFY(!SnapshotStreamRunner::handles(u"ttp.url"_s));
        QVERIFY(!SnapshotStreamRunner::handles(u"seg.cg"_s));
    }

    void snapshotDueFollowsTheInterval()
    {
        const QDateTime now(QDate(2026, 6, 1), QTime(12, 0), QTimeZone::utc());
        const qint64 interval = 12LL * 3600 * 1000;
        QVERIFY(SnapshotStreamRunner::snapshotDue(QJsonObject(), now, interval));
        QJsonObject cursor {{u"last_complete_snapshot"_s, u"2026-06-01T02:00:00.000Z"_s},
            {u"snapshot_id"_s, QJsonValue::Null}};
        QVERIFY(!SnapshotStreamRunner::snapshotDue(cursor, now, interval));
        cursor.insert(u"last_complete_snapshot"_s, u"2026-05-31T23:59:59.999Z"_s);
        QVERIFY(SnapshotStreamRunner::snapshotDue(cursor, now, interval));
        // A pass in progress is always continued.
        cursor.insert(u"last_complete_snapshot"_s, u"2026-06-01T11:00:00.000Z"_s);
        cursor.insert(u"snapshot_id"_s, u"2026-06-01T11:30:00.000Z"_s);
        QVERIFY(SnapshotStreamRunner::snapshotDue(cursor, now, interval));
    }

    void snapshotEqualsTruth_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<QString>("faults");
        for (const QString &stream : kStreams) {
            QTest::newRow(qPrintable(stream)) << stream << 500 << QString();
            QTest::newRow(qPrintable(stream + u" pages of 7"_s)) << stream << 7 << QString();
            for (const char *faults :
                {"expired-token", "fail-200:every=3", "503:every=4", "dup-rows:k=3"}) {
                QTest::newRow(qPrintable(stream + u" with "_s + QLatin1StringView(faults)))
                    << stream << 7 << QString::fromLatin1(faults);
            }
        }
    }

    void snapshotEqualsTruth()
    {
        QFETCH(QString, stream);
        QFETCH(int, pageSize);
        QFETCH(QString, faults);
        m_ingest.pageSize = pageSize;
        if (!faults.isEmpty())
            setFaults(faults);
        const QString table = tableOf(stream);
        const QString quoted = quoteIdentifier(table);

        const StreamRunResult first = runStream(stream);
        QVERIFY2(first.outcome == StreamOutcome::Ok, qPrintable(first.message));
        const QJsonObject firstCursor = cursorOf(stream);
        const QString firstSnapshot = firstCursor.value("last_complete_snapshot"_L1).toString();
        QVERIFY(firstSnapshot.endsWith(u'Z'));
        verifyCompleted(firstCursor, firstSnapshot);
        verifySnapshot(stream, firstSnapshot);
        QCOMPARE(first.stats.added, m_cache->rowCount(table));
        if (faults.startsWith("expired-token"_L1)) {
            QVERIFY(m_simulator->stats()
                        .value("mimecast"_L1)
                        .toObject()
                        .value("pageTokensRejected"_L1)
                        .toInt()
                >= 1);
        }

        // A new pass: nothing added, every unchanged record now last seen in it.
        const StreamRunResult second = runStream(stream);
        QVERIFY2(second.outcome == StreamOutcome::Ok, qPrintable(second.message));
        QCOMPARE(second.stats.added, 0);
        QVERIFY(second.stats.duplicates >= m_cache->rowCount(table));
        const QString secondSnapshot =
            cursorOf(stream).value("last_complete_snapshot"_L1).toString();
        QVERIFY2(secondSnapshot > firstSnapshot, qPrintable(secondSnapshot));
        QCOMPARE(m_cache->dedupKeys(table), truthKeys(table));
        QCOMPARE(count(u"SELECT count(*) FROM %1 WHERE \"_first_seen\" = '%2' AND "
                       u"\"_last_seen\" = '%3'"_s.arg(quoted, firstSnapshot, secondSnapshot)),
            m_cache->rowCount(table));
    }

    void interruptedSnapshotIsFinished_data()
    {
        QTest::addColumn<QString>("stream");
        for (const QString &stream : kStreams)
            QTest::newRow(qPrintable(stream)) << stream;
    }

    void interruptedSnapshotIsFinished()
    {
        QFETCH(QString, stream);
        m_ingest.pageSize = 7;
        const QString table = tableOf(stream);

        const StreamRunResult stopped = runStream(stream, true);
        QCOMPARE(stopped.outcome, StreamOutcome::Cancelled);
        QCOMPARE(stopped.stats.pages, 1);
        const QJsonObject pending = cursorOf(stream);
        const QString snapshot = pending.value("snapshot_id"_L1).toString();
        QVERIFY(!snapshot.isEmpty());
        QVERIFY(pending.value("last_complete_snapshot"_L1).isNull());
        QCOMPARE(pending.value("pages_done"_L1).toInt(), 1);
        QVERIFY(!pending.value("page_token"_L1).toString().isEmpty());
        QCOMPARE(m_cache->rowCount(table), 7);
        if (stream == "awareness.userdata"_L1) {
            // The campaign list is frozen into the cursor when the pass starts.
            QStringList ids;
            for (const QJsonObject &campaign : m_simulator->dataset().campaigns())
                ids.append(campaign.value("id"_L1).toString());
            QCOMPARE(pending.value("campaign_ids"_L1).toVariant().toStringList(), ids);
            QCOMPARE(pending.value("campaign_pos"_L1).toInt(), 0);
        }

        // The next run finishes the same snapshot.
        const StreamRunResult resumed = runStream(stream);
        QVERIFY2(resumed.outcome == StreamOutcome::Ok, qPrintable(resumed.message));
        QCOMPARE(resumed.stats.duplicates, 0);
        verifyCompleted(cursorOf(stream), snapshot);
        verifySnapshot(stream, snapshot);
    }

    void failingPageIsQuarantinedAndHoldsTheStream()
    {
        m_ingest.maxPageAttempts = 2;
        const QString stream = u"awareness.watchlist"_s;
        // A body that is never JSON: BadData after the request's retries, a failed page attempt.
        setFaults(
            u"bad-json:always=1:path=/api/awareness-training/company/get-watchlist-details"_s);
        const StreamRunResult first = runStream(stream);
        QCOMPARE(first.outcome, StreamOutcome::Interrupted);
        const QJsonObject afterFirst = cursorOf(stream);
        const QString snapshot = afterFirst.value("snapshot_id"_L1).toString();
        QVERIFY(!snapshot.isEmpty());
        QCOMPARE(afterFirst.value("attempts"_L1).toInt(), 1);
        QVERIFY(!afterFirst.value("last_error"_L1).toString().isEmpty());

        const StreamRunResult second = runStream(stream);
        QCOMPARE(second.outcome, StreamOutcome::Waiting);
        QCOMPARE(second.stats.quarantined, 1);
        QVERIFY2(second.message.contains(u"quarantined"_s), qPrintable(second.message));
        QCOMPARE(count(u"SELECT count(*) FROM sync_quarantine_page WHERE stream_id = "
                       u"'awareness.watchlist' AND part = '' AND state = 'quarantined' AND "
                       u"snapshot_id = '%1' AND page_no = 1 AND attempts = 2 AND "
                       u"campaign_id IS NULL AND last_error IS NOT NULL"_s.arg(snapshot)),
            1);

        // Held: a later run fetches nothing, even with the fault gone.
        setFaults(QString());
        const QJsonObject before = m_simulator->stats();
        const StreamRunResult third = runStream(stream);
        QCOMPARE(third.outcome, StreamOutcome::Waiting);
        QCOMPARE(m_simulator->stats().value("mimecast"_L1).toObject().value("requests"_L1),
            before.value("mimecast"_L1).toObject().value("requests"_L1));
        QCOMPARE(m_cache->rowCount(tableOf(stream)), 0);

        // Retry (the health page's action): the same snapshot is finished.
        WriteUnit retry;
        retry.statements.append({u"UPDATE sync_quarantine_page SET state = 'retried' WHERE "
                                 u"stream_id = 'awareness.watchlist'"_s,
            {}});
        QVERIFY(m_cache->write(retry).ok());
        const StreamRunResult retried = runStream(stream);
        QVERIFY2(retried.outcome == StreamOutcome::Ok, qPrintable(retried.message));
        verifyCompleted(cursorOf(stream), snapshot);
        verifySnapshot(stream, snapshot);
    }

    void tokenRejectedAfterRestartIsAFailedAttempt()
    {
        m_ingest.maxPageAttempts = 2;
        m_ingest.pageSize = 7;
        const QString stream = u"awareness.safescore"_s;
        // Every token is refused: page 1 works, page 2 restarts the list once, then fails.
        setFaults(
            u"expired-token:always=1:path=/api/awareness-training/company/get-safe-score-details"_s);
        const StreamRunResult first = runStream(stream);
        QCOMPARE(first.outcome, StreamOutcome::Interrupted);
        QCOMPARE(first.stats.pages, 2); // page 1, and page 1 again after the restart
        QCOMPARE(cursorOf(stream).value("attempts"_L1).toInt(), 1);
        QCOMPARE(m_cache->rowCount(tableOf(stream)), 7);

        const StreamRunResult second = runStream(stream);
        QCOMPARE(second.outcome, StreamOutcome::Waiting);
        QCOMPARE(count(u"SELECT count(*) FROM sync_quarantine_page WHERE stream_id = "
                       u"'awareness.safescore' AND page_no = 2 AND page_token IS NOT NULL"_s),
            1);
    }

    void skippedPageLeavesACampaignOutOfTheSnapshot()
    {
        m_ingest.maxPageAttempts = 1;
        const QString stream = u"awareness.userdata"_s;
        const QString table = tableOf(stream);
        setFaults(
            u"bad-json:always=1:path=/api/awareness-training/phishing/campaign/get-user-data"_s);
        const StreamRunResult held = runStream(stream);
        QCOMPARE(held.outcome, StreamOutcome::Waiting);
        const QJsonObject cursor = cursorOf(stream);
        const QString snapshot = cursor.value("snapshot_id"_L1).toString();
        const QString skippedCampaign = cursor.value("campaign_ids"_L1).toArray().at(0).toString();
        QCOMPARE(count(u"SELECT count(*) FROM sync_quarantine_page WHERE campaign_id = '%1' AND "
                       u"snapshot_id = '%2'"_s.arg(skippedCampaign, snapshot)),
            1);

        // Skip (the health page's action), then the pass goes on with the next campaign.
        setFaults(QString());
        const qint64 id = count(u"SELECT id FROM sync_quarantine_page"_s);
        QVERIFY(m_cache
                    ->write(SnapshotStreamRunner::skipQuarantinedPage(
                        *m_cache->definition().tableByStream(stream), cursor, id,
                        QDateTime::currentDateTimeUtc()))
                    .ok());
        const StreamRunResult resumed = runStream(stream);
        QVERIFY2(resumed.outcome == StreamOutcome::Ok, qPrintable(resumed.message));
        verifyCompleted(cursorOf(stream), snapshot);
        QSet<QString> expected;
        for (const sim::Dataset::TruthRecord &record : m_simulator->dataset().truth(table)) {
            if (record.campaignId != skippedCampaign)
                expected.insert(record.key);
        }
        QCOMPARE(m_cache->dedupKeys(table), expected);
        QCOMPARE(count(u"SELECT count(*) FROM sync_gap WHERE stream_id = 'awareness.userdata' AND "
                       u"from_time = '%1' AND reason = 'page skipped'"_s.arg(snapshot)),
            1);
        QCOMPARE(count(u"SELECT count(*) FROM sync_quarantine_page WHERE state = 'skipped'"_s), 1);
    }

    void permanentNonRetryableFailureBlocks()
    {
        // A non-retryable fail[] on a request without a page token is fatal
        // (mimecast-api.md §7.3): Blocked with the server's message, nothing quarantined.
        m_ingest.maxPageAttempts = 2;
        const QString stream = u"awareness.watchlist"_s;
        setFaults(u"fail-200:always=1:retryable=0:path=/api/awareness-training/company/"
                  u"get-watchlist-details"_s);
        for (int run = 0; run < 2; ++run) {
            const StreamRunResult result = runStream(stream);
            QCOMPARE(result.outcome, StreamOutcome::Blocked);
            QCOMPARE(result.apiError.kind, ApiError::Kind::BadConfiguration);
            QVERIFY2(
                result.message.contains(u"could not be processed"_s), qPrintable(result.message));
        }
        QCOMPARE(count(u"SELECT count(*) FROM sync_quarantine_page"_s), 0);
        QCOMPARE(m_cache->rowCount(tableOf(stream)), 0);
    }
};

QTEST_GUILESS_MAIN(TestSnapshotStream)
#include "tst_snapshotstream.moc"
