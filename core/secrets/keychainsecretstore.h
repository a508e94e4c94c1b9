#pragma once

#include "secrets/secretstore.h"

#include <QObject>

namespace msc {

/// Secrets in the OS keychain through QtKeychain: one service name, keys namespaced per
/// profile, connector and destination. Never falls back to plain text: when no keychain is
/// reachable the result says what to start or install.
///
/// Keychain jobs need the event loop of the thread that owns this object.
class KeychainSecretStore final : public QObject, public SecretStore
{
    Q_OBJECT

public:
    static constexpr const char *kServiceName = "mimecast-sentinel-console";

    /// \a keyNamespace separates profiles that share one keychain (e.g. `profile/<hash>/`).
    explicit KeychainSecretStore(QString keyNamespace, QObject *parent = nullptr);

    QFuture<SecretResult> read(const QString &key) override;
    QFuture<SecretResult> write(const QString &key, const QString &secret) override;
    QFuture<SecretResult> remove(const QString &key) override;
    bool isEphemeral() const override { return false; }

    /// How long to wait before the one retry after NoBackendAvailable / OtherError (a
    /// Secret Service that is still starting). Tests shorten it.
    void setRetryDelayMs(int milliseconds) { m_retryDelayMs = milliseconds; }

private:
    enum class Operation { Read, Write, Remove };
    QFuture<SecretResult> run(Operation operation, const QString &key, const QString &secret);

    QString m_namespace;
    int m_retryDelayMs = 1000;
};

} // namespace msc
