// The log viewer on the Settings page, offscreen: lines logged anywhere reach it through the
// redacting message handler, already redacted; they arrive in batches without blocking the
// logging threads; the level and text filters work; attacker-looking text stays literal.
#include "models/logmodel.h"
#include "pages/settingspage.h"
#include "testenvironment.h"
#include "util/logbuffer.h"
#include "util/logging.h"
#include "util/redaction.h"
#include "widgets/logviewer.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

QStringList shownMessages(const QAbstractItemModel *model)
{
    QStringList messages;
    for (int row = 0; row < model->rowCount(); ++row)
        messages.append(model->index(row, LogModel::MessageColumn).data().toString());
    return messages;
}

} // namespace

class TestLogViewer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Only this test's own categories: Qt's platform notes would add rows.
        QLoggingCategory::setFilterRules(
            u"*.debug=false\nqt.*=false\ndefault.warning=false\nmsc.*.debug=true"_s);
        Redaction::installMessageHandler();
    }

    void redactedFilteredAndLive()
    {
        LogBuffer buffer(200);
        LogBuffer::install(&buffer);
        QTemporaryDir directory;
        SettingsPage page(directory.path() + u"/settings.ini"_s);
        page.setLogBuffer(buffer);
        page.resize(900, 600);
        page.show();
        page.showLog();
        LogViewer *viewer = page.logViewer();
        QVERIFY(viewer && viewer->isVisible());
        QAbstractItemModelTester modelTester(
            viewer->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(
            viewer->filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        const QString secret = u"Zq8-registered-secret"_s;
        Redaction::registerSecret(secret);
        qCWarning(lcMimecast).noquote()
            << u"token request failed: client_secret=hunter2hunter2&grant_type=x"_s;
        qCInfo(lcSync).noquote() << u"Authorization: Bearer eyJhbGciOi.payload.sig for "_s + secret;
        qCInfo(lcCache).noquote() << u"subject <b>x</b><img src=x> stored"_s;
        qCDebug(lcCache).noquote() << u"a debug line"_s;
        QTRY_COMPARE(viewer->model()->rowCount(), 4);

        const QStringList all = shownMessages(viewer->model());
        const QString joined = all.join(u'\n');
        QVERIFY2(!joined.contains(u"hunter2hunter2"_s), qPrintable(joined));
        QVERIFY(!joined.contains(u"eyJhbGciOi"_s));
        QVERIFY(!joined.contains(secret));
        QVERIFY(all.at(0).contains(u"client_secret=[REDACTED]"_s));
        QVERIFY(all.at(1).contains(u"Bearer [REDACTED]"_s));
        QCOMPARE(all.at(1).count(u"[REDACTED]"_s), 2);
        // Attacker-looking text is data: shown as the characters it is.
        QCOMPARE(all.at(2), u"subject <b>x</b><img src=x> stored"_s);
        QVERIFY(
            !viewer->model()->index(2, LogModel::MessageColumn).data(Qt::ToolTipRole).isValid());
        QVERIFY(viewer->view()->itemDelegate()->inherits("msc::PlainTextDelegate"));
        QCOMPARE(viewer->model()->index(0, LogModel::LevelColumn).data().toString(), u"Warning"_s);
        QCOMPARE(viewer->model()->index(0, LogModel::CategoryColumn).data().toString(),
            u"msc.mimecast"_s);

        // Level: "Info and above" is the default, so the debug line is hidden.
        QCOMPARE(viewer->filterModel()->rowCount(), 3);
        auto *level = viewer->findChild<QComboBox *>(u"logLevelFilter"_s);
        QTest::keyClick(level, Qt::Key_Down); // Warnings and errors
        QCOMPARE(viewer->filterModel()->rowCount(), 1);
        QTest::keyClick(level, Qt::Key_Home); // Debug and above
        QCOMPARE(viewer->filterModel()->rowCount(), 4);

        // Text, typed: case-insensitive, in the message or the category.
        auto *filter = viewer->findChild<QLineEdit *>(u"logFilter"_s);
        QTest::keyClicks(filter, u"TOKEN"_s);
        QCOMPARE(shownMessages(viewer->filterModel()), QStringList {all.at(0)});
        filter->clear();
        QTest::keyClicks(filter, u"msc.cache"_s);
        QCOMPARE(viewer->filterModel()->rowCount(), 2);
        QVERIFY(page.grab().save(test::artifactsDirectory() + u"/settings-log-filtered.png"_s));
        filter->clear();
        QVERIFY(page.grab().save(test::artifactsDirectory() + u"/settings-log.png"_s));

        // A burst from another thread: the logging thread never waits for the GUI, the lines
        // arrive in a few batches, and the ring keeps the newest 200.
        QSignalSpy batches(&buffer, &LogBuffer::entriesAdded);
        constexpr int kLines = 1500; // under QTest's 2000-message output limit
        QThread *worker = QThread::create([] {
            for (int i = 0; i < kLines; ++i)
                qCInfo(lcSync, "burst line %d client_secret=abc%d", i, i);
        });
        worker->start();
        QVERIFY(worker->wait(30000));
        delete worker;
        QTRY_COMPARE(viewer->model()->rowCount(), 200);
        QTRY_VERIFY(viewer->model()
                        ->index(199, LogModel::MessageColumn)
                        .data()
                        .toString()
                        .startsWith(u"burst line 1499 client_secret=[REDACTED]"_s));
        qInfo("%d lines arrived in %lld batches", kLines, qint64(batches.count()));
        QVERIFY(batches.count() < kLines / 10);
        QCOMPARE(buffer.entries().size(), 200);
        QCOMPARE(viewer->model()->index(0, LogModel::MessageColumn).data().toString(),
            u"burst line 1300 client_secret=[REDACTED]"_s);

        LogBuffer::install(nullptr);
        Redaction::unregisterSecret(secret);
    }
};

QTEST_MAIN(TestLogViewer)
#include "tst_logviewer.moc"
