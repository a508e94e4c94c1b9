#include "cli/cacheaccess.h"

#include "cli/output.h"
#include "secrets/keychainsecretstore.h"

#include <QCoreApplication>

namespace msc::cli {

CacheAccess::CacheAccess(Profile profile, SchemaDefinition definition)
    : m_profile(std::move(profile))
    , m_definition(std::move(definition))
{
}

ExitCode CacheAccess::exitCodeFor(const CacheError &error)
{
    return error.isError() ? Failed : Ok;
}

CacheAccess::~CacheAccess() = default;

std::unique_ptr<CacheAccess> CacheAccess::open(
    const QString &profileOption, const Output &output, ExitCode *exitCode, SecretStore *secrets)
{
    QString problem;
    std::optional<Profile> profile =
        Profile::open(Profile::resolveDirectory(profileOption), &problem);
    if (!profile) {
        output.error(problem);
        *exitCode = BadUsage;
        return nullptr;
    }
    std::unique_ptr<CacheAccess> access(new CacheAccess(*profile, SchemaDefinition::builtIn()));
    if (!secrets) {
        // The same per-profile namespace as the console window, so both see the same secrets.
        access->m_keychain = std::make_unique<KeychainSecretStore>(
            SecretStore::profileNamespace(access->m_profile.directory()));
        secrets = access->m_keychain.get();
    }
    access->m_secrets = secrets;
    access->m_writer = std::make_unique<CacheWriter>(
        access->m_definition, CacheWriter::Options {access->m_profile.cachePath()});
    // Headless: blocking on the writer thread is fine, there is no GUI to keep responsive.
    QFuture<CacheError> ready = access->m_writer->start();
    const CacheError error = ready.result();
    if (error.isError()) {
        QString message = error.message;
        if (error.canMoveAside()) {
            message += u'\n'
                + QCoreApplication::translate("CacheAccess",
                    "To start a new cache, move the file aside, e.g. "
                    "mv '%1' '%1.broken' (the console window offers "
                    "this too).")
                      .arg(error.filePath);
        }
        output.error(message);
        *exitCode = exitCodeFor(error);
        return nullptr;
    }
    *exitCode = Ok;
    return access;
}

} // namespace msc::cli
