#include "models/streamhealthmodel.h"

#include <QLocale>

namespace msc {

StreamHealthModel::StreamHealthModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void StreamHealthModel::setStreams(QList<StreamHealth> streams)
{
    beginResetModel();
    m_streams = std::move(streams);
    endResetModel();
}

int StreamHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_streams.size());
}

int StreamHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StreamHealthModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StreamHealth &stream = m_streams.at(index.row());
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = index.column() == RowsColumn || index.column() == QuarantinedColumn
            || index.column() == GapsColumn;
        return QVariant::fromValue(
            numeric ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case ConnectorColumn:
        return stream.connector;
    case StreamColumn:
        return stream.stream;
    case TableColumn:
        return stream.table;
    case RowsColumn:
        return QLocale().toString(stream.rows);
    case NewestEventColumn:
        return stream.newestEventTime.isEmpty() ? tr("none yet") : stream.newestEventTime;
    case QuarantinedColumn:
        return QLocale().toString(stream.quarantined());
    case GapsColumn:
        return QLocale().toString(stream.unacknowledgedGaps);
    default:
        return {};
    }
}

QVariant StreamHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ConnectorColumn:
        return tr("Connector");
    case StreamColumn:
        return tr("Stream");
    case TableColumn:
        return tr("Table");
    case RowsColumn:
        return tr("Rows");
    case NewestEventColumn:
        return tr("Newest event (UTC)");
    case QuarantinedColumn:
        return tr("Quarantined");
    case GapsColumn:
        return tr("Open gaps");
    default:
        return {};
    }
}

} // namespace msc
