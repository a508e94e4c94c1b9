#include "testrows.h"

#include "util/timeformat.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QTimeZone>
#include <QtEndian>

using namespace Qt::Literals::StringLiterals;

namespace msc::test {

CacheRow makeRow(const TableDef &table, qint64 ordinal)
{
    const QDateTime eventTime =
        QDateTime::fromMSecsSinceEpoch(1748765003123 + ordinal * 1000, QTimeZone::utc());
    CacheRow row;
    row.dedupKey.resize(16);
    qToBigEndian<quint32>(quint32(eventTime.toMSecsSinceEpoch() / 60000), row.dedupKey.data());
    qToBigEndian<quint64>(quint64(ordinal), row.dedupKey.data() + 4);
    qToBigEndian<quint32>(quint32(qHash(table.name)), row.dedupKey.data() + 12);
    row.eventTime = formatUtc(eventTime);
    row.raw = "{\"ordinal\":" + QByteArray::number(ordinal) + ",\"subject\":\"Invoice "
        + QByteArray::number(ordinal) + "\"}";
    row.rawSha256 = QCryptographicHash::hash(row.raw, QCryptographicHash::Sha256).toHex();
    row.source = u"{\"stream\":\"%1\",\"test\":true}"_s.arg(table.stream).toUtf8();
    for (const ColumnDef &column : table.columns) {
        switch (column.type) {
        case ColumnType::Real:
            row.values.append(double(ordinal) + 0.5);
            break;
        case ColumnType::Boolean:
        case ColumnType::Int:
            row.values.append(qint64(ordinal % 2));
            break;
        case ColumnType::DateTime:
            row.values.append(row.eventTime);
            break;
        case ColumnType::Dynamic:
            row.values.append(u"[\"item-%1\"]"_s.arg(ordinal));
            break;
        case ColumnType::String:
            row.values.append(u"%1-%2"_s.arg(column.name).arg(ordinal));
            break;
        }
    }
    if (table.isSnapshot())
        row.snapshotId = u"2025-06-01T00:00:00.000Z"_s;
    if (table.hasCampaignColumn())
        row.campaignId = u"campaign-1"_s;
    return row;
}

QList<CacheRow> makeRows(const TableDef &table, qint64 firstOrdinal, qint64 count)
{
    QList<CacheRow> rows;
    rows.reserve(count);
    for (qint64 i = 0; i < count; ++i)
        rows.append(makeRow(table, firstOrdinal + i));
    return rows;
}

} // namespace msc::test
