#include "testcache.h"

#include "storage/cachedatabase.h"
#include "storage/sqlidentifier.h"

#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace msc::test {

TestCache::TestCache()
    : m_path(m_directory.filePath(u"console.db"_s))
    , m_definition(SchemaDefinition::builtIn())
{
}

TestCache::~TestCache() = default;

bool TestCache::start()
{
    m_writer = std::make_unique<CacheWriter>(m_definition, CacheWriter::Options {m_path});
    m_error = m_writer->start().result();
    return !m_error.isError();
}

WriteResult TestCache::write(WriteUnit unit)
{
    return m_writer->submit(std::move(unit)).result();
}

QVariant TestCache::scalar(const QString &sql) const
{
    CacheError error;
    std::unique_ptr<CacheConnection> connection =
        CacheConnection::open(m_path, ConnectionOptions {}, &error);
    if (!connection)
        qFatal("reader connection failed: %s", qUtf8Printable(error.message));
    QVariant value;
    {
        QSqlQuery query(connection->database());
        if (!query.exec(sql) || !query.next())
            qFatal("query failed: %s", qUtf8Printable(sql));
        value = query.value(0);
    }
    return value;
}

qint64 TestCache::rowCount(const QString &table) const
{
    return scalar(u"SELECT count(*) FROM "_s + quoteIdentifier(table)).toLongLong();
}

QSet<QString> TestCache::dedupKeys(const QString &table) const
{
    CacheError error;
    std::unique_ptr<CacheConnection> connection =
        CacheConnection::open(m_path, ConnectionOptions {}, &error);
    if (!connection)
        qFatal("reader connection failed: %s", qUtf8Printable(error.message));
    QSet<QString> keys;
    {
        QSqlQuery query(connection->database());
        query.exec(u"SELECT lower(hex(\"_dedup_key\")) FROM "_s + quoteIdentifier(table));
        while (query.next())
            keys.insert(query.value(0).toString());
    }
    return keys;
}

} // namespace msc::test
