#pragma once

#include "generation.h"

#include <QJsonObject>
#include <QList>

namespace msc::sim::detail {

// Awareness Training snapshots (static mode): one record per user of the population in each of
// the three lists, 5 phishing campaigns, and one result per targeted user and campaign.

QList<QJsonObject> atPerformance(const GenContext &ctx);
QList<QJsonObject> atSafeScore(const GenContext &ctx);
QList<QJsonObject> atWatchlist(const GenContext &ctx);
/// \a anchorMs fixes the campaign dates (the dataset's end).
QList<QJsonObject> atCampaigns(const GenContext &ctx, qint64 anchorMs);
QList<QJsonObject> atUserData(const GenContext &ctx, qint64 anchorMs, const QString &campaignId);

constexpr int kCampaignCount = 5;

} // namespace msc::sim::detail
