#pragma once

#include <QByteArray>

namespace msc {

/// Appends the ECMAScript (JCS, RFC 8785) text of \a number to \a out: shortest round-trip
/// digits in ECMAScript's Number::toString layout (`1.0` → `1`, `1e21` → `1e+21`). NaN and
/// infinities have no JSON form; they are written as `null`. The rest of the JCS of the
/// ingest path is written from the parsed record (ingest/jsonelement_p.h).
void appendCanonicalNumber(QByteArray &out, double number);

} // namespace msc
