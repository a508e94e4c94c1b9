#include "secrets/secretstore.h"

#include <QCryptographicHash>

using namespace Qt::Literals::StringLiterals;

namespace msc {

SecretStore::~SecretStore() = default;

QString SecretStore::connectorKey(const QString &connectorId)
{
    return u"connector/%1/client-secret"_s.arg(connectorId);
}

QString SecretStore::profileNamespace(const QString &profileDirectory)
{
    const QByteArray digest =
        QCryptographicHash::hash(profileDirectory.toUtf8(), QCryptographicHash::Sha256);
    return u"profile/%1/"_s.arg(QString::fromLatin1(digest.toHex().left(16)));
}

QString SecretStore::destinationKey(const QString &destinationName, const QString &secretName)
{
    return u"destination/%1/%2"_s.arg(destinationName, secretName);
}

} // namespace msc
