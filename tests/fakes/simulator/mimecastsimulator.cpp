#include "mimecastsimulator.h"

#include "dataset.h"
#include "testca.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimeZone>
#include <QTimer>
#include <QUrlQuery>

#include <zlib.h>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace msc::sim {

namespace {

    constexpr qint64 kDayMs = 24LL * 3600 * 1000;

    struct ApiEndpoint
    {
        QLatin1StringView path;
        QLatin1StringView stream;
        QLatin1StringView table;
        QLatin1StringView recordsKey; ///< Empty: records are data[] itself.
        bool window; ///< Time-window filter (from/to or startDateTime/endDateTime).
    };

    const ApiEndpoint kEndpoints[] = {
        {"/api/audit/get-audit-events"_L1, "audit.audit"_L1, "Audit_CL"_L1, ""_L1, true},
        {"/api/ttp/url/get-logs"_L1, "ttp.url"_L1, "Ttp_Url_CL"_L1, "clickLogs"_L1, true},
        {"/api/ttp/attachment/get-logs"_L1, "ttp.attachment"_L1, "Ttp_Attachment_CL"_L1,
            "attachmentLogs"_L1, true},
        {"/api/ttp/impersonation/get-logs"_L1, "ttp.impersonation"_L1, "Ttp_Impersonation_CL"_L1,
            "impersonationLogs"_L1, true},
        {"/api/dlp/get-logs"_L1, "seg.dlp"_L1, "Seg_Dlp_CL"_L1, "dlpLogs"_L1, true},
        {"/api/awareness-training/company/get-performance-details"_L1, "awareness.performance"_L1,
            "Awareness_Performance_Details_CL"_L1, ""_L1, false},
        {"/api/awareness-training/company/get-safe-score-details"_L1, "awareness.safescore"_L1,
            "Awareness_SafeScore_Details_CL"_L1, ""_L1, false},
        {"/api/awareness-training/company/get-watchlist-details"_L1, "awareness.watchlist"_L1,
            "Awareness_Watchlist_Details_CL"_L1, ""_L1, false},
        {"/api/awareness-training/phishing/campaign/get-campaign"_L1, "awareness.userdata"_L1,
            ""_L1, ""_L1, false},
        {"/api/awareness-training/phishing/campaign/get-user-data"_L1, "awareness.userdata"_L1,
            "Awareness_User_Data_CL"_L1, "items"_L1, false},
    };

    const ApiEndpoint *endpointFor(const QString &path)
    {
        for (const ApiEndpoint &endpoint : kEndpoints) {
            if (path == endpoint.path)
                return &endpoint;
        }
        return nullptr;
    }

    QString streamForPath(const QString &path)
    {
        if (const ApiEndpoint *endpoint = endpointFor(path))
            return QString(endpoint->stream);
        if (path.contains("/events/cg"_L1) || path.startsWith("/_files/cg/"_L1))
            return u"seg.cg"_s;
        if (path.contains("/events/ci"_L1) || path.startsWith("/_files/ci/"_L1))
            return u"cloud-integrated.ci"_s;
        return {};
    }

    QByteArray base64Url(const QByteArray &bytes)
    {
        return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    }

    /// T1 (`+0000`) or T1z (`Z`) filter times (mimecast-api.md §8); anything else is refused.
    std::optional<qint64> parseFilterTime(const QString &text)
    {
        static const QRegularExpression pattern(
            u"^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(Z|\\+0000)$"_s);
        const QRegularExpressionMatch match = pattern.match(text);
        if (!match.hasMatch())
            return std::nullopt;
        const QDate date(
            match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
        const QTime time(
            match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt());
        if (!date.isValid() || !time.isValid())
            return std::nullopt;
        return QDateTime(date, time, QTimeZone::utc()).toMSecsSinceEpoch();
    }

    QString formatExpiry(qint64 ms)
    {
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
                   .toString(u"yyyy-MM-ddTHH:mm:ss"_s)
            + u'Z';
    }

    QString formatSimTime(qint64 ms)
    {
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
                   .toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s)
            + u'Z';
    }

    QJsonObject failBody(
        int status, const QString &code, const QString &message, bool retryable = false)
    {
        return {{u"meta"_s, QJsonObject {{u"status"_s, status}}}, {u"data"_s, QJsonArray()},
            {u"fail"_s,
                QJsonArray {QJsonObject {{u"errors"_s,
                    QJsonArray {QJsonObject {{u"code"_s, code}, {u"message"_s, message},
                        {u"retryable"_s, retryable}}}}}}}};
    }

    QJsonObject siemError(const QString &code, const QString &message)
    {
        return {{u"error"_s, QJsonObject {{u"code"_s, code}, {u"message"_s, message}}}};
    }

    /// gzip-compresses \a input into \a file, chunk by chunk.
    class GzipWriter
    {
    public:
        explicit GzipWriter(QFile *file)
            : m_file(file)
        {
            m_stream.zalloc = nullptr;
            m_stream.zfree = nullptr;
            m_stream.opaque = nullptr;
            deflateInit2(&m_stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
        }
        ~GzipWriter() { deflateEnd(&m_stream); }

        void write(const QByteArray &bytes, int flush = Z_NO_FLUSH)
        {
            m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.constData()));
            m_stream.avail_in = uInt(bytes.size());
            char buffer[65536];
            do {
                m_stream.next_out = reinterpret_cast<Bytef *>(buffer);
                m_stream.avail_out = sizeof buffer;
                deflate(&m_stream, flush);
                m_file->write(buffer, qint64(sizeof buffer - m_stream.avail_out));
            } while (m_stream.avail_out == 0);
        }
        void finish() { write(QByteArray(), Z_FINISH); }

    private:
        QFile *m_file;
        z_stream m_stream {};
    };

} // namespace

struct MimecastSimulator::Reply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    /// Records this reply serves, recorded as "served" only if it goes out intact.
    QString servedTable;
    QString servedCampaignId; ///< Awareness user data: part of the dedup key.
    QList<QJsonObject> servedRecords;
    bool rateLimitHeaders = true;

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
    }

    static Reply json(int status, const QJsonObject &object)
    {
        Reply reply;
        reply.status = status;
        reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
        return reply;
    }
};

namespace {

    /// Writes a complete response; Qt 6.4's header list is an initializer_list, so headers that
    /// vary per reply go through the low-level writer.
    void writeReply(QHttpServerResponder &responder, const MimecastSimulator::Reply &reply)
    {
        responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
        responder.writeHeader("Content-Type", reply.contentType);
        for (const auto &[name, value] : reply.headers)
            responder.writeHeader(name, value);
        responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
        responder.writeBody(reply.body);
    }

} // namespace

MimecastSimulator::MimecastSimulator(
    SimulatorConfig config, const QString &stateDirectory, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_config(std::move(config))
{
    if (stateDirectory.isEmpty()) {
        m_temporaryState = std::make_unique<QTemporaryDir>();
        m_stateDirectory = QDir(m_temporaryState->path());
    } else {
        QDir().mkpath(stateDirectory);
        m_stateDirectory = QDir(stateDirectory);
    }
    QFile::setPermissions(
        m_stateDirectory.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_faults.replace(m_config.faults);
    resetState();
}

MimecastSimulator::~MimecastSimulator() = default;

void MimecastSimulator::resetState()
{
    DatasetConfig datasetConfig;
    datasetConfig.seed = m_config.seed;
    datasetConfig.volume = m_config.volume;
    datasetConfig.end = m_clock.now();
    datasetConfig.batchFileMinutes = m_config.batchFileMinutes;
    datasetConfig.batchFileLines = m_config.batchFileLines;
    m_dataset = std::make_unique<Dataset>(datasetConfig);
    m_signingKey = QCryptographicHash::hash(
        QByteArray("msc-simulator-signing:" + QByteArray::number(m_config.seed)),
        QCryptographicHash::Sha256);
    m_tokens.clear();
    m_buckets.clear();
    m_served.clear();
    m_servedFiles.clear();
    m_downloads.clear();
    m_generatedFileSizes.clear();
    m_requestStats = {};
    m_requestOrdinal = 0;
    m_pathOrdinals.clear();
    // Batch files of an earlier dataset must never be served for this one.
    QDir files(m_stateDirectory.filePath(u"files"_s));
    if (files.exists())
        files.removeRecursively();
}

bool MimecastSimulator::start(quint16 port, QString *error)
{
    if (m_config.tls) {
        TestCertificates certificates;
        if (!createTestCertificates(m_stateDirectory.filePath(u"tls"_s), &certificates, error))
            return false;
        sslSetup(certificates.serverCertificate, certificates.serverKey);
        m_caFile = certificates.caFile;
    }
    m_port = listen(QHostAddress::LocalHost, port);
    if (m_port == 0) {
        *error = u"cannot listen on 127.0.0.1:%1"_s.arg(port);
        return false;
    }
    return true;
}

QString MimecastSimulator::baseUrl() const
{
    return u"%1://127.0.0.1:%2"_s.arg(m_config.tls ? u"https"_s : u"http"_s).arg(m_port);
}

QString MimecastSimulator::stateDirectory() const
{
    return m_stateDirectory.path();
}

QString MimecastSimulator::caFile() const
{
    return m_caFile;
}

// ---------------------------------------------------------------------------------------------
// Dispatch

bool MimecastSimulator::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    if (path.startsWith("/_sim/"_L1)) {
        send(request, socket, handleControl(request));
        return true;
    }
    if (path.startsWith("/_files/"_L1))
        return handleFile(request, socket);

    FaultContext context;
    context.path = path;
    context.stream = streamForPath(path);
    context.type = request.query().queryItemValue(u"type"_s, QUrl::FullyDecoded);
    context.requestOrdinal = ++m_requestOrdinal;
    context.pathOrdinal = ++m_pathOrdinals[path];

    // Faults that answer nothing at all.
    if (m_faults.fire(u"wrong-region"_s, context, m_config.seed)) {
        socket->abort();
        return true;
    }
    if (m_faults.fire(u"timeout"_s, context, m_config.seed))
        return true; // accepted, never answered

    Reply reply;
    QString clientId = m_config.clientId;
    if (path == "/oauth/token"_L1) {
        reply = handleToken(request, context);
        addRateLimitHeaders(reply, clientId, path);
        // Concurrency is measured over the time a token request is open; with tokenDelayMs the
        // answer is held back, so parallel fetches by a client without single-flight overlap.
        ++m_concurrentTokenRequests;
        m_peakConcurrentTokenRequests =
            std::max(m_peakConcurrentTokenRequests, m_concurrentTokenRequests);
        if (m_config.tokenDelayMs > 0) {
            auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
            QPointer<QTcpSocket> guarded(socket);
            QTimer::singleShot(m_config.tokenDelayMs, this, [this, responder, guarded, reply] {
                --m_concurrentTokenRequests;
                if (guarded)
                    writeReply(*responder, reply);
            });
            return true;
        }
        --m_concurrentTokenRequests;
        reply.rateLimitHeaders = false;
    } else if (path.startsWith("/api/"_L1) || path.startsWith("/siem/"_L1)) {
        std::optional<QString> authenticated = authenticate(request, &reply);
        if (authenticated) {
            clientId = *authenticated;
            if (m_faults.fire(u"token-401"_s, context, m_config.seed)) {
                reply =
                    Reply::json(401, failBody(401, u"token_invalid"_s, u"Access Token Invalid"_s));
            } else if (!takeRateLimitToken(clientId, path, &reply)) {
                // reply is the 429
            } else if (std::optional<Fault> fault =
                           m_faults.fire(u"429"_s, context, m_config.seed)) {
                ++m_rateLimited;
                reply = path.startsWith("/api/"_L1)
                    ? Reply::json(
                        429, failBody(429, u"too_many_requests"_s, u"Rate limit exceeded"_s))
                    : Reply::json(429, siemError(u"too_many_requests"_s, u"Rate limit exceeded"_s));
                reply.rateLimitHeaders = false;
                reply.addHeader("X-RateLimit-Limit", QByteArray::number(m_config.rateLimitQuota));
                reply.addHeader("X-RateLimit-Remaining", "0");
                reply.addHeader(
                    "X-RateLimit-Reset", QByteArray::number(fault->number(u"resetMs"_s, 1500)));
                if (fault->has(u"retryAfter"_s) || m_config.retryAfterHeader)
                    reply.addHeader(
                        "Retry-After", QByteArray::number(fault->number(u"retryAfter"_s, 2)));
            } else {
                std::optional<Fault> serverError;
                for (const char *status : {"500", "502", "503", "504"}) {
                    if (!serverError)
                        serverError =
                            m_faults.fire(QString::fromLatin1(status), context, m_config.seed);
                }
                if (serverError) {
                    const int status = serverError->name.toInt();
                    reply = path.startsWith("/api/"_L1)
                        ? Reply::json(
                            status, failBody(status, u"server_error"_s, u"Internal error"_s, true))
                        : Reply::json(status, siemError(u"server_error"_s, u"Internal error"_s));
                } else if (path.startsWith("/api/"_L1)) {
                    reply = handleApi(request, context, clientId);
                } else if (path == "/siem/v1/batch/events/cg"_L1
                    || path == "/siem/v1/batch/events/ci"_L1) {
                    reply = handleSiemListing(request, context, path.right(2));
                } else {
                    reply = Reply::json(404, siemError(u"not_found"_s, u"No such endpoint"_s));
                }
            }
        }
    } else {
        reply = Reply::json(404, failBody(404, u"not_found"_s, u"No such endpoint"_s));
    }
    if (reply.rateLimitHeaders
        && (path == "/oauth/token"_L1 || path.startsWith("/api/"_L1)
            || path.startsWith("/siem/"_L1)))
        addRateLimitHeaders(reply, clientId, path);
    applyTransportFaults(request, socket, reply, context);
    return true;
}

void MimecastSimulator::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    send(request, socket, Reply::json(404, failBody(404, u"not_found"_s, u"No such endpoint"_s)));
}

void MimecastSimulator::applyTransportFaults(
    const QHttpServerRequest &request, QTcpSocket *socket, Reply reply, const FaultContext &context)
{
    const bool success = reply.status >= 200 && reply.status < 300;
    if (success && m_faults.fire(u"bad-json"_s, context, m_config.seed)) {
        reply.body = reply.body.left(reply.body.size() / 2);
        reply.servedRecords.clear();
    }
    if (success && m_faults.fire(u"reset"_s, context, m_config.seed)) {
        // Headers and half of the body, then the connection drops.
        QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status)
            + " OK\r\nContent-Type: " + reply.contentType
            + "\r\nContent-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n";
        socket->write(head + reply.body.left(reply.body.size() / 2));
        socket->flush();
        QPointer<QTcpSocket> guarded(socket);
        QTimer::singleShot(50, this, [guarded] {
            if (guarded)
                guarded->abort();
        });
        return;
    }
    if (std::optional<Fault> slow = m_faults.fire(u"slow"_s, context, m_config.seed)) {
        // Delay the response headers; the responder is kept until then.
        auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
        QPointer<QTcpSocket> guarded(socket);
        QTimer::singleShot(
            int(slow->number(u"delayMs"_s, 5000)), this, [this, responder, guarded, reply] {
                if (!guarded)
                    return;
                writeReply(*responder, reply);
                for (const QJsonObject &record : reply.servedRecords)
                    recordServed(reply.servedTable, reply.servedCampaignId, record);
            });
        return;
    }
    send(request, socket, reply);
}

void MimecastSimulator::send(
    const QHttpServerRequest &request, QTcpSocket *socket, const Reply &reply)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    writeReply(responder, reply);
    m_bytesServed += reply.body.size();
    countRequest(request.url().path(), reply.status);
    for (const QJsonObject &record : reply.servedRecords)
        recordServed(reply.servedTable, reply.servedCampaignId, record);
}

// ---------------------------------------------------------------------------------------------
// Authentication and rate limits

MimecastSimulator::Reply MimecastSimulator::handleToken(
    const QHttpServerRequest &request, const FaultContext &context)
{
    ++m_tokenRequests;
    if (m_faults.fire(u"token-5xx"_s, context, m_config.seed))
        return Reply::json(
            503, failBody(503, u"service_unavailable"_s, u"Service unavailable"_s, true));
    if (!request.value("Content-Type").startsWith("application/x-www-form-urlencoded"))
        return Reply::json(400,
            failBody(400, u"invalid_request"_s,
                u"Content-Type must be application/x-www-form-urlencoded"_s));
    // Form decoding: '+' is a space, then percent-decoding.
    QUrlQuery form(QString::fromLatin1(QByteArray(request.body()).replace('+', ' ')));
    const QString clientId = form.queryItemValue(u"client_id"_s, QUrl::FullyDecoded);
    const QString secret = form.queryItemValue(u"client_secret"_s, QUrl::FullyDecoded);
    const QString grantType = form.queryItemValue(u"grant_type"_s, QUrl::FullyDecoded);
    if (clientId.isEmpty() || secret.isEmpty() || grantType.isEmpty())
        return Reply::json(400,
            failBody(400, u"invalid_request"_s,
                u"client_id, client_secret and grant_type are required"_s));
    if (grantType != "client_credentials"_L1)
        return Reply::json(
            400, failBody(400, u"unsupported_grant_type"_s, u"Unsupported grant type"_s));
    if (clientId != m_config.clientId || secret != m_config.clientSecret)
        return Reply::json(
            401, failBody(401, u"invalid_client"_s, u"Client authentication failed"_s));

    const QByteArray material = m_signingKey + ":token:" + QByteArray::number(++m_tokenCounter);
    const QString token = u"mc2_"_s
        + QString::fromLatin1(
            QCryptographicHash::hash(material, QCryptographicHash::Sha256).toHex().left(32));
    m_tokens.insert(token, m_clock.nowMs() + qint64(m_config.tokenTtlSeconds) * 1000);
    return Reply::json(200,
        {{u"access_token"_s, token}, {u"token_type"_s, u"Bearer"_s},
            {u"expires_in"_s, m_config.tokenTtlSeconds}, {u"scope"_s, QString()}});
}

std::optional<QString> MimecastSimulator::authenticate(
    const QHttpServerRequest &request, Reply *failure)
{
    const QByteArray authorization = request.value("Authorization");
    const bool api = request.url().path().startsWith("/api/"_L1);
    auto reject = [&](const QString &code, const QString &message) {
        *failure = api ? Reply::json(401, failBody(401, code, message))
                       : Reply::json(401, siemError(code, message));
        return std::nullopt;
    };
    if (!authorization.startsWith("Bearer "))
        return reject(u"unauthorized"_s, u"Authorization header missing"_s);
    const QString token = QString::fromLatin1(authorization.mid(7));
    const auto it = m_tokens.constFind(token);
    if (it == m_tokens.constEnd())
        return reject(u"token_invalid"_s, u"Access Token Invalid"_s);
    if (it.value() <= m_clock.nowMs())
        return reject(u"token_expired"_s, u"Access Token Expired"_s);
    return m_config.clientId;
}

bool MimecastSimulator::takeRateLimitToken(
    const QString &clientId, const QString &path, Reply *reply)
{
    Bucket &bucket = m_buckets[clientId + u' ' + path];
    const qint64 now = m_clock.nowMs();
    const double perMs =
        double(m_config.rateLimitQuota) / (double(m_config.rateLimitPeriodSeconds) * 1000.0);
    if (bucket.refilledAtMs == 0)
        bucket.tokens = m_config.rateLimitQuota;
    else
        bucket.tokens = std::min<double>(
            m_config.rateLimitQuota, bucket.tokens + double(now - bucket.refilledAtMs) * perMs);
    bucket.refilledAtMs = now;
    if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return true;
    }
    ++m_rateLimited;
    *reply = path.startsWith("/api/"_L1)
        ? Reply::json(429, failBody(429, u"too_many_requests"_s, u"Rate limit exceeded"_s))
        : Reply::json(429, siemError(u"too_many_requests"_s, u"Rate limit exceeded"_s));
    if (m_config.retryAfterHeader) {
        const qint64 waitMs = qint64(std::ceil((1.0 - bucket.tokens) / perMs));
        reply->addHeader("Retry-After", QByteArray::number((waitMs + 999) / 1000));
    }
    return false;
}

void MimecastSimulator::addRateLimitHeaders(
    Reply &reply, const QString &clientId, const QString &path) const
{
    const Bucket bucket =
        m_buckets.value(clientId + u' ' + path, Bucket {double(m_config.rateLimitQuota), 0});
    const double perMs =
        double(m_config.rateLimitQuota) / (double(m_config.rateLimitPeriodSeconds) * 1000.0);
    const qint64 resetMs =
        bucket.tokens >= 1 ? 0 : qint64(std::ceil((1.0 - bucket.tokens) / perMs));
    reply.addHeader("X-RateLimit-Limit", QByteArray::number(m_config.rateLimitQuota));
    reply.addHeader("X-RateLimit-Remaining", QByteArray::number(qint64(std::floor(bucket.tokens))));
    reply.addHeader("X-RateLimit-Reset", QByteArray::number(resetMs));
}

// ---------------------------------------------------------------------------------------------
// Page tokens: opaque, stateless, bound to the path, the filter and a position.

QByteArray MimecastSimulator::makePageToken(
    const QString &path, const QByteArray &filterHash, qint64 offset) const
{
    const QByteArray payload =
        path.toUtf8() + '\n' + filterHash.toHex() + '\n' + QByteArray::number(offset);
    const QByteArray mac =
        QMessageAuthenticationCode::hash(payload, m_signingKey, QCryptographicHash::Sha256);
    return base64Url(QByteArray::number(offset) + ':' + mac.left(12));
}

std::optional<qint64> MimecastSimulator::readPageToken(
    const QString &token, const QString &path, const QByteArray &filterHash) const
{
    const QByteArray decoded =
        QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding);
    const qsizetype colon = decoded.indexOf(':');
    if (colon <= 0)
        return std::nullopt;
    bool ok = false;
    const qint64 offset = decoded.left(colon).toLongLong(&ok);
    if (!ok || offset < 0 || makePageToken(path, filterHash, offset) != token.toLatin1())
        return std::nullopt;
    return offset;
}

// ---------------------------------------------------------------------------------------------
// /api

MimecastSimulator::Reply MimecastSimulator::handleApi(
    const QHttpServerRequest &request, const FaultContext &context, const QString &clientId)
{
    Q_UNUSED(clientId);
    const QString path = request.url().path();
    const ApiEndpoint *endpoint = endpointFor(path);
    if (!endpoint)
        return Reply::json(404, failBody(404, u"not_found"_s, u"No such endpoint"_s));
    if (!m_config.products.contains(QString(endpoint->stream)))
        return Reply::json(403,
            failBody(
                403, u"forbidden"_s, u"The application does not have access to this resource"_s));
    if (m_faults.fire(u"forbidden"_s, context, m_config.seed))
        return Reply::json(403,
            failBody(
                403, u"forbidden"_s, u"The application does not have access to this resource"_s));

    QJsonObject body;
    if (!request.body().trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return Reply::json(
                400, failBody(400, u"invalid_json"_s, u"The request body is not a JSON object"_s));
        body = document.object();
    }
    const QJsonObject pagination =
        body.value("meta"_L1).toObject().value("pagination"_L1).toObject();
    int pageSize =
        pagination.contains("pageSize"_L1) ? pagination.value("pageSize"_L1).toInt(-1) : 100;
    if (pageSize < 1)
        return Reply::json(
            400, failBody(400, u"invalid_page_size"_s, u"pageSize must be a positive integer"_s));
    if (pageSize > 500) {
        if (m_config.pageSizeAboveMaxRejects)
            return Reply::json(
                400, failBody(400, u"invalid_page_size"_s, u"pageSize must not exceed 500"_s));
        pageSize = 500;
    }
    const QJsonObject filter = body.value("data"_L1).toArray().first().toObject();

    // The records for this filter, in serving order.
    QList<QJsonObject> records;
    const QString stream(endpoint->stream);
    if (endpoint->window) {
        const bool audit = stream == "audit.audit"_L1;
        const QString fromText = filter.value(audit ? "startDateTime"_L1 : "from"_L1).toString();
        const QString toText = filter.value(audit ? "endDateTime"_L1 : "to"_L1).toString();
        const std::optional<qint64> from = parseFilterTime(fromText);
        const std::optional<qint64> to = parseFilterTime(toText);
        if ((!fromText.isEmpty() && !from) || (!toText.isEmpty() && !to))
            return Reply::json(400,
                failBody(
                    400, u"invalid_date"_s, u"Dates must look like 2025-06-01T08:00:00+0000"_s));
        const qint64 now = m_clock.nowMs();
        qint64 lower = from.value_or(now - now % kDayMs);
        qint64 upper = to.value_or(now);
        if (audit && lower < now - 60 * kDayMs) {
            if (!m_config.auditBeyondHistoryEmpty)
                return Reply::json(400,
                    failBody(400, u"err_audit_history"_s,
                        u"Audit events are only available for the last 60 days"_s));
            lower = upper + 1; // empty
        }
        if (!audit)
            lower = std::max(lower, now - 30 * kDayMs);
        if (m_config.exclusiveTo)
            upper -= 1;
        if (lower <= upper) {
            records = m_dataset->windowRecords(stream,
                QDateTime::fromMSecsSinceEpoch(lower, QTimeZone::utc()),
                QDateTime::fromMSecsSinceEpoch(upper, QTimeZone::utc()));
        }
        if (audit)
            std::reverse(records.begin(), records.end()); // Audit pages are newest first
    } else if (path.endsWith("get-campaign"_L1)) {
        // The campaign list is not paged.
        QJsonArray campaigns;
        for (const QJsonObject &campaign : m_dataset->campaigns())
            campaigns.append(campaign);
        return Reply::json(200,
            {{u"meta"_s, QJsonObject {{u"status"_s, 200}}}, {u"data"_s, campaigns},
                {u"fail"_s, QJsonArray()}});
    } else if (path.endsWith("get-user-data"_L1)) {
        const QString campaignId = filter.value("id"_L1).toString();
        if (campaignId.isEmpty())
            return Reply::json(
                400, failBody(400, u"missing_id"_s, u"data[0].id (the campaign id) is required"_s));
        records = m_dataset->campaignUserData(campaignId);
    } else {
        records = m_dataset->awarenessRecords(stream);
    }

    const QByteArray filterHash = QCryptographicHash::hash(
        QByteArray(path.toUtf8() + QJsonDocument(filter).toJson(QJsonDocument::Compact)),
        QCryptographicHash::Sha256);
    qint64 offset = 0;
    const QString pageToken = pagination.value("pageToken"_L1).toString();
    if (!pageToken.isEmpty()) {
        if (m_faults.fire(u"expired-token"_s, context, m_config.seed)) {
            ++m_pageTokensRejected;
            return Reply::json(
                400, failBody(400, u"err_token_expired"_s, u"token expired or invalid"_s));
        }
        const std::optional<qint64> position = readPageToken(pageToken, path, filterHash);
        if (!position) {
            ++m_pageTokensRejected;
            return Reply::json(
                400, failBody(400, u"err_token_invalid"_s, u"token expired or invalid"_s));
        }
        offset = *position;
    }
    if (std::optional<Fault> fail = m_faults.fire(u"fail-200"_s, context, m_config.seed)) {
        const bool retryable = fail->number(u"retryable"_s, 1) != 0;
        QJsonObject failed =
            failBody(200, retryable ? u"err_temporarily_unavailable"_s : u"err_request_failed"_s,
                retryable ? u"Temporarily unavailable, retry"_s
                          : u"The request could not be processed"_s,
                retryable);
        return Reply::json(200, failed);
    }

    const qint64 total = records.size();
    QList<QJsonObject> page = records.mid(std::min(offset, total), pageSize);
    if (offset > 0 && offset <= total) {
        if (std::optional<Fault> dup = m_faults.fire(u"dup-rows"_s, context, m_config.seed)) {
            const qint64 k = std::min<qint64>(dup->number(u"k"_s, 2), offset);
            page = records.mid(offset - k, k) + page;
        }
    }
    const qint64 nextOffset = offset + pageSize;
    QJsonObject paginationOut {{u"pageSize"_s, pageSize}, {u"totalCount"_s, total}};
    if (m_faults.fire(u"wrong-total"_s, context, m_config.seed))
        paginationOut.insert(u"totalCount"_s, total + 7);
    if (nextOffset < total) {
        paginationOut.insert(
            u"next"_s, QString::fromLatin1(makePageToken(path, filterHash, nextOffset)));
        ++m_pageTokensIssued;
    } else if (offset < total && m_faults.fire(u"empty-last-page"_s, context, m_config.seed)) {
        // The last real page still advertises a next page, which is empty (and advertises again).
        paginationOut.insert(
            u"next"_s, QString::fromLatin1(makePageToken(path, filterHash, total)));
        ++m_pageTokensIssued;
    } else if (offset >= total && !pageToken.isEmpty() && m_faults.isActive(u"empty-last-page"_s)) {
        paginationOut.insert(
            u"next"_s, QString::fromLatin1(makePageToken(path, filterHash, total)));
    }

    QJsonArray items;
    for (const QJsonObject &record : std::as_const(page))
        items.append(record);
    QJsonArray data;
    if (endpoint->recordsKey.isEmpty()) {
        data = items;
    } else {
        QJsonObject wrapper {{QString(endpoint->recordsKey), items}};
        if (stream == "ttp.impersonation"_L1)
            wrapper.insert(u"resultCount"_s, total);
        data.append(wrapper);
    }
    Reply reply = Reply::json(200,
        {{u"meta"_s, QJsonObject {{u"status"_s, 200}, {u"pagination"_s, paginationOut}}},
            {u"data"_s, data}, {u"fail"_s, QJsonArray()}});
    reply.servedTable = QString(endpoint->table);
    reply.servedRecords = page;
    if (path.endsWith("get-user-data"_L1))
        reply.servedCampaignId = filter.value("id"_L1).toString();
    return reply;
}

// ---------------------------------------------------------------------------------------------
// SIEM batch listing and files

QString MimecastSimulator::fileKeyPath(const BatchFileInfo &file) const
{
    return u"/_files/%1/%2/%3.json.gz"_s
        .arg(file.feed, QString::fromLatin1(QUrl::toPercentEncoding(file.type)))
        .arg(file.index);
}

QString MimecastSimulator::signFileUrl(const BatchFileInfo &file, qint64 expiresAtSeconds) const
{
    const QString keyPath = fileKeyPath(file);
    const QByteArray mac = QMessageAuthenticationCode::hash(
        QByteArray(keyPath.toUtf8() + '\n' + QByteArray::number(expiresAtSeconds)), m_signingKey,
        QCryptographicHash::Sha256);
    return baseUrl() + keyPath + u"?expires="_s + QString::number(expiresAtSeconds) + u"&sig="_s
        + QString::fromLatin1(mac.toHex().left(32));
}

QString MimecastSimulator::ensureFile(const BatchFileInfo &file, qint64 *size)
{
    const QString relative =
        u"files/%1/%2/%3.json.gz"_s.arg(file.feed, QString(file.type).replace(u' ', u'_'))
            .arg(file.index);
    const QString absolute = m_stateDirectory.filePath(relative);
    const auto known = m_generatedFileSizes.constFind(absolute);
    if (known != m_generatedFileSizes.constEnd()) {
        *size = known.value();
        return absolute;
    }
    // Each file is generated once, as a stream, and served from disk afterwards (§10.7 item 25).
    QDir().mkpath(QFileInfo(absolute).absolutePath());
    QFile out(absolute + u".part"_s);
    if (out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        GzipWriter gzip(&out);
        m_dataset->writeBatchFile(file, [&gzip](const QByteArray &chunk) { gzip.write(chunk); });
        gzip.finish();
        out.close();
        QFile::remove(absolute);
        out.rename(absolute);
    }
    *size = QFileInfo(absolute).size();
    m_generatedFileSizes.insert(absolute, *size);
    return absolute;
}

MimecastSimulator::Reply MimecastSimulator::handleSiemListing(
    const QHttpServerRequest &request, const FaultContext &context, const QString &feed)
{
    const QString stream = feed == "cg"_L1 ? u"seg.cg"_s : u"cloud-integrated.ci"_s;
    if (!m_config.products.contains(stream)
        || m_faults.fire(u"forbidden"_s, context, m_config.seed))
        return Reply::json(403,
            siemError(u"forbidden"_s, u"The application does not have access to this resource"_s));
    const QUrlQuery query = request.query();
    const QStringList known = feed == "cg"_L1 ? Dataset::cgTypes() : Dataset::ciTypes();
    const QStringList types =
        query.queryItemValue(u"type"_s, QUrl::FullyDecoded).split(u',', Qt::SkipEmptyParts);
    if (types.isEmpty())
        return Reply::json(400, siemError(u"invalid_type"_s, u"type is required"_s));
    for (const QString &type : types) {
        if (!known.contains(type))
            return Reply::json(400, siemError(u"invalid_type"_s, u"Unknown type: "_s + type));
    }
    int pageSize = 10;
    if (query.hasQueryItem(u"pageSize"_s)) {
        bool ok = false;
        pageSize = query.queryItemValue(u"pageSize"_s).toInt(&ok);
        if (!ok || pageSize < 1)
            return Reply::json(
                400, siemError(u"invalid_page_size"_s, u"pageSize must be a positive integer"_s));
        pageSize = std::min(pageSize, 100);
    }

    // The files of the requested types, oldest first.
    QList<BatchFileInfo> files;
    for (const QString &type : types)
        files += m_dataset->batchFiles(feed, type);
    std::stable_sort(files.begin(), files.end(),
        [](const BatchFileInfo &a, const BatchFileInfo &b) { return a.firstEvent < b.firstEvent; });

    const QByteArray tokenScope = feed.toUtf8() + ':' + types.join(u',').toUtf8();
    qint64 position = 0;
    const QString nextPage = query.queryItemValue(u"nextPage"_s, QUrl::FullyDecoded);
    if (!nextPage.isEmpty()) {
        if (m_faults.fire(u"expired-token"_s, context, m_config.seed)) {
            ++m_pageTokensRejected;
            return Reply::json(400, siemError(u"invalid_token"_s, u"token expired or invalid"_s));
        }
        const std::optional<qint64> decoded =
            readPageToken(nextPage, QString::fromUtf8(tokenScope), QByteArray());
        if (!decoded) {
            ++m_pageTokensRejected;
            return Reply::json(400, siemError(u"invalid_token"_s, u"token expired or invalid"_s));
        }
        position = *decoded;
    } else if (query.hasQueryItem(u"dateRangeStartsAt"_s)) {
        const QDate day =
            QDate::fromString(query.queryItemValue(u"dateRangeStartsAt"_s), u"yyyy-MM-dd"_s);
        if (!day.isValid())
            return Reply::json(
                400, siemError(u"invalid_date"_s, u"dateRangeStartsAt must be yyyy-MM-dd"_s));
        const QDateTime start(day, QTime(0, 0), QTimeZone::utc());
        position = 0;
        while (position < files.size() && files.at(position).lastEvent < start)
            ++position;
    }

    const qint64 expiresAt = m_clock.nowMs() / 1000 + m_config.linkTtlSeconds;
    QJsonArray value;
    const qint64 end = std::min<qint64>(files.size(), position + pageSize);
    for (qint64 i = position; i < end; ++i) {
        const BatchFileInfo &file = files.at(i);
        qint64 size = 0;
        ensureFile(file, &size);
        value.append(QJsonObject {{u"url"_s, signFileUrl(file, expiresAt)},
            {u"expiry"_s, formatExpiry(expiresAt * 1000)}, {u"size"_s, size}});
    }
    ++m_pageTokensIssued;
    return Reply::json(200,
        {{u"value"_s, value},
            {u"@nextPage"_s,
                QString::fromLatin1(
                    makePageToken(QString::fromUtf8(tokenScope), QByteArray(), end))},
            {u"isCaughtUp"_s, end >= files.size()}});
}

bool MimecastSimulator::handleFile(const QHttpServerRequest &request, QTcpSocket *socket)
{
    auto xmlError = [&](int status, const char *code, const char *message) {
        Reply reply;
        reply.status = status;
        reply.contentType = "application/xml";
        reply.body = QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>") + code
            + "</Code><Message>" + message + "</Message></Error>";
        send(request, socket, reply);
        return true;
    };
    if (!request.value("Authorization").isEmpty()) {
        ++m_tokenLeaks;
        return xmlError(400, "InvalidArgument", "Only one auth mechanism allowed");
    }
    const QString keyPath = request.url().path(QUrl::FullyEncoded);
    const QUrlQuery query = request.query();
    const qint64 expires = query.queryItemValue(u"expires"_s).toLongLong();
    const QByteArray expected = QMessageAuthenticationCode::hash(
        QByteArray(keyPath.toUtf8() + '\n' + QByteArray::number(expires)), m_signingKey,
        QCryptographicHash::Sha256)
                                    .toHex()
                                    .left(32);
    if (query.queryItemValue(u"sig"_s).toLatin1() != expected)
        return xmlError(403, "SignatureDoesNotMatch", "The request signature does not match");
    if (expires * 1000 < m_clock.nowMs())
        return xmlError(403, "AccessDenied", "Request has expired");

    // /_files/<feed>/<type>/<index>.json.gz
    const QStringList parts = request.url().path().split(u'/', Qt::SkipEmptyParts);
    if (parts.size() != 4)
        return xmlError(404, "NoSuchKey", "The specified key does not exist.");
    const QString feed = parts.at(1);
    const QString type = parts.at(2);
    const int index = parts.at(3).section(u'.', 0, 0).toInt();
    const QList<BatchFileInfo> files = m_dataset->batchFiles(feed, type);
    const auto found = std::find_if(
        files.cbegin(), files.cend(), [index](const BatchFileInfo &f) { return f.index == index; });
    if (found == files.cend())
        return xmlError(404, "NoSuchKey", "The specified key does not exist.");

    FaultContext context;
    context.path = request.url().path();
    context.stream = streamForPath(context.path);
    context.type = type;
    context.fileOrdinal = (found - files.cbegin()) + 1;
    context.downloadCount = ++m_downloads[keyPath];
    if (m_faults.fire(u"expired-url"_s, context, m_config.seed))
        return xmlError(403, "AccessDenied", "Request has expired");
    if (m_faults.fire(u"file-gone"_s, context, m_config.seed))
        return xmlError(404, "NoSuchKey", "The specified key does not exist.");

    qint64 size = 0;
    QString path = ensureFile(*found, &size);
    if (m_faults.fire(u"bad-lines"_s, context, m_config.seed)) {
        // A variant with extra broken lines between the real events.
        const QString variant = path + u".badlines"_s;
        if (!QFileInfo::exists(variant)) {
            QFile out(variant);
            out.open(QIODevice::WriteOnly);
            GzipWriter gzip(&out);
            int lineNo = 0;
            m_dataset->writeBatchFile(*found, [&](const QByteArray &chunk) {
                for (const QByteArray &line : chunk.split('\n')) {
                    if (line.isEmpty())
                        continue;
                    gzip.write(line + '\n');
                    if (++lineNo % 50 == 1)
                        gzip.write("this is not json\n{\"half\": \"object\"\n");
                }
            });
            gzip.finish();
        }
        path = variant;
        size = QFileInfo(variant).size();
    }
    QByteArray bytes;
    const bool truncated = m_faults.fire(u"truncated-gzip"_s, context, m_config.seed).has_value();
    const bool reset = m_faults.fire(u"reset"_s, context, m_config.seed).has_value();

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return xmlError(500, "InternalError", "The file could not be read.");
    if (truncated || reset) {
        // Small deviations are served from memory: cut before the gzip trailer, or drop the
        // connection half-way through the body.
        bytes = file.readAll();
        if (truncated) {
            bytes.chop(std::min<qsizetype>(bytes.size() / 2, 8 + 64));
            Reply reply;
            reply.contentType = "application/octet-stream";
            reply.body = bytes;
            send(request, socket, reply);
            return true;
        }
        countRequest(request.url().path(), 200);
        socket->write(
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
            + QByteArray::number(bytes.size()) + "\r\n\r\n" + bytes.left(bytes.size() / 2));
        socket->flush();
        QPointer<QTcpSocket> guarded(socket);
        QTimer::singleShot(50, this, [guarded] {
            if (guarded)
                guarded->abort();
        });
        return true;
    }
    // Without this, Nagle's algorithm and delayed ACKs add ~40 ms to every download.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QHttpServerResponder responder = makeResponder(request, socket);
    m_bytesServed += size;
    if (path == ensureFile(*found, &size))
        m_servedFiles.append(
            {found->feed, found->type, found->index, formatSimTime(m_clock.nowMs())});
    // One write of the whole body: QHttpServerResponder::write(QIODevice *) of Qt 6.4 copies
    // a device to the socket 512 bytes at a time, a write(2) and an event-loop turn each.
    // For a 10 MB file that cost the fake a fifth of a core, taken from the console it is
    // benchmarking on the same two cores. The files are at most a few tens of MB.
    const QByteArray body = file.readAll();
    countRequest(request.url().path(), 200);
    responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder.writeHeader("Content-Type", "application/octet-stream");
    if (m_config.fileContentEncodingGzip)
        responder.writeHeader("Content-Encoding", "gzip");
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeBody(body);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Ground truth, statistics and control

void MimecastSimulator::countRequest(const QString &path, int status)
{
    const QString key = path + u' ' + QString::number(status);
    m_requestStats.insert(key, m_requestStats.value(key).toInt() + 1);
}

void MimecastSimulator::recordServed(
    const QString &table, const QString &campaignId, const QJsonObject &record)
{
    if (table.isEmpty())
        return;
    QString stream;
    for (const ApiEndpoint &endpoint : kEndpoints) {
        if (table == endpoint.table)
            stream = QString(endpoint.stream);
    }
    const QString key = QString::fromLatin1(dedupKey(stream, record, campaignId).toHex());
    Served &served = m_served[table][key];
    if (served.count++ == 0)
        served.firstServedAt = formatSimTime(m_clock.nowMs());
}

QJsonObject MimecastSimulator::truthCounts() const
{
    QJsonObject counts;
    const QHash<QString, qint64> truth = m_dataset->truthCounts();
    for (auto it = truth.constBegin(); it != truth.constEnd(); ++it)
        counts.insert(it.key(), it.value());
    return counts;
}

QByteArray MimecastSimulator::truthRecords(const QString &table, const QString &set) const
{
    QByteArray out;
    QHash<QString, Served> served = m_served.value(table);
    // Batch records count as served once their whole file went out: recomputed from the
    // served files, so that serving stays cheap.
    const QString feed = table == "Seg_Cg_CL"_L1 ? u"cg"_s
        : table == "Cloud_Integrated_CL"_L1      ? u"ci"_s
                                                 : QString();
    if (!feed.isEmpty() && set == "served"_L1) {
        const QString stream = feed == "cg"_L1 ? u"seg.cg"_s : u"cloud-integrated.ci"_s;
        for (const ServedFile &servedFile : m_servedFiles) {
            if (servedFile.feed != feed)
                continue;
            for (const BatchFileInfo &file : m_dataset->batchFiles(feed, servedFile.type)) {
                if (file.index != servedFile.index)
                    continue;
                QByteArray pending; // chunks need not end on a line boundary
                auto countLine = [&](const QByteArray &line) {
                    const QJsonObject record = QJsonDocument::fromJson(line).object();
                    if (record.isEmpty())
                        return;
                    Served &entry = served[QString::fromLatin1(dedupKey(stream, record).toHex())];
                    if (entry.count++ == 0)
                        entry.firstServedAt = servedFile.servedAt;
                };
                m_dataset->writeBatchFile(file, [&](const QByteArray &chunk) {
                    pending += chunk;
                    qsizetype start = 0;
                    for (qsizetype end = pending.indexOf('\n'); end >= 0;
                         end = pending.indexOf('\n', start)) {
                        countLine(pending.mid(start, end - start));
                        start = end + 1;
                    }
                    pending.remove(0, start);
                });
                countLine(pending);
            }
        }
    }
    for (const Dataset::TruthRecord &record : m_dataset->truth(table)) {
        const Served info = served.value(record.key);
        if (set == "served"_L1 && info.count == 0)
            continue;
        if (set == "expired_unserved"_L1)
            continue; // static mode: nothing ages out
        QJsonObject line {{u"key"_s, record.key},
            {u"type"_s,
                record.type.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(record.type)},
            {u"payload"_s, record.payload}, {u"served_count"_s, info.count},
            {u"first_served_at"_s,
                info.firstServedAt.isEmpty() ? QJsonValue(QJsonValue::Null)
                                             : QJsonValue(info.firstServedAt)}};
        out += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    }
    return out;
}

QJsonObject MimecastSimulator::stats() const
{
    return {{u"mimecast"_s,
                QJsonObject {{u"requests"_s, m_requestStats}, {u"tokenRequests"_s, m_tokenRequests},
                    {u"peakConcurrentTokenRequests"_s, m_peakConcurrentTokenRequests},
                    {u"rateLimited"_s, m_rateLimited},
                    {u"faults"_s, m_faults.toJson().value("faults"_L1)},
                    {u"bytesServed"_s, m_bytesServed}, {u"tokenLeaks"_s, m_tokenLeaks},
                    {u"pageTokensIssued"_s, m_pageTokensIssued},
                    {u"pageTokensRejected"_s, m_pageTokensRejected}}},
        {u"sentinel"_s, QJsonObject()}};
}

MimecastSimulator::Reply MimecastSimulator::handleControl(const QHttpServerRequest &request)
{
    const QString path = request.url().path();
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    auto badRequest = [](const QString &message) {
        return Reply::json(400, {{u"error"_s, message}});
    };
    if (path == "/_sim/truth"_L1)
        return Reply::json(200, truthCounts());
    if (path == "/_sim/truth/records"_L1) {
        const QString table = request.query().queryItemValue(u"table"_s);
        const QString set = request.query().queryItemValue(u"set"_s).isEmpty()
            ? u"available"_s
            : request.query().queryItemValue(u"set"_s);
        if (!truthCounts().contains(table))
            return badRequest(u"unknown table \"%1\""_s.arg(table));
        if (set != "available"_L1 && set != "served"_L1 && set != "expired_unserved"_L1)
            return badRequest(u"set must be available, served or expired_unserved"_s);
        Reply reply;
        reply.contentType = "application/x-ndjson";
        reply.body = truthRecords(table, set);
        return reply;
    }
    if (path == "/_sim/stats"_L1)
        return Reply::json(200, stats());
    if (path == "/_sim/faults"_L1) {
        if (post) {
            QString problem;
            QList<Fault> faults = FaultSet::parseJson(body.value("faults"_L1).toArray(), &problem);
            if (!problem.isEmpty())
                return badRequest(problem);
            m_faults.replace(std::move(faults));
        }
        return Reply::json(200, m_faults.toJson());
    }
    if (path == "/_sim/clock"_L1 && post) {
        const QString action = body.value("action"_L1).toString();
        if (action == "freeze"_L1) {
            m_clock.freeze();
        } else if (action == "real"_L1) {
            m_clock.useRealTime();
        } else if (action == "set"_L1) {
            QDateTime time =
                QDateTime::fromString(body.value("time"_L1).toString(), Qt::ISODateWithMs);
            if (!time.isValid())
                return badRequest(u"time must be yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
            m_clock.set(time);
        } else if (action == "advance"_L1) {
            m_clock.advance(qint64(body.value("seconds"_L1).toDouble()));
        } else {
            return badRequest(u"action must be freeze, real, set or advance"_s);
        }
        return Reply::json(
            200, {{u"now"_s, formatSimTime(m_clock.nowMs())}, {u"frozen"_s, m_clock.isFrozen()}});
    }
    if (path == "/_sim/reset"_L1 && post) {
        if (body.contains("seed"_L1))
            m_config.seed = quint64(body.value("seed"_L1).toDouble());
        if (body.contains("volume"_L1))
            m_config.volume = body.value("volume"_L1).toInt(m_config.volume);
        if (body.contains("config"_L1)) {
            QString problem;
            if (!m_config.apply(body.value("config"_L1).toObject(), &problem))
                return badRequest(problem);
            m_faults.replace(m_config.faults);
        }
        resetState();
        return Reply::json(
            200, {{u"seed"_s, double(m_config.seed)}, {u"volume"_s, m_config.volume}});
    }
    if (path == "/_sim/credentials"_L1 && post) {
        if (body.contains("secret"_L1))
            m_config.clientSecret = body.value("secret"_L1).toString();
        if (body.value("revokeTokens"_L1).toBool() || body.contains("secret"_L1))
            m_tokens.clear();
        if (body.contains("products"_L1)) {
            m_config.products.clear();
            for (const QJsonValue &value : body.value("products"_L1).toArray())
                m_config.products.insert(value.toString());
        }
        if (body.contains("tokenTtlSeconds"_L1))
            m_config.tokenTtlSeconds =
                body.value("tokenTtlSeconds"_L1).toInt(m_config.tokenTtlSeconds);
        QJsonArray products;
        for (const QString &product : SimulatorConfig::allStreams()) {
            if (m_config.products.contains(product))
                products.append(product);
        }
        return Reply::json(200,
            {{u"clientId"_s, m_config.clientId}, {u"products"_s, products},
                {u"tokenTtlSeconds"_s, m_config.tokenTtlSeconds}});
    }
    return Reply::json(404,
        {{u"error"_s, u"unknown control endpoint %1 %2"_s.arg(post ? u"POST"_s : u"GET"_s, path)}});
}

} // namespace msc::sim
