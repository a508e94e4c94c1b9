#include "ingest/recordmapper.h"

#include "ingest/dedupkey.h"
#include "util/canonicaljson.h"
#include "util/eventtime.h"
#include "util/sha256.h"

#include <QByteArrayView>
#include <QJsonDocument>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    /// Flattened paths deeper than this are not followed (security.md rule 7: the parser
    /// already rejects records nested deeper than 64).
    constexpr int kMaxFlattenDepth = 64;

    /// Which parser a datetime column uses (mimecast-api.md §8).
    enum class TimeParse { Iso, EpochMs, Flexible };

    /// Match strength of a field against a column: a stronger match replaces a weaker one,
    /// whatever the order of the keys in the record.
    enum Rank : quint8 { NoMatch = 0, AliasMatch = 1, CaseInsensitiveMatch = 2, ExactMatch = 3 };

    constexpr char16_t foldAscii(char16_t c)
    {
        return (c >= u'A' && c <= u'Z') ? char16_t(c + (u'a' - u'A')) : c;
    }

    bool equalsIgnoringAsciiCase(QStringView a, QStringView b)
    {
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (foldAscii(a[i].unicode()) != foldAscii(b[i].unicode()))
                return false;
        }
        return true;
    }

    struct Target
    {
        int column = -1;
        bool alias = false;
        QString spelling; ///< The source field or alias as declared, for the exact-match rank.
        bool spelledAsEntry = true; ///< spelling is NameTable::Entry::name, case included.
    };

    /// Names to the columns they feed, matched case-insensitively for ASCII letters only, as
    /// SQLite matches identifiers. Open addressing over a power-of-two table at most a quarter
    /// full, and a hash of the length and four sampled characters: one lookup per field of
    /// every record, so it must not walk the whole name or allocate a lower-case copy.
    class NameTable
    {
    public:
        struct Entry
        {
            QString name; ///< The first declared spelling.
            QVarLengthArray<Target, 1> targets;
        };

        void add(const QString &name, Target target)
        {
            bool exact = false;
            const qsizetype index = indexOf(name, &exact);
            if (index >= 0) {
                target.spelledAsEntry = exact;
                m_entries[index].targets.append(target);
                return;
            }
            m_entries.append(Entry {name, {target}});
            if (m_entries.size() * 4 > m_slots.size())
                rehash(m_entries.size() * 8);
            else
                place(m_entries.size() - 1);
        }

        /// The entry for \a name, or null. \a exact: \a name is spelled as the entry's name.
        const Entry *find(QStringView name, bool *exact) const
        {
            const qsizetype index = indexOf(name, exact);
            return index < 0 ? nullptr : &m_entries.at(index);
        }

    private:
        qsizetype indexOf(QStringView name, bool *exact) const
        {
            if (m_slots.isEmpty())
                return -1;
            for (quint32 slot = hashOf(name) & m_mask;; slot = (slot + 1) & m_mask) {
                const qint32 index = m_slots.at(slot);
                if (index < 0)
                    return -1;
                const QString &entryName = m_entries.at(index).name;
                if (name == entryName) {
                    *exact = true;
                    return index;
                }
                if (equalsIgnoringAsciiCase(name, entryName)) {
                    *exact = false;
                    return index;
                }
            }
        }

        static quint32 hashOf(QStringView name)
        {
            const qsizetype size = name.size();
            quint32 hash = quint32(size) * 0x9e3779b1u;
            if (size > 0) {
                // Bit 5 set: the same for both cases of an ASCII letter.
                auto at = [&name](qsizetype i) { return quint32(name[i].unicode() | 0x20u); };
                hash ^= at(0) | (at(size - 1) << 8) | (at(size / 2) << 16) | (at(size / 3) << 24);
            }
            hash ^= hash >> 15;
            hash *= 0x2c1b3c6du;
            hash ^= hash >> 12;
            return hash;
        }

        void place(qsizetype index)
        {
            quint32 slot = hashOf(m_entries.at(index).name) & m_mask;
            while (m_slots.at(slot) >= 0)
                slot = (slot + 1) & m_mask;
            m_slots[slot] = qint32(index);
        }

        void rehash(qsizetype minimum)
        {
            qsizetype size = 16;
            while (size < minimum)
                size *= 2;
            m_slots.fill(-1, size);
            m_mask = quint32(size - 1);
            for (qsizetype i = 0; i < m_entries.size(); ++i)
                place(i);
        }

        QList<Entry> m_entries;
        QList<qint32> m_slots;
        quint32 m_mask = 0;
    };

    struct ColumnInfo
    {
        ColumnType type = ColumnType::String;
        TimeParse timeParse = TimeParse::Flexible;
        int valueMap = -1; ///< Index into Private::valueMaps, or -1.
    };

    QString numberText(double number)
    {
        QByteArray text;
        appendCanonicalNumber(text, number);
        return QString::fromLatin1(text);
    }

    QString compactText(const QJsonValue &value)
    {
        return QString::fromUtf8(canonicalJson(value));
    }

    bool isJsonWhitespace(char c)
    {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /// EventTime::toStorage() without QDateTime and string formatting, which cost more than
    /// a microsecond per row: days to civil date (H. Hinnant's algorithm, proleptic Gregorian
    /// as QDate), digits written directly. Times before 1970 take the general path. The unit
    /// test compares both over a range of values.
    QString storageTime(qint64 epochMs)
    {
        if (epochMs < 0)
            return EventTime::toStorage(epochMs);
        const qint64 days = epochMs / 86400000;
        qint64 rest = epochMs % 86400000;
        const qint64 z = days + 719468;
        const qint64 era = z / 146097;
        const qint64 dayOfEra = z - era * 146097;
        const qint64 yearOfEra =
            (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        const qint64 mp = (5 * dayOfYear + 2) / 153;
        const int day = int(dayOfYear - (153 * mp + 2) / 5 + 1);
        const int month = int(mp < 10 ? mp + 3 : mp - 9);
        const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year > 9999)
            return EventTime::toStorage(epochMs);
        const int millisecond = int(rest % 1000);
        rest /= 1000;
        const int second = int(rest % 60);
        rest /= 60;
        const int minute = int(rest % 60);
        const int hour = int(rest / 60);

        char16_t text[24] = {u'0', u'0', u'0', u'0', u'-', u'0', u'0', u'-', u'0', u'0', u'T', u'0',
            u'0', u':', u'0', u'0', u':', u'0', u'0', u'.', u'0', u'0', u'0', u'Z'};
        auto put = [&text](int position, int width, qint64 number) {
            for (int i = position + width - 1; i >= position; --i, number /= 10)
                text[i] = char16_t(u'0' + number % 10);
        };
        put(0, 4, year);
        put(5, 2, month);
        put(8, 2, day);
        put(11, 2, hour);
        put(14, 2, minute);
        put(17, 2, second);
        put(20, 3, millisecond);
        return QStringView(text, 24).toString();
    }

} // namespace

struct RecordMapper::Private
{
    TableDef table;
    QList<ColumnInfo> columns;
    QList<QHash<QString, QString>> valueMaps;
    NameTable lookup;
    bool eventTimeEpochMs = false;
    int eventTimeColumn = -1; ///< A datetime column fed by the event-time field, if any.

    const NameTable::Entry *find(QStringView name, bool *exact) const
    {
        return lookup.find(name, exact);
    }

    /// Per-record state of map().
    struct Context
    {
        QVariant *values; ///< CacheRow::values, one per column.
        QVarLengthArray<quint8, 64> rank;
        MappingStats *stats;
        QString path; ///< Reused buffer for flattened names.
    };

    QVariant convert(const ColumnInfo &column, QJsonValueConstRef value, MappingStats *stats) const;
    void store(Context &context, const NameTable::Entry &entry, QStringView name, bool exact,
        QJsonValueConstRef value) const;
    void visitField(Context &context, const QString &key, QJsonValueConstRef value) const;
    void flatten(Context &context, const QJsonObject &object, int depth) const;
    void countUndeclared(Context &context, const QString &name) const
    {
        if (context.stats)
            context.stats->countUndeclared(name);
    }
};

QVariant RecordMapper::Private::convert(
    const ColumnInfo &column, QJsonValueConstRef value, MappingStats *stats) const
{
    const QJsonValue::Type type = value.type();
    if (type == QJsonValue::Null || type == QJsonValue::Undefined)
        return {};

    auto warn = [stats]() -> QVariant {
        if (stats)
            ++stats->coercionWarnings;
        return {};
    };

    switch (column.type) {
    case ColumnType::String: {
        QString text;
        switch (type) {
        case QJsonValue::String:
            text = value.toString();
            break;
        case QJsonValue::Bool:
            text = value.toBool() ? u"true"_s : u"false"_s;
            break;
        case QJsonValue::Double:
            text = numberText(value.toDouble());
            break;
        default:
            return compactText(value); // arrays and objects, never value-mapped
        }
        if (column.valueMap >= 0) {
            const QHash<QString, QString> &map = valueMaps.at(column.valueMap);
            const auto mapped = map.constFind(text);
            if (mapped != map.constEnd())
                return *mapped;
            // connectors.md §3.1: an unknown value keeps its raw text and is counted.
            if (stats)
                ++stats->unknownTypes;
        }
        return text;
    }
    case ColumnType::Dynamic:
        return compactText(value);
    case ColumnType::Real:
    case ColumnType::Int: {
        double number = 0;
        if (type == QJsonValue::Double) {
            number = value.toDouble();
        } else if (type == QJsonValue::String) {
            const QString text = value.toString();
            if (text.isEmpty())
                return {}; // an empty string is an absent value, not a bad one
            bool ok = false;
            number = QStringView(text).trimmed().toDouble(&ok);
            if (!ok)
                return warn();
        } else {
            return warn();
        }
        if (!std::isfinite(number))
            return warn();
        if (column.type == ColumnType::Real)
            return number;
        // 2^63 is exactly representable; anything at or beyond it does not fit a qint64.
        if (number != std::trunc(number) || number >= 9223372036854775808.0
            || number < -9223372036854775808.0)
            return warn();
        return qlonglong(number);
    }
    case ColumnType::Boolean:
        if (type == QJsonValue::Bool)
            return qlonglong(value.toBool() ? 1 : 0);
        if (type == QJsonValue::String) {
            const QString text = value.toString();
            if (text.isEmpty())
                return {};
            if (text.compare("true"_L1, Qt::CaseInsensitive) == 0)
                return qlonglong(1);
            if (text.compare("false"_L1, Qt::CaseInsensitive) == 0)
                return qlonglong(0);
        }
        return warn();
    case ColumnType::DateTime: {
        const QString text = type == QJsonValue::String ? value.toString() : QString();
        if (type == QJsonValue::String && text.isEmpty())
            return {}; // T9: empty string → NULL, not a warning
        std::optional<qint64> epochMs;
        switch (column.timeParse) {
        case TimeParse::Iso:
            if (type == QJsonValue::String)
                epochMs = EventTime::parseIso(text);
            break;
        case TimeParse::EpochMs:
            epochMs = EventTime::parseEpochMs(value);
            break;
        case TimeParse::Flexible:
            epochMs = EventTime::parseFlexible(value);
            break;
        }
        if (!epochMs)
            return warn();
        return storageTime(*epochMs);
    }
    }
    Q_UNREACHABLE();
}

void RecordMapper::Private::store(Context &context, const NameTable::Entry &entry, QStringView name,
    bool exact, QJsonValueConstRef value) const
{
    for (const Target &target : entry.targets) {
        // Rarely, two declared names differ only in letter case and share an entry.
        const bool exactTarget = target.spelledAsEntry ? exact : name == target.spelling;
        const quint8 rank = target.alias ? AliasMatch
            : exactTarget                ? ExactMatch
                                         : CaseInsensitiveMatch;
        quint8 &current = context.rank[target.column];
        if (rank <= current)
            continue; // the first of equal matches wins
        current = rank;
        context.values[target.column] = convert(columns.at(target.column), value, context.stats);
    }
}

void RecordMapper::Private::visitField(
    Context &context, const QString &key, QJsonValueConstRef value) const
{
    // A field whose own name is a column is stored whole, objects included (e.g. AT
    // userDetails, CI recipients); only other objects are flattened.
    bool exact = false;
    if (const NameTable::Entry *entry = find(key, &exact)) {
        store(context, *entry, key, exact, value);
        return;
    }
    const bool hasColon = key.contains(u':');
    if (hasColon) {
        context.path = key;
        context.path.replace(u':', u'_');
        if (const NameTable::Entry *entry = find(context.path, &exact)) {
            store(context, *entry, context.path, exact, value);
            return;
        }
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (!object.isEmpty()) {
            if (!hasColon)
                context.path = key;
            flatten(context, object, 2);
            return;
        }
    }
    countUndeclared(context, key);
}

void RecordMapper::Private::flatten(Context &context, const QJsonObject &object, int depth) const
{
    const qsizetype mark = context.path.size();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = it.key();
        context.path.reserve(mark + 1 + key.size());
        context.path.append(u'_');
        for (const QChar c : key)
            context.path.append(c == u':' ? QChar(u'_') : c);
        const QJsonValueConstRef value = it.value();
        bool exact = false;
        if (const NameTable::Entry *entry = find(context.path, &exact)) {
            store(context, *entry, context.path, exact, value);
        } else if (value.isObject() && depth < kMaxFlattenDepth && !value.toObject().isEmpty()) {
            flatten(context, value.toObject(), depth + 1);
        } else {
            countUndeclared(context, context.path);
        }
        context.path.truncate(mark);
    }
}

void MappingStats::countUndeclared(const QString &name, qint64 count)
{
    const auto it = undeclaredFields.find(name);
    if (it != undeclaredFields.end())
        *it += count;
    else if (undeclaredFields.size() < kMaxUndeclaredNames)
        undeclaredFields.insert(name, count);
    else
        undeclaredNotListed += count;
}

void MappingStats::merge(const MappingStats &other)
{
    coercionWarnings += other.coercionWarnings;
    unknownTypes += other.unknownTypes;
    rowsWithoutEventTime += other.rowsWithoutEventTime;
    undeclaredNotListed += other.undeclaredNotListed;
    for (auto it = other.undeclaredFields.constBegin(); it != other.undeclaredFields.constEnd();
         ++it)
        countUndeclared(it.key(), it.value());
}

RecordMapper::RecordMapper(const TableDef &table, const SchemaDefinition &definition)
{
    auto p = std::make_shared<Private>();
    p->table = table;
    p->eventTimeEpochMs = table.eventTimeFormat == "epoch-ms"_L1;
    QHash<QString, int> mapIndex;
    for (qsizetype i = 0; i < table.columns.size(); ++i) {
        const ColumnDef &column = table.columns.at(i);
        ColumnInfo info;
        info.type = column.type;
        if (column.type == ColumnType::DateTime) {
            // The event-time column reads the table's declared format; other datetime columns
            // (AT user data, T9) accept ISO text or epoch milliseconds.
            if (!table.eventTimeField.isEmpty() && column.sourceField() == table.eventTimeField) {
                info.timeParse = p->eventTimeEpochMs ? TimeParse::EpochMs : TimeParse::Iso;
                p->eventTimeColumn = int(i);
            } else {
                info.timeParse = TimeParse::Flexible;
            }
        }
        if (!column.valueMap.isEmpty()) {
            auto index = mapIndex.constFind(column.valueMap);
            if (index == mapIndex.constEnd()) {
                index = mapIndex.insert(column.valueMap, int(p->valueMaps.size()));
                p->valueMaps.append(definition.valueMap(column.valueMap));
            }
            info.valueMap = *index;
        }
        p->columns.append(info);

        // TimeGenerated is the commit time (connectors.md §2.6): no field feeds it.
        if (column.name.compare("TimeGenerated"_L1, Qt::CaseInsensitive) == 0)
            continue;
        const QString source = column.sourceField();
        p->lookup.add(source, Target {int(i), false, source});
        for (const QString &alias : column.aliases)
            p->lookup.add(alias, Target {int(i), true, alias});
    }
    d = std::move(p);
}

const TableDef &RecordMapper::table() const
{
    return d->table;
}

CacheRow RecordMapper::map(const QJsonObject &raw, const QByteArray &rawJson, const QString &source,
    const QString &campaignId, const QString &snapshotId, MappingStats *stats) const
{
    const TableDef &table = d->table;
    const qsizetype columnCount = table.columns.size();

    CacheRow row;
    row.values.resize(columnCount);
    Private::Context context {row.values.data(), {}, stats, {}};
    context.rank.resize(columnCount);
    std::fill(context.rank.begin(), context.rank.end(), quint8(NoMatch));
    for (auto it = raw.constBegin(); it != raw.constEnd(); ++it)
        d->visitField(context, it.key(), it.value());

    if (!table.eventTimeField.isEmpty()) {
        if (d->eventTimeColumn >= 0 && context.rank[d->eventTimeColumn] == ExactMatch) {
            // Already parsed from the same field, by the same rule, for its column.
            row.eventTime = row.values.at(d->eventTimeColumn).toString();
        } else {
            const QJsonValue value = raw.value(table.eventTimeField);
            std::optional<qint64> epochMs;
            if (d->eventTimeEpochMs)
                epochMs = EventTime::parseEpochMs(value);
            else if (value.isString())
                epochMs = EventTime::parseIso(value.toString());
            if (epochMs)
                row.eventTime = storageTime(*epochMs);
        }
        if (row.eventTime.isEmpty()) {
            row.eventTimeMissing = true;
            if (stats)
                ++stats->rowsWithoutEventTime;
        }
    }

    row.dedupKey = computeDedupKey(table, raw, campaignId).bytes;
    row.rawSha256 = QString::fromLatin1(sha256Hex(canonicalJson(raw)));
    if (rawJson.isEmpty()) {
        row.raw = QJsonDocument(raw).toJson(QJsonDocument::Compact);
    } else {
        row.raw = compactJson(rawJson);
        // _raw is TEXT for SQLite's JSON functions: never store invalid UTF-8.
        if (!QByteArrayView(row.raw).isValidUtf8())
            row.raw = QString::fromUtf8(row.raw).toUtf8();
    }
    row.source = source;
    if (table.isSnapshot())
        row.snapshotId = snapshotId;
    if (table.hasCampaignColumn())
        row.campaignId = campaignId;
    return row;
}

QByteArray RecordMapper::compactJson(const QByteArray &json)
{
    const char *const begin = json.constData();
    const qsizetype size = json.size();

    // Finds the first whitespace outside a string; most records have none. Strings, the
    // bulk of a record, are skipped with memchr.
    qsizetype pos = 0;
    bool inString = false;
    while (pos < size) {
        const char c = begin[pos];
        if (c == '"') {
            qsizetype end = pos + 1;
            for (;;) {
                const void *quote = std::memchr(begin + end, '"', size_t(size - end));
                if (!quote) {
                    end = size; // unterminated: nothing after it is outside a string
                    break;
                }
                end = static_cast<const char *>(quote) - begin;
                qsizetype backslashes = 0;
                while (begin[end - 1 - backslashes] == '\\')
                    ++backslashes;
                if (backslashes % 2 == 0)
                    break;
                ++end;
            }
            pos = end + 1;
        } else if (isJsonWhitespace(c)) {
            break;
        } else {
            ++pos;
        }
    }
    if (pos >= size)
        return json;

    QByteArray out;
    out.reserve(size);
    out.append(begin, pos);
    for (; pos < size; ++pos) {
        const char c = begin[pos];
        if (inString) {
            out.append(c);
            if (c == '\\' && pos + 1 < size)
                out.append(begin[++pos]);
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
            out.append(c);
        } else if (!isJsonWhitespace(c)) {
            out.append(c);
        }
    }
    return out;
}

} // namespace msc
