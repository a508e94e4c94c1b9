#include "mimecast/retrypolicy.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace msc {

RetryPolicy::RetryPolicy(const ClientSettings &settings, std::function<double()> uniform)
    : m_baseMs(settings.backoffBaseMs)
    , m_capMs(settings.backoffCapMs)
    , m_uniform(std::move(uniform))
{
    if (!m_uniform)
        m_uniform = [] { return QRandomGenerator::global()->generateDouble(); };
}

qint64 RetryPolicy::delayMs(int retriesSoFar, std::optional<qint64> hintMs) const
{
    if (hintMs)
        return std::max<qint64>(0, *hintMs) + qint64(m_uniform() * 1000.0);
    const double exponential = double(m_baseMs) * std::pow(2.0, std::min(retriesSoFar, 30));
    const double capped = std::min(double(m_capMs), exponential);
    return qint64(capped * (0.8 + 0.4 * m_uniform()));
}

std::optional<qint64> RetryPolicy::parseRateLimitReset(const QByteArray &value)
{
    bool ok = false;
    const qint64 milliseconds = value.trimmed().toLongLong(&ok);
    if (!ok || milliseconds < 0)
        return std::nullopt;
    return milliseconds;
}

std::optional<qint64> RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional<qint64>(seconds * 1000) : std::nullopt;
    // HTTP-date, e.g. "Sun, 01 Jun 2025 10:00:00 GMT".
    QDateTime when = QLocale::c().toDateTime(
        QString::fromLatin1(trimmed), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeZone(QTimeZone::utc());
    return std::max<qint64>(0, now.msecsTo(when));
}

} // namespace msc
