#pragma once

// Private to the ingest path (includes simdjson through jsonelement_p.h).

#include "ingest/dedupkey.h"
#include "ingest/jsonelement_p.h"

#include <QVarLengthArray>

#include <optional>
#include <string>
#include <vector>

namespace msc {

/// A table's dedup rule (connectors.md §2.3) with its field names in UTF-8, prepared once.
struct DedupPlan
{
    explicit DedupPlan(const TableDef &table);

    std::string eventTimeField; ///< Empty: no event time (awareness tables).
    bool eventTimeEpochMs = false;
    std::string nativeId; ///< Empty: hash only.
    std::vector<std::string> fields;
    bool wholeRecord = false;
    bool withCampaign = false;
};

/// The event time of \a record per \a table's event-time field and format (mimecast-api.md
/// §8), or std::nullopt when the table has none or the field is missing or unparsable.
std::optional<qint64> recordEventTimeMs(const DedupPlan &plan, simdjson::dom::object record);

/// The values of DedupPlan::fields in a record, by index, gathered by the mapper while it
/// visits the record's fields anyway: the key then needs no search of the record per field.
/// As DOM lookup does: the first occurrence of the exact spelling; empty when missing.
using DedupFieldValues = QVarLengthArray<std::optional<simdjson::dom::element>, 8>;

/// Writes \a record's key into \a key16 (16 bytes) and its identity material into
/// \a identity (cleared first). \a eventTimeMs is recordEventTimeMs() of the record, passed in
/// because the mapper has usually parsed it already; so are \a fieldValues (null: looked up).
void computeDedupKey(const DedupPlan &plan, simdjson::dom::object record,
    std::optional<qint64> eventTimeMs, std::string_view campaignIdUtf8, std::string *identity,
    char *key16, const DedupFieldValues *fieldValues = nullptr);

} // namespace msc
