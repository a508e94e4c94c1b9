// The main window over a real cache, offscreen: the overview fills from a pool thread and a
// screenshot is kept as a test artifact.
#include "mainwindow.h"
#include "models/streamhealthmodel.h"
#include "pages/cacheoverviewpage.h"
#include "secrets/memorysecretstore.h"
#include "testcache.h"
#include "testenvironment.h"
#include "testrows.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void overviewShowsCacheFigures()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &table = *cache.definition().tableByName(u"Ttp_Url_CL"_s);
        WriteUnit unit;
        unit.batches.append({table.name, test::makeRows(table, 0, 25)});
        QVERIFY(cache.write(unit).ok());

        MemorySecretStore secrets;
        MainWindow window(cache.directory(), cache.path(), cache.definition(), secrets,
            cache.directory() + u"/settings.ini"_s);
        QAbstractItemModelTester tester(
            window.overviewPage()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(window.overviewPage(), &CacheOverviewPage::refreshed);
        window.show();
        // Counted, not waited for: a quick read can finish before then() attaches, and its
        // continuation (and refreshed()) then runs inside refresh() itself.
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 10000);

        const StreamHealthModel *model = window.overviewPage()->model();
        QCOMPARE(model->rowCount(), 11);
        const int row = int(std::find_if(model->streams().cbegin(), model->streams().cend(),
                                [](const StreamHealth &s) { return s.table == u"Ttp_Url_CL"_s; })
            - model->streams().cbegin());
        QCOMPARE(model->data(model->index(row, StreamHealthModel::RowsColumn)).toString(), u"25"_s);
        QCOMPARE(model->data(model->index(row, StreamHealthModel::NewestEventColumn)).toString(),
            u"2025-06-01T08:03:47.123Z"_s);

        // F5 refreshes again, from the keyboard.
        QTest::keyClick(&window, Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 2, 10000);

        const QString file = test::artifactsDirectory() + u"/mainwindow-overview.png"_s;
        QVERIFY(window.grab().save(file));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
