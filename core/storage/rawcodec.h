#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>

struct sqlite3;

namespace msc {

/// Compresses `_raw` values with a zstd dictionary (connectors.md §2.6): CG records shrink from
/// about 700 bytes to about 150, and the row's size sets the insert rate. A compressed value is
/// a BLOB holding one zstd frame whose header names the dictionary (the `raw_dictionary.id`);
/// an uncompressed value stays TEXT. raw_json() reads both.
///
/// Immutable after creation and safe to share between threads: each thread compresses with a
/// context of its own.
class RawCompressor
{
public:
    /// Dictionary ids start here: zstd reserves the ids below 32768 for registered
    /// dictionaries.
    static constexpr quint32 kFirstDictionaryId = 32768;

    /// A compressor for \a dictionary (as trainDictionary() made it, its id in its header).
    /// Returns null and fills \a error if zstd refuses the dictionary.
    static std::shared_ptr<const RawCompressor> create(
        const QByteArray &dictionary, QString *error);
    ~RawCompressor();
    RawCompressor(const RawCompressor &) = delete;
    RawCompressor &operator=(const RawCompressor &) = delete;

    quint32 dictionaryId() const { return m_id; }
    const QByteArray &dictionary() const { return m_dictionary; }

    /// \a json as one zstd frame, or an empty array if compression failed (the caller then
    /// keeps the text).
    QByteArray compress(QByteArrayView json) const;
    /// The same into \a frame, whose capacity is reused (rows recycled by the ingest path);
    /// false if compression failed (\a frame is then unspecified).
    bool compressInto(QByteArrayView json, QByteArray &frame) const;

    /// Trains a dictionary of at most \a maxBytes on \a samples (records' compact JSON) and
    /// writes \a id into its header. Empty, with \a error filled, when the samples are too
    /// few or too alike for zstd to learn from.
    static QByteArray trainDictionary(
        const QList<QByteArray> &samples, quint32 id, qsizetype maxBytes, QString *error);

private:
    struct Private;
    explicit RawCompressor(std::unique_ptr<Private> d, quint32 id, QByteArray dictionary);

    std::unique_ptr<Private> d;
    quint32 m_id = 0;
    QByteArray m_dictionary;
};

/// Registers the SQL function `raw_json(value)` on \a handle: TEXT is returned as it is, a
/// zstd BLOB is decompressed with its dictionary from `raw_dictionary` (loaded once per
/// connection), NULL stays NULL; anything else is an SQL error naming the problem. Every
/// connection the console opens has it (content.md §0.2: views read `_raw` only through it).
bool registerRawJson(sqlite3 *handle, QString *error);

} // namespace msc
