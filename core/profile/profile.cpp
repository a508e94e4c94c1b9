#include "profile/profile.h"

#include "util/filemodes.h"
#include "util/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(Profile)
    };

    /// mkdir -p where every directory this creates is 0700 from the start.
    bool makePrivatePath(const QString &directory, QString *reason)
    {
        const QString parent = QFileInfo(directory).absolutePath();
        if (parent != directory && !QFileInfo::exists(parent) && !makePrivatePath(parent, reason))
            return false;
        if (::mkdir(QFile::encodeName(directory).constData(), S_IRWXU) != 0 && errno != EEXIST) {
            *reason = QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        return true;
    }

} // namespace

Profile::Profile(QString directory)
    : m_directory(std::move(directory))
{
}

QString Profile::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + u"/profiles/default"_s;
}

QString Profile::resolveDirectory(const QString &commandLineOption)
{
    if (!commandLineOption.isEmpty())
        return commandLineOption;
    const QString fromEnvironment = qEnvironmentVariable(kEnvironmentVariable);
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return defaultDirectory();
}

std::optional<Profile> Profile::open(const QString &directory, QString *error)
{
    const QString absolute = QDir::cleanPath(QDir(directory).absolutePath());
    const QFileInfo info(absolute);
    if (info.exists() && !info.isDir()) {
        *error =
            Tr::tr("The profile %1 is a file, not a folder. Choose a folder with --profile or %2.")
                .arg(absolute, QString::fromLatin1(kEnvironmentVariable));
        return std::nullopt;
    }
    if (!info.exists()) {
        QString reason;
        if (!makePrivatePath(absolute, &reason)) {
            *error = Tr::tr("The profile folder %1 could not be created: %2. Choose another folder "
                            "with --profile or %3.")
                         .arg(absolute, reason, QString::fromLatin1(kEnvironmentVariable));
            return std::nullopt;
        }
        qCInfo(lcProfile) << "created profile" << absolute;
    }
    if (::access(QFile::encodeName(absolute).constData(), R_OK | W_OK | X_OK) != 0) {
        *error = Tr::tr("The profile folder %1 is not writable. Check that you own it, or choose "
                        "another folder with --profile.")
                     .arg(absolute);
        return std::nullopt;
    }
    // A profile made by hand (or by an older tool) may be readable by others: it holds the
    // cache of security events, so tighten it and say so.
    const int mode = permissionBits(absolute);
    if (mode >= 0 && (mode & 077) != 0) {
        qCWarning(lcProfile).noquote()
            << u"profile %1 was accessible to other users (mode %2); restricting it to 0700"_s
                   .arg(absolute)
                   .arg(mode, 3, 8, QChar(u'0'));
        QFile::setPermissions(absolute, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    return Profile(absolute);
}

QString Profile::settingsPath() const
{
    return m_directory + u"/settings.ini"_s;
}

QString Profile::cachePath() const
{
    return m_directory + u"/console.db"_s;
}

} // namespace msc
