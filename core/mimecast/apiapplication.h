#pragma once

#include <QHash>
#include <QMutex>
#include <QString>
#include <QUrl>
#include <QWaitCondition>

#include <memory>

namespace msc {

class CancellationToken;

/// Rate-limit figures of one API function, as the last response reported them.
struct RateLimitState
{
    qint64 limit = -1;
    qint64 remaining = -1;
    qint64 resetMs = -1;
    qint64 observedAtMs = 0; ///< Monotonic clock of the observation.
};

/// What every stream using the same Mimecast API application (base URL + client id) shares,
/// across threads: one token cache with a single refresh in flight, one concurrency limit,
/// and the rate-limit state per API function (mimecast-api.md §2.4, §6). In memory only.
class ApiApplication
{
public:
    /// The shared instance for \a baseUrl + \a clientId (created on first use).
    static std::shared_ptr<ApiApplication> forApplication(
        const QUrl &baseUrl, const QString &clientId);

    // Concurrency: at most \a limit requests in flight for this application.
    bool acquireSlot(int limit, const CancellationToken *cancel);
    void releaseSlot();

    // Proactive rate limiting: after a response with Remaining 0, calls to that path wait.
    void recordRateLimit(const QString &path, const RateLimitState &state);
    qint64 blockedForMs(const QString &path) const;
    QHash<QString, RateLimitState> rateLimits() const;

    // Token cache with single-flight refresh.
    struct TokenTicket
    {
        QString
            token; ///< A valid token, or empty: the caller must fetch one (it holds the flight).
        bool cancelled = false;
    };
    TokenTicket beginTokenUse(const CancellationToken *cancel);
    /// Ends a fetch started by beginTokenUse(); an empty \a token means the fetch failed.
    void finishTokenFetch(const QString &token, qint64 expiresInSeconds);
    /// Drops \a token if it is still the cached one (after a 401).
    void invalidateToken(const QString &token);
    /// Test hook: how many token fetches ran, and the most that ran at once (must be 1).
    int tokenFetches() const;

private:
    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    int m_inFlight = 0;
    QHash<QString, RateLimitState> m_rateLimits;
    QString m_token;
    qint64 m_refreshAtMs = 0;
    bool m_fetching = false;
    int m_tokenFetches = 0;
};

} // namespace msc
