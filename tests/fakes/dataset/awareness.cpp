#include "awareness.h"

#include "prng.h"
#include "simtime.h"
#include "vocabulary.h"

using namespace Qt::Literals::StringLiterals;

namespace msc::sim::detail {

namespace {

    struct Training
    {
        int correct;
        int incorrect;
        int notWatched;
        int modules;
    };

    Training training(const GenContext &ctx, int user)
    {
        Prng p(mixSeed(ctx.seed, u"awareness.performance", user));
        Training t {};
        t.correct = int(p.range(0, 10));
        t.incorrect = int(p.range(0, 4));
        t.notWatched = int(p.range(0, 6));
        t.modules = t.correct + t.incorrect + t.notWatched;
        return t;
    }

    QString grade(Prng &p, double skew)
    {
        static const QString grades[] = {u"A"_s, u"B"_s, u"C"_s, u"D"_s, u"E"_s, u"F"_s};
        const double w[] = {0.20 - skew, 0.30, 0.25, 0.13, 0.07, 0.05 + skew};
        return grades[p.weighted(w, 6)];
    }

    QString campaignId(const GenContext &ctx, int campaign)
    {
        return u"cmp-"_s
            + vocab::hex64(mix64(ctx.seed ^ (0xca3b0000ULL + quint64(campaign)))).left(8);
    }

    qint64 launchMs(qint64 anchorMs, int campaign)
    {
        const qint64 day = floorDiv(anchorMs, kMsPerDay) * kMsPerDay;
        return day - (5 + 14 * qint64(campaign)) * kMsPerDay + 8 * kMsPerHour;
    }

    enum Status { Sent, Opened, Clicked, Submitted, Reported };

    struct Result
    {
        bool targeted;
        Status status;
        Prng prng;
    };

    Result result(const GenContext &ctx, int campaign, int user)
    {
        Prng p(mixSeed(ctx.seed, u"awareness.userdata", (qint64(campaign) << 32) | user));
        const bool targeted = p.chance(0.92);
        const auto status = Status(p.weighted({0.25, 0.25, 0.20, 0.08, 0.22}));
        return Result {targeted, status, p};
    }

    QJsonValue timeOrNull(qint64 ms, bool happened)
    {
        return happened ? QJsonValue(formatT2(ms)) : jsonNull();
    }

} // namespace

QList<QJsonObject> atPerformance(const GenContext &ctx)
{
    QList<QJsonObject> list;
    for (int i = 0; i < ctx.population; ++i) {
        const SimUser user = simUser(ctx.seed, i);
        const SimUser manager = simUser(ctx.seed, (i * 7 + 3) % ctx.population);
        const Training t = training(ctx, i);
        list.append(QJsonObject {
            {u"email"_s, user.email},
            {u"name"_s, user.name},
            {u"department"_s, user.department},
            {u"userState"_s, user.active ? u"active"_s : u"inactive"_s},
            {u"numCorrect"_s, t.correct},
            {u"numIncorrect"_s, t.incorrect},
            {u"numNotWatched"_s, t.notWatched},
            {u"userId"_s, user.userId},
            {u"userDetails"_s,
                QJsonObject {{u"title"_s, user.title}, {u"manager"_s, manager.name},
                    {u"location"_s, user.location}}},
        });
    }
    return list;
}

QList<QJsonObject> atSafeScore(const GenContext &ctx)
{
    QList<QJsonObject> list;
    for (int i = 0; i < ctx.population; ++i) {
        const SimUser user = simUser(ctx.seed, i);
        Prng p(mixSeed(ctx.seed, u"awareness.safescore", i));
        const double skew = p.uniform() * 0.1;
        list.append(QJsonObject {
            {u"emailAddress"_s, user.email},
            {u"name"_s, user.name},
            {u"department"_s, user.department},
            {u"userState"_s, user.active ? u"active"_s : u"inactive"_s},
            {u"risk"_s, grade(p, skew)},
            {u"knowledge"_s, grade(p, skew)},
            {u"engagement"_s, grade(p, skew)},
            {u"sentiment"_s, grade(p, skew)},
            {u"humanError"_s, grade(p, skew)},
        });
    }
    return list;
}

QList<QJsonObject> atWatchlist(const GenContext &ctx)
{
    QList<QJsonObject> list;
    for (int i = 0; i < ctx.population; ++i) {
        const SimUser user = simUser(ctx.seed, i);
        Prng p(mixSeed(ctx.seed, u"awareness.watchlist", i));
        list.append(QJsonObject {
            {u"email"_s, user.email},
            {u"name"_s, user.name},
            {u"department"_s, user.department},
            {u"userState"_s, user.active ? u"active"_s : u"inactive"_s},
            {u"watchlistCount"_s, p.weighted({0.45, 0.2, 0.12, 0.1, 0.07, 0.04, 0.02})},
            {u"userId"_s, user.userId},
        });
    }
    return list;
}

QList<QJsonObject> atCampaigns(const GenContext &ctx, qint64 anchorMs)
{
    QList<QJsonObject> list;
    for (int c = 0; c < kCampaignCount; ++c) {
        list.append(QJsonObject {
            {u"id"_s, campaignId(ctx, c)},
            {u"name"_s,
                QString(vocab::campaignTemplates().at(c) + u" – "_s
                    + formatDay(launchMs(anchorMs, c)))},
            {u"launchDate"_s, formatT2(launchMs(anchorMs, c))},
        });
    }
    return list;
}

QList<QJsonObject> atUserData(const GenContext &ctx, qint64 anchorMs, const QString &id)
{
    int campaign = -1;
    for (int c = 0; c < kCampaignCount; ++c) {
        if (campaignId(ctx, c) == id)
            campaign = c;
    }
    QList<QJsonObject> list;
    if (campaign < 0)
        return list;
    const qint64 launch = launchMs(anchorMs, campaign);
    for (int i = 0; i < ctx.population; ++i) {
        Result res = result(ctx, campaign, i);
        if (!res.targeted)
            continue;
        // Totals across every campaign that targeted the user.
        int sent = 0;
        int clicked = 0;
        for (int c = 0; c < kCampaignCount; ++c) {
            const Result other = result(ctx, c, i);
            if (!other.targeted)
                continue;
            ++sent;
            if (other.status == Clicked || other.status == Submitted)
                ++clicked;
        }
        Prng totals(mixSeed(ctx.seed, u"awareness.userdata.totals", i));
        const int scanned = clicked > 0 && totals.chance(0.15) ? 1 : 0;
        Prng &p = res.prng;
        const bool opened = res.status != Sent;
        const bool hasClicked = res.status == Clicked || res.status == Submitted;
        const qint64 scheduled = launch + p.range(0, 2 * kMsPerHour) / 1000 * 1000;
        const qint64 openedAt = scheduled + p.range(5 * kMsPerMinute, 2 * kMsPerDay) / 1000 * 1000;
        const qint64 clickedAt =
            openedAt + p.range(5 * kMsPerSecond, 10 * kMsPerMinute) / 1000 * 1000;
        const qint64 submittedAt =
            clickedAt + p.range(10 * kMsPerSecond, 5 * kMsPerMinute) / 1000 * 1000;
        const qint64 reportedAt = openedAt + p.range(kMsPerMinute, 4 * kMsPerHour) / 1000 * 1000;
        const bool wasScanned = hasClicked && scanned > 0 && p.chance(0.5);
        const SimUser user = simUser(ctx.seed, i);
        const Training t = training(ctx, i);
        QJsonValue reaction = jsonNull();
        if (hasClicked)
            reaction = double((clickedAt - openedAt) / 500) / 2.0; // seconds, to the half second
        else if (res.status == Reported)
            reaction = double((reportedAt - openedAt) / 500) / 2.0;
        static const QString statuses[] = {
            u"SENT"_s, u"OPENED"_s, u"CLICKED"_s, u"SUBMITTED"_s, u"REPORTED"_s};
        list.append(QJsonObject {
            {u"name"_s, user.name},
            {u"email"_s, user.email},
            {u"department"_s, user.department},
            {u"userState"_s, user.active ? u"active"_s : u"inactive"_s},
            {u"templateName"_s, vocab::campaignTemplates().at(campaign)},
            {u"status"_s, statuses[res.status]},
            {u"timeScheduled"_s, formatT2(scheduled)},
            {u"timeOpened"_s, timeOrNull(openedAt, opened)},
            {u"timeClicked"_s, timeOrNull(clickedAt, hasClicked)},
            {u"timeReported"_s, timeOrNull(reportedAt, res.status == Reported)},
            {u"timeSubmitted"_s, timeOrNull(submittedAt, res.status == Submitted)},
            {u"timeScanned"_s, timeOrNull(clickedAt - 2000, wasScanned)},
            {u"clickedIp"_s, hasClicked ? QJsonValue(vocab::externalIp(p)) : jsonNull()},
            {u"reactionTime"_s, reaction},
            {u"numCampaignsSent"_s, sent},
            {u"numCampaignsClicked"_s, clicked},
            {u"numCampaignsScanned"_s, scanned},
            {u"numCampaignsClickedScanned"_s, scanned},
            {u"numCorrectAnswers"_s, t.correct},
            {u"numIncorrectAnswers"_s, t.incorrect},
            {u"numTrainingModulesAssigned"_s, t.modules},
        });
    }
    return list;
}

} // namespace msc::sim::detail
