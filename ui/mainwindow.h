#pragma once

#include "storage/tableschema.h"

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace msc {

class CacheOverviewPage;
class ConnectorsPage;
class SecretStore;

/// Assembles the pages and the menus; owns no logic of its own.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    /// \a secrets (the profile's keychain, or memory for the demo) must outlive the window;
    /// \a settingsPath is the profile's settings file.
    MainWindow(const QString &profileDirectory, const QString &cachePath,
        const SchemaDefinition &definition, SecretStore &secrets, const QString &settingsPath,
        QWidget *parent = nullptr);

    CacheOverviewPage *overviewPage() const { return m_overview; }
    ConnectorsPage *connectorsPage() const { return m_connectors; }
    /// Shows the page at \a index of the navigation list.
    void showPage(int index);

private:
    void addPage(const QString &title, QWidget *page);
    void createMenus();

    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    CacheOverviewPage *m_overview;
    ConnectorsPage *m_connectors;
};

} // namespace msc
