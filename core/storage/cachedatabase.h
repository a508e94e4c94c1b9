#pragma once

#include "storage/cacheerror.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

struct sqlite3;

namespace msc {

/// How a connection to the cache is used. Every thread opens its own connection (Qt 6.4 has
/// no QSqlDatabase::moveToThread); only the CacheWriter opens one with Role::Writer.
enum class ConnectionRole { Writer, Reader };

struct ConnectionOptions
{
    ConnectionRole role = ConnectionRole::Reader;
    /// Page cache in KiB. The writer benefits from a large one (connectors.md §2.6).
    int cacheSizeKiB = 8 * 1024;
    int busyTimeoutMs = 10000;
};

/// One named SQLite connection to the cache file, owned by the thread that opened it.
/// Closing removes the Qt connection name, so the object must die on the opening thread.
class CacheConnection
{
public:
    /// The application id written into every cache file ('MSCC'), so a foreign SQLite file
    /// is recognised rather than written into.
    static constexpr int kApplicationId = 0x4D534343;
    /// The page size of a cache file the writer creates (an existing file keeps its own).
    static constexpr int kPageSizeBytes = 8192;

    ~CacheConnection();
    CacheConnection(const CacheConnection &) = delete;
    CacheConnection &operator=(const CacheConnection &) = delete;

    /// Opens \a filePath, creating it if needed (writer only), checks that it is a cache of
    /// ours, and sets the pragmas (WAL, synchronous=NORMAL, foreign keys, busy timeout).
    /// Returns nullptr and fills \a error with a message naming the file on failure.
    static std::unique_ptr<CacheConnection> open(
        const QString &filePath, const ConnectionOptions &options, CacheError *error);

    /// Renames a damaged or foreign cache (and its -wal/-shm files) to
    /// `<name>.corrupt-<UTC time>` so that a new cache can start. \a movedTo gets the new name.
    static bool moveAside(const QString &filePath, QString *movedTo, QString *error);

    QSqlDatabase database() const;
    sqlite3 *handle() const { return m_handle; }
    const QString &filePath() const { return m_filePath; }
    const QString &connectionName() const { return m_connectionName; }

private:
    CacheConnection(QString filePath, QString connectionName);

    QString m_filePath;
    QString m_connectionName;
    sqlite3 *m_handle = nullptr;
};

} // namespace msc
