#include "storage/schemamigrator.h"

#include "storage/cachedatabase.h"
#include "storage/cacheschema.h"
#include "util/logging.h"

#include <QCoreApplication>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(SchemaMigrator)
    };

    bool execAll(sqlite3 *handle, const QStringList &statements, QString *error)
    {
        for (const QString &statement : statements) {
            char *message = nullptr;
            if (sqlite3_exec(handle, statement.toUtf8().constData(), nullptr, nullptr, &message)
                != SQLITE_OK) {
                *error = QString::fromUtf8(message ? message : sqlite3_errmsg(handle));
                sqlite3_free(message);
                return false;
            }
        }
        return true;
    }

    // Version 1: the data tables and the cursor, lease and gap bookkeeping.
    QStringList version1Statements(const SchemaDefinition &definition)
    {
        QStringList statements {
            u"PRAGMA application_id = %1"_s.arg(CacheConnection::kApplicationId)};
        for (const TableDef &table : definition.tables())
            statements += CacheSchema::createStatements(table);
        statements += QStringList {
            uR"(CREATE TABLE sync_stream (
    stream_id TEXT PRIMARY KEY,
    connector_id TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'idle',
    last_run TEXT,
    last_success TEXT,
    last_error_kind TEXT,
    last_error TEXT,
    duplicates_total INTEGER NOT NULL DEFAULT 0,
    coercion_warnings INTEGER NOT NULL DEFAULT 0,
    unknown_types INTEGER NOT NULL DEFAULT 0,
    undeclared_fields TEXT
) STRICT)"_s,
            uR"(CREATE TABLE sync_cursor (
    connector_id TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    part TEXT NOT NULL DEFAULT '',
    cursor_json TEXT NOT NULL CHECK (json_valid(cursor_json)),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (stream_id, part)
) STRICT)"_s,
            uR"(CREATE TABLE sync_lease (
    stream_id TEXT PRIMARY KEY,
    owner_pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT)"_s,
            uR"(CREATE TABLE sync_gap (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL,
    part TEXT NOT NULL DEFAULT '',
    from_time TEXT,
    to_time TEXT,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    acknowledged INTEGER NOT NULL DEFAULT 0
) STRICT)"_s,
            u"CREATE INDEX sync_gap_open_idx ON sync_gap (acknowledged, stream_id)"_s,
        };
        return statements;
    }

    // Version 2: the SIEM file ledger, the three quarantines and the job history.
    QStringList version2Statements()
    {
        return {
            uR"(CREATE TABLE batch_file (
    connector_id TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    type TEXT NOT NULL,
    file_key TEXT NOT NULL,
    listing_token TEXT,
    link_expiry TEXT,
    size INTEGER,
    state TEXT NOT NULL
        CHECK (state IN ('pending', 'committed', 'quarantined', 'partial', 'skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    rows_added INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    bad_lines INTEGER NOT NULL DEFAULT 0,
    min_event_time TEXT,
    max_event_time TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (stream_id, type, file_key)
) STRICT)"_s,
            u"CREATE INDEX batch_file_state_idx ON batch_file (state, stream_id)"_s,
            uR"(CREATE TABLE sync_quarantine_page (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL,
    part TEXT NOT NULL DEFAULT '',
    window_from TEXT,
    window_to TEXT,
    snapshot_id TEXT,
    campaign_id TEXT,
    page_no INTEGER NOT NULL,
    page_token TEXT,
    attempts INTEGER NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'quarantined'
        CHECK (state IN ('quarantined', 'retried', 'skipped'))
) STRICT)"_s,
            uR"(CREATE TABLE sync_quarantine_line (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL,
    part TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    line_no INTEGER NOT NULL,
    length INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    text_prefix TEXT,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'quarantined' CHECK (state IN ('quarantined', 'purged'))
) STRICT)"_s,
            uR"(CREATE TABLE job_run (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL,
    trigger TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT,
    rows_added INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    pages INTEGER NOT NULL DEFAULT 0,
    files INTEGER NOT NULL DEFAULT 0,
    bytes INTEGER NOT NULL DEFAULT 0,
    quarantined INTEGER NOT NULL DEFAULT 0,
    error_kind TEXT,
    error TEXT
) STRICT)"_s,
            u"CREATE INDEX job_run_stream_idx ON job_run (stream_id, started_at)"_s,
        };
    }

    // Version 3: zstd dictionaries of compressed `_raw` values (connectors.md §2.6). A
    // dictionary is never changed or deleted once rows use it: raw_json() needs it to read them.
    QStringList version3Statements()
    {
        return {
            uR"(CREATE TABLE raw_dictionary (
    id INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    part TEXT NOT NULL DEFAULT '',
    dictionary BLOB NOT NULL,
    samples INTEGER NOT NULL,
    created_at TEXT NOT NULL
) STRICT)"_s,
            u"CREATE INDEX raw_dictionary_table_idx ON raw_dictionary (table_name, part, id)"_s,
        };
    }

} // namespace

SchemaMigrator::SchemaMigrator(const SchemaDefinition &definition)
{
    // Steps are frozen once released: a new schema change is a new step, never an edit.
    const QStringList v1 = version1Statements(definition);
    m_steps.append({1, u"data tables, cursors, leases, gap ledger"_s,
        [v1](sqlite3 *handle, QString *error) { return execAll(handle, v1, error); }});
    const QStringList v2 = version2Statements();
    m_steps.append({2, u"file ledger, quarantine, job history"_s,
        [v2](sqlite3 *handle, QString *error) { return execAll(handle, v2, error); }});
    const QStringList v3 = version3Statements();
    m_steps.append({3, u"raw record dictionaries"_s,
        [v3](sqlite3 *handle, QString *error) { return execAll(handle, v3, error); }});
}

int SchemaMigrator::latestVersion() const
{
    return m_steps.isEmpty() ? 0 : m_steps.constLast().version;
}

void SchemaMigrator::appendStep(Step step)
{
    Q_ASSERT(step.version == latestVersion() + 1);
    m_steps.append(std::move(step));
}

int SchemaMigrator::currentVersion(sqlite3 *handle)
{
    sqlite3_stmt *statement = nullptr;
    int version = -1;
    if (sqlite3_prepare_v2(handle, "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW) {
        version = sqlite3_column_int(statement, 0);
    }
    sqlite3_finalize(statement);
    return version;
}

CacheError SchemaMigrator::migrate(CacheConnection &connection, int targetVersion) const
{
    sqlite3 *handle = connection.handle();
    const QString &file = connection.filePath();
    const int target = targetVersion < 0 ? latestVersion() : targetVersion;
    const int current = currentVersion(handle);
    if (current < 0) {
        return CacheError::fromSqlite(
            handle, sqlite3_errcode(handle), file, Tr::tr("read the schema version"));
    }
    if (current > latestVersion()) {
        return CacheError::make(CacheError::Kind::NewerVersion, file,
            Tr::tr("The cache %1 was written by a newer version of the console "
                   "(schema %2; this version knows up to %3). Update the console "
                   "or choose another profile; the file was not changed.")
                .arg(file)
                .arg(current)
                .arg(latestVersion()));
    }

    for (const Step &step : m_steps) {
        if (step.version <= current || step.version > target)
            continue;
        qCInfo(lcCache) << "migrating" << file << "to schema" << step.version << step.description;
        int rc = sqlite3_exec(handle, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK)
            return CacheError::fromSqlite(handle, rc, file, Tr::tr("start a schema migration"));
        QString problem;
        bool ok = step.apply(handle, &problem);
        if (ok) {
            const QByteArray setVersion =
                "PRAGMA user_version = " + QByteArray::number(step.version);
            rc = sqlite3_exec(handle, setVersion.constData(), nullptr, nullptr, nullptr);
            if (rc == SQLITE_OK)
                rc = sqlite3_exec(handle, "COMMIT", nullptr, nullptr, nullptr);
            ok = rc == SQLITE_OK;
            if (!ok)
                problem = QString::fromUtf8(sqlite3_errmsg(handle));
        }
        if (!ok) {
            const int failure = sqlite3_errcode(handle);
            sqlite3_exec(handle, "ROLLBACK", nullptr, nullptr, nullptr);
            CacheError error = CacheError::fromSqlite(handle, failure, file,
                Tr::tr("upgrade the schema to version %1").arg(step.version));
            error.message =
                Tr::tr("Upgrading the cache %1 to schema version %2 (%3) failed: %4. The "
                       "file was left at version %5, unchanged.")
                    .arg(file)
                    .arg(step.version)
                    .arg(step.description, problem)
                    .arg(currentVersion(handle));
            return error;
        }
    }
    return {};
}

} // namespace msc
