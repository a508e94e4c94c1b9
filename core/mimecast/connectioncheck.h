#pragma once

#include "mimecast/apierror.h"
#include "mimecast/mimecastclient.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace msc {

/// The outcome of "Test connection" for one stream (mimecast-api.md §1).
struct StreamCheck
{
    QString stream; ///< Stream id, e.g. `ttp.url`.
    ApiError error; ///< kind None: the call succeeded.

    bool ok() const { return !error.isError(); }
};

/// The outcome of "Test connection" for one connector.
struct ConnectionCheck
{
    ApiError tokenError; ///< kind None: the token request succeeded.
    QList<StreamCheck> streams; ///< Empty when the token request failed.

    bool tokenOk() const { return !tokenError.isError(); }
};

/// "Test connection" (connectors.md §4.1, mimecast-api.md §1): a fresh token for
/// \a credentials, then one cheap call per stream in \a streams: page size 1 over the hour
/// before \a now for window streams, page size 1 of the list for Awareness Training (the
/// campaign list for user data), one listing of one type with pageSize=1 for SIEM feeds.
/// Nothing is stored. Blocks: call it on a worker thread, never on the GUI thread.
/// \a cancel may be null; a cancelled check reports ApiError::Kind::Cancelled.
ConnectionCheck checkConnection(const MimecastClient::Credentials &credentials,
    const ClientSettings &settings, const QStringList &streams, const QDateTime &now,
    const CancellationToken *cancel);

} // namespace msc
