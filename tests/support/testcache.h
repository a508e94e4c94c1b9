#pragma once

#include "storage/cachewriter.h"
#include "storage/tableschema.h"

#include <QSet>
#include <QTemporaryDir>
#include <QVariant>

#include <memory>

namespace msc::test {

/// A cache in a fresh temporary directory with its single writer started.
class TestCache
{
public:
    TestCache();
    ~TestCache();

    /// False (with the reason in error()) if the writer could not open the cache.
    bool start();

    const QString &path() const { return m_path; }
    QString directory() const { return m_directory.path(); }
    const SchemaDefinition &definition() const { return m_definition; }
    CacheWriter &writer() { return *m_writer; }
    const CacheError &error() const { return m_error; }

    /// Submits \a unit and waits for its result.
    WriteResult write(WriteUnit unit);

    /// Runs a scalar query on a fresh reader connection of the calling thread.
    QVariant scalar(const QString &sql) const;
    qint64 rowCount(const QString &table) const;
    /// The dedup keys of \a table as 32 lowercase hex characters (as /_sim/truth gives them).
    QSet<QString> dedupKeys(const QString &table) const;

private:
    QTemporaryDir m_directory;
    QString m_path;
    SchemaDefinition m_definition;
    std::unique_ptr<CacheWriter> m_writer;
    CacheError m_error;
};

} // namespace msc::test
