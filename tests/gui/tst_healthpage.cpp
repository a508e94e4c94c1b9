// The Jobs & health page, offscreen, against the in-process simulator: "Sync all now" shows
// live progress per stream and then a summary, the GUI thread keeps ticking while the sync
// runs, and the quarantine and gap actions work through the page's buttons with their
// confirmations answered by the message-box test hook. Screenshots are kept as artifacts.
#include "config/connectorconfig.h"
#include "dialogs/messagebox.h"
#include "ingest/synccontroller.h"
#include "latencyprobe.h"
#include "mimecastsimulator.h"
#include "models/streamhealthmodel.h"
#include "pages/healthpage.h"
#include "secrets/memorysecretstore.h"
#include "testcache.h"
#include "testenvironment.h"
#include "widgets/plaintextdelegate.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QThread>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

template <typename T>
T *child(QWidget *parent, const QString &name)
{
    T *widget = parent->findChild<T *>(name);
    if (!widget)
        qWarning("no widget named %s", qPrintable(name));
    return widget;
}

/// The simulator on a thread of its own, as a remote server would be: serving HTTP on the
/// GUI thread would make the stall measurement measure the simulator.
class SimulatorThread
{
public:
    SimulatorThread()
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
    }
    ~SimulatorThread()
    {
        QMetaObject::invokeMethod(
            &m_context, [this] { m_simulator.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    bool start(const sim::SimulatorConfig &config, QString *error)
    {
        bool ok = false;
        QMetaObject::invokeMethod(
            &m_context,
            [&] {
                m_simulator = std::make_unique<sim::MimecastSimulator>(config);
                ok = m_simulator->start(0, error);
                m_baseUrl = m_simulator->baseUrl();
            },
            Qt::BlockingQueuedConnection);
        return ok;
    }

    QString baseUrl() const { return m_baseUrl; }

private:
    QThread m_thread;
    QObject m_context;
    std::unique_ptr<sim::MimecastSimulator> m_simulator;
    QString m_baseUrl;
};

int rowOf(const QList<QuarantineItem> &items, QuarantineItem::Kind kind, const QString &source)
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (items.at(i).kind == kind && items.at(i).source == source)
            return int(i);
    }
    return -1;
}

int pageRow(const QList<QuarantineItem> &items, const QString &stream)
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (items.at(i).kind == QuarantineItem::Kind::Page && items.at(i).stream == stream)
            return int(i);
    }
    return -1;
}

} // namespace

class TestHealthPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syncAndAdminActions()
    {
        sim::SimulatorConfig simConfig;
        simConfig.batchFileMinutes = 240; // fewer, larger files: a quicker test
        SimulatorThread simulator;
        QString error;
        QVERIFY2(simulator.start(simConfig, &error), qPrintable(error));

        test::TestCache cache;
        QVERIFY(cache.start());

        // Three connectors in a temporary settings file, the demo secret in memory.
        const QString settingsPath = cache.directory() + u"/settings.ini"_s;
        MemorySecretStore secrets;
        {
            QSettings settings(settingsPath, QSettings::IniFormat);
            for (const QString &id : {u"seg"_s, u"ttp"_s, u"audit"_s}) {
                ConnectorConfig config;
                config.id = id;
                config.configured = true;
                config.enabled = true;
                config.baseUrl = QUrl(simulator.baseUrl());
                config.clientId = u"demo-client"_s;
                config.startDate = QDate::currentDate().addDays(-8);
                config.save(settings);
                QVERIFY(
                    secrets.write(SecretStore::connectorKey(id), u"demo-secret"_s).result().ok());
            }
        }
        SyncEngine::Options options;
        options.client.connectTimeoutMs = 2000;
        options.client.idleTimeoutMs = 2000;
        options.client.backoffBaseMs = 10;
        options.client.backoffCapMs = 50;
        options.client.maxRetries = 3;
        options.ingest.windowCapMs = 3LL * 24 * 3600 * 1000;
        options.concurrentJobs = 3;
        SyncController controller(
            cache.writer(), cache.definition(), secrets, settingsPath, options);

        HealthPage page(cache.writer(), cache.path(), cache.definition(), controller);
        page.resize(1280, 860);
        QSignalSpy refreshed(&page, &HealthPage::refreshed);
        page.show();
        QVERIFY(refreshed.wait(10000));

        auto *syncButton = child<QPushButton>(&page, u"syncAllButton"_s);
        auto *cancelButton = child<QPushButton>(&page, u"cancelButton"_s);
        auto *progress = child<QTableWidget>(&page, u"progressTable"_s);
        auto *summary = child<QLabel>(&page, u"summaryLabel"_s);
        QVERIFY(syncButton && cancelButton && progress && summary);
        QVERIFY(syncButton->isEnabled());
        QVERIFY(!cancelButton->isEnabled());

        // Every label shows plain text (security.md rule 2).
        for (const QLabel *label : page.findChildren<QLabel *>())
            QCOMPARE(label->textFormat(), Qt::PlainText);

        // The GUI thread's event-loop latency while the sync runs (latencyprobe.h: the wall
        // clock, and the same without the time the thread waited for a CPU that compilers on
        // this two-core machine had; the second is what the page and the controller can be
        // blamed for).
        test::LatencyProbe probe(10);

        QSignalSpy finished(&controller, &SyncController::syncFinished);
        QElapsedTimer clock;
        clock.start();
        probe.start();
        QTest::mouseClick(syncButton, Qt::LeftButton);
        QVERIFY(!syncButton->isEnabled());
        QVERIFY(cancelButton->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(progress->rowCount() > 0, 30000);
        const QString firstStream = progress->item(0, 0)->text();
        QVERIFY(progress->cellWidget(0, 1)->inherits("QProgressBar"));
        QVERIFY(finished.wait(300000));
        probe.stop();
        const qint64 syncMs = clock.elapsed();
        qInfo("sync took %lld ms; GUI thread: %s", syncMs, qPrintable(probe.summary()));

        QVERIFY2(summary->text().startsWith(u"Sync finished: 6 stream(s): 6 OK"_s),
            qPrintable(summary->text()));
        QCOMPARE(progress->rowCount(), 6);
        QVERIFY(!firstStream.isEmpty());
        QVERIFY(syncButton->isEnabled());
        QVERIFY(!cancelButton->isEnabled());
        for (int row = 0; row < progress->rowCount(); ++row) {
            QCOMPARE(progress->item(row, 5)->text(), u"OK"_s);
            QCOMPARE(progress->item(row, 1)->text(), u"OK"_s); // the bar gave way
        }
        QVERIFY2(probe.maxOwnStallMs() < 50, qPrintable(probe.summary()));

        // The health table fills from the refresh after the sync.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const StreamHealth &health : page.healthModel()->streams()) {
                    if (health.stream == "ttp.url"_L1)
                        return health.rows > 0;
                }
                return false;
            }(),
            10000);
        QTRY_VERIFY_WITH_TIMEOUT(page.historyModel()->rowCount() >= 6, 10000);
        QVERIFY(page.grab().save(test::artifactsDirectory() + u"/healthpage-sync.png"_s));

        // --- Quarantine actions -------------------------------------------------------------
        const QString hostile = u"<b>x</b><img src=x>"_s;
        const QString windowFrom = u"2025-05-01T00:00:00.000Z"_s;
        const QString windowTo = u"2025-05-02T00:00:00.000Z"_s;
        WriteUnit seed;
        seed.statements.append(
            {u"INSERT INTO sync_quarantine_page (stream_id, part, window_from, window_to, page_no, "
             u"page_token, attempts, last_error, created_at) VALUES ('ttp.url', '', ?, ?, 4, "
             u"'tok', 5, 'malformed record', '2025-06-01T00:00:00.000Z')"_s,
                {windowFrom, windowTo}});
        for (const QString &key : {u"cg/receipt/file-1.gz"_s, u"cg/receipt/file-2.gz"_s}) {
            seed.statements.append(
                {u"INSERT INTO batch_file (connector_id, stream_id, type, file_key, state, "
                 u"attempts, last_error, updated_at) VALUES ('seg', 'seg.cg', 'receipt', ?, "
                 u"'quarantined', 5, ?, '2025-06-01T00:00:00.000Z')"_s,
                    {key, hostile}});
        }
        seed.statements.append(
            {u"INSERT INTO sync_quarantine_line (stream_id, part, source, line_no, length, "
             u"sha256, text_prefix, reason, created_at) VALUES ('seg.cg', 'receipt', "
             u"'cg/receipt/file-0.gz', 17, 40, 'ab', ?, 'not JSON', "
             u"'2025-06-01T00:00:00.000Z')"_s,
                {hostile}});
        // Schema drift as the counters of a run record it, with a hostile field name.
        seed.statements.append(
            {u"INSERT INTO sync_stream (stream_id, connector_id, coercion_warnings, "
             u"unknown_types, undeclared_fields) VALUES ('seg.cg', 'seg', 4, 2, ?) ON CONFLICT "
             u"(stream_id) DO UPDATE SET coercion_warnings = excluded.coercion_warnings, "
             u"unknown_types = excluded.unknown_types, undeclared_fields = "
             u"excluded.undeclared_fields"_s,
                {QString::fromUtf8(QJsonDocument(
                    QJsonObject {{hostile, 9}, {u"riskScore"_s, 40}, {u"f1"_s, 3}, {u"f2"_s, 2},
                        {u"f3"_s, 2}, {u"f4"_s, 1},
                        {u"f5"_s, 1}}).toJson(QJsonDocument::Compact))}});
        QVERIFY(cache.write(seed).ok());
        refreshed.clear();
        page.refresh();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(page.quarantineItems().size(), 4);

        // The data quality tab: counts per stream, the most frequent undeclared names first
        // and literal, the rest counted and listed in the tooltip.
        auto *qualityTabs = child<QTabWidget>(&page, u"healthTabs"_s);
        QVERIFY(qualityTabs);
        qualityTabs->setCurrentIndex(4);
        int cgRow = -1;
        for (int row = 0; row < page.qualityModel()->rowCount(); ++row) {
            if (page.qualityModel()->index(row, 0).data().toString() == "seg.cg"_L1)
                cgRow = row;
        }
        QVERIFY(cgRow >= 0);
        QCOMPARE(page.qualityModel()->index(cgRow, 2).data().toString(), u"4"_s);
        QCOMPARE(page.qualityModel()->index(cgRow, 3).data().toString(), u"2"_s);
        const QModelIndex fields = page.qualityModel()->index(cgRow, 4);
        QVERIFY2(fields.data().toString().startsWith(u"riskScore (40), "_s + hostile + u" (9)"_s),
            qPrintable(fields.data().toString()));
        QVERIFY2(fields.data().toString().endsWith(u"and 2 more"_s),
            qPrintable(fields.data().toString()));
        QVERIFY(fields.data(Qt::ToolTipRole).toString().contains(u"f5 (1)"_s));
        auto *qualityView = child<QTableView>(&page, u"qualityView"_s);
        QVERIFY(qualityView);
        const QString shownTip =
            PlainTextDelegate::toolTipHtml(fields.data(Qt::ToolTipRole).toString());
        QVERIFY(shownTip.contains(hostile.toHtmlEscaped()));
        QVERIFY(!shownTip.contains(hostile));
        fitAndShoot(&page, u"/healthpage-quality.png"_s);

        auto *tabs = child<QTabWidget>(&page, u"healthTabs"_s);
        auto *quarantineView = child<QTableView>(&page, u"quarantineView"_s);
        auto *retryButton = child<QPushButton>(&page, u"retryButton"_s);
        auto *skipButton = child<QPushButton>(&page, u"skipButton"_s);
        auto *acceptButton = child<QPushButton>(&page, u"acceptPartialButton"_s);
        auto *purgeButton = child<QPushButton>(&page, u"purgeLinesButton"_s);
        QVERIFY(tabs && quarantineView && retryButton && skipButton && acceptButton && purgeButton);
        tabs->setCurrentIndex(2);
        QVERIFY(!retryButton->isEnabled()); // nothing selected yet
        QVERIFY(purgeButton->isEnabled());

        // Attacker text stays literal in the table and in the confirmation.
        const int file1 =
            rowOf(page.quarantineItems(), QuarantineItem::Kind::File, u"cg/receipt/file-1.gz"_s);
        QVERIFY(file1 >= 0);
        QCOMPARE(page.quarantineModel()->index(file1, 5).data().toString(), hostile);
        fitAndShoot(&page, u"/healthpage-quarantine.png"_s);

        // Retry, answered "No": nothing happens.
        quarantineView->selectRow(file1);
        QVERIFY(retryButton->isEnabled() && acceptButton->isEnabled());
        MessageBox::setNextAnswer(QMessageBox::No);
        QTest::mouseClick(retryButton, Qt::LeftButton);
        QVERIFY(MessageBox::lastText().contains(hostile));
        QVERIFY(MessageBox::lastText().contains(u"cg/receipt/file-1.gz"_s));
        QCOMPARE(cache
                     .scalar(u"SELECT state FROM batch_file WHERE file_key = "
                             u"'cg/receipt/file-1.gz'"_s)
                     .toString(),
            u"quarantined"_s);

        // Retry, answered "Yes": the file is pending again with its attempts reset.
        QSignalSpy actions(&page, &HealthPage::actionFinished);
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(retryButton, Qt::LeftButton);
        // A write can finish before its continuation is attached, which then runs at once:
        // count the signals instead of waiting for the next one.
        QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 1, 10000);
        QCOMPARE(actions.takeFirst().at(0).toBool(), true);
        QCOMPARE(cache
                     .scalar(u"SELECT state || '/' || attempts FROM batch_file WHERE file_key = "
                             u"'cg/receipt/file-1.gz'"_s)
                     .toString(),
            u"pending/0"_s);
        QTRY_COMPARE(page.quarantineItems().size(), 3);

        // Accept partial on the second file: partial, and a gap naming the file.
        const int file2 =
            rowOf(page.quarantineItems(), QuarantineItem::Kind::File, u"cg/receipt/file-2.gz"_s);
        QVERIFY(file2 >= 0);
        quarantineView->selectRow(file2);
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(acceptButton, Qt::LeftButton);
        QVERIFY(MessageBox::lastText().contains(u"no rows of this file were kept"_s));
        QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 1, 10000);
        QCOMPARE(actions.takeFirst().at(0).toBool(), true);
        QCOMPARE(cache
                     .scalar(u"SELECT state FROM batch_file WHERE file_key = "
                             u"'cg/receipt/file-2.gz'"_s)
                     .toString(),
            u"partial"_s);
        QCOMPARE(cache
                     .scalar(u"SELECT count(*) FROM sync_gap WHERE reason LIKE "
                             u"'%unknown range, file cg/receipt/file-2.gz'"_s)
                     .toInt(),
            1);
        QTRY_COMPARE(page.quarantineItems().size(), 2);

        // Skip the window page: a gap over its window, the cursor moves to its end.
        const int pageIndex = pageRow(page.quarantineItems(), u"ttp.url"_s);
        QVERIFY(pageIndex >= 0);
        quarantineView->selectRow(pageIndex);
        QVERIFY(skipButton->isEnabled());
        QVERIFY(!acceptButton->isEnabled()); // files only
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(skipButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 1, 10000);
        QCOMPARE(actions.takeFirst().at(0).toBool(), true);
        QCOMPARE(
            cache.scalar(u"SELECT state FROM sync_quarantine_page"_s).toString(), u"skipped"_s);
        QCOMPARE(cache
                     .scalar(u"SELECT count(*) FROM sync_gap WHERE stream_id = 'ttp.url' AND "
                             u"reason = 'page skipped' AND from_time = '2025-05-01T00:00:00.000Z' "
                             u"AND to_time = '2025-05-02T00:00:00.000Z'"_s)
                     .toInt(),
            1);
        QCOMPARE(cache
                     .scalar(u"SELECT json_extract(cursor_json, '$.completed_to') || '|' || "
                             u"coalesce(json_extract(cursor_json, '$.page_token'), 'null') FROM "
                             u"sync_cursor WHERE stream_id = 'ttp.url' AND part = ''"_s)
                     .toString(),
            windowTo + u"|null"_s);
        QTRY_COMPARE(page.quarantineItems().size(), 1);

        // Purge the quarantined line: its text goes, its fingerprint stays.
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(purgeButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 1, 10000);
        QCOMPARE(actions.takeFirst().at(0).toBool(), true);
        QCOMPARE(cache
                     .scalar(u"SELECT state || '|' || coalesce(text_prefix, 'null') || '|' || "
                             u"sha256 FROM sync_quarantine_line"_s)
                     .toString(),
            u"purged|null|ab"_s);
        QTRY_VERIFY(page.quarantineItems().isEmpty());
        QTRY_VERIFY(!purgeButton->isEnabled());

        // Acknowledge the skipped page's gap.
        tabs->setCurrentIndex(3);
        auto *gapView = child<QTableView>(&page, u"gapView"_s);
        auto *acknowledgeButton = child<QPushButton>(&page, u"acknowledgeButton"_s);
        QVERIFY(gapView && acknowledgeButton);
        int gapRow = -1;
        qint64 gapId = 0;
        for (qsizetype i = 0; i < page.gaps().size(); ++i) {
            if (page.gaps().at(i).reason == "page skipped"_L1) {
                gapRow = int(i);
                gapId = page.gaps().at(i).id;
            }
        }
        QVERIFY(gapRow >= 0);
        QVERIFY(!acknowledgeButton->isEnabled());
        gapView->selectRow(gapRow);
        QVERIFY(acknowledgeButton->isEnabled());
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(acknowledgeButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(actions.count(), 1, 10000);
        QCOMPARE(actions.takeFirst().at(0).toBool(), true);
        QCOMPARE(
            cache.scalar(u"SELECT acknowledged FROM sync_gap WHERE id = %1"_s.arg(gapId)).toInt(),
            1);
        QTRY_COMPARE(page.gapModel()->index(gapRow, 7).data().toString(), u"yes"_s);
        QVERIFY(!acknowledgeButton->isEnabled()); // the selected gap is acknowledged now
        fitAndShoot(&page, u"/healthpage-gaps.png"_s);
    }

private:
    void fitAndShoot(QWidget *page, const QString &name)
    {
        QVERIFY(page->grab().save(test::artifactsDirectory() + name));
    }
};

QTEST_MAIN(TestHealthPage)
#include "tst_healthpage.moc"
