#include "ingest/recordmapper.h"

#include "ingest/dedupkey_p.h"
#include "ingest/jsonelement_p.h"
#include "mimecast/batchfilereader.h"
#include "storage/rawcodec.h"
#include "util/canonicaljson.h"
#include "util/eventtime.h"
#include "util/sha256.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    using simdjson::dom::element;
    using simdjson::dom::element_type;
    using simdjson::dom::object;

    /// Flattened paths deeper than this are not followed (security.md rule 7: the parser
    /// already rejects records nested deeper than 64).
    constexpr int kMaxFlattenDepth = 64;

    /// Which parser a datetime column uses (mimecast-api.md §8).
    enum class TimeParse { Iso, EpochMs, Flexible };

    /// Match strength of a field against a column: a stronger match replaces a weaker one,
    /// whatever the order of the keys in the record.
    enum Rank : quint8 { NoMatch = 0, AliasMatch = 1, CaseInsensitiveMatch = 2, ExactMatch = 3 };

    constexpr char foldAscii(char c)
    {
        return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
    }

    bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b)
    {
        if (a.size() != b.size())
            return false;
        for (size_t i = 0; i < a.size(); ++i) {
            if (foldAscii(a[i]) != foldAscii(b[i]))
                return false;
        }
        return true;
    }

    struct Target
    {
        int column = -1;
        bool alias = false;
        std::string spelling; ///< The source field or alias as declared, for the exact rank.
        bool spelledAsEntry = true; ///< spelling is NameTable::Entry::name, case included.
    };

    /// Names (UTF-8) to the columns they feed, matched case-insensitively for ASCII letters
    /// only, as SQLite matches identifiers. Open addressing over a power-of-two table at most
    /// a quarter full, and a hash of the length and four sampled bytes: one lookup per field
    /// of every record, so it must not walk the whole name or allocate a lower-case copy.
    class NameTable
    {
    public:
        /// A field of the dedup key (DedupPlan::fields), matched by its exact spelling only.
        struct DedupField
        {
            int index = -1; ///< Into DedupPlan::fields.
            std::string spelling;
            bool spelledAsEntry = true;
        };

        struct Entry
        {
            std::string name; ///< The first declared spelling.
            QVarLengthArray<Target, 1> targets; ///< Empty: the name only feeds the dedup key.
            QVarLengthArray<DedupField, 1> dedupFields;
        };

        void add(const std::string &name, Target target)
        {
            bool exact = false;
            Entry &entry = entryFor(name, &exact);
            target.spelledAsEntry = exact;
            entry.targets.append(std::move(target));
        }

        void addDedupField(const std::string &name, int index)
        {
            bool exact = false;
            Entry &entry = entryFor(name, &exact);
            entry.dedupFields.append(DedupField {index, name, exact});
        }

        /// The entry for \a name, or null. \a exact: \a name is spelled as the entry's name.
        const Entry *find(std::string_view name, bool *exact) const
        {
            const qsizetype index = indexOf(name, exact);
            return index < 0 ? nullptr : &m_entries.at(index);
        }

    private:
        /// The entry \a name belongs to, added if new; \a exact: spelled as its name.
        Entry &entryFor(const std::string &name, bool *exact)
        {
            const qsizetype index = indexOf(name, exact);
            if (index >= 0)
                return m_entries[index];
            *exact = true;
            m_entries.append(Entry {name, {}, {}});
            if (m_entries.size() * 4 > m_slots.size())
                rehash(m_entries.size() * 8);
            else
                place(m_entries.size() - 1);
            return m_entries.last();
        }

        qsizetype indexOf(std::string_view name, bool *exact) const
        {
            if (m_slots.isEmpty())
                return -1;
            for (quint32 slot = hashOf(name) & m_mask;; slot = (slot + 1) & m_mask) {
                const qint32 index = m_slots.at(slot);
                if (index < 0)
                    return -1;
                const std::string &entryName = m_entries.at(index).name;
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

        static quint32 hashOf(std::string_view name)
        {
            const size_t size = name.size();
            quint32 hash = quint32(size) * 0x9e3779b1u;
            if (size > 0) {
                // Bit 5 set: the same for both cases of an ASCII letter.
                auto at = [&name](size_t i) { return quint32(uchar(name[i]) | 0x20u); };
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

    /// A column's value map (e.g. CG `type` → `email_*` label), UTF-8 both ways. Maps are
    /// small (ten CG types): a linear scan beats hashing.
    using ValueMap = std::vector<std::pair<std::string, std::string>>;

    struct ColumnInfo
    {
        ColumnType type = ColumnType::String;
        TimeParse timeParse = TimeParse::Flexible;
        int valueMap = -1; ///< Index into Private::valueMaps, or -1.
    };

    /// The storage form `yyyy-MM-ddTHH:mm:ss.zzzZ` of \a epochMs written into \a text (24
    /// bytes), without QDateTime and string formatting, which cost more than a microsecond
    /// per row: days to civil date (H. Hinnant's algorithm, proleptic Gregorian as QDate).
    /// Returns false for times this form does not cover here (before 1970, after 9999); the
    /// caller then uses EventTime::toStorage(). The unit test compares both over a range.
    bool writeStorageTime(qint64 epochMs, char *text)
    {
        if (epochMs < 0)
            return false;
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
            return false;
        const int millisecond = int(rest % 1000);
        rest /= 1000;
        const int second = int(rest % 60);
        rest /= 60;
        const int minute = int(rest % 60);
        const int hour = int(rest / 60);

        std::memcpy(text, "0000-00-00T00:00:00.000Z", 24);
        auto put = [text](int position, int width, qint64 number) {
            for (int i = position + width - 1; i >= position; --i, number /= 10)
                text[i] = char('0' + number % 10);
        };
        put(0, 4, year);
        put(5, 2, month);
        put(8, 2, day);
        put(11, 2, hour);
        put(14, 2, minute);
        put(17, 2, second);
        put(20, 3, millisecond);
        return true;
    }

    void setStorageTime(RowValues &values, qsizetype column, qint64 epochMs)
    {
        char text[24];
        if (writeStorageTime(epochMs, text))
            values.setText(column, std::string_view(text, 24));
        else
            values.setText(column, EventTime::toStorage(epochMs));
    }

    /// The storage form into \a out, reusing its buffer.
    void assignStorageTime(QString &out, qint64 epochMs)
    {
        char text[24];
        if (!writeStorageTime(epochMs, text)) {
            out = EventTime::toStorage(epochMs);
            return;
        }
        out.resize(24);
        QChar *data = out.data();
        for (int i = 0; i < 24; ++i)
            data[i] = QLatin1Char(text[i]);
    }

    std::string_view view(const QByteArray &bytes)
    {
        return std::string_view(bytes.constData(), size_t(bytes.size()));
    }

} // namespace

struct RecordMapper::Private
{
    TableDef table;
    QList<ColumnInfo> columns;
    std::vector<ValueMap> valueMaps;
    NameTable lookup;
    DedupPlan dedup;
    int eventTimeColumn = -1; ///< A datetime column fed by the event-time field, if any.

    explicit Private(const TableDef &definition)
        : table(definition)
        , dedup(definition)
    {
    }

    /// Per-record state of mapRecord().
    struct Context
    {
        RowValues *values;
        QVarLengthArray<quint8, 64> rank;
        MappingStats *stats;
        std::string &path; ///< Buffer for flattened names.
        std::string &scratch; ///< Buffer for JCS and number text.
        std::optional<qint64> eventTimeMs; ///< Parsed for the event-time column, if any.
        DedupFieldValues dedupValues; ///< Of the top-level fields, as they are visited.
    };

    void warn(Context &context, qsizetype column) const
    {
        context.values->setNull(column);
        if (context.stats)
            ++context.stats->coercionWarnings;
    }
    void convert(Context &context, qsizetype column, element value) const;
    void convertNumber(Context &context, qsizetype column, element value) const;
    void convertTime(Context &context, qsizetype column, element value) const;
    void store(Context &context, const NameTable::Entry &entry, std::string_view name, bool exact,
        element value) const;
    void visitField(Context &context, std::string_view key, element value) const;
    void flatten(Context &context, object fields, int depth) const;
    void countUndeclared(Context &context, std::string_view name) const
    {
        if (context.stats)
            context.stats->countUndeclared(jsonelement::toQString(name));
    }

    /// Maps a parsed record into \a row (its buffers reused); \a rawText is the record's
    /// text (valid UTF-8) for `_raw`.
    void mapRecord(CacheRow &row, object record, const QByteArray &rawText,
        QByteArrayView sourceUtf8, const QString &campaignId, const QString &snapshotId,
        MappingStats *stats, const RawCompressor *compressor) const;

    /// Parses and maps \a line into \a row (see RecordMapper::mapLine()).
    LineOutcome mapLine(CacheRow &row, const QByteArray &line, QByteArrayView sourceUtf8,
        MappingStats *stats, const QString &campaignId, const QString &snapshotId, int maxDepth,
        const RawCompressor *compressor) const;
};

void RecordMapper::Private::convert(Context &context, qsizetype column, element value) const
{
    RowValues &values = *context.values;
    const element_type type = value.type();
    if (type == element_type::NULL_VALUE) {
        values.setNull(column);
        return;
    }
    const ColumnInfo &info = columns.at(column);
    switch (info.type) {
    case ColumnType::String: {
        std::string_view text;
        std::string &scratch = context.scratch;
        switch (type) {
        case element_type::STRING:
            text = value.get_string().value_unsafe();
            break;
        case element_type::BOOL:
            text = value.get_bool().value_unsafe() ? std::string_view("true")
                                                   : std::string_view("false");
            break;
        case element_type::ARRAY:
        case element_type::OBJECT:
            // Compact JSON (JCS), never value-mapped.
            scratch.clear();
            jsonelement::appendCanonical(scratch, value);
            values.setText(column, scratch);
            return;
        default: // numbers: their JCS text
            scratch.clear();
            jsonelement::appendCanonical(scratch, value);
            text = scratch;
            break;
        }
        if (info.valueMap >= 0) {
            for (const auto &[from, to] : valueMaps[size_t(info.valueMap)]) {
                if (from == text) {
                    values.setText(column, to);
                    return;
                }
            }
            // connectors.md §3.1: an unknown value keeps its raw text and is counted.
            if (context.stats)
                ++context.stats->unknownTypes;
        }
        values.setText(column, text);
        return;
    }
    case ColumnType::Dynamic:
        context.scratch.clear();
        jsonelement::appendCanonical(context.scratch, value);
        values.setText(column, context.scratch);
        return;
    case ColumnType::Real:
    case ColumnType::Int:
        convertNumber(context, column, value);
        return;
    case ColumnType::Boolean:
        if (type == element_type::BOOL) {
            values.setInteger(column, value.get_bool().value_unsafe() ? 1 : 0);
            return;
        }
        if (type == element_type::STRING) {
            const std::string_view text = value.get_string().value_unsafe();
            if (text.empty()) {
                values.setNull(column);
                return;
            }
            if (equalsIgnoringAsciiCase(text, "true")) {
                values.setInteger(column, 1);
                return;
            }
            if (equalsIgnoringAsciiCase(text, "false")) {
                values.setInteger(column, 0);
                return;
            }
        }
        warn(context, column);
        return;
    case ColumnType::DateTime:
        convertTime(context, column, value);
        return;
    }
}

void RecordMapper::Private::convertNumber(Context &context, qsizetype column, element value) const
{
    RowValues &values = *context.values;
    const bool real = columns.at(column).type == ColumnType::Real;
    double number = 0;
    switch (value.type()) {
    case element_type::INT64: {
        const qint64 integer = value.get_int64().value_unsafe();
        if (real)
            values.setReal(column, double(integer));
        else
            values.setInteger(column, integer);
        return;
    }
    case element_type::UINT64:
        number = double(value.get_uint64().value_unsafe());
        break;
    case element_type::DOUBLE:
        number = value.get_double().value_unsafe();
        break;
    case element_type::STRING: {
        const std::string_view text = value.get_string().value_unsafe();
        if (text.empty()) {
            values.setNull(column); // an empty string is an absent value, not a bad one
            return;
        }
        bool ok = false;
        number = QByteArrayView(text.data(), qsizetype(text.size())).trimmed().toDouble(&ok);
        if (!ok)
            return warn(context, column);
        break;
    }
    default:
        return warn(context, column);
    }
    if (!std::isfinite(number))
        return warn(context, column);
    if (real) {
        values.setReal(column, number);
        return;
    }
    // 2^63 is exactly representable; anything at or beyond it does not fit a qint64.
    if (number != std::trunc(number) || number >= 9223372036854775808.0
        || number < -9223372036854775808.0)
        return warn(context, column);
    values.setInteger(column, qint64(number));
}

void RecordMapper::Private::convertTime(Context &context, qsizetype column, element value) const
{
    std::string_view text;
    const bool isString = value.get_string().get(text) == simdjson::SUCCESS;
    if (isString && text.empty()) {
        context.values->setNull(column); // T9: empty string → NULL, not a warning
        return;
    }
    std::optional<qint64> epochMs;
    switch (columns.at(column).timeParse) {
    case TimeParse::Iso:
        if (isString)
            epochMs = EventTime::parseIso(jsonelement::toQString(text));
        break;
    case TimeParse::EpochMs:
        epochMs = EventTime::parseEpochMs(jsonelement::scalarValue(value));
        break;
    case TimeParse::Flexible:
        epochMs = EventTime::parseFlexible(jsonelement::scalarValue(value));
        break;
    }
    if (!epochMs)
        return warn(context, column);
    if (column == eventTimeColumn)
        context.eventTimeMs = epochMs;
    setStorageTime(*context.values, column, *epochMs);
}

void RecordMapper::Private::store(Context &context, const NameTable::Entry &entry,
    std::string_view name, bool exact, element value) const
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
        if (target.column == eventTimeColumn)
            context.eventTimeMs.reset();
        convert(context, target.column, value);
    }
}

void RecordMapper::Private::visitField(Context &context, std::string_view key, element value) const
{
    // A field whose own name is a column is stored whole, objects included (e.g. AT
    // userDetails, CI recipients); only other objects are flattened.
    bool exact = false;
    if (const NameTable::Entry *entry = lookup.find(key, &exact)) {
        for (const NameTable::DedupField &field : entry->dedupFields) {
            std::optional<element> &slot = context.dedupValues[field.index];
            if (!slot && (field.spelledAsEntry ? exact : key == field.spelling))
                slot = value;
        }
        if (!entry->targets.isEmpty()) {
            store(context, *entry, key, exact, value);
            return;
        }
    }
    const bool hasColon = key.find(':') != std::string_view::npos;
    if (hasColon) {
        context.path.assign(key);
        std::replace(context.path.begin(), context.path.end(), ':', '_');
        const NameTable::Entry *entry = lookup.find(context.path, &exact);
        if (entry && !entry->targets.isEmpty()) {
            store(context, *entry, context.path, exact, value);
            return;
        }
    }
    object fields;
    if (value.get_object().get(fields) == simdjson::SUCCESS && fields.begin() != fields.end()) {
        if (!hasColon)
            context.path.assign(key);
        flatten(context, fields, 2);
        return;
    }
    countUndeclared(context, key);
}

void RecordMapper::Private::flatten(Context &context, object fields, int depth) const
{
    const size_t mark = context.path.size();
    for (const simdjson::dom::key_value_pair field : fields) {
        context.path.push_back('_');
        for (const char c : field.key)
            context.path.push_back(c == ':' ? '_' : c);
        bool exact = false;
        object nested;
        const NameTable::Entry *entry = lookup.find(context.path, &exact);
        if (entry && !entry->targets.isEmpty()) {
            store(context, *entry, context.path, exact, field.value);
        } else if (depth < kMaxFlattenDepth
            && field.value.get_object().get(nested) == simdjson::SUCCESS
            && nested.begin() != nested.end()) {
            flatten(context, nested, depth + 1);
        } else {
            countUndeclared(context, context.path);
        }
        context.path.resize(mark);
    }
}

void RecordMapper::Private::mapRecord(CacheRow &row, object record, const QByteArray &rawText,
    QByteArrayView sourceUtf8, const QString &campaignId, const QString &snapshotId,
    MappingStats *stats, const RawCompressor *compressor) const
{
    const qsizetype columnCount = table.columns.size();

    row.eventTimeMissing = false;
    row.values.resize(columnCount);
    row.values.reserveText(rawText.size()); // column values are shorter than the record
    // Buffers reused from row to row (truncating keeps their capacity).
    thread_local std::string path;
    thread_local std::string scratch;
    path.clear();
    Context context {&row.values, {}, stats, path, scratch, {}, {}};
    context.dedupValues.resize(qsizetype(dedup.fields.size()));
    context.rank.resize(columnCount);
    std::fill(context.rank.begin(), context.rank.end(), quint8(NoMatch));
    for (const simdjson::dom::key_value_pair field : record)
        visitField(context, field.key, field.value);

    std::optional<qint64> eventTimeMs;
    if (!dedup.eventTimeField.empty()) {
        // The column's value was parsed from the same field by the same rule when it matched
        // exactly; otherwise (missing, or a case-insensitive match) the field is read here.
        if (eventTimeColumn >= 0 && context.rank[eventTimeColumn] == ExactMatch)
            eventTimeMs = context.eventTimeMs;
        else
            eventTimeMs = recordEventTimeMs(dedup, record);
        if (eventTimeMs) {
            assignStorageTime(row.eventTime, *eventTimeMs); // into the recycled buffer
        } else {
            row.eventTimeMissing = true;
            if (stats)
                ++stats->rowsWithoutEventTime;
        }
    }
    if (!eventTimeMs)
        row.eventTime.clear();

    const QByteArray campaign = campaignId.toUtf8();
    row.dedupKey.resize(16);
    computeDedupKey(dedup, record, eventTimeMs, view(campaign), &context.scratch,
        row.dedupKey.data(), &context.dedupValues);
    context.scratch.clear();
    jsonelement::appendCanonical(context.scratch, record);
    sha256HexInto(
        QByteArrayView(context.scratch.data(), qsizetype(context.scratch.size())), row.rawSha256);
    const QByteArray compact = compactJson(rawText);
    row.rawCompressed = compressor && compressor->compressInto(compact, row.raw);
    if (!row.rawCompressed)
        row.raw = compact;
    // UTF-8 here, on a mapping thread, not on the writer's; into the reused buffer.
    row.source.resize(sourceUtf8.size());
    std::memcpy(row.source.data(), sourceUtf8.data(), size_t(sourceUtf8.size()));
    row.snapshotId = table.isSnapshot() ? snapshotId : QString();
    row.campaignId = table.hasCampaignColumn() ? campaignId : QString();
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
    auto p = std::make_shared<Private>(table);
    QHash<QString, int> mapIndex;
    for (qsizetype i = 0; i < table.columns.size(); ++i) {
        const ColumnDef &column = table.columns.at(i);
        ColumnInfo info;
        info.type = column.type;
        if (column.type == ColumnType::DateTime) {
            // The event-time column reads the table's declared format; other datetime columns
            // (AT user data, T9) accept ISO text or epoch milliseconds.
            if (!table.eventTimeField.isEmpty() && column.sourceField() == table.eventTimeField) {
                info.timeParse = p->dedup.eventTimeEpochMs ? TimeParse::EpochMs : TimeParse::Iso;
                p->eventTimeColumn = int(i);
            } else {
                info.timeParse = TimeParse::Flexible;
            }
        }
        if (!column.valueMap.isEmpty()) {
            auto index = mapIndex.constFind(column.valueMap);
            if (index == mapIndex.constEnd()) {
                index = mapIndex.insert(column.valueMap, int(p->valueMaps.size()));
                ValueMap map;
                const QHash<QString, QString> entries = definition.valueMap(column.valueMap);
                for (auto it = entries.constBegin(); it != entries.constEnd(); ++it)
                    map.emplace_back(it.key().toStdString(), it.value().toStdString());
                p->valueMaps.push_back(std::move(map));
            }
            info.valueMap = *index;
        }
        p->columns.append(info);

        // TimeGenerated is the commit time (connectors.md §2.6): no field feeds it.
        if (column.name.compare("TimeGenerated"_L1, Qt::CaseInsensitive) == 0)
            continue;
        const std::string source = column.sourceField().toStdString();
        p->lookup.add(source, Target {int(i), false, source});
        for (const QString &alias : column.aliases) {
            const std::string name = alias.toStdString();
            p->lookup.add(name, Target {int(i), true, name});
        }
    }
    // The dedup key's fields are caught as the record's fields are visited for the columns.
    for (size_t i = 0; i < p->dedup.fields.size(); ++i)
        p->lookup.addDedupField(p->dedup.fields[i], int(i));
    d = std::move(p);
}

const TableDef &RecordMapper::table() const
{
    return d->table;
}

CacheRow RecordMapper::map(const QJsonObject &raw, const QByteArray &rawJson, const QString &source,
    const QString &campaignId, const QString &snapshotId, MappingStats *stats) const
{
    // The object was accepted by Qt's parser, whose nesting limit is 1024: so is its text here.
    constexpr int kQtJsonNestingLimit = 1024;
    if (!rawJson.isEmpty()) {
        MappedLine mapped =
            mapLine(rawJson, source, stats, campaignId, snapshotId, kQtJsonNestingLimit);
        if (mapped.kind == MappedLine::Kind::Row)
            return std::move(mapped.row);
    }
    // No text, or text that does not parse on its own: the object as Qt writes it.
    return mapLine(QJsonDocument(raw).toJson(QJsonDocument::Compact), source, stats, campaignId,
        snapshotId, kQtJsonNestingLimit)
        .row;
}

RecordMapper::MappedLine RecordMapper::mapLine(const QByteArray &line, const QString &source,
    MappingStats *stats, const QString &campaignId, const QString &snapshotId, int maxDepth,
    const RawCompressor *compressor) const
{
    MappedLine result;
    const QByteArray sourceUtf8 = source.toUtf8();
    static_cast<LineOutcome &>(result) = d->mapLine(
        result.row, line, sourceUtf8, stats, campaignId, snapshotId, maxDepth, compressor);
    if (result.kind != LineOutcome::Kind::Row)
        result.row = CacheRow();
    return result;
}

RecordMapper::LineOutcome RecordMapper::mapLineInto(CacheRow &row, const QByteArray &line,
    QByteArrayView sourceUtf8, MappingStats *stats, int maxDepth,
    const RawCompressor *compressor) const
{
    return d->mapLine(row, line, sourceUtf8, stats, {}, {}, maxDepth, compressor);
}

RecordMapper::LineOutcome RecordMapper::Private::mapLine(CacheRow &row, const QByteArray &line,
    QByteArrayView sourceUtf8, MappingStats *stats, const QString &campaignId,
    const QString &snapshotId, int maxDepth, const RawCompressor *compressor) const
{
    LineOutcome result;
    simdjson::dom::parser &parser = jsonelement::threadParser(maxDepth);
    element root;
    object record;
    if (!parser.parse(line.constData(), size_t(line.size())).get(root)
        && !root.get_object().get(record)) {
        result.kind = LineOutcome::Kind::Row;
        mapRecord(row, record, line, sourceUtf8, campaignId, snapshotId, stats, compressor);
        return result;
    }

    // Anything simdjson refuses takes the general path, which names the problem and replaces
    // invalid UTF-8 (connectors.md §2.6) before the record is parsed again.
    const ParsedLine parsed = parseNdjsonLine(line, maxDepth);
    result.problem = parsed.problem;
    result.hadInvalidUtf8 = parsed.hadInvalidUtf8;
    switch (parsed.kind) {
    case ParsedLine::Kind::Blank:
        result.kind = LineOutcome::Kind::Blank;
        return result;
    case ParsedLine::Kind::Bad:
        result.kind = LineOutcome::Kind::Bad;
        return result;
    case ParsedLine::Kind::Object:
        break;
    }
    // _raw is TEXT for SQLite's JSON functions: never store invalid UTF-8.
    const QByteArray text = parsed.hadInvalidUtf8 ? QString::fromUtf8(line).toUtf8() : line;
    const QByteArray reparsable = parser.parse(text.constData(), size_t(text.size())).get(root)
        ? QJsonDocument(parsed.object).toJson(QJsonDocument::Compact)
        : text;
    if (parser.parse(reparsable.constData(), size_t(reparsable.size())).get(root)
        || root.get_object().get(record)) {
        result.kind = LineOutcome::Kind::Bad;
        result.problem = QCoreApplication::translate("RecordMapper", "not valid JSON");
        return result;
    }
    result.kind = LineOutcome::Kind::Row;
    mapRecord(row, record, text, sourceUtf8, campaignId, snapshotId, stats, compressor);
    return result;
}

namespace {

    /// False when \a json (valid JSON text) certainly has no whitespace between its tokens.
    /// Two value tokens are never adjacent in JSON, so such whitespace always touches a
    /// structural character or an end of the text; a tab, CR or LF cannot be inside a string
    /// at all. A space inside a string next to ',' or ':' only costs a needless minify.
    bool mayHaveInsignificantWhitespace(QByteArrayView json)
    {
        const char *const begin = json.data();
        const char *const end = begin + json.size();
        auto structural = [](char c) {
            return c == ',' || c == ':' || c == '{' || c == '}' || c == '[' || c == ']';
        };
        auto insignificant = [&](const char *at) {
            const unsigned char c = static_cast<unsigned char>(*at);
            if (c == '\t' || c == '\n' || c == '\r')
                return true;
            return c == ' '
                && (at == begin || at + 1 == end || structural(at[-1]) || structural(at[1]));
        };
        // Eight bytes at a time: the test below flags every block holding a byte <= 0x20.
        constexpr quint64 ones = 0x0101010101010101ULL;
        constexpr quint64 highs = 0x8080808080808080ULL;
        const char *cursor = begin;
        for (; end - cursor >= 8; cursor += 8) {
            quint64 v;
            std::memcpy(&v, cursor, 8);
            if (((v - 0x21 * ones) & ~v & highs) == 0)
                continue;
            for (const char *at = cursor; at < cursor + 8; ++at) {
                if (insignificant(at))
                    return true;
            }
        }
        for (; cursor < end; ++cursor) {
            if (insignificant(cursor))
                return true;
        }
        return false;
    }

} // namespace

QByteArray RecordMapper::compactJson(const QByteArray &json)
{
    // Records are nearly always compact already: a scan for whitespace that could lie between
    // tokens costs a tenth of simdjson's minifier (measured: the minifier was a tenth of the
    // mapping threads' time), which then runs only on the rest.
    if (!mayHaveInsignificantWhitespace(json))
        return json;
    thread_local std::string buffer;
    buffer.resize(size_t(json.size()));
    size_t written = 0;
    if (simdjson::minify(json.constData(), size_t(json.size()), buffer.data(), written)
            != simdjson::SUCCESS
        || written == size_t(json.size()))
        return json; // compact, or text the minifier cannot follow (kept as received)
    return QByteArray(buffer.data(), qsizetype(written));
}

} // namespace msc
