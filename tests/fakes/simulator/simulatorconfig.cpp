#include "simulatorconfig.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace msc::sim {

QStringList SimulatorConfig::allStreams()
{
    return {u"seg.cg"_s, u"seg.dlp"_s, u"ttp.url"_s, u"ttp.attachment"_s, u"ttp.impersonation"_s,
        u"audit.audit"_s, u"cloud-integrated.ci"_s, u"awareness.performance"_s,
        u"awareness.safescore"_s, u"awareness.watchlist"_s, u"awareness.userdata"_s};
}

bool SimulatorConfig::apply(const QJsonObject &object, QString *error)
{
    auto integer = [&](const char *key, int *target, int minimum) {
        const QJsonValue value = object.value(QLatin1StringView(key));
        if (value.isUndefined())
            return true;
        if (!value.isDouble() || value.toDouble() < minimum) {
            *error = u"config key \"%1\" must be a number >= %2"_s.arg(QLatin1StringView(key))
                         .arg(minimum);
            return false;
        }
        *target = value.toInt();
        return true;
    };
    auto boolean = [&](const char *key, bool *target) {
        const QJsonValue value = object.value(QLatin1StringView(key));
        if (value.isUndefined())
            return true;
        if (!value.isBool()) {
            *error = u"config key \"%1\" must be true or false"_s.arg(QLatin1StringView(key));
            return false;
        }
        *target = value.toBool();
        return true;
    };
    if (object.contains("seed"_L1))
        seed = quint64(object.value("seed"_L1).toDouble());
    if (object.contains("clientId"_L1))
        clientId = object.value("clientId"_L1).toString();
    if (!integer("volume", &volume, 1) || !boolean("tls", &tls)
        || !integer("tokenTtlSeconds", &tokenTtlSeconds, 1)
        || !integer("tokenDelayMs", &tokenDelayMs, 0) || !boolean("exclusiveTo", &exclusiveTo)
        || !integer("batchFileMinutes", &batchFileMinutes, 1)
        || !integer("batchFileLines", &batchFileLines, 0)
        || !boolean("fileContentEncodingGzip", &fileContentEncodingGzip)
        || !integer("linkTtlSeconds", &linkTtlSeconds, 1)
        || !boolean("retryAfterHeader", &retryAfterHeader) || !boolean("live", &live)
        || !integer("liveLateMaxSeconds", &liveLateMaxSeconds, 0))
        return false;
    if (object.contains("pageSizeAboveMax"_L1))
        pageSizeAboveMaxRejects = object.value("pageSizeAboveMax"_L1).toString() == "reject"_L1;
    if (object.contains("auditBeyondHistory"_L1))
        auditBeyondHistoryEmpty = object.value("auditBeyondHistory"_L1).toString() == "empty"_L1;
    if (object.contains("products"_L1)) {
        products.clear();
        for (const QJsonValue &value : object.value("products"_L1).toArray())
            products.insert(value.toString());
    }
    if (object.contains("rateLimit"_L1)) {
        const QJsonObject limit = object.value("rateLimit"_L1).toObject();
        rateLimitQuota = limit.value("quota"_L1).toInt(rateLimitQuota);
        rateLimitPeriodSeconds = limit.value("periodSeconds"_L1).toInt(rateLimitPeriodSeconds);
    }
    if (object.contains("faults"_L1)) {
        QString problem;
        faults = FaultSet::parseJson(object.value("faults"_L1).toArray(), &problem);
        if (!problem.isEmpty()) {
            *error = problem;
            return false;
        }
    }
    return true;
}

} // namespace msc::sim
