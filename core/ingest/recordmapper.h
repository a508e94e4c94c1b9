#pragma once

#include "storage/cachewriter.h"
#include "storage/tableschema.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace msc {

class RawCompressor;

/// What a stream's records did that the schema did not expect (connectors.md §2.6): counted
/// per run, shown in the health view, never an error.
struct MappingStats
{
    /// Distinct names kept in undeclaredFields; further names go to undeclaredNotListed, so
    /// that an open map with hostile keys cannot grow the counter without bound.
    static constexpr qsizetype kMaxUndeclaredNames = 256;

    qint64 coercionWarnings = 0; ///< Values that did not fit their column's type (stored NULL).
    qint64 unknownTypes = 0; ///< Values missing from a column's value map (unknown CG type).
    QHash<QString, qint64> undeclaredFields; ///< Field or flattened name → occurrences.
    qint64 undeclaredNotListed = 0; ///< Undeclared occurrences beyond kMaxUndeclaredNames names.
    qint64 rowsWithoutEventTime = 0; ///< Event-time field missing or unparsable.

    void countUndeclared(const QString &name, qint64 count = 1);
    /// Adds \a other's counts to these (per-run → cumulative).
    void merge(const MappingStats &other);
};

/**
 * Maps raw Mimecast records to cache rows of one table (connectors.md §2.6, §3), driven
 * entirely by the table definition:
 *
 * - A top-level field whose name matches a column's source (ColumnDef::sourceField(), case
 *   insensitively) is stored whole in that column. Otherwise a nested object is flattened:
 *   its path joined with `_`, every `:` in a key replaced by `_`, matched the same way, and
 *   also against ColumnDef::aliases. An exact match wins over a case-insensitive one, and
 *   both over an alias. Arrays are never flattened.
 * - Values are coerced to the column's DCR type; a value that does not fit is stored as NULL
 *   and counted. A datetime column that is the table's event-time field is parsed in the
 *   table's event-time format; any other datetime column accepts T2 or T3 (mimecast-api.md
 *   §8, T9). A column with a value map stores the mapped value, or the raw value when the
 *   map has no entry (counted as an unknown type).
 * - Fields and flattened names that land in no column stay in `_raw` only and are counted.
 *
 * The table's lookups are built once in the constructor; map() is const and may be called
 * from several threads at once on the same mapper, with separate MappingStats.
 */
class RecordMapper
{
public:
    /// \a definition supplies the value maps named by \a table's columns. Both are copied.
    RecordMapper(const TableDef &table, const SchemaDefinition &definition);

    const TableDef &table() const;

    /// What became of a line (mapLineInto()).
    struct LineOutcome
    {
        enum class Kind {
            Row, ///< A JSON object, mapped into the row.
            Blank, ///< Empty or only JSON whitespace: not a record, not a bad line.
            Bad, ///< Not a JSON object: quarantine the line with `problem` as the reason.
        };
        Kind kind = Kind::Bad;
        /// Translated. Why the line is bad, or "invalid UTF-8 replaced" for a usable row.
        QString problem;
        bool hadInvalidUtf8 = false; ///< Replaced with U+FFFD before parsing.
    };

    /// The outcome of mapLine().
    struct MappedLine : LineOutcome
    {
        CacheRow row;
    };

    /**
     * Maps one record from its text (an NDJSON line, or the element's text of an API page).
     *
     * The text becomes `_raw` with whitespace outside strings removed, key order and value
     * text kept; invalid UTF-8 in it is replaced by U+FFFD. With a \a compressor, `_raw` is
     * its zstd frame of that text (CacheRow::rawCompressed). Nesting deeper than \a maxDepth
     * makes the line bad (security.md rule 7). \a source is the provenance JSON for `_source`.
     * \a campaignId is used by the table with a campaign column only (`_campaign_id`, dedup
     * key); \a snapshotId by snapshot tables (`_first_seen`/`_last_seen`).
     *
     * TimeGenerated is left NULL: the writer sets it at commit. For snapshot tables
     * CacheRow::eventTime stays empty by design; for the others an event-time field that is
     * missing or unparsable leaves it empty, sets eventTimeMissing and counts the row.
     * \a stats may be null.
     */
    MappedLine mapLine(const QByteArray &line, const QString &source, MappingStats *stats,
        const QString &campaignId = {}, const QString &snapshotId = {}, int maxDepth = 64,
        const RawCompressor *compressor = nullptr) const;

    /// mapLine() for a SIEM batch line (no campaign, no snapshot) into \a row, whose buffers
    /// are reused: the batch path recycles its rows, so a mapped row costs no allocation.
    /// \a sourceUtf8 is the provenance JSON. \a row is unspecified unless the kind is Row.
    LineOutcome mapLineInto(CacheRow &row, const QByteArray &line, QByteArrayView sourceUtf8,
        MappingStats *stats, int maxDepth, const RawCompressor *compressor) const;

    /// Maps one record that arrived as an object: from \a rawJson, its text as received, when
    /// given, else from \a raw as Qt serialises it (see mapLine()).
    CacheRow map(const QJsonObject &raw, const QByteArray &rawJson, const QString &source,
        const QString &campaignId, const QString &snapshotId, MappingStats *stats) const;

    /// \a json with the whitespace outside strings removed; key order, string contents and
    /// number text untouched. Shares \a json's data when there is nothing to remove.
    static QByteArray compactJson(const QByteArray &json);

private:
    struct Private;
    std::shared_ptr<const Private> d; // immutable after construction, so copies share it
};

} // namespace msc
