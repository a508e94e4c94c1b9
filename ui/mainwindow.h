#pragma once

#include "storage/tableschema.h"

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace msc {

class CacheOverviewPage;
class SyncController;
class CacheWriter;
class DataPage;
class HealthPage;
class SchedulesDialog;
class SettingsPage;
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

    /// Adds the Jobs & health page and connects "Sync all now" (menu, Ctrl+Shift+S), progress
    /// in the status bar and refreshes after each sync. \a controller and \a writer must
    /// outlive the window.
    void setSyncController(SyncController *controller, CacheWriter &writer);
    /// Labels the window as the demo: data from the local simulator, secrets in memory.
    void setDemoNotice(const QString &text);

    CacheOverviewPage *overviewPage() const { return m_overview; }
    DataPage *dataPage() const { return m_data; }
    HealthPage *healthPage() const { return m_health; }
    ConnectorsPage *connectorsPage() const { return m_connectors; }
    /// Shows the page at \a index of the navigation list.
    void showPage(int index);

public Q_SLOTS:
    /// Opens "Change all schedules" (window-modal, not blocking; File menu, Ctrl+Shift+E, and
    /// the Jobs & health page). Returns the open dialog.
    SchedulesDialog *openSchedulesDialog();

private:
    void addPage(const QString &title, QWidget *page);
    void createMenus();

    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    CacheOverviewPage *m_overview;
    QAction *m_syncAction = nullptr;
    QAction *m_retryBlockedAction = nullptr;
    QAction *m_schedulesAction = nullptr;
    SyncController *m_controller = nullptr;
    ConnectorsPage *m_connectors;
    DataPage *m_data;
    HealthPage *m_health = nullptr;
    SettingsPage *m_settings;
    QString m_settingsPath;
    QString m_cachePath;
    SchemaDefinition m_definition;
};

} // namespace msc
