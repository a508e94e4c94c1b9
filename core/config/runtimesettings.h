#pragma once

#include "ingest/syncengine.h"

namespace msc {

class ProfileSettings;

/// The sync options (network timeouts, proxy, CA bundle, concurrency, retention) from the
/// profile-wide settings: one place for the CLI and the window.
SyncEngine::Options syncOptionsFromProfile(const ProfileSettings &settings);

} // namespace msc
