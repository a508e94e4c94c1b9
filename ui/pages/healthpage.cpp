#include "pages/healthpage.h"

#include "dialogs/messagebox.h"
#include "ingest/synccontroller.h"
#include "models/streamhealthmodel.h"
#include "storage/cachewriter.h"
#include "widgets/plaintextdelegate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFuture>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    enum ProgressColumn {
        ProgressStream,
        ProgressBar,
        ProgressRows,
        ProgressPages,
        ProgressFiles,
        ProgressStatus,
        ProgressColumnCount
    };

    /// The row's index into the page's plain values, kept beside the display text.
    constexpr int kIndexRole = Qt::UserRole + 1;

    QString number(qint64 value)
    {
        return QLocale().toString(value);
    }

    /// Undeclared field names listed in the cell; the tooltip lists them all.
    constexpr int kUndeclaredShown = 5;

    QStandardItem *cell(const QString &text)
    {
        auto *item = new QStandardItem(text);
        item->setEditable(false);
        return item;
    }

    QStandardItem *numberCell(qint64 value)
    {
        QStandardItem *item = cell(number(value));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return item;
    }

    QTableView *makeView(QAbstractItemModel *model, const QString &name, QWidget *parent)
    {
        auto *view = new QTableView(parent);
        view->setObjectName(name);
        view->setModel(model);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setAlternatingRowColors(true);
        view->setWordWrap(false);
        view->verticalHeader()->hide();
        view->horizontalHeader()->setStretchLastSection(true);
        return view;
    }

    QLabel *plainLabel(const QString &text, const QString &name, QWidget *parent)
    {
        auto *label = new QLabel(text, parent);
        label->setObjectName(name);
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        return label;
    }

    // The context of every continuation. Qt 6.4's QFuture::then(context, ...) asserts that
    // the context still exists when the future finishes (qfuture_impl.h, Q_ASSERT(context);
    // newer Qt versions cope), and this build keeps asserts on. A page can be closed
    // while a read or a write is pending, so the continuations run in the context of the
    // application object (the GUI thread, alive until the global pool is drained) and check
    // the page through a QPointer on that same thread.
    QObject *continuationContext()
    {
        return QCoreApplication::instance();
    }

    // Sizes the columns to their contents as far as the first rows go: measuring every row
    // of a long history would cost the GUI thread time for no visible gain.
    void fitColumns(QTableView *view)
    {
        view->horizontalHeader()->setResizeContentsPrecision(50);
        view->resizeColumnsToContents();
        // A long server message must not push the other columns out of sight.
        for (int column = 0; column < view->model()->columnCount(); ++column)
            view->setColumnWidth(column, std::min(view->columnWidth(column), 360));
    }

} // namespace

HealthPage::HealthPage(CacheWriter &writer, QString cachePath, SchemaDefinition definition,
    SyncController &sync, QWidget *parent)
    : QWidget(parent)
    , m_writer(writer)
    , m_cachePath(std::move(cachePath))
    , m_definition(std::move(definition))
    , m_sync(sync)
    , m_syncButton(new QPushButton(tr("&Sync all now"), this))
    , m_cancelButton(new QPushButton(tr("&Cancel"), this))
    , m_retryBlockedButton(new QPushButton(tr("Retry &blocked"), this))
    , m_schedulesButton(new QPushButton(tr("C&hange all schedules…"), this))
    , m_refreshButton(new QPushButton(tr("&Refresh"), this))
    , m_summary(plainLabel(
          tr("No sync has run since the console started."), QStringLiteral("summaryLabel"), this))
    , m_progress(new QTableWidget(0, ProgressColumnCount, this))
    , m_tabs(new QTabWidget(this))
    , m_healthModel(new StreamHealthModel(this))
    , m_healthView(makeView(m_healthModel, QStringLiteral("streamHealthView"), this))
    , m_historyModel(new QStandardItemModel(this))
    , m_historyView(makeView(m_historyModel, QStringLiteral("historyView"), this))
    , m_quarantineModel(new QStandardItemModel(this))
    , m_quarantineView(makeView(m_quarantineModel, QStringLiteral("quarantineView"), this))
    , m_quarantineCount(plainLabel(QString(), QStringLiteral("quarantineCountLabel"), this))
    , m_retryButton(new QPushButton(tr("Re&try"), this))
    , m_skipButton(new QPushButton(tr("S&kip"), this))
    , m_acceptPartialButton(new QPushButton(tr("Accept &partial"), this))
    , m_purgeButton(new QPushButton(tr("P&urge quarantined lines"), this))
    , m_gapModel(new QStandardItemModel(this))
    , m_gapView(makeView(m_gapModel, QStringLiteral("gapView"), this))
    , m_gapCount(plainLabel(QString(), QStringLiteral("gapCountLabel"), this))
    , m_acknowledgeButton(new QPushButton(tr("&Acknowledge"), this))
    , m_qualityModel(new QStandardItemModel(this))
    , m_qualityView(makeView(m_qualityModel, QStringLiteral("qualityView"), this))
    , m_actionStatus(plainLabel(QString(), QStringLiteral("actionStatusLabel"), this))
{
    setObjectName(QStringLiteral("healthPage"));
    auto *title = new QLabel(tr("Jobs & health"), this);
    title->setTextFormat(Qt::PlainText);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_syncButton->setObjectName(QStringLiteral("syncAllButton"));
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_retryBlockedButton->setObjectName(QStringLiteral("retryBlockedButton"));
    m_retryBlockedButton->setToolTip(
        tr("Sync all now skips streams whose last run was blocked (credentials, permissions, "
           "configuration). Retry them once the cause is fixed."));
    m_schedulesButton->setObjectName(QStringLiteral("changeSchedulesButton"));
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    m_skipButton->setObjectName(QStringLiteral("skipButton"));
    m_acceptPartialButton->setObjectName(QStringLiteral("acceptPartialButton"));
    m_purgeButton->setObjectName(QStringLiteral("purgeLinesButton"));
    m_acknowledgeButton->setObjectName(QStringLiteral("acknowledgeButton"));
    m_tabs->setObjectName(QStringLiteral("healthTabs"));
    m_progress->setObjectName(QStringLiteral("progressTable"));
    m_cancelButton->setEnabled(false);

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_syncButton);
    toolbar->addWidget(m_cancelButton);
    toolbar->addWidget(m_retryBlockedButton);
    toolbar->addStretch(1);
    toolbar->addWidget(m_schedulesButton);
    toolbar->addWidget(m_refreshButton);

    m_progress->setHorizontalHeaderLabels(
        {tr("Stream"), tr("Progress"), tr("Rows added"), tr("Pages"), tr("Files"), tr("Status")});
    m_progress->verticalHeader()->hide();
    m_progress->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_progress->setSelectionMode(QAbstractItemView::NoSelection);
    m_progress->setWordWrap(false);
    m_progress->horizontalHeader()->setStretchLastSection(true);
    m_progress->setColumnWidth(ProgressStream, 190);
    m_progress->setColumnWidth(ProgressBar, 130);
    for (int column : {ProgressRows, ProgressPages, ProgressFiles})
        m_progress->setColumnWidth(column, 90);

    // Streams.
    m_healthView->setSelectionMode(QAbstractItemView::NoSelection);

    // Run history.
    m_historyModel->setHorizontalHeaderLabels({tr("Started"), tr("Finished"), tr("Stream"),
        tr("Trigger"), tr("Outcome"), tr("Rows added"), tr("Duplicates"), tr("Pages"), tr("Files"),
        tr("Bytes"), tr("Quarantined"), tr("Error")});
    m_historyView->setSelectionMode(QAbstractItemView::SingleSelection);

    // Quarantine.
    m_quarantineModel->setHorizontalHeaderLabels({tr("Kind"), tr("Stream"), tr("Part"),
        tr("File, window or snapshot"), tr("Attempts"), tr("Last error"), tr("Since")});
    m_quarantineView->setSelectionMode(QAbstractItemView::SingleSelection);
    auto *quarantineHelp = plainLabel(
        tr("A quarantined page or file holds its stream (or SIEM type) until you act. Retry "
           "tries it again at the next sync. Skip records its range in the gap ledger and "
           "moves on. Accept partial marks a file as partial and records it as a gap, like "
           "Skip: files are committed whole, so no rows of a failed file were kept. Purge "
           "deletes the stored text of bad lines and keeps their length and SHA-256."),
        QStringLiteral("quarantineHelpLabel"), this);
    auto *quarantineButtons = new QHBoxLayout;
    quarantineButtons->addWidget(m_quarantineCount, 1);
    quarantineButtons->addWidget(m_retryButton);
    quarantineButtons->addWidget(m_skipButton);
    quarantineButtons->addWidget(m_acceptPartialButton);
    quarantineButtons->addSpacing(16);
    quarantineButtons->addWidget(m_purgeButton);
    auto *quarantineTab = new QWidget(this);
    auto *quarantineLayout = new QVBoxLayout(quarantineTab);
    quarantineLayout->addWidget(quarantineHelp);
    quarantineLayout->addWidget(m_quarantineView, 1);
    quarantineLayout->addLayout(quarantineButtons);

    // Gaps.
    m_gapModel->setHorizontalHeaderLabels({tr("ID"), tr("Stream"), tr("Part"), tr("From"), tr("To"),
        tr("Reason"), tr("Recorded"), tr("Acknowledged")});
    m_gapView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *gapButtons = new QHBoxLayout;
    gapButtons->addWidget(m_gapCount, 1);
    gapButtons->addWidget(m_acknowledgeButton);
    auto *gapTab = new QWidget(this);
    auto *gapLayout = new QVBoxLayout(gapTab);
    gapLayout->addWidget(m_gapView, 1);
    gapLayout->addLayout(gapButtons);

    // Data quality: what the mapping could not place (connectors.md §2.6, §2.7).
    m_qualityModel->setHorizontalHeaderLabels({tr("Stream"), tr("Rows without event time"),
        tr("Coercion warnings"), tr("Unknown types"), tr("Undeclared fields")});
    m_qualityView->setSelectionMode(QAbstractItemView::SingleSelection);
    // Field names come from Mimecast's records: tooltips shown escaped (security.md).
    m_qualityView->setItemDelegate(new PlainTextDelegate(m_qualityView));
    auto *qualityHelp = plainLabel(
        tr("Counted over every sync. Undeclared fields are fields Mimecast sent that the "
           "table has no column for: they are kept in _raw only, and new names here mean the "
           "Mimecast schema changed. A coercion warning is a value that did not fit its "
           "column's type (stored empty, kept in _raw). Rows without event time use their "
           "ingestion time instead."),
        QStringLiteral("qualityHelpLabel"), this);
    auto *qualityTab = new QWidget(this);
    auto *qualityLayout = new QVBoxLayout(qualityTab);
    qualityLayout->addWidget(qualityHelp);
    qualityLayout->addWidget(m_qualityView, 1);

    m_tabs->addTab(m_healthView, tr("Streams"));
    m_tabs->addTab(m_historyView, tr("Run history"));
    m_tabs->addTab(quarantineTab, tr("Quarantine"));
    m_tabs->addTab(gapTab, tr("Gaps"));
    m_tabs->addTab(qualityTab, tr("Data quality"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_progress);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(toolbar);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_actionStatus);

    m_waitTimer.setInterval(500);
    connect(&m_waitTimer, &QTimer::timeout, this, &HealthPage::updateWaits);
    m_liveRefresh.setInterval(3000);
    connect(&m_liveRefresh, &QTimer::timeout, this, &HealthPage::refresh);

    // The controller is running as soon as it accepts the request; syncStarted() follows
    // once it knows which streams are blocked.
    connect(m_syncButton, &QPushButton::clicked, this, [this] {
        m_sync.syncAllNow();
        setRunning(m_sync.isRunning());
    });
    connect(m_retryBlockedButton, &QPushButton::clicked, this, [this] {
        m_sync.retryBlocked();
        setRunning(m_sync.isRunning());
    });
    connect(m_schedulesButton, &QPushButton::clicked, this, &HealthPage::changeSchedulesRequested);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        m_cancelButton->setEnabled(false);
        m_summary->setText(tr("Cancelling: each stream stops at its next page, file or wait…"));
        m_sync.cancel();
    });
    connect(m_refreshButton, &QPushButton::clicked, this, &HealthPage::refresh);
    connect(m_retryButton, &QPushButton::clicked, this, &HealthPage::retrySelected);
    connect(m_skipButton, &QPushButton::clicked, this, &HealthPage::skipSelected);
    connect(m_acceptPartialButton, &QPushButton::clicked, this, &HealthPage::acceptPartialSelected);
    connect(m_purgeButton, &QPushButton::clicked, this, &HealthPage::purgeLines);
    connect(m_acknowledgeButton, &QPushButton::clicked, this, &HealthPage::acknowledgeSelected);
    connect(m_quarantineView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &HealthPage::updateActions);
    connect(m_gapView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &HealthPage::updateActions);

    connect(&m_sync, &SyncController::syncStarted, this, &HealthPage::onSyncStarted);
    connect(&m_sync, &SyncController::streamProgress, this, &HealthPage::onStreamProgress);
    connect(&m_sync, &SyncController::syncFinished, this, &HealthPage::onSyncFinished);
    connect(&m_sync, &SyncController::problem, this, &HealthPage::onProblem);

    setRunning(m_sync.isRunning());
    updateActions();
}

HealthPage::~HealthPage() = default;

void HealthPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_shownOnce) {
        m_shownOnce = true;
        refresh();
    }
}

// --- Sync progress -------------------------------------------------------------------------

void HealthPage::setRunning(bool running)
{
    m_syncButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    bool anyBlocked = false;
    for (const StreamHealth &stream : std::as_const(m_overview.streams))
        anyBlocked = anyBlocked || stream.state == "blocked"_L1;
    m_retryBlockedButton->setEnabled(!running && anyBlocked);
    if (running)
        m_liveRefresh.start();
    else
        m_liveRefresh.stop();
}

void HealthPage::onSyncStarted(const QStringList &connectors)
{
    m_progress->setRowCount(0);
    m_progressRows.clear();
    m_waits.clear();
    setRunning(true);
    m_summary->setText(tr("Syncing %1…").arg(connectors.join(QStringLiteral(", "))));
}

int HealthPage::progressRow(const QString &stream)
{
    const auto found = m_progressRows.constFind(stream);
    if (found != m_progressRows.constEnd())
        return found.value();
    const int row = m_progress->rowCount();
    m_progress->insertRow(row);
    m_progressRows.insert(stream, row);
    m_progress->setItem(row, ProgressStream, new QTableWidgetItem(stream));
    for (int column : {ProgressRows, ProgressPages, ProgressFiles}) {
        auto *item = new QTableWidgetItem(number(0));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_progress->setItem(row, column, item);
    }
    m_progress->setItem(row, ProgressStatus, new QTableWidgetItem(tr("running")));
    auto *bar = new QProgressBar(m_progress);
    bar->setObjectName(QStringLiteral("progress:") + stream);
    // A stream run has no known end (connectors.md §2.1), but a busy bar is no answer: its
    // animation repaints the page at frame rate for as long as the sync runs, which costs
    // the GUI thread more than all the progress reports together. The bar fills at the end.
    bar->setRange(0, 1);
    bar->setValue(0);
    bar->setTextVisible(false); // The status column says it in words.
    m_progress->setCellWidget(row, ProgressBar, bar);
    return row;
}

void HealthPage::onStreamProgress(const QString &stream, qint64 rowsAdded, qint64 pages,
    qint64 files, const QString &waitReason, qint64 waitMs)
{
    const int row = progressRow(stream);
    if (!waitReason.isEmpty()) {
        // A wait report carries no counters: keep the last ones.
        m_waits.insert(stream,
            {waitReason, QDateTime::currentMSecsSinceEpoch() + std::max<qint64>(0, waitMs)});
        if (!m_waitTimer.isActive())
            m_waitTimer.start();
    } else {
        m_waits.remove(stream);
        m_progress->item(row, ProgressRows)->setText(number(rowsAdded));
        m_progress->item(row, ProgressPages)->setText(number(pages));
        m_progress->item(row, ProgressFiles)->setText(number(files));
        m_progress->item(row, ProgressStatus)->setText(tr("running"));
    }
    updateWaits();
}

void HealthPage::updateWaits()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_waits.cbegin(); it != m_waits.cend(); ++it) {
        const int row = m_progressRows.value(it.key(), -1);
        if (row < 0)
            continue;
        const qint64 seconds = std::max<qint64>(0, (it.value().untilMs - now + 999) / 1000);
        m_progress->item(row, ProgressStatus)
            ->setText(seconds > 0 ? tr("%1, resuming in %2 s").arg(it.value().reason).arg(seconds)
                                  : tr("%1, resuming").arg(it.value().reason));
    }
    if (m_waits.isEmpty())
        m_waitTimer.stop();
}

void HealthPage::onSyncFinished(const QList<StreamReport> &reports)
{
    m_waits.clear();
    m_waitTimer.stop();
    setRunning(false);

    qint64 added = 0, duplicates = 0, quarantined = 0, gaps = 0, errors = 0;
    qint64 ok = 0, waiting = 0, interrupted = 0, blocked = 0, cancelled = 0, elsewhere = 0;
    for (const StreamReport &report : reports) {
        const int row = progressRow(report.stream);
        const StreamRunStats &stats = report.result.stats;
        m_progress->item(row, ProgressRows)->setText(number(stats.added));
        m_progress->item(row, ProgressPages)->setText(number(stats.pages));
        m_progress->item(row, ProgressFiles)->setText(number(stats.files));
        QString status;
        QString outcome;
        if (report.skipped && report.result.outcome == StreamOutcome::Blocked) {
            // Skipped by Sync all now: its last run was blocked (connectors.md §5).
            ++blocked;
            ++errors;
            outcome = tr("Blocked");
            status = tr("Blocked, skipped: %1").arg(report.result.message);
        } else if (report.skipped) {
            outcome = tr("not started");
            ++elsewhere;
            status = tr("not started: %1").arg(report.note);
        } else {
            added += stats.added;
            duplicates += stats.duplicates;
            quarantined += stats.quarantined;
            gaps += stats.gaps;
            switch (report.result.outcome) {
            case StreamOutcome::Ok:
                ++ok;
                outcome = status = tr("OK");
                break;
            case StreamOutcome::Waiting:
                ++waiting;
                outcome = tr("Waiting");
                status = tr("Waiting: %1").arg(report.result.message);
                break;
            case StreamOutcome::Interrupted:
                ++interrupted;
                ++errors;
                outcome = tr("Interrupted");
                status = tr("Interrupted: %1").arg(report.result.message);
                break;
            case StreamOutcome::Blocked:
                ++blocked;
                ++errors;
                outcome = tr("Blocked");
                status = tr("Blocked: %1").arg(report.result.message);
                break;
            case StreamOutcome::Cancelled:
                ++cancelled;
                outcome = status = tr("Cancelled");
                break;
            }
        }
        m_progress->item(row, ProgressStatus)->setText(status);
        // The bar gives way to the outcome in words. Not filled: the first paint of a full
        // Fusion bar blocked the GUI thread for 50–90 ms at the end of a sync (measured by
        // tst_healthpage), for a picture that says no more than this text.
        m_progress->removeCellWidget(row, ProgressBar);
        m_progress->setItem(row, ProgressBar, new QTableWidgetItem(outcome));
    }
    // Streams that reported progress but no result (none expected) keep their last figures.
    m_summary->setText(
        tr("Sync finished: %1 stream(s): %2 OK, %3 waiting for you, %4 interrupted, %5 "
           "blocked, %6 cancelled, %7 running in another process. %8 rows added, %9 duplicates "
           "suppressed, %10 items quarantined, %11 gaps recorded, %12 errors.")
            .arg(number(reports.size()), number(ok), number(waiting), number(interrupted),
                number(blocked), number(cancelled), number(elsewhere), number(added),
                number(duplicates))
            .arg(number(quarantined), number(gaps), number(errors)));
    refresh();
}

void HealthPage::onProblem(const QString &message)
{
    setRunning(m_sync.isRunning());
    setActionStatus(message);
}

// --- Loading -------------------------------------------------------------------------------

void HealthPage::refresh()
{
    if (m_loading) {
        m_reloadPending = true;
        return;
    }
    m_loading = true;
    m_refreshButton->setEnabled(false);
    QFuture<HealthOverview> load =
        QtConcurrent::run([path = m_cachePath, definition = m_definition] {
            return HealthService::load(path, definition);
        });
    load.then(continuationContext(),
        [this, self = QPointer<HealthPage>(this)](const HealthOverview &overview) {
            if (!self)
                return;
            m_loading = false;
            m_refreshButton->setEnabled(true);
            if (overview.error.isError())
                setActionStatus(overview.error.message);
            else
                applyOverview(overview);
            if (m_reloadPending) {
                m_reloadPending = false;
                refresh();
                return;
            }
            Q_EMIT refreshed();
        });
}

void HealthPage::applyOverview(const HealthOverview &overview)
{
    m_overview = overview;
    m_healthModel->setStreams(overview.streams);
    setRunning(m_sync.isRunning());

    m_historyModel->setRowCount(0);
    for (const JobRunEntry &run : overview.history) {
        m_historyModel->appendRow({cell(run.startedAt), cell(run.finishedAt), cell(run.stream),
            cell(run.trigger), cell(run.outcome), numberCell(run.rowsAdded),
            numberCell(run.duplicates), numberCell(run.pages), numberCell(run.files),
            numberCell(run.bytes), numberCell(run.quarantined), cell(run.error)});
    }

    m_qualityModel->setRowCount(0);
    for (const StreamHealth &stream : overview.streams) {
        QStringList shown;
        QStringList all;
        for (const auto &[name, count] : stream.undeclaredFields) {
            const QString entry = tr("%1 (%2)").arg(name, number(count));
            if (shown.size() < kUndeclaredShown)
                shown.append(entry);
            all.append(entry);
        }
        QStandardItem *fields = cell(all.size() > shown.size()
                ? tr("%1, and %n more", nullptr, int(all.size() - shown.size()))
                      .arg(shown.join(u", "_s))
                : shown.join(u", "_s));
        if (!all.isEmpty())
            fields->setToolTip(all.join(u'\n'));
        m_qualityModel->appendRow({cell(stream.stream), numberCell(stream.rowsWithoutEventTime),
            numberCell(stream.coercionWarnings), numberCell(stream.unknownTypes), fields});
    }

    // Keep the admin's selection across refreshes where the item is still there.
    const std::optional<QuarantineItem> selected = selectedQuarantineItem();
    m_quarantineModel->setRowCount(0);
    qint64 files = 0, pages = 0;
    int selectedRow = -1;
    for (qsizetype i = 0; i < overview.quarantine.size(); ++i) {
        const QuarantineItem &item = overview.quarantine.at(i);
        QString kind;
        QString where;
        switch (item.kind) {
        case QuarantineItem::Kind::File:
            ++files;
            kind = tr("File");
            where = item.source;
            break;
        case QuarantineItem::Kind::Page:
            ++pages;
            kind = tr("Page");
            where = item.snapshotId.isEmpty()
                ? tr("page %1 of %2 – %3").arg(item.pageNo).arg(item.windowFrom, item.windowTo)
                : (item.campaignId.isEmpty()
                        ? tr("page %1 of snapshot %2").arg(item.pageNo).arg(item.snapshotId)
                        : tr("page %1 of snapshot %2, campaign %3")
                              .arg(item.pageNo)
                              .arg(item.snapshotId, item.campaignId));
            break;
        case QuarantineItem::Kind::Line:
            kind = tr("Line");
            where = tr("%1, line %2 (%3 bytes)")
                        .arg(item.source, number(item.lineNo), number(item.length));
            break;
        }
        QStandardItem *first = cell(kind);
        first->setData(int(i), kIndexRole);
        m_quarantineModel->appendRow({first, cell(item.stream), cell(item.part), cell(where),
            item.kind == QuarantineItem::Kind::Line ? cell(QString()) : numberCell(item.attempts),
            cell(item.lastError), cell(item.createdAt)});
        if (selected && selected->kind == item.kind && selected->id == item.id
            && selected->stream == item.stream && selected->part == item.part
            && selected->source == item.source)
            selectedRow = int(i);
    }
    if (selectedRow >= 0)
        m_quarantineView->selectRow(selectedRow);
    m_quarantineCount->setText(
        tr("%1 file(s), %2 page(s) and %3 line(s) quarantined.")
            .arg(number(files), number(pages), number(overview.quarantinedLines)));
    m_tabs->setTabText(
        2, tr("Quarantine (%1)").arg(number(files + pages + overview.quarantinedLines)));

    QList<qint64> selectedGaps;
    for (const QModelIndex &index : m_gapView->selectionModel()->selectedRows())
        selectedGaps.append(index.data(kIndexRole).toLongLong());
    m_gapModel->setRowCount(0);
    qint64 open = 0;
    for (const GapEntry &gap : overview.gaps) {
        if (!gap.acknowledged)
            ++open;
        QStandardItem *first = numberCell(gap.id);
        first->setData(gap.id, kIndexRole);
        m_gapModel->appendRow({first, cell(gap.stream), cell(gap.part), cell(gap.from),
            cell(gap.to), cell(gap.reason), cell(gap.createdAt),
            cell(gap.acknowledged ? tr("yes") : tr("no"))});
        if (selectedGaps.contains(gap.id))
            m_gapView->selectionModel()->select(m_gapModel->index(m_gapModel->rowCount() - 1, 0),
                QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    m_gapCount->setText(tr("%1 gap(s), %2 not acknowledged. Gaps are ranges the console knows "
                           "it could not fetch; acknowledging keeps them in the ledger.")
                            .arg(number(overview.gaps.size()), number(open)));
    m_tabs->setTabText(3, tr("Gaps (%1 open)").arg(number(open)));

    // Every refresh: the figures grow (rows, new kinds of items). Cheap, as fitColumns only
    // measures the first rows.
    for (QTableView *view :
        {m_healthView, m_historyView, m_quarantineView, m_gapView, m_qualityView})
        fitColumns(view);
    updateActions();
}

// --- Admin actions -------------------------------------------------------------------------

std::optional<QuarantineItem> HealthPage::selectedQuarantineItem() const
{
    const QModelIndexList rows = m_quarantineView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const int index = rows.first().data(kIndexRole).toInt();
    if (index < 0 || index >= m_overview.quarantine.size())
        return std::nullopt;
    return m_overview.quarantine.at(index);
}

void HealthPage::updateActions()
{
    const std::optional<QuarantineItem> item = selectedQuarantineItem();
    const bool idle = !m_writing;
    m_retryButton->setEnabled(idle && item && item->canRetry());
    m_skipButton->setEnabled(idle && item && item->canSkip());
    m_acceptPartialButton->setEnabled(idle && item && item->canAcceptPartial());
    m_purgeButton->setEnabled(idle && m_overview.quarantinedLines > 0);

    bool anyOpen = false;
    for (const QModelIndex &index : m_gapView->selectionModel()->selectedRows()) {
        const qint64 id = index.data(kIndexRole).toLongLong();
        for (const GapEntry &gap : m_overview.gaps)
            anyOpen = anyOpen || (gap.id == id && !gap.acknowledged);
    }
    m_acknowledgeButton->setEnabled(idle && anyOpen);
}

QString HealthPage::describe(const QuarantineItem &item) const
{
    if (item.kind == QuarantineItem::Kind::File)
        return tr("the file %1 of %2 (type %3), %4 failed attempt(s): %5")
            .arg(item.source, item.stream, item.part)
            .arg(item.attempts)
            .arg(item.lastError);
    if (!item.snapshotId.isEmpty())
        return tr("page %1 of the snapshot %2 of %3, %4 failed attempt(s): %5")
            .arg(item.pageNo)
            .arg(item.snapshotId, item.stream)
            .arg(item.attempts)
            .arg(item.lastError);
    return tr("page %1 of the window %2 – %3 of %4, %5 failed attempt(s): %6")
        .arg(item.pageNo)
        .arg(item.windowFrom, item.windowTo, item.stream)
        .arg(item.attempts)
        .arg(item.lastError);
}

bool HealthPage::confirm(const QString &title, const QString &text)
{
    return MessageBox::question(this, title, text) == QMessageBox::Yes;
}

void HealthPage::retrySelected()
{
    const std::optional<QuarantineItem> item = selectedQuarantineItem();
    if (!item || !item->canRetry())
        return;
    if (!confirm(tr("Retry"),
            tr("Retry %1?\n\nThe next sync of the stream tries it again.").arg(describe(*item))))
        return;
    submit(HealthService::retry(*item, QDateTime::currentDateTimeUtc()),
        tr("Marked for retry: the next sync tries it again."));
}

void HealthPage::acceptPartialSelected()
{
    const std::optional<QuarantineItem> item = selectedQuarantineItem();
    if (!item || !item->canAcceptPartial())
        return;
    if (!confirm(tr("Accept partial"),
            tr("Accept %1 as partial?\n\nFiles are committed whole, so no rows of this file "
               "were kept: the whole file is recorded as a gap, as Skip does, and the type "
               "moves on.")
                .arg(describe(*item))))
        return;
    submit(HealthService::acceptPartialFile(*item, QDateTime::currentDateTimeUtc()),
        tr("Accepted as partial; the file is recorded in the gap ledger."));
}

void HealthPage::skipSelected()
{
    const std::optional<QuarantineItem> item = selectedQuarantineItem();
    if (!item || !item->canSkip())
        return;
    const QString consequence = item->isFile()
        ? tr("The file is recorded as a gap (its event time range, if known) and the type "
             "moves on.")
        : tr("Its whole window or list is recorded as a gap (rows already fetched stay) and "
             "the stream moves on.");
    if (!confirm(tr("Skip"), tr("Skip %1?\n\n%2").arg(describe(*item), consequence)))
        return;
    // An awareness page's skip needs its cursor: build the unit on a pool thread.
    m_writing = true;
    updateActions();
    struct Built
    {
        WriteUnit unit;
        CacheError error;
    };
    QFuture<Built> build =
        QtConcurrent::run([path = m_cachePath, definition = m_definition, item = *item] {
            Built built;
            built.unit = HealthService::skip(
                path, definition, item, QDateTime::currentDateTimeUtc(), &built.error);
            return built;
        });
    build.then(
        continuationContext(), [this, self = QPointer<HealthPage>(this)](const Built &built) {
            if (!self)
                return;
            m_writing = false;
            if (built.error.isError()) {
                setActionStatus(built.error.message);
                updateActions();
                Q_EMIT actionFinished(false);
                return;
            }
            submit(built.unit, tr("Skipped; the range is recorded in the gap ledger."));
        });
}

void HealthPage::purgeLines()
{
    if (m_overview.quarantinedLines <= 0)
        return;
    if (!confirm(tr("Purge quarantined lines"),
            tr("Delete the stored text of %1 quarantined line(s)?\n\nTheir stream, source, line "
               "number, length, SHA-256 and reason are kept.")
                .arg(number(m_overview.quarantinedLines))))
        return;
    submit(HealthService::purgeQuarantinedLines(), tr("Quarantined lines purged."));
}

void HealthPage::acknowledgeSelected()
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_gapView->selectionModel()->selectedRows()) {
        const qint64 id = index.data(kIndexRole).toLongLong();
        for (const GapEntry &gap : std::as_const(m_overview.gaps)) {
            if (gap.id == id && !gap.acknowledged)
                ids.append(id);
        }
    }
    if (ids.isEmpty())
        return;
    if (!confirm(tr("Acknowledge gaps"),
            tr("Acknowledge %n gap(s)? They stay in the ledger and no longer count as open.",
                nullptr, int(ids.size()))))
        return;
    submit(HealthService::acknowledgeGaps(ids),
        tr("%n gap(s) acknowledged.", nullptr, int(ids.size())));
}

void HealthPage::submit(WriteUnit unit, const QString &doneText)
{
    if (unit.statements.isEmpty() && unit.cursors.isEmpty()) {
        setActionStatus(tr("Nothing to do: the item was already handled."));
        refresh();
        Q_EMIT actionFinished(true);
        return;
    }
    m_writing = true;
    updateActions();
    QFuture<WriteResult> written = m_writer.submit(std::move(unit));
    written.then(continuationContext(),
        [this, self = QPointer<HealthPage>(this), doneText](const WriteResult &result) {
            if (!self)
                return;
            m_writing = false;
            if (!result.ok())
                setActionStatus(result.error.message);
            else if (result.statementChanges == 0 && result.inserted == 0)
                setActionStatus(tr("Nothing changed: the item was already handled."));
            else
                setActionStatus(doneText);
            refresh();
            Q_EMIT actionFinished(result.ok());
        });
}

void HealthPage::setActionStatus(const QString &text)
{
    m_actionStatus->setText(text);
}

} // namespace msc
