#pragma once

// Private to the ingest path's .cpp files: simdjson.h is 1.2 MB, so it never appears in a
// header that other code includes.

#include <QByteArray>
#include <QJsonValue>

#include <simdjson.h>

#include <string>
#include <string_view>

namespace msc::jsonelement {

/// The calling thread's parser, limited to \a maxDepth levels of nesting (a record nested
/// deeper is rejected, security.md rule 7). One per thread: a parser reuses its buffers from
/// record to record, which is most of simdjson's speed.
simdjson::dom::parser &threadParser(int maxDepth);

/// Appends the RFC 8785 JCS of \a value to \a out (connectors.md §2.3): object keys sorted by
/// UTF-16 code units, numbers as ECMAScript doubles, strings as decoded UTF-8 with only `"`,
/// `\` and control characters escaped, no whitespace.
void appendCanonical(std::string &out, simdjson::dom::element value);
void appendCanonical(std::string &out, simdjson::dom::object object);
/// Appends \a utf8 as a JCS string.
void appendCanonicalString(std::string &out, std::string_view utf8);

/// A scalar as QJsonValue (strings, numbers, booleans, null), for the time parsers; arrays
/// and objects give QJsonValue::Undefined.
QJsonValue scalarValue(simdjson::dom::element value);

inline QString toQString(std::string_view utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

} // namespace msc::jsonelement
