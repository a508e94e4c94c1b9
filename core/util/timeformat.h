#pragma once

#include <QDateTime>
#include <QString>

namespace msc {

/// The one storage and display form of every time in the cache and the CLI's JSON:
/// UTC, millisecond precision, `yyyy-MM-ddTHH:mm:ss.zzzZ`. It sorts correctly as text.
QString formatUtc(const QDateTime &time);

/// Parses the storage form back; an invalid QDateTime if \a text is not in it.
QDateTime parseUtc(const QString &text);

} // namespace msc
