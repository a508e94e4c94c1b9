#include "ingest/dedupkey_p.h"

#include "util/eventtime.h"
#include "util/sha256.h"

#include <QJsonDocument>
#include <QtEndian>

#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    quint32 minuteBucket(std::optional<qint64> eventTimeMs)
    {
        const qint64 milliseconds = eventTimeMs.value_or(-1);
        return milliseconds < 0 ? 0 : quint32(milliseconds / 60000);
    }

    /// The record's compact text parsed back: the QJsonObject entry points share the one
    /// implementation with the ingest path, which reads the text as received.
    template <typename Work>
    auto withParsed(const QJsonObject &record, Work work)
    {
        const QByteArray json = QJsonDocument(record).toJson(QJsonDocument::Compact);
        // Its own parser: the thread's parser may hold a record that is still in use.
        simdjson::dom::parser parser;
        simdjson::dom::element root;
        const auto error = parser.parse(json.constData(), size_t(json.size())).get(root);
        // A QJsonObject always serialises to an object; nesting beyond 64 is the only way out.
        simdjson::dom::object object;
        if (error == simdjson::SUCCESS && root.get_object().get(object) != simdjson::SUCCESS)
            object = {};
        return work(object);
    }

} // namespace

DedupPlan::DedupPlan(const TableDef &table)
    : eventTimeField(table.eventTimeField.toStdString())
    , eventTimeEpochMs(table.eventTimeFormat == "epoch-ms"_L1)
    , nativeId(table.dedupNativeId.toStdString())
    , wholeRecord(table.dedupWholeRecord)
    , withCampaign(table.dedupWithCampaign)
{
    for (const QString &field : table.dedupFields)
        fields.push_back(field.toStdString());
}

std::optional<qint64> recordEventTimeMs(const DedupPlan &plan, simdjson::dom::object record)
{
    simdjson::dom::element value;
    if (plan.eventTimeField.empty() || record.at_key(plan.eventTimeField).get(value))
        return std::nullopt;
    if (plan.eventTimeEpochMs)
        return EventTime::parseEpochMs(jsonelement::scalarValue(value));
    std::string_view text;
    if (value.get_string().get(text))
        return std::nullopt;
    return EventTime::parseIso(jsonelement::toQString(text));
}

void computeDedupKey(const DedupPlan &plan, simdjson::dom::object record,
    std::optional<qint64> eventTimeMs, std::string_view campaignIdUtf8, std::string *identity,
    char *key16, const DedupFieldValues *fieldValues)
{
    Q_ASSERT(!fieldValues || fieldValues->size() == qsizetype(plan.fields.size()));
    identity->clear(); // keeps the capacity
    std::string_view nativeId;
    simdjson::dom::element value;
    if (!plan.nativeId.empty() && !record.at_key(plan.nativeId).get(value)
        && value.get_string().get(nativeId))
        nativeId = {}; // not a string: missing
    if (!nativeId.empty()) {
        identity->append("id:");
        identity->append(nativeId);
    } else {
        // `h:` + the JCS of the array of the material, written element by element.
        identity->append("h:[");
        if (plan.wholeRecord) {
            if (plan.withCampaign) {
                jsonelement::appendCanonicalString(*identity, campaignIdUtf8);
                identity->push_back(',');
            }
            jsonelement::appendCanonical(*identity, record);
        } else {
            for (size_t i = 0; i < plan.fields.size(); ++i) {
                if (i > 0)
                    identity->push_back(',');
                bool found = false;
                if (fieldValues) {
                    const std::optional<simdjson::dom::element> &known = fieldValues->at(i);
                    found = known.has_value();
                    if (found)
                        value = *known;
                } else {
                    found = !record.at_key(plan.fields[i]).get(value);
                }
                if (found)
                    jsonelement::appendCanonical(*identity, value);
                else
                    identity->append("null"); // a missing field counts as null
            }
        }
        identity->push_back(']');
    }
    char digest[32];
    sha256Into(QByteArrayView(identity->data(), qsizetype(identity->size())), digest);
    qToBigEndian<quint32>(minuteBucket(eventTimeMs), key16);
    std::memcpy(key16 + 4, digest, 12);
}

DedupKey computeDedupKey(
    const TableDef &table, const QJsonObject &record, const QString &campaignId)
{
    return withParsed(record, [&](simdjson::dom::object object) {
        DedupKey key;
        const DedupPlan plan(table);
        const std::optional<qint64> eventTimeMs = recordEventTimeMs(plan, object);
        key.bucket = minuteBucket(eventTimeMs);
        const QByteArray campaign = campaignId.toUtf8();
        key.bytes.resize(16);
        std::string identity;
        computeDedupKey(plan, object, eventTimeMs,
            std::string_view(campaign.constData(), size_t(campaign.size())), &identity,
            key.bytes.data());
        key.identity = QByteArray(identity.data(), qsizetype(identity.size()));
        return key;
    });
}

} // namespace msc
