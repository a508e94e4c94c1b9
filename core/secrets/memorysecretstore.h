#pragma once

#include "secrets/secretstore.h"

#include <QHash>
#include <QMutex>

namespace msc {

/// Secrets held in process memory only. For the demo profile's well-known demo secrets,
/// which protect nothing (security.md rule 1), and for logic tests. Never a fallback for a
/// missing keychain.
class MemorySecretStore final : public SecretStore
{
public:
    QFuture<SecretResult> read(const QString &key) override;
    QFuture<SecretResult> write(const QString &key, const QString &secret) override;
    QFuture<SecretResult> remove(const QString &key) override;
    bool isEphemeral() const override { return true; }

private:
    QMutex m_mutex;
    QHash<QString, QString> m_secrets;
};

} // namespace msc
