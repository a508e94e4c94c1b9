#pragma once

#include "storage/cachereader.h"

#include <QAbstractTableModel>

namespace msc {

/// Per-stream health figures as a table. Holds plain values handed over from core; every
/// text is shown as plain text (event data can be attacker-written, security.md rule 2).
class StreamHealthModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        ConnectorColumn,
        StreamColumn,
        TableColumn,
        RowsColumn,
        NewestEventColumn,
        QuarantinedColumn,
        GapsColumn,
        ColumnCount
    };

    explicit StreamHealthModel(QObject *parent = nullptr);

    void setStreams(QList<StreamHealth> streams);
    const QList<StreamHealth> &streams() const { return m_streams; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<StreamHealth> m_streams;
};

} // namespace msc
