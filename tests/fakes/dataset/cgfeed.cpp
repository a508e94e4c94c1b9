#include "cgfeed.h"

#include "prng.h"
#include "simtime.h"
#include "vocabulary.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace msc::sim::detail {

namespace {

    struct Forced
    {
        CgKind kind;
        quint8 variant;
    };

    // The chains forced into each guarantee hour: one per CG-based rule (R4–R10), the TTP rules
    // (R11–R13, as side events) and both DLP rules (R2, R3), plus a bounce and a notification.
    constexpr Forced kForced[] = {
        {CgKind::InAv, 0},
        {CgKind::InRejectVirus, 0},
        {CgKind::InSpamHeld, 0},
        {CgKind::InRejectSpam, 0},
        {CgKind::InAttachThreat, 0},
        {CgKind::InImpersonation, 0},
        {CgKind::InUrlThreat, 0},
        {CgKind::IntIep, 0},
        {CgKind::OutDlp, DlpHold},
        {CgKind::OutDlp, DlpNotification},
        {CgKind::InBounce, 0},
        {CgKind::Notification, 0},
    };
    constexpr int kForcedCount = int(sizeof(kForced) / sizeof(kForced[0]));

    constexpr quint64 kRowSalt = 0x100;
    constexpr quint64 kSideSalt = 0x200;
    constexpr quint64 kAttachmentSalt = 0x300;
    constexpr quint64 kProcessingSalt = 0x400;
    constexpr quint64 kDetailSalt = 0x500;

    bool isInbound(CgKind kind)
    {
        return kind <= CgKind::InBounce;
    }

    bool isOutbound(CgKind kind)
    {
        return kind == CgKind::OutClean || kind == CgKind::OutDlp;
    }

    bool isRejected(CgKind kind)
    {
        return kind == CgKind::InRejectEnvelope || kind == CgKind::InRejectHeader
            || kind == CgKind::InRejectSpam || kind == CgKind::InRejectVirus;
    }

    qint64 wholeSecond(qint64 ms)
    {
        return floorDiv(ms, kMsPerSecond) * kMsPerSecond;
    }

    CgPlan planMessage(const GenContext &ctx, quint64 msgSeed, qint64 bucketStart, int forced)
    {
        Prng s(msgSeed);
        CgPlan p;
        p.seed = msgSeed;
        if (forced >= 0) {
            p.kind = kForced[forced].kind;
            p.variant = kForced[forced].variant;
        } else {
            switch (s.weighted({0.60, 0.22, 0.13, 0.05})) {
            case 0: {
                static constexpr CgKind inbound[] = {
                    CgKind::InRejectEnvelope,
                    CgKind::InRejectHeader,
                    CgKind::InRejectSpam,
                    CgKind::InRejectVirus,
                    CgKind::InSpamHeld,
                    CgKind::InAv,
                    CgKind::InAttachThreat,
                    CgKind::InImpersonation,
                    CgKind::InUrlThreat,
                    CgKind::InBounce,
                    CgKind::InClean,
                };
                p.kind = inbound[s.weighted(
                    {0.035, 0.02, 0.03, 0.01, 0.05, 0.01, 0.01, 0.012, 0.012, 0.02, 0.791})];
                break;
            }
            case 1:
                p.kind = s.chance(ctx.pDlp) ? CgKind::OutDlp : CgKind::OutClean;
                if (p.kind == CgKind::OutDlp)
                    p.variant = quint8(s.weighted({0.35, 0.45, 0.08, 0.08, 0.04}));
                break;
            case 2:
                p.kind = s.chance(0.04) ? CgKind::IntIep : CgKind::IntClean;
                break;
            default:
                p.kind = CgKind::Notification;
            }
        }
        const CgKind kind = p.kind;

        if (isRejected(kind) || kind == CgKind::InBounce)
            p.recipients = 1;
        else if (kind == CgKind::Notification)
            p.recipients = int(s.range(2, 6));
        else
            p.recipients = 1 + s.weighted({0.80, 0.12, 0.05, 0.03});

        if (kind == CgKind::InAv || kind == CgKind::InAttachThreat)
            p.attachments = 1 + (s.chance(0.3) ? 1 : 0);
        else if (kind == CgKind::InClean)
            p.attachments = s.weighted({0.6, 0.3, 0.1});
        else if (isOutbound(kind))
            p.attachments = s.weighted({0.65, 0.25, 0.10});
        else if (kind == CgKind::IntClean || kind == CgKind::IntIep)
            p.attachments = s.chance(0.25) ? 1 : 0;

        p.sandboxed = kind == CgKind::InAttachThreat
            || (kind == CgKind::InClean && p.attachments > 0 && s.chance(ctx.pSandbox));
        const bool clicked = kind == CgKind::InUrlThreat
            || (kind == CgKind::InClean && s.chance(ctx.pClick))
            || (kind == CgKind::IntClean && s.chance(ctx.pInternalClick));
        const bool impersonationTag = kind == CgKind::InClean && s.chance(ctx.pImpersonationTag);
        const bool journal = isOutbound(kind) || kind == CgKind::IntClean || kind == CgKind::IntIep
            || (kind == CgKind::InClean && s.chance(0.3));
        const bool delivers = kind == CgKind::InClean || kind == CgKind::InUrlThreat
            || kind == CgKind::InBounce || kind == CgKind::OutClean || kind == CgKind::IntClean
            || kind == CgKind::IntIep || kind == CgKind::Notification
            || (kind == CgKind::OutDlp && p.variant != DlpHold);
        if (delivers && kind != CgKind::Notification) {
            const double failRate = isOutbound(kind) ? 0.05 : 0.02;
            for (int r = 0; r < p.recipients; ++r) {
                if (s.chance(failRate))
                    p.failMask |= 1u << r;
            }
        }

        // The whole chain stays inside its bucket, so a bucket never depends on its neighbours.
        qint64 maxChain = 60 * kMsPerSecond;
        if (p.sandboxed)
            maxChain = 4 * kMsPerMinute;
        if (clicked)
            maxChain = 15 * kMsPerMinute;
        p.t0 = bucketStart + s.range(0, kBucketMs - maxChain - 1);
        const qint64 t0 = p.t0;

        auto addRow = [&p](qint64 ts, CgType type, int recipient, int variant) {
            RowShape row;
            row.ts = ts;
            row.tie = mix64(p.seed ^ (kRowSalt + quint64(p.rows.size())));
            row.type = type;
            row.recipient = qint8(recipient);
            row.variant = quint8(variant);
            p.rows.append(row);
        };
        auto addSide = [&p](qint64 ts, SideStream stream, int recipient, int variant, bool bad) {
            SideShape side;
            side.ts = wholeSecond(ts);
            side.tie = mix64(p.seed ^ (kSideSalt + quint64(p.sides.size())));
            side.stream = stream;
            side.recipient = qint8(recipient);
            side.variant = quint8(variant);
            side.malicious = bad;
            p.sides.append(side);
        };

        switch (kind) {
        case CgKind::InRejectEnvelope:
        case CgKind::InRejectHeader:
        case CgKind::InRejectVirus:
            addRow(t0, CgReceipt, -1, 0);
            return p;
        case CgKind::InRejectSpam:
            addRow(t0, CgReceipt, -1, 0);
            addRow(t0 + s.range(5, 400), CgSpam, -1, 1);
            return p;
        case CgKind::InSpamHeld:
        case CgKind::InAv:
        case CgKind::InImpersonation: {
            addRow(t0, CgReceipt, -1, 0);
            const qint64 tv = t0 + s.range(150, 2500);
            if (kind == CgKind::InSpamHeld)
                addRow(tv, CgSpam, -1, 0);
            else if (kind == CgKind::InAv)
                addRow(tv, CgAv, -1, 0);
            else
                addRow(tv, CgImpersonationProtect, -1, 0);
            addRow(tv + s.range(100, 1500), CgProcess, -1, 0);
            if (kind == CgKind::InImpersonation) {
                for (int r = 0; r < p.recipients; ++r)
                    addSide(tv, SideTtpImpersonation, r, 0, true);
            }
            return p;
        }
        case CgKind::InAttachThreat: {
            addRow(t0, CgReceipt, -1, 0);
            const qint64 tp = t0 + s.range(100, 1500);
            addRow(tp, CgProcess, -1, 0);
            const qint64 tsb = tp + s.range(20 * kMsPerSecond, 150 * kMsPerSecond);
            for (int r = 0; r < p.recipients; ++r) {
                addRow(tsb + s.range(0, 3000), CgAttachmentProtect, r, 0);
                for (int a = 0; a < p.attachments; ++a)
                    addSide(tsb, SideTtpAttachment, r, a, a == 0);
            }
            return p;
        }
        case CgKind::Notification: {
            addRow(t0, CgProcess, -1, 0);
            for (int r = 0; r < p.recipients; ++r)
                addRow(t0 + s.range(300, 5000), CgDelivery, r, 0);
            return p;
        }
        default:
            break;
        }

        // Delivered kinds: receipt -> process -> (verdicts) -> delivery per recipient.
        addRow(t0, CgReceipt, -1, 0);
        const qint64 tp = t0 + s.range(100, 1500);
        addRow(tp, CgProcess, -1, 0);
        qint64 tDeliver = tp;
        if (p.sandboxed) {
            tDeliver = tp + s.range(20 * kMsPerSecond, 150 * kMsPerSecond);
            for (int r = 0; r < p.recipients; ++r) {
                for (int a = 0; a < p.attachments; ++a) {
                    // Mostly safe; a few scans time out or end without a verdict.
                    const int verdict = s.weighted({0.93, 0.05, 0.02});
                    addSide(tDeliver, SideTtpAttachment, r, a | (verdict << 4), false);
                }
            }
        }
        if (journal) {
            if (kind == CgKind::IntClean || kind == CgKind::IntIep) {
                for (int r = 0; r < p.recipients; ++r)
                    addRow(t0 + s.range(300, 2500), CgJournal, r, 0);
            } else {
                addRow(t0 + s.range(300, 2500), CgJournal, -1, 0);
            }
        }
        if (kind == CgKind::IntIep)
            addRow(tp + s.range(100, 2000), CgInternalEmailProtect, -1, 0);
        if (kind == CgKind::OutDlp) {
            const int policy = int(s.below(quint64(vocab::dlpPolicies().size())));
            for (int r = 0; r < p.recipients; ++r)
                addSide(tp, SideDlp, r, policy, p.variant == DlpHold);
        }
        if (impersonationTag)
            addSide(tp - s.range(0, 90), SideTtpImpersonation, 0, 0, false);
        QVarLengthArray<qint64, 8> deliveries;
        if (delivers) {
            for (int r = 0; r < p.recipients; ++r) {
                const qint64 td = tDeliver + s.range(700, 9000);
                deliveries.append(td);
                addRow(td, CgDelivery, r, 0);
            }
        }
        if (clicked && !deliveries.isEmpty()) {
            const int r = int(s.below(quint64(p.recipients)));
            p.failMask &= ~(1u << r); // only a delivered message can be clicked
            const qint64 tc = deliveries.at(r) + s.range(5 * kMsPerSecond, 10 * kMsPerMinute);
            const bool bad = kind == CgKind::InUrlThreat;
            addSide(tc, SideTtpUrl, r, 0, bad);
            if (bad)
                addRow(tc, CgUrlProtect, r, 0);
        }
        return p;
    }

    QString processingId(const CgPlan &plan, const RowShape &row, int rowIndex)
    {
        // Notification deliveries share one processing id (mimecast-api.md §9.1).
        const quint64 salt = (plan.kind == CgKind::Notification && row.type == CgDelivery)
            ? kProcessingSalt + 0xff
            : kProcessingSalt + quint64(rowIndex);
        return vocab::token(plan.seed ^ salt, 20) + u'_' + QString::number(floorDiv(plan.t0, 1000));
    }

    QString recipientsOf(const CgIdentity &identity, int recipient)
    {
        if (recipient >= 0 && recipient < identity.recipients.size())
            return identity.recipients.at(recipient);
        return identity.recipients.join(u", "_s);
    }

    QString attachmentList(const CgIdentity &identity)
    {
        if (identity.attachments.isEmpty())
            return {};
        QStringList quoted;
        for (const QString &name : identity.attachments)
            quoted.append(u'"' + name + u'"');
        return quoted.join(u", "_s);
    }

    qint64 attachmentTotal(const CgIdentity &identity)
    {
        qint64 total = 0;
        for (const qint64 size : identity.attachmentSizes)
            total += size;
        return total;
    }

    QJsonValue orNull(const QString &text)
    {
        return text.isEmpty() ? jsonNull() : QJsonValue(text);
    }

    QString buildSpamProcessingDetail(Prng &prng, bool suspicious)
    {
        auto verdict = [&prng, suspicious](double failRate) {
            const bool allow = !(suspicious && prng.chance(failRate));
            return QJsonObject {{u"allow"_s, allow}, {u"info"_s, allow ? u"ALLOW"_s : u"FAIL"_s}};
        };
        auto none = [] { return QJsonObject {{u"allow"_s, true}, {u"info"_s, u"NONE"_s}}; };
        const QJsonObject detail {
            {u"spf"_s, verdict(0.5)},
            {u"dkim"_s, verdict(0.6)},
            {u"dmarc"_s, verdict(0.6)},
            {u"greyEmail"_s, false},
            {u"rbl"_s, QJsonObject {{u"allow"_s, true}, {u"info"_s, u""_s}}},
            {u"managedSender"_s, none()},
            {u"permittedSender"_s, none()},
            {u"blockedSender"_s, none()},
        };
        return QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    }

    QString spamProcessingDetail(Prng &prng, bool suspicious)
    {
        // The common all-pass document draws nothing from the PRNG, so it can be built once.
        static const QString allPass = [] {
            Prng unused(0);
            return buildSpamProcessingDetail(unused, false);
        }();
        return suspicious ? buildSpamProcessingDetail(prng, true) : allPass;
    }

} // namespace

const QStringList &cgTypeNames()
{
    static const QStringList names = {u"receipt"_s, u"process"_s, u"delivery"_s, u"av"_s, u"spam"_s,
        u"internal email protect"_s, u"impersonation protect"_s, u"url protect"_s,
        u"attachment protect"_s, u"journal"_s};
    return names;
}

const QStringList &dlpActions()
{
    static const QStringList actions = {
        u"hold"_s, u"notification"_s, u"smart_folder"_s, u"secure_messaging"_s, u"bounce"_s};
    return actions;
}

CgBucket planCgBucket(const GenContext &ctx, qint64 bucket, bool withOrder)
{
    CgBucket result;
    result.bucket = bucket;
    Prng prng(mixSeed(ctx.seed, u"seg.cg", bucket));
    int count = bucketCount(prng, ctx.volume, bucket);
    const bool guarantee = isGuaranteeHour(ctx.seed, u"seg.cg", bucket);
    if (guarantee)
        count = qMax(count, kForcedCount);
    const qint64 bucketStart = bucket * kBucketMs;
    result.plans.reserve(count);
    for (int i = 0; i < count; ++i) {
        const quint64 msgSeed = prng.next();
        result.plans.append(
            planMessage(ctx, msgSeed, bucketStart, guarantee && i < kForcedCount ? i : -1));
    }
    if (!withOrder)
        return result;
    qsizetype rows = 0;
    for (const CgPlan &plan : std::as_const(result.plans))
        rows += plan.rows.size();
    result.order.reserve(rows);
    for (int i = 0; i < result.plans.size(); ++i) {
        const CgPlan &plan = result.plans.at(i);
        for (int r = 0; r < plan.rows.size(); ++r) {
            const RowShape &row = plan.rows.at(r);
            result.order.append(FeedRowRef {row.ts, row.tie, row.type, i, r});
        }
    }
    std::sort(result.order.begin(), result.order.end(),
        [](const FeedRowRef &a, const FeedRowRef &b) { return feedRowLess(a, b); });
    return result;
}

CgIdentity cgIdentity(const GenContext &ctx, const CgPlan &plan)
{
    Prng d(mix64(plan.seed ^ kDetailSalt));
    CgIdentity id;
    const CgKind kind = plan.kind;
    const bool inbound = isInbound(kind);
    const bool outbound = isOutbound(kind);
    id.direction = inbound ? u"Inbound"_s : (outbound ? u"Outbound"_s : u"Internal"_s);
    id.partition = int(mix64(plan.seed ^ 0x9a27) % 16);

    // Sender.
    int senderUser = -1;
    bool bounce = kind == CgKind::InBounce;
    if (kind == CgKind::InClean) {
        id.senderDomain = d.pick(vocab::partnerDomains());
        id.sender = d.pick(vocab::partnerLocalParts()) + u'@' + id.senderDomain;
        id.senderIp = vocab::stableExternalIp(hashString(id.senderDomain));
    } else if (kind == CgKind::InImpersonation) {
        const SimUser exec = simUser(ctx.seed, int(d.below(quint64(ctx.population))));
        id.senderDomain = d.pick(vocab::lookalikeDomains());
        id.sender =
            (d.chance(0.5) ? u"ceo"_s : exec.email.section(u'@', 0, 0)) + u'@' + id.senderDomain;
        id.impostorName = exec.name;
        id.senderIp = vocab::externalIp(d);
    } else if (inbound && !bounce) {
        id.senderDomain = d.pick(vocab::badDomains());
        id.sender = d.pick(vocab::badLocalParts()) + u'@' + id.senderDomain;
        id.senderIp = vocab::externalIp(d);
    } else if (bounce) {
        id.senderDomain = d.pick(vocab::partnerDomains());
        id.sender = u"<>"_s;
        id.senderIp = vocab::stableExternalIp(hashString(id.senderDomain));
    } else if (kind == CgKind::Notification) {
        id.senderDomain = vocab::kTenantDomain.toString();
        id.sender = u"postmaster@"_s + id.senderDomain;
        id.senderIp = vocab::internalIp(d);
    } else {
        senderUser = int(d.below(quint64(ctx.population)));
        id.senderDomain = vocab::kTenantDomain.toString();
        // A few outbound messages are non-delivery reports with the null sender.
        bounce = outbound && d.chance(0.04);
        id.sender = bounce ? u"<>"_s : simUserEmail(ctx.seed, senderUser);
        id.senderIp = vocab::internalIp(d);
    }
    id.senderHeader = bounce ? u"MAILER-DAEMON@"_s + id.senderDomain : id.sender;

    // Recipients: distinct tenant users, or external addresses for outbound mail.
    QList<int> chosen;
    for (int r = 0; r < plan.recipients; ++r) {
        if (outbound) {
            const QString local = d.chance(0.5)
                ? simUserEmail(ctx.seed ^ 0xc057, int(d.below(4096))).section(u'@', 0, 0)
                : d.pick(vocab::partnerLocalParts());
            QString address = local + u'@' + d.pick(vocab::customerDomains());
            while (id.recipients.contains(address))
                address = u"x"_s + address;
            id.recipients.append(address);
            continue;
        }
        int user = int(d.below(quint64(ctx.population)));
        while (chosen.contains(user) || user == senderUser)
            user = (user + 1) % ctx.population;
        chosen.append(user);
        id.recipients.append(simUserEmail(ctx.seed, user));
    }

    // Subject.
    switch (kind) {
    case CgKind::InSpamHeld:
    case CgKind::InRejectSpam:
        id.subject = d.pick(vocab::spamSubjects());
        break;
    case CgKind::InImpersonation:
        id.subject = d.pick(vocab::impersonationSubjects());
        break;
    case CgKind::InAv:
    case CgKind::InAttachThreat:
    case CgKind::InUrlThreat:
    case CgKind::InRejectEnvelope:
    case CgKind::InRejectHeader:
    case CgKind::InRejectVirus:
    case CgKind::IntIep:
        id.subject = d.pick(vocab::phishSubjects());
        break;
    case CgKind::OutClean:
    case CgKind::OutDlp:
        id.subject = d.pick(vocab::outboundSubjects());
        break;
    case CgKind::IntClean:
        id.subject = d.pick(vocab::internalSubjects());
        break;
    case CgKind::Notification:
        id.subject = u"You have new held messages"_s;
        break;
    default:
        id.subject = d.pick(vocab::cleanSubjects());
    }
    if (bounce)
        id.subject = u"Undeliverable: "_s + id.subject;

    // Attachments; known-bad files come from a small pool keyed by the seed only. Clean names are
    // consecutive entries of the list, so the names of one message are distinct.
    const auto &cleanNames = vocab::cleanAttachments();
    const qsizetype firstClean = qsizetype(d.below(quint64(cleanNames.size())));
    for (int a = 0; a < plan.attachments; ++a) {
        const bool bad = a == 0 && (kind == CgKind::InAv || kind == CgKind::InAttachThreat);
        if (bad) {
            const int pool = int(d.below(quint64(vocab::maliciousAttachments().size())));
            const quint64 key = mix64(ctx.seed ^ 0xbad0000ULL ^ quint64(pool));
            id.attachments.append(vocab::maliciousAttachments().at(pool));
            id.attachmentKeys.append(key);
            id.attachmentSizes.append(qint64(20000 + key % 900000));
        } else {
            id.attachments.append(cleanNames.at((firstClean + a) % cleanNames.size()));
            id.attachmentKeys.append(mix64(plan.seed ^ (kAttachmentSalt + quint64(a))));
            id.attachmentSizes.append(d.range(8000, 2500000));
        }
    }
    id.emailSize = attachmentTotal(id) + d.range(2000, 60000);

    if (d.chance(0.9)) {
        id.tlsVersion = d.chance(0.7) ? u"TLSv1.3"_s : u"TLSv1.2"_s;
        // The first two ciphers are TLS 1.3 suites, the others TLS 1.2 ones.
        const int base = id.tlsVersion == u"TLSv1.3"_s ? 0 : 2;
        id.tlsCipher = vocab::tlsCiphers().at(base + int(d.below(2)));
    }
    id.spamScore = (kind == CgKind::InSpamHeld || kind == CgKind::InRejectSpam)
        ? int(d.range(35, 95))
        : int(d.range(0, 14));
    id.virus = d.pick(vocab::virusNames());
    if (kind == CgKind::InUrlThreat || kind == CgKind::IntIep) {
        id.url = d.pick(vocab::maliciousUrls());
        id.urlCategory = d.pick(vocab::maliciousUrlCategories());
    } else {
        id.url = d.pick(vocab::cleanUrls());
        id.urlCategory = d.pick(vocab::cleanUrlCategories());
    }
    const QString host = outbound || kind == CgKind::IntClean || kind == CgKind::IntIep
            || kind == CgKind::Notification
        ? vocab::kTenantDomain.toString()
        : u"mail."_s + id.senderDomain;
    const quint64 mid = mix64(plan.seed ^ 0x4d49);
    id.messageId = u'<' + vocab::hex64(mid).left(8) + u'.' + vocab::hex64(mix64(mid)).left(8) + u'@'
        + host + u'>';
    id.aggregateId =
        vocab::token(plan.seed ^ 0xa66, 16) + u'_' + QString::number(floorDiv(plan.t0, 1000));
    return id;
}

QJsonObject cgRow(const CgPlan &plan, const CgIdentity &id, int rowIndex, qint64 offset)
{
    const RowShape &row = plan.rows.at(rowIndex);
    const CgKind kind = plan.kind;
    Prng r(mix64(plan.seed ^ (kRowSalt + 0x80 + quint64(rowIndex))));
    QJsonObject o;
    o.insert(u"_offset"_s, offset);
    o.insert(u"_partition"_s, id.partition);
    o.insert(u"accountId"_s, vocab::kAccountId.toString());
    o.insert(u"aggregateId"_s, id.aggregateId);
    o.insert(u"processingId"_s, processingId(plan, row, rowIndex));
    o.insert(u"timestamp"_s, row.ts);
    o.insert(u"type"_s, cgTypeNames().at(row.type));
    const QString recipients = recipientsOf(id, row.recipient);
    const QString inboundRoute = id.direction;

    switch (row.type) {
    case CgReceipt: {
        const bool rejected = isRejected(kind);
        const QString action = rejected ? u"Rej"_s : u"Acc"_s;
        o.insert(u"subtype"_s, action);
        o.insert(u"action"_s, action);
        o.insert(u"direction"_s, id.direction);
        o.insert(u"messageId"_s, rejected ? jsonNull() : QJsonValue(id.messageId));
        o.insert(u"numberAttachments"_s, QString::number(id.attachments.size()));
        o.insert(u"receiptErrors"_s, jsonNull());
        o.insert(u"recipients"_s, recipients);
        QJsonValue code = jsonNull();
        QJsonValue info = jsonNull();
        QJsonValue type = jsonNull();
        QJsonValue virus = jsonNull();
        QString spamInfo = u"[]"_s;
        switch (kind) {
        case CgKind::InRejectEnvelope:
            code = u"550"_s;
            info = u"Envelope blocked - User Entry"_s;
            type = u"Manual Envelope Rejection"_s;
            break;
        case CgKind::InRejectHeader:
            code = u"550"_s;
            info = u"Rejected by header based Blocked Senders"_s;
            type = u"Header Rejected"_s;
            virus = QString(u"Rejected by header based Blocked Senders: "_s + id.sender);
            break;
        case CgKind::InRejectSpam:
            code = u"550"_s;
            info = u"Spam Signature Detected"_s;
            type = u"Spam"_s;
            spamInfo = u"[\"Spam Signature Detected\",\"RBL: bl.example\"]"_s;
            break;
        case CgKind::InRejectVirus:
            code = u"554"_s;
            info = QString(u"Message rejected due to virus: "_s + id.virus);
            type = u"Virus Signature Detection"_s;
            virus = id.virus;
            break;
        case CgKind::InSpamHeld:
            spamInfo = u"[\"Spam Score Threshold\"]"_s;
            break;
        default:
            break;
        }
        o.insert(u"rejectionCode"_s, code);
        o.insert(u"rejectionInfo"_s, info);
        o.insert(u"rejectionType"_s, type);
        o.insert(u"senderEnvelope"_s, id.sender);
        o.insert(u"senderHeader"_s,
            rejected && r.chance(0.3) ? jsonNull() : QJsonValue(id.senderHeader));
        o.insert(u"senderIp"_s, id.senderIp);
        o.insert(u"spamDetectionLevel"_s, u"7"_s);
        o.insert(u"spamInfo"_s, spamInfo);
        o.insert(u"spamProcessingDetail"_s,
            isInbound(kind) ? QJsonValue(spamProcessingDetail(r, kind != CgKind::InClean))
                            : jsonNull());
        o.insert(u"spamScore"_s, rejected ? jsonNull() : QJsonValue(QString::number(id.spamScore)));
        o.insert(u"subject"_s, rejected ? jsonNull() : QJsonValue(id.subject));
        o.insert(u"tlsCipher"_s, orNull(id.tlsCipher));
        o.insert(u"tlsVersion"_s, orNull(id.tlsVersion));
        o.insert(u"virusFound"_s, virus);
        break;
    }
    case CgProcess: {
        QString action = u"Acc"_s;
        QJsonValue holdReason = jsonNull();
        if (kind == CgKind::InSpamHeld) {
            action = u"Hld"_s;
            holdReason = u"Spm"_s;
        } else if (kind == CgKind::InAv || kind == CgKind::InImpersonation
            || (kind == CgKind::OutDlp && plan.variant == DlpHold)) {
            action = u"Hld"_s;
            holdReason = u"Oth"_s;
        } else if (plan.sandboxed) {
            action = u"Sdbx"_s;
        }
        o.insert(u"subtype"_s, action);
        o.insert(u"action"_s, action);
        o.insert(u"holdReason"_s, holdReason);
        o.insert(u"attachments"_s, orNull(attachmentList(id)));
        o.insert(u"emailSize"_s, QString::number(id.emailSize));
        o.insert(u"messageId"_s, id.messageId);
        o.insert(u"numberAttachments"_s, QString::number(id.attachments.size()));
        o.insert(u"senderEnvelope"_s, id.sender);
        o.insert(u"subject"_s, id.subject);
        o.insert(u"totalSizeAttachments"_s, QString::number(attachmentTotal(id)));
        break;
    }
    case CgDelivery: {
        const bool delivered = !(plan.failMask & (1u << qMax(0, int(row.recipient))));
        const QString flag = delivered ? u"true"_s : u"false"_s;
        const bool outbound = isOutbound(kind);
        o.insert(u"subtype"_s, flag);
        o.insert(u"delivered"_s, flag);
        QString hostname = u"mx-relay.corp.example"_s;
        QString route = u"Office 365 Delivery Route"_s;
        QString destination = u"203.0.113.40"_s;
        if (outbound) {
            const QString domain = recipients.section(u'@', 1);
            hostname = u"mx1."_s + domain;
            route = u"Default Outbound Route"_s;
            destination = vocab::stableExternalIp(hashString(domain));
        } else if (id.direction == u"Internal"_s) {
            route = u"Internal Delivery Route"_s;
            destination = u"10.20.0.25"_s;
        }
        o.insert(u"Hostname"_s, hostname);
        o.insert(u"deliveryAttempts"_s, QString::number(delivered ? 1 : r.range(2, 5)));
        o.insert(u"deliveryErrors"_s,
            delivered ? jsonNull() : QJsonValue(u"Remote server rejected the recipient"_s));
        o.insert(u"deliveryTime"_s, QString::number(r.range(180, 4000)));
        o.insert(u"destinationIp"_s, destination);
        o.insert(u"direction"_s, id.direction);
        o.insert(u"emailSize"_s, QString::number(id.emailSize));
        o.insert(u"messageId"_s, id.messageId);
        o.insert(u"numberAttachments"_s, QString::number(id.attachments.size()));
        o.insert(u"recipients"_s, recipients);
        o.insert(u"rejectionCode"_s, delivered ? jsonNull() : QJsonValue(u"550"_s));
        o.insert(u"rejectionInfo"_s,
            delivered ? jsonNull()
                      : QJsonValue(u"550 5.1.1 <"_s + recipients
                          + u">: Recipient address rejected: User unknown"_s));
        o.insert(u"rejectionType"_s,
            delivered ? jsonNull() : QJsonValue(u"Recipient Address Rejected"_s));
        o.insert(u"route"_s, route);
        o.insert(u"senderEnvelope"_s, id.sender);
        o.insert(u"subject"_s, id.subject);
        const bool tls = r.chance(0.93);
        // The first two ciphers are TLS 1.3 suites, the others TLS 1.2 ones.
        const qsizetype cipher = qsizetype(r.below(quint64(vocab::tlsCiphers().size())));
        o.insert(u"tlsCipher"_s, tls ? QJsonValue(vocab::tlsCiphers().at(cipher)) : jsonNull());
        o.insert(u"tlsUsed"_s, tls ? u"Yes"_s : u"No"_s);

        o.insert(u"tlsVersion"_s,
            tls ? QJsonValue(cipher < 2 ? u"TLSv1.3"_s : u"TLSv1.2"_s) : jsonNull());
        o.insert(u"totalSizeAttachments"_s, QString::number(attachmentTotal(id)));
        break;
    }
    case CgAv: {
        const QString file = id.attachments.value(row.variant);
        const quint64 key = id.attachmentKeys.value(row.variant);
        o.insert(u"subtype"_s, jsonNull());
        o.insert(u"fileName"_s, file);
        o.insert(u"fileExtension"_s, vocab::extensionOf(file));
        o.insert(u"md5"_s, vocab::md5Hex(key));
        o.insert(u"sha1"_s, vocab::sha1Hex(key));
        o.insert(u"sha256"_s, vocab::sha256Hex(key));
        o.insert(u"virusFound"_s, id.virus);
        o.insert(u"senderDomainInternal"_s, u"false"_s);
        o.insert(u"senderIp"_s, id.senderIp);
        o.insert(u"senderDomain"_s, id.senderDomain);
        o.insert(u"senderEnvelope"_s, id.sender);
        o.insert(u"recipients"_s, recipients);
        o.insert(u"route"_s, inboundRoute);
        o.insert(u"subject"_s, id.subject);
        o.insert(u"messageId"_s, id.messageId);
        o.insert(u"emailSize"_s, QString::number(id.emailSize));
        break;
    }
    case CgSpam: {
        const bool rejected = row.variant == 1;
        o.insert(u"subtype"_s, rejected ? QJsonValue(u"Rej"_s) : jsonNull());
        o.insert(u"messageId"_s, rejected ? jsonNull() : QJsonValue(id.messageId));
        o.insert(u"recipients"_s, recipients);
        o.insert(u"rejectionCode"_s, rejected ? QJsonValue(u"550"_s) : jsonNull());
        o.insert(u"rejectionType"_s, rejected ? QJsonValue(u"Spam"_s) : jsonNull());
        o.insert(u"route"_s, inboundRoute);
        o.insert(u"senderDomain"_s, id.senderDomain);
        o.insert(u"senderEnvelope"_s, id.sender);
        o.insert(u"senderHeader"_s, id.senderHeader);
        o.insert(u"senderIp"_s, id.senderIp);
        o.insert(u"subject"_s, id.subject);
        break;
    }
    case CgInternalEmailProtect:
        o.insert(u"subtype"_s, jsonNull());
        o.insert(u"messageId"_s, id.messageId);
        o.insert(u"monitoredDomainSource"_s, jsonNull());
        o.insert(u"recipients"_s, recipients);
        o.insert(u"route"_s, u"Internal"_s);
        o.insert(u"scanResults"_s, u"Blocked URL Category"_s);
        o.insert(u"senderEnvelope"_s, id.sender);
        o.insert(u"similarDomain"_s, jsonNull());
        o.insert(u"subject"_s, id.subject);
        o.insert(u"urlCategory"_s, id.urlCategory);
        break;
    case CgImpersonationProtect: {
        const bool similar = r.chance(0.7);
        const bool internalName = r.chance(0.6);
        const bool newDomain = r.chance(0.5);
        const bool dictionary = r.chance(0.4);
        const int items = 1 + int(similar) + int(internalName) + int(newDomain) + int(dictionary);
        auto flag = [](bool on) { return on ? u"true"_s : u"false"_s; };
        o.insert(u"subtype"_s, jsonNull());
        o.insert(u"action"_s, u"Hold"_s);
        o.insert(u"policyDefinition"_s, u"Default Impersonation Definition"_s);
        o.insert(u"itemsDetected"_s, QString::number(items));
        o.insert(u"internalUserName"_s, flag(internalName));
        o.insert(u"customNameMatch"_s, flag(false));
        o.insert(u"customThreatDictionary"_s, flag(false));
        o.insert(u"mimecastThreatDictionary"_s, flag(dictionary));
        o.insert(u"newDomain"_s, flag(newDomain));
        o.insert(u"replyMismatch"_s, flag(true));
        o.insert(u"similarInternalDomain"_s, flag(similar));
        o.insert(u"similarCustomExternalDomain"_s, flag(false));
        o.insert(u"similarMimecastExternalDomain"_s, flag(false));
        o.insert(u"taggedExternal"_s, flag(true));
        o.insert(u"taggedMalicious"_s, flag(true));
        o.insert(u"senderEnvelope"_s, id.sender);
        o.insert(u"senderIp"_s, id.senderIp);
        o.insert(u"recipients"_s, recipients);
        o.insert(u"route"_s, inboundRoute);
        o.insert(u"subject"_s, id.subject);
        o.insert(u"messageId"_s, id.messageId);
        break;
    }
    case CgUrlProtect:
        o.insert(u"subtype"_s, jsonNull());
        o.insert(u"url"_s, id.url);
        o.insert(u"urlCategory"_s, id.urlCategory);
        o.insert(u"action"_s, u"Block"_s);
        o.insert(u"blockReason"_s, u"malicious"_s);
        o.insert(u"analysis"_s, jsonNull());
        o.insert(u"sourceIp"_s, vocab::externalIp(r));
        o.insert(u"senderDomain"_s, id.senderDomain);
        o.insert(u"senderEnvelope"_s, id.sender);
        o.insert(u"recipients"_s, recipients);
        o.insert(u"route"_s, inboundRoute);
        o.insert(u"subject"_s, id.subject);
        o.insert(u"messageId"_s, id.messageId);
        break;
    case CgAttachmentProtect: {
        const QString file = id.attachments.value(row.variant);
        const quint64 key = id.attachmentKeys.value(row.variant);
        o.insert(u"subtype"_s, jsonNull());
        o.insert(u"fileName"_s, file);
        o.insert(u"fileExtension"_s, vocab::extensionOf(file));
        o.insert(u"md5"_s, vocab::md5Hex(key));
        o.insert(u"sha1"_s, vocab::sha1Hex(key));
        o.insert(u"sha256"_s, vocab::sha256Hex(key));
        // Optional fields appear on some rows only (mimecast-api.md §9.1).
        if (r.chance(0.6)) {
            o.insert(u"fileMime"_s, vocab::mimeTypeFor(file));
            o.insert(u"sizeAttachment"_s, QString::number(id.attachmentSizes.value(row.variant)));
        }
        o.insert(u"senderIp"_s, id.senderIp);
        o.insert(u"senderDomain"_s, id.senderDomain);
        o.insert(u"senderEnvelope"_s, id.sender);
        o.insert(u"recipients"_s, recipients);
        o.insert(u"route"_s, inboundRoute);
        o.insert(u"subject"_s, id.subject);
        o.insert(u"messageId"_s, id.messageId);
        if (r.chance(0.2))
            o.insert(u"customerIp"_s, vocab::internalIp(r));
        break;
    }
    case CgJournal:
        o.insert(u"subtype"_s, jsonNull());
        o.insert(u"direction"_s, id.direction);
        o.insert(u"messageId"_s, id.messageId);
        o.insert(u"recipients"_s, recipients);
        o.insert(u"senderEnvelope"_s, id.sender);
        break;
    default:
        break;
    }
    return o;
}

QJsonObject cgSide(const CgPlan &plan, const CgIdentity &id, int sideIndex)
{
    const SideShape &side = plan.sides.at(sideIndex);
    Prng r(mix64(plan.seed ^ (kSideSalt + 0x80 + quint64(sideIndex))));
    const QString recipient = id.recipients.value(side.recipient);
    const QString time = formatT2(side.ts);
    QJsonObject o;
    switch (side.stream) {
    case SideTtpUrl: {
        const bool internal = id.direction == u"Internal"_s;
        QString action = u"allow"_s;
        QString actions = u"Allow"_s;
        QString awareness = u"N/A"_s;
        if (side.malicious) {
            if (r.chance(0.8)) {
                action = u"block"_s;
                actions = u"Block"_s;
            } else {
                action = u"warn"_s;
                actions = u"Browser Isolation"_s;
                awareness = u"Continue"_s;
            }
        }
        o.insert(u"userEmailAddress"_s, recipient);
        o.insert(u"fromUserEmailAddress"_s, id.sender);
        o.insert(u"url"_s, id.url);
        o.insert(u"ttpDefinition"_s,
            internal ? u"Default Internal URL Protect Definition"_s
                     : u"Default Inbound URL Protect Definition"_s);
        o.insert(u"subject"_s, id.subject);
        o.insert(u"action"_s, action);
        o.insert(u"adminOverride"_s, u"N/A"_s);
        o.insert(u"userOverride"_s, u"None"_s);
        o.insert(u"scanResult"_s, side.malicious ? u"malicious"_s : u"clean"_s);
        o.insert(u"category"_s, id.urlCategory);
        o.insert(u"sendingIp"_s, internal ? u"Internal IP"_s : id.senderIp);
        o.insert(u"userAwarenessAction"_s, awareness);
        o.insert(u"date"_s, time);
        o.insert(u"actions"_s, actions);
        o.insert(u"route"_s, internal ? u"internal"_s : u"inbound"_s);
        o.insert(u"creationMethod"_s, u"User Click"_s);
        o.insert(u"emailPartsDescription"_s,
            plan.attachments > 0 && r.chance(0.3) ? QJsonArray {u"Body"_s, u"Attachment"_s}
                                                  : QJsonArray {u"Body"_s});
        o.insert(u"messageId"_s, id.messageId);
        if (side.malicious) {
            const QString host = id.url.section(u'/', 2, 2);
            // The tags fit the URL: a file download, a credential form, or a reputation hit.
            const QString path = id.url.section(u'/', 3);
            int variant = 1;
            if (path.endsWith(u".exe"_s) || path.endsWith(u".zip"_s) || path.endsWith(u".js"_s))
                variant = 0;
            else if (path.contains(u"o365"_s) || path.contains(u"verify"_s))
                variant = 2;
            switch (variant) {
            case 0:
                o.insert(u"tagMap"_s,
                    QJsonObject {
                        {u"DangerousFileExt"_s,
                            QJsonObject {{u"Status"_s,
                                             QJsonArray {u"CustomerSpecific"_s, u"VerdictBlock"_s}},
                                {u"Inspect:FileExts"_s, QJsonArray {u"[exe]"_s}},
                                {u"Inspect:MimeTypes"_s, QJsonArray {u"[application/x-dosexec]"_s}},
                                {u"ContentCheck:DangerousExtsUrlFileDownload"_s,
                                    QJsonArray {u"exe"_s}}}},
                        {u"AvScanning"_s,
                            QJsonObject {{u"ContentCheck:AvSignatureName"_s, QJsonArray {id.virus}},
                                {u"ScannerInfo:CategoryTrigger"_s, QJsonArray {u"Malware"_s}}}}});
                break;
            case 1:
                o.insert(u"tagMap"_s,
                    QJsonObject {{u"UrlReputationScan"_s,
                                     QJsonObject {{u"Status"_s, QJsonArray {u"Malicious"_s}},
                                         {u"Type"_s, QJsonArray {u"url"_s}},
                                         {u"UrlBlock"_s, QJsonArray {u"True"_s}},
                                         {u"Url"_s, QJsonArray {host}}}},
                        {u"CustomerManagedUrls"_s,
                            QJsonObject {{u"ManagedUrlEntry"_s, QJsonArray {host}},
                                {u"Blocklisted"_s, QJsonArray {u"True"_s}},
                                {u"Status"_s, QJsonArray {u"Blocked"_s}}}}});
                break;
            default:
                o.insert(u"tagMap"_s,
                    QJsonObject {{u"AdvancedPhishing"_s,
                        QJsonObject {{u"CredentialTheftEvidence"_s,
                                         QJsonArray {u"Login form"_s, u"Brand logo"_s}},
                            {u"CredentialTheftTags"_s, QJsonArray {u"credential-harvesting"_s}}}}});
                o.insert(u"advancedPhishingResult"_s,
                    QJsonObject {{u"CredentialTheftBrands"_s,
                                     QJsonArray {r.chance(0.5) ? u"Microsoft"_s : u"DocuSign"_s}},
                        {u"CredentialTheftEvidence"_s,
                            QJsonArray {u"Password field"_s, u"Brand logo"_s}},
                        {u"CredentialTheftTags"_s, QJsonArray {u"credential-harvesting"_s}}});
            }
        } else if (r.chance(0.15)) {
            o.insert(u"tagMap"_s,
                QJsonObject {{u"UrlReputationScan"_s,
                    QJsonObject {{u"Status"_s, QJsonArray {u"Clean"_s}},
                        {u"Type"_s, QJsonArray {u"url"_s}}}}});
        }
        break;
    }
    case SideTtpAttachment: {
        const int a = side.variant & 0x0f;
        const int verdict = side.malicious ? -1 : (side.variant >> 4);
        const QString file = id.attachments.value(a);
        QString result = u"safe"_s;
        QString word = u"Safe"_s;
        QString triggered = u"none, none"_s;
        if (verdict < 0) {
            result = u"malicious"_s;
            word = u"Malicious"_s;
            triggered = r.chance(0.5) ? u"sandbox hold, none"_s : u"block, none"_s;
        } else if (verdict == 1) {
            result = u"timeout"_s;
            word = u"Timeout"_s;
            triggered = u"user release, none"_s;
        } else if (verdict == 2) {
            result = u"unknown"_s;
            word = u"Unknown"_s;
        }
        const qint64 seconds = r.range(1, 170);
        o.insert(u"senderAddress"_s, id.sender);
        o.insert(u"recipientAddress"_s, recipient);
        o.insert(u"fileName"_s, file);
        o.insert(u"fileType"_s, vocab::mimeTypeFor(file));
        o.insert(u"result"_s, result);
        o.insert(u"actionTriggered"_s, triggered);
        o.insert(u"date"_s, time);
        // Padded text with CRLF, as the API sends it (mimecast-api.md §9.5).
        o.insert(u"details"_s,
            QString(word.leftJustified(27, u' ') + u"\r\nTime taken: 0 hrs, "_s
                + QString::number(seconds / 60) + u" min, "_s + QString::number(seconds % 60)
                + u" sec"_s));
        o.insert(u"route"_s, u"inbound"_s);
        o.insert(u"messageId"_s, id.messageId);
        o.insert(u"subject"_s, id.subject);
        o.insert(u"fileHash"_s, vocab::sha256Hex(id.attachmentKeys.value(a)));
        o.insert(u"definition"_s, u"Default Inbound Attachment Protect Definition"_s);
        break;
    }
    case SideTtpImpersonation: {
        static const QStringList vocabulary = {
            u"similar_internal_domain"_s,
            u"newly_observed_domain"_s,
            u"internal_user_name"_s,
            u"reply_address_mismatch"_s,
            u"targeted_threat_dictionary"_s,
            u"custom_external_domain"_s,
            u"mimecast_external_domain"_s,
            u"advanced_similar_internal_domain"_s,
            u"advanced_custom_external_domain"_s,
            u"advanced_mimecast_external_domain"_s,
            u"custom_name_list"_s,
        };
        QJsonArray identifiers;
        QJsonArray results;
        const int hits = side.malicious ? int(r.range(2, 4)) : 1;
        const QString display =
            id.impostorName.isEmpty() ? id.sender.section(u'@', 0, 0) : id.impostorName;
        QList<int> used;
        for (int i = 0; i < hits; ++i) {
            int pick = int(r.below(quint64(vocabulary.size())));
            while (used.contains(pick))
                pick = (pick + 1) % int(vocabulary.size());
            used.append(pick);
            identifiers.append(vocabulary.at(pick));
            results.append(QJsonObject {
                {u"impersonationDomainSource"_s, vocabulary.at(pick)},
                {u"similarDomain"_s, QString(display + u" <"_s + id.sender + u'>')},
                {u"stringSimilarToDomain"_s, display},
                {u"checkerResult"_s, u"hit"_s},
            });
        }
        QString action = u"none"_s;
        if (side.malicious)
            action = r.chance(0.8) ? u"hold"_s : u"bounce"_s;
        o.insert(u"id"_s,
            QString(u"MTOKEN:eNq"_s
                + vocab::token(mix64(plan.seed ^ 0x1d00) ^ quint64(sideIndex), 24)));
        o.insert(u"senderAddress"_s, id.sender);
        o.insert(u"recipientAddress"_s, recipient);
        o.insert(u"subject"_s, id.subject);
        o.insert(u"definition"_s,
            side.malicious ? u"IP - "_s + QString::number(hits) + u" hits (Hold)"_s
                           : u"IP - 1 hit (Tag email)"_s);
        o.insert(u"hits"_s, hits);
        o.insert(u"identifiers"_s, identifiers);
        o.insert(u"action"_s, action);
        o.insert(u"taggedExternal"_s, true);
        o.insert(u"taggedMalicious"_s, side.malicious);
        o.insert(u"senderIpAddress"_s, id.senderIp);
        o.insert(u"eventTime"_s, time);
        o.insert(u"impersonationResults"_s, results);
        o.insert(u"messageId"_s, id.messageId);
        break;
    }
    case SideDlp:
        o.insert(u"senderAddress"_s, id.sender);
        o.insert(u"recipientAddress"_s, recipient);
        o.insert(u"subject"_s, id.subject);
        o.insert(u"eventTime"_s, time);
        o.insert(u"route"_s, u"outbound"_s);
        o.insert(u"policy"_s, vocab::dlpPolicies().value(side.variant));
        o.insert(u"action"_s, dlpActions().value(plan.variant));
        o.insert(u"messageId"_s, id.messageId);
        break;
    default:
        break;
    }
    return o;
}

} // namespace msc::sim::detail
