#include "ingest/dedupkey.h"

#include "util/canonicaljson.h"
#include "util/eventtime.h"

#include <QCryptographicHash>
#include <QJsonArray>
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
        QJsonArray material;
        if (table.dedupWholeRecord) {
            if (table.dedupWithCampaign)
                material.append(campaignId);
            material.append(record);
        } else {
            for (const QString &field : table.dedupFields) {
                // A missing field counts as null.
                const QJsonValue value = record.value(field);
                material.append(value.isUndefined() ? QJsonValue(QJsonValue::Null) : value);
            }
        }
        key.identity = "h:" + canonicalJson(material);
    }

    const QByteArray digest = QCryptographicHash::hash(key.identity, QCryptographicHash::Sha256);
    key.bytes.resize(16);
    qToBigEndian<quint32>(key.bucket, key.bytes.data());
    std::memcpy(key.bytes.data() + 4, digest.constData(), 12);
    return key;
}

} // namespace msc
