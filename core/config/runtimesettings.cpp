#include "config/runtimesettings.h"

#include "profile/profilesettings.h"

namespace msc {

SyncEngine::Options syncOptionsFromProfile(const ProfileSettings &settings)
{
    using Key = ProfileSettings::Key;
    SyncEngine::Options options;
    options.client.connectTimeoutMs = settings.intValue(Key::ConnectTimeoutSeconds) * 1000;
    options.client.idleTimeoutMs = settings.intValue(Key::IdleTimeoutSeconds) * 1000;
    options.client.totalTimeoutMs = settings.intValue(Key::TotalTimeoutSeconds) * 1000;
    options.client.maxConcurrentRequests = settings.intValue(Key::MaxConcurrentRequests);
    options.client.proxyUrl = settings.stringValue(Key::ProxyUrl);
    options.client.caBundlePath = settings.stringValue(Key::CaBundlePath);
    options.ingest.retentionDays = settings.intValue(Key::RetentionDays);
    options.concurrentJobs = settings.intValue(Key::ConcurrentJobs);
    return options;
}

} // namespace msc
