#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace msc::sim {

// The simulator's own implementation of connectors.md §2.3. It deliberately shares no code with
// the console, so that the two implementations check each other against dedup-vectors.json.

/// RFC 8785 (JCS) form of \a value: keys sorted by UTF-16 code units, ECMAScript number form,
/// only `"`, `\` and control characters escaped, no whitespace. UTF-8.
QByteArray canonicalJson(const QJsonValue &value);

/// ECMAScript Number::toString of \a value (the JCS number form); "null" for NaN or infinity.
QByteArray ecmaNumber(double value);

/// T2 parser (mimecast-api.md §8): date, `T` or space, `HH:mm:ss`, optional fraction of 1–9
/// digits, then `Z`, `±hhmm`, `±hh:mm` or nothing (UTC). Epoch milliseconds (fraction truncated).
std::optional<qint64> parseT2(QStringView text);

/// T3 parser: epoch milliseconds as a JSON integer or real, or as a numeric string.
std::optional<qint64> parseT3(const QJsonValue &value);

/// The record's own event time per stream (connectors.md §3); nullopt when missing, unparsable,
/// or for a stream without event time (the awareness streams).
std::optional<qint64> eventTimeMs(const QString &streamId, const QJsonObject &record);

/// The 4-byte time bucket: minutes since the epoch of the event time, 0 when there is none.
quint32 timeBucket(const QString &streamId, const QJsonObject &record);

/// The identity material (UTF-8) hashed into the key: `id:<id>` or `h:<JCS array>`. Empty for an
/// unknown stream id.
QByteArray identityMaterial(
    const QString &streamId, const QJsonObject &record, const QString &campaignId = {});

/// The 16-byte dedup key: 4-byte big-endian minute bucket + the first 12 bytes of the SHA-256 of
/// the identity material. Empty for an unknown stream id.
QByteArray dedupKey(
    const QString &streamId, const QJsonObject &record, const QString &campaignId = {});

/// dedupKey() as 32 lowercase hex characters.
QString dedupKeyHex(
    const QString &streamId, const QJsonObject &record, const QString &campaignId = {});

} // namespace msc::sim
