// The whole ingestion engine against the simulator: all five connectors, all 11 tables equal
// the ground truth, a second sync adds nothing, health and history are recorded, leases are
// released, and the faults that are not recoverable by design end Blocked with their message.
#include "config/connectorconfig.h"
#include "dataset.h"
#include "ingest/syncengine.h"
#include "mimecastsimulator.h"
#include "storage/cachedatabase.h"
#include "storage/sqlidentifier.h"
#include "testcache.h"

#include <QFutureWatcher>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

class TestSyncEngine : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sim::MimecastSimulator> m_simulator;
    std::unique_ptr<test::TestCache> m_cache;

    QList<StreamReport> sync(const QStringList &connectors = {})
    {
        QList<SyncEngine::ConnectorRun> runs;
        for (const ConnectorInfo &info : ConnectorInfo::all()) {
            if (!connectors.isEmpty() && !connectors.contains(info.id))
                continue;
            ConnectorConfig config;
            config.id = info.id;
            config.enabled = true;
            config.baseUrl = QUrl(m_simulator->baseUrl());
            config.clientId = u"demo-client"_s;
            config.startDate = QDate::currentDate().addDays(-8);
            runs.append({config, u"demo-secret"_s});
        }
        SyncEngine::Options options;
        options.client.connectTimeoutMs = 2000;
        options.client.idleTimeoutMs = 2000;
        options.client.backoffBaseMs = 10;
        options.client.backoffCapMs = 50;
        options.client.maxRetries = 3;
        options.ingest.windowCapMs = 3LL * 24 * 3600 * 1000;
        options.concurrentJobs = 3;
        test::TestCache *cache = m_cache.get();
        QFuture<QList<StreamReport>> future = QtConcurrent::run([cache, runs, options] {
            SyncEngine engine(cache->writer(), cache->definition(), options);
            return engine.run(runs, nullptr);
        });
        QFutureWatcher<QList<StreamReport>> watcher;
        QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
        watcher.setFuture(future);
        if (!future.isFinished())
            finished.wait(300000);
        return future.result();
    }

private Q_SLOTS:
    void init()
    {
        sim::SimulatorConfig config;
        config.batchFileMinutes = 240; // fewer, larger files: a quicker test
        m_simulator = std::make_unique<sim::MimecastSimulator>(config);
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

    void everyTableEqualsTheTruth()
    {
        const QList<StreamReport> first = sync();
        QCOMPARE(first.size(), 11);
        for (const StreamReport &report : first)
            QVERIFY2(report.result.outcome == StreamOutcome::Ok && !report.skipped,
                qPrintable(report.stream + u": "_s + report.result.message + report.note));
        for (const QString &table : sim::Dataset::tableNames()) {
            QSet<QString> truth;
            for (const sim::Dataset::TruthRecord &record : m_simulator->dataset().truth(table))
                truth.insert(record.key);
            QVERIFY2(!truth.isEmpty(), qPrintable(table));
            QCOMPARE(m_cache->dedupKeys(table), truth);
        }

        const QList<StreamReport> second = sync();
        for (const StreamReport &report : second) {
            QVERIFY2(report.result.outcome == StreamOutcome::Ok, qPrintable(report.result.message));
            QCOMPARE(report.result.stats.added, 0);
        }
        // Health and history for every stream; no lease left behind.
        QCOMPARE(
            m_cache
                ->scalar(
                    u"SELECT count(*) FROM sync_stream WHERE state = 'ok' AND last_success IS NOT NULL"_s)
                .toInt(),
            11);
        QCOMPARE(m_cache->scalar(u"SELECT count(*) FROM job_run"_s).toInt(), 22);
        QCOMPARE(m_cache->scalar(u"SELECT count(*) FROM sync_lease"_s).toInt(), 0);
    }

    void unrecoverableFaultsBlock_data()
    {
        QTest::addColumn<QString>("faults");
        QTest::addColumn<QString>("connector");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong-region")
            << u"wrong-region"_s << u"audit"_s
            << u"No response from 127.0.0.1 — check the region or base URL"_s;
        QTest::newRow("forbidden")
            << u"forbidden:stream=audit.audit"_s << u"audit"_s << u"Account → Logs → Read"_s;
        QTest::newRow("forbidden siem")
            << u"forbidden:stream=cloud-integrated.ci"_s << u"cloud-integrated"_s
            << u"Threat and Security Events (SIEM) → Read"_s;
    }

    void unrecoverableFaultsBlock()
    {
        QFETCH(QString, faults);
        QFETCH(QString, connector);
        QFETCH(QString, message);
        QString problem;
        m_simulator->faults().replace(sim::FaultSet::parseList(faults, &problem));
        const QList<StreamReport> reports = sync({connector});
        QVERIFY(!reports.isEmpty());
        for (const StreamReport &report : reports) {
            QCOMPARE(report.result.outcome, StreamOutcome::Blocked);
            QVERIFY2(report.result.message.contains(message), qPrintable(report.result.message));
        }
        QCOMPARE(
            m_cache
                ->scalar(
                    u"SELECT count(*) FROM sync_stream WHERE state = 'blocked' AND last_error IS NOT NULL"_s)
                .toInt(),
            reports.size());
    }

    void aLiveLeaseKeepsAnotherRunOut()
    {
        // Another process holds the audit lease (not expired).
        WriteUnit lease;
        lease.statements.append(
            {u"INSERT INTO sync_lease VALUES ('audit.audit', 999999, 'other-host', ?)"_s,
                {QDateTime::currentDateTimeUtc().addSecs(120).toString(Qt::ISODateWithMs)}});
        QVERIFY(m_cache->write(lease).ok());
        const QList<StreamReport> reports = sync({u"audit"_s});
        QCOMPARE(reports.size(), 1);
        QVERIFY(reports.first().skipped);
        QCOMPARE(reports.first().note, u"running in another process"_s);
        QCOMPARE(m_cache->rowCount(u"Audit_CL"_s), 0);

        // A lease of a process on this machine that no longer exists is taken over at once.
        QProcess gone;
        gone.start(u"true"_s);
        QVERIFY(gone.waitForFinished());
        WriteUnit dead;
        dead.statements.append({u"UPDATE sync_lease SET owner_pid = ?, host = ?"_s,
            {gone.processId(), SyncEngine::machineIdentity()}});
        QVERIFY(m_cache->write(dead).ok());
        QVERIFY(!sync({u"audit"_s}).first().skipped);
        WriteUnit restore;
        restore.statements.append({u"INSERT INTO sync_lease VALUES ('audit.audit', 999999, "
                                   u"'other-host', ?)"_s,
            {QDateTime::currentDateTimeUtc().addSecs(120).toString(Qt::ISODateWithMs)}});
        QVERIFY(m_cache->write(restore).ok());

        // An expired lease (a crashed process) is taken over.
        WriteUnit expire;
        expire.statements.append(
            {u"UPDATE sync_lease SET expires_at = '2000-01-01T00:00:00.000Z'"_s, {}});
        QVERIFY(m_cache->write(expire).ok());
        const QList<StreamReport> again = sync({u"audit"_s});
        QVERIFY(!again.first().skipped);
        QCOMPARE(again.first().result.outcome, StreamOutcome::Ok);
        QVERIFY(m_cache->rowCount(u"Audit_CL"_s) > 0);
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
