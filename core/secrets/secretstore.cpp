#include "secrets/secretstore.h"

using namespace Qt::Literals::StringLiterals;

namespace msc {

SecretStore::~SecretStore() = default;

QString SecretStore::connectorKey(const QString &connectorId)
{
    return u"connector/%1/client-secret"_s.arg(connectorId);
}

QString SecretStore::destinationKey(const QString &destinationName, const QString &secretName)
{
    return u"destination/%1/%2"_s.arg(destinationName, secretName);
}

} // namespace msc
