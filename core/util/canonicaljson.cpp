#include "util/canonicaljson.h"

#include <charconv>
#include <cmath>

namespace msc {

void appendCanonicalNumber(QByteArray &out, double number)
{
    if (!std::isfinite(number)) {
        out.append("null");
        return;
    }
    if (number == 0) { // also -0
        out.append('0');
        return;
    }
    // Shortest round-trip digits, then ECMAScript's Number::toString layout (ECMA-262 7.1.12.1).
    char buffer[64];
    const auto [end, error] =
        std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::scientific);
    Q_ASSERT(error == std::errc());
    const char *cursor = buffer;
    if (*cursor == '-') {
        out.append('-');
        ++cursor;
    }
    QByteArray digits;
    for (; cursor < end && *cursor != 'e'; ++cursor) {
        if (*cursor != '.')
            digits.append(*cursor);
    }
    // value = d.ddd × 10^exponent. The buffer is not NUL-terminated: parse within [cursor, end).
    int exponent = 0;
    const char *exponentText = cursor + 1;
    if (exponentText < end && *exponentText == '+')
        ++exponentText;
    std::from_chars(exponentText, end, exponent);
    while (digits.size() > 1 && digits.endsWith('0'))
        digits.chop(1);
    const int k = int(digits.size());
    const int n = exponent + 1; // value = 0.ddd × 10^n
    if (k <= n && n <= 21) {
        out.append(digits);
        out.append(QByteArray(n - k, '0'));
    } else if (0 < n && n <= 21) {
        out.append(digits.left(n));
        out.append('.');
        out.append(digits.mid(n));
    } else if (-6 < n && n <= 0) {
        out.append("0.");
        out.append(QByteArray(-n, '0'));
        out.append(digits);
    } else {
        out.append(digits.at(0));
        if (k > 1) {
            out.append('.');
            out.append(digits.mid(1));
        }
        out.append('e');
        out.append(n - 1 >= 0 ? '+' : '-');
        out.append(QByteArray::number(std::abs(n - 1)));
    }
}

} // namespace msc
