#include "simclock.h"

#include <QTimeZone>

namespace msc::sim {

QDateTime SimClock::now() const
{
    QMutexLocker locker(&m_mutex);
    if (m_frozen)
        return m_frozenAt;
    return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs);
}

bool SimClock::isFrozen() const
{
    QMutexLocker locker(&m_mutex);
    return m_frozen;
}

void SimClock::freeze()
{
    const QDateTime current = now();
    QMutexLocker locker(&m_mutex);
    m_frozen = true;
    m_frozenAt = current;
}

void SimClock::useRealTime()
{
    const QDateTime current = now();
    QMutexLocker locker(&m_mutex);
    m_frozen = false;
    m_offsetMs = QDateTime::currentDateTimeUtc().msecsTo(current);
}

void SimClock::set(const QDateTime &time)
{
    QMutexLocker locker(&m_mutex);
    if (m_frozen)
        m_frozenAt = time.toUTC();
    else
        m_offsetMs = QDateTime::currentDateTimeUtc().msecsTo(time);
}

void SimClock::advance(qint64 seconds)
{
    QMutexLocker locker(&m_mutex);
    if (m_frozen)
        m_frozenAt = m_frozenAt.addSecs(seconds);
    else
        m_offsetMs += seconds * 1000;
}

} // namespace msc::sim
