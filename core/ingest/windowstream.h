#pragma once

#include "ingest/streamrun.h"

namespace msc {

/// The time-window streams: DLP, TTP URL / Attachment / Impersonation, Audit
/// (connectors.md §2.4). Each window starts at the newest stored event time minus the
/// overlap, is capped, and is paged through with the cursor committed in the same
/// transaction as each page's rows; a rejected page token restarts the window once; a page
/// that keeps failing is quarantined and holds the stream (Waiting).
class WindowStreamRunner final : public StreamRunner
{
public:
    StreamRunResult run(StreamRunContext &context) override;

    /// True for the stream ids this runner serves.
    static bool handles(const QString &streamId);
};

} // namespace msc
