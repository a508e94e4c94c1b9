#pragma once

#include "generation.h"

#include <QJsonObject>
#include <QList>

namespace msc::sim::detail {

struct TimedRecord
{
    qint64 ts = 0;
    quint64 tie = 0;
    QJsonObject record;
};

bool timedRecordLess(const TimedRecord &a, const TimedRecord &b);

/// The Audit events of one bucket, sorted by (time, tie). Each guarantee hour holds a burst of
/// 4–6 "Logon Authentication Failed" events within 25 minutes from one or two IPs (rule R1) and
/// one event of every category and eventInfo layout.
/// With \a withRecords false only the times and ties are filled (same events, cheaper).
QList<TimedRecord> auditBucket(const GenContext &ctx, qint64 bucket, bool withRecords = true);

/// The number of audit event layouts (category, audit type, eventInfo form).
int auditTemplateCount();

} // namespace msc::sim::detail
