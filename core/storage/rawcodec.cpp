#include "storage/rawcodec.h"

#include <QCoreApplication>
#include <QtEndian>

#include <sqlite3.h>
#include <zdict.h>
#include <zstd.h>

#include <cstring>
#include <unordered_map>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    /// Level 1: compression runs on the ingest reader thread, whose time per row is the
    /// budget; with a dictionary the higher levels gain a few bytes per record at 2–3 x the
    /// time (measured with bench_ingest).
    constexpr int kLevel = 1;

    /// The zstd dictionary format starts with a magic number, then the dictionary id
    /// (little-endian; RFC 8878 §5).
    constexpr quint32 kDictionaryMagic = 0xEC30A437;

    struct ContextDeleter
    {
        void operator()(ZSTD_CCtx *context) const { ZSTD_freeCCtx(context); }
    };

    ZSTD_CCtx *threadContext()
    {
        thread_local std::unique_ptr<ZSTD_CCtx, ContextDeleter> context(ZSTD_createCCtx());
        return context.get();
    }

    /// Per-connection state of raw_json(): the dictionaries loaded so far.
    class RawJsonFunction
    {
    public:
        ~RawJsonFunction()
        {
            for (auto &[id, dictionary] : m_dictionaries)
                ZSTD_freeDDict(dictionary);
            ZSTD_freeDCtx(m_context);
            sqlite3_finalize(m_select);
        }

        static void call(sqlite3_context *context, int, sqlite3_value **arguments)
        {
            static_cast<RawJsonFunction *>(sqlite3_user_data(context))->run(context, arguments[0]);
        }

        static void destroy(void *self) { delete static_cast<RawJsonFunction *>(self); }

    private:
        void run(sqlite3_context *context, sqlite3_value *value)
        {
            switch (sqlite3_value_type(value)) {
            case SQLITE_NULL:
                sqlite3_result_null(context);
                return;
            case SQLITE_TEXT:
                sqlite3_result_value(context, value);
                return;
            case SQLITE_BLOB:
                break;
            default:
                sqlite3_result_error(context, "raw_json: not a raw record (a number)", -1);
                return;
            }
            const void *frame = sqlite3_value_blob(value);
            const size_t size = size_t(sqlite3_value_bytes(value));
            const unsigned long long content = ZSTD_getFrameContentSize(frame, size);
            if (content == ZSTD_CONTENTSIZE_UNKNOWN || content == ZSTD_CONTENTSIZE_ERROR
                || content > 64 * 1024 * 1024) {
                sqlite3_result_error(context, "raw_json: not a compressed raw record", -1);
                return;
            }
            const unsigned id = ZSTD_getDictID_fromFrame(frame, size);
            ZSTD_DDict *dictionary = id ? load(sqlite3_context_db_handle(context), id) : nullptr;
            if (id && !dictionary) {
                const QByteArray message = "raw_json: the dictionary " + QByteArray::number(id)
                    + " is missing from raw_dictionary";
                sqlite3_result_error(context, message.constData(), int(message.size()));
                return;
            }
            if (!m_context)
                m_context = ZSTD_createDCtx();
            std::unique_ptr<char, decltype(&sqlite3_free)> text(
                static_cast<char *>(sqlite3_malloc64(content ? content : 1)), &sqlite3_free);
            if (!text || !m_context) {
                sqlite3_result_error_nomem(context);
                return;
            }
            const size_t written = dictionary
                ? ZSTD_decompress_usingDDict(
                    m_context, text.get(), content, frame, size, dictionary)
                : ZSTD_decompressDCtx(m_context, text.get(), content, frame, size);
            if (ZSTD_isError(written) || written != content) {
                const QByteArray message = QByteArray("raw_json: damaged compressed record (")
                    + (ZSTD_isError(written) ? ZSTD_getErrorName(written) : "size mismatch") + ')';
                sqlite3_result_error(context, message.constData(), int(message.size()));
                return;
            }
            sqlite3_result_text64(context, text.release(), written, &sqlite3_free, SQLITE_UTF8);
        }

        ZSTD_DDict *load(sqlite3 *handle, unsigned id)
        {
            const auto known = m_dictionaries.find(id);
            if (known != m_dictionaries.end())
                return known->second;
            if (!m_select
                && sqlite3_prepare_v2(handle, "SELECT dictionary FROM raw_dictionary WHERE id = ?1",
                       -1, &m_select, nullptr)
                    != SQLITE_OK)
                return nullptr;
            sqlite3_reset(m_select);
            sqlite3_bind_int64(m_select, 1, id);
            ZSTD_DDict *dictionary = nullptr;
            if (sqlite3_step(m_select) == SQLITE_ROW) {
                dictionary = ZSTD_createDDict(
                    sqlite3_column_blob(m_select, 0), size_t(sqlite3_column_bytes(m_select, 0)));
            }
            sqlite3_reset(m_select);
            if (dictionary)
                m_dictionaries.emplace(id, dictionary);
            return dictionary;
        }

        std::unordered_map<unsigned, ZSTD_DDict *> m_dictionaries;
        ZSTD_DCtx *m_context = nullptr;
        sqlite3_stmt *m_select = nullptr;
    };

} // namespace

struct RawCompressor::Private
{
    ZSTD_CDict *dictionary = nullptr;
    ~Private() { ZSTD_freeCDict(dictionary); }
};

RawCompressor::RawCompressor(std::unique_ptr<Private> p, quint32 id, QByteArray dictionary)
    : d(std::move(p))
    , m_id(id)
    , m_dictionary(std::move(dictionary))
{
}

RawCompressor::~RawCompressor() = default;

std::shared_ptr<const RawCompressor> RawCompressor::create(
    const QByteArray &dictionary, QString *error)
{
    const unsigned id = ZDICT_getDictID(dictionary.constData(), size_t(dictionary.size()));
    if (id < kFirstDictionaryId) {
        *error = QCoreApplication::translate("RawCompressor", "not a raw record dictionary");
        return nullptr;
    }
    auto p = std::make_unique<Private>();
    p->dictionary = ZSTD_createCDict(dictionary.constData(), size_t(dictionary.size()), kLevel);
    if (!p->dictionary) {
        *error = QCoreApplication::translate("RawCompressor", "zstd refused the dictionary");
        return nullptr;
    }
    return std::shared_ptr<const RawCompressor>(new RawCompressor(std::move(p), id, dictionary));
}

QByteArray RawCompressor::compress(QByteArrayView json) const
{
    // One allocation of the exact size: thousands of frames are held until their file commits.
    QByteArray frame;
    if (!compressInto(json, frame))
        return {};
    return frame;
}

bool RawCompressor::compressInto(QByteArrayView json, QByteArray &frame) const
{
    // Through a scratch buffer: a frame sized to the bound would keep ~6 times the bytes it
    // needs in every recycled row.
    thread_local std::vector<char> buffer;
    buffer.resize(ZSTD_compressBound(size_t(json.size())));
    const size_t written = ZSTD_compress_usingCDict(threadContext(), buffer.data(), buffer.size(),
        json.data(), size_t(json.size()), d->dictionary);
    if (ZSTD_isError(written))
        return false;
    frame.resize(qsizetype(written)); // keeps the capacity it has
    std::memcpy(frame.data(), buffer.data(), written);
    return true;
}

QByteArray RawCompressor::trainDictionary(
    const QList<QByteArray> &samples, quint32 id, qsizetype maxBytes, QString *error)
{
    QByteArray joined;
    std::vector<size_t> sizes;
    sizes.reserve(size_t(samples.size()));
    for (const QByteArray &sample : samples) {
        joined.append(sample);
        sizes.push_back(size_t(sample.size()));
    }
    QByteArray dictionary(maxBytes, Qt::Uninitialized);
    const size_t size = ZDICT_trainFromBuffer(dictionary.data(), size_t(dictionary.size()),
        joined.constData(), sizes.data(), unsigned(sizes.size()));
    if (ZDICT_isError(size)) {
        *error =
            QCoreApplication::translate("RawCompressor", "zstd could not train a dictionary: %1")
                .arg(QString::fromLatin1(ZDICT_getErrorName(size)));
        return {};
    }
    dictionary.truncate(qsizetype(size));
    if (dictionary.size() < 8
        || qFromLittleEndian<quint32>(dictionary.constData()) != kDictionaryMagic) {
        *error =
            QCoreApplication::translate("RawCompressor", "zstd made a dictionary without a header");
        return {};
    }
    // Our id instead of zstd's random one: it is the row's key in raw_dictionary.
    qToLittleEndian<quint32>(id, dictionary.data() + 4);
    return dictionary;
}

bool registerRawJson(sqlite3 *handle, QString *error)
{
    auto *function = new RawJsonFunction;
    // SQLITE_DETERMINISTIC lets views and indexes use it; sqlite calls destroy() on failure too.
    const int rc =
        sqlite3_create_function_v2(handle, "raw_json", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
            function, &RawJsonFunction::call, nullptr, nullptr, &RawJsonFunction::destroy);
    if (rc != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(handle));
        return false;
    }
    return true;
}

} // namespace msc
