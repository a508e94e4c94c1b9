// The Data page's queries: identifiers only from the definition, filters only as bound
// values, paging and sorting over a real cache (security.md rule 4).
#include "query/tablequery.h"
#include "testcache.h"
#include "testrows.h"
#include "util/timeformat.h"

#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

const QString kTable = u"Seg_Cg_CL"_s;
constexpr int kRows = 1200;

} // namespace

class TestTableQuery : public QObject
{
    Q_OBJECT

private:
    test::TestCache m_cache;
    DataSource m_source;

    int column(const QString &name) const { return int(m_source.columns.indexOf(name)); }

    TablePage fetch(const TableQuery &query) const
    {
        return TableQueries::fetchPage(m_cache.path(), m_source, query);
    }

    TableQuery baseQuery() const
    {
        TableQuery query;
        query.source = kTable;
        return query;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_cache.start());
        const TableDef &table = *m_cache.definition().tableByName(kTable);
        WriteUnit unit;
        unit.batches.append({table.name, test::makeRows(table, 0, kRows)});
        QVERIFY(m_cache.write(unit).ok());
        m_source = DataSources::find(m_cache.definition(), kTable);
        QVERIFY(m_source.isValid());
    }

    void sourcesComeFromTheDefinition()
    {
        const QList<DataSource> sources = DataSources::fromDefinition(m_cache.definition());
        QCOMPARE(sources.size(), m_cache.definition().tables().size());
        QCOMPARE(m_source.columns.first(), u"_seq"_s);
        QVERIFY(m_source.hasColumn(u"subject"_s));
        QVERIFY(m_source.hasColumn(u"_raw"_s));
        QCOMPARE(m_source.defaultSortColumn, u"_seq"_s);
        QVERIFY(!DataSources::find(m_cache.definition(), u"sqlite_schema"_s).isValid());
    }

    void defaultPageIsNewestFirst()
    {
        const TablePage page = fetch(baseQuery());
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.columns, m_source.columns);
        QCOMPARE(page.rows.size(), TableQuery::kDefaultPageSize);
        QCOMPARE(page.rows.first().at(0).toLongLong(), qint64(kRows));
        QCOMPARE(page.rows.last().at(0).toLongLong(), qint64(kRows - 499));
        QCOMPARE(page.seqCeiling, qint64(kRows));
        QVERIFY(!page.atEnd);
        // Values keep SQLite's types.
        QCOMPARE(
            page.rows.first().at(column(u"subject"_s)).toString(), u"subject-%1"_s.arg(kRows - 1));
        QCOMPARE(page.rows.first().at(column(u"_dedup_key"_s)).typeId(), QMetaType::QByteArray);
        QCOMPARE(page.rows.first().at(column(u"timestamp"_s)).typeId(), QMetaType::Double);

        const TableCount count = TableQueries::count(m_cache.path(), m_source, baseQuery());
        QVERIFY2(count.ok(), qPrintable(count.error));
        QCOMPARE(count.rows, qint64(kRows));
    }

    void pagesCoverEveryRowOnce()
    {
        QSet<qint64> seen;
        TableQuery query = baseQuery();
        query.limit = 500;
        for (;;) {
            const TablePage page = fetch(query);
            QVERIFY2(page.ok(), qPrintable(page.error));
            for (const QVariantList &row : page.rows)
                seen.insert(row.at(0).toLongLong());
            query.seqCeiling = page.seqCeiling;
            query.offset += page.rows.size();
            if (page.atEnd)
                break;
        }
        QCOMPARE(query.offset, qint64(kRows));
        QCOMPARE(seen.size(), kRows);
    }

    void sortsByAnyDefinedColumn()
    {
        TableQuery query = baseQuery();
        query.sortColumn = u"subject"_s;
        query.sortOrder = Qt::AscendingOrder;
        query.limit = 5;
        TablePage page = fetch(query);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QStringList subjects;
        for (const QVariantList &row : page.rows)
            subjects.append(row.at(column(u"subject"_s)).toString());
        // Text order: subject-0, subject-1, subject-10, subject-100, subject-1000.
        QCOMPARE(subjects,
            QStringList({u"subject-0"_s, u"subject-1"_s, u"subject-10"_s, u"subject-100"_s,
                u"subject-1000"_s}));

        query.sortColumn = u"_event_time"_s;
        query.sortOrder = Qt::DescendingOrder;
        query.offset = 10;
        page = fetch(query);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.rows.first().at(0).toLongLong(), qint64(kRows - 10));
    }

    void filtersContainsAndEquals()
    {
        TableQuery query = baseQuery();
        query.filter = ColumnFilter {u"subject"_s, ColumnFilter::Mode::Contains, u"ECT-11"_s};
        query.limit = 2000;
        TablePage page = fetch(query);
        QVERIFY2(page.ok(), qPrintable(page.error));
        // subject-11, subject-110..119, subject-1100..1199: 1 + 10 + 100.
        QCOMPARE(page.rows.size(), 111);
        QCOMPARE(TableQueries::count(m_cache.path(), m_source, query).rows, qint64(111));

        query.filter = ColumnFilter {u"subject"_s, ColumnFilter::Mode::Equals, u"subject-42"_s};
        page = fetch(query);
        QCOMPARE(page.rows.size(), 1);
        QCOMPARE(page.rows.first().at(column(u"subject"_s)).toString(), u"subject-42"_s);

        // LIKE wildcards in the value are literal.
        for (const QString &wildcard : {u"%"_s, u"_"_s, u"subject%4"_s, u"subject_4"_s}) {
            query.filter = ColumnFilter {u"subject"_s, ColumnFilter::Mode::Contains, wildcard};
            page = fetch(query);
            QVERIFY2(page.ok(), qPrintable(page.error));
            QVERIFY2(page.rows.isEmpty(), qPrintable(wildcard));
        }
    }

    void filterValuesAreBoundNotSql_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("value");
        for (const int mode :
            {int(ColumnFilter::Mode::Contains), int(ColumnFilter::Mode::Equals)}) {
            const QByteArray tag = mode == 0 ? "contains " : "equals ";
            QTest::newRow(QByteArray(tag + "or-true").constData()) << mode << u"x' OR 1=1 --"_s;
            QTest::newRow(QByteArray(tag + "double-quote").constData())
                << mode << u"x\" OR \"1\"=\"1"_s;
            QTest::newRow(QByteArray(tag + "drop").constData())
                << mode << u"'; DROP TABLE \"Seg_Cg_CL\"; --"_s;
            QTest::newRow(QByteArray(tag + "union").constData())
                << mode << u"' UNION SELECT name FROM sqlite_schema --"_s;
        }
    }

    void filterValuesAreBoundNotSql()
    {
        QFETCH(int, mode);
        QFETCH(QString, value);
        TableQuery query = baseQuery();
        query.filter = ColumnFilter {u"subject"_s, ColumnFilter::Mode(mode), value};

        QString error;
        const std::optional<BoundQuery> sql = TableQueries::selectSql(m_source, query, &error);
        QVERIFY(sql);
        QVERIFY(!sql->sql.contains(value));

        const TablePage page = fetch(query);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QVERIFY(page.rows.isEmpty());
        QCOMPARE(TableQueries::count(m_cache.path(), m_source, query).rows, 0);
        QCOMPARE(m_cache.rowCount(kTable), qint64(kRows));
    }

    void identifiersOutsideTheDefinitionAreRefused_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("filterColumn");
        QTest::addColumn<QString>("sortColumn");
        QTest::newRow("unknown filter column") << kTable << u"nope"_s << QString();
        QTest::newRow("injected filter column")
            << kTable << u"subject\" = \"subject\" OR 1=1 --"_s << QString();
        QTest::newRow("case differs") << kTable << u"SUBJECT"_s << QString();
        QTest::newRow("unknown sort column") << kTable << QString() << u"nope"_s;
        QTest::newRow("injected sort column") << kTable << QString() << u"1; DROP TABLE x"_s;
        QTest::newRow("other source") << u"Seg_Dlp_CL"_s << QString() << QString();
    }

    void identifiersOutsideTheDefinitionAreRefused()
    {
        QFETCH(QString, source);
        QFETCH(QString, filterColumn);
        QFETCH(QString, sortColumn);
        TableQuery query = baseQuery();
        query.source = source;
        if (!filterColumn.isEmpty())
            query.filter = ColumnFilter {filterColumn, ColumnFilter::Mode::Equals, u"x"_s};
        query.sortColumn = sortColumn;

        QString error;
        QVERIFY(!TableQueries::selectSql(m_source, query, &error));
        QVERIFY(!error.isEmpty());
        const TablePage page = fetch(query);
        QVERIFY(!page.ok());
        QVERIFY(page.rows.isEmpty());
        // The count has no ORDER BY, so only the source and the filter matter to it.
        if (sortColumn.isEmpty())
            QVERIFY(!TableQueries::count(m_cache.path(), m_source, query).ok());

        // An unknown table is refused the same way.
        query = baseQuery();
        query.source = u"sqlite_schema"_s;
        const DataSource missing = DataSources::find(m_cache.definition(), query.source);
        QVERIFY(!TableQueries::fetchPage(m_cache.path(), missing, query).ok());
    }

    void timeRangeIsHalfOpen()
    {
        // Row n has the event time 2025-06-01T08:03:23.123Z + n seconds.
        const QDateTime first = parseUtc(u"2025-06-01T08:03:23.123Z"_s);
        TableQuery query = baseQuery();
        query.from = first.addSecs(100);
        query.to = first.addSecs(150);
        query.sortOrder = Qt::AscendingOrder;
        const TablePage page = fetch(query);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.rows.size(), 50);
        QCOMPARE(page.rows.first().at(column(u"subject"_s)).toString(), u"subject-100"_s);
        QCOMPARE(page.rows.last().at(column(u"subject"_s)).toString(), u"subject-149"_s);
        QCOMPARE(TableQueries::count(m_cache.path(), m_source, query).rows, qint64(50));
    }

    void cancelledQueriesStop()
    {
        auto cancel = std::make_shared<std::atomic_bool>(false);
        QVERIFY(TableQueries::fetchPage(m_cache.path(), m_source, baseQuery(), cancel).ok());
        cancel->store(true);
        const TablePage page =
            TableQueries::fetchPage(m_cache.path(), m_source, baseQuery(), cancel);
        QVERIFY(!page.ok());
        QVERIFY(page.rows.isEmpty());
        QVERIFY(!TableQueries::count(m_cache.path(), m_source, baseQuery(), cancel).ok());
    }

    void rowsCommittedWhileScrollingDoNotShiftPages()
    {
        test::TestCache cache;
        QVERIFY(cache.start());
        const TableDef &table = *cache.definition().tableByName(kTable);
        WriteUnit unit;
        unit.batches.append({table.name, test::makeRows(table, 0, 30)});
        QVERIFY(cache.write(unit).ok());

        TableQuery query = baseQuery();
        query.limit = 10;
        const TablePage first = TableQueries::fetchPage(cache.path(), m_source, query);
        QVERIFY2(first.ok(), qPrintable(first.error));
        QCOMPARE(first.seqCeiling, 30);

        WriteUnit more;
        more.batches.append({table.name, test::makeRows(table, 1000, 5)});
        QVERIFY(cache.write(more).ok());

        query.offset = 10;
        query.seqCeiling = first.seqCeiling;
        const TablePage second = TableQueries::fetchPage(cache.path(), m_source, query);
        QVERIFY2(second.ok(), qPrintable(second.error));
        QCOMPARE(second.rows.first().at(0).toLongLong(), 20);
    }
};

QTEST_GUILESS_MAIN(TestTableQuery)
#include "tst_tablequery.moc"
