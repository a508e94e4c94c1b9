#include "mainwindow.h"

#include "dialogs/schedulesdialog.h"
#include "ingest/synccontroller.h"
#include "pages/cacheoverviewpage.h"
#include "pages/connectorspage.h"
#include "pages/datapage.h"
#include "pages/healthpage.h"
#include "pages/settingspage.h"
#include "util/logbuffer.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

#include "msc/version.h"

namespace msc {

MainWindow::MainWindow(const QString &profileDirectory, const QString &cachePath,
    const SchemaDefinition &definition, SecretStore &secrets, const QString &settingsPath,
    QWidget *parent)
    : QMainWindow(parent)
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_overview(new CacheOverviewPage(cachePath, definition, this))
    , m_connectors(new ConnectorsPage(settingsPath, cachePath, definition, secrets, this))
    , m_data(new DataPage(cachePath, definition, this))
    , m_settings(new SettingsPage(settingsPath, this))
    , m_settingsPath(settingsPath)
    , m_cachePath(cachePath)
    , m_definition(definition)
{
    setWindowTitle(tr("Mimecast Sentinel Console"));
    m_navigation->setFixedWidth(180);
    m_navigation->setAccessibleName(tr("Pages"));

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    addPage(tr("Overview"), m_overview);
    addPage(tr("Connectors"), m_connectors);
    addPage(tr("Data"), m_data);
    addPage(tr("Settings"), m_settings);
    // The process-wide buffer that the redacting message handler feeds.
    m_settings->setLogBuffer(*LogBuffer::instance());
    connect(
        m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);

    createMenus();
    auto *profileLabel = new QLabel(tr("Profile: %1").arg(profileDirectory), this);
    profileLabel->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(profileLabel);
    resize(1000, 640);
    // Queued: a read that finishes before then() attaches runs its continuation at once, and
    // the first refreshed() would be emitted before anyone could connect to it.
    QMetaObject::invokeMethod(m_overview, &CacheOverviewPage::refresh, Qt::QueuedConnection);
}

void MainWindow::setSyncController(SyncController *controller, CacheWriter &writer)
{
    m_health = new HealthPage(writer, m_cachePath, m_definition, *controller, this);
    // Jobs & health sits right after Connectors.
    m_navigation->insertItem(2, tr("Jobs & health"));
    m_pages->insertWidget(2, m_health);
    m_controller = controller;
    m_syncAction->setEnabled(true);
    m_retryBlockedAction->setEnabled(true);
    connect(m_syncAction, &QAction::triggered, controller, &SyncController::syncAllNow);
    connect(m_retryBlockedAction, &QAction::triggered, controller, &SyncController::retryBlocked);
    connect(
        m_health, &HealthPage::changeSchedulesRequested, this, &MainWindow::openSchedulesDialog);
    connect(controller, &SyncController::syncStarted, this, [this](const QStringList &connectors) {
        m_syncAction->setEnabled(false);
        m_retryBlockedAction->setEnabled(false);
        statusBar()->showMessage(tr("Syncing %1…").arg(connectors.join(u", ")));
    });
    connect(controller, &SyncController::streamProgress, this,
        [this](const QString &stream, qint64 rows, qint64 pages, qint64 files, const QString &wait,
            qint64 waitMs) {
            statusBar()->showMessage(wait.isEmpty()
                    ? tr("%1: %2 rows, %3 pages, %4 files")
                          .arg(stream)
                          .arg(rows)
                          .arg(pages)
                          .arg(files)
                    : tr("%1: %2, resuming in %3 s").arg(stream, wait).arg((waitMs + 999) / 1000));
        });
    connect(controller, &SyncController::syncFinished, this,
        [this](const QList<StreamReport> &reports) {
            m_syncAction->setEnabled(true);
            m_retryBlockedAction->setEnabled(true);
            qint64 added = 0;
            int problems = 0;
            for (const StreamReport &report : reports) {
                added += report.result.stats.added;
                if (!report.skipped && report.result.outcome != StreamOutcome::Ok)
                    ++problems;
            }
            statusBar()->showMessage(problems == 0
                    ? tr("Sync finished: %1 rows added.").arg(added)
                    : tr("Sync finished: %1 rows added, %2 stream(s) need attention.")
                          .arg(added)
                          .arg(problems));
            m_overview->refresh();
            m_connectors->reload();
        });
    connect(controller, &SyncController::problem, this, [this, controller](const QString &message) {
        statusBar()->showMessage(message);
        m_syncAction->setEnabled(!controller->isRunning());
        m_retryBlockedAction->setEnabled(!controller->isRunning());
    });
}

SchedulesDialog *MainWindow::openSchedulesDialog()
{
    if (auto *open = findChild<SchedulesDialog *>(); open && open->isVisible()) {
        open->raise();
        open->activateWindow();
        return open;
    }
    auto *dialog = new SchedulesDialog(m_settingsPath, m_controller, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        statusBar()->showMessage(tr("Schedules saved; they apply from now on."));
        m_connectors->reload();
    });
    dialog->open();
    return dialog;
}

void MainWindow::setDemoNotice(const QString &text)
{
    auto *label = new QLabel(text, this);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(QStringLiteral("QLabel { color: palette(highlighted-text); background: "
                                        "palette(highlight); padding: 2px 6px; }"));
    statusBar()->insertPermanentWidget(0, label);
    setWindowTitle(tr("Mimecast Sentinel Console — demo"));
}

void MainWindow::showPage(int index)
{
    m_navigation->setCurrentRow(index);
}

void MainWindow::addPage(const QString &title, QWidget *page)
{
    m_navigation->addItem(title);
    m_pages->addWidget(page);
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    m_syncAction = fileMenu->addAction(tr("&Sync all now"));
    m_syncAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_syncAction->setEnabled(false);
    m_retryBlockedAction = fileMenu->addAction(tr("Retry &blocked streams"));
    m_retryBlockedAction->setEnabled(false);
    m_schedulesAction =
        fileMenu->addAction(tr("Change all s&chedules…"), this, &MainWindow::openSchedulesDialog);
    m_schedulesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QAction *refresh = fileMenu->addAction(tr("&Refresh"), m_overview, &CacheOverviewPage::refresh);
    refresh->setShortcut(QKeySequence::Refresh);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About"), this, [this] {
        QMessageBox box(QMessageBox::Information, tr("About Mimecast Sentinel Console"),
            tr("Mimecast Sentinel Console %1\nMimecast email security data and "
               "Microsoft Sentinel content on your desktop.")
                .arg(QStringLiteral(MSC_VERSION_STRING)),
            QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    });
}

} // namespace msc
