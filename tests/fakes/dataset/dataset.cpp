#include "dataset.h"

#include "auditgen.h"
#include "awareness.h"
#include "cgfeed.h"
#include "cifeed.h"
#include "generation.h"
#include "simtime.h"

#include <QJsonDocument>
#include <QMutex>
#include <QMutexLocker>

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace msc::sim {

namespace {

    using detail::FeedRowRef;
    using detail::GenContext;
    using detail::kBucketMs;
    using detail::TimedRecord;

    constexpr qint64 kChunkBytes = 64 * 1024;
    constexpr qint64 kBlankLineEvery = 500;

    using RowSink = std::function<bool(const FeedRowRef &, const QJsonObject &)>;

    // A SIEM feed seen bucket by bucket: the cheap shape (row types and times, in feed order) and
    // the rows themselves.
    class FeedSource
    {
    public:
        virtual ~FeedSource() = default;
        virtual const QStringList &typeNames() const = 0;
        virtual QList<FeedRowRef> shape(qint64 bucket) const = 0;
        /// Calls \a sink for the rows of \a type (-1: every type) with time in [fromMs, toMs), in
        /// feed order, until it returns false. Returns false when stopped.
        virtual bool rows(
            qint64 bucket, int type, qint64 fromMs, qint64 toMs, const RowSink &sink) const = 0;
    };

    class CgSource final : public FeedSource
    {
    public:
        explicit CgSource(const GenContext &ctx)
            : m_ctx(ctx)
        {
        }
        const QStringList &typeNames() const override { return detail::cgTypeNames(); }
        QList<FeedRowRef> shape(qint64 bucket) const override
        {
            return detail::planCgBucket(m_ctx, bucket).order;
        }
        bool rows(
            qint64 bucket, int type, qint64 fromMs, qint64 toMs, const RowSink &sink) const override
        {
            const detail::CgBucket planned = detail::planCgBucket(m_ctx, bucket);
            // Identities are built only for messages that have a row to write.
            QList<std::optional<detail::CgIdentity>> identities(planned.plans.size());
            for (qsizetype rank = 0; rank < planned.order.size(); ++rank) {
                const FeedRowRef &ref = planned.order.at(rank);
                if ((type >= 0 && ref.type != type) || ref.ts < fromMs || ref.ts >= toMs)
                    continue;
                std::optional<detail::CgIdentity> &identity = identities[ref.plan];
                const detail::CgPlan &plan = planned.plans.at(ref.plan);
                if (!identity)
                    identity = detail::cgIdentity(m_ctx, plan);
                if (!sink(ref,
                        detail::cgRow(plan, *identity, ref.row, detail::feedOffset(bucket, rank))))
                    return false;
            }
            return true;
        }

    private:
        GenContext m_ctx;
    };

    class CiSource final : public FeedSource
    {
    public:
        explicit CiSource(const GenContext &ctx)
            : m_ctx(ctx)
        {
        }
        const QStringList &typeNames() const override { return detail::ciTypeNames(); }
        QList<FeedRowRef> shape(qint64 bucket) const override
        {
            return detail::planCiBucket(m_ctx, bucket).order;
        }
        bool rows(
            qint64 bucket, int type, qint64 fromMs, qint64 toMs, const RowSink &sink) const override
        {
            const detail::CiBucket planned = detail::planCiBucket(m_ctx, bucket);
            QList<std::optional<detail::CiIdentity>> identities(planned.plans.size());
            for (qsizetype rank = 0; rank < planned.order.size(); ++rank) {
                const FeedRowRef &ref = planned.order.at(rank);
                if ((type >= 0 && ref.type != type) || ref.ts < fromMs || ref.ts >= toMs)
                    continue;
                std::optional<detail::CiIdentity> &identity = identities[ref.plan];
                const detail::CiPlan &plan = planned.plans.at(ref.plan);
                if (!identity)
                    identity = detail::ciIdentity(m_ctx, plan);
                if (!sink(ref,
                        detail::ciRow(plan, *identity, ref.row, detail::feedOffset(bucket, rank))))
                    return false;
            }
            return true;
        }

    private:
        GenContext m_ctx;
    };

    // Where a file's rows start: the first bucket and how many in-range rows of the type to skip
    // there (line cutting), or the slot (minute cutting).
    struct FileLocator
    {
        qint64 firstBucket = 0;
        qint64 skip = 0;
        qint64 slotStart = 0;
        qint64 slotEnd = 0;
    };

    struct FeedIndex
    {
        QHash<QString, QList<BatchFileInfo>> files; // by type
        QHash<QString, QList<FileLocator>> locators; // by type, parallel to files
        QHash<QString, QPair<QString, int>> byName; // name -> (type, index)
        qint64 totalRows = 0;
    };

    struct Window
    {
        qint64 lo = 0; // inclusive
        qint64 hi = 0; // inclusive
        bool empty() const { return hi < lo; }
    };

    QString slugOf(const QString &type)
    {
        QString slug = type;
        return slug.replace(u' ', u'-');
    }

    struct TableInfo
    {
        QStringView table;
        QStringView stream;
    };

    constexpr TableInfo kTables[] = {
        {u"Seg_Cg_CL", u"seg.cg"},
        {u"Seg_Dlp_CL", u"seg.dlp"},
        {u"Ttp_Url_CL", u"ttp.url"},
        {u"Ttp_Attachment_CL", u"ttp.attachment"},
        {u"Ttp_Impersonation_CL", u"ttp.impersonation"},
        {u"Audit_CL", u"audit.audit"},
        {u"Cloud_Integrated_CL", u"cloud-integrated.ci"},
        {u"Awareness_Performance_Details_CL", u"awareness.performance"},
        {u"Awareness_SafeScore_Details_CL", u"awareness.safescore"},
        {u"Awareness_Watchlist_Details_CL", u"awareness.watchlist"},
        {u"Awareness_User_Data_CL", u"awareness.userdata"},
    };

} // namespace

struct Dataset::Private
{
    DatasetConfig config;
    GenContext ctx;
    qint64 startMs = 0;
    qint64 endMs = 0;
    CgSource cg;
    CiSource ci;

    mutable QMutex mutex;
    mutable QHash<QString, std::shared_ptr<const FeedIndex>> feeds;

    explicit Private(const DatasetConfig &c)
        : config(c)
        , ctx(detail::makeContext(c.seed, c.volume))
        , cg(ctx)
        , ci(ctx)
    {
    }

    const FeedSource *source(const QString &feed) const
    {
        if (feed == u"cg"_s)
            return &cg;
        if (feed == u"ci"_s)
            return &ci;
        return nullptr;
    }

    qint64 firstBucket() const { return floorDiv(startMs, kBucketMs); }
    qint64 lastBucket() const { return floorDiv(endMs - 1, kBucketMs); }

    Window window(const QDateTime &from, const QDateTime &to) const
    {
        Window w {startMs, endMs - 1};
        if (from.isValid())
            w.lo = qMax(w.lo, toEpochMs(from));
        if (to.isValid())
            w.hi = qMin(w.hi, toEpochMs(to));
        return w;
    }

    std::shared_ptr<const FeedIndex> feedIndex(const QString &feed) const;
    /// The records of a window stream in one bucket, sorted; with \a withRecords false only
    /// their times and ties (cheap, for counting).
    QList<TimedRecord> windowBucket(
        const QString &streamId, qint64 bucket, bool withRecords = true) const;
    qint64 countInWindow(const QString &streamId, qint64 bucket, const Window &w) const;
};

std::shared_ptr<const FeedIndex> Dataset::Private::feedIndex(const QString &feed) const
{
    QMutexLocker locker(&mutex);
    if (const auto it = feeds.constFind(feed); it != feeds.constEnd())
        return it.value();
    const FeedSource *src = source(feed);
    if (!src)
        return {};
    auto index = std::make_shared<FeedIndex>();
    const QStringList &types = src->typeNames();
    const bool byLines = config.batchFileLines > 0;
    const qint64 slotMs = qint64(config.batchFileMinutes) * kMsPerMinute;

    struct Open
    {
        bool open = false;
        qint64 slot = 0;
        qint64 firstMs = 0;
        qint64 lastMs = 0;
        qint64 lines = 0;
        FileLocator locator;
    };
    QList<Open> state(types.size());
    auto close = [&](int type) {
        Open &st = state[type];
        if (!st.open)
            return;
        const QString &typeName = types.at(type);
        QList<BatchFileInfo> &list = index->files[typeName];
        BatchFileInfo info;
        info.feed = feed;
        info.type = typeName;
        info.index = int(list.size());
        info.firstEvent = fromEpochMs(st.firstMs);
        info.lastEvent = fromEpochMs(st.lastMs);
        info.lines = st.lines;
        const qint64 nameMs = byLines ? st.firstMs : st.locator.slotStart;
        info.name = feed + u'/' + slugOf(typeName) + u'/' + formatDayPath(nameMs) + u'/'
            + (byLines ? QString::number(info.index).rightJustified(6, u'0') : formatHhmmss(nameMs))
            + u".json.gz"_s;
        index->byName.insert(info.name, {typeName, info.index});
        list.append(info);
        index->locators[typeName].append(st.locator);
        st = Open {};
    };

    for (qint64 bucket = firstBucket(); bucket <= lastBucket(); ++bucket) {
        const QList<FeedRowRef> rows = src->shape(bucket);
        QList<qint64> inBucket(types.size(), 0);
        for (const FeedRowRef &ref : rows) {
            if (ref.ts < startMs || ref.ts >= endMs)
                continue;
            ++index->totalRows;
            Open &st = state[ref.type];
            const qint64 seen = inBucket[ref.type]++;
            if (byLines) {
                if (st.open && st.lines >= config.batchFileLines)
                    close(ref.type);
                if (!st.open) {
                    st.open = true;
                    st.firstMs = ref.ts;
                    st.locator.firstBucket = bucket;
                    st.locator.skip = seen;
                }
            } else {
                const qint64 slot = floorDiv(ref.ts, slotMs);
                if (st.open && st.slot != slot)
                    close(ref.type);
                if (!st.open) {
                    st.open = true;
                    st.slot = slot;
                    st.firstMs = ref.ts;
                    st.locator.slotStart = slot * slotMs;
                    st.locator.slotEnd = (slot + 1) * slotMs;
                }
            }
            st.lastMs = ref.ts;
            ++st.lines;
        }
    }
    for (int type = 0; type < types.size(); ++type)
        close(type);
    feeds.insert(feed, index);
    return index;
}

QList<TimedRecord> Dataset::Private::windowBucket(
    const QString &streamId, qint64 bucket, bool withRecords) const
{
    if (streamId == u"audit.audit"_s)
        return detail::auditBucket(ctx, bucket, withRecords);
    detail::SideStream side;
    if (streamId == u"seg.dlp"_s)
        side = detail::SideDlp;
    else if (streamId == u"ttp.url"_s)
        side = detail::SideTtpUrl;
    else if (streamId == u"ttp.attachment"_s)
        side = detail::SideTtpAttachment;
    else if (streamId == u"ttp.impersonation"_s)
        side = detail::SideTtpImpersonation;
    else
        return {};
    const detail::CgBucket planned = detail::planCgBucket(ctx, bucket, false);
    QList<TimedRecord> records;
    for (const detail::CgPlan &plan : planned.plans) {
        std::optional<detail::CgIdentity> identity;
        for (int i = 0; i < plan.sides.size(); ++i) {
            const detail::SideShape &shape = plan.sides.at(i);
            if (shape.stream != side)
                continue;
            if (!withRecords) {
                records.append(TimedRecord {shape.ts, shape.tie, {}});
                continue;
            }
            if (!identity)
                identity = detail::cgIdentity(ctx, plan);
            records.append(TimedRecord {shape.ts, shape.tie, detail::cgSide(plan, *identity, i)});
        }
    }
    std::sort(records.begin(), records.end(), detail::timedRecordLess);
    return records;
}

qint64 Dataset::Private::countInWindow(
    const QString &streamId, qint64 bucket, const Window &w) const
{
    const QList<TimedRecord> times = windowBucket(streamId, bucket, false);
    return std::count_if(times.cbegin(), times.cend(),
        [&w](const TimedRecord &record) { return record.ts >= w.lo && record.ts <= w.hi; });
}

Dataset::Dataset(DatasetConfig config)
{
    if (!config.end.isValid()) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        config.end = fromEpochMs(now - now % kMsPerSecond);
    }
    config.end = config.end.toUTC();
    config.volume = qMax(1, config.volume);
    config.historyDays = qMax(0, config.historyDays);
    if (config.batchFileMinutes < 1)
        config.batchFileMinutes = 5;
    config.batchFileLines = qMax(0, config.batchFileLines);
    d = std::make_unique<Private>(config);
    d->endMs = toEpochMs(config.end);
    d->startMs = d->endMs - qint64(config.historyDays) * kMsPerDay;
}

Dataset::~Dataset() = default;
Dataset::Dataset(Dataset &&) noexcept = default;
Dataset &Dataset::operator=(Dataset &&) noexcept = default;

const DatasetConfig &Dataset::config() const
{
    return d->config;
}

QDateTime Dataset::start() const
{
    return fromEpochMs(d->startMs);
}

QDateTime Dataset::end() const
{
    return fromEpochMs(d->endMs);
}

QStringList Dataset::cgTypes()
{
    return detail::cgTypeNames();
}

QStringList Dataset::ciTypes()
{
    return detail::ciTypeNames();
}

QStringList Dataset::windowStreams()
{
    return {
        u"seg.dlp"_s, u"ttp.url"_s, u"ttp.attachment"_s, u"ttp.impersonation"_s, u"audit.audit"_s};
}

QStringList Dataset::tableNames()
{
    QStringList names;
    for (const TableInfo &info : kTables)
        names.append(info.table.toString());
    return names;
}

QString Dataset::streamOfTable(const QString &tableName)
{
    for (const TableInfo &info : kTables) {
        if (info.table == tableName)
            return info.stream.toString();
    }
    return {};
}

QString Dataset::tableOfStream(const QString &streamId)
{
    for (const TableInfo &info : kTables) {
        if (info.stream == streamId)
            return info.table.toString();
    }
    return {};
}

QList<QJsonObject> Dataset::windowRecords(
    const QString &streamId, const QDateTime &from, const QDateTime &to) const
{
    QList<QJsonObject> result;
    if (!windowStreams().contains(streamId))
        return result;
    const Window w = d->window(from, to);
    if (w.empty())
        return result;
    for (qint64 bucket = floorDiv(w.lo, kBucketMs); bucket <= floorDiv(w.hi, kBucketMs); ++bucket) {
        const QList<TimedRecord> records = d->windowBucket(streamId, bucket);
        for (const TimedRecord &record : records) {
            if (record.ts >= w.lo && record.ts <= w.hi)
                result.append(record.record);
        }
    }
    return result;
}

qint64 Dataset::windowCount(
    const QString &streamId, const QDateTime &from, const QDateTime &to) const
{
    const Window w = d->window(from, to);
    if (!windowStreams().contains(streamId) || w.empty())
        return 0;
    qint64 count = 0;
    for (qint64 bucket = floorDiv(w.lo, kBucketMs); bucket <= floorDiv(w.hi, kBucketMs); ++bucket)
        count += d->countInWindow(streamId, bucket, w);
    return count;
}

QList<QJsonObject> Dataset::windowPage(const QString &streamId, const QDateTime &from,
    const QDateTime &to, qint64 offset, qint64 limit) const
{
    QList<QJsonObject> page;
    const Window w = d->window(from, to);
    if (!windowStreams().contains(streamId) || w.empty() || offset < 0 || limit <= 0)
        return page;
    qint64 skip = offset;
    for (qint64 bucket = floorDiv(w.lo, kBucketMs);
         bucket <= floorDiv(w.hi, kBucketMs) && page.size() < limit; ++bucket) {
        if (skip > 0) {
            // Whole buckets before the page are skipped by count, without building them.
            const qint64 inBucket = d->countInWindow(streamId, bucket, w);
            if (skip >= inBucket) {
                skip -= inBucket;
                continue;
            }
        }
        const QList<TimedRecord> records = d->windowBucket(streamId, bucket);
        for (const TimedRecord &record : records) {
            if (record.ts < w.lo || record.ts > w.hi)
                continue;
            if (skip > 0) {
                --skip;
                continue;
            }
            page.append(record.record);
            if (page.size() >= limit)
                break;
        }
    }
    return page;
}

QList<QJsonObject> Dataset::awarenessRecords(const QString &streamId) const
{
    if (streamId == u"awareness.performance"_s)
        return detail::atPerformance(d->ctx);
    if (streamId == u"awareness.safescore"_s)
        return detail::atSafeScore(d->ctx);
    if (streamId == u"awareness.watchlist"_s)
        return detail::atWatchlist(d->ctx);
    return {};
}

QList<QJsonObject> Dataset::campaigns() const
{
    return detail::atCampaigns(d->ctx, d->endMs);
}

QList<QJsonObject> Dataset::campaignUserData(const QString &campaignId) const
{
    return detail::atUserData(d->ctx, d->endMs, campaignId);
}

QList<BatchFileInfo> Dataset::batchFiles(const QString &feed, const QString &type) const
{
    const std::shared_ptr<const FeedIndex> index = d->feedIndex(feed);
    if (!index)
        return {};
    return index->files.value(type);
}

std::optional<BatchFileInfo> Dataset::batchFile(const QString &name) const
{
    const QString feed = name.section(u'/', 0, 0);
    const std::shared_ptr<const FeedIndex> index = d->feedIndex(feed);
    if (!index)
        return std::nullopt;
    const auto it = index->byName.constFind(name);
    if (it == index->byName.constEnd())
        return std::nullopt;
    return index->files.value(it->first).value(it->second);
}

void Dataset::writeBatchFile(
    const BatchFileInfo &file, const std::function<void(const QByteArray &chunk)> &sink) const
{
    const std::shared_ptr<const FeedIndex> index = d->feedIndex(file.feed);
    const FeedSource *src = d->source(file.feed);
    if (!index || !src)
        return;
    const auto found = index->byName.constFind(file.name);
    if (found == index->byName.constEnd())
        return;
    const QString &typeName = found->first;
    const int fileIndex = found->second;
    const BatchFileInfo info = index->files.value(typeName).value(fileIndex);
    const FileLocator locator = index->locators.value(typeName).value(fileIndex);
    const int type = int(src->typeNames().indexOf(typeName));

    QByteArray buffer;
    buffer.reserve(kChunkBytes + 4096);
    qint64 written = 0;
    auto emitRow = [&](const FeedRowRef &, const QJsonObject &row) {
        buffer.append(QJsonDocument(row).toJson(QJsonDocument::Compact));
        buffer.append('\n');
        ++written;
        // Real files carry blank lines; the client must skip them (mimecast-api.md §5.3).
        if (written % kBlankLineEvery == 0)
            buffer.append('\n');
        if (buffer.size() >= kChunkBytes) {
            sink(buffer);
            buffer.clear();
        }
        return written < info.lines;
    };

    if (d->config.batchFileLines > 0) {
        qint64 skip = locator.skip;
        for (qint64 bucket = locator.firstBucket; bucket <= d->lastBucket() && written < info.lines;
             ++bucket) {
            src->rows(bucket, type, d->startMs, d->endMs,
                [&](const FeedRowRef &ref, const QJsonObject &row) {
                    if (skip > 0) {
                        --skip;
                        return true;
                    }
                    return emitRow(ref, row);
                });
        }
    } else {
        const qint64 lo = qMax(locator.slotStart, d->startMs);
        const qint64 hi = qMin(locator.slotEnd, d->endMs);
        for (qint64 bucket = floorDiv(lo, kBucketMs); bucket <= floorDiv(hi - 1, kBucketMs);
             ++bucket) {
            if (!src->rows(bucket, type, lo, hi, emitRow))
                break;
        }
    }
    buffer.append('\n');
    sink(buffer);
}

void Dataset::forEachTruthRecord(
    const QString &tableName, const std::function<void(const TruthRecord &)> &fn) const
{
    const QString streamId = streamOfTable(tableName);
    if (streamId.isEmpty())
        return;
    if (streamId == u"seg.cg"_s || streamId == u"cloud-integrated.ci"_s) {
        const FeedSource *src = d->source(streamId == u"seg.cg"_s ? u"cg"_s : u"ci"_s);
        for (qint64 bucket = d->firstBucket(); bucket <= d->lastBucket(); ++bucket) {
            src->rows(bucket, -1, d->startMs, d->endMs,
                [&](const FeedRowRef &ref, const QJsonObject &row) {
                    fn(TruthRecord {
                        dedupKeyHex(streamId, row), src->typeNames().at(ref.type), row, {}});
                    return true;
                });
        }
        return;
    }
    if (windowStreams().contains(streamId)) {
        const QList<QJsonObject> records = windowRecords(streamId, {}, {});
        for (const QJsonObject &record : records)
            fn(TruthRecord {dedupKeyHex(streamId, record), {}, record, {}});
        return;
    }
    if (streamId == u"awareness.userdata"_s) {
        const QList<QJsonObject> list = campaigns();
        for (const QJsonObject &campaign : list) {
            const QString id = campaign.value(u"id"_s).toString();
            const QList<QJsonObject> users = campaignUserData(id);
            for (const QJsonObject &record : users)
                fn(TruthRecord {dedupKeyHex(streamId, record, id), {}, record, id});
        }
        return;
    }
    const QList<QJsonObject> records = awarenessRecords(streamId);
    for (const QJsonObject &record : records)
        fn(TruthRecord {dedupKeyHex(streamId, record), {}, record, {}});
}

QList<Dataset::TruthRecord> Dataset::truth(const QString &tableName) const
{
    QList<TruthRecord> result;
    forEachTruthRecord(tableName, [&result](const TruthRecord &record) { result.append(record); });
    return result;
}

QHash<QString, qint64> Dataset::truthCounts() const
{
    QHash<QString, qint64> counts;
    for (const TableInfo &info : kTables) {
        const QString table = info.table.toString();
        const QString stream = info.stream.toString();
        qint64 count = 0;
        if (stream == u"seg.cg"_s) {
            count = d->feedIndex(u"cg"_s)->totalRows;
        } else if (stream == u"cloud-integrated.ci"_s) {
            count = d->feedIndex(u"ci"_s)->totalRows;
        } else if (windowStreams().contains(stream)) {
            count = windowCount(stream, {}, {});
        } else if (stream == u"awareness.userdata"_s) {
            const QList<QJsonObject> list = campaigns();
            for (const QJsonObject &campaign : list)
                count += campaignUserData(campaign.value(u"id"_s).toString()).size();
        } else {
            count = awarenessRecords(stream).size();
        }
        counts.insert(table, count);
    }
    return counts;
}

} // namespace msc::sim
