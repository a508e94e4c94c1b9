#pragma once

#include "query/tablequery.h"

#include <QAbstractTableModel>

namespace msc {

/// The rows of one DataSource, loaded a page at a time on a pool thread.
///
/// The model holds plain values handed over from core (TablePage); it never touches SQL on the
/// GUI thread. canFetchMore()/fetchMore() start the next page in the background, so a view
/// scrolled to the bottom asks for more without blocking. Loaded rows are kept: scrolling a
/// very large table far down grows the model (a bounded window is future work). Every text is
/// a plain value: DisplayRole and ToolTipRole return the stored text as it is (no HTML), and
/// views must show it as plain text (security.md rule 2).
class TableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        /// The value as stored: qint64, double, QString, QByteArray (BLOB) or null.
        StoredValueRole = Qt::UserRole + 1,
    };

    /// Longest ToolTipRole text; longer values are cut (the details pane shows them whole).
    static constexpr int kMaxToolTipLength = 2000;

    explicit TableModel(QString cachePath, QObject *parent = nullptr);
    /// Interrupts the queries still running and waits for them (briefly): Qt closes every
    /// QSqlDatabase at application exit before the thread pool is drained, so a query must not
    /// outlive its model.
    ~TableModel() override;

    /// Drops the loaded rows and loads the first page of \a query over \a source (whose
    /// columns come from the definition). Results of earlier queries still running are
    /// discarded when they arrive.
    void setQuery(const DataSource &source, const TableQuery &query);
    /// Runs the current query again from the first page.
    void reload();

    const DataSource &source() const { return m_source; }
    const TableQuery &query() const { return m_query; }
    const QStringList &columns() const { return m_source.columns; }
    const QVariantList &rowValues(int row) const { return m_rows.at(row); }
    bool isLoading() const { return m_loading; }
    bool isComplete() const { return m_atEnd; }
    /// Rows matching the query (counted in the background); -1 while unknown.
    qint64 totalRows() const { return m_totalRows; }
    const QString &lastError() const { return m_lastError; }

    /// The text a cell shows: the stored text, BLOBs as hex, NULL as empty.
    static QString displayText(const QVariant &value);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    /// Sorting is done by the database: a new query from the first page.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    /// A page arrived and was appended (\a rows may be 0 at the end of the data).
    void pageLoaded(int rows);
    void totalRowsChanged(qint64 rows);
    void loadFailed(const QString &message);

private:
    void startPage();
    void startCount();
    void setLoading(bool loading);

    QString m_cachePath;
    QueryCancelFlag m_cancel;
    DataSource m_source;
    TableQuery m_query;
    QList<QVariantList> m_rows;
    qint64 m_seqCeiling = 0;
    qint64 m_totalRows = -1;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_atEnd = true;
    QString m_lastError;
};

} // namespace msc
