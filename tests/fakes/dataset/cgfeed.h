#pragma once

#include "generation.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QVarLengthArray>

namespace msc::sim::detail {

// The Cloud Gateway generator. One bucket (an hour) holds message chains; every chain is planned
// in two steps: the *shape* (kind, row types and times, side events) from the message's own
// PRNG, which is cheap and enough to count and cut batch files, and the *identity* (addresses,
// subjects, ids) from a second PRNG, built only for messages whose rows are actually written.
// DLP and TTP records are side events of the same chains, so they reuse CG message ids.

enum CgType : quint8 {
    CgReceipt,
    CgProcess,
    CgDelivery,
    CgAv,
    CgSpam,
    CgInternalEmailProtect,
    CgImpersonationProtect,
    CgUrlProtect,
    CgAttachmentProtect,
    CgJournal,
    CgTypeCount
};

/// The raw `type` values, in connectors.md §3.1 order.
const QStringList &cgTypeNames();

enum class CgKind : quint8 {
    InClean,
    InRejectEnvelope,
    InRejectHeader,
    InRejectSpam,
    InRejectVirus,
    InSpamHeld,
    InAv,
    InAttachThreat,
    InImpersonation,
    InUrlThreat,
    InBounce,
    OutClean,
    OutDlp,
    IntClean,
    IntIep,
    Notification
};

enum SideStream : quint8 { SideTtpUrl, SideTtpAttachment, SideTtpImpersonation, SideDlp };

struct RowShape
{
    qint64 ts = 0;
    quint64 tie = 0;
    quint8 type = 0;
    qint8 recipient = -1; // -1: all recipients
    quint8 variant = 0;
};

struct SideShape
{
    qint64 ts = 0; // whole seconds (T2 times)
    quint64 tie = 0;
    quint8 stream = 0;
    qint8 recipient = 0;
    quint8 variant = 0; // attachment index, DLP policy, ...
    bool malicious = false;
};

struct CgPlan
{
    quint64 seed = 0;
    qint64 t0 = 0;
    CgKind kind = CgKind::InClean;
    quint8 variant = 0; // DLP action for OutDlp
    int recipients = 1;
    int attachments = 0;
    quint32 failMask = 0; // recipients whose delivery failed
    bool sandboxed = false;
    QVarLengthArray<RowShape, 8> rows;
    QVarLengthArray<SideShape, 4> sides;
};

struct CgIdentity
{
    QString direction;
    QString messageId;
    QString aggregateId;
    QString sender;
    QString senderHeader;
    QString senderDomain;
    QString senderIp;
    QString subject;
    QStringList recipients;
    QStringList attachments;
    QList<quint64> attachmentKeys;
    QList<qint64> attachmentSizes;
    qint64 emailSize = 0;
    QString tlsVersion; // empty: no TLS
    QString tlsCipher;
    int spamScore = 0;
    QString virus;
    QString url;
    QString urlCategory;
    QString impostorName;
    int partition = 0;
};

struct CgBucket
{
    qint64 bucket = 0;
    QList<CgPlan> plans;
    QList<FeedRowRef> order; // every row of the bucket, in feed order
};

/// Plans every message of \a bucket; \a withOrder also sorts the rows into feed order (not
/// needed for the DLP and TTP side events).
CgBucket planCgBucket(const GenContext &ctx, qint64 bucket, bool withOrder = true);
CgIdentity cgIdentity(const GenContext &ctx, const CgPlan &plan);
QJsonObject cgRow(const CgPlan &plan, const CgIdentity &identity, int row, qint64 offset);
QJsonObject cgSide(const CgPlan &plan, const CgIdentity &identity, int side);

/// DLP action values (mimecast-api.md §9.7; the set is not documented publicly).
const QStringList &dlpActions();
enum DlpAction : quint8 { DlpHold, DlpNotification, DlpSmartFolder, DlpSecureMessaging, DlpBounce };

} // namespace msc::sim::detail
