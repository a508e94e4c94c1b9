#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <functional>
#include <memory>

namespace msc {

/// How much of a bad line is kept in `sync_quarantine_line.text_prefix` (connectors.md §2.7).
inline constexpr qsizetype kQuarantinePrefixBytes = 64 * 1024;

/// Bounds for one SIEM batch file (security.md rule 7); the defaults are the spec's.
struct BatchReadLimits
{
    /// Longer lines are never buffered whole: they arrive as oversized bad lines.
    qint64 maxLineBytes = qint64(1) << 20;
    /// Per file, after gunzip (or the body size of a plain file); beyond it: a gzip bomb.
    qint64 maxDecompressedBytes = qint64(2) << 30;
    /// Not used by the reader itself: pass it to parseNdjsonLine().
    int maxJsonDepth = 64;
};

/**
 * Streaming reader for the body of one SIEM batch file (mimecast-api.md §5.3).
 *
 * Bytes are fed as they arrive from the network. If the body starts with 1f 8b it is gunzipped
 * (multi-member streams allowed); otherwise, if it starts like JSON text ('{', '[', whitespace
 * or a UTF-8 BOM), it is read as plain NDJSON and wasPlainJson() is true so that the caller can
 * log a warning. Either way the content is split into lines and every physical line, blank ones
 * included, is handed to the callback; the reader does not parse JSON (see parseNdjsonLine()).
 *
 * Memory stays bounded whatever the input: a 64 KiB inflate buffer and zlib's 32 KiB window,
 * at most BatchReadLimits::maxLineBytes of a partial line (plus the reused buffer of the line
 * being delivered), and for an over-long line only its first 64 KiB, its length and a running
 * SHA-256. The whole file is never held; about 2 x maxLineBytes + 200 KiB at worst.
 *
 * After an error, feed() and finish() return false and deliver nothing more; lines delivered
 * before the error stay valid (the "accept partial" action of connectors.md §2.5 uses them).
 * Not thread-safe; one reader per file.
 */
class BatchFileReader
{
public:
    enum class Error {
        None,
        TruncatedGzip, ///< The input ended inside a gzip member (no complete trailer).
        CorruptGzip, ///< CRC or length mismatch, bad deflate data, or trailing non-gzip bytes.
        TooLarge, ///< More than maxDecompressedBytes of content: possible gzip bomb.
        NotGzipNorJson, ///< Empty, or starts with neither 1f 8b nor JSON text.
    };

    struct Line
    {
        qint64 number = 0; ///< 1-based physical line number in the decompressed content.
        /// The line without its "\n" and without one trailing "\r"; possibly invalid UTF-8.
        /// For an oversized line: only its first 64 KiB, cut on a UTF-8 boundary.
        QByteArray bytes;
        bool oversized = false; ///< Longer than maxLineBytes: always a bad line.
        qint64 originalLength = 0; ///< Length of the whole line in bytes (set for every line).
        /// Oversized lines only: lowercase hex SHA-256 of the whole line; empty otherwise
        /// (quarantineLine() computes it for ordinary lines).
        QByteArray sha256;
    };
    /// Called once per line, synchronously from feed()/finish(). The Line is reused for the
    /// next line: copy what you keep (copying the QByteArray is cheap, it is shared).
    using LineHandler = std::function<void(const Line &)>;

    explicit BatchFileReader(BatchReadLimits limits = {});
    ~BatchFileReader();
    Q_DISABLE_COPY_MOVE(BatchFileReader)

    /// Feeds the next chunk of the body; complete lines go to \a onLine. Returns false once an
    /// error has occurred (then see error()), and after finish().
    bool feed(const char *data, qsizetype size, const LineHandler &onLine);
    bool feed(const QByteArray &chunk, const LineHandler &onLine)
    {
        return feed(chunk.constData(), chunk.size(), onLine);
    }
    /// End of the body: delivers a last line that has no trailing newline and checks that the
    /// gzip stream ended cleanly (TruncatedGzip otherwise). Returns false on any error.
    bool finish(const LineHandler &onLine);

    Error error() const;
    /// Translated; names the problem, e.g. "the file ends before the gzip trailer (truncated
    /// download)". Empty when error() is None.
    QString errorString() const;

    qint64 compressedBytes() const; ///< Bytes fed so far.
    qint64 decompressedBytes() const; ///< Content bytes produced so far (BOM excluded).
    qint64 linesSeen() const; ///< Physical lines delivered so far, blank ones included.
    int gzipMembers() const; ///< Gzip members started so far (0 for plain input).
    /// The body was not gzip but looked like JSON text and was read as plain NDJSON.
    bool wasPlainJson() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/// The result of parseNdjsonLine().
struct ParsedLine
{
    enum class Kind {
        Object, ///< A JSON object: use it (and count it if hadInvalidUtf8).
        Blank, ///< Empty or only JSON whitespace: skip it, it is not a bad line.
        Bad, ///< Not a JSON object: quarantine it with `problem` as the reason.
    };
    Kind kind = Kind::Bad;
    QJsonObject object;
    /// Translated. Why the line is bad ("not a JSON object (the line starts with '[')",
    /// "JSON nesting deeper than 64", ...), or "invalid UTF-8 replaced" for a usable object.
    QString problem;
    /// The line held invalid UTF-8; it was replaced with U+FFFD before parsing.
    bool hadInvalidUtf8 = false;

    bool isObject() const { return kind == Kind::Object; }
};

/// Parses one NDJSON line as a JSON object. Nesting deeper than \a maxDepth is rejected by a
/// scan of the brackets before QJsonDocument ever sees the line, so hostile input cannot
/// exhaust the stack. Oversized lines (Line::oversized) are bad without parsing: do not pass
/// their prefix here.
ParsedLine parseNdjsonLine(const QByteArray &line, int maxDepth = 64);

/// The first \a maxBytes of \a line, shortened so that it never ends inside a multi-byte UTF-8
/// sequence (by at most 3 bytes). Invalid UTF-8 is left as it is.
QByteArray quarantinePrefix(const QByteArray &line, qsizetype maxBytes = kQuarantinePrefixBytes);

/// What `sync_quarantine_line` stores for a bad line (connectors.md §2.7).
struct QuarantinedLine
{
    QByteArray textPrefix; ///< The first 64 KiB, cut on a UTF-8 boundary.
    qint64 length = 0; ///< The original length of the whole line in bytes.
    QString sha256; ///< Lowercase hex SHA-256 of the whole line.
};

/// The quarantine form of \a line, for ordinary and oversized lines alike.
QuarantinedLine quarantineLine(const BatchFileReader::Line &line);

} // namespace msc
