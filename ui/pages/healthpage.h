#pragma once

#include "health/healthservice.h"
#include "ingest/syncengine.h"
#include "storage/tableschema.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTableWidget;
class QTabWidget;

namespace msc {

class CacheWriter;
class StreamHealthModel;
class SyncController;

/// Jobs & health (connectors.md §2.7, §5): "Sync all now" with live progress per stream and a
/// summary, the health of every stream, the run history, the quarantine with its admin
/// actions and the gap ledger.
///
/// The page never runs SQL or HTTP on the GUI thread: figures are read by HealthService on a
/// pool thread, admin actions are WriteUnits built in core and submitted to the single cache
/// writer, and sync progress arrives as SyncController signals. Every text that may come
/// from the network (file keys, errors) is shown as plain text. The page does not own its
/// dependencies; they must outlive it.
class HealthPage final : public QWidget
{
    Q_OBJECT

public:
    HealthPage(CacheWriter &writer, QString cachePath, SchemaDefinition definition,
        SyncController &sync, QWidget *parent = nullptr);
    ~HealthPage() override;

    StreamHealthModel *healthModel() const { return m_healthModel; }
    QStandardItemModel *historyModel() const { return m_historyModel; }
    QStandardItemModel *quarantineModel() const { return m_quarantineModel; }
    QStandardItemModel *gapModel() const { return m_gapModel; }
    QStandardItemModel *qualityModel() const { return m_qualityModel; }
    /// The plain values behind the quarantine and gap tables, in row order.
    const QList<QuarantineItem> &quarantineItems() const { return m_overview.quarantine; }
    const QList<GapEntry> &gaps() const { return m_overview.gaps; }

public Q_SLOTS:
    /// Reloads every table from the cache on a pool thread.
    void refresh();

Q_SIGNALS:
    /// The tables show the cache as read by the last refresh.
    void refreshed();
    /// An admin action was written (or failed); the page refreshes after it.
    void actionFinished(bool ok);
    /// The admin asked for "Change all schedules"; the window opens the dialog.
    void changeSchedulesRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onSyncStarted(const QStringList &connectors);
    void onStreamProgress(const QString &stream, qint64 rowsAdded, qint64 pages, qint64 files,
        const QString &waitReason, qint64 waitMs);
    void onSyncFinished(const QList<StreamReport> &reports);
    void onProblem(const QString &message);
    void setRunning(bool running);
    int progressRow(const QString &stream);
    void updateWaits();

    void applyOverview(const HealthOverview &overview);
    void updateActions();
    std::optional<QuarantineItem> selectedQuarantineItem() const;
    QString describe(const QuarantineItem &item) const;

    void retrySelected();
    void skipSelected();
    void acceptPartialSelected();
    void purgeLines();
    void acknowledgeSelected();
    bool confirm(const QString &title, const QString &text);
    void submit(WriteUnit unit, const QString &doneText);
    void setActionStatus(const QString &text);

    CacheWriter &m_writer;
    QString m_cachePath;
    SchemaDefinition m_definition;
    SyncController &m_sync;

    HealthOverview m_overview;
    bool m_loading = false;
    bool m_reloadPending = false;
    bool m_writing = false;
    bool m_shownOnce = false;

    struct Wait
    {
        QString reason;
        qint64 untilMs = 0;
    };
    QHash<QString, int> m_progressRows; ///< stream → row of the progress table
    QHash<QString, Wait> m_waits;
    QTimer m_waitTimer; ///< Counts the current waits down.
    QTimer m_liveRefresh; ///< Refreshes the figures while a sync runs.

    QPushButton *m_syncButton;
    QPushButton *m_cancelButton;
    QPushButton *m_retryBlockedButton;
    QPushButton *m_schedulesButton;
    QPushButton *m_refreshButton;
    QLabel *m_summary;
    QTableWidget *m_progress;
    QTabWidget *m_tabs;
    StreamHealthModel *m_healthModel;
    QTableView *m_healthView;
    QStandardItemModel *m_historyModel;
    QTableView *m_historyView;
    QStandardItemModel *m_quarantineModel;
    QTableView *m_quarantineView;
    QLabel *m_quarantineCount;
    QPushButton *m_retryButton;
    QPushButton *m_skipButton;
    QPushButton *m_acceptPartialButton;
    QPushButton *m_purgeButton;
    QStandardItemModel *m_gapModel;
    QTableView *m_gapView;
    QLabel *m_gapCount;
    QPushButton *m_acknowledgeButton;
    QStandardItemModel *m_qualityModel;
    QTableView *m_qualityView;
    QLabel *m_actionStatus;
};

} // namespace msc
