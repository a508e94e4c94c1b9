#pragma once

#include <QString>
#include <QVariant>

#include <memory>

class QSettings;

namespace msc {

/// Profile-wide settings (connectors.md §4.1), typed, with their defaults and ranges in one
/// table. Passed by reference to whoever needs them; there is no global instance.
class ProfileSettings
{
public:
    enum class Key {
        RetentionDays,
        ConcurrentJobs,
        MaxConcurrentRequests,
        ConnectTimeoutSeconds,
        IdleTimeoutSeconds,
        TotalTimeoutSeconds,
        ProxyUrl,
        CaBundlePath,
        LogLevel,
    };

    static constexpr int kVersion = 1;

    explicit ProfileSettings(const QString &filePath);
    ~ProfileSettings();

    QVariant value(Key key) const;
    int intValue(Key key) const { return value(key).toInt(); }
    QString stringValue(Key key) const { return value(key).toString(); }

    /// Validates and stores \a value; on failure leaves the setting unchanged and sets
    /// \a error to a message naming the setting and the allowed range.
    bool setValue(Key key, const QVariant &value, QString *error);

    /// Writes pending changes; false with \a error if the file could not be written.
    bool sync(QString *error);

    static QString keyName(Key key);
    static QVariant defaultValue(Key key);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace msc
