#pragma once

#include "config/connectorconfig.h"
#include "storage/cachereader.h"

#include <QAbstractTableModel>

namespace msc {

/// The five connectors with their saved configuration and, when the cache has them, the
/// last successful sync and the last error of their streams. Plain values handed over from
/// core; every text is shown as plain text (security.md rule 2).
class ConnectorListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        ConnectorColumn,
        StatusColumn,
        BaseUrlColumn,
        ClientIdColumn,
        IntervalColumn,
        LastSyncColumn,
        LastErrorColumn,
        ColumnCount
    };
    enum Role {
        ConnectorIdRole = Qt::UserRole, ///< QString: `seg`, `ttp`, ...
        ConfiguredRole, ///< bool
        EnabledRole, ///< bool
    };

    explicit ConnectorListModel(QObject *parent = nullptr);

    /// One entry per ConnectorInfo::all(), in that order.
    void setConfigs(const QList<ConnectorConfig> &configs);
    void setHealth(const QList<StreamHealth> &health);

    const ConnectorConfig &config(int row) const { return m_configs.at(row); }
    int rowOf(const QString &connectorId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Sync
    {
        QString lastSuccess;
        QString lastError;
    };

    QList<ConnectorConfig> m_configs;
    QHash<QString, Sync> m_sync; ///< By connector id.
};

} // namespace msc
