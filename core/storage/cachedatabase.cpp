#include "storage/cachedatabase.h"

#include "storage/rawcodec.h"
#include "util/logging.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(CacheConnection)
    };

    QString uniqueConnectionName(ConnectionRole role)
    {
        static QAtomicInteger<quint64> counter;
        const QString roleName = role == ConnectionRole::Writer ? u"writer"_s : u"reader"_s;
        return u"cache-%1-%2-%3"_s.arg(roleName)
            .arg(reinterpret_cast<quintptr>(QThread::currentThread()), 0, 16)
            .arg(counter.fetchAndAddRelaxed(1));
    }

    /// Looks at the file header before SQLite does, so that a foreign or damaged file gets a
    /// precise message instead of a generic "file is not a database" on first use.
    CacheError inspectHeader(const QString &filePath)
    {
        QFile file(filePath);
        if (!file.exists() || file.size() == 0)
            return {};
        if (!file.open(QIODevice::ReadOnly)) {
            return CacheError::make(CacheError::Kind::ReadOnly, filePath,
                Tr::tr("The cache %1 cannot be opened: %2. Check that you own the "
                       "file and the profile folder.")
                    .arg(filePath, file.errorString()));
        }
        const QByteArray header = file.read(100);
        static const QByteArray magic("SQLite format 3\0", 16);
        if (header.size() < 100 || !header.startsWith(magic)) {
            return CacheError::make(CacheError::Kind::Corrupt, filePath,
                Tr::tr("The cache %1 is not a SQLite database (damaged or replaced). "
                       "Move it aside and start a new cache; the data will be "
                       "fetched again from Mimecast.")
                    .arg(filePath));
        }
        const auto *bytes = reinterpret_cast<const uchar *>(header.constData());
        const quint32 applicationId = (quint32(bytes[68]) << 24) | (quint32(bytes[69]) << 16)
            | (quint32(bytes[70]) << 8) | quint32(bytes[71]);
        if (applicationId != 0 && applicationId != quint32(CacheConnection::kApplicationId)) {
            return CacheError::make(CacheError::Kind::Foreign, filePath,
                Tr::tr("%1 is a SQLite database of another program (application id "
                       "0x%2), not a Mimecast Sentinel Console cache. Move it aside "
                       "or choose another profile folder.")
                    .arg(filePath)
                    .arg(applicationId, 8, 16, QChar(u'0')));
        }
        return {};
    }

    bool exec(sqlite3 *handle, const char *sql, const QString &filePath, const QString &action,
        CacheError *error)
    {
        const int rc = sqlite3_exec(handle, sql, nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK)
            return true;
        *error = CacheError::fromSqlite(handle, rc, filePath, action);
        return false;
    }

} // namespace

CacheConnection::CacheConnection(QString filePath, QString connectionName)
    : m_filePath(std::move(filePath))
    , m_connectionName(std::move(connectionName))
{
}

CacheConnection::~CacheConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    // Only after every QSqlDatabase handle above has gone out of scope.
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase CacheConnection::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

std::unique_ptr<CacheConnection> CacheConnection::open(
    const QString &filePath, const ConnectionOptions &options, CacheError *error)
{
    CacheError scratch;
    CacheError &failure = error ? *error : scratch;
    failure = inspectHeader(filePath);
    if (failure.isError())
        return nullptr;

    const bool existed = QFileInfo::exists(filePath);
    if (!existed && options.role == ConnectionRole::Reader) {
        failure = CacheError::make(CacheError::Kind::Other, filePath,
            Tr::tr("The cache %1 does not exist yet.").arg(filePath));
        return nullptr;
    }

    std::unique_ptr<CacheConnection> connection(
        new CacheConnection(filePath, uniqueConnectionName(options.role)));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection->m_connectionName);
        db.setDatabaseName(filePath);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(options.busyTimeoutMs));
        if (!db.open()) {
            failure = CacheError::make(CacheError::Kind::ReadOnly, filePath,
                Tr::tr("The cache %1 cannot be opened: %2. Check that the "
                       "profile folder exists and is writable.")
                    .arg(filePath, db.lastError().text()));
            return nullptr;
        }
        const QVariant handle = db.driver()->handle();
        if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
            qFatal("The QSQLITE driver did not expose a sqlite3 handle");
        connection->m_handle = *static_cast<sqlite3 *const *>(handle.constData());
    }
    sqlite3 *handle = connection->m_handle;
    if (QString problem; !registerRawJson(handle, &problem)) {
        failure = CacheError::make(CacheError::Kind::Other, filePath,
            Tr::tr("The cache %1 cannot be opened: the raw_json() function could not be registered "
                   "(%2).")
                .arg(filePath, problem));
        return nullptr;
    }

    // SQLite silently falls back to read-only when the file is write-protected; say so now
    // rather than on the first write.
    if (options.role == ConnectionRole::Writer && sqlite3_db_readonly(handle, "main") == 1) {
        failure = CacheError::make(CacheError::Kind::ReadOnly, filePath,
            Tr::tr("The cache %1 is read-only. Check that you own the file "
                   "and the folder %2 and that the disk is not mounted "
                   "read-only.")
                .arg(filePath, QFileInfo(filePath).absolutePath()));
        return nullptr;
    }

    // Reading the schema is the first real access: a damaged file fails here.
    int applicationId = 0;
    int tableCount = 0;
    {
        sqlite3_stmt *statement = nullptr;
        int rc = sqlite3_prepare_v2(handle,
            "SELECT (SELECT count(*) FROM sqlite_schema), "
            "(SELECT application_id FROM pragma_application_id)",
            -1, &statement, nullptr);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW) {
            tableCount = sqlite3_column_int(statement, 0);
            applicationId = sqlite3_column_int(statement, 1);
        }
        sqlite3_finalize(statement);
        if (rc != SQLITE_ROW) {
            failure = CacheError::fromSqlite(handle, rc, filePath, Tr::tr("read the schema"));
            return nullptr;
        }
    }
    if (applicationId == 0 && tableCount > 0) {
        failure = CacheError::make(CacheError::Kind::Foreign, filePath,
            Tr::tr("%1 is a SQLite database of another program, not a "
                   "Mimecast Sentinel Console cache. Move it aside or choose "
                   "another profile folder.")
                .arg(filePath));
        return nullptr;
    }

    // WAL lets readers work while the single writer commits; NORMAL is durable across
    // application crashes in WAL mode (only an OS crash or power loss can lose the last
    // commits, never corrupt the file), which is the trade-off the ingest rate needs.
    // 8 KiB pages for a new file (set before WAL mode fixes the size; an existing file keeps
    // its own): rows of ~850 bytes are appended by the million, and bench_ingest measured
    // ~1.2 x the insert rate of 4 KiB pages, for the console and the bare insert alike
    // (16 KiB: ~1.3 x for the bare insert but less for the console, and 100 MB more memory).
    const QByteArray pragmas =
        QByteArrayLiteral("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; ")
        + "PRAGMA cache_size=-" + QByteArray::number(options.cacheSizeKiB) + "; "
        + (options.role == ConnectionRole::Writer
                ? "PRAGMA page_size=" + QByteArray::number(CacheConnection::kPageSizeBytes)
                    + "; PRAGMA journal_mode=WAL; PRAGMA temp_store=MEMORY;"
                : QByteArrayLiteral("PRAGMA query_only=ON;"));
    if (!exec(handle, pragmas.constData(), filePath, Tr::tr("configure the connection"), &failure))
        return nullptr;

    qCDebug(lcCache) << "opened" << connection->m_connectionName << "on" << filePath;
    return connection;
}

bool CacheConnection::moveAside(const QString &filePath, QString *movedTo, QString *error)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s);
    const QString target = filePath + u".corrupt-"_s + stamp;
    if (QFileInfo::exists(target)) {
        if (error)
            *error = Tr::tr("%1 already exists; try again in a second.").arg(target);
        return false;
    }
    // The sidecars first: a -wal file left next to a new cache would be replayed into it.
    for (const QString &suffix : {u"-wal"_s, u"-shm"_s, u"-journal"_s}) {
        QFile sidecar(filePath + suffix);
        if (sidecar.exists() && !sidecar.rename(target + suffix)) {
            if (error)
                *error = Tr::tr("Could not move %1 aside: %2")
                             .arg(sidecar.fileName(), sidecar.errorString());
            return false;
        }
    }
    QFile file(filePath);
    if (!file.rename(target)) {
        if (error)
            *error = Tr::tr("Could not move %1 aside: %2").arg(filePath, file.errorString());
        return false;
    }
    qCWarning(lcCache) << "moved" << filePath << "aside to" << target;
    if (movedTo)
        *movedTo = target;
    return true;
}

} // namespace msc
