#include "mimecast/apiapplication.h"

#include "mimecast/clientsettings.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    qint64 monotonicMs()
    {
        static QElapsedTimer clock = [] {
            QElapsedTimer timer;
            timer.start();
            return timer;
        }();
        return clock.elapsed();
    }

} // namespace

std::shared_ptr<ApiApplication> ApiApplication::forApplication(
    const QUrl &baseUrl, const QString &clientId)
{
    static QMutex registryMutex;
    // Kept for the life of the process: the token and the rate-limit state of an application
    // outlive a single run (a few hundred bytes per configured application).
    static QHash<QString, std::shared_ptr<ApiApplication>> registry;
    const QString key =
        baseUrl.toString(QUrl::NormalizePathSegments | QUrl::StripTrailingSlash) + u'\n' + clientId;
    QMutexLocker locker(&registryMutex);
    std::shared_ptr<ApiApplication> application = registry.value(key);
    if (!application) {
        application = std::make_shared<ApiApplication>();
        registry.insert(key, application);
    }
    return application;
}

bool ApiApplication::acquireSlot(int limit, const CancellationToken *cancel)
{
    QMutexLocker locker(&m_mutex);
    while (m_inFlight >= std::max(1, limit)) {
        if (cancel && cancel->isCancelled())
            return false;
        m_changed.wait(&m_mutex, QDeadlineTimer(100));
    }
    ++m_inFlight;
    return true;
}

void ApiApplication::releaseSlot()
{
    QMutexLocker locker(&m_mutex);
    --m_inFlight;
    m_changed.wakeAll();
}

void ApiApplication::recordRateLimit(const QString &path, const RateLimitState &state)
{
    QMutexLocker locker(&m_mutex);
    RateLimitState recorded = state;
    recorded.observedAtMs = monotonicMs();
    m_rateLimits.insert(path, recorded);
}

qint64 ApiApplication::blockedForMs(const QString &path) const
{
    QMutexLocker locker(&m_mutex);
    const auto it = m_rateLimits.constFind(path);
    if (it == m_rateLimits.constEnd() || it->remaining != 0 || it->resetMs < 0)
        return 0;
    return std::max<qint64>(0, it->observedAtMs + it->resetMs - monotonicMs());
}

QHash<QString, RateLimitState> ApiApplication::rateLimits() const
{
    QMutexLocker locker(&m_mutex);
    return m_rateLimits;
}

ApiApplication::TokenTicket ApiApplication::beginTokenUse(const CancellationToken *cancel)
{
    QMutexLocker locker(&m_mutex);
    for (;;) {
        if (!m_token.isEmpty() && monotonicMs() < m_refreshAtMs)
            return {m_token, false};
        if (!m_fetching)
            break;
        if (cancel && cancel->isCancelled())
            return {QString(), true};
        // Someone else is fetching: wait for that one instead of asking in parallel.
        m_changed.wait(&m_mutex, QDeadlineTimer(100));
    }
    m_fetching = true;
    ++m_tokenFetches;
    return {};
}

void ApiApplication::finishTokenFetch(const QString &token, qint64 expiresInSeconds)
{
    QMutexLocker locker(&m_mutex);
    m_fetching = false;
    if (!token.isEmpty()) {
        m_token = token;
        // Refresh ahead of expiry: 120 s early, or at half the lifetime for short ones.
        const qint64 lifetimeMs = expiresInSeconds * 1000;
        const qint64 earlyMs = expiresInSeconds < 240 ? lifetimeMs / 2 : lifetimeMs - 120000;
        m_refreshAtMs = monotonicMs() + std::max<qint64>(0, earlyMs);
    }
    m_changed.wakeAll();
}

void ApiApplication::invalidateToken(const QString &token)
{
    QMutexLocker locker(&m_mutex);
    if (m_token == token) {
        m_token.clear();
        m_refreshAtMs = 0;
    }
}

int ApiApplication::tokenFetches() const
{
    QMutexLocker locker(&m_mutex);
    return m_tokenFetches;
}

} // namespace msc
