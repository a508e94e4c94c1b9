#include "models/tablemodel.h"

#include "export/tableexport.h"
#include "util/futurecallback.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QtConcurrent>

namespace msc {

TableModel::TableModel(QString cachePath, QObject *parent)
    : QAbstractTableModel(parent)
    , m_cachePath(std::move(cachePath))
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
}

TableModel::~TableModel()
{
    m_cancel->store(true);
    for (QFutureWatcherBase *watcher : findChildren<QFutureWatcherBase *>())
        watcher->waitForFinished();
}

void TableModel::setQuery(const DataSource &source, const TableQuery &query)
{
    const bool columnsChange = source.columns != m_source.columns;
    if (columnsChange)
        beginResetModel();
    else if (!m_rows.isEmpty())
        beginRemoveRows({}, 0, int(m_rows.size()) - 1);

    const bool hadRows = !m_rows.isEmpty();
    m_source = source;
    m_query = query;
    m_query.offset = 0;
    m_query.seqCeiling = 0;
    m_rows.clear();
    m_seqCeiling = 0;
    // Until the first page is on its way, canFetchMore() is false: a view answering the reset
    // below with fetchMore() must not start a second first page.
    m_atEnd = true;
    m_lastError.clear();
    // Anything still running belongs to the previous query: stop it, and drop what it returns.
    ++m_generation;
    m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    setLoading(false);

    if (columnsChange)
        endResetModel();
    else if (hadRows)
        endRemoveRows();
    m_atEnd = false;

    if (m_totalRows != -1) {
        m_totalRows = -1;
        Q_EMIT totalRowsChanged(m_totalRows);
    }
    startPage();
}

void TableModel::reload()
{
    setQuery(m_source, m_query);
}

QString TableModel::displayText(const QVariant &value)
{
    return TableExport::valueText(value);
}

int TableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_source.columns.size());
}

QVariant TableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariantList &row = m_rows.at(index.row());
    const QVariant value = index.column() < row.size() ? row.at(index.column()) : QVariant();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(value);
    case Qt::ToolTipRole: {
        // Plain text; the view's delegate escapes it before Qt can take it for HTML.
        const QString text = displayText(value);
        if (text.size() <= kMaxToolTipLength)
            return text;
        return QString(text.left(kMaxToolTipLength) + QChar(0x2026));
    }
    case Qt::TextAlignmentRole: {
        const int type = value.typeId();
        const bool numeric = type == QMetaType::LongLong || type == QMetaType::Double;
        return QVariant::fromValue(
            numeric ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    }
    case StoredValueRole:
        return value;
    default:
        return {};
    }
}

QVariant TableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_source.columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return m_source.columns.at(section);
    return {};
}

bool TableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_source.isValid() && !m_atEnd && !m_loading;
}

void TableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startPage();
}

void TableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= m_source.columns.size())
        return;
    const QString sortColumn = m_source.columns.at(column);
    const QString current =
        m_query.sortColumn.isEmpty() ? m_source.defaultSortColumn : m_query.sortColumn;
    if (sortColumn == current && order == m_query.sortOrder)
        return;
    TableQuery query = m_query;
    query.sortColumn = sortColumn;
    query.sortOrder = order;
    setQuery(m_source, query);
}

void TableModel::startPage()
{
    if (!m_source.isValid())
        return;
    setLoading(true);
    TableQuery query = m_query;
    query.offset = m_rows.size();
    query.seqCeiling = m_seqCeiling;
    const quint64 generation = m_generation;
    whenFinished(this,
        QtConcurrent::run(&TableQueries::fetchPage, m_cachePath, m_source, query, m_cancel),
        [this, generation](const TablePage &page) {
            if (generation != m_generation)
                return;
            if (!page.ok()) {
                m_atEnd = true;
                m_lastError = page.error;
                setLoading(false);
                Q_EMIT loadFailed(page.error);
                return;
            }
            const bool firstPage = page.offset == 0;
            m_seqCeiling = page.seqCeiling;
            m_atEnd = page.atEnd;
            // Still "loading" while the rows go in, so that a view asking for more from its
            // rowsInserted handler waits for the offset to move on.
            if (!page.rows.isEmpty()) {
                const int first = int(m_rows.size());
                beginInsertRows({}, first, first + int(page.rows.size()) - 1);
                m_rows.append(page.rows);
                endInsertRows();
            }
            setLoading(false);
            Q_EMIT pageLoaded(int(page.rows.size()));
            if (firstPage)
                startCount();
        });
}

void TableModel::startCount()
{
    TableQuery query = m_query;
    // The same snapshot as the pages, so "n of m" adds up while the writer commits.
    query.seqCeiling = m_seqCeiling;
    const quint64 generation = m_generation;
    whenFinished(this,
        QtConcurrent::run(&TableQueries::count, m_cachePath, m_source, query, m_cancel),
        [this, generation](const TableCount &count) {
            if (generation != m_generation)
                return;
            if (!count.ok()) {
                m_lastError = count.error;
                Q_EMIT loadFailed(count.error);
                return;
            }
            m_totalRows = count.rows;
            Q_EMIT totalRowsChanged(m_totalRows);
        });
}

void TableModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace msc
