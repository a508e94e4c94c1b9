#include "generation.h"

#include "prng.h"
#include "simtime.h"
#include "vocabulary.h"

#include <QtMath>

namespace msc::sim::detail {

namespace {

    // Relative mail volume per UTC hour: quiet nights, busy office hours.
    constexpr double kDiurnal[24] = {0.35, 0.30, 0.30, 0.30, 0.35, 0.50, 0.80, 1.20, 1.60, 1.75,
        1.80, 1.75, 1.60, 1.65, 1.70, 1.65, 1.50, 1.20, 0.90, 0.70, 0.55, 0.45, 0.40, 0.38};

    double diurnal(qint64 bucket)
    {
        double sum = 0;
        for (const double w : kDiurnal)
            sum += w;
        const qint64 hour = bucket - floorDiv(bucket, 24) * 24;
        return kDiurnal[hour] * 24.0 / sum;
    }

    double floorRate(double base, double perDay, double population)
    {
        if (population <= 0)
            return base;
        return qBound(0.0, qMax(base, perDay / population), 0.6);
    }

} // namespace

GenContext makeContext(quint64 seed, int volume)
{
    GenContext ctx;
    ctx.seed = seed;
    // Below this many gateway messages a day the DLP and TTP streams, which ride on CG messages,
    // would no longer get a few dozen records a day (mimecast-api.md §10.2 item 7).
    ctx.volume = qMax(kMinDailyMessages, volume);
    ctx.population = populationSize(qMax(1, volume));
    const double v = ctx.volume;
    // Shares used by the CG generator: 60 % inbound (about 79 % of it clean), 22 % outbound,
    // 13 % internal. The floors target ~40 records a day per stream.
    const double inboundClean = v * 0.60 * 0.79;
    ctx.pClick = floorRate(0.05, 40, inboundClean);
    ctx.pSandbox = floorRate(0.30, 40, inboundClean * 0.4);
    ctx.pImpersonationTag = floorRate(0.02, 40, inboundClean);
    ctx.pDlp = floorRate(0.05, 40, v * 0.22);
    ctx.pInternalClick = 0.08;
    ctx.ciPerDay = qMax(72.0, v / 4);
    ctx.ciUrlClick = floorRate(0.04, 40, ctx.ciPerDay);
    ctx.auditPerDay = qMax(72.0, v / 8);
    return ctx;
}

int bucketCount(Prng &prng, double perDay, qint64 bucket)
{
    const double mean = perDay / 24.0 * diurnal(bucket);
    const double jitter = 0.85 + 0.3 * prng.uniform();
    return int(mean * jitter + prng.uniform());
}

bool isGuaranteeHour(quint64 seed, QStringView stream, qint64 bucket)
{
    const qint64 block = floorDiv(bucket, kGuaranteeBlockHours);
    Prng prng(mix64(mixSeed(seed, stream, block) ^ 0x6a4a7e3bULL));
    return bucket == block * kGuaranteeBlockHours + qint64(prng.below(kGuaranteeBlockHours));
}

qint64 feedOffset(qint64 bucket, qint64 rank)
{
    return bucket * (qint64(1) << 22) + rank;
}

} // namespace msc::sim::detail
