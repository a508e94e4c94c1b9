#pragma once

namespace msc {

/// Lowers the calling thread's CPU priority to at least nice \a niceness (Linux keeps nice
/// per thread and hands it down to the threads this one creates). Qt's QThread priorities do
/// nothing here: under SCHED_OTHER every one but Idle maps to the same static priority.
/// Lowering a priority needs no privilege; a failure only costs responsiveness, so it is
/// logged at debug level. Returns the thread's niceness afterwards (0 where unsupported).
int lowerThreadPriorityTo(int niceness);

/// The calling thread's niceness (0 where unsupported).
int threadNiceness();

} // namespace msc
