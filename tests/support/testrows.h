#pragma once

#include "storage/cachewriter.h"
#include "storage/tableschema.h"

namespace msc::test {

/// A well-formed row for \a table, distinct for every \a ordinal: a 16-byte dedup key
/// (minute bucket + ordinal), an event time, a raw JSON record and a value of the right type
/// for every column.
CacheRow makeRow(const TableDef &table, qint64 ordinal);

/// \a count rows starting at \a firstOrdinal.
QList<CacheRow> makeRows(const TableDef &table, qint64 firstOrdinal, qint64 count);

} // namespace msc::test
