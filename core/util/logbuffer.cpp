#include "util/logbuffer.h"

#include "util/redaction.h"

#include <QDateTime>

namespace msc {

namespace {

    // The installed buffer. The sink runs on any logging thread, so installing, uninstalling
    // and appending are serialised by one mutex: a buffer cannot be destroyed under a writer.
    QMutex &installMutex()
    {
        static QMutex mutex;
        return mutex;
    }
    LogBuffer *g_installed = nullptr;

    // A line logged while appending (say, by Qt while posting the delivery) must not come
    // back into the buffer on the same thread: it would deadlock on the mutexes.
    thread_local bool t_inSink = false;

    void sink(QtMsgType type, const QMessageLogContext &context, const QString &redacted)
    {
        if (t_inSink)
            return;
        t_inSink = true;
        {
            QMutexLocker locker(&installMutex());
            if (g_installed)
                g_installed->append(type,
                    QString::fromLatin1(context.category ? context.category : "default"), redacted);
        }
        t_inSink = false;
    }

} // namespace

int LogEntry::severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 1;
}

LogBuffer::LogBuffer(int capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(std::max(1, capacity))
{
    qRegisterMetaType<msc::LogEntry>();
    qRegisterMetaType<QList<msc::LogEntry>>();
}

LogBuffer::~LogBuffer()
{
    QMutexLocker locker(&installMutex());
    if (g_installed == this)
        g_installed = nullptr;
}

LogBuffer *LogBuffer::instance()
{
    static LogBuffer *const buffer = [] {
        auto *created = new LogBuffer;
        install(created);
        return created;
    }();
    return buffer;
}

void LogBuffer::install(LogBuffer *buffer)
{
    {
        QMutexLocker locker(&installMutex());
        g_installed = buffer;
    }
    Redaction::setMessageSink(buffer ? &sink : nullptr);
}

void LogBuffer::append(QtMsgType type, const QString &category, const QString &message)
{
    bool queue = false;
    {
        QMutexLocker locker(&m_mutex);
        LogEntry entry {
            m_nextSequence++, QDateTime::currentMSecsSinceEpoch(), type, category, message};
        m_entries.append(entry);
        if (m_entries.size() > m_capacity)
            m_entries.removeFirst();
        m_pending.append(std::move(entry));
        if (m_pending.size() > m_capacity)
            m_pending.removeFirst();
        queue = !m_deliveryQueued;
        m_deliveryQueued = true;
    }
    if (queue)
        QMetaObject::invokeMethod(this, &LogBuffer::deliver, Qt::QueuedConnection);
}

QList<LogEntry> LogBuffer::entries() const
{
    QMutexLocker locker(&m_mutex);
    return m_entries;
}

void LogBuffer::deliver()
{
    QList<LogEntry> batch;
    {
        QMutexLocker locker(&m_mutex);
        batch.swap(m_pending);
        m_deliveryQueued = false;
    }
    if (!batch.isEmpty())
        Q_EMIT entriesAdded(batch);
}

} // namespace msc
