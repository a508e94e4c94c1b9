#pragma once

#include <QString>
#include <QStringList>

namespace msc {

/// The console's local activity log (connectors.md §5): one line per admin action such as
/// "Sync all now", "Retry blocked" or "Change all schedules", appended to `activity.log` in
/// the profile directory (created 0600 under the process umask, security.md rule 5).
///
/// Each line is `<UTC time>\t<action>\t<details>`, passed through the redaction function and
/// kept on one line. Appending is a short synchronous write, cheap enough for the GUI thread.
class ActivityLog
{
public:
    explicit ActivityLog(QString filePath);

    /// `activity.log` next to the profile's settings file \a settingsPath.
    static ActivityLog forSettings(const QString &settingsPath);

    const QString &filePath() const { return m_filePath; }

    /// Appends one entry; false with \a error (naming the file) if it could not be written.
    /// The entry is also logged to the `msc.activity` category.
    bool append(const QString &action, const QString &details, QString *error = nullptr) const;

    /// Every entry written so far, oldest first (empty if the file does not exist).
    QStringList entries() const;

private:
    QString m_filePath;
};

} // namespace msc
