#include "auditgen.h"

#include "prng.h"
#include "simtime.h"
#include "vocabulary.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace msc::sim::detail {

namespace {

    struct Template
    {
        QStringView category;
        QStringView auditType;
        double weight;
    };

    enum : int {
        AuthOk,
        AuthFailed,
        AuthChallenge,
        SupportLogin,
        MessageAction,
        ArchiveSearch,
        ArchiveExport,
        PageExport,
        DirectorySync,
        PasswordReset,
        RoleAssigned,
        PolicyUpdated,
        GroupUpdated,
        CampaignLaunched,
        SecureMessage,
        ApiApplication,
        TemplateCount
    };

    constexpr Template kTemplates[TemplateCount] = {
        {u"authentication_logs", u"User Logged On", 0.30},
        {u"authentication_logs", u"Logon Authentication Failed", 0.05},
        {u"authentication_logs", u"Logon Requires Challenge", 0.04},
        {u"mimecast_access_logs", u"Mimecast Support Login", 0.02},
        {u"case_review_logs", u"Message Action", 0.08},
        {u"archive_service_logs", u"Search Action", 0.08},
        {u"archive_service_logs", u"Archive Mailbox Export Download", 0.02},
        {u"reporting_logs", u"Page Data Exports", 0.05},
        {u"account_logs", u"Completed Directory Sync", 0.10},
        {u"user_account_and_role_logs", u"User Password Reset", 0.03},
        {u"user_account_and_role_logs", u"Role Assigned", 0.02},
        {u"policy_logs", u"Policy Updated", 0.05},
        {u"profile_group_logs", u"Group Updated", 0.05},
        {u"awareness_training_logs", u"Campaign Launched", 0.02},
        {u"secure_messaging_logs", u"Secure Message Sent", 0.04},
        {u"integrations_and_apis", u"API Application Updated", 0.05},
    };

    // The tenant's local time for eventInfo (T10: never used as event time): UK time, BST between
    // the last Sundays of March and October at 01:00 UTC.
    qint64 lastSundayMs(int year, int month)
    {
        const qint64 last = daysFromCivil(year, month, 31);
        const qint64 weekday = (last + 4) - floorDiv(last + 4, 7) * 7; // 0 = Sunday
        return (last - weekday) * kMsPerDay + kMsPerHour;
    }

    QString localDateTime(qint64 ms)
    {
        int year = 0;
        int month = 0;
        int day = 0;
        civilFromDays(floorDiv(ms, kMsPerDay), &year, &month, &day);
        const bool summer = ms >= lastSundayMs(year, 3) && ms < lastSundayMs(year, 10);
        const qint64 local = ms + (summer ? kMsPerHour : 0);
        const QString t2 = formatT2(local);
        return u"Date: "_s + t2.left(10) + u", Time: "_s + t2.mid(11, 8)
            + (summer ? u" BST"_s : u" GMT"_s);
    }

    QString userIp(quint64 seed, int user, Prng &prng)
    {
        if (prng.chance(0.1))
            return u"2001:db8::"_s + QString::number(mix64(seed ^ quint64(user)) % 0xffff, 16);
        return vocab::stableExternalIp(seed ^ (quint64(user) << 8));
    }

    QJsonObject makeEvent(const GenContext &ctx, Prng &e, int tmpl, qint64 ts, const QString &id,
        const QString &forcedIp = {}, int forcedUser = -1)
    {
        const Template &t = kTemplates[tmpl];
        const int userIndex = forcedUser >= 0 ? forcedUser : int(e.below(quint64(ctx.population)));
        const SimUser user = simUser(ctx.seed, userIndex);
        // Administrators are the first few users of the population.
        const SimUser admin = simUser(ctx.seed, int(e.below(3)));
        const QString when = localDateTime(ts);
        QString actor = user.email;
        QString info;
        switch (tmpl) {
        case AuthOk:
            info = u"Successful authentication for "_s + user.email + u" <"_s + user.name + u">, "_s
                + when + u", IP: "_s + userIp(ctx.seed, userIndex, e) + u", Application: "_s
                + e.pick(vocab::auditApplications()) + u", Method: "_s
                + e.pick(vocab::loginMethods());
            break;
        case AuthFailed: {
            static const QStringList reasons = {
                u"Wrong password"_s, u"Account locked"_s, u"Unknown user"_s};
            const QString ip = forcedIp.isEmpty() ? userIp(ctx.seed, userIndex, e) : forcedIp;
            info = u"Failed authentication for "_s + user.email + u" <"_s + user.name + u">, "_s
                + when + u", IP: "_s + ip + u", Application: "_s
                + e.pick(vocab::auditApplications()) + u", Method: "_s
                + e.pick(vocab::loginMethods()) + u", Reason: "_s + e.pick(reasons);
            break;
        }
        case AuthChallenge:
            info = u"Logon requires challenge for "_s + user.email + u" <"_s + user.name + u">, "_s
                + when + u", IP: "_s + userIp(ctx.seed, userIndex, e) + u", Application: "_s
                + e.pick(vocab::auditApplications()) + u", Method: Two-factor"_s;
            break;
        case SupportLogin:
            actor = admin.email;
            info = u"Action Performed - Mimecast Support (case 0"_s
                + QString::number(e.range(1000000, 9999999)) + u") logged into this account. by "_s
                + admin.email;
            break;
        case MessageAction:
            actor = admin.email;
            info = u"Viewed Message - Source: Search, Message ID: <"_s
                + vocab::hex64(e.next()).left(8) + u"@partner.example>, Recipient: "_s + user.email;
            break;
        case ArchiveSearch: {
            static const QStringList reasons = {
                u"Legal hold review"_s, u"HR request"_s, u"Lost email"_s};
            info = u"Search - Source: Archive Search, Search Reason: "_s + e.pick(reasons)
                + u", Query: subject:\"invoice\""_s;
            break;
        }
        case ArchiveExport:
            actor = admin.email;
            info = u"Export Download - Mailbox: "_s + user.email + u", Format: PST, Size: "_s
                + QString::number(e.range(2, 900)) + u" MB"_s;
            break;
        case PageExport: {
            static const QStringList views = {
                u"watchlist_view"_s, u"message_tracking"_s, u"ttp_url_logs"_s, u"held_messages"_s};
            info = u"[Export type : Download,Name :"_s + e.pick(views) + u",Format :CSV]"_s;
            break;
        }
        case DirectorySync:
            // Directory sync runs as the system: the user is empty (mimecast-api.md §9.3).
            actor = QString(u""_s);
            info = e.chance(0.7)
                ? u"No changes found."_s
                : u"Synchronised "_s + QString::number(e.range(1, 40)) + u" users, 0 errors."_s;
            break;
        case PasswordReset:
            actor = admin.email;
            info = u"Password reset for user: "_s + user.email + u" Remote IP is null"_s;
            break;
        case RoleAssigned: {
            static const QStringList roles = {
                u"Basic Administrator"_s, u"Full Administrator"_s, u"Help Desk"_s, u"Read Only"_s};
            actor = admin.email;
            info = u"Role Assigned - User: "_s + user.email + u", Role: "_s + e.pick(roles)
                + u", Assigned by: "_s + admin.email;
            break;
        }
        case PolicyUpdated: {
            static const QStringList policies = {u"Anti-Spoofing"_s, u"URL Protect"_s,
                u"Attachment Protect"_s, u"DLP - Confidential"_s};
            actor = admin.email;
            info = u"Policy Updated - Policy: "_s + e.pick(policies)
                + u", Definition: Default, Action: Updated"_s;
            break;
        }
        case GroupUpdated:
            actor = admin.email;
            info = u"Group Updated - Added "_s + user.email + u" to group: "_s + user.department;
            break;
        case CampaignLaunched:
            actor = admin.email;
            info = u"Campaign Launched - Name: "_s + e.pick(vocab::campaignTemplates())
                + u", Recipients: "_s + QString::number(ctx.population);
            break;
        case SecureMessage:
            info = u"Secure Message Sent - Recipient: "_s + e.pick(vocab::partnerLocalParts())
                + u'@' + e.pick(vocab::customerDomains()) + u", Subject: "_s
                + e.pick(vocab::outboundSubjects());
            break;
        case ApiApplication:
            actor = admin.email;
            info = u"API Application Updated - Name: Sentinel Connector, Client ID: "_s
                + vocab::hex64(mix64(ctx.seed ^ 0xa91)).left(12) + u", IP: "_s
                + vocab::externalIp(e);
            break;
        default:
            break;
        }
        return QJsonObject {
            {u"id"_s, id},
            {u"auditType"_s, t.auditType.toString()},
            {u"user"_s, actor},
            {u"eventTime"_s, formatT2(ts)},
            {u"category"_s, t.category.toString()},
            {u"eventInfo"_s, info},
        };
    }

} // namespace

bool timedRecordLess(const TimedRecord &a, const TimedRecord &b)
{
    if (a.ts != b.ts)
        return a.ts < b.ts;
    return a.tie < b.tie;
}

int auditTemplateCount()
{
    return TemplateCount;
}

QList<TimedRecord> auditBucket(const GenContext &ctx, qint64 bucket, bool withRecords)
{
    const quint64 bucketSeed = mixSeed(ctx.seed, u"audit.audit", bucket);
    Prng prng(bucketSeed);
    const qint64 bucketStart = bucket * kBucketMs;
    const int count = bucketCount(prng, ctx.auditPerDay, bucket);
    QList<TimedRecord> events;
    int serial = 0;
    auto add = [&](int tmpl, qint64 ts, const QString &ip = {}, int user = -1) {
        const quint64 key = mix64(bucketSeed ^ quint64(serial + 1));
        ++serial;
        ts = floorDiv(ts, kMsPerSecond) * kMsPerSecond;
        TimedRecord event {ts, mix64(key ^ 0x7e), {}};
        if (withRecords) {
            // The event's details come from its own generator, so skipping them changes nothing
            // else in the bucket.
            Prng e(mix64(key ^ 0xe7e7));
            const QString id = u"eNq"_s + vocab::token(key, 21);
            event.record = makeEvent(ctx, e, tmpl, ts, id, ip, user);
        }
        events.append(event);
    };
    double weights[TemplateCount];
    for (int i = 0; i < TemplateCount; ++i)
        weights[i] = kTemplates[i].weight;
    for (int i = 0; i < count; ++i) {
        const int tmpl = prng.weighted(weights, TemplateCount);
        add(tmpl, bucketStart + prng.range(0, kBucketMs - 1));
    }
    if (isGuaranteeHour(ctx.seed, u"audit.audit", bucket)) {
        // A failed-logon burst: 4–6 events within 25 minutes from one or two attacker IPs.
        const int burst = int(prng.range(4, 6));
        const QString ip1 = vocab::externalIp(prng);
        const QString ip2 = vocab::externalIp(prng);
        const int target = int(prng.below(quint64(ctx.population)));
        qint64 ts = bucketStart + prng.range(0, 30 * kMsPerMinute);
        for (int i = 0; i < burst; ++i) {
            const int user = prng.chance(0.7) ? target : int(prng.below(quint64(ctx.population)));
            add(AuthFailed, ts, prng.chance(0.75) ? ip1 : ip2, user);
            ts += prng.range(20 * kMsPerSecond, 5 * kMsPerMinute);
        }
        for (int tmpl = 0; tmpl < TemplateCount; ++tmpl)
            add(tmpl, bucketStart + prng.range(0, kBucketMs - 1));
    }
    std::sort(events.begin(), events.end(), timedRecordLess);
    return events;
}

} // namespace msc::sim::detail
