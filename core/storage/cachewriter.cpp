#include "storage/cachewriter.h"

#include "storage/cachedatabase.h"
#include "storage/cacheschema.h"
#include "storage/schemamigrator.h"
#include "storage/sqlidentifier.h"
#include "storage/walcheckpointer.h"
#include "util/logging.h"
#include "util/timeformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QMutex>
#include <QPromise>
#include <QStringEncoder>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(CacheWriter)
    };

    /// Binds a QVariant to a statement parameter by its runtime type.
    int bindVariant(sqlite3_stmt *statement, int index, const QVariant &value)
    {
        if (value.isNull())
            return sqlite3_bind_null(statement, index);
        switch (value.typeId()) {
        case QMetaType::Double:
        case QMetaType::Float:
            return sqlite3_bind_double(statement, index, value.toDouble());
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            return sqlite3_bind_int64(statement, index, value.toLongLong());
        case QMetaType::QByteArray: {
            const QByteArray bytes = value.toByteArray();
            return sqlite3_bind_blob64(
                statement, index, bytes.constData(), quint64(bytes.size()), SQLITE_TRANSIENT);
        }
        default: {
            const QByteArray text = value.toString().toUtf8();
            return sqlite3_bind_text64(statement, index, text.constData(), quint64(text.size()),
                SQLITE_TRANSIENT, SQLITE_UTF8);
        }
        }
    }

    /// UTF-8 of one row's text values, reused from row to row: binding a QString through
    /// toUtf8() cost a heap allocation per column (about 30 per CG row), and SQLITE_TRANSIENT
    /// another one inside SQLite. The bound pointers stay valid until the next row's
    /// rewind(), which comes after the row's sqlite3_step().
    class RowText
    {
    public:
        void rewind() { m_used = 0; }

        /// Binds \a text as UTF-8 text from the row's buffer (a null QString as "", as before).
        int bind(sqlite3_stmt *statement, int index, QStringView text)
        {
            const qsizetype need = text.size() * 3;
            if (m_used + need > qsizetype(m_chunk.size())) {
                // Earlier values of the row still point into the old chunk: keep it alive.
                m_retired.push_back(std::move(m_chunk));
                m_chunk.assign(size_t(std::max<qsizetype>(need, 64 * 1024)), '\0');
                m_used = 0;
            }
            char *begin = m_chunk.data() + m_used;
            char *end = m_encoder.appendToBuffer(begin, text);
            m_used += end - begin;
            return sqlite3_bind_text64(
                statement, index, begin, quint64(end - begin), SQLITE_STATIC, SQLITE_UTF8);
        }

        /// Frees the chunks retired during the row just stepped.
        void release() { m_retired.clear(); }

    private:
        QStringEncoder m_encoder {QStringEncoder::Utf8, QStringConverter::Flag::Stateless};
        std::string m_chunk;
        std::vector<std::string> m_retired;
        qsizetype m_used = 0;
    };

    /// Binds one of a row's values without copying: the row outlives the sqlite3_step().
    int bindCell(sqlite3_stmt *statement, int index, const RowValues &values, qsizetype column)
    {
        const RowValues::Cell &cell = values.cell(column);
        switch (cell.kind) {
        case RowValues::Kind::Null:
            return sqlite3_bind_null(statement, index);
        case RowValues::Kind::Integer:
            return sqlite3_bind_int64(statement, index, cell.integer);
        case RowValues::Kind::Real:
            return sqlite3_bind_double(statement, index, cell.real);
        case RowValues::Kind::Text: {
            const std::string_view text = values.bytes(column);
            return sqlite3_bind_text64(
                statement, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
        }
        case RowValues::Kind::Blob: {
            const std::string_view blob = values.bytes(column);
            return sqlite3_bind_blob64(statement, index, blob.data(), blob.size(), SQLITE_STATIC);
        }
        }
        return SQLITE_MISUSE;
    }

    int bindText(sqlite3_stmt *statement, int index, const QString &text)
    {
        if (text.isNull())
            return sqlite3_bind_null(statement, index);
        const QByteArray utf8 = text.toUtf8();
        return sqlite3_bind_text64(statement, index, utf8.constData(), quint64(utf8.size()),
            SQLITE_TRANSIENT, SQLITE_UTF8);
    }

    struct Job
    {
        WriteUnit unit;
        QPromise<WriteResult> promise;
        std::shared_ptr<RowStream::State> stream; ///< Set for an openStream() job.
    };

    /// Batches a stream may queue before append() waits for the writer.
    constexpr size_t kStreamBatchesQueued = 24;

    /// Prepared statements of one table, cached for the life of the connection.
    struct TableStatements
    {
        const TableDef *table = nullptr;
        sqlite3_stmt *insert = nullptr;
        sqlite3_stmt *touchLastSeen = nullptr; ///< Awareness tables only.
        int timeGeneratedIndex = -1;
        /// Per column parameter: whether a non-NULL value is bound now. Bindings outlive
        /// sqlite3_reset(), so a column that stays NULL from row to row (most of a CG row's
        /// 60) is not bound again: a tenth of the writer's time went to sqlite3_bind_null().
        std::vector<char> boundValue;
    };

} // namespace

CacheError WriteChain::failure() const
{
    QMutexLocker locker(&m_mutex);
    return m_failure;
}

void WriteChain::fail(const CacheError &error)
{
    QMutexLocker locker(&m_mutex);
    if (!m_failure.isError())
        m_failure = error;
}

/// Shared by a RowStream (the producer) and the writer thread.
struct RowStream::State
{
    QString description;
    Recycler recycle;
    std::shared_ptr<WriteChain> chain;

    QMutex mutex;
    QWaitCondition changed;
    std::deque<RowBatch> batches; ///< Queued, not inserted yet.
    std::optional<WriteUnit> rest; ///< Set by commit(): the end of the stream.
    bool aborted = false;
    bool failed = false; ///< The writer rolled back; later rows are dropped.
    bool closed = false; ///< The writer is done with the stream.
    bool ended = false; ///< commit() or abort() was called.
    QPromise<WriteResult> promise;
};

RowStream::RowStream(std::shared_ptr<State> state)
    : m_state(std::move(state))
{
}

RowStream::~RowStream()
{
    if (!m_state->ended)
        abort();
}

void RowStream::append(RowBatch batch)
{
    QMutexLocker locker(&m_state->mutex);
    while (!m_state->closed && m_state->batches.size() >= kStreamBatchesQueued)
        m_state->changed.wait(&m_state->mutex);
    if (m_state->closed)
        return; // failed: commit() reports it
    m_state->batches.push_back(std::move(batch));
    m_state->changed.wakeAll();
}

bool RowStream::failed() const
{
    QMutexLocker locker(&m_state->mutex);
    return m_state->failed;
}

QFuture<WriteResult> RowStream::commit(WriteUnit rest)
{
    QMutexLocker locker(&m_state->mutex);
    Q_ASSERT(!m_state->ended);
    m_state->ended = true;
    m_state->rest = std::move(rest);
    m_state->changed.wakeAll();
    return m_state->promise.future();
}

void RowStream::abort()
{
    QMutexLocker locker(&m_state->mutex);
    m_state->ended = true;
    m_state->aborted = true;
    m_state->changed.wakeAll();
}

class CacheWriter::Worker
{
public:
    Worker(const SchemaDefinition &definition, Options options)
        : m_definition(definition)
        , m_options(std::move(options))
    {
    }

    ~Worker() { stop(); }

    QFuture<CacheError> start()
    {
        QMutexLocker locker(&m_mutex);
        if (!m_thread) {
            m_ready.start();
            m_thread.reset(QThread::create([this] { run(); }));
            m_thread->setObjectName(u"cache-writer"_s);
            m_thread->start();
        }
        return m_ready.future();
    }

    QFuture<WriteResult> submit(WriteUnit unit)
    {
        Job job {std::move(unit), QPromise<WriteResult>(), nullptr};
        job.promise.start();
        QFuture<WriteResult> future = job.promise.future();
        {
            QMutexLocker locker(&m_mutex);
            if (m_stopping) {
                WriteResult result;
                result.error = shuttingDown();
                job.promise.addResult(result);
                job.promise.finish();
                return future;
            }
            m_queue.push_back(std::move(job));
        }
        m_wake.wakeOne();
        return future;
    }

    std::unique_ptr<RowStream> openStream(
        QString description, RowStream::Recycler recycle, std::shared_ptr<WriteChain> chain)
    {
        auto state = std::make_shared<RowStream::State>();
        state->description = std::move(description);
        state->recycle = std::move(recycle);
        state->chain = std::move(chain);
        state->promise.start();
        std::unique_ptr<RowStream> stream(new RowStream(state));
        {
            QMutexLocker locker(&m_mutex);
            if (m_stopping) {
                WriteResult result;
                result.error = shuttingDown();
                closeStream(*state, result);
                return stream;
            }
            Job job;
            job.stream = std::move(state);
            m_queue.push_back(std::move(job));
        }
        m_wake.wakeOne();
        return stream;
    }

    void stop()
    {
        std::shared_ptr<RowStream::State> active;
        {
            QMutexLocker locker(&m_mutex);
            m_stopping = true;
            active = m_activeStream;
        }
        m_wake.wakeAll();
        if (active) {
            QMutexLocker locker(&active->mutex);
            active->changed.wakeAll();
        }
        if (m_thread) {
            m_thread->wait();
            m_thread.reset();
        }
    }

    const QString &filePath() const { return m_options.filePath; }

private:
    CacheError shuttingDown() const
    {
        return CacheError::make(CacheError::Kind::Other, m_options.filePath,
            Tr::tr("The cache writer is shutting down."));
    }

    static bool isAbandoned(RowStream::State &state)
    {
        QMutexLocker locker(&state.mutex);
        return state.aborted;
    }

    static CacheError chainFailure(const std::shared_ptr<WriteChain> &chain)
    {
        return chain ? chain->failure() : CacheError();
    }

    /// Ends a stream with \a result: no more rows are taken, its commit() future is set.
    static void closeStream(RowStream::State &state, const WriteResult &result)
    {
        QMutexLocker locker(&state.mutex);
        state.closed = true;
        state.failed = !result.ok();
        state.batches.clear();
        state.changed.wakeAll();
        state.promise.addResult(result);
        state.promise.finish();
    }

    void run()
    {
        ConnectionOptions connectionOptions;
        connectionOptions.role = ConnectionRole::Writer;
        connectionOptions.cacheSizeKiB = m_options.cacheSizeKiB;
        CacheError openError;
        std::unique_ptr<CacheConnection> connection =
            CacheConnection::open(m_options.filePath, connectionOptions, &openError);
        if (connection)
            openError = SchemaMigrator(m_definition).migrate(*connection);
        if (connection && !openError.isError()) {
            // unit_rows_inserted(): the rows the current transaction inserted, for a ledger
            // statement at its end. The writer's connection only; never in the schema.
            const int rc = sqlite3_create_function_v2(
                connection->handle(), "unit_rows_inserted", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                &m_unitRowsInserted,
                [](sqlite3_context *context, int, sqlite3_value **) {
                    sqlite3_result_int64(
                        context, *static_cast<const qint64 *>(sqlite3_user_data(context)));
                },
                nullptr, nullptr, nullptr);
            if (rc != SQLITE_OK)
                openError = CacheError::fromSqlite(connection->handle(), rc, m_options.filePath,
                    Tr::tr("register unit_rows_inserted()"));
        }
        if (openError.isError()) {
            qCWarning(lcCache).noquote() << openError.message;
            connection.reset();
        }
        std::unique_ptr<WalCheckpointer> checkpointer;
        if (connection) {
            checkpointer =
                std::make_unique<WalCheckpointer>(m_options.filePath, WalCheckpointer::Options {});
            checkpointer->attach(connection->handle());
        }
        m_ready.addResult(openError);
        m_ready.finish();

        for (;;) {
            Job job;
            {
                QMutexLocker locker(&m_mutex);
                while (m_queue.empty() && !m_stopping)
                    m_wake.wait(&m_mutex);
                if (m_queue.empty())
                    break;
                job = std::move(m_queue.front());
                m_queue.pop_front();
            }
            if (job.stream) {
                {
                    QMutexLocker locker(&m_mutex);
                    m_activeStream = job.stream;
                }
                WriteResult result;
                if (!connection)
                    result.error = openError;
                else if (const CacheError failed = chainFailure(job.stream->chain);
                         failed.isError())
                    result.error = failed;
                else
                    result = applyStream(*connection, *job.stream);
                // A stream its producer abandoned (a failed download) is rolled back on
                // purpose: that is no failure of the chain.
                if (!result.ok() && job.stream->chain && !isAbandoned(*job.stream))
                    CacheWriter::failChain(*job.stream->chain, result.error);
                closeStream(*job.stream, result);
                QMutexLocker locker(&m_mutex);
                m_activeStream.reset();
                continue;
            }
            WriteResult result;
            if (!connection)
                result.error = openError;
            else if (const CacheError failed = chainFailure(job.unit.chain); failed.isError())
                result.error = failed;
            else
                result = apply(*connection, job.unit);
            if (!result.ok() && job.unit.chain)
                CacheWriter::failChain(*job.unit.chain, result.error);
            job.promise.addResult(result);
            job.promise.finish();
        }

        for (TableStatements &statements : m_statements) {
            sqlite3_finalize(statements.insert);
            sqlite3_finalize(statements.touchLastSeen);
        }
        m_statements.clear();
        sqlite3_finalize(m_cursorStatement);
        m_cursorStatement = nullptr;
        if (connection)
            WalCheckpointer::detach(connection->handle());
        checkpointer.reset();
        connection.reset(); // the last connection to close checkpoints the rest
    }

    TableStatements *statementsFor(sqlite3 *handle, const QString &tableName, QString *problem)
    {
        auto it = m_statements.find(tableName);
        if (it != m_statements.end())
            return &it.value();
        const TableDef *table = m_definition.tableByName(tableName);
        if (!table) {
            *problem = Tr::tr("unknown table %1").arg(tableName);
            return nullptr;
        }
        TableStatements statements;
        statements.table = table;
        statements.timeGeneratedIndex = table->columnIndex(u"TimeGenerated"_s);
        statements.boundValue.assign(size_t(table->columns.size()), 0); // all NULL when prepared
        // Every column except _seq, in CacheSchema order.
        QStringList columns = CacheSchema::columnNames(*table);
        columns.removeFirst();
        QStringList quoted;
        for (const QString &column : std::as_const(columns))
            quoted.append(quoteIdentifier(column));
        const QString sql =
            u"INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (\"_dedup_key\") DO NOTHING"_s.arg(
                quoteIdentifier(table->name), quoted.join(u','),
                QString(u"?,"_s.repeated(columns.size()).chopped(1)));
        if (sqlite3_prepare_v3(handle, sql.toUtf8().constData(), -1, SQLITE_PREPARE_PERSISTENT,
                &statements.insert, nullptr)
            != SQLITE_OK) {
            *problem = QString::fromUtf8(sqlite3_errmsg(handle));
            return nullptr;
        }
        if (table->isSnapshot()) {
            const QString touch =
                u"UPDATE %1 SET \"_last_seen\" = ?1 WHERE \"_dedup_key\" = ?2"_s.arg(
                    quoteIdentifier(table->name));
            if (sqlite3_prepare_v3(handle, touch.toUtf8().constData(), -1,
                    SQLITE_PREPARE_PERSISTENT, &statements.touchLastSeen, nullptr)
                != SQLITE_OK) {
                *problem = QString::fromUtf8(sqlite3_errmsg(handle));
                sqlite3_finalize(statements.insert);
                return nullptr;
            }
        }
        return &m_statements.insert(tableName, statements).value();
    }

    /// Inserts one row; returns an SQLite result code. \a duplicate tells whether the dedup
    /// key was already present.
    int insertRow(sqlite3 *handle, TableStatements &statements, const CacheRow &row,
        const QByteArray &committedAt, bool *duplicate)
    {
        const TableDef &table = *statements.table;
        sqlite3_stmt *const insert = statements.insert;
        auto bindCommitTime = [&](int index) {
            return sqlite3_bind_text64(insert, index, committedAt.constData(),
                quint64(committedAt.size()), SQLITE_STATIC, SQLITE_UTF8);
        };
        // UTF-8 prepared by the mapper, off this thread: bound without a copy.
        auto bindOptional = [&](int index, const QByteArray &text) {
            return text.isNull() ? sqlite3_bind_null(insert, index)
                                 : sqlite3_bind_text64(insert, index, text.constData(),
                                     quint64(text.size()), SQLITE_STATIC, SQLITE_UTF8);
        };
        sqlite3_reset(insert);
        m_rowText.release();
        m_rowText.rewind();
        int index = 1;
        int rc = SQLITE_OK;
        std::vector<char> &boundValue = statements.boundValue;
        for (qsizetype column = 0; column < table.columns.size() && rc == SQLITE_OK; ++column) {
            const int parameter = index++;
            if (column == statements.timeGeneratedIndex) {
                rc = bindCommitTime(parameter);
            } else if (column < row.values.size() && !row.values.isNull(column)) {
                rc = bindCell(insert, parameter, row.values, column);
                boundValue[size_t(column)] = 1;
            } else if (boundValue[size_t(column)]) {
                rc = sqlite3_bind_null(insert, parameter);
                boundValue[size_t(column)] = 0;
            }
        }
        if (rc != SQLITE_OK)
            return rc;
        // The row outlives the step: bound without copies (SQLITE_STATIC).
        sqlite3_bind_blob(
            insert, index++, row.dedupKey.constData(), int(row.dedupKey.size()), SQLITE_STATIC);
        if (row.eventTime.isEmpty())
            bindCommitTime(index++);
        else
            m_rowText.bind(insert, index++, row.eventTime);
        sqlite3_bind_int(insert, index++, row.eventTimeMissing ? 1 : 0);
        if (row.rawCompressed)
            sqlite3_bind_blob64(
                insert, index++, row.raw.constData(), quint64(row.raw.size()), SQLITE_STATIC);
        else
            sqlite3_bind_text64(insert, index++, row.raw.constData(), quint64(row.raw.size()),
                SQLITE_STATIC, SQLITE_UTF8);
        bindOptional(index++, row.rawSha256);
        bindOptional(index++, row.source);
        if (table.isSnapshot()) {
            bindText(insert, index++, row.snapshotId);
            bindText(insert, index++, row.snapshotId);
        }
        if (table.hasCampaignColumn())
            bindText(insert, index++, row.campaignId);

        rc = sqlite3_step(insert);
        if (rc != SQLITE_DONE)
            return rc;
        *duplicate = sqlite3_changes(handle) == 0;
        if (*duplicate && statements.touchLastSeen) {
            sqlite3_stmt *touch = statements.touchLastSeen;
            sqlite3_reset(touch);
            bindText(touch, 1, row.snapshotId);
            sqlite3_bind_blob(
                touch, 2, row.dedupKey.constData(), int(row.dedupKey.size()), SQLITE_TRANSIENT);
            rc = sqlite3_step(touch);
            if (rc != SQLITE_DONE)
                return rc;
        }
        return SQLITE_OK;
    }

    /// Runs one bookkeeping statement; its SQL may call unit_rows_inserted(), which returns
    /// \a rowsInserted.
    int runStatement(sqlite3 *handle, const BoundStatement &bound, qint64 rowsInserted)
    {
        sqlite3_stmt *statement = nullptr;
        int rc =
            sqlite3_prepare_v2(handle, bound.sql.toUtf8().constData(), -1, &statement, nullptr);
        for (qsizetype i = 0; rc == SQLITE_OK && i < bound.values.size(); ++i)
            rc = bindVariant(statement, int(i + 1), bound.values.at(i));
        m_unitRowsInserted = rowsInserted; // what unit_rows_inserted() returns
        if (rc == SQLITE_OK) {
            do {
                rc = sqlite3_step(statement);
            } while (rc == SQLITE_ROW);
            if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
        }
        sqlite3_finalize(statement);
        return rc;
    }

    int writeCursor(sqlite3 *handle, const CursorUpdate &cursor, const QString &committedAt)
    {
        if (!m_cursorStatement) {
            const char *sql =
                "INSERT INTO sync_cursor (connector_id, stream_id, part, cursor_json, "
                "updated_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (stream_id, part) "
                "DO UPDATE SET connector_id = excluded.connector_id, cursor_json = "
                "excluded.cursor_json, updated_at = excluded.updated_at";
            const int rc = sqlite3_prepare_v3(
                handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_cursorStatement, nullptr);
            if (rc != SQLITE_OK)
                return rc;
        }
        sqlite3_reset(m_cursorStatement);
        bindText(m_cursorStatement, 1, cursor.connectorId);
        bindText(m_cursorStatement, 2, cursor.streamId);
        bindText(m_cursorStatement, 3, cursor.part.isNull() ? u""_s : cursor.part);
        if (cursor.json.isNull())
            sqlite3_bind_null(m_cursorStatement, 4);
        else
            sqlite3_bind_text64(m_cursorStatement, 4, cursor.json.constData(),
                quint64(cursor.json.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
        bindText(m_cursorStatement, 5, committedAt);
        const int rc = sqlite3_step(m_cursorStatement);
        return rc == SQLITE_DONE ? SQLITE_OK : rc;
    }

    /// One transaction being applied: its result so far and what its errors are called.
    struct Transaction
    {
        CacheConnection &connection;
        WriteResult result;
        QByteArray committedAtUtf8;
        QString action;

        Transaction(CacheConnection &on, const QString &description)
            : connection(on)
        {
            result.committedAt = formatUtc(QDateTime::currentDateTimeUtc());
            committedAtUtf8 = result.committedAt.toUtf8();
            action = description.isEmpty() ? Tr::tr("write to the cache")
                                           : Tr::tr("write %1").arg(description);
        }

        sqlite3 *handle() const { return connection.handle(); }

        /// Records the error (before the rollback overwrites its text) and rolls back.
        WriteResult fail(int rc, const QString &problem = {})
        {
            result.error = CacheError::fromSqlite(handle(), rc, connection.filePath(), action);
            if (!problem.isEmpty())
                result.error.message += u' ' + problem;
            sqlite3_exec(handle(), "ROLLBACK", nullptr, nullptr, nullptr);
            result.inserted = 0;
            result.duplicates = 0;
            result.statementChanges = 0;
            return result;
        }
    };

    bool begin(Transaction &transaction)
    {
        const int rc =
            sqlite3_exec(transaction.handle(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK)
            return true;
        transaction.result.error = CacheError::fromSqlite(
            transaction.handle(), rc, transaction.connection.filePath(), transaction.action);
        return false;
    }

    /// Inserts \a batch; on failure rolls back and returns false.
    bool insertBatch(Transaction &transaction, const RowBatch &batch)
    {
        sqlite3 *handle = transaction.handle();
        QString problem;
        TableStatements *statements = statementsFor(handle, batch.table, &problem);
        if (!statements) {
            transaction.fail(sqlite3_errcode(handle), problem);
            return false;
        }
        for (qsizetype i = 0; i < batch.rows.size(); ++i) {
            const CacheRow &row = batch.rows.at(i);
            if (i + 1 < batch.rows.size()) {
                const CacheRow &next = batch.rows.at(i + 1);
                next.values.prefetch();
                RowValues::prefetchBytes(next.raw.constData(), size_t(next.raw.size()));
                RowValues::prefetchBytes(next.source.constData(), size_t(next.source.size()));
            }
            bool duplicate = false;
            const int rc =
                insertRow(handle, *statements, row, transaction.committedAtUtf8, &duplicate);
            if (rc != SQLITE_OK) {
                transaction.fail(rc);
                return false;
            }
            if (duplicate)
                ++transaction.result.duplicates;
            else
                ++transaction.result.inserted;
        }
        return true;
    }

    /// The unit's rows, statements and cursors, then COMMIT.
    WriteResult finish(Transaction &transaction, const WriteUnit &unit)
    {
        sqlite3 *handle = transaction.handle();
        for (const RowBatch &batch : unit.batches) {
            if (!insertBatch(transaction, batch))
                return transaction.result;
        }
        for (const BoundStatement &statement : unit.statements) {
            const sqlite3_int64 before = sqlite3_total_changes64(handle);
            const int rc = runStatement(handle, statement, transaction.result.inserted);
            if (rc != SQLITE_OK)
                return transaction.fail(rc);
            transaction.result.statementChanges += sqlite3_total_changes64(handle) - before;
        }
        for (const CursorUpdate &cursor : unit.cursors) {
            const int rc = writeCursor(handle, cursor, transaction.result.committedAt);
            if (rc != SQLITE_OK)
                return transaction.fail(rc);
        }
        const int rc = sqlite3_exec(handle, "COMMIT", nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK)
            return transaction.fail(rc);
        return transaction.result;
    }

    WriteResult apply(CacheConnection &connection, const WriteUnit &unit)
    {
        Transaction transaction(connection, unit.description);
        if (!begin(transaction))
            return transaction.result;
        return finish(transaction, unit);
    }

    /// Serves one stream until its producer commits or aborts it (or the writer stops).
    WriteResult applyStream(CacheConnection &connection, RowStream::State &stream)
    {
        Transaction transaction(connection, stream.description);
        if (!begin(transaction))
            return transaction.result;
        for (;;) {
            std::deque<RowBatch> batches;
            std::optional<WriteUnit> rest;
            {
                QMutexLocker locker(&stream.mutex);
                while (stream.batches.empty() && !stream.rest && !stream.aborted && !stopping())
                    stream.changed.wait(&stream.mutex);
                batches.swap(stream.batches);
                if (batches.empty()) {
                    rest = std::move(stream.rest);
                    stream.rest.reset();
                }
                stream.changed.wakeAll(); // room for the producer
                if (batches.empty() && !rest) {
                    // Aborted, or the writer stops before the producer finished.
                    sqlite3_exec(transaction.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
                    WriteResult result;
                    result.error = stream.aborted
                        ? CacheError::make(CacheError::Kind::Other, connection.filePath(),
                            Tr::tr("%1 was abandoned before it was complete.")
                                .arg(stream.description))
                        : shuttingDown();
                    return result;
                }
            }
            if (rest)
                return finish(transaction, *rest);
            for (RowBatch &batch : batches) {
                if (!insertBatch(transaction, batch))
                    return transaction.result;
                if (stream.recycle)
                    stream.recycle(std::move(batch.rows));
            }
        }
    }

    bool stopping() const { return m_stopping.load(); }

    const SchemaDefinition m_definition;
    const Options m_options;

    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Job> m_queue;
    std::atomic_bool m_stopping = false; ///< Written under m_mutex; read anywhere.
    std::shared_ptr<RowStream::State> m_activeStream; ///< The stream the writer serves now.
    std::unique_ptr<QThread> m_thread;
    QPromise<CacheError> m_ready;

    // Writer-thread only.
    QHash<QString, TableStatements> m_statements;
    RowText m_rowText;
    sqlite3_stmt *m_cursorStatement = nullptr;
    qint64 m_unitRowsInserted = 0; ///< Read by the SQL function unit_rows_inserted().
};

CacheWriter::CacheWriter(const SchemaDefinition &definition, Options options)
    : m_worker(std::make_unique<Worker>(definition, std::move(options)))
{
}

CacheWriter::~CacheWriter() = default;

QFuture<CacheError> CacheWriter::start()
{
    return m_worker->start();
}

QFuture<WriteResult> CacheWriter::submit(WriteUnit unit)
{
    return m_worker->submit(std::move(unit));
}

std::unique_ptr<RowStream> CacheWriter::openStream(
    QString description, RowStream::Recycler recycle, std::shared_ptr<WriteChain> chain)
{
    return m_worker->openStream(std::move(description), std::move(recycle), std::move(chain));
}

void CacheWriter::failChain(WriteChain &chain, const CacheError &error)
{
    chain.fail(error);
}

const QString &CacheWriter::filePath() const
{
    return m_worker->filePath();
}

} // namespace msc
