#pragma once

#include "storage/cacheerror.h"
#include "storage/tableschema.h"

#include <QList>
#include <QString>

#include <functional>

struct sqlite3;

namespace msc {

class CacheConnection;

/// Brings a cache file to the current schema version, one atomic step at a time.
///
/// The version lives in `PRAGMA user_version`; each step runs in its own transaction and
/// sets the version last, so a failure leaves the file at the previous version, untouched.
/// A file from a newer console is refused, never downgraded.
class SchemaMigrator
{
public:
    struct Step
    {
        int version = 0; ///< The version the file has after this step.
        QString description;
        /// Applies the step on \a handle inside the open transaction; returns false and sets
        /// \a error on failure.
        std::function<bool(sqlite3 *handle, QString *error)> apply;
    };

    static constexpr int kLatestVersion = 3;

    explicit SchemaMigrator(const SchemaDefinition &definition);

    int latestVersion() const;

    /// Migrates to \a targetVersion (the latest if -1).
    CacheError migrate(CacheConnection &connection, int targetVersion = -1) const;

    /// Adds a step after the built-in ones: tests use it to prove a failing step rolls back.
    void appendStep(Step step);

    static int currentVersion(sqlite3 *handle);

private:
    QList<Step> m_steps;
};

} // namespace msc
