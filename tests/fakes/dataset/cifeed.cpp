#include "cifeed.h"

#include "prng.h"
#include "simtime.h"
#include "vocabulary.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace msc::sim::detail {

namespace {

    constexpr quint64 kRowSalt = 0x100;
    constexpr quint64 kDetailSalt = 0x500;

    const QStringList &categoryNames()
    {
        static const QStringList names = {
            u"NO_DETECTIONS"_s, u"MALWARE"_s, u"PHISHING"_s, u"SPAM"_s, u"POLICIES_DISABLED"_s};
        return names;
    }

    // Forced into each guarantee hour, so every CI dashboard tile has data every day.
    constexpr CiCategory kForced[] = {
        CiMalware, CiPhishing, CiSpam, CiPoliciesDisabled, CiNoDetections};
    constexpr int kForcedCount = int(sizeof(kForced) / sizeof(kForced[0]));

    CiPlan planMessage(const GenContext &ctx, quint64 seed, qint64 bucketStart, int forced)
    {
        Prng s(seed);
        CiPlan p;
        p.seed = seed;
        if (forced >= 0)
            p.category = kForced[forced];
        else
            p.category = CiCategory(s.weighted({0.72, 0.06, 0.07, 0.10, 0.05}));
        p.direction = s.weighted({0.75, 0.15, 0.10});
        if (p.category != CiNoDetections && p.category != CiPoliciesDisabled)
            p.direction = 0; // threats are inbound
        p.recipients = 1 + s.weighted({0.8, 0.15, 0.05});
        p.attachments = p.category == CiMalware ? 1 : s.weighted({0.7, 0.25, 0.05});
        // The last forced message carries the guaranteed blocked click.
        const bool click = (forced == kForcedCount - 1)
            || (forced < 0 && p.direction == 0 && s.chance(ctx.ciUrlClick));
        const qint64 maxChain = click ? 16 * kMsPerMinute : 10 * kMsPerSecond;
        p.t0 = bucketStart + s.range(0, kBucketMs - maxChain - 1);
        auto add = [&p](qint64 ts, CiType type) {
            p.rows.append(
                CiRowShape {ts, mix64(p.seed ^ (kRowSalt + quint64(p.rows.size()))), quint8(type)});
        };
        add(p.t0 + s.range(0, 800), CiMailflow);
        add(p.t0 + s.range(500, 4000), CiEntities);
        if (click)
            add(p.t0 + s.range(60 * kMsPerSecond, 15 * kMsPerMinute), CiUrlclick);
        return p;
    }

} // namespace

const QStringList &ciTypeNames()
{
    static const QStringList names = {u"entities"_s, u"mailflow"_s, u"urlclick"_s};
    return names;
}

CiBucket planCiBucket(const GenContext &ctx, qint64 bucket)
{
    CiBucket result;
    result.bucket = bucket;
    Prng prng(mixSeed(ctx.seed, u"cloud-integrated.ci", bucket));
    int count = bucketCount(prng, ctx.ciPerDay, bucket);
    const bool guarantee = isGuaranteeHour(ctx.seed, u"cloud-integrated.ci", bucket);
    if (guarantee)
        count = qMax(count, kForcedCount);
    const qint64 bucketStart = bucket * kBucketMs;
    for (int i = 0; i < count; ++i)
        result.plans.append(
            planMessage(ctx, prng.next(), bucketStart, guarantee && i < kForcedCount ? i : -1));
    for (int i = 0; i < result.plans.size(); ++i) {
        const CiPlan &plan = result.plans.at(i);
        for (int r = 0; r < plan.rows.size(); ++r) {
            const CiRowShape &row = plan.rows.at(r);
            result.order.append(FeedRowRef {row.ts, row.tie, row.type, i, r});
        }
    }
    std::sort(result.order.begin(), result.order.end(),
        [](const FeedRowRef &a, const FeedRowRef &b) { return feedRowLess(a, b); });
    return result;
}

CiIdentity ciIdentity(const GenContext &ctx, const CiPlan &plan)
{
    Prng d(mix64(plan.seed ^ kDetailSalt));
    CiIdentity id;
    static const QString directions[] = {u"INBOUND"_s, u"OUTBOUND"_s, u"INTERNAL"_s};
    id.direction = directions[plan.direction];
    id.partition = int(mix64(plan.seed ^ 0x9a27) % 8);
    int senderUser = -1;
    QString domain;
    if (plan.direction == 0) {
        const bool bad =
            plan.category == CiMalware || plan.category == CiPhishing || plan.category == CiSpam;
        domain = bad ? d.pick(vocab::badDomains()) : d.pick(vocab::partnerDomains());
        id.sender = (bad ? d.pick(vocab::badLocalParts()) : d.pick(vocab::partnerLocalParts()))
            + u'@' + domain;
        id.senderIp = bad ? vocab::externalIp(d) : vocab::stableExternalIp(hashString(domain));
    } else {
        senderUser = int(d.below(quint64(ctx.population)));
        domain = vocab::kTenantDomain.toString();
        id.sender = simUserEmail(ctx.seed, senderUser);
        id.senderIp = vocab::internalIp(d);
    }
    // Cloud Integrated often leaves the header sender empty (mimecast-api.md §9.2).
    id.senderHeader = d.chance(0.4) ? QString(u""_s) : id.sender;
    QList<int> chosen;
    for (int r = 0; r < plan.recipients; ++r) {
        if (plan.direction == 1) {
            id.recipients.append(d.pick(vocab::partnerLocalParts()) + QString::number(r) + u'@'
                + d.pick(vocab::customerDomains()));
            continue;
        }
        int user = int(d.below(quint64(ctx.population)));
        while (chosen.contains(user) || user == senderUser)
            user = (user + 1) % ctx.population;
        chosen.append(user);
        id.recipients.append(simUserEmail(ctx.seed, user));
    }
    switch (plan.category) {
    case CiSpam:
        id.subject = d.pick(vocab::spamSubjects());
        break;
    case CiMalware:
    case CiPhishing:
        id.subject = d.pick(vocab::phishSubjects());
        break;
    default:
        id.subject = plan.direction == 2 ? d.pick(vocab::internalSubjects())
                                         : d.pick(vocab::cleanSubjects());
    }
    const auto &cleanNames = vocab::cleanAttachments();
    const qsizetype firstClean = qsizetype(d.below(quint64(cleanNames.size())));
    for (int a = 0; a < plan.attachments; ++a) {
        id.attachments.append(plan.category == CiMalware && a == 0
                ? d.pick(vocab::maliciousAttachments())
                : cleanNames.at((firstClean + a) % cleanNames.size()));
    }
    id.url = d.pick(vocab::maliciousUrls());
    const quint64 mid = mix64(plan.seed ^ 0x4d49);
    id.messageId = u'<' + vocab::hex64(mid).left(8) + u'@'
        + (plan.direction == 0 ? domain : vocab::kTenantDomain.toString()) + u'>';
    id.aggregateId =
        vocab::token(plan.seed ^ 0xa66, 12) + u'_' + QString::number(floorDiv(plan.t0, 1000));
    return id;
}

QJsonObject ciRow(const CiPlan &plan, const CiIdentity &id, int rowIndex, qint64 offset)
{
    const CiRowShape &row = plan.rows.at(rowIndex);
    Prng r(mix64(plan.seed ^ (kRowSalt + 0x80 + quint64(rowIndex))));
    QJsonObject o;
    o.insert(u"_offset"_s, offset);
    o.insert(u"_partition"_s, id.partition);
    o.insert(u"accountId"_s, vocab::kAccountId.toString());
    o.insert(u"aggregateId"_s, id.aggregateId);
    o.insert(u"processingId"_s,
        QString(vocab::token(plan.seed ^ (0x400 + quint64(rowIndex)), 12) + u'_'
            + QString::number(floorDiv(plan.t0, 1000))));
    o.insert(u"timestamp"_s, row.ts);
    o.insert(u"type"_s, ciTypeNames().at(row.type));
    QJsonArray recipients;
    for (const QString &address : id.recipients)
        recipients.append(address);

    switch (row.type) {
    case CiEntities: {
        const QString category = categoryNames().at(plan.category);
        QJsonArray attachments;
        for (const QString &name : id.attachments)
            attachments.append(name);
        QJsonValue tags = jsonNull();
        QString state = u"DELIVERED"_s;
        QJsonArray policies;
        const QString policyName = u"Default O365 Mail policy"_s;
        switch (plan.category) {
        case CiMalware:
            tags = QJsonArray {u"MALWARE"_s};
            state = r.chance(0.85) ? u"BLOCKED"_s : u"DELIVERY_IN_PROGRESS"_s;
            break;
        case CiPhishing:
            tags = r.chance(0.5) ? QJsonArray {u"PHISHING"_s}
                                 : QJsonArray {u"PHISHING"_s, u"UNTRUSTWORTHY"_s};
            state = r.chance(0.8) ? u"BLOCKED"_s : u"DELIVERED"_s;
            break;
        case CiSpam:
            tags =
                r.chance(0.5) ? QJsonArray {u"UNTRUSTWORTHY"_s, u"SPAM"_s} : QJsonArray {u"SPAM"_s};
            state = r.chance(0.6) ? u"DELIVERED"_s : u"BLOCKED"_s;
            break;
        case CiNoDetections:
            state = r.chance(0.95) ? u"DELIVERED"_s : u"DELIVERY_IN_PROGRESS"_s;
            break;
        case CiPoliciesDisabled:
            break;
        }
        if (plan.category == CiNoDetections) {
            policies.append(QJsonObject {
                {u"action"_s, r.chance(0.7) ? QJsonValue(u"DO_NOTHING"_s) : jsonNull()},
                {u"mode"_s, u"ACTIVE"_s}, {u"name"_s, policyName}});
        } else if (plan.category != CiPoliciesDisabled) {
            const bool monitor = r.chance(0.2);
            policies.append(QJsonObject {{u"action"_s, monitor ? u"DO_NOTHING"_s : u"BLOCK"_s},
                {u"mode"_s, monitor ? u"MONITOR"_s : u"ACTIVE"_s}, {u"name"_s, policyName}});
            if (r.chance(0.3))
                policies.append(QJsonObject {{u"action"_s, u"BLOCK"_s}, {u"mode"_s, u"ACTIVE"_s},
                    {u"name"_s, u"Strict attachment policy"_s}});
        }
        o.insert(u"subtype"_s, category);
        o.insert(u"attachments"_s, attachments);
        o.insert(u"direction"_s, id.direction);
        o.insert(u"historicalMail"_s, r.chance(0.05));
        o.insert(u"messageId"_s, id.messageId);
        o.insert(u"policiesApplied"_s, policies);
        o.insert(u"recipients"_s, recipients);
        o.insert(u"senderEnvelope"_s, id.sender);
        o.insert(u"senderHeader"_s, id.senderHeader);
        o.insert(u"senderIp"_s, id.senderIp);
        o.insert(u"source"_s, u"OFFICE_365_MAIL"_s);
        o.insert(u"subject"_s, id.subject);
        o.insert(u"tags"_s, tags);
        o.insert(u"threatState"_s, state);
        o.insert(u"threatType"_s, category);
        break;
    }
    case CiMailflow: {
        const bool suspicious = plan.category != CiNoDetections;
        auto result = [&r, suspicious](const QString &type, double failRate) {
            static const QString outcomes[] = {u"pass"_s, u"fail"_s, u"none"_s, u"softfail"_s};
            const int outcome = suspicious && r.chance(failRate) ? 1 + int(r.below(3)) : 0;
            QJsonValue aligned = outcome == 0;
            if (outcome == 2)
                aligned = jsonNull();
            return QJsonObject {
                {u"type"_s, type}, {u"result"_s, outcomes[outcome]}, {u"aligned"_s, aligned}};
        };
        o.insert(u"subtype"_s, jsonNull());
        o.insert(u"messageId"_s, id.messageId);
        o.insert(u"authResults"_s,
            QJsonArray {result(u"SPF"_s, 0.4), result(u"DKIM"_s, 0.5), result(u"DMARC"_s, 0.6)});
        break;
    }
    case CiUrlclick:
        o.insert(u"subtype"_s, jsonNull());
        o.insert(u"url"_s, id.url);
        o.insert(u"action"_s, u"BLOCK"_s);
        o.insert(u"sourceIp"_s, vocab::externalIp(r));
        o.insert(u"recipients"_s, QJsonArray {id.recipients.value(0)});
        o.insert(u"messageId"_s, id.messageId);
        o.insert(u"subject"_s, id.subject);
        o.insert(u"urlCategory"_s, r.pick(vocab::maliciousUrlCategories()));
        break;
    default:
        break;
    }
    return o;
}

} // namespace msc::sim::detail
