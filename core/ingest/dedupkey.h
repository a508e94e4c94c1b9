#pragma once

#include "storage/tableschema.h"

#include <QByteArray>
#include <QJsonObject>

namespace msc {

/// The dedup key of a raw record (connectors.md §2.3): a 4-byte big-endian minute bucket of
/// the record's own event time (0 when missing or unparsable, and for awareness records),
/// then the first 12 bytes of the SHA-256 of the identity material.
struct DedupKey
{
    QByteArray bytes; ///< 16 bytes, as stored in `_dedup_key`.
    quint32 bucket = 0;
    QByteArray identity; ///< `id:<id>` or `h:<JCS array>`, UTF-8.

    QString hex() const { return QString::fromLatin1(bytes.toHex()); }
};

/// Computes the key of \a record for \a table. \a campaignId is used by the awareness user
/// data table only. Values are the raw record's, before any rename or mapping.
DedupKey computeDedupKey(
    const TableDef &table, const QJsonObject &record, const QString &campaignId = {});

} // namespace msc
