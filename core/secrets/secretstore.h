#pragma once

#include <QFuture>
#include <QString>

namespace msc {

/// The outcome of one secret store operation.
struct SecretResult
{
    enum class Status {
        Ok,
        NotFound, ///< Not configured: not an error in itself.
        NoBackend, ///< No keychain / Secret Service: the message says what to start or install.
        AccessDenied,
        Error,
    };

    Status status = Status::Ok;
    QString secret; ///< Only for a successful read.
    QString message; ///< Translated; never contains the secret.

    bool ok() const { return status == Status::Ok; }
};

/// Where secrets live: the OS keychain in production (KeychainSecretStore), memory for the
/// demo profile and for logic tests (MemorySecretStore). Keys are namespaced per connector
/// and destination, e.g. `connector/seg/client-secret`. Results arrive asynchronously; the
/// futures finish on the thread that owns the store's event loop.
class SecretStore
{
public:
    virtual ~SecretStore();

    virtual QFuture<SecretResult> read(const QString &key) = 0;
    virtual QFuture<SecretResult> write(const QString &key, const QString &secret) = 0;
    virtual QFuture<SecretResult> remove(const QString &key) = 0;

    /// True for the in-memory store, so the UI can label the demo profile's secrets as such.
    virtual bool isEphemeral() const = 0;

    static QString connectorKey(const QString &connectorId);
    /// The key prefix that keeps the secrets of the profile at \a profileDirectory apart from
    /// other profiles in the same keychain: `profile/<16 hex of SHA-256(directory)>/`. The GUI
    /// and the CLI must use the same one.
    static QString profileNamespace(const QString &profileDirectory);
    static QString destinationKey(const QString &destinationName, const QString &secretName);
};

} // namespace msc
