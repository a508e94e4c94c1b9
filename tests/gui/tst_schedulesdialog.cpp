// "Change all schedules" and "Retry blocked" (connectors.md §5), offscreen, driven through the
// main window with keys and clicks: the dialog opens from its shortcut, "set all to" fills
// every row, a connector whose range does not allow the value names the problem and nothing
// is saved, a corrected dialog saves every row in one go, and the controller's next ticks
// move at once (last tick + new interval, or now). Both actions land in the activity log.
#include "config/connectorconfig.h"
#include "dialogs/schedulesdialog.h"
#include "ingest/synccontroller.h"
#include "mainwindow.h"
#include "pages/healthpage.h"
#include "secrets/memorysecretstore.h"
#include "testcache.h"
#include "testenvironment.h"
#include "util/activitylog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

void configure(const QString &settingsPath, const QString &id, int intervalMinutes)
{
    QSettings settings(settingsPath, QSettings::IniFormat);
    ConnectorConfig config;
    config.id = id;
    config.configured = true;
    config.enabled = true;
    // Nothing listens here: a run fails at once with "connection refused".
    config.baseUrl = QUrl(u"http://127.0.0.1:9"_s);
    config.clientId = u"client-"_s + id;
    config.intervalMinutes = intervalMinutes;
    config.save(settings);
}

int storedInterval(const QString &settingsPath, const QString &id)
{
    QSettings settings(settingsPath, QSettings::IniFormat);
    return ConnectorConfig::load(settings, id).intervalMinutes;
}

bool activityContains(const QString &settingsPath, const QString &text)
{
    for (const QString &line : ActivityLog::forSettings(settingsPath).entries()) {
        if (line.contains(text))
            return true;
    }
    return false;
}

void replaceText(QSpinBox *box, const QString &text)
{
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, text);
}

SyncEngine::Options quickFailing()
{
    SyncEngine::Options options;
    options.client.connectTimeoutMs = 1000;
    options.client.maxRetries = 0;
    options.client.backoffBaseMs = 10;
    options.client.backoffCapMs = 10;
    return options;
}

} // namespace

class TestSchedulesDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changeAllSchedules()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const QString settingsPath = cache.directory() + u"/settings.ini"_s;
        configure(settingsPath, u"seg"_s, 30);
        configure(settingsPath, u"ttp"_s, 60);
        configure(settingsPath, u"awareness"_s, 720);
        MemorySecretStore secrets; // no secrets: a tick ends at once with a problem

        SyncController controller(
            cache.writer(), cache.definition(), secrets, settingsPath, quickFailing());
        qint64 now = 1'750'000'000'000;
        controller.setClock([&now] { return now; });
        controller.startSchedule();
        // The catch-up ticks come within 30 s of the start.
        now += 31'000;
        QSignalSpy finished(&controller, &SyncController::syncFinished);
        controller.checkSchedule();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const qint64 segLast = controller.lastTickMs(u"seg"_s);
        const qint64 ttpLast = controller.lastTickMs(u"ttp"_s);
        const qint64 awarenessLast = controller.lastTickMs(u"awareness"_s);
        QVERIFY(segLast > 0 && ttpLast > 0 && awarenessLast > 0);
        QCOMPARE(controller.lastTickMs(u"audit"_s), -1); // not configured
        QCOMPARE(controller.nextTickMs(u"seg"_s), segLast + 30 * 60'000);
        QCOMPARE(controller.nextTickMs(u"awareness"_s), awarenessLast + 720 * 60'000);
        now += 20 * 60'000;

        MainWindow window(
            cache.directory(), cache.path(), cache.definition(), secrets, settingsPath);
        window.setSyncController(&controller, cache.writer());
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // File → Change all schedules, from its shortcut.
        QTest::keyClick(&window, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        QPointer<SchedulesDialog> dialog;
        QTRY_VERIFY((dialog = window.findChild<SchedulesDialog *>()) != nullptr);
        QVERIFY(dialog->isVisible());
        const auto spin = [&](const QString &name) { return dialog->findChild<QSpinBox *>(name); };
        const auto combo = [&](const QString &name) {
            return dialog->findChild<QComboBox *>(name);
        };
        QCOMPARE(spin(u"interval:seg"_s)->value(), 30);
        QCOMPARE(combo(u"unit:seg"_s)->currentIndex(), 0); // minutes
        QCOMPARE(spin(u"interval:ttp"_s)->value(), 1);
        QCOMPARE(combo(u"unit:ttp"_s)->currentIndex(), 1); // hours
        QCOMPARE(spin(u"interval:awareness"_s)->value(), 12);
        QVERIFY(dialog->findChild<QCheckBox *>(u"enabled:seg"_s)->isChecked());
        QVERIFY(!spin(u"interval:audit"_s)->isEnabled()); // not configured
        for (const QLabel *label : dialog->findChildren<QLabel *>())
            QCOMPARE(label->textFormat(), Qt::PlainText);

        // Set all to 10 minutes: too short for Awareness Training (60–10080).
        replaceText(spin(u"allInterval"_s), u"10"_s);
        QCOMPARE(spin(u"allInterval"_s)->value(), 10);
        QCOMPARE(combo(u"allUnit"_s)->currentIndex(), 0);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"applyAll"_s), Qt::LeftButton);
        for (const QString &id : {u"seg"_s, u"ttp"_s, u"awareness"_s}) {
            QCOMPARE(spin(u"interval:"_s + id)->value(), 10);
            QCOMPARE(combo(u"unit:"_s + id)->currentIndex(), 0);
        }
        QCOMPARE(spin(u"interval:audit"_s)->value(), 1); // untouched: 1 hour
        // Disable TTP while at it.
        QTest::mouseClick(dialog->findChild<QCheckBox *>(u"enabled:ttp"_s), Qt::LeftButton);
        QVERIFY(!dialog->findChild<QCheckBox *>(u"enabled:ttp"_s)->isChecked());

        auto *save = dialog->findChild<QPushButton *>(u"save"_s);
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->rowMessage(u"awareness"_s).contains(u"10 minutes is outside 60–10080"_s),
            qPrintable(dialog->rowMessage(u"awareness"_s)));
        QVERIFY(dialog->rowMessage(u"seg"_s).isEmpty());
        QVERIFY(dialog->findChild<QLabel *>(u"message:awareness"_s)->isVisible());
        QVERIFY(dialog->findChild<QLabel *>(u"status"_s)->text().contains(u"Nothing was saved"_s));
        // Nothing saved, nothing moved.
        QCOMPARE(storedInterval(settingsPath, u"seg"_s), 30);
        QCOMPARE(storedInterval(settingsPath, u"awareness"_s), 720);
        QCOMPARE(controller.nextTickMs(u"seg"_s), segLast + 30 * 60'000);
        QVERIFY(dialog->grab().save(test::artifactsDirectory() + u"/schedules-dialog.png"_s));

        // Awareness Training every 2 hours, from the keyboard; then Save.
        QTest::keyClick(combo(u"unit:awareness"_s), Qt::Key_Down); // minutes → hours
        QCOMPARE(combo(u"unit:awareness"_s)->currentIndex(), 1);
        replaceText(spin(u"interval:awareness"_s), u"2"_s);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(dialog.isNull() || !dialog->isVisible());

        // Saved, all rows at once.
        QCOMPARE(storedInterval(settingsPath, u"seg"_s), 10);
        QCOMPARE(storedInterval(settingsPath, u"ttp"_s), 10);
        QCOMPARE(storedInterval(settingsPath, u"awareness"_s), 120);
        {
            QSettings settings(settingsPath, QSettings::IniFormat);
            QVERIFY(!ConnectorConfig::load(settings, u"ttp"_s).enabled);
            QVERIFY(ConnectorConfig::load(settings, u"seg"_s).enabled);
            QVERIFY(!ConnectorConfig::load(settings, u"audit"_s).configured);
            QVERIFY(!settings.contains(u"connectors/audit/intervalMinutes"_s));
        }
        // In effect at once: the last tick plus 10 minutes has passed, so now; Awareness
        // Training two hours after its last tick.
        QCOMPARE(controller.nextTickMs(u"seg"_s), now);
        QCOMPARE(controller.nextTickMs(u"ttp"_s), now);
        QCOMPARE(controller.nextTickMs(u"awareness"_s), awarenessLast + 120 * 60'000);
        QCOMPARE(controller.lastTickMs(u"seg"_s), segLast); // saving is not a tick
        QVERIFY(activityContains(settingsPath, u"Change all schedules"_s));
        QVERIFY(activityContains(settingsPath, u"seg: 30 min → 10 min"_s));
        QVERIFY(activityContains(settingsPath, u"awareness: 720 min → 120 min"_s));

        // The next check runs SEG now, and not TTP, which is disabled.
        QSignalSpy started(&controller, &SyncController::syncStarted);
        controller.checkSchedule();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.first().first().toStringList(), QStringList {u"seg"_s});
        QCOMPARE(controller.lastTickMs(u"seg"_s), now);
        QCOMPARE(controller.nextTickMs(u"seg"_s), now + 10 * 60'000);

        // The Jobs & health page opens the same dialog.
        window.showPage(2);
        QTest::mouseClick(window.healthPage()->findChild<QPushButton *>(u"changeSchedulesButton"_s),
            Qt::LeftButton);
        QTRY_VERIFY((dialog = window.findChild<SchedulesDialog *>()) != nullptr);
        QCOMPARE(spin(u"interval:awareness"_s)->value(), 2);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"cancel"_s), Qt::LeftButton);
        QTRY_VERIFY(dialog.isNull());
    }

    void retryBlocked()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const QString settingsPath = cache.directory() + u"/settings.ini"_s;
        configure(settingsPath, u"ttp"_s, 60);
        MemorySecretStore secrets;
        QVERIFY(secrets.write(SecretStore::connectorKey(u"ttp"_s), u"s3cret-ttp"_s).result().ok());
        // The last run of ttp.url was blocked (bad credentials, say).
        WriteUnit seed;
        seed.statements.append(
            {u"INSERT INTO sync_stream (stream_id, connector_id, state, last_run, "
             u"last_error_kind, last_error) VALUES ('ttp.url', 'ttp', 'blocked', "
             u"'2025-06-01T00:00:00.000Z', 'auth', 'the client ID or secret was rejected')"_s,
                {}});
        QVERIFY(cache.write(seed).ok());

        SyncController controller(
            cache.writer(), cache.definition(), secrets, settingsPath, quickFailing());
        MainWindow window(
            cache.directory(), cache.path(), cache.definition(), secrets, settingsPath);
        window.setSyncController(&controller, cache.writer());
        window.show();
        window.showPage(2);
        HealthPage *page = window.healthPage();
        QSignalSpy refreshed(page, &HealthPage::refreshed);
        page->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 10000);
        auto *retryBlocked = page->findChild<QPushButton *>(u"retryBlockedButton"_s);
        auto *syncAll = page->findChild<QPushButton *>(u"syncAllButton"_s);
        QVERIFY(retryBlocked && syncAll);
        QTRY_VERIFY(retryBlocked->isEnabled());

        // Sync all now skips the blocked stream and runs the other two.
        QSignalSpy finished(&controller, &SyncController::syncFinished);
        QTest::mouseClick(syncAll, Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QList<StreamReport> reports = finished.takeFirst().first().value<QList<StreamReport>>();
        QCOMPARE(reports.size(), 3);
        QCOMPARE(reports.first().stream, u"ttp.url"_s);
        QVERIFY(reports.first().skipped);
        QCOMPARE(reports.first().result.outcome, StreamOutcome::Blocked);
        QCOMPARE(reports.first().result.message, u"the client ID or secret was rejected"_s);
        for (qsizetype i = 1; i < reports.size(); ++i)
            QVERIFY(!reports.at(i).skipped && reports.at(i).stream != u"ttp.url"_s);
        auto *summary = page->findChild<QLabel *>(u"summaryLabel"_s);
        QVERIFY2(summary->text().startsWith(u"Sync finished: 3 stream(s)"_s),
            qPrintable(summary->text()));
        QVERIFY(page->findChild<QTableWidget *>(u"progressTable"_s)
                    ->item(0, 5)
                    ->text()
                    .startsWith(u"Blocked, skipped: the client ID or secret was rejected"_s));

        // Nothing listens at the base URL, so the two that ran are blocked now too. Make them
        // healthy, as if a later run had fixed them: Retry blocked must leave them alone.
        WriteUnit healthy;
        healthy.statements.append({u"UPDATE sync_stream SET state = 'ok' WHERE stream_id <> "
                                   u"'ttp.url'"_s,
            {}});
        QVERIFY(cache.write(healthy).ok());
        refreshed.clear();
        page->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 10000);

        // Retry blocked runs only ttp.url.
        QTRY_VERIFY(retryBlocked->isEnabled());
        QTest::mouseClick(retryBlocked, Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        reports = finished.takeFirst().first().value<QList<StreamReport>>();
        QCOMPARE(reports.size(), 1);
        QCOMPARE(reports.first().stream, u"ttp.url"_s);
        QVERIFY(!reports.first().skipped);
        QCOMPARE(
            cache.scalar(u"SELECT state FROM sync_stream WHERE stream_id = 'ttp.url'"_s).toString(),
            streamOutcomeName(reports.first().result.outcome));
        QVERIFY(
            activityContains(settingsPath, u"Retry blocked finished\t0 rows added; ttp.url "_s));

        QVERIFY(activityContains(settingsPath,
            u"Sync all now\tconnectors: ttp; blocked "
            u"streams skipped: ttp.url"_s));
        QVERIFY(activityContains(settingsPath, u"Retry blocked\tconnectors: ttp"_s));
        QVERIFY(activityContains(settingsPath, u"Retry blocked finished"_s));
        for (const QString &line : ActivityLog::forSettings(settingsPath).entries())
            QVERIFY(!line.contains(u"s3cret-ttp"_s));
    }
};

QTEST_MAIN(TestSchedulesDialog)
#include "tst_schedulesdialog.moc"
