#pragma once

#include <QDateTime>
#include <QMutex>

namespace msc::sim {

/// The simulator's virtual clock (mimecast-api.md §10.1 item 5): real time by default; tests
/// freeze, set and advance it. Generation, visibility, token and link expiry, retention and
/// rate-limit windows all read it.
class SimClock
{
public:
    QDateTime now() const;
    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }
    bool isFrozen() const;

    void freeze();
    void useRealTime();
    void set(const QDateTime &time);
    void advance(qint64 seconds);

private:
    mutable QMutex m_mutex;
    bool m_frozen = false;
    QDateTime m_frozenAt;
    qint64 m_offsetMs = 0; ///< Added to real time when not frozen.
};

} // namespace msc::sim
