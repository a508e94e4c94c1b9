#pragma once

#include "util/logbuffer.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace msc {

/// The recent log lines of a LogBuffer, bounded by its capacity, appended in the batches the
/// buffer delivers. Every text is display text for a plain-text view: no tooltips (Qt would
/// guess rich text) and no decoration from the message itself.
class LogModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, LevelColumn, CategoryColumn, MessageColumn, ColumnCount };
    /// QtMsgType's severity (LogEntry::severity) of the row.
    static constexpr int SeverityRole = Qt::UserRole + 1;

    /// \a buffer must outlive the model.
    explicit LogModel(LogBuffer &buffer, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const LogEntry &entry(int row) const { return m_entries.at(row); }
    static QString levelName(QtMsgType type);

private:
    void append(const QList<LogEntry> &entries);

    QList<LogEntry> m_entries;
    int m_capacity;
    qint64 m_lastSequence = 0;
};

/// Filters a LogModel by minimum level and by text (case-insensitive, in the message or the
/// category).
class LogFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    /// Rows below \a severity (LogEntry::severity) are hidden.
    void setMinimumSeverity(int severity);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_minimumSeverity = 0;
    QString m_text;
};

} // namespace msc
