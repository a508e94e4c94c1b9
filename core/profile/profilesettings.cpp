#include "profile/profilesettings.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(ProfileSettings)
    };

    struct SettingSpec
    {
        ProfileSettings::Key key;
        const char *name;
        QVariant defaultValue;
        int minimum; ///< For integer settings.
        int maximum;
    };

    const SettingSpec kSettings[] = {
        {ProfileSettings::Key::RetentionDays, "cache/retentionDays", 90, 1, 3650},
        {ProfileSettings::Key::ConcurrentJobs, "ingestion/concurrentJobs", 3, 1, 8},
        {ProfileSettings::Key::MaxConcurrentRequests, "network/maxConcurrentRequests", 2, 1, 4},
        {ProfileSettings::Key::ConnectTimeoutSeconds, "network/connectTimeoutSeconds", 15, 1, 600},
        {ProfileSettings::Key::IdleTimeoutSeconds, "network/idleTimeoutSeconds", 120, 1, 3600},
        {ProfileSettings::Key::TotalTimeoutSeconds, "network/totalTimeoutSeconds", 300, 1, 86400},
        {ProfileSettings::Key::ProxyUrl, "network/proxyUrl", QString(), 0, 0},
        {ProfileSettings::Key::CaBundlePath, "network/caBundlePath", QString(), 0, 0},
        {ProfileSettings::Key::LogLevel, "logging/level", u"info"_s, 0, 0},
    };

    const SettingSpec &spec(ProfileSettings::Key key)
    {
        for (const SettingSpec &entry : kSettings) {
            if (entry.key == key)
                return entry;
        }
        Q_UNREACHABLE();
    }

} // namespace

ProfileSettings::ProfileSettings(const QString &filePath)
    : m_settings(std::make_unique<QSettings>(filePath, QSettings::IniFormat))
{
    if (m_settings->value("meta/version"_L1).toInt() == 0)
        m_settings->setValue("meta/version"_L1, kVersion);
}

ProfileSettings::~ProfileSettings() = default;

QString ProfileSettings::keyName(Key key)
{
    return QString::fromLatin1(spec(key).name);
}

QVariant ProfileSettings::defaultValue(Key key)
{
    return spec(key).defaultValue;
}

QVariant ProfileSettings::value(Key key) const
{
    const SettingSpec &entry = spec(key);
    const QVariant stored = m_settings->value(QLatin1StringView(entry.name), entry.defaultValue);
    if (entry.defaultValue.typeId() == QMetaType::Int) {
        bool ok = false;
        const int number = stored.toInt(&ok);
        // A hand-edited file with a bad value falls back to the default, never to 0.
        if (!ok || number < entry.minimum || number > entry.maximum)
            return entry.defaultValue;
        return number;
    }
    return stored.toString();
}

int ProfileSettings::minimum(Key key)
{
    return spec(key).minimum;
}

int ProfileSettings::maximum(Key key)
{
    return spec(key).maximum;
}

qsizetype ProfileSettings::caCertificateCount(const QString &path)
{
    if (path.isEmpty() || !QFileInfo(path).isFile())
        return 0;
    return QSslCertificate::fromPath(path, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString)
        .size();
}

namespace {

    bool validateProxyUrl(const QString &field, const QString &text, QString *error)
    {
        const auto fail = [error](const QString &message) {
            if (error)
                *error = message;
            return false;
        };
        if (text.isEmpty())
            return true; // The system proxy.
        const QUrl url(text, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != u"http"_s && scheme != u"https"_s))
            return fail(
                Tr::tr("%1 must be http://host:port or https://host:port, for example "
                       "http://proxy.example.com:3128 (got \"%2\"). Leave it empty to use the "
                       "system proxy.")
                    .arg(field, url.isValid() ? url.scheme() + u"://…"_s : text));
        if (!url.userInfo().isEmpty())
            return fail(Tr::tr("%1 must not contain a user name or password: the settings file is "
                               "plain text. Write it as http://host:port.")
                            .arg(field));
        if (url.host().isEmpty())
            return fail(Tr::tr("%1 has no host name. Write it as http://host:port, for example "
                               "http://proxy.example.com:3128.")
                            .arg(field));
        if (url.port() < 1)
            return fail(Tr::tr("%1 needs a port. Write it as http://host:port, for example "
                               "http://proxy.example.com:3128.")
                            .arg(field));
        if ((!url.path().isEmpty() && url.path() != u"/"_s) || url.hasQuery() || url.hasFragment())
            return fail(Tr::tr("%1 must be only http://host:port or https://host:port, without a "
                               "path, query or fragment.")
                            .arg(field));
        return true;
    }

    bool validateCaBundle(const QString &field, const QString &path, QString *error)
    {
        const auto fail = [error](const QString &message) {
            if (error)
                *error = message;
            return false;
        };
        if (path.isEmpty())
            return true; // The system's CA certificates only.
        const QFileInfo info(path);
        if (info.isRelative())
            return fail(Tr::tr("%1 must be an absolute path (got \"%2\"). Choose the file with "
                               "Browse….")
                            .arg(field, path));
        if (!info.exists())
            return fail(Tr::tr("%1: the file %2 does not exist. Choose the PEM file that holds the "
                               "extra CA certificates, or leave the field empty.")
                            .arg(field, path));
        if (!info.isFile())
            return fail(Tr::tr("%1: %2 is not a file. Choose the PEM file that holds the extra CA "
                               "certificates.")
                            .arg(field, path));
        if (!info.isReadable())
            return fail(
                Tr::tr("%1: the file %2 cannot be read. Check its permissions.").arg(field, path));
        if (ProfileSettings::caCertificateCount(path) == 0)
            return fail(
                Tr::tr("%1: the file %2 holds no PEM certificate. Choose a file with at least "
                       "one \"-----BEGIN CERTIFICATE-----\" block.")
                    .arg(field, path));
        return true;
    }

} // namespace

bool ProfileSettings::validate(
    Key key, const QVariant &value, QString *error, const QString &fieldName)
{
    const SettingSpec &entry = spec(key);
    const QString field = fieldName.isEmpty() ? keyName(key) : fieldName;
    if (entry.defaultValue.typeId() == QMetaType::Int) {
        bool ok = false;
        const int number = value.toInt(&ok);
        if (!ok || number < entry.minimum || number > entry.maximum) {
            if (error)
                *error = Tr::tr("%1 must be a whole number from %2 to %3 (got \"%4\").")
                             .arg(field)
                             .arg(entry.minimum)
                             .arg(entry.maximum)
                             .arg(value.toString());
            return false;
        }
        return true;
    }
    switch (key) {
    case Key::LogLevel: {
        static const QStringList levels {u"debug"_s, u"info"_s, u"warning"_s, u"error"_s};
        if (!levels.contains(value.toString())) {
            if (error)
                *error = Tr::tr("%1 must be one of %2 (got \"%3\").")
                             .arg(field, levels.join(u", "_s), value.toString());
            return false;
        }
        return true;
    }
    case Key::ProxyUrl:
        return validateProxyUrl(field, value.toString().trimmed(), error);
    case Key::CaBundlePath:
        return validateCaBundle(field, value.toString(), error);
    default:
        return true;
    }
}

bool ProfileSettings::setValue(Key key, const QVariant &value, QString *error)
{
    if (!validate(key, value, error))
        return false;
    const SettingSpec &entry = spec(key);
    QVariant normalized = value;
    if (entry.defaultValue.typeId() == QMetaType::Int)
        normalized = value.toInt();
    else if (key == Key::ProxyUrl)
        normalized = value.toString().trimmed();
    m_settings->setValue(QLatin1StringView(entry.name), normalized);
    return true;
}

bool ProfileSettings::sync(QString *error)
{
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        if (error)
            *error = Tr::tr("The settings file %1 could not be written. Check free space and that "
                            "you own the profile folder.")
                         .arg(m_settings->fileName());
        return false;
    }
    return true;
}

} // namespace msc
