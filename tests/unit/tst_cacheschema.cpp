// The cache schema created from the definition: every column with its SQLite type, the
// bookkeeping columns, the UNIQUE dedup key and the time index; pragmas of a writer.
#include "storage/cachedatabase.h"
#include "storage/cacheschema.h"
#include "storage/schemamigrator.h"
#include "testcache.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

class TestCacheSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tablesMatchDefinition_data()
    {
        QTest::addColumn<QString>("table");
        const SchemaDefinition definition = SchemaDefinition::builtIn();
        for (const TableDef &table : definition.tables())
            QTest::newRow(qPrintable(table.name)) << table.name;
    }

    void tablesMatchDefinition()
    {
        QFETCH(QString, table);
        test::TestCache cache;
        QVERIFY2(cache.start(), qPrintable(cache.error().message));
        const TableDef *def = cache.definition().tableByName(table);
        QVERIFY(def);

        CacheError error;
        auto connection = CacheConnection::open(cache.path(), ConnectionOptions {}, &error);
        QVERIFY(connection);
        QSqlQuery info(connection->database());
        QVERIFY(info.exec(
            u"SELECT name, type, \"notnull\", pk FROM pragma_table_info('%1')"_s.arg(table)));
        QStringList names;
        QStringList types;
        while (info.next()) {
            names.append(info.value(0).toString());
            types.append(info.value(1).toString());
        }
        QCOMPARE(names, CacheSchema::columnNames(*def));

        // DCR type → SQLite type (connectors.md §2.6).
        for (const ColumnDef &column : def->columns) {
            const QString expected = column.type == ColumnType::Real ? u"REAL"_s
                : column.type == ColumnType::Boolean                 ? u"INTEGER"_s
                                                                     : u"TEXT"_s;
            QCOMPARE(types.at(names.indexOf(column.name)), expected);
        }
        QCOMPARE(types.at(names.indexOf(u"_seq"_s)), u"INTEGER"_s);
        QCOMPARE(types.at(names.indexOf(u"_dedup_key"_s)), u"BLOB"_s);
        QCOMPARE(types.at(names.indexOf(u"_event_time"_s)), u"TEXT"_s);
        QVERIFY(names.contains(u"_event_time_missing"_s));
        QVERIFY(names.contains(u"_raw"_s));
        QVERIFY(names.contains(u"_raw_sha256"_s));
        QVERIFY(names.contains(u"_source"_s));
        QCOMPARE(names.contains(u"_first_seen"_s), def->isSnapshot());
        QCOMPARE(names.contains(u"_last_seen"_s), def->isSnapshot());
        QCOMPARE(names.contains(u"_campaign_id"_s), table == u"Awareness_User_Data_CL"_s);

        // A UNIQUE index on exactly _dedup_key, and an ordinary index on _event_time.
        QSqlQuery indexes(connection->database());
        QVERIFY(indexes.exec(u"SELECT il.name, il.\"unique\", group_concat(ii.name) FROM "
                             u"pragma_index_list('%1') il, pragma_index_info(il.name) ii GROUP BY "
                             u"il.name"_s.arg(table)));
        bool uniqueDedup = false;
        bool eventTimeIndex = false;
        while (indexes.next()) {
            const QString columns = indexes.value(2).toString();
            if (columns == u"_dedup_key"_s && indexes.value(1).toInt() == 1)
                uniqueDedup = true;
            if (columns == u"_event_time"_s)
                eventTimeIndex = true;
        }
        QVERIFY(uniqueDedup);
        QVERIFY(eventTimeIndex);

        // STRICT: SQLite itself refuses a value of the wrong type.
        QSqlQuery strict(connection->database());
        QCOMPARE(connection->database().tables().contains(table), true);
        QVERIFY(
            strict.exec(u"SELECT strict FROM pragma_table_list WHERE name = '%1'"_s.arg(table)));
        QVERIFY(strict.next());
        QCOMPARE(strict.value(0).toInt(), 1);
    }

    void bookkeepingTablesExist()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        for (const char *name : {"sync_stream", "sync_cursor", "sync_lease", "sync_gap",
                 "batch_file", "sync_quarantine_page", "sync_quarantine_line", "job_run"}) {
            QCOMPARE(cache
                         .scalar(u"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                                 u"name = '%1'"_s.arg(QLatin1StringView(name)))
                         .toInt(),
                1);
        }
    }

    void writerPragmas()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        QCOMPARE(cache.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(cache.scalar(u"PRAGMA application_id"_s).toInt(), CacheConnection::kApplicationId);
        QCOMPARE(cache.scalar(u"PRAGMA user_version"_s).toInt(), SchemaMigrator::kLatestVersion);
        // Per-connection settings of a reader: foreign keys on, NORMAL sync, query_only.
        QCOMPARE(cache.scalar(u"PRAGMA foreign_keys"_s).toInt(), 1);
        QCOMPARE(cache.scalar(u"PRAGMA synchronous"_s).toInt(), 1);
        QCOMPARE(cache.scalar(u"PRAGMA query_only"_s).toInt(), 1);
    }

    void readersCannotWrite()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        CacheError error;
        auto reader = CacheConnection::open(cache.path(), ConnectionOptions {}, &error);
        QVERIFY(reader);
        QSqlQuery query(reader->database());
        QVERIFY(!query.exec(u"DELETE FROM sync_gap"_s));
    }
};

QTEST_GUILESS_MAIN(TestCacheSchema)
#include "tst_cacheschema.moc"
