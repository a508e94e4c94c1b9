#pragma once

#include "mimecast/clientsettings.h"

#include <QByteArray>
#include <QDateTime>

#include <functional>
#include <optional>

namespace msc {

/// The one wait formula for every retried Mimecast request (mimecast-api.md §6):
/// with a server hint, hint + uniform jitter in 0–1 s; without, min(cap, base × 2^n) × a
/// uniform factor in [0.8, 1.2], n = retries already made.
class RetryPolicy
{
public:
    /// \a uniform returns values in [0, 1); injectable so tests can pin the jitter.
    explicit RetryPolicy(const ClientSettings &settings, std::function<double()> uniform = {});

    qint64 delayMs(int retriesSoFar, std::optional<qint64> hintMs) const;

    /// `X-RateLimit-Reset` (milliseconds); std::nullopt when absent or invalid.
    static std::optional<qint64> parseRateLimitReset(const QByteArray &value);
    /// `Retry-After`: seconds or an HTTP-date (relative to \a now); invalid → std::nullopt.
    static std::optional<qint64> parseRetryAfter(const QByteArray &value, const QDateTime &now);

private:
    qint64 m_baseMs;
    qint64 m_capMs;
    std::function<double()> m_uniform;
};

} // namespace msc
