#pragma once

#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>

namespace msc {

/// One log line as the log viewer shows it. The message has been through the redaction
/// function; it may still quote attacker-written text (a subject, a server message), so it
/// is plain text only (security.md rule 2).
struct LogEntry
{
    qint64 sequence = 0; ///< Increasing, per buffer.
    qint64 timeMs = 0; ///< Epoch ms, when it was logged.
    QtMsgType type = QtInfoMsg;
    QString category;
    QString message;

    /// Debug 0, info 1, warning 2, critical 3, fatal 4: QtMsgType is not in that order.
    static int severity(QtMsgType type);
};

/// A bounded, thread-safe ring of the most recent log lines, fed by the redacting message
/// handler (Redaction::installMessageHandler) once install()ed. Any thread may log; the
/// buffer hands new lines to its own thread in batches: the first line after a delivery
/// queues one call, and every line logged until that call runs goes with it, so a burst of
/// thousands of lines costs the receiving (GUI) thread a few signals, not thousands.
class LogBuffer final : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultCapacity = 5000;

    explicit LogBuffer(int capacity = kDefaultCapacity, QObject *parent = nullptr);
    /// Uninstalls itself first if it is the installed buffer.
    ~LogBuffer() override;

    /// The process-wide buffer, created and installed on first use; call it first from the
    /// thread that should receive entriesAdded() (the GUI thread). Never destroyed.
    static LogBuffer *instance();
    /// Makes \a buffer receive every redacted message (nullptr: none). Thread-safe.
    static void install(LogBuffer *buffer);

    int capacity() const { return m_capacity; }
    /// Adds one line (already redacted). Thread-safe; never blocks on the receiving thread.
    void append(QtMsgType type, const QString &category, const QString &message);
    /// A copy of the lines held now, oldest first.
    QList<LogEntry> entries() const;

Q_SIGNALS:
    /// New lines, oldest first, on the buffer's thread. A burst larger than the capacity
    /// arrives trimmed to its newest lines.
    void entriesAdded(const QList<msc::LogEntry> &entries);

private:
    void deliver();

    const int m_capacity;
    mutable QMutex m_mutex;
    QList<LogEntry> m_entries; ///< The ring, oldest first, at most m_capacity.
    QList<LogEntry> m_pending; ///< Not yet delivered.
    bool m_deliveryQueued = false;
    qint64 m_nextSequence = 1;
};

} // namespace msc

Q_DECLARE_METATYPE(msc::LogEntry)
