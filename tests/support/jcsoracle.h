#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>

namespace msc::test {

/// RFC 8785 JCS of a decoded JSON value (connectors.md §2.3), from Qt's JSON types: object keys
/// sorted by UTF-16 code units, numbers as ECMAScript writes doubles, strings with only `"`,
/// `\` and control characters escaped, no whitespace. The tests' oracle for the ingest path.
QByteArray canonicalJson(const QJsonValue &value);
QByteArray canonicalJson(const QJsonObject &object);

void appendCanonicalJson(QByteArray &out, const QJsonValue &value);
void appendCanonicalJson(QByteArray &out, const QJsonObject &object);
/// Appends \a text as a JCS string (quoted, escaped as JCS prescribes).
void appendCanonicalString(QByteArray &out, QStringView text);

} // namespace msc::test
