#include "ingest/dedupkey.h"

#include "util/canonicaljson.h"
#include "util/eventtime.h"
#include "util/sha256.h"

#include <QtEndian>

#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace msc {

quint32 eventTimeBucket(const TableDef &table, const QJsonObject &record)
{
    if (table.eventTimeField.isEmpty())
        return 0;
    const QJsonValue value = record.value(table.eventTimeField);
    std::optional<qint64> epochMs;
    if (table.eventTimeFormat == "epoch-ms"_L1)
        epochMs = EventTime::parseEpochMs(value);
    else if (value.isString())
        epochMs = EventTime::parseIso(value.toString());
    const qint64 milliseconds = epochMs.value_or(-1);
    if (milliseconds < 0)
        return 0;
    return quint32(milliseconds / 60000);
}

DedupKey computeDedupKey(
    const TableDef &table, const QJsonObject &record, const QString &campaignId)
{
    DedupKey key;
    key.bucket = eventTimeBucket(table, record);

    const QJsonValue nativeId = table.dedupNativeId.isEmpty() ? QJsonValue(QJsonValue::Undefined)
                                                              : record.value(table.dedupNativeId);
    if (nativeId.isString() && !nativeId.toString().isEmpty()) {
        key.identity = "id:" + nativeId.toString().toUtf8();
    } else {
        // The JCS of the JSON array of the material, written element by element (the same
        // bytes as canonicalJson() of a QJsonArray, without building one).
        key.identity.reserve(256);
        key.identity.append("h:[");
        if (table.dedupWholeRecord) {
            if (table.dedupWithCampaign) {
                appendCanonicalString(key.identity, campaignId);
                key.identity.append(',');
            }
            appendCanonicalJson(key.identity, record);
        } else {
            bool first = true;
            for (const QString &field : table.dedupFields) {
                if (!first)
                    key.identity.append(',');
                first = false;
                // A missing field counts as null (Undefined is written as null).
                appendCanonicalJson(key.identity, record.value(field));
            }
        }
        key.identity.append(']');
    }

    const QByteArray digest = sha256(key.identity);
    key.bytes.resize(16);
    qToBigEndian<quint32>(key.bucket, key.bytes.data());
    std::memcpy(key.bytes.data() + 4, digest.constData(), 12);
    return key;
}

} // namespace msc
