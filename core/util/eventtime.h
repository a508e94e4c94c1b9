#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace msc {

/// Parses Mimecast record times (mimecast-api.md §8) into UTC milliseconds since the epoch.
namespace EventTime {

    /// T2: date, `T` or space, time, optional 1–9 digit fraction, then `Z`, `±hhmm`, `±hh:mm` or
    /// nothing (UTC). Also T6 and T1/T1z. Converted to UTC; std::nullopt if not in that form or
    /// not a real date and time.
    std::optional<qint64> parseIso(QStringView text);

    /// T3: epoch milliseconds as a JSON integer or real, or a numeric string.
    std::optional<qint64> parseEpochMs(const QJsonValue &value);

    /// T9 (awareness times): T2 or T3; empty string or null give std::nullopt.
    std::optional<qint64> parseFlexible(const QJsonValue &value);

    /// The storage form `yyyy-MM-ddTHH:mm:ss.zzzZ` of \a epochMs.
    QString toStorage(qint64 epochMs);

} // namespace EventTime

} // namespace msc
