#pragma once

#include "storage/tableschema.h"

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace msc {

class CacheOverviewPage;

/// Assembles the pages and the menus; owns no logic of its own.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(const QString &profileDirectory, const QString &cachePath,
        const SchemaDefinition &definition, QWidget *parent = nullptr);

    CacheOverviewPage *overviewPage() const { return m_overview; }
    /// Shows the page at \a index of the navigation list.
    void showPage(int index);

private:
    void addPage(const QString &title, QWidget *page);
    void createMenus();

    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    CacheOverviewPage *m_overview;
};

} // namespace msc
