#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QTimer>

namespace msc::test {

/// Measures how long the calling thread's event loop goes without running a timer: a precise
/// timer ticks every `intervalMs`, and the gap between two ticks bounds any stall in between
/// from above (the thread was serving events at both ends). Start it on the GUI thread.
///
/// Each gap is measured twice (Linux schedstat of the thread, /proc/thread-self/schedstat):
///  - wall: the gap on the monotonic clock;
///  - own: the wall gap minus the time the thread sat *runnable* in the kernel's run queue,
///    waiting for a CPU that other threads or processes had. Time the thread spent running
///    (our code) or blocked (a mutex, a disk wait, a synchronous call) stays in; only the
///    scheduler's share goes. On a two-core machine shared with compilers, the wall gap also
///    measures the neighbours; the own gap is what the console can be held to.
/// Without schedstat (not Linux), own == wall: stricter, never laxer.
class LatencyProbe
{
public:
    explicit LatencyProbe(int intervalMs = 10);

    void start();
    void stop();

    /// The longest stalls, in ms: the longest gap between two ticks (about the interval when
    /// nothing stalls).
    double maxWallStallMs() const { return m_maxWallNs / 1e6; }
    double maxOwnStallMs() const { return m_maxOwnNs / 1e6; }
    /// The q-quantile (0–1) of the own stalls, in ms.
    double ownStallQuantileMs(double q) const;
    /// Ticks, and ticks whose wall or own stall reached \a thresholdMs.
    int ticks() const { return int(m_ownStallsNs.size()); }
    int wallStallsOver(double thresholdMs) const;
    int ownStallsOver(double thresholdMs) const;
    /// Time the thread spent on a CPU, and waiting for one, while the probe ran (ms).
    double cpuMs() const { return m_cpuNs / 1e6; }
    double runQueueMs() const { return m_queuedNs / 1e6; }
    bool hasSchedStat() const { return m_hasSchedStat; }
    /// A one-line summary for the test log.
    QString summary() const;

private:
    void tick();

    int m_intervalMs;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_lastCpuNs = 0;
    qint64 m_lastQueuedNs = 0;
    qint64 m_maxWallNs = 0;
    qint64 m_maxOwnNs = 0;
    qint64 m_cpuNs = 0;
    qint64 m_queuedNs = 0;
    bool m_hasSchedStat = false;
    QList<qint64> m_wallStallsNs;
    QList<qint64> m_ownStallsNs;
};

} // namespace msc::test
