#pragma once

#include "cli/exitcode.h"
#include "profile/profile.h"
#include "storage/cachewriter.h"
#include "storage/tableschema.h"

#include <memory>
#include <optional>

namespace msc {
class SecretStore;
}

namespace msc::cli {

class Output;

/// The profile and cache a headless command works on: opens the profile, starts the single
/// writer (which creates or migrates the cache) and reports failures with the right exit code.
class CacheAccess
{
public:
    /// Returns std::nullopt after printing the problem; \a exitCode then holds the code.
    /// Secrets come from the keychain (namespaced per profile), or from \a secrets when given
    /// (the demo's, held in memory; it must outlive this).
    static std::unique_ptr<CacheAccess> open(const QString &profileOption, const Output &output,
        ExitCode *exitCode, SecretStore *secrets = nullptr);
    ~CacheAccess();

    const Profile &profile() const { return m_profile; }
    const SchemaDefinition &definition() const { return m_definition; }
    CacheWriter &writer() { return *m_writer; }
    SecretStore &secrets() { return *m_secrets; }

    /// Exit code for a cache error (cli.md: disk full or not writable = 1).
    static ExitCode exitCodeFor(const CacheError &error);

private:
    CacheAccess(Profile profile, SchemaDefinition definition);

    Profile m_profile;
    SchemaDefinition m_definition;
    std::unique_ptr<SecretStore> m_keychain; ///< Unless the secrets were given.
    SecretStore *m_secrets = nullptr;
    std::unique_ptr<CacheWriter> m_writer;
};

} // namespace msc::cli
