// Schema versions: a database made by the previous version upgrades with its data intact; a
// failing step leaves the file exactly at the version it had; a newer file is refused.
#include "storage/cachedatabase.h"
#include "storage/cachewriter.h"
#include "storage/schemamigrator.h"
#include "testcache.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

std::unique_ptr<CacheConnection> openWriter(const QString &path)
{
    ConnectionOptions options;
    options.role = ConnectionRole::Writer;
    CacheError error;
    auto connection = CacheConnection::open(path, options, &error);
    if (!connection)
        qWarning("%s", qUtf8Printable(error.message));
    return connection;
}

int tableCount(CacheConnection &connection, const QString &name)
{
    QSqlQuery query(connection.database());
    query.prepare(u"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?"_s);
    query.addBindValue(name);
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace

class TestMigration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void upgradesPreviousVersionKeepingData()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(u"console.db"_s);
        const SchemaDefinition definition = SchemaDefinition::builtIn();
        const SchemaMigrator migrator(definition);
        QCOMPARE(migrator.latestVersion(), SchemaMigrator::kLatestVersion);

        // A cache as version 1 left it, with a row, a cursor and a gap.
        {
            auto connection = openWriter(path);
            QVERIFY(connection);
            QVERIFY(!migrator.migrate(*connection, 1).isError());
            QCOMPARE(SchemaMigrator::currentVersion(connection->handle()), 1);
            QCOMPARE(tableCount(*connection, u"batch_file"_s), 0);
            QSqlQuery insert(connection->database());
            QVERIFY(insert.exec(
                u"INSERT INTO \"Audit_CL\" (id, \"_dedup_key\", \"_event_time\", \"_raw\") "
                u"VALUES ('a1', zeroblob(16), '2025-06-01T07:47:55.000Z', '{\"id\":\"a1\"}')"_s));
            QVERIFY(insert.exec(u"INSERT INTO sync_cursor VALUES ('audit', 'audit.audit', '', "
                                u"'{\"completed_to\":\"2025-06-01T08:00:00.000Z\"}', 'now')"_s));
            QVERIFY(insert.exec(u"INSERT INTO sync_gap (stream_id, reason, created_at) VALUES "
                                u"('seg.cg', 'beyond retention', 'now')"_s));
        }

        // The current console opens it.
        CacheWriter writer(definition, CacheWriter::Options {path});
        const CacheError error = writer.start().result();
        QVERIFY2(!error.isError(), qPrintable(error.message));

        auto connection = openWriter(path);
        QCOMPARE(
            SchemaMigrator::currentVersion(connection->handle()), SchemaMigrator::kLatestVersion);
        QCOMPARE(tableCount(*connection, u"batch_file"_s), 1);
        QCOMPARE(tableCount(*connection, u"sync_quarantine_line"_s), 1);
        QCOMPARE(tableCount(*connection, u"job_run"_s), 1);
        QSqlQuery check(connection->database());
        QVERIFY(check.exec(u"SELECT (SELECT id FROM \"Audit_CL\"), (SELECT cursor_json FROM "
                           u"sync_cursor), (SELECT reason FROM sync_gap)"_s));
        QVERIFY(check.next());
        QCOMPARE(check.value(0).toString(), u"a1"_s);
        QCOMPARE(check.value(1).toString(), u"{\"completed_to\":\"2025-06-01T08:00:00.000Z\"}"_s);
        QCOMPARE(check.value(2).toString(), u"beyond retention"_s);
    }

    void failingStepRollsBackCompletely()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(u"console.db"_s);
        SchemaMigrator migrator(SchemaDefinition::builtIn());
        auto connection = openWriter(path);
        QVERIFY(!migrator.migrate(*connection).isError());

        // The next step creates a table, changes data, then fails half-way.
        migrator.appendStep({SchemaMigrator::kLatestVersion + 1, u"broken step"_s,
            [](sqlite3 *handle, QString *problem) {
                sqlite3_exec(handle, "CREATE TABLE half_done (x)", nullptr, nullptr, nullptr);
                sqlite3_exec(handle,
                    "INSERT INTO sync_gap (stream_id, reason, created_at) "
                    "VALUES ('x', 'y', 'z')",
                    nullptr, nullptr, nullptr);
                const int rc = sqlite3_exec(
                    handle, "ALTER TABLE no_such_table ADD x", nullptr, nullptr, nullptr);
                *problem = QString::fromUtf8(sqlite3_errmsg(handle));
                return rc == SQLITE_OK;
            }});
        const CacheError error = migrator.migrate(*connection);
        QVERIFY(error.isError());
        QVERIFY2(
            error.message.contains(u"schema version %1"_s.arg(SchemaMigrator::kLatestVersion + 1)),
            qPrintable(error.message));
        QVERIFY2(error.message.contains(u"no_such_table"_s), qPrintable(error.message));
        QVERIFY2(error.message.contains(
                     u"left at version %1, unchanged"_s.arg(SchemaMigrator::kLatestVersion)),
            qPrintable(error.message));
        QCOMPARE(
            SchemaMigrator::currentVersion(connection->handle()), SchemaMigrator::kLatestVersion);
        QCOMPARE(tableCount(*connection, u"half_done"_s), 0);
        QSqlQuery gaps(connection->database());
        QVERIFY(gaps.exec(u"SELECT count(*) FROM sync_gap"_s) && gaps.next());
        QCOMPARE(gaps.value(0).toInt(), 0);
    }

    void newerFileIsRefusedUntouched()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(u"console.db"_s);
        {
            auto connection = openWriter(path);
            QVERIFY(!SchemaMigrator(SchemaDefinition::builtIn()).migrate(*connection).isError());
            QVERIFY(sqlite3_exec(
                        connection->handle(), "PRAGMA user_version = 99", nullptr, nullptr, nullptr)
                == SQLITE_OK);
        }
        CacheWriter writer(SchemaDefinition::builtIn(), CacheWriter::Options {path});
        const CacheError error = writer.start().result();
        QCOMPARE(error.kind, CacheError::Kind::NewerVersion);
        QVERIFY2(error.message.contains(path), qPrintable(error.message));
        QVERIFY2(error.message.contains(u"newer version"_s), qPrintable(error.message));

        // Submitting anyway fails with the same error; nothing is written.
        const WriteResult result = writer.submit(WriteUnit {}).result();
        QCOMPARE(result.error.kind, CacheError::Kind::NewerVersion);
        auto connection = openWriter(path);
        QCOMPARE(SchemaMigrator::currentVersion(connection->handle()), 99);
    }
};

QTEST_GUILESS_MAIN(TestMigration)
#include "tst_migration.moc"
