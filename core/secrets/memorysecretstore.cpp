#include "secrets/memorysecretstore.h"

#include <QFuture>

namespace msc {

QFuture<SecretResult> MemorySecretStore::read(const QString &key)
{
    QMutexLocker locker(&m_mutex);
    SecretResult result;
    const auto it = m_secrets.constFind(key);
    if (it == m_secrets.constEnd())
        result.status = SecretResult::Status::NotFound;
    else
        result.secret = it.value();
    return QtFuture::makeReadyFuture(result);
}

QFuture<SecretResult> MemorySecretStore::write(const QString &key, const QString &secret)
{
    QMutexLocker locker(&m_mutex);
    m_secrets.insert(key, secret);
    return QtFuture::makeReadyFuture(SecretResult {});
}

QFuture<SecretResult> MemorySecretStore::remove(const QString &key)
{
    QMutexLocker locker(&m_mutex);
    SecretResult result;
    if (m_secrets.remove(key) == 0)
        result.status = SecretResult::Status::NotFound;
    return QtFuture::makeReadyFuture(result);
}

} // namespace msc
