#include "mainwindow.h"

#include "pages/cacheoverviewpage.h"
#include "pages/connectorspage.h"

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
