// The demo as the window runs it: the simulator as a child process, a throwaway profile with
// every connector configured against it, the demo secret in memory, a sync through the real
// engine, and the overview showing the rows. Screenshots of the pages are kept.
#include "config/runtimesettings.h"
#include "demo/demosession.h"
#include "ingest/synccontroller.h"
#include "latencyprobe.h"
#include "mainwindow.h"
#include "models/streamhealthmodel.h"
#include "pages/cacheoverviewpage.h"
#include "pages/healthpage.h"
#include "profile/profilesettings.h"
#include "secrets/memorysecretstore.h"
#include "storage/cachewriter.h"
#include "testenvironment.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

/// Threads of this process at nice 10 or more (Linux: /proc/self/task/*/stat, field 19).
int nicedThreads()
{
    int count = 0;
    const QStringList tasks =
        QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &task : tasks) {
        QFile stat(u"/proc/self/task/"_s + task + u"/stat"_s);
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 16 && fields.at(16).toInt() >= 10)
            ++count;
    }
    return count;
}

} // namespace

class TestDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Thousands of request lines would only measure the test's own logging.
        QLoggingCategory::setFilterRules(u"msc.*.debug=false"_s);
    }

    void demoSyncsAndShowsData()
    {
        DemoSession demo;
        QVERIFY2(demo.isValid(), qPrintable(demo.errorString()));
        const QString cachePath = demo.profileDirectory() + u"/console.db"_s;
        const QString settingsPath = demo.profileDirectory() + u"/settings.ini"_s;
        const SchemaDefinition definition = SchemaDefinition::builtIn();
        CacheWriter writer(definition, CacheWriter::Options {cachePath});
        QVERIFY(!writer.start().result().isError());

        MainWindow window(
            demo.profileDirectory(), cachePath, definition, demo.secrets(), settingsPath);
        window.setDemoNotice(u"Demo: data from the local Mimecast simulator"_s);
        SyncEngine::Options options = syncOptionsFromProfile(ProfileSettings(settingsPath));
        SyncController controller(writer, definition, demo.secrets(), settingsPath, options);
        window.setSyncController(&controller, writer);
        QSignalSpy ready(&demo, &DemoSession::ready);
        QSignalSpy failed(&demo, &DemoSession::failed);
        QSignalSpy finished(&controller, &SyncController::syncFinished);
        QObject::connect(&demo, &DemoSession::ready, &controller, &SyncController::syncAllNow);
        window.show();

        // The GUI thread must stay responsive while the demo starts and syncs (issue: no stall
        // over 50 ms), measured by the event-loop probe: see latencyprobe.h for what it counts.
        test::LatencyProbe probe(10);
        probe.start();
        // Progress must move while the sync runs: the rows reported per stream grow.
        QSignalSpy progress(&controller, &SyncController::streamProgress);
        QHash<QString, qint64> firstRows;
        QHash<QString, qint64> lastRows;
        int sawNicedThreads = -1;
        connect(&controller, &SyncController::streamProgress, this,
            [&](const QString &stream, qint64 rows, qint64, qint64, const QString &wait, qint64) {
                if (!wait.isEmpty())
                    return;
                if (!firstRows.contains(stream))
                    firstRows.insert(stream, rows);
                if (lastRows.isEmpty())
                    sawNicedThreads = nicedThreads();
                lastRows.insert(stream, rows);
            });
        int progressBarsSeen = 0;
        QTimer barWatch;
        barWatch.setInterval(50);
        connect(&barWatch, &QTimer::timeout, this, [&] {
            const auto *table = window.healthPage()->findChild<QTableWidget *>(u"progressTable"_s);
            int bars = 0;
            for (int row = 0; table && row < table->rowCount(); ++row)
                bars += qobject_cast<QProgressBar *>(table->cellWidget(row, 1)) ? 1 : 0;
            progressBarsSeen = std::max(progressBarsSeen, bars);
        });
        barWatch.start();

        QElapsedTimer clock;
        clock.start();
        demo.start();
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 30000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QVERIFY(finished.wait(180000));
        const qint64 syncMs = clock.elapsed();
        probe.stop();
        barWatch.stop();
        const QList<StreamReport> reports = finished.first().first().value<QList<StreamReport>>();
        QCOMPARE(reports.size(), 11);
        qint64 rows = 0;
        for (const StreamReport &report : reports) {
            QVERIFY2(report.result.outcome == StreamOutcome::Ok,
                qPrintable(report.stream + u": "_s + report.result.message));
            rows += report.result.stats.added;
        }
        qInfo("demo: %lld rows in %lld ms; %lld progress reports; GUI thread: %s", rows, syncMs,
            qint64(progress.count()), qPrintable(probe.summary()));
        QVERIFY(rows > 1000);
        QVERIFY2(syncMs < 60000, "a new user must see data within a minute");
        QVERIFY2(probe.maxOwnStallMs() < 50, qPrintable(probe.summary()));
        // And a coarse bound on the wall clock, so that leaving the scheduler's share out can
        // never hide a real regression (measured 14–46 ms with the load average at 3 on two
        // cores; 87 ms before progress reports were coalesced).
        QVERIFY2(probe.maxWallStallMs() < 250, qPrintable(probe.summary()));
        // The progress moved: a bar per running stream on Jobs & health, and rows reported
        // growing while the streams ran, not only at the end.
        QVERIFY(progressBarsSeen > 0);
        int grew = 0;
        for (auto it = lastRows.cbegin(); it != lastRows.cend(); ++it)
            grew += it.value() > firstRows.value(it.key()) ? 1 : 0;
        QVERIFY2(grew > 0, "no stream reported growing progress");
        // The sync's threads give way to the GUI thread (SyncController runs them at nice 10).
        qInfo("threads at nice 10 while syncing: %d", sawNicedThreads);
        QVERIFY(sawNicedThreads >= 2);

        // The overview refreshes after the sync.
        QSignalSpy refreshed(window.overviewPage(), &CacheOverviewPage::refreshed);
        QTRY_VERIFY_WITH_TIMEOUT(window.overviewPage()->model()->rowCount() == 11
                && window.overviewPage()->model()->streams().first().rows > 0,
            20000);
        const QString directory = test::artifactsDirectory();
        QVERIFY(window.grab().save(directory + u"/demo-overview.png"_s));
        const QStringList pages {u"connectors"_s, u"health"_s, u"data"_s};
        for (int page = 1; page <= 3; ++page) {
            window.showPage(page);
            QTest::qWait(1500); // let the page load its data
            QVERIFY(window.grab().save(directory + u"/demo-"_s + pages.at(page - 1) + u".png"_s));
        }
    }
};

QTEST_MAIN(TestDemo)
#include "tst_demo.moc"
