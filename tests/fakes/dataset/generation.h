#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringView>

namespace msc::sim {

class Prng;

namespace detail {

    /// Everything a generator needs besides the bucket: derived once from the configuration.
    struct GenContext
    {
        quint64 seed = 1;
        int volume = 500;
        int population = 50;
        // Per-message probabilities with floors, so each stream gets a few dozen records a day even
        // at small volumes (mimecast-api.md §10.2 item 7).
        double pClick = 0.05; // clean inbound message: a recipient clicks a link (TTP URL)
        double pSandbox = 0.3; // clean inbound message with attachments: sandboxed (TTP Attachment)
        double pImpersonationTag =
            0.02; // clean inbound message: tagged, not held (TTP Impersonation)
        double pDlp = 0.05; // outbound message: a DLP policy fires
        double pInternalClick = 0.08; // internal message: a recipient clicks a link
        double ciPerDay = 125; // Cloud Integrated messages per day
        double ciUrlClick = 0.1; // CI message: a blocked click
        double auditPerDay = 72;
    };

    /// The fewest gateway messages a day that are generated, whatever the configured volume.
    constexpr int kMinDailyMessages = 250;

    GenContext makeContext(quint64 seed, int volume);

    /// The generation bucket: one simulated hour, aligned to the epoch.
    constexpr qint64 kBucketMs = 3600 * 1000;
    /// Every rule-relevant event kind is forced into one seeded hour of each block of this many
    /// hours, so every 24-hour day holds data for each of the 13 analytic rules (content.md §2).
    constexpr qint64 kGuaranteeBlockHours = 4;

    /// Number of events of a bucket for a daily rate: a daytime-heavy curve with ±15 % jitter.
    int bucketCount(Prng &prng, double perDay, qint64 bucket);
    /// Whether \a bucket is the guarantee hour of its block for \a stream.
    bool isGuaranteeHour(quint64 seed, QStringView stream, qint64 bucket);

    /// A JSON null (the API sends null rather than leaving fields out, mimecast-api.md §9).
    inline QJsonValue jsonNull()
    {
        return QJsonValue(QJsonValue::Null);
    }

    /// One row of a SIEM feed bucket, in feed order: sorted by (ts, tie).
    struct FeedRowRef
    {
        qint64 ts = 0;
        quint64 tie = 0;
        int type = 0;
        int plan = 0;
        int row = 0;
    };

    inline bool feedRowLess(const FeedRowRef &a, const FeedRowRef &b)
    {
        return a.ts != b.ts ? a.ts < b.ts : a.tie < b.tie;
    }

    /// `_offset` of the row at \a rank of \a bucket: increasing with feed order in every partition,
    /// and computable from the bucket alone.
    qint64 feedOffset(qint64 bucket, qint64 rank);

} // namespace detail
} // namespace msc::sim
