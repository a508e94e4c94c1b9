#pragma once

#include "mimecast/clientsettings.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QPair>
#include <QString>

#include <functional>

namespace msc {

/// The outcome of one HTTP attempt.
struct HttpAttempt
{
    enum class Outcome {
        Response, ///< A status line arrived (any status).
        NoResponse, ///< Refused, DNS failure, closed before any response, TLS name mismatch.
        Timeout, ///< Connect, idle or total timeout.
        ConnectionError, ///< Reset or closed after the response started.
        TlsError, ///< Certificate could not be verified (not a name mismatch).
        TooLarge, ///< The body exceeded the limit.
        Aborted, ///< The chunk consumer asked to stop (e.g. a bounded reader failed).
        Cancelled,
    };

    Outcome outcome = Outcome::NoResponse;
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; ///< Empty when a chunk consumer took the body.
    QString errorString; ///< Redacted.
    QString timeoutKind; ///< "connect", "idle" or "total" for Outcome::Timeout.

    QByteArray header(const QByteArray &name) const;
};

/// Performs single HTTP attempts on the calling worker thread, with its own
/// QNetworkAccessManager (one per thread), the configured proxy and extra CA bundle, TLS
/// verification always on, and no automatic redirects. Blocks the calling thread; never call
/// it from the GUI thread.
class HttpTransport
{
public:
    struct Options
    {
        int connectTimeoutMs = 15000;
        int idleTimeoutMs = 120000;
        int totalTimeoutMs = 0; ///< 0 = none.
        qint64 maxBodyBytes = 0; ///< 0 = unlimited (streamed bodies).
        /// When set, the body is handed over chunk by chunk, with the response's HTTP status,
        /// instead of being buffered; return false to abort the transfer.
        std::function<bool(int status, const char *data, qsizetype size)> onChunk;
    };

    explicit HttpTransport(const ClientSettings &settings);

    HttpAttempt perform(QNetworkRequest request, const QByteArray &verb, const QByteArray &body,
        const Options &options, const CancellationToken *cancel) const;

    /// Sleeps for \a milliseconds unless \a cancel fires first; false if cancelled.
    static bool wait(qint64 milliseconds, const CancellationToken *cancel);

private:
    ClientSettings m_settings;
};

} // namespace msc
