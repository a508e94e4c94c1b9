#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>

namespace msc {

/// RFC 8785 JSON Canonicalization Scheme (JCS) of a decoded JSON value: object keys sorted
/// by UTF-16 code units, numbers as ECMAScript writes doubles (`1.0` → `1`), strings with
/// only `"`, `\` and control characters escaped, no whitespace. The dedup key and the raw
/// record hash are computed over this form (connectors.md §2.3).
QByteArray canonicalJson(const QJsonValue &value);
QByteArray canonicalJson(const QJsonObject &object);

/// Appends the JCS of \a value to \a out (one pass, no intermediate strings).
void appendCanonicalJson(QByteArray &out, const QJsonValue &value);
void appendCanonicalJson(QByteArray &out, const QJsonObject &object);
/// Appends \a text as a JCS string (quoted, escaped as JCS prescribes).
void appendCanonicalString(QByteArray &out, QStringView text);

/// Appends the ECMAScript (JCS) text of \a number to \a out. NaN and infinities have no
/// JSON form; they are written as `null`.
void appendCanonicalNumber(QByteArray &out, double number);

} // namespace msc
