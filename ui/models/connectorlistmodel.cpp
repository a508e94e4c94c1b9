#include "models/connectorlistmodel.h"

using namespace Qt::Literals::StringLiterals;

namespace msc {

ConnectorListModel::ConnectorListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ConnectorListModel::setConfigs(const QList<ConnectorConfig> &configs)
{
    beginResetModel();
    m_configs = configs;
    endResetModel();
}

void ConnectorListModel::setHealth(const QList<StreamHealth> &health)
{
    QHash<QString, Sync> sync;
    for (const StreamHealth &stream : health) {
        Sync &entry = sync[stream.connector];
        // The storage form of times sorts as text, so the newest is the greatest.
        if (stream.lastSuccess > entry.lastSuccess)
            entry.lastSuccess = stream.lastSuccess;
        if (entry.lastError.isEmpty() && !stream.lastError.isEmpty())
            entry.lastError = stream.stream + u": "_s + stream.lastError;
    }
    m_sync = sync;
    if (!m_configs.isEmpty()) {
        Q_EMIT dataChanged(index(0, LastSyncColumn),
            index(int(m_configs.size()) - 1, LastErrorColumn), {Qt::DisplayRole});
    }
}

int ConnectorListModel::rowOf(const QString &connectorId) const
{
    for (int row = 0; row < m_configs.size(); ++row) {
        if (m_configs.at(row).id == connectorId)
            return row;
    }
    return -1;
}

int ConnectorListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_configs.size());
}

int ConnectorListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectorListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ConnectorConfig &config = m_configs.at(index.row());
    switch (role) {
    case ConnectorIdRole:
        return config.id;
    case ConfiguredRole:
        return config.configured;
    case EnabledRole:
        return config.configured && config.enabled;
    case Qt::ToolTipRole: {
        // Tooltips guess the format (Qt::AutoText): always hand them escaped rich text.
        const QString text = data(index, Qt::DisplayRole).toString();
        return text.isEmpty() ? QVariant() : QVariant(u"<p>"_s + text.toHtmlEscaped() + u"</p>"_s);
    }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const Sync sync = m_sync.value(config.id);
    switch (index.column()) {
    case ConnectorColumn: {
        const ConnectorInfo *info = ConnectorInfo::byId(config.id);
        return info ? info->title : config.id;
    }
    case StatusColumn:
        if (!config.configured)
            return tr("Not configured");
        return config.enabled ? tr("Enabled") : tr("Disabled");
    case BaseUrlColumn:
        return config.configured ? config.baseUrl.toString() : QString();
    case ClientIdColumn:
        return config.clientId;
    case IntervalColumn:
        return config.configured ? tr("every %n min", nullptr, config.intervalMinutes) : QString();
    case LastSyncColumn:
        return sync.lastSuccess.isEmpty() && config.configured ? tr("never") : sync.lastSuccess;
    case LastErrorColumn:
        return sync.lastError;
    default:
        return {};
    }
}

QVariant ConnectorListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ConnectorColumn:
        return tr("Connector");
    case StatusColumn:
        return tr("Status");
    case BaseUrlColumn:
        return tr("Base URL");
    case ClientIdColumn:
        return tr("Client ID");
    case IntervalColumn:
        return tr("Schedule");
    case LastSyncColumn:
        return tr("Last sync");
    case LastErrorColumn:
        return tr("Last error");
    default:
        return {};
    }
}

} // namespace msc
