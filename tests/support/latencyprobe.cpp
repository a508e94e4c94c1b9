#include "latencyprobe.h"

#include <QFile>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace msc::test {

namespace {

    /// The calling thread's time on a CPU and waiting in the run queue (ns); false without
    /// schedstat.
    bool schedStat(qint64 *cpuNs, qint64 *queuedNs)
    {
        QFile file(u"/proc/thread-self/schedstat"_s);
        if (!file.open(QIODevice::ReadOnly))
            return false;
        const QList<QByteArray> fields = file.readAll().simplified().split(' ');
        if (fields.size() < 2)
            return false;
        *cpuNs = fields.at(0).toLongLong();
        *queuedNs = fields.at(1).toLongLong();
        return true;
    }

} // namespace

LatencyProbe::LatencyProbe(int intervalMs)
    : m_intervalMs(intervalMs)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { tick(); });
}

void LatencyProbe::start()
{
    m_hasSchedStat = schedStat(&m_lastCpuNs, &m_lastQueuedNs);
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void LatencyProbe::stop()
{
    m_timer.stop();
}

void LatencyProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    qint64 cpuNs = 0;
    qint64 queuedNs = 0;
    qint64 queuedDelta = 0;
    if (m_hasSchedStat && schedStat(&cpuNs, &queuedNs)) {
        queuedDelta = queuedNs - m_lastQueuedNs;
        m_cpuNs += cpuNs - m_lastCpuNs;
        m_queuedNs += queuedDelta;
        m_lastCpuNs = cpuNs;
        m_lastQueuedNs = queuedNs;
    }
    // The whole gap, not the gap minus the interval: a stall that starts just after a tick
    // ends a gap that long, so the gap bounds it from above and nothing is explained away.
    const qint64 wallStall = now - m_lastNs;
    const qint64 ownStall = std::max<qint64>(0, wallStall - queuedDelta);
    m_wallStallsNs.append(wallStall);
    m_ownStallsNs.append(ownStall);
    m_maxWallNs = std::max(m_maxWallNs, wallStall);
    m_maxOwnNs = std::max(m_maxOwnNs, ownStall);
    m_lastNs = now;
}

double LatencyProbe::ownStallQuantileMs(double q) const
{
    if (m_ownStallsNs.isEmpty())
        return 0;
    QList<qint64> sorted = m_ownStallsNs;
    std::sort(sorted.begin(), sorted.end());
    const qsizetype index =
        std::clamp<qsizetype>(qsizetype(q * double(sorted.size() - 1) + 0.5), 0, sorted.size() - 1);
    return sorted.at(index) / 1e6;
}

int LatencyProbe::wallStallsOver(double thresholdMs) const
{
    return int(std::count_if(m_wallStallsNs.cbegin(), m_wallStallsNs.cend(),
        [thresholdMs](qint64 ns) { return ns / 1e6 >= thresholdMs; }));
}

int LatencyProbe::ownStallsOver(double thresholdMs) const
{
    return int(std::count_if(m_ownStallsNs.cbegin(), m_ownStallsNs.cend(),
        [thresholdMs](qint64 ns) { return ns / 1e6 >= thresholdMs; }));
}

QString LatencyProbe::summary() const
{
    return u"%1 ticks of %2 ms; longest gap between ticks %3 ms on the wall clock (%4 of 50 "
           "ms or more), %5 ms without run-queue waits (%6 of 50 ms or more, p99 %7 ms); "
           "thread on a CPU %8 ms, waiting for one %9 ms%10"_s.arg(ticks())
               .arg(m_intervalMs)
               .arg(maxWallStallMs(), 0, 'f', 1)
               .arg(wallStallsOver(50))
               .arg(maxOwnStallMs(), 0, 'f', 1)
               .arg(ownStallsOver(50))
               .arg(ownStallQuantileMs(0.99), 0, 'f', 1)
               .arg(cpuMs(), 0, 'f', 0)
               .arg(runQueueMs(), 0, 'f', 0)
               .arg(m_hasSchedStat ? QString() : u" (no schedstat: own = wall)"_s);
}

} // namespace msc::test
