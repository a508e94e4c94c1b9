#pragma once

#include <QString>

struct sqlite3;

namespace msc {

/// What went wrong with the cache, sorted into kinds the UI and the CLI can act on.
struct CacheError
{
    enum class Kind {
        None,
        Corrupt, ///< Not a SQLite file, or damaged: offer to move it aside.
        Foreign, ///< A SQLite file of another program: offer to move it aside.
        NewerVersion, ///< Made by a newer console: never touch it.
        ReadOnly, ///< The file or its directory cannot be written.
        DiskFull, ///< SQLITE_FULL: the transaction was rolled back.
        Io, ///< Any other I/O failure.
        Constraint, ///< A row or bookkeeping write broke a constraint (a bug or bad input).
        Other,
    };

    Kind kind = Kind::None;
    QString message; ///< Translated, names the file and what to do.
    QString filePath;

    bool isError() const { return kind != Kind::None; }
    /// Corrupt and foreign files can be moved aside so that a fresh cache starts.
    bool canMoveAside() const { return kind == Kind::Corrupt || kind == Kind::Foreign; }

    /// Builds an error from the last SQLite failure on \a handle; \a action says what was
    /// being done ("write rows to Seg_Cg_CL").
    static CacheError fromSqlite(
        sqlite3 *handle, int resultCode, const QString &filePath, const QString &action);
    static CacheError make(Kind kind, const QString &filePath, const QString &message);
};

} // namespace msc
