#pragma once

#include "storage/tableschema.h"

#include <QFuture>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace msc {

class StreamHealthModel;

/// The cache at a glance: rows, newest event, quarantine and gaps per stream. Figures are
/// read on a pool thread with its own connection; the GUI thread never runs SQL.
class CacheOverviewPage final : public QWidget
{
    Q_OBJECT

public:
    CacheOverviewPage(QString cachePath, SchemaDefinition definition, QWidget *parent = nullptr);
    ~CacheOverviewPage() override;

    StreamHealthModel *model() const { return m_model; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void refreshed();

private:
    QString m_cachePath;
    SchemaDefinition m_definition;
    StreamHealthModel *m_model;
    QTableView *m_view;
    QLabel *m_status;
    QPushButton *m_refreshButton;
    QFuture<void> m_pending; ///< The read in flight; waited for on destruction.
};

} // namespace msc
