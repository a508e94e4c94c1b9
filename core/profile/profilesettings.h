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

    /// The check setValue() makes, without storing: true if \a value is valid for \a key.
    /// The message names \a fieldName (the settings key when empty), so the GUI can name its
    /// field label and the CLI the key. The proxy URL must be empty (the system proxy) or
    /// http(s)://host:port; the CA bundle path must be empty or an absolute path to a readable
    /// file holding at least one PEM certificate (security.md rule 6: a bundle only adds trust).
    static bool validate(
        Key key, const QVariant &value, QString *error, const QString &fieldName = QString());

    /// The allowed range of an integer setting (0, 0 for the others).
    static int minimum(Key key);
    static int maximum(Key key);
    /// The PEM certificates in the file at \a path (0 if it does not exist or holds none).
    static qsizetype caCertificateCount(const QString &path);

    /// Writes pending changes; false with \a error if the file could not be written.
    bool sync(QString *error);

    static QString keyName(Key key);
    static QVariant defaultValue(Key key);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace msc
