#pragma once

#include <QString>

#include <optional>

namespace msc {

/// A profile directory: the settings file and the cache of one console installation.
/// Created 0700, its files 0600 (security.md rule 5).
class Profile
{
public:
    static constexpr const char *kEnvironmentVariable = "MIMECAST_CONSOLE_PROFILE";

    /// `<AppDataLocation>/profiles/default`.
    static QString defaultDirectory();

    /// The directory to use: \a commandLineOption if given, else the environment variable,
    /// else the default.
    static QString resolveDirectory(const QString &commandLineOption);

    /// Opens (creating if needed) the profile at \a directory. On failure returns
    /// std::nullopt and sets \a error to a message naming the directory and the fix.
    static std::optional<Profile> open(const QString &directory, QString *error);

    const QString &directory() const { return m_directory; }
    QString settingsPath() const;
    QString cachePath() const;

private:
    explicit Profile(QString directory);

    QString m_directory;
};

} // namespace msc
