#include "dedupkey.h"

#include "simtime.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <algorithm>
#include <charconv>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace msc::sim {

namespace {

    void appendString(QByteArray &out, const QString &text)
    {
        static const char hexDigits[] = "0123456789abcdef";
        out.append('"');
        const QByteArray utf8 = text.toUtf8();
        for (const char ch : utf8) {
            const auto c = static_cast<unsigned char>(ch);
            switch (c) {
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
                if (c < 0x20) {
                    out.append("\\u00");
                    out.append(hexDigits[c >> 4]);
                    out.append(hexDigits[c & 0xf]);
                } else {
                    out.append(ch);
                }
            }
        }
        out.append('"');
    }

    bool utf16Less(const QString &a, const QString &b)
    {
        // JCS sorts by UTF-16 code units, which differs from code point order above U+FFFF.
        return std::lexicographical_compare(
            a.utf16(), a.utf16() + a.size(), b.utf16(), b.utf16() + b.size());
    }

    void appendValue(QByteArray &out, const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            out.append("null");
            break;
        case QJsonValue::Bool:
            out.append(value.toBool() ? "true" : "false");
            break;
        case QJsonValue::Double:
            out.append(ecmaNumber(value.toDouble()));
            break;
        case QJsonValue::String:
            appendString(out, value.toString());
            break;
        case QJsonValue::Array: {
            out.append('[');
            const QJsonArray array = value.toArray();
            bool first = true;
            for (const QJsonValue &item : array) {
                if (!first)
                    out.append(',');
                first = false;
                appendValue(out, item);
            }
            out.append(']');
            break;
        }
        case QJsonValue::Object: {
            const QJsonObject object = value.toObject();
            QStringList keys = object.keys();
            std::sort(keys.begin(), keys.end(), utf16Less);
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
            break;
        }
        }
    }

    int digitValue(QChar c)
    {
        return (c >= u'0' && c <= u'9') ? c.unicode() - u'0' : -1;
    }

    // Reads exactly \a count digits at \a pos; -1 when they are not all digits.
    int readDigits(QStringView text, qsizetype pos, int count)
    {
        if (pos + count > text.size())
            return -1;
        int value = 0;
        for (int i = 0; i < count; ++i) {
            const int d = digitValue(text.at(pos + i));
            if (d < 0)
                return -1;
            value = value * 10 + d;
        }
        return value;
    }

    struct IdentitySpec
    {
        QLatin1StringView nativeId; // empty: the stream has no native id
        QList<QLatin1StringView> fields;
    };

    // connectors.md §2.3, the table of dedup keys. An empty field list means "the whole record".
    std::optional<IdentitySpec> identitySpec(const QString &streamId)
    {
        if (streamId == u"seg.cg" || streamId == u"cloud-integrated.ci")
            return IdentitySpec {{},
                {"type"_L1, "processingId"_L1, "aggregateId"_L1, "timestamp"_L1, "messageId"_L1,
                    "recipients"_L1, "action"_L1, "subtype"_L1}};
        if (streamId == u"seg.dlp")
            return IdentitySpec {{},
                {"messageId"_L1, "recipientAddress"_L1, "policy"_L1, "action"_L1, "eventTime"_L1}};
        if (streamId == u"ttp.url")
            return IdentitySpec {
                {}, {"messageId"_L1, "url"_L1, "userEmailAddress"_L1, "date"_L1, "action"_L1}};
        if (streamId == u"ttp.attachment")
            return IdentitySpec {
                {}, {"messageId"_L1, "recipientAddress"_L1, "fileHash"_L1, "date"_L1}};
        if (streamId == u"ttp.impersonation")
            return IdentitySpec {"id"_L1,
                {"messageId"_L1, "senderAddress"_L1, "recipientAddress"_L1, "eventTime"_L1}};
        if (streamId == u"audit.audit")
            return IdentitySpec {"id"_L1,
                {"auditType"_L1, "user"_L1, "eventTime"_L1, "category"_L1, "eventInfo"_L1}};
        if (streamId == u"awareness.performance" || streamId == u"awareness.safescore"
            || streamId == u"awareness.watchlist" || streamId == u"awareness.userdata")
            return IdentitySpec {{}, {}};
        return std::nullopt;
    }

} // namespace

QByteArray ecmaNumber(double value)
{
    if (std::isnan(value) || std::isinf(value))
        return "null";
    if (value == 0)
        return "0"; // also -0
    QByteArray out;
    if (value < 0) {
        out.append('-');
        value = -value;
    }
    // The shortest round-trip digits in scientific form, e.g. "1.748765003123e+12".
    char buffer[64];
    const auto result =
        std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
    const QByteArray sci(buffer, int(result.ptr - buffer));
    const qsizetype ePos = sci.indexOf('e');
    QByteArray digits = sci.left(ePos);
    digits.replace(".", "");
    const int exponent = sci.mid(ePos + 1).toInt();
    const int k = int(digits.size());
    const int n = exponent + 1; // the decimal point sits after n digits
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
        out.append(digits.left(1));
        if (k > 1) {
            out.append('.');
            out.append(digits.mid(1));
        }
        out.append('e');
        out.append(n - 1 < 0 ? '-' : '+');
        out.append(QByteArray::number(std::abs(n - 1)));
    }
    return out;
}

QByteArray canonicalJson(const QJsonValue &value)
{
    QByteArray out;
    appendValue(out, value);
    return out;
}

std::optional<qint64> parseT2(QStringView text)
{
    // yyyy-MM-dd
    const int year = readDigits(text, 0, 4);
    const int month = readDigits(text, 5, 2);
    const int day = readDigits(text, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || text.size() < 19 || text.at(4) != u'-'
        || text.at(7) != u'-')
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    if (text.at(10) != u'T' && text.at(10) != u' ')
        return std::nullopt;
    // HH:mm:ss
    const int hour = readDigits(text, 11, 2);
    const int minute = readDigits(text, 14, 2);
    const int second = readDigits(text, 17, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
        || text.at(13) != u':' || text.at(16) != u':')
        return std::nullopt;
    qsizetype pos = 19;
    qint64 millis = 0;
    if (pos < text.size() && text.at(pos) == u'.') {
        ++pos;
        int count = 0;
        while (pos < text.size() && digitValue(text.at(pos)) >= 0) {
            if (count < 3)
                millis = millis * 10 + digitValue(text.at(pos));
            ++count;
            ++pos;
        }
        if (count < 1 || count > 9)
            return std::nullopt;
        for (int i = count; i < 3; ++i)
            millis *= 10;
    }
    qint64 offsetMinutes = 0;
    if (pos < text.size()) {
        const QChar sign = text.at(pos);
        if (sign == u'Z' && pos + 1 == text.size()) {
            pos = text.size();
        } else if (sign == u'+' || sign == u'-') {
            const QStringView rest = text.mid(pos + 1);
            int offH = -1;
            int offM = -1;
            if (rest.size() == 4) {
                offH = readDigits(rest, 0, 2);
                offM = readDigits(rest, 2, 2);
            } else if (rest.size() == 5 && rest.at(2) == u':') {
                offH = readDigits(rest, 0, 2);
                offM = readDigits(rest, 3, 2);
            }
            if (offH < 0 || offH > 23 || offM < 0 || offM > 59)
                return std::nullopt;
            offsetMinutes = (offH * 60 + offM) * (sign == u'-' ? -1 : 1);
        } else {
            return std::nullopt;
        }
    }
    const qint64 days = daysFromCivil(year, month, day);
    const qint64 local = days * kMsPerDay + hour * kMsPerHour + minute * kMsPerMinute
        + second * kMsPerSecond + millis;
    return local - offsetMinutes * kMsPerMinute;
}

std::optional<qint64> parseT3(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (!std::isfinite(d) || std::abs(d) > 9.0e15)
            return std::nullopt;
        return qint64(std::floor(d));
    }
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        bool ok = false;
        const qint64 integer = text.toLongLong(&ok);
        if (ok)
            return integer;
        const double d = text.toDouble(&ok);
        if (ok && std::isfinite(d) && std::abs(d) <= 9.0e15)
            return qint64(std::floor(d));
    }
    return std::nullopt;
}

std::optional<qint64> eventTimeMs(const QString &streamId, const QJsonObject &record)
{
    if (streamId == u"seg.cg" || streamId == u"cloud-integrated.ci")
        return parseT3(record.value("timestamp"_L1));
    QLatin1StringView field;
    if (streamId == u"seg.dlp" || streamId == u"ttp.impersonation" || streamId == u"audit.audit")
        field = "eventTime"_L1;
    else if (streamId == u"ttp.url" || streamId == u"ttp.attachment")
        field = "date"_L1;
    else
        return std::nullopt;
    const QJsonValue value = record.value(field);
    if (!value.isString())
        return std::nullopt;
    return parseT2(value.toString());
}

quint32 timeBucket(const QString &streamId, const QJsonObject &record)
{
    const std::optional<qint64> ms = eventTimeMs(streamId, record);
    if (!ms)
        return 0;
    const qint64 minutes = floorDiv(*ms, kMsPerMinute);
    if (minutes < 0 || minutes > qint64(0xffffffffLL))
        return 0;
    return quint32(minutes);
}

QByteArray identityMaterial(
    const QString &streamId, const QJsonObject &record, const QString &campaignId)
{
    const std::optional<IdentitySpec> spec = identitySpec(streamId);
    if (!spec)
        return {};
    if (!spec->nativeId.isEmpty()) {
        const QJsonValue id = record.value(spec->nativeId);
        if (id.isString() && !id.toString().isEmpty())
            return "id:" + id.toString().toUtf8();
    }
    QJsonArray material;
    if (spec->fields.isEmpty()) {
        if (streamId == u"awareness.userdata")
            material.append(campaignId);
        material.append(record);
    } else {
        for (const QLatin1StringView field : spec->fields)
            material.append(record.contains(field) ? record.value(field) : QJsonValue());
    }
    return "h:" + canonicalJson(material);
}

QByteArray dedupKey(const QString &streamId, const QJsonObject &record, const QString &campaignId)
{
    const QByteArray identity = identityMaterial(streamId, record, campaignId);
    if (identity.isEmpty())
        return {};
    const quint32 bucket = timeBucket(streamId, record);
    QByteArray key;
    key.reserve(16);
    key.append(char(bucket >> 24));
    key.append(char((bucket >> 16) & 0xff));
    key.append(char((bucket >> 8) & 0xff));
    key.append(char(bucket & 0xff));
    key.append(QCryptographicHash::hash(identity, QCryptographicHash::Sha256).left(12));
    return key;
}

QString dedupKeyHex(const QString &streamId, const QJsonObject &record, const QString &campaignId)
{
    return QString::fromLatin1(dedupKey(streamId, record, campaignId).toHex());
}

} // namespace msc::sim
