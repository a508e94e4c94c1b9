#include "util/canonicaljson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <charconv>
#include <cmath>

namespace msc {

namespace {

    void appendString(QByteArray &out, const QString &text)
    {
        const QByteArray utf8 = text.toUtf8();
        out.append('"');
        for (const char c : utf8) {
            const auto byte = static_cast<unsigned char>(c);
            switch (byte) {
            case '"':
                out.append("\\\"");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '\b':
                out.append("\\b");
                break;
            case '\f':
                out.append("\\f");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            default:
                if (byte < 0x20) {
                    static const char hex[] = "0123456789abcdef";
                    out.append("\\u00");
                    out.append(hex[byte >> 4]);
                    out.append(hex[byte & 0xf]);
                } else {
                    out.append(c);
                }
            }
        }
        out.append('"');
    }

    void appendValue(QByteArray &out, const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            out.append("null");
            return;
        case QJsonValue::Bool:
            out.append(value.toBool() ? "true" : "false");
            return;
        case QJsonValue::Double:
            appendCanonicalNumber(out, value.toDouble());
            return;
        case QJsonValue::String:
            appendString(out, value.toString());
            return;
        case QJsonValue::Array: {
            out.append('[');
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (i > 0)
                    out.append(',');
                appendValue(out, array.at(i));
            }
            out.append(']');
            return;
        }
        case QJsonValue::Object: {
            const QJsonObject object = value.toObject();
            QStringList keys = object.keys();
            // QString's operator< compares UTF-16 code units, exactly what JCS prescribes.
            std::sort(keys.begin(), keys.end());
            out.append('{');
            bool first = true;
            for (const QString &key : std::as_const(keys)) {
                if (!first)
                    out.append(',');
                first = false;
                appendString(out, key);
                out.append(':');
                appendValue(out, object.value(key));
            }
            out.append('}');
            return;
        }
        }
    }

} // namespace

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

QByteArray canonicalJson(const QJsonValue &value)
{
    QByteArray out;
    appendValue(out, value);
    return out;
}

} // namespace msc
