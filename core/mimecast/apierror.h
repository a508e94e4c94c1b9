#pragma once

#include <QString>

namespace msc {

/// A Mimecast API failure, sorted into the kinds of mimecast-api.md §7.1 so that the caller
/// can act: block the stream, take the token-reset path, quarantine, or retry next run.
struct ApiError
{
    enum class Kind {
        None,
        BadCredentials, ///< Token endpoint 400/401, repeated 401, 418: every stream of the app.
        MissingPermission, ///< 403: this stream.
        BadConfiguration, ///< 404, redirect, TLS, 400, no-response host, bad page token.
        Transient, ///< Retries used up on 429/5xx/timeouts/connection errors.
        BadData, ///< A body that is not what the API promises (after retries).
        Cancelled, ///< The user or the application stopped the run.
    };

    Kind kind = Kind::None;
    int httpStatus = 0; ///< 0 when no response was received.
    QString message; ///< Admin-facing, translated, redacted: what happened and what to do.
    QString serverMessage; ///< The API's own error text, if any (redacted).
    /// The request carried a page token (`pageToken` / `nextPage`) and was refused with 400 or
    /// a non-retryable fail[]: the caller takes the token-reset path (connectors.md §2.4).
    bool pageTokenRejected = false;

    bool isError() const { return kind != Kind::None; }
    static QString kindName(Kind kind);
};

} // namespace msc
