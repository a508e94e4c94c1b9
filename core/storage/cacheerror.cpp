#include "storage/cacheerror.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <sqlite3.h>

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(CacheError)
    };

} // namespace

CacheError CacheError::make(Kind kind, const QString &filePath, const QString &message)
{
    CacheError error;
    error.kind = kind;
    error.filePath = filePath;
    error.message = message;
    return error;
}

CacheError CacheError::fromSqlite(
    sqlite3 *handle, int resultCode, const QString &filePath, const QString &action)
{
    const QString reason = handle ? QString::fromUtf8(sqlite3_errmsg(handle))
                                  : QString::fromUtf8(sqlite3_errstr(resultCode));
    const QString directory = QFileInfo(filePath).absolutePath();
    switch (resultCode & 0xff) {
    case SQLITE_FULL:
        return make(Kind::DiskFull, filePath,
            Tr::tr("The cache could not be written: %1 (while trying to %2). Free space at %3, "
                   "then try again; nothing was half-written.")
                .arg(reason, action, directory));
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        return make(Kind::ReadOnly, filePath,
            Tr::tr("The cache %1 is not writable: %2 (while trying to %3). Check that you own "
                   "the file and the folder %4 and that the disk is not mounted read-only.")
                .arg(filePath, reason, action, directory));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return make(Kind::Corrupt, filePath,
            Tr::tr("The cache %1 is damaged: %2 (while trying to %3). Move it aside and start "
                   "a new cache; the data will be fetched again from Mimecast.")
                .arg(filePath, reason, action));
    case SQLITE_IOERR:
        return make(Kind::Io, filePath,
            Tr::tr("The cache %1 could not be read or written: %2 (while trying to %3). Check "
                   "the disk holding %4.")
                .arg(filePath, reason, action, directory));
    case SQLITE_CONSTRAINT:
        return make(Kind::Constraint, filePath,
            Tr::tr("A write to the cache %1 was refused: %2 (while trying to %3). Nothing from "
                   "this step was kept.")
                .arg(filePath, reason, action));
    default:
        return make(Kind::Other, filePath,
            Tr::tr("The cache %1 reported an error: %2 (while trying to %3).")
                .arg(filePath, reason, action));
    }
}

} // namespace msc
