#include "simtime.h"

#include <QTimeZone>

namespace msc::sim {

namespace {

    QString pad(qint64 value, int width)
    {
        return QString::number(value).rightJustified(width, u'0');
    }

    struct Civil
    {
        int year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
    };

    Civil civil(qint64 ms)
    {
        const qint64 days = floorDiv(ms, kMsPerDay);
        const qint64 msOfDay = ms - days * kMsPerDay;
        Civil c {};
        civilFromDays(days, &c.year, &c.month, &c.day);
        c.hour = int(msOfDay / kMsPerHour);
        c.minute = int(msOfDay / kMsPerMinute % 60);
        c.second = int(msOfDay / kMsPerSecond % 60);
        return c;
    }

} // namespace

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

qint64 daysFromCivil(int year, int month, int day)
{
    const qint64 y = year - (month <= 2 ? 1 : 0);
    const qint64 era = floorDiv(y, 400);
    const qint64 yoe = y - era * 400;
    const qint64 mp = (month + 9) % 12;
    const qint64 doy = (153 * mp + 2) / 5 + day - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(qint64 days, int *year, int *month, int *day)
{
    const qint64 z = days + 719468;
    const qint64 era = floorDiv(z, 146097);
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 d = doy - (153 * mp + 2) / 5 + 1;
    const qint64 m = mp < 10 ? mp + 3 : mp - 9;
    *year = int(yoe + era * 400 + (m <= 2 ? 1 : 0));
    *month = int(m);
    *day = int(d);
}

qint64 toEpochMs(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}

QDateTime fromEpochMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

QString formatT2(qint64 ms)
{
    const Civil c = civil(ms);
    return pad(c.year, 4) + u'-' + pad(c.month, 2) + u'-' + pad(c.day, 2) + u'T' + pad(c.hour, 2)
        + u':' + pad(c.minute, 2) + u':' + pad(c.second, 2) + u"+0000";
}

QString formatDay(qint64 ms)
{
    const Civil c = civil(ms);
    return pad(c.year, 4) + u'-' + pad(c.month, 2) + u'-' + pad(c.day, 2);
}

QString formatDayPath(qint64 ms)
{
    const Civil c = civil(ms);
    return pad(c.year, 4) + u'/' + pad(c.month, 2) + u'/' + pad(c.day, 2);
}

QString formatHhmmss(qint64 ms)
{
    const Civil c = civil(ms);
    return pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2);
}

} // namespace msc::sim
