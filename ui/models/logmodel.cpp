#include "models/logmodel.h"

#include <QDateTime>

namespace msc {

LogModel::LogModel(LogBuffer &buffer, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(buffer.capacity())
{
    // Connect first, then read what is there: a batch delivered in between carries lines
    // already read, which append() recognises by their sequence numbers.
    connect(&buffer, &LogBuffer::entriesAdded, this, &LogModel::append);
    append(buffer.entries());
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogModel::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return tr("Debug");
    case QtInfoMsg:
        return tr("Info");
    case QtWarningMsg:
        return tr("Warning");
    case QtCriticalMsg:
        return tr("Error");
    case QtFatalMsg:
        return tr("Fatal");
    }
    return QString();
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry &entry = m_entries.at(index.row());
    if (role == SeverityRole)
        return LogEntry::severity(entry.type);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(entry.timeMs).toString(u"HH:mm:ss.zzz");
    case LevelColumn:
        return levelName(entry.type);
    case CategoryColumn:
        return entry.category;
    case MessageColumn:
        // One line per row; the whole message stays in the model.
        return QString(entry.message).replace(u'\n', u' ');
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case CategoryColumn:
        return tr("Category");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

void LogModel::append(const QList<LogEntry> &entries)
{
    qsizetype first = 0;
    while (first < entries.size() && entries.at(first).sequence <= m_lastSequence)
        ++first;
    // A batch larger than the capacity keeps its newest lines only.
    first = std::max(first, entries.size() - m_capacity);
    const qsizetype count = entries.size() - first;
    if (count <= 0)
        return;
    const qsizetype overflow = m_entries.size() + count - m_capacity;
    if (overflow > 0) {
        beginRemoveRows(QModelIndex(), 0, int(overflow) - 1);
        m_entries.remove(0, overflow);
        endRemoveRows();
    }
    beginInsertRows(QModelIndex(), int(m_entries.size()), int(m_entries.size() + count) - 1);
    m_entries.append(entries.mid(first));
    endInsertRows();
    m_lastSequence = m_entries.last().sequence;
}

void LogFilterModel::setMinimumSeverity(int severity)
{
    if (severity == m_minimumSeverity)
        return;
    m_minimumSeverity = severity;
    invalidateFilter();
}

void LogFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const LogModel *>(sourceModel());
    if (!model || sourceParent.isValid())
        return false;
    const LogEntry &entry = model->entry(sourceRow);
    if (LogEntry::severity(entry.type) < m_minimumSeverity)
        return false;
    return m_text.isEmpty() || entry.message.contains(m_text, Qt::CaseInsensitive)
        || entry.category.contains(m_text, Qt::CaseInsensitive);
}

} // namespace msc
