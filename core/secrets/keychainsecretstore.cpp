#include "secrets/keychainsecretstore.h"

#include "util/logging.h"

#include <QCoreApplication>
#include <QPromise>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(KeychainSecretStore)
    };

    SecretResult resultFromJob(const QKeychain::Job &job, bool isRead)
    {
        SecretResult result;
        switch (job.error()) {
        case QKeychain::NoError:
            if (isRead)
                result.secret = static_cast<const QKeychain::ReadPasswordJob &>(job).textData();
            return result;
        case QKeychain::EntryNotFound:
            result.status = SecretResult::Status::NotFound;
            result.message = Tr::tr("No secret is stored for this item yet.");
            return result;
        case QKeychain::AccessDeniedByUser:
        case QKeychain::AccessDenied:
            result.status = SecretResult::Status::AccessDenied;
            result.message =
                Tr::tr("The keychain refused access (%1). Unlock the keychain and allow "
                       "Mimecast Sentinel Console to use it, then try again.")
                    .arg(job.errorString());
            return result;
        case QKeychain::NoBackendAvailable:
        case QKeychain::NotImplemented:
        case QKeychain::OtherError:
        case QKeychain::CouldNotDeleteEntry:
            break;
        }
        result.status = SecretResult::Status::NoBackend;
        result.message =
            Tr::tr("No usable keychain: %1. Secrets are kept only in the OS keychain: start "
                   "a Secret Service (gnome-keyring or KWallet) in your desktop session, or "
                   "install gnome-keyring, then try again.")
                .arg(job.errorString());
        return result;
    }

} // namespace

KeychainSecretStore::KeychainSecretStore(QString keyNamespace, QObject *parent)
    : QObject(parent)
    , m_namespace(std::move(keyNamespace))
{
}

QFuture<SecretResult> KeychainSecretStore::read(const QString &key)
{
    return run(Operation::Read, key, {});
}

QFuture<SecretResult> KeychainSecretStore::write(const QString &key, const QString &secret)
{
    return run(Operation::Write, key, secret);
}

QFuture<SecretResult> KeychainSecretStore::remove(const QString &key)
{
    return run(Operation::Remove, key, {});
}

QFuture<SecretResult> KeychainSecretStore::run(
    Operation operation, const QString &key, const QString &secret)
{
    auto promise = std::make_shared<QPromise<SecretResult>>();
    promise->start();
    const QString fullKey = m_namespace + key;
    const QString service = QString::fromLatin1(kServiceName);

    // One attempt; on a missing backend a single delayed retry, since a Secret Service that is
    // being activated answers late (style.md §5.7).
    auto attempt = std::make_shared<std::function<void(int)>>();
    *attempt = [this, promise, operation, fullKey, secret, service, attempt](int triesLeft) {
        QKeychain::Job *job = nullptr;
        switch (operation) {
        case Operation::Read:
            job = new QKeychain::ReadPasswordJob(service, this);
            break;
        case Operation::Write: {
            auto *writeJob = new QKeychain::WritePasswordJob(service, this);
            writeJob->setTextData(secret);
            job = writeJob;
            break;
        }
        case Operation::Remove:
            job = new QKeychain::DeletePasswordJob(service, this);
            break;
        }
        job->setInsecureFallback(false);
        job->setKey(fullKey);
        connect(job, &QKeychain::Job::finished, this,
            [this, promise, operation, attempt, triesLeft](QKeychain::Job *finished) {
                SecretResult result = resultFromJob(*finished, operation == Operation::Read);
                if (result.status == SecretResult::Status::NoBackend && triesLeft > 0) {
                    qCInfo(lcSecrets)
                        << "keychain not ready, retrying once:" << finished->errorString();
                    QTimer::singleShot(
                        m_retryDelayMs, this, [attempt, triesLeft] { (*attempt)(triesLeft - 1); });
                    return;
                }
                if (!result.ok() && result.status != SecretResult::Status::NotFound)
                    qCWarning(lcSecrets).noquote() << result.message;
                promise->addResult(result);
                promise->finish();
                // Break the self-reference so the closure is freed.
                *attempt = nullptr;
            });
        job->start();
    };
    (*attempt)(1);
    return promise->future();
}

} // namespace msc
