// Opening what is not a healthy cache of ours: a damaged file, another program's database,
// a read-only file. Each gives an error naming the file and the fix; damaged and foreign
// files can be moved aside so that a new cache starts.
#include "storage/cachedatabase.h"
#include "storage/cachewriter.h"
#include "testcache.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

CacheError startWriter(const QString &path)
{
    CacheWriter writer(SchemaDefinition::builtIn(), CacheWriter::Options {path});
    return writer.start().result();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

} // namespace

class TestCacheConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void garbageFileIsCorrupt()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(u"console.db"_s);
        writeFile(path, QByteArray(4096, 'x'));
        const CacheError error = startWriter(path);
        QCOMPARE(error.kind, CacheError::Kind::Corrupt);
        QVERIFY(error.canMoveAside());
        QCOMPARE(error.filePath, path);
        QVERIFY2(error.message.contains(path), qPrintable(error.message));
        QVERIFY2(error.message.contains(u"not a SQLite database"_s), qPrintable(error.message));
        QVERIFY2(error.message.contains(u"Move it aside"_s), qPrintable(error.message));
        // Nothing was written into it.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray(4096, 'x'));
    }

    void damagedSqliteFileIsCorrupt()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(u"console.db"_s);
        // A real cache, closed (the last connection folds the WAL into the file)...
        QVERIFY(!startWriter(path).isError());
        QVERIFY(!QFile::exists(path + u"-wal"_s));
        // ...whose pages are then overwritten behind a valid header.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        file.close();
        QVERIFY(bytes.size() > 8192);
        for (qsizetype i = 100; i < bytes.size(); ++i)
            bytes[i] = char(0xA5);
        writeFile(path, bytes);

        const CacheError error = startWriter(path);
        QCOMPARE(error.kind, CacheError::Kind::Corrupt);
        QVERIFY2(error.message.contains(path), qPrintable(error.message));
        QVERIFY2(error.message.contains(u"damaged"_s), qPrintable(error.message));
    }

    void otherProgramsDatabaseIsForeign()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(u"console.db"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foreign"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(u"CREATE TABLE moz_places (id INTEGER PRIMARY KEY)"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"foreign"_s);
        const CacheError error = startWriter(path);
        QCOMPARE(error.kind, CacheError::Kind::Foreign);
        QVERIFY2(error.message.contains(path), qPrintable(error.message));
        QVERIFY2(error.message.contains(u"another program"_s), qPrintable(error.message));

        // Another application id is recognised from the header alone.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foreign2"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(u"PRAGMA application_id = 1234"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"foreign2"_s);
        const CacheError byId = startWriter(path);
        QCOMPARE(byId.kind, CacheError::Kind::Foreign);
        QVERIFY2(byId.message.contains(u"000004d2"_s), qPrintable(byId.message));
    }

    // A new cache gets the writer's page size; an older file keeps its own and still works.
    void pageSizeOfNewAndExistingFiles()
    {
        auto pageSize = [](const QString &path, const QString &name) {
            qint64 size = -1;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
                db.setDatabaseName(path);
                QSqlQuery query(db);
                if (db.open() && query.exec(u"PRAGMA page_size"_s) && query.next())
                    size = query.value(0).toLongLong();
            }
            QSqlDatabase::removeDatabase(name);
            return size;
        };
        QTemporaryDir directory;
        const QString fresh = directory.filePath(u"fresh.db"_s);
        QVERIFY(!startWriter(fresh).isError());
        QCOMPARE(pageSize(fresh, u"fresh"_s), qint64(CacheConnection::kPageSizeBytes));
        QCOMPARE(CacheConnection::kPageSizeBytes, 8192);

        // A file of ours made with 4 KiB pages (as before 8 KiB became the default).
        const QString older = directory.filePath(u"older.db"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"older"_s);
            db.setDatabaseName(older);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(u"PRAGMA page_size = 4096"_s));
            QVERIFY(QSqlQuery(db).exec(
                u"PRAGMA application_id = %1"_s.arg(CacheConnection::kApplicationId)));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"older"_s);
        const CacheError error = startWriter(older);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QCOMPARE(pageSize(older, u"older"_s), qint64(4096));
    }

    void moveAsideStartsAFreshCache()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(u"console.db"_s);
        writeFile(path, QByteArray("definitely not sqlite, but 100 bytes long ").repeated(4));
        writeFile(path + u"-wal"_s, QByteArray("stale wal"));
        QCOMPARE(startWriter(path).kind, CacheError::Kind::Corrupt);

        QString movedTo;
        QString problem;
        QVERIFY2(CacheConnection::moveAside(path, &movedTo, &problem), qPrintable(problem));
        QVERIFY(movedTo.startsWith(path + u".corrupt-"_s));
        QVERIFY(QFile::exists(movedTo));
        QVERIFY(QFile::exists(movedTo + u"-wal"_s));
        QVERIFY(!QFile::exists(path + u"-wal"_s));

        const CacheError fresh = startWriter(path);
        QVERIFY2(!fresh.isError(), qPrintable(fresh.message));
    }

    void readOnlyFileIsReported()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        QTemporaryDir directory;
        const QString path = directory.filePath(u"console.db"_s);
        QVERIFY(QFile::copy(cache.path(), path));
        QVERIFY(
            QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));

        // Root ignores file modes: test as an unprivileged user, which is what an admin is.
        const bool asRoot = ::geteuid() == 0;
        if (asRoot) {
            const passwd *nobody = ::getpwnam("nobody");
            if (!nobody)
                QSKIP("no 'nobody' user to drop privileges to");
            QVERIFY(::chmod(QFile::encodeName(directory.path()).constData(), 0777) == 0);
            QVERIFY(::seteuid(nobody->pw_uid) == 0);
        }
        const CacheError error = startWriter(path);
        if (asRoot)
            QVERIFY(::seteuid(0) == 0);

        QCOMPARE(error.kind, CacheError::Kind::ReadOnly);
        QVERIFY2(error.message.contains(path), qPrintable(error.message));
        QVERIFY2(
            error.message.contains(u"read-only"_s) || error.message.contains(u"not writable"_s),
            qPrintable(error.message));
        QVERIFY(!error.canMoveAside());
    }

    void missingFolderIsReported()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(u"no/such/folder/console.db"_s);
        const CacheError error = startWriter(path);
        QVERIFY(error.isError());
        QVERIFY2(error.message.contains(path), qPrintable(error.message));
    }
};

QTEST_GUILESS_MAIN(TestCacheConnection)
#include "tst_cacheconnection.moc"
