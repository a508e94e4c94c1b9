#include "util/eventtime.h"

#include "util/timeformat.h"

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QTimeZone>

#include <cmath>

namespace msc::EventTime {

namespace {

    /// Reads exactly \a count ASCII digits at \a pos.
    bool readDigits(QStringView text, qsizetype &pos, int count, int *value)
    {
        if (pos + count > text.size())
            return false;
        int result = 0;
        for (int i = 0; i < count; ++i) {
            const char16_t c = text.at(pos + i).unicode();
            if (c < u'0' || c > u'9')
                return false;
            result = result * 10 + (c - u'0');
        }
        pos += count;
        *value = result;
        return true;
    }

    bool expect(QStringView text, qsizetype &pos, char16_t c)
    {
        if (pos >= text.size() || text.at(pos).unicode() != c)
            return false;
        ++pos;
        return true;
    }

} // namespace

std::optional<qint64> parseIso(QStringView text)
{
    qsizetype pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(text, pos, 4, &year) || !expect(text, pos, u'-')
        || !readDigits(text, pos, 2, &month) || !expect(text, pos, u'-')
        || !readDigits(text, pos, 2, &day))
        return std::nullopt;
    if (pos >= text.size() || (text.at(pos) != u'T' && text.at(pos) != u' '))
        return std::nullopt;
    ++pos;
    if (!readDigits(text, pos, 2, &hour) || !expect(text, pos, u':')
        || !readDigits(text, pos, 2, &minute) || !expect(text, pos, u':')
        || !readDigits(text, pos, 2, &second))
        return std::nullopt;
    int milliseconds = 0;
    if (pos < text.size() && text.at(pos) == u'.') {
        ++pos;
        int digits = 0;
        int fraction = 0;
        while (pos < text.size() && text.at(pos).isDigit() && text.at(pos).unicode() < 128) {
            if (digits < 3)
                fraction = fraction * 10 + (text.at(pos).unicode() - u'0');
            ++digits;
            ++pos;
        }
        if (digits == 0 || digits > 9)
            return std::nullopt;
        for (int i = digits; i < 3; ++i)
            fraction *= 10;
        milliseconds = fraction; // truncated to the millisecond, as stored
    }
    int offsetSeconds = 0;
    if (pos < text.size()) {
        const char16_t sign = text.at(pos).unicode();
        if (sign == u'Z') {
            ++pos;
        } else if (sign == u'+' || sign == u'-') {
            ++pos;
            int offsetHours = 0, offsetMinutes = 0;
            if (!readDigits(text, pos, 2, &offsetHours))
                return std::nullopt;
            expect(text, pos, u':');
            if (!readDigits(text, pos, 2, &offsetMinutes))
                return std::nullopt;
            if (offsetHours > 23 || offsetMinutes > 59)
                return std::nullopt;
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign == u'-' ? -1 : 1);
        } else {
            return std::nullopt;
        }
    }
    if (pos != text.size())
        return std::nullopt;
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, milliseconds);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const QDateTime local(date, time, QTimeZone::utc());
    return local.toMSecsSinceEpoch() - qint64(offsetSeconds) * 1000;
}

std::optional<qint64> parseEpochMs(const QJsonValue &value)
{
    double number = 0;
    if (value.isDouble()) {
        number = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        const QString text = value.toString().trimmed();
        number = text.toDouble(&ok);
        if (!ok)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    // Years 1970–9999 only: anything else is a unit mix-up (seconds, microseconds) or garbage.
    if (!std::isfinite(number) || number < 0 || number > 253402300799999.0)
        return std::nullopt;
    return qint64(std::floor(number));
}

std::optional<qint64> parseFlexible(const QJsonValue &value)
{
    if (value.isString()) {
        const QString text = value.toString();
        if (text.isEmpty())
            return std::nullopt;
        if (std::optional<qint64> iso = parseIso(text))
            return iso;
    }
    return parseEpochMs(value);
}

QString toStorage(qint64 epochMs)
{
    return formatUtc(QDateTime::fromMSecsSinceEpoch(epochMs, QTimeZone::utc()));
}

} // namespace msc::EventTime
