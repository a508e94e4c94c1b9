#pragma once

#include <QDateTime>
#include <QString>

namespace msc::sim {

constexpr qint64 kMsPerSecond = 1000;
constexpr qint64 kMsPerMinute = 60 * kMsPerSecond;
constexpr qint64 kMsPerHour = 60 * kMsPerMinute;
constexpr qint64 kMsPerDay = 24 * kMsPerHour;

/// Floor division (rounds towards negative infinity, unlike C++'s operator/).
qint64 floorDiv(qint64 a, qint64 b);

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm), and back.
qint64 daysFromCivil(int year, int month, int day);
void civilFromDays(qint64 days, int *year, int *month, int *day);

/// Epoch milliseconds of a QDateTime (any time spec), and a UTC QDateTime from epoch ms.
qint64 toEpochMs(const QDateTime &time);
QDateTime fromEpochMs(qint64 ms);

/// T2 record time (mimecast-api.md §8): `yyyy-MM-ddTHH:mm:ss+0000`, whole seconds.
QString formatT2(qint64 ms);
/// `yyyy-MM-dd` of the UTC day.
QString formatDay(qint64 ms);
/// `yyyy/MM/dd` of the UTC day (batch file paths).
QString formatDayPath(qint64 ms);
/// `HHmmss` of the UTC time.
QString formatHhmmss(qint64 ms);

} // namespace msc::sim
