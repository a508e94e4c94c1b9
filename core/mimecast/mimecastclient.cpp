#include "mimecast/mimecastclient.h"

#include "mimecast/apiapplication.h"
#include "mimecast/baseurl.h"
#include "mimecast/httptransport.h"
#include "mimecast/retrypolicy.h"
#include "util/logging.h"
#include "util/redaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>

#include "msc/version.h"

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(MimecastClient)
    };

    const QByteArray kUserAgent = QByteArrayLiteral("MimecastSentinelConsole/" MSC_VERSION_STRING);

    struct FailDetails
    {
        QString message;
        bool retryable = false;
    };

    /// The first entry of an /api `fail[]` array (§3.1), or std::nullopt when it is empty.
    std::optional<FailDetails> firstFail(const QJsonObject &body)
    {
        const QJsonArray fail = body.value("fail"_L1).toArray();
        if (fail.isEmpty())
            return std::nullopt;
        const QJsonObject item = fail.first().toObject();
        const QJsonObject error = item.value("errors"_L1).toArray().first().toObject();
        FailDetails details;
        details.message = error.value("message"_L1).toString();
        details.retryable = error.value("retryable"_L1).toBool();
        if (details.message.isEmpty())
            details.message = item.value("message"_L1).toString();
        if (error.isEmpty() && item.contains("retryable"_L1))
            details.retryable = item.value("retryable"_L1).toBool();
        return details;
    }

    /// The server's own error text from any of the error bodies (fail[], error{}), redacted.
    QString serverMessage(const QByteArray &body)
    {
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        if (std::optional<FailDetails> fail = firstFail(object))
            return Redaction::redact(fail->message);
        const QJsonObject error = object.value("error"_L1).toObject();
        if (!error.isEmpty())
            return Redaction::redact(error.value("message"_L1).toString());
        return {};
    }

    ApiError makeError(
        ApiError::Kind kind, int status, const QString &message, const QString &fromServer = {})
    {
        ApiError error;
        error.kind = kind;
        error.httpStatus = status;
        error.message = Redaction::redact(message);
        error.serverMessage = fromServer;
        return error;
    }

    QString describe(const HttpAttempt &attempt)
    {
        switch (attempt.outcome) {
        case HttpAttempt::Outcome::Response:
            return u"HTTP %1"_s.arg(attempt.status);
        case HttpAttempt::Outcome::Timeout:
            return Tr::tr("%1 timeout").arg(attempt.timeoutKind);
        case HttpAttempt::Outcome::NoResponse:
            return Tr::tr("no response (%1)").arg(attempt.errorString);
        default:
            return Tr::tr("connection error (%1)").arg(attempt.errorString);
        }
    }

} // namespace

struct MimecastClient::Request
{
    QByteArray verb;
    QString path; ///< API function, for rate limits and messages.
    QUrl url;
    QByteArray body;
    QByteArray contentType;
    bool isTokenRequest = false;
    bool isApiEnvelope = false; ///< /api: check fail[].
    bool carriesPageToken = false;
};

MimecastClient::MimecastClient(Credentials credentials, ClientSettings settings, QString streamId)
    : m_credentials(std::move(credentials))
    , m_settings(std::move(settings))
    , m_streamId(std::move(streamId))
    , m_application(ApiApplication::forApplication(m_credentials.baseUrl, m_credentials.clientId))
    , m_transport(std::make_unique<HttpTransport>(m_settings))
    , m_retryPolicy(std::make_unique<RetryPolicy>(m_settings))
{
    Redaction::registerSecret(m_credentials.clientSecret);
}

MimecastClient::~MimecastClient() = default;

void MimecastClient::setWaitObserver(std::function<void(const WaitInfo &)> observer)
{
    m_waitObserver = std::move(observer);
}

void MimecastClient::setJitterSource(std::function<double()> uniform)
{
    m_retryPolicy = std::make_unique<RetryPolicy>(m_settings, std::move(uniform));
}

QString MimecastClient::requiredPermission(const QString &streamId)
{
    if (streamId == "seg.cg"_L1 || streamId == "cloud-integrated.ci"_L1)
        return u"Security Events and Data Retrieval → Threat and Security Events (SIEM) → Read"_s;
    if (streamId == "audit.audit"_L1)
        return u"Account → Logs → Read"_s;
    if (streamId == "seg.dlp"_L1)
        return u"Monitoring → Data Leak Prevention → Read"_s;
    if (streamId == "ttp.url"_L1)
        return u"Monitoring → URL Protection → Read"_s;
    if (streamId == "ttp.attachment"_L1)
        return u"Monitoring → Attachment Protection → Read"_s;
    if (streamId == "ttp.impersonation"_L1)
        return u"Monitoring → Impersonation Protection → Read"_s;
    return u"the \"Awareness Training\" product"_s;
}

std::optional<QString> MimecastClient::accessToken(ApiError *error)
{
    const ApiApplication::TokenTicket ticket = m_application->beginTokenUse(m_cancel);
    if (ticket.cancelled) {
        *error = makeError(ApiError::Kind::Cancelled, 0, Tr::tr("Cancelled."));
        return std::nullopt;
    }
    if (!ticket.token.isEmpty())
        return ticket.token;
    // This thread holds the single flight: fetch, then release it whatever happens.
    std::optional<QString> token = fetchToken(error);
    return token;
}

std::optional<QString> MimecastClient::fetchToken(ApiError *error)
{
    Request request;
    request.verb = "POST";
    request.path = u"/oauth/token"_s;
    request.url = m_credentials.baseUrl;
    request.url.setPath(request.path);
    // Form-encoded by hand: secrets may contain '+', '/' and '=' (§2.1).
    request.body = "client_id=" + QUrl::toPercentEncoding(m_credentials.clientId)
        + "&client_secret=" + QUrl::toPercentEncoding(m_credentials.clientSecret)
        + "&grant_type=client_credentials";
    request.contentType = "application/x-www-form-urlencoded";
    request.isTokenRequest = true;

    std::optional<QJsonObject> body = execute(request, error);
    QString token;
    qint64 expiresIn = 0;
    if (body) {
        token = body->value("access_token"_L1).toString();
        const QString type = body->value("token_type"_L1).toString();
        expiresIn = qint64(body->value("expires_in"_L1).toDouble());
        if (token.isEmpty()
            || (!type.isEmpty() && type.compare("bearer"_L1, Qt::CaseInsensitive) != 0)
            || expiresIn <= 0) {
            *error = makeError(ApiError::Kind::BadCredentials, 200,
                Tr::tr("Mimecast did not issue an access token for %1 (the response "
                       "had no usable access_token, token_type or expires_in). Check "
                       "the base URL and the API application.")
                    .arg(m_credentials.clientId));
            token.clear();
        }
    }
    if (!token.isEmpty())
        Redaction::registerSecret(token);
    m_application->finishTokenFetch(token, expiresIn);
    if (token.isEmpty())
        return std::nullopt;
    return token;
}

std::optional<QJsonObject> MimecastClient::postApi(
    const QString &path, const QJsonObject &body, bool carriesPageToken, ApiError *error)
{
    Request request;
    request.verb = "POST";
    request.path = path;
    request.url = m_credentials.baseUrl;
    request.url.setPath(path);
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.contentType = "application/json";
    request.isApiEnvelope = true;
    request.carriesPageToken = carriesPageToken;
    return execute(request, error);
}

std::optional<QJsonObject> MimecastClient::getSiem(
    const QString &path, const QUrlQuery &query, bool carriesPageToken, ApiError *error)
{
    Request request;
    request.verb = "GET";
    request.path = path;
    request.url = m_credentials.baseUrl;
    request.url.setPath(path);
    request.url.setQuery(query);
    request.carriesPageToken = carriesPageToken;
    return execute(request, error);
}

std::optional<QJsonObject> MimecastClient::execute(const Request &request, ApiError *error)
{
    const QString host = m_credentials.baseUrl.host();
    const QString where = m_credentials.baseUrl.toString() + request.path;
    int retries = 0;
    int badJsonRetries = 0;
    qint64 rateLimitWaitedMs = 0;
    bool reauthenticated = false;
    bool everResponded = false;
    bool onlyNoResponse = true;
    QString lastProblem;

    auto waitFor = [&](qint64 milliseconds, const QString &reason) {
        if (m_waitObserver)
            m_waitObserver(WaitInfo {reason, milliseconds, retries});
        return HttpTransport::wait(milliseconds, m_cancel);
    };
    auto cancelled = [&] {
        *error = makeError(ApiError::Kind::Cancelled, 0, Tr::tr("Cancelled."));
        return std::nullopt;
    };

    for (;;) {
        if (m_cancel && m_cancel->isCancelled())
            return cancelled();
        if (const qint64 blocked = m_application->blockedForMs(request.path); blocked > 0) {
            if (!waitFor(blocked, Tr::tr("rate limit reached for %1").arg(request.path)))
                return cancelled();
        }

        QNetworkRequest networkRequest(request.url);
        networkRequest.setRawHeader("Accept", "application/json");
        networkRequest.setRawHeader("User-Agent", kUserAgent);
        if (!request.contentType.isEmpty())
            networkRequest.setRawHeader("Content-Type", request.contentType);
        QString token;
        if (!request.isTokenRequest) {
            std::optional<QString> fetched = accessToken(error);
            if (!fetched)
                return std::nullopt;
            token = *fetched;
            networkRequest.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        }

        if (!m_application->acquireSlot(m_settings.maxConcurrentRequests, m_cancel))
            return cancelled();
        HttpTransport::Options options;
        options.connectTimeoutMs = m_settings.connectTimeoutMs;
        options.idleTimeoutMs = m_settings.idleTimeoutMs;
        options.totalTimeoutMs = m_settings.totalTimeoutMs;
        options.maxBodyBytes = m_settings.maxApiBodyBytes;
        const HttpAttempt attempt =
            m_transport->perform(networkRequest, request.verb, request.body, options, m_cancel);
        m_application->releaseSlot();

        if (attempt.outcome == HttpAttempt::Outcome::Response) {
            RateLimitState limits;
            bool ok = false;
            limits.limit = attempt.header("X-RateLimit-Limit").toLongLong(&ok);
            if (!ok)
                limits.limit = -1;
            limits.remaining = attempt.header("X-RateLimit-Remaining").toLongLong(&ok);
            if (!ok)
                limits.remaining = -1;
            limits.resetMs =
                RetryPolicy::parseRateLimitReset(attempt.header("X-RateLimit-Reset")).value_or(-1);
            if (limits.limit >= 0 || limits.remaining >= 0)
                m_application->recordRateLimit(request.path, limits);
        }

        // Failures that are retried with backoff: 5xx, timeouts, connection errors.
        auto retryTransient = [&](const QString &reason, std::optional<qint64> hint) -> bool {
            lastProblem = reason;
            if (retries >= m_settings.maxRetries)
                return false;
            const qint64 delay = m_retryPolicy->delayMs(retries, hint);
            ++retries;
            return waitFor(delay, reason);
        };
        auto giveUpTransient = [&]() -> std::optional<QJsonObject> {
            if (m_cancel && m_cancel->isCancelled())
                return cancelled();
            if (!everResponded && onlyNoResponse) {
                *error = makeError(ApiError::Kind::BadConfiguration, 0,
                    Tr::tr("No response from %1 — check the region or base URL. Choose "
                           "Global, US or UK, or check the custom URL (API 2.0 hosts "
                           "look like https://api.services.mimecast.com).")
                        .arg(host));
                return std::nullopt;
            }
            *error = makeError(ApiError::Kind::Transient, attempt.status,
                Tr::tr("Mimecast did not answer %1 successfully after %2 attempts "
                       "(last: %3). The run stopped; it resumes from the saved position "
                       "on the next run.")
                    .arg(where)
                    .arg(retries + 1)
                    .arg(lastProblem));
            return std::nullopt;
        };

        switch (attempt.outcome) {
        case HttpAttempt::Outcome::Cancelled:
            return cancelled();
        case HttpAttempt::Outcome::TooLarge:
            *error = makeError(ApiError::Kind::BadData, 0,
                Tr::tr("The response of %1 is larger than %2 MiB; it was not read.")
                    .arg(where)
                    .arg(m_settings.maxApiBodyBytes / (1024 * 1024)));
            return std::nullopt;
        case HttpAttempt::Outcome::TlsError:
            *error = makeError(ApiError::Kind::BadConfiguration, 0,
                Tr::tr("The TLS certificate of %1 could not be verified: %2. If a proxy "
                       "inspects TLS, add its CA bundle in Settings → Network.")
                    .arg(host, attempt.errorString));
            return std::nullopt;
        case HttpAttempt::Outcome::NoResponse:
        case HttpAttempt::Outcome::Timeout:
        case HttpAttempt::Outcome::ConnectionError:
        case HttpAttempt::Outcome::Aborted:
            if (attempt.outcome != HttpAttempt::Outcome::NoResponse)
                onlyNoResponse = false;
            if (retryTransient(describe(attempt), std::nullopt))
                continue;
            return giveUpTransient();
        case HttpAttempt::Outcome::Response:
            break;
        }

        everResponded = true;
        onlyNoResponse = false;
        const int status = attempt.status;
        const QString fromServer = serverMessage(attempt.body);
        const std::optional<qint64> retryAfter = RetryPolicy::parseRetryAfter(
            attempt.header("Retry-After"), QDateTime::currentDateTimeUtc());

        if (status >= 200 && status < 300) {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(attempt.body, &parseError);
            if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
                // Usually a body cut short: retried at most twice.
                lastProblem = Tr::tr("the body is not JSON (%1)").arg(parseError.errorString());
                if (badJsonRetries < m_settings.maxBadJsonRetries) {
                    ++badJsonRetries;
                    if (retryTransient(lastProblem, std::nullopt))
                        continue;
                    if (m_cancel && m_cancel->isCancelled())
                        return cancelled();
                }
                *error = makeError(ApiError::Kind::BadData, status,
                    Tr::tr("Mimecast answered %1 with a body that is not JSON (%2).")
                        .arg(where, parseError.errorString()));
                return std::nullopt;
            }
            const QJsonObject body = document.object();
            if (request.isApiEnvelope) {
                if (std::optional<FailDetails> fail = firstFail(body)) {
                    const QString message = Redaction::redact(fail->message);
                    if (fail->retryable) {
                        if (retryTransient(
                                Tr::tr("retryable failure: %1").arg(message), std::nullopt))
                            continue;
                        return giveUpTransient();
                    }
                    *error = makeError(ApiError::Kind::BadConfiguration, status,
                        Tr::tr("Mimecast rejected the request for %1: %2.")
                            .arg(m_streamId, message),
                        message);
                    error->pageTokenRejected = request.carriesPageToken;
                    return std::nullopt;
                }
            }
            return body;
        }

        if (status == 429) {
            // Not an attempt: the call was not executed. Wait for the larger server hint.
            std::optional<qint64> hint =
                RetryPolicy::parseRateLimitReset(attempt.header("X-RateLimit-Reset"));
            if (retryAfter && (!hint || *retryAfter > *hint))
                hint = retryAfter;
            const qint64 delay = m_retryPolicy->delayMs(retries, hint);
            if (rateLimitWaitedMs + delay > m_settings.maxRateLimitWaitMs) {
                *error = makeError(ApiError::Kind::Transient, 429,
                    Tr::tr("Mimecast kept rate-limiting %1 for more than %2 minutes. "
                           "The run stopped and resumes on the next run; a separate API "
                           "application per connector spreads the quota.")
                        .arg(where)
                        .arg(m_settings.maxRateLimitWaitMs / 60000));
                return std::nullopt;
            }
            rateLimitWaitedMs += delay;
            if (!waitFor(delay, Tr::tr("rate limited")))
                return cancelled();
            continue;
        }
        if (status >= 500) {
            if (retryTransient(u"HTTP %1"_s.arg(status), retryAfter))
                continue;
            return giveUpTransient();
        }
        if (status >= 300 && status < 400) {
            const QUrl target = request.url.resolved(QUrl::fromEncoded(attempt.header("Location")));
            *error = makeError(ApiError::Kind::BadConfiguration, status,
                Tr::tr("Unexpected redirect to %1: check the base URL.")
                    .arg(target.host().isEmpty() ? Tr::tr("another location") : target.host()));
            return std::nullopt;
        }
        if (request.isTokenRequest && (status == 400 || status == 401)) {
            *error = makeError(ApiError::Kind::BadCredentials, status,
                Tr::tr("Mimecast rejected the client id or secret for %1. Re-enter the "
                       "secret (it is shown only once when keys are generated), or "
                       "generate new keys under Integrations → Mimecast API 2.0.")
                    .arg(m_credentials.clientId),
                fromServer);
            return std::nullopt;
        }
        if (status == 401) {
            m_application->invalidateToken(token);
            if (!reauthenticated) {
                reauthenticated = true;
                continue;
            }
            *error = makeError(ApiError::Kind::BadCredentials, status,
                Tr::tr("A fresh token was rejected by %1. The API application may have "
                       "been disabled or its keys regenerated.")
                    .arg(request.path),
                fromServer);
            return std::nullopt;
        }
        if (status == 403) {
            *error = makeError(ApiError::Kind::MissingPermission, status,
                Tr::tr("The API application lacks access to %1: add the product and "
                       "the role permission '%2'. Products cannot be added to an "
                       "existing application: create a new one and enter its id/secret "
                       "here.")
                    .arg(m_streamId, requiredPermission(m_streamId)),
                fromServer);
            return std::nullopt;
        }
        if (status == 404) {
            *error = makeError(ApiError::Kind::BadConfiguration, status,
                Tr::tr("No Mimecast API at %1. Choose Global, US or UK, or check the "
                       "custom URL (API 2.0 hosts look like "
                       "https://api.services.mimecast.com).")
                    .arg(where),
                fromServer);
            return std::nullopt;
        }
        if (status == 418) {
            *error = makeError(ApiError::Kind::BadCredentials, status,
                Tr::tr("These are API 1.0 keys; create an API 2.0 application under "
                       "Integrations → Mimecast API 2.0 and enter its id/secret."),
                fromServer);
            return std::nullopt;
        }
        if (status == 400) {
            *error = makeError(ApiError::Kind::BadConfiguration, status,
                Tr::tr("Mimecast rejected the request for %1: %2. Settings used: %3.")
                    .arg(m_streamId, fromServer.isEmpty() ? u"HTTP 400"_s : fromServer,
                        Redaction::redact(QString::fromUtf8(
                            request.isApiEnvelope ? request.body : request.url.query().toUtf8()))),
                fromServer);
            error->pageTokenRejected = request.carriesPageToken;
            return std::nullopt;
        }
        *error = makeError(ApiError::Kind::BadConfiguration, status,
            Tr::tr("Mimecast answered %1 with HTTP %2: %3.")
                .arg(where)
                .arg(status)
                .arg(fromServer.isEmpty() ? Tr::tr("no message") : fromServer),
            fromServer);
        return std::nullopt;
    }
}

bool MimecastClient::download(const QUrl &url,
    const std::function<bool(const char *, qsizetype)> &onChunk, bool *linkExpired, ApiError *error)
{
    *linkExpired = false;
    // File keys only in messages: the query string of a signed link is a credential.
    const QString fileKey = url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    QUrl current = url;
    int retries = 0;
    int redirects = 0;
    for (;;) {
        if (!BaseUrl::isAllowedTransport(current)) {
            *error = makeError(ApiError::Kind::BadConfiguration, 0,
                Tr::tr("The batch file link %1 is not https; it was not followed.")
                    .arg(current.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo)));
            return false;
        }
        QNetworkRequest request(current);
        // The object is a gzip file, not an HTTP-compressed response: it is decompressed
        // exactly once, by the reader (§5.3). Never the bearer token: another host (§2.3).
        request.setRawHeader("Accept-Encoding", "identity");
        request.setRawHeader("User-Agent", kUserAgent);
        HttpTransport::Options options;
        options.connectTimeoutMs = m_settings.connectTimeoutMs;
        options.idleTimeoutMs = m_settings.idleTimeoutMs;
        options.totalTimeoutMs = 0; // the idle timeout guards downloads
        qint64 contentBytes = 0;
        options.onChunk = [&](int status, const char *data, qsizetype size) {
            if (status < 200 || status >= 300)
                return true; // an error body: small, ignored
            contentBytes += size;
            return onChunk(data, size);
        };
        const HttpAttempt attempt = m_transport->perform(request, "GET", {}, options, m_cancel);

        if (attempt.outcome == HttpAttempt::Outcome::Cancelled) {
            *error = makeError(ApiError::Kind::Cancelled, 0, Tr::tr("Cancelled."));
            return false;
        }
        if (attempt.outcome == HttpAttempt::Outcome::Aborted) {
            *error = makeError(ApiError::Kind::BadData, attempt.status,
                Tr::tr("Reading %1 stopped: its content could not be processed.").arg(fileKey));
            return false;
        }
        if (attempt.outcome == HttpAttempt::Outcome::Response) {
            const int status = attempt.status;
            if (status >= 200 && status < 300)
                return true;
            if (status == 403 || status == 404) {
                *linkExpired = true;
                *error = makeError(ApiError::Kind::Transient, status,
                    Tr::tr("The link to %1 has expired or the file is gone (HTTP %2).")
                        .arg(fileKey)
                        .arg(status));
                return false;
            }
            if (status >= 300 && status < 400 && redirects < 3) {
                ++redirects;
                current = current.resolved(QUrl::fromEncoded(attempt.header("Location")));
                continue;
            }
        }
        // Content already handed over cannot be taken back: a failure after the first bytes
        // ends this file attempt, and the caller starts the file again from the beginning.
        const bool retryable = contentBytes == 0
            && attempt.outcome != HttpAttempt::Outcome::TlsError
            && (attempt.outcome != HttpAttempt::Outcome::Response || attempt.status >= 500
                || attempt.status == 429);
        if (retryable && retries < m_settings.maxRetries) {
            const qint64 delay = m_retryPolicy->delayMs(retries, std::nullopt);
            if (m_waitObserver)
                m_waitObserver(WaitInfo {describe(attempt), delay, retries});
            ++retries;
            if (!HttpTransport::wait(delay, m_cancel)) {
                *error = makeError(ApiError::Kind::Cancelled, 0, Tr::tr("Cancelled."));
                return false;
            }
            continue;
        }
        *error = makeError(attempt.outcome == HttpAttempt::Outcome::TlsError
                ? ApiError::Kind::BadConfiguration
                : ApiError::Kind::Transient,
            attempt.status, Tr::tr("Downloading %1 failed: %2.").arg(fileKey, describe(attempt)));
        return false;
    }
}

} // namespace msc
