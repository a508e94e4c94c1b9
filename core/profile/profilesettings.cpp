#include "profile/profilesettings.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    QString tr(const char *text)
    {
        return QCoreApplication::translate("ProfileSettings", text);
    }

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

bool ProfileSettings::setValue(Key key, const QVariant &value, QString *error)
{
    const SettingSpec &entry = spec(key);
    QVariant normalized = value;
    if (entry.defaultValue.typeId() == QMetaType::Int) {
        bool ok = false;
        const int number = value.toInt(&ok);
        if (!ok || number < entry.minimum || number > entry.maximum) {
            if (error)
                *error = tr("%1 must be a whole number from %2 to %3 (got \"%4\").")
                             .arg(keyName(key))
                             .arg(entry.minimum)
                             .arg(entry.maximum)
                             .arg(value.toString());
            return false;
        }
        normalized = number;
    } else if (key == Key::LogLevel) {
        static const QStringList levels {u"debug"_s, u"info"_s, u"warning"_s, u"error"_s};
        if (!levels.contains(value.toString())) {
            if (error)
                *error = tr("%1 must be one of %2 (got \"%3\").")
                             .arg(keyName(key), levels.join(u", "_s), value.toString());
            return false;
        }
    }
    m_settings->setValue(QLatin1StringView(entry.name), normalized);
    return true;
}

bool ProfileSettings::sync(QString *error)
{
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        if (error)
            *error = tr("The settings file %1 could not be written. Check free space and that "
                        "you own the profile folder.")
                         .arg(m_settings->fileName());
        return false;
    }
    return true;
}

} // namespace msc
