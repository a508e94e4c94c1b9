#include "mimecast/baseurl.h"

#include <QCoreApplication>
#include <QHostAddress>

using namespace Qt::Literals::StringLiterals;

namespace msc::BaseUrl {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(BaseUrl)
    };

} // namespace

bool isLoopbackHost(const QString &host)
{
    const QString normalized = host.toLower();
    if (normalized == "localhost"_L1)
        return true;
    const QHostAddress address(
        normalized.startsWith(u'[') ? normalized.mid(1).chopped(1) : normalized);
    return address == QHostAddress(QHostAddress::LocalHost)
        || address == QHostAddress(QHostAddress::LocalHostIPv6);
}

bool isAllowedTransport(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    if (url.scheme() == "https"_L1)
        return true;
    return url.scheme() == "http"_L1 && isLoopbackHost(url.host());
}

std::optional<QUrl> validate(const QString &text, QString *error)
{
    QString trimmed = text.trimmed();
    while (trimmed.endsWith(u'/'))
        trimmed.chop(1);
    const QUrl url(trimmed, QUrl::StrictMode);
    auto fail = [error](const QString &message) -> std::optional<QUrl> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (trimmed.isEmpty())
        return fail(Tr::tr("Enter a base URL, or choose Global, US or UK."));
    if (!url.isValid() || url.host().isEmpty() || url.scheme().isEmpty())
        return fail(
            Tr::tr("\"%1\" is not a URL. Use a form like https://api.services.mimecast.com.")
                .arg(text));
    if (!url.path().isEmpty() || url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return fail(
            Tr::tr("The base URL must be scheme and host only (no path, query or user): "
                   "use %1://%2.")
                .arg(url.scheme(),
                    url.host()
                        + (url.port() > 0 ? u":"_s + QString::number(url.port()) : QString())));
    const bool loopback = isLoopbackHost(url.host());
    if (url.scheme() == "http"_L1 && !loopback)
        return fail(Tr::tr("Plain http is only allowed for the local simulator (127.0.0.1, ::1, "
                           "localhost). Use https://%1.")
                        .arg(url.authority()));
    if (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
        return fail(Tr::tr("The base URL must start with https://."));
    const QString host = url.host().toLower();
    if (!loopback && host.endsWith(u"-api.mimecast.com"_s)) {
        return fail(Tr::tr("%1 is an API 1.0 host; API 2.0 uses https://api.services.mimecast.com "
                           "(or the US/UK gateway).")
                        .arg(host));
    }
    return url;
}

} // namespace msc::BaseUrl
