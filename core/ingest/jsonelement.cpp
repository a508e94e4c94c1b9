#include "ingest/jsonelement_p.h"

#include "util/canonicaljson.h"

#include <QVarLengthArray>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

namespace msc::jsonelement {

namespace {

    constexpr char kHex[] = "0123456789abcdef";

    /// a < b by UTF-16 code units (JCS key order) for valid UTF-8. Byte order is code-point
    /// order, which is UTF-16 order except that U+E000–U+FFFF (lead bytes EE, EF) sort after
    /// the supplementary planes (lead bytes F0–F4), whose surrogates are D800–DFFF.
    bool utf16Less(std::string_view a, std::string_view b)
    {
        const size_t common = std::min(a.size(), b.size());
        size_t i = 0;
        while (i < common && a[i] == b[i])
            ++i;
        if (i == common)
            return a.size() < b.size();
        const auto x = static_cast<unsigned char>(a[i]);
        const auto y = static_cast<unsigned char>(b[i]);
        const bool xHighBmp = x == 0xee || x == 0xef;
        const bool yHighBmp = y == 0xee || y == 0xef;
        if (xHighBmp && y >= 0xf0)
            return false;
        if (yHighBmp && x >= 0xf0)
            return true;
        return x < y;
    }

    void appendNumber(std::string &out, double number)
    {
        // Integers below 2^53 (epoch milliseconds, counts) are their own shortest form.
        if (number == std::trunc(number) && std::fabs(number) < 9007199254740992.0 && number != 0) {
            char buffer[24];
            const auto result = std::to_chars(buffer, buffer + sizeof buffer, qint64(number));
            out.append(buffer, size_t(result.ptr - buffer));
            return;
        }
        QByteArray text;
        appendCanonicalNumber(text, number);
        out.append(text.constData(), size_t(text.size()));
    }

    void appendObject(std::string &out, simdjson::dom::object object)
    {
        struct Field
        {
            std::string_view key;
            simdjson::dom::element value;
        };
        // Small inline room: records nested 1,024 deep recurse once per level.
        QVarLengthArray<Field, 16> fields;
        for (const simdjson::dom::key_value_pair field : object)
            fields.append({field.key, field.value});
        // Insertion sort: records' keys come nearly sorted (linear then), objects are small,
        // and std::stable_sort allocated a buffer for every object. Stable, like JCS needs
        // for the (invalid) case of duplicate keys.
        for (qsizetype i = 1; i < fields.size(); ++i) {
            if (!utf16Less(fields[i].key, fields[i - 1].key))
                continue;
            const Field moving = fields[i];
            qsizetype j = i;
            for (; j > 0 && utf16Less(moving.key, fields[j - 1].key); --j)
                fields[j] = fields[j - 1];
            fields[j] = moving;
        }
        out.push_back('{');
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                out.push_back(',');
            appendCanonicalString(out, fields[i].key);
            out.push_back(':');
            appendCanonical(out, fields[i].value);
        }
        out.push_back('}');
    }

} // namespace

simdjson::dom::parser &threadParser(int maxDepth)
{
    // One parser per depth limit in use on this thread (in practice two: batch lines and
    // records of API pages).
    thread_local std::vector<std::pair<int, std::unique_ptr<simdjson::dom::parser>>> parsers;
    for (auto &[depth, parser] : parsers) {
        if (depth == maxDepth)
            return *parser;
    }
    auto parser = std::make_unique<simdjson::dom::parser>();
    // simdjson refuses the level it is given: max_depth N + 1 accepts N.
    if (parser->allocate(64 * 1024, size_t(maxDepth) + 1) != simdjson::SUCCESS)
        qFatal("simdjson could not allocate its parser");
    parsers.emplace_back(maxDepth, std::move(parser));
    return *parsers.back().second;
}

void appendCanonicalString(std::string &out, std::string_view utf8)
{
    // Runs of bytes that need no escape (nearly all of them) are copied in one piece; eight
    // bytes are checked at a time (a control byte, '"' or '\\' sets a high bit below).
    constexpr quint64 ones = 0x0101010101010101ULL;
    constexpr quint64 highs = 0x8080808080808080ULL;
    auto zeroByte = [](quint64 v) { return (v - ones) & ~v & highs; };
    out.push_back('"');
    const char *run = utf8.data();
    const char *const end = run + utf8.size();
    const char *cursor = run;
    auto isSpecial = [](unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; };
    for (;;) {
        // Whole blocks without a special byte (the tests below are exact for "any byte").
        while (end - cursor >= 8) {
            quint64 v;
            std::memcpy(&v, cursor, 8);
            if (((v - 0x20 * ones) & ~v & highs) | zeroByte(v ^ (0x22 * ones))
                | zeroByte(v ^ (0x5c * ones)))
                break;
            cursor += 8;
        }
        // The special byte of that block, or the tail.
        const char *const limit = std::min(end, cursor + 8);
        while (cursor < limit && !isSpecial(static_cast<unsigned char>(*cursor)))
            ++cursor;
        if (cursor == limit) {
            if (cursor == end)
                break;
            continue;
        }
        const auto c = static_cast<unsigned char>(*cursor);
        out.append(run, size_t(cursor - run));
        ++cursor;
        run = cursor;
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        default: {
            const char escaped[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
            out.append(escaped, 6);
        }
        }
    }
    out.append(run, size_t(end - run));
    out.push_back('"');
}

void appendCanonical(std::string &out, simdjson::dom::element value)
{
    using Type = simdjson::dom::element_type;
    switch (value.type()) {
    case Type::NULL_VALUE:
        out.append("null");
        return;
    case Type::BOOL:
        out.append(bool(value.get_bool().value_unsafe()) ? "true" : "false");
        return;
    case Type::INT64:
        appendNumber(out, double(value.get_int64().value_unsafe()));
        return;
    case Type::UINT64:
        appendNumber(out, double(value.get_uint64().value_unsafe()));
        return;
    case Type::DOUBLE:
        appendNumber(out, value.get_double().value_unsafe());
        return;
    case Type::STRING:
        appendCanonicalString(out, value.get_string().value_unsafe());
        return;
    case Type::ARRAY: {
        out.push_back('[');
        bool first = true;
        simdjson::dom::array array;
        if (value.get_array().get(array))
            return;
        for (const simdjson::dom::element element : array) {
            if (!first)
                out.push_back(',');
            first = false;
            appendCanonical(out, element);
        }
        out.push_back(']');
        return;
    }
    case Type::OBJECT: {
        simdjson::dom::object object;
        if (!value.get_object().get(object))
            appendObject(out, object);
        return;
    }
    }
}

void appendCanonical(std::string &out, simdjson::dom::object object)
{
    appendObject(out, object);
}

QJsonValue scalarValue(simdjson::dom::element value)
{
    using Type = simdjson::dom::element_type;
    switch (value.type()) {
    case Type::NULL_VALUE:
        return QJsonValue(QJsonValue::Null);
    case Type::BOOL:
        return bool(value.get_bool().value_unsafe());
    case Type::INT64:
        return double(value.get_int64().value_unsafe());
    case Type::UINT64:
        return double(value.get_uint64().value_unsafe());
    case Type::DOUBLE:
        return value.get_double().value_unsafe();
    case Type::STRING:
        return toQString(value.get_string().value_unsafe());
    case Type::ARRAY:
    case Type::OBJECT:
        break;
    }
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace msc::jsonelement
