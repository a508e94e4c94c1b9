#include "mimecast/apierror.h"

using namespace Qt::Literals::StringLiterals;

namespace msc {

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return u"none"_s;
    case Kind::BadCredentials:
        return u"bad-credentials"_s;
    case Kind::MissingPermission:
        return u"missing-permission"_s;
    case Kind::BadConfiguration:
        return u"bad-configuration"_s;
    case Kind::Transient:
        return u"transient"_s;
    case Kind::BadData:
        return u"bad-data"_s;
    case Kind::Cancelled:
        return u"cancelled"_s;
    }
    Q_UNREACHABLE();
}

} // namespace msc
