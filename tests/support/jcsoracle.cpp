// The JSON Canonicalization Scheme written the plain way, from Qt's JSON types: an
// implementation independent of the ingest path's (ingest/jsonelement.cpp, from simdjson's DOM),
// which the tests compare it with.
#include "jcsoracle.h"

#include "util/canonicaljson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace msc::test {

namespace {

    /// Appends to a QByteArray through a raw pointer: reserve() once per piece, then plain
    /// stores. QByteArray::append per byte was the cost of JCS on the ingest path.
    class Writer
    {
    public:
        explicit Writer(QByteArray &out)
            : m_out(out)
            , m_size(out.size())
        {
        }
        ~Writer() { m_out.truncate(m_size); }
        Writer(const Writer &) = delete;
        Writer &operator=(const Writer &) = delete;

        /// Room for \a bytes more; returns where they go.
        char *reserve(qsizetype bytes)
        {
            if (m_size + bytes > m_out.size())
                m_out.resize(std::max<qsizetype>(m_size + bytes, 2 * m_out.size() + 64));
            return m_out.data() + m_size;
        }
        void commit(char *end) { m_size = end - m_out.constData(); }
        void put(char c) { *reserve(1) = c, ++m_size; }
        void put(const char *text, qsizetype size)
        {
            std::memcpy(reserve(size), text, size_t(size));
            m_size += size;
        }
        template <qsizetype N>
        void put(const char (&text)[N])
        {
            put(text, N - 1);
        }
        qsizetype size() const { return m_size; }
        void rewind(qsizetype size) { m_size = size; }
        /// The text so far, for the number writer that works on QByteArray.
        QByteArray &flush()
        {
            m_out.truncate(m_size);
            return m_out;
        }
        void resync() { m_size = m_out.size(); }

    private:
        QByteArray &m_out;
        qsizetype m_size;
    };

    constexpr char kHex[] = "0123456789abcdef";

    /// Escapes one byte that JCS escapes (`"`, `\`, controls); returns the new end.
    char *escape(char *out, unsigned char byte)
    {
        *out++ = '\\';
        switch (byte) {
        case '"':
            *out++ = '"';
            break;
        case '\\':
            *out++ = '\\';
            break;
        case '\b':
            *out++ = 'b';
            break;
        case '\f':
            *out++ = 'f';
            break;
        case '\n':
            *out++ = 'n';
            break;
        case '\r':
            *out++ = 'r';
            break;
        case '\t':
            *out++ = 't';
            break;
        default:
            *out++ = 'u';
            *out++ = '0';
            *out++ = '0';
            *out++ = kHex[byte >> 4];
            *out++ = kHex[byte & 0xf];
        }
        return out;
    }

    /// The string's UTF-8 with the JCS escapes, written straight from UTF-16. A surrogate
    /// (paired or not) takes the general path, QString::toUtf8(), so that the bytes stay
    /// exactly what they were before this fast path existed.
    void appendString(Writer &out, QStringView text)
    {
        // Worst case per UTF-16 unit: 6 bytes (\u00XX) for a control, 3 for a BMP character.
        char *cursor = out.reserve(2 + 6 * text.size());
        *cursor++ = '"';
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char16_t c = text[i].unicode();
            if (c < 0x80) {
                if (c >= 0x20 && c != u'"' && c != u'\\')
                    *cursor++ = char(c);
                else
                    cursor = escape(cursor, uchar(c));
            } else if (c < 0x800) {
                *cursor++ = char(0xc0 | (c >> 6));
                *cursor++ = char(0x80 | (c & 0x3f));
            } else if (c >= 0xd800 && c <= 0xdfff) {
                const QByteArray utf8 = text.mid(i).toUtf8();
                out.commit(cursor);
                cursor = out.reserve(6 * utf8.size() + 1);
                for (const char byte : utf8) {
                    const auto u = uchar(byte);
                    if (u >= 0x20 && u != '"' && u != '\\')
                        *cursor++ = byte;
                    else
                        cursor = escape(cursor, u);
                }
                break;
            } else {
                *cursor++ = char(0xe0 | (c >> 12));
                *cursor++ = char(0x80 | ((c >> 6) & 0x3f));
                *cursor++ = char(0x80 | (c & 0x3f));
            }
        }
        *cursor++ = '"';
        out.commit(cursor);
    }

    void appendNumber(Writer &out, double number)
    {
        // Integers below 2^53 (epoch milliseconds, counts) are their own shortest form.
        if (number == std::trunc(number) && std::fabs(number) < 9007199254740992.0 && number != 0) {
            char *cursor = out.reserve(24);
            const auto result = std::to_chars(cursor, cursor + 24, qint64(number));
            out.commit(result.ptr);
            return;
        }
        appendCanonicalNumber(out.flush(), number);
        out.resync();
    }

    template <typename Value>
    void appendValue(Writer &out, const Value &value);

    void appendObject(Writer &out, const QJsonObject &object)
    {
        // QJsonObject keeps its keys sorted by UTF-16 code units, which is the JCS order; the
        // check makes that an optimisation, not an assumption.
        const qsizetype start = out.size();
        out.put('{');
        QString previous;
        bool first = true;
        bool sorted = true;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            QString key = it.key();
            if (!first) {
                if (!(previous < key)) {
                    sorted = false;
                    break;
                }
                out.put(',');
            }
            first = false;
            appendString(out, key);
            out.put(':');
            appendValue(out, it.value());
            previous = std::move(key);
        }
        if (sorted) {
            out.put('}');
            return;
        }
        out.rewind(start);
        QStringList keys = object.keys();
        // QString's operator< compares UTF-16 code units, exactly what JCS prescribes.
        std::sort(keys.begin(), keys.end());
        out.put('{');
        first = true;
        for (const QString &key : std::as_const(keys)) {
            if (!first)
                out.put(',');
            first = false;
            appendString(out, key);
            out.put(':');
            appendValue(out, object.value(key));
        }
        out.put('}');
    }

    template <typename Value>
    void appendValue(Writer &out, const Value &value)
    {
        switch (value.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            out.put("null");
            return;
        case QJsonValue::Bool:
            if (value.toBool())
                out.put("true");
            else
                out.put("false");
            return;
        case QJsonValue::Double:
            appendNumber(out, value.toDouble());
            return;
        case QJsonValue::String:
            appendString(out, value.toString());
            return;
        case QJsonValue::Array: {
            out.put('[');
            const QJsonArray array = value.toArray();
            bool first = true;
            for (const QJsonValueConstRef element : array) {
                if (!first)
                    out.put(',');
                first = false;
                appendValue(out, element);
            }
            out.put(']');
            return;
        }
        case QJsonValue::Object:
            appendObject(out, value.toObject());
            return;
        }
    }

} // namespace

QByteArray canonicalJson(const QJsonValue &value)
{
    QByteArray out;
    appendCanonicalJson(out, value);
    return out;
}

QByteArray canonicalJson(const QJsonObject &object)
{
    QByteArray out;
    appendCanonicalJson(out, object);
    return out;
}

void appendCanonicalJson(QByteArray &out, const QJsonValue &value)
{
    Writer writer(out);
    appendValue(writer, value);
}

void appendCanonicalJson(QByteArray &out, const QJsonObject &object)
{
    Writer writer(out);
    appendObject(writer, object);
}

void appendCanonicalString(QByteArray &out, QStringView text)
{
    Writer writer(out);
    appendString(writer, text);
}

} // namespace msc::test
