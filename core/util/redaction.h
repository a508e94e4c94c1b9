#pragma once

#include <QString>
#include <QtGlobal>

namespace msc {

/// The one redaction function every log line, error message and diagnostic passes through
/// (security.md rule 1): bearer tokens, `client_secret=`/`access_token` values, SharedKey
/// signatures, the query strings of signed URLs, and every secret registered at run time.
namespace Redaction {

    /// Replaces every secret in \a text with `[REDACTED]`.
    QString redact(const QString &text);

    /// Registers a secret value (a client secret, a token) so that it is removed wherever it
    /// appears, whatever the surrounding syntax. Values shorter than 4 characters are ignored:
    /// replacing them would shred ordinary text and protect nothing. Thread-safe.
    void registerSecret(const QString &secret);

    /// Forgets a secret (after rotation). Thread-safe.
    void unregisterSecret(const QString &secret);

    /// Installs a Qt message handler that redacts every message before the previous handler
    /// prints it. Call once, early in main().
    void installMessageHandler();

    /// Receives every message the handler above has redacted, on the thread that logged it
    /// (the log viewer's buffer, LogBuffer). Must be thread-safe and must not block.
    using MessageSink = void (*)(
        QtMsgType type, const QMessageLogContext &context, const QString &redacted);
    /// Sets the sink (nullptr: none). Thread-safe.
    void setMessageSink(MessageSink sink);

} // namespace Redaction

} // namespace msc
