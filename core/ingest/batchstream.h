#pragma once

#include "ingest/streamrun.h"

namespace msc {

/// The SIEM batch feeds: Cloud Gateway (`seg.cg`, 10 types) and Cloud Integrated
/// (`cloud-integrated.ci`, 3 types), connectors.md §2.5.
///
/// Each type is read on its own, with its own cursor part, token and fate: a page is listed
/// and its files recorded in the `batch_file` ledger as pending (one transaction); each file
/// is downloaded, gunzipped and parsed as a stream and committed with its rows, its bad lines
/// and its ledger state in one transaction; then the page's `next_page` is committed. A file
/// that keeps failing is quarantined and holds its type (Waiting) while the other types go on.
///
/// Memory: the rows of a file are held until its transaction (the exactly-once rule of §2.2
/// makes a file the unit of commit). The writer inserts one file while the next is read, so at
/// most two files' rows are held at a time; that overlap is what lets ingest use both cores.
class BatchStreamRunner final : public StreamRunner
{
public:
    /// Retry pacing within one run; the defaults are the production values, tests shorten them.
    struct Options
    {
        int fileRetriesPerRun = 3; ///< Extra attempts at a failed file within one run.
        qint64 fileRetryBaseMs = 2000; ///< Backoff: min(cap, base × 2^n) before retry n.
        qint64 fileRetryCapMs = 30000;
        int relistsPerFile = 3; ///< Re-listings for an expired link, per file and run.
        /// Records of a type read before its `_raw` dictionary is trained (RawCompression).
        qsizetype rawTrainingSamples = 2000;
        /// Train on a pool thread while reading goes on (rows meanwhile keep their text);
        /// false waits for it, which makes the share of compressed rows exact (tests).
        bool rawTrainingInBackground = true;
    };

    BatchStreamRunner();
    explicit BatchStreamRunner(Options options);

    StreamRunResult run(StreamRunContext &context) override;

    /// True for the stream ids this runner serves (`seg.cg`, `cloud-integrated.ci`).
    static bool handles(const QString &streamId);

private:
    Options m_options;
};

} // namespace msc
