#pragma once

#include <QString>

#include <atomic>

namespace msc {

/// Network settings of the Mimecast client (mimecast-api.md §6, §7.2; connectors.md §4.1).
/// Every timeout and wait is a setting so that tests run with short ones.
struct ClientSettings
{
    int connectTimeoutMs = 15000;
    int idleTimeoutMs = 120000; ///< No bytes received for this long.
    int totalTimeoutMs = 300000; ///< Per /oauth, /api and /siem request; 0 = none.
    int maxRetries = 7; ///< For 5xx, timeouts and connection errors (8 attempts).
    int maxBadJsonRetries = 2;
    qint64 maxRateLimitWaitMs = 15 * 60 * 1000; ///< Cumulative 429 waiting per request.
    qint64 backoffBaseMs = 2000; ///< Without a server hint: min(cap, base × 2^n) × [0.8, 1.2].
    qint64 backoffCapMs = 60000;
    qint64 maxApiBodyBytes = 64LL * 1024 * 1024; ///< security.md rule 7.
    int maxConcurrentRequests = 2; ///< Per (base URL, client id), 1–4.
    QString proxyUrl; ///< Empty: the system proxy.
    QString caBundlePath; ///< Extra CA certificates (PEM) trusted in addition to the system's.
};

/// Set from any thread to stop a run: waits end at once, transfers are aborted, nothing
/// half-done is committed.
class CancellationToken
{
public:
    void cancel() { m_cancelled.store(true); }
    bool isCancelled() const { return m_cancelled.load(); }

private:
    std::atomic<bool> m_cancelled {false};
};

/// A wait the client is about to make, reported before it starts (for progress displays).
struct WaitInfo
{
    QString reason; ///< "rate limited", "HTTP 503", "timeout", ...
    qint64 durationMs = 0;
    int attempt = 0; ///< Retries already made for this request.
};

} // namespace msc
