// The Data page over a 50,000-row CG table, offscreen: lazy loading off the GUI thread,
// attacker text shown literally (security.md rule 2), bound filters (rule 4) and neutralised
// CSV exports (rule 3). A screenshot is kept as a test artifact.
#include "models/tablemodel.h"
#include "pages/datapage.h"
#include "testcache.h"
#include "testenvironment.h"
#include "testrows.h"
#include "widgets/plaintextdelegate.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextDocument>
#include <QThread>
#include <QToolTip>

#include <ctime>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

const QString kTable = u"Seg_Cg_CL"_s;
constexpr int kRows = 50000;
const QString kBold = u"<b>x</b><img src=x>"_s;
const QString kLink = u"<a href=\"https://evil\">y</a>"_s;
const QString kFormula = u"=HYPERLINK(\"http://evil\",\"x\")"_s;

qint64 threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

/// How busy the GUI thread was while pumping: the longest single pass through the queued
/// events, in wall-clock time and in CPU time of the thread, and how many passes took longer
/// than 50 ms of wall-clock time.
struct Responsiveness
{
    bool finished = false;
    qint64 worstWallMs = 0;
    qint64 worstCpuMs = 0;
    int slowPasses = 0;
};

/// Pumps the event loop until \a done or \a timeoutMs.
template <typename Done>
Responsiveness pumpUntil(Done done, int timeoutMs)
{
    Responsiveness r;
    QElapsedTimer total;
    total.start();
    while (!(r.finished = done()) && total.elapsed() < timeoutMs) {
        QElapsedTimer pass;
        pass.start();
        const qint64 cpuBefore = threadCpuMs();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        const qint64 wall = pass.elapsed();
        const qint64 cpu = threadCpuMs() - cpuBefore;
        r.worstWallMs = std::max(r.worstWallMs, wall);
        r.worstCpuMs = std::max(r.worstCpuMs, cpu);
        if (wall >= 50)
            ++r.slowPasses;
        if (wall > 20)
            qInfo("slow event-loop pass: %lld ms (%lld ms on the CPU)", wall, cpu);
        QThread::msleep(1);
    }
    return r;
}

/// The GUI thread never blocked: no pass did 50 ms of work, and at most one pass took 50 ms
/// of wall-clock time. The one is tolerated because the CI machine is shared and a preempted
/// thread looks blocked; a page loaded on the GUI thread would be slow on every page.
void verifyResponsive(const Responsiveness &r)
{
    qInfo("longest event-loop pass %lld ms (%lld ms CPU), %d over 50 ms", r.worstWallMs,
        r.worstCpuMs, r.slowPasses);
    QVERIFY2(r.worstCpuMs < 50, qPrintable(QString::number(r.worstCpuMs)));
    QVERIFY2(r.slowPasses <= 1, qPrintable(QString::number(r.slowPasses)));
}

int findRow(const TableModel *model, int column, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->data(model->index(row, column)).toString() == text)
            return row;
    }
    return -1;
}

} // namespace

class TestDataPage : public QObject
{
    Q_OBJECT

private:
    test::TestCache m_cache;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_cache.start());
        const TableDef &table = *m_cache.definition().tableByName(kTable);
        const int subject = table.columnIndex(u"subject"_s);
        QVERIFY(subject >= 0);
        for (int first = 0; first < kRows; first += 10000) {
            QList<CacheRow> rows = test::makeRows(table, first, 10000);
            if (first + 10000 == kRows) {
                // The newest rows: the first the page shows.
                rows[9999].values.set(subject, kBold);
                rows[9999].raw = "{\"ordinal\":49999,\"subject\":\"<b>x</b><img src=x>\"}";
                rows[9998].values.set(subject, kLink);
                rows[9997].values.set(subject, kFormula);
            }
            WriteUnit unit;
            unit.batches.append({table.name, std::move(rows)});
            QVERIFY(m_cache.write(unit).ok());
        }
        QCOMPARE(m_cache.rowCount(kTable), qint64(kRows));
    }

    void browsesLazilyAndShowsAttackerTextLiterally()
    {
        DataPage page(m_cache.path(), m_cache.definition());
        page.resize(1280, 760);
        TableModel *model = page.model();
        // The tester re-walks every index after each change, which costs more per page than
        // the page itself; it checks the first pages, then goes before the timing of scrolling.
        auto tester = std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *view = page.findChild<QTableView *>(u"dataView"_s);
        auto *details = page.findChild<QPlainTextEdit *>(u"dataDetails"_s);
        auto *status = page.findChild<QLabel *>(u"dataStatus"_s);
        QVERIFY(view && details && status);
        QCOMPARE(view->model(), model);

        // First page: shown quickly, and the GUI thread never busy for long while it loads.
        QElapsedTimer sinceShow;
        sinceShow.start();
        page.show();
        // The query runs on a pool thread: nothing has arrived when show() returns.
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(model->isLoading());
        const Responsiveness firstPage =
            pumpUntil([&] { return model->rowCount() >= TableQuery::kDefaultPageSize; }, 10000);
        QVERIFY2(firstPage.finished, "the first page did not arrive");
        const qint64 firstPageMs = sinceShow.elapsed();
        qInfo("first page after %lld ms", firstPageMs);
        QVERIFY2(firstPageMs < 3000, qPrintable(QString::number(firstPageMs)));
        verifyResponsive(firstPage);
        // One page, once: the view's own fetchMore() on the reset must not load it twice.
        QTest::qWait(200);
        QCOMPARE(model->rowCount(), TableQuery::kDefaultPageSize);
        QCOMPARE(model->query().source, kTable);
        QCOMPARE(model->columns().first(), u"_seq"_s);
        QCOMPARE(model->data(model->index(0, 0)).toString(), QString::number(kRows));

        // The count arrives in the background too.
        QTRY_COMPARE_WITH_TIMEOUT(model->totalRows(), qint64(kRows), 10000);
        QVERIFY(status->text().contains(QLocale().toString(qint64(kRows))));
        QCOMPARE(status->textFormat(), Qt::PlainText);

        // Attacker text: DisplayRole is the exact text, the delegate paints it as is.
        const int subject = int(model->columns().indexOf(u"subject"_s));
        QVERIFY(subject > 0);
        const int boldRow = findRow(model, subject, kBold);
        const int linkRow = findRow(model, subject, kLink);
        const int formulaRow = findRow(model, subject, kFormula);
        QCOMPARE(boldRow, 0);
        QCOMPARE(linkRow, 1);
        QCOMPARE(formulaRow, 2);
        for (const int row : {boldRow, linkRow}) {
            const QModelIndex index = model->index(row, subject);
            const QString text = model->data(index).toString();
            QCOMPARE(view->itemDelegate()->metaObject()->className(),
                PlainTextDelegate::staticMetaObject.className());
            auto *delegate = static_cast<QStyledItemDelegate *>(view->itemDelegate());
            QCOMPARE(delegate->displayText(index.data(), QLocale()), text);
            QCOMPARE(model->data(index, Qt::ToolTipRole).toString(), text);

            // The tooltip Qt shows is rich text that renders to the literal characters.
            view->scrollTo(index);
            const QRect rect = view->visualRect(index);
            QVERIFY(rect.isValid());
            QHelpEvent help(
                QEvent::ToolTip, rect.center(), view->viewport()->mapToGlobal(rect.center()));
            QCoreApplication::sendEvent(view->viewport(), &help);
            QTRY_VERIFY(QToolTip::isVisible());
            const QString shown = QToolTip::text();
            QCOMPARE(shown, PlainTextDelegate::toolTipHtml(text));
            QVERIFY(Qt::mightBeRichText(shown));
            QVERIFY(!shown.contains(u"<b>"_s));
            QVERIFY(!shown.contains(u"<a "_s));
            QTextDocument rendered;
            rendered.setHtml(shown);
            QCOMPARE(rendered.toPlainText(), text);
            QToolTip::hideText();
        }
        // Escaping also holds where mightBeRichText would have said "plain" (the tag is on a
        // second line) and keeps line breaks.
        {
            const QString twoLines = u"Invoice\n<b>x</b> & <i>y</i>"_s;
            QTextDocument rendered;
            rendered.setHtml(PlainTextDelegate::toolTipHtml(twoLines));
            QCOMPARE(rendered.toPlainText().replace(QChar::LineSeparator, u'\n'), twoLines);
        }

        // The details pane shows the row, the tags included, and `_raw` pretty-printed.
        view->selectRow(boldRow);
        QVERIFY(details->toPlainText().contains(kBold));
        QVERIFY(details->toPlainText().contains(u"\"subject\": \"<b>x</b><img src=x>\""_s));
        QVERIFY(details->toPlainText().contains(u"\"ordinal\": 49999,"_s));
        QVERIFY(details->isReadOnly());
        view->scrollTo(model->index(boldRow, subject));

        const QString shot = test::artifactsDirectory() + u"/datapage.png"_s;
        QVERIFY(page.grab().save(shot));

        // Copy: tab-separated, header first; the formula cell is neutralised as in CSV.
        view->selectRow(linkRow);
        view->selectionModel()->select(
            model->index(formulaRow, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QString copied = page.selectionAsText();
        const QStringList lines = copied.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(0).startsWith(u"_seq\t"_s));
        QCOMPARE(lines.at(1).split(u'\t').at(subject), kLink);
        QCOMPARE(lines.at(2).split(u'\t').at(subject), u'\'' + kFormula);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), copied);

        // Export of that selection, written on a pool thread.
        QSignalSpy exported(&page, &DataPage::exportFinished);
        const QString csvPath = m_cache.directory() + u"/selection.csv"_s;
        page.exportSelectionTo(csvPath, ExportFormat::Csv);
        QVERIFY(exported.wait(10000));
        QVERIFY2(exported.first().at(0).toBool(), qPrintable(exported.first().at(1).toString()));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray csvBytes = csv.readAll();
        QVERIFY(csvBytes.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""));
        QVERIFY(csvBytes.contains("\"<a href=\"\"https://evil\"\">y</a>\""));
        QCOMPARE(csvBytes.count("\r\n"), 3);

        const QString ndjsonPath = m_cache.directory() + u"/selection.ndjson"_s;
        page.exportSelectionTo(ndjsonPath, ExportFormat::Ndjson);
        QVERIFY(exported.wait(10000));
        QVERIFY(exported.last().at(0).toBool());
        QFile ndjson(ndjsonPath);
        QVERIFY(ndjson.open(QIODevice::ReadOnly));
        const QList<QByteArray> records = ndjson.readAll().split('\n');
        QCOMPARE(records.size(), 3);
        QCOMPARE(QJsonDocument::fromJson(records.at(1)).object().value(u"subject"_s).toString(),
            kFormula);

        // Scrolling to the bottom fetches more pages, still without blocking.
        tester.reset();
        view->clearSelection();
        const int before = model->rowCount();
        QVERIFY(model->canFetchMore({}));
        model->fetchMore({});
        QCOMPARE(model->rowCount(), before); // started, not done: it runs on the pool
        const Responsiveness scrolling = pumpUntil(
            [&] {
                view->scrollToBottom();
                return model->rowCount() >= 4 * TableQuery::kDefaultPageSize;
            },
            20000);
        QVERIFY2(scrolling.finished, qPrintable(QString::number(model->rowCount())));
        qInfo("%d rows after scrolling", model->rowCount());
        verifyResponsive(scrolling);
        QVERIFY(model->rowCount() < kRows); // lazily, not all at once
        QCOMPARE(model->data(model->index(model->rowCount() - 1, 0)).toString(),
            QString::number(kRows - model->rowCount() + 1));
    }

    void filtersAreBoundValuesAndHeaderClicksSort()
    {
        DataPage page(m_cache.path(), m_cache.definition());
        page.resize(1280, 760);
        TableModel *model = page.model();
        QAbstractItemModelTester tester(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *view = page.findChild<QTableView *>(u"dataView"_s);
        auto *column = page.findChild<QComboBox *>(u"dataFilterColumn"_s);
        auto *text = page.findChild<QLineEdit *>(u"dataFilterText"_s);
        auto *apply = page.findChild<QPushButton *>(u"dataApplyButton"_s);
        QVERIFY(view && column && text && apply);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_COMPARE_WITH_TIMEOUT(model->totalRows(), qint64(kRows), 10000);

        column->setCurrentIndex(column->findData(u"subject"_s));
        text->setText(u"x' OR 1=1 --"_s);
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalRows(), qint64(0), 10000);
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(model->lastError().isEmpty());

        text->setText(kBold);
        QTest::keyClick(text, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalRows(), qint64(1), 10000);
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(
            model->data(model->index(0, int(model->columns().indexOf(u"subject"_s)))).toString(),
            kBold);

        // A header click sorts by that column, in the database, keeping the filter.
        text->setText(u"<"_s);
        QTest::keyClick(text, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalRows(), qint64(2), 10000);
        const int subject = int(model->columns().indexOf(u"subject"_s));
        QHeaderView *header = view->horizontalHeader();
        view->scrollTo(model->index(0, subject));
        const QPoint at(header->sectionViewportPosition(subject) + 5, header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(header->sortIndicatorSection(), subject);
        QCOMPARE(model->query().sortColumn, u"subject"_s);
        QCOMPARE(model->query().sortOrder, header->sortIndicatorOrder());
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
        const QString first = model->data(model->index(0, subject)).toString();
        QCOMPARE(first, header->sortIndicatorOrder() == Qt::AscendingOrder ? kLink : kBold);

        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 10000);
        QTRY_COMPARE(model->data(model->index(0, subject)).toString(),
            header->sortIndicatorOrder() == Qt::AscendingOrder ? kLink : kBold);
        QVERIFY(model->data(model->index(0, subject)).toString() != first);
    }
};

QTEST_MAIN(TestDataPage)
#include "tst_datapage.moc"
