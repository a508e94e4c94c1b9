// The demo as the window runs it: the simulator as a child process, a throwaway profile with
// every connector configured against it, the demo secret in memory, a sync through the real
// engine, and the overview showing the rows. Screenshots of the pages are kept.
#include "config/runtimesettings.h"
#include "demo/demosession.h"
#include "ingest/synccontroller.h"
#include "mainwindow.h"
#include "models/streamhealthmodel.h"
#include "pages/cacheoverviewpage.h"
#include "profile/profilesettings.h"
#include "secrets/memorysecretstore.h"
#include "storage/cachewriter.h"
#include "testenvironment.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

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

        // The GUI thread must stay responsive while the demo starts and syncs.
        qint64 worstGapMs = 0;
        QElapsedTimer sinceTick;
        sinceTick.start();
        QTimer probe;
        probe.setInterval(10);
        connect(&probe, &QTimer::timeout, this,
            [&] { worstGapMs = std::max(worstGapMs, sinceTick.restart()); });
        probe.start();

        QElapsedTimer clock;
        clock.start();
        demo.start();
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 30000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QVERIFY(finished.wait(180000));
        const qint64 syncMs = clock.elapsed();
        probe.stop();
        const QList<StreamReport> reports = finished.first().first().value<QList<StreamReport>>();
        QCOMPARE(reports.size(), 11);
        qint64 rows = 0;
        for (const StreamReport &report : reports) {
            QVERIFY2(report.result.outcome == StreamOutcome::Ok,
                qPrintable(report.stream + u": "_s + report.result.message));
            rows += report.result.stats.added;
        }
        qInfo("demo: %lld rows in %lld ms; GUI thread worst gap %lld ms", rows, syncMs, worstGapMs);
        QVERIFY(rows > 1000);
        QVERIFY2(syncMs < 60000, "a new user must see data within a minute");
        QVERIFY2(worstGapMs < 100, qPrintable(QString::number(worstGapMs)));

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
