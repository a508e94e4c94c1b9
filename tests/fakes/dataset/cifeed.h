#pragma once

#include "generation.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QVarLengthArray>

namespace msc::sim::detail {

// The Cloud Integrated generator: one M365 message gives an `entities` and a `mailflow` row, and
// sometimes a blocked `urlclick`. Same two-step plan (shape, identity) as the CG generator.

enum CiType : quint8 { CiEntities, CiMailflow, CiUrlclick, CiTypeCount };

const QStringList &ciTypeNames();

enum CiCategory : quint8 {
    CiNoDetections,
    CiMalware,
    CiPhishing,
    CiSpam,
    CiPoliciesDisabled,
};

struct CiRowShape
{
    qint64 ts = 0;
    quint64 tie = 0;
    quint8 type = 0;
};

struct CiPlan
{
    quint64 seed = 0;
    qint64 t0 = 0;
    CiCategory category = CiNoDetections;
    int direction = 0; // 0 inbound, 1 outbound, 2 internal
    int recipients = 1;
    int attachments = 0;
    QVarLengthArray<CiRowShape, 3> rows;
};

struct CiIdentity
{
    QString direction;
    QString messageId;
    QString aggregateId;
    QString sender;
    QString senderHeader;
    QString senderIp;
    QString subject;
    QStringList recipients;
    QStringList attachments;
    QString url;
    int partition = 0;
};

struct CiBucket
{
    qint64 bucket = 0;
    QList<CiPlan> plans;
    QList<FeedRowRef> order;
};

CiBucket planCiBucket(const GenContext &ctx, qint64 bucket);
CiIdentity ciIdentity(const GenContext &ctx, const CiPlan &plan);
QJsonObject ciRow(const CiPlan &plan, const CiIdentity &identity, int row, qint64 offset);

} // namespace msc::sim::detail
