// The event-loop latency probe the GUI tests rely on must see a stall when there is one: work
// or a blocking wait on the probed thread counts in full, only time spent waiting for a CPU
// is left out.
#include "latencyprobe.h"

#include <ctime>

#include <QElapsedTimer>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace msc;

namespace {

qint64 threadCpuNs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace

class TestLatencyProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seesBusyAndBlockedStalls()
    {
        test::LatencyProbe probe(10);
        probe.start();
        QTest::qWait(200);
        const double idle = probe.maxOwnStallMs();

        // 80 ms of work on the probed thread, counted in CPU time: on a loaded machine the
        // loop may also be preempted, and that part is not the loop's doing.
        QTimer::singleShot(20, [] {
            const qint64 start = threadCpuNs();
            volatile quint64 sink = 0;
            while (threadCpuNs() - start < 80'000'000)
                sink = sink + 1;
        });
        QTest::qWait(250);
        const double afterBusy = probe.maxOwnStallMs();

        // 120 ms blocked (as on a mutex or a synchronous call): not CPU time, still a stall.
        QTimer::singleShot(20, [] { QThread::msleep(120); });
        QTest::qWait(300);
        probe.stop();
        qInfo("idle %.1f ms, after 80 ms busy %.1f ms, after 120 ms blocked %.1f ms; %s", idle,
            afterBusy, probe.maxOwnStallMs(), qPrintable(probe.summary()));

        QVERIFY(probe.ticks() > 20);
        QVERIFY2(afterBusy >= 65, qPrintable(probe.summary()));
        QVERIFY2(probe.maxOwnStallMs() >= 105, qPrintable(probe.summary()));
        QVERIFY(probe.maxWallStallMs() >= probe.maxOwnStallMs());
        QVERIFY(probe.ownStallsOver(50) >= 2);
    }
};

QTEST_GUILESS_MAIN(TestLatencyProbe)
#include "tst_latencyprobe.moc"
