#include "mimecast/httptransport.h"

#include "util/logging.h"
#include "util/redaction.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslError>
#include <QThread>
#include <QThreadStorage>
#include <QTimer>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    /// One QNetworkAccessManager per worker thread (it is not thread-safe), deleted with the
    /// thread.
    QNetworkAccessManager *threadManager()
    {
        static QThreadStorage<QNetworkAccessManager *> managers;
        if (!managers.hasLocalData()) {
            auto *manager = new QNetworkAccessManager;
            manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
            // Connections are kept alive between requests of a run; HSTS and cookies are not used.
            manager->setCookieJar(nullptr);
            managers.setLocalData(manager);
        }
        return managers.localData();
    }

    bool isNoResponseError(QNetworkReply::NetworkError error)
    {
        switch (error) {
        case QNetworkReply::ConnectionRefusedError:
        case QNetworkReply::RemoteHostClosedError:
        case QNetworkReply::HostNotFoundError:
        case QNetworkReply::UnknownNetworkError:
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyNotFoundError:
            return true;
        default:
            return false;
        }
    }

} // namespace

QByteArray HttpAttempt::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpTransport::HttpTransport(const ClientSettings &settings)
    : m_settings(settings)
{
}

bool HttpTransport::wait(qint64 milliseconds, const CancellationToken *cancel)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < milliseconds) {
        if (cancel && cancel->isCancelled())
            return false;
        QThread::msleep(ulong(std::min<qint64>(50, milliseconds - timer.elapsed())));
    }
    return !(cancel && cancel->isCancelled());
}

HttpAttempt HttpTransport::perform(QNetworkRequest request, const QByteArray &verb,
    const QByteArray &body, const Options &options, const CancellationToken *cancel) const
{
    Q_ASSERT_X(!QCoreApplication::instance()
            || QThread::currentThread() != QCoreApplication::instance()->thread()
            || qEnvironmentVariableIsSet("MSC_ALLOW_MAIN_THREAD_NETWORK"),
        "HttpTransport::perform", "network I/O must not run on the GUI thread");
    QNetworkAccessManager *manager = threadManager();
    if (m_settings.proxyUrl.isEmpty()) {
        manager->setProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));
    } else {
        // Settings validation refuses credentials in the proxy URL: the settings file is plain
        // text (security.md rule 1).
        const QUrl proxyUrl(m_settings.proxyUrl);
        manager->setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, proxyUrl.host(), quint16(proxyUrl.port(8080))));
    }
    // Qt keys its connection cache by host, port and proxy, not by the TLS configuration: a
    // connection made before the CA bundle changed would be reused with the old trust store.
    static thread_local QString lastCaBundle;
    if (lastCaBundle != m_settings.caBundlePath) {
        manager->clearConnectionCache();
        lastCaBundle = m_settings.caBundlePath;
    }
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!m_settings.caBundlePath.isEmpty())
        ssl.addCaCertificates(m_settings.caBundlePath);
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    request.setSslConfiguration(ssl);
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // The idle timeout: Qt aborts when no bytes move for this long.
    request.setTransferTimeout(options.idleTimeoutMs);

    HttpAttempt attempt;
    std::unique_ptr<QNetworkReply> reply(manager->sendCustomRequest(request, verb, body));
    QEventLoop loop;
    QTimer connectTimer;
    QTimer totalTimer;
    QTimer cancelPoll;
    bool responseStarted = false;
    bool tlsFailure = false;
    QString tlsReason;
    QString timeoutKind;

    connectTimer.setSingleShot(true);
    QObject::connect(&connectTimer, &QTimer::timeout, &loop, [&] {
        timeoutKind = u"connect"_s;
        reply->abort();
    });
    connectTimer.start(options.connectTimeoutMs);
    // The connect timer covers connecting and the TLS handshake; it stops once the request is
    // on the wire, after which the idle and total timeouts apply.
    QObject::connect(reply.get(), &QNetworkReply::requestSent, &loop, [&] { connectTimer.stop(); });
    if (options.totalTimeoutMs > 0) {
        totalTimer.setSingleShot(true);
        QObject::connect(&totalTimer, &QTimer::timeout, &loop, [&] {
            timeoutKind = u"total"_s;
            reply->abort();
        });
        totalTimer.start(options.totalTimeoutMs);
    }
    cancelPoll.setInterval(50);
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (cancel && cancel->isCancelled())
            reply->abort();
    });
    cancelPoll.start();

    QObject::connect(
        reply.get(), &QNetworkReply::sslErrors, &loop, [&](const QList<QSslError> &errors) {
            // Never ignored: verification cannot be switched off.
            tlsFailure = true;
            QStringList reasons;
            for (const QSslError &error : errors)
                reasons.append(error.errorString());
            tlsReason = reasons.join(u"; "_s);
            for (const QSslError &error : errors) {
                if (error.error() == QSslError::HostNameMismatch)
                    tlsReason.prepend(u"[name mismatch] "_s);
            }
        });
    QObject::connect(reply.get(), &QNetworkReply::metaDataChanged, &loop, [&] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid()) {
            responseStarted = true;
            connectTimer.stop();
        }
    });
    bool aborted = false;
    bool tooLarge = false;
    QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, [&] {
        responseStarted = true;
        const QByteArray chunk = reply->readAll();
        if (options.onChunk) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (!options.onChunk(status, chunk.constData(), chunk.size())) {
                aborted = true;
                reply->abort();
            }
            return;
        }
        if (options.maxBodyBytes > 0 && attempt.body.size() + chunk.size() > options.maxBodyBytes) {
            tooLarge = true;
            reply->abort();
            return;
        }
        attempt.body.append(chunk);
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // This loop only serves this reply's timers and signals: the worker thread runs nothing else.
    loop.exec(QEventLoop::ExcludeUserInputEvents);

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    attempt.status = status.isValid() ? status.toInt() : 0;
    for (const auto &pair : reply->rawHeaderPairs())
        attempt.headers.append(pair);
    const QNetworkReply::NetworkError error = reply->error();
    attempt.errorString = Redaction::redact(reply->errorString());

    if (cancel && cancel->isCancelled()) {
        attempt.outcome = HttpAttempt::Outcome::Cancelled;
    } else if (aborted) {
        attempt.outcome = HttpAttempt::Outcome::Aborted;
    } else if (tooLarge) {
        attempt.outcome = HttpAttempt::Outcome::TooLarge;
        attempt.body.clear();
    } else if (!timeoutKind.isEmpty() || error == QNetworkReply::OperationCanceledError
        || error == QNetworkReply::TimeoutError) {
        attempt.outcome = HttpAttempt::Outcome::Timeout;
        attempt.timeoutKind = timeoutKind.isEmpty() ? u"idle"_s : timeoutKind;
    } else if (tlsFailure) {
        attempt.errorString = tlsReason;
        attempt.outcome = tlsReason.contains(u"[name mismatch]"_s)
            ? HttpAttempt::Outcome::NoResponse
            : HttpAttempt::Outcome::TlsError;
    } else if (attempt.status > 0) {
        // HTTP-level errors (4xx/5xx) are responses; a body cut short after the status line is
        // a connection error.
        const bool bodyBroken = error == QNetworkReply::RemoteHostClosedError
            || error == QNetworkReply::ProtocolFailure
            || error == QNetworkReply::UnknownNetworkError
            || error == QNetworkReply::TemporaryNetworkFailureError;
        attempt.outcome =
            bodyBroken ? HttpAttempt::Outcome::ConnectionError : HttpAttempt::Outcome::Response;
    } else if (responseStarted) {
        attempt.outcome = HttpAttempt::Outcome::ConnectionError;
    } else if (isNoResponseError(error)) {
        attempt.outcome = HttpAttempt::Outcome::NoResponse;
    } else {
        attempt.outcome = HttpAttempt::Outcome::ConnectionError;
    }
    qCDebug(lcMimecast).noquote() << verb << Redaction::redact(request.url().toString()) << "->"
                                  << attempt.status << attempt.errorString;
    return attempt;
}

} // namespace msc
