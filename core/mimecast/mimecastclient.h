#pragma once

#include "mimecast/apierror.h"
#include "mimecast/clientsettings.h"

#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

namespace msc {

class ApiApplication;
class HttpTransport;
class RetryPolicy;

/// The console's only way to Mimecast API 2.0 (mimecast-api.md).
///
/// One instance per stream run, used on that run's worker thread; it blocks that thread while
/// it waits. Instances for the same API application (base URL + client id) share the token
/// cache, the concurrency limit and the rate-limit state. Every failure comes back as an
/// ApiError of the kinds in §7.1 with a message that says what to do; secrets and tokens
/// never appear in messages or logs.
class MimecastClient
{
public:
    struct Credentials
    {
        QUrl baseUrl; ///< Validated with BaseUrl::validate().
        QString clientId;
        QString clientSecret;
    };

    /// \a streamId names the stream in messages (and picks the 403 permission text).
    MimecastClient(Credentials credentials, ClientSettings settings, QString streamId);
    ~MimecastClient();
    MimecastClient(const MimecastClient &) = delete;
    MimecastClient &operator=(const MimecastClient &) = delete;

    void setCancellation(const CancellationToken *cancel) { m_cancel = cancel; }
    /// Called before every wait (rate limit, backoff), from the worker thread.
    void setWaitObserver(std::function<void(const WaitInfo &)> observer);
    /// Test hook: pins the jitter of the retry formula.
    void setJitterSource(std::function<double()> uniform);

    /// `POST {base}{path}` with a JSON body (envelope style, §3.1). Returns the response body,
    /// or std::nullopt with \a error set. \a carriesPageToken marks a request with
    /// `meta.pagination.pageToken`, so a rejection is reported as pageTokenRejected.
    std::optional<QJsonObject> postApi(
        const QString &path, const QJsonObject &body, bool carriesPageToken, ApiError *error);

    /// `GET {base}{path}?{query}` (SIEM REST style, §3.2).
    std::optional<QJsonObject> getSiem(
        const QString &path, const QUrlQuery &query, bool carriesPageToken, ApiError *error);

    /// Downloads a pre-signed batch file link (§5.3): no Authorization header, `Accept-Encoding:
    /// identity`, up to 3 redirects on https/loopback. The body goes to \a onChunk as it
    /// arrives (return false to abort). \a linkExpired is set for 403/404 (re-list, §5.2).
    bool download(const QUrl &url, const std::function<bool(const char *, qsizetype)> &onChunk,
        bool *linkExpired, ApiError *error);

    /// A token for this application (cached, single-flight refresh). Exposed for "Test
    /// connection".
    std::optional<QString> accessToken(ApiError *error);

    const std::shared_ptr<ApiApplication> &application() const { return m_application; }

    /// The role permission the API application needs for \a streamId (§2.5), verbatim.
    static QString requiredPermission(const QString &streamId);

private:
    struct Request;
    std::optional<QJsonObject> execute(const Request &request, ApiError *error);
    std::optional<QString> fetchToken(ApiError *error);

    Credentials m_credentials;
    ClientSettings m_settings;
    QString m_streamId;
    std::shared_ptr<ApiApplication> m_application;
    std::unique_ptr<HttpTransport> m_transport;
    std::unique_ptr<RetryPolicy> m_retryPolicy;
    std::function<void(const WaitInfo &)> m_waitObserver;
    const CancellationToken *m_cancel = nullptr;
};

} // namespace msc
