#include "mimecast/batchfilereader.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <utility>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonParseError>

#include <zlib.h>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(BatchFileReader)
    };

    // Inflate output buffer: also the largest piece handed to the line splitter at once.
    constexpr qsizetype kInflateBufferBytes = 64 * 1024;
    // zlib counts in uInt: larger chunks are fed in pieces.
    constexpr qsizetype kMaxInflateInput = qsizetype(1) << 30;
    // The reader keeps a few bytes more than the prefix so that quarantinePrefix() can see
    // whether a multi-byte sequence straddles the 64 KiB mark.
    constexpr qsizetype kRawPrefixBytes = kQuarantinePrefixBytes + 3;
    // The first bytes of the body are collected before the format is decided.
    constexpr qsizetype kHeadBytes = 8;

    QString formatSize(qint64 bytes)
    {
        constexpr qint64 kib = 1024;
        if (bytes > 0 && bytes % (kib * kib * kib) == 0)
            return Tr::tr("%1 GiB").arg(bytes / (kib * kib * kib));
        if (bytes > 0 && bytes % (kib * kib) == 0)
            return Tr::tr("%1 MiB").arg(bytes / (kib * kib));
        if (bytes > 0 && bytes % kib == 0)
            return Tr::tr("%1 KiB").arg(bytes / kib);
        return Tr::tr("%1 bytes").arg(bytes);
    }

    // How a line (or a file) starts, for messages: 'x' for printable ASCII, else 0xNN.
    QString describeByte(unsigned char c)
    {
        if (c >= 0x20 && c < 0x7f)
            return u"'"_s + QLatin1Char(static_cast<char>(c)) + u"'"_s;
        return u"0x%1"_s.arg(uint(c), 2, 16, QLatin1Char('0'));
    }

    bool isJsonSpace(char c)
    {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    // Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF. The
    // same sequences QString::fromUtf8 replaces.
    bool isValidUtf8(const char *text, qsizetype size)
    {
        const auto *s = reinterpret_cast<const unsigned char *>(text);
        qsizetype i = 0;
        while (i < size) {
            // ASCII runs dominate NDJSON: check eight bytes at a time.
            while (i + 8 <= size) {
                std::uint64_t word;
                std::memcpy(&word, s + i, sizeof word);
                if (word & 0x8080808080808080ULL)
                    break;
                i += 8;
            }
            if (i >= size)
                break;
            const unsigned c = s[i];
            if (c < 0x80) {
                ++i;
                continue;
            }
            auto cont = [&](qsizetype at) { return at < size && (s[at] & 0xc0) == 0x80; };
            if (c < 0xc2)
                return false;
            if (c < 0xe0) {
                if (!cont(i + 1))
                    return false;
                i += 2;
            } else if (c < 0xf0) {
                if (!cont(i + 1) || !cont(i + 2))
                    return false;
                const unsigned c1 = s[i + 1];
                if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0))
                    return false;
                i += 3;
            } else if (c < 0xf5) {
                if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3))
                    return false;
                const unsigned c1 = s[i + 1];
                if ((c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90))
                    return false;
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    // Deepest bracket nesting outside strings, stopping early once past maxDepth. Exact for
    // valid JSON; for invalid JSON it agrees with the parser up to the parser's first error,
    // so whatever the parser recurses into has been bounded here.
    int bracketDepth(const char *text, qsizetype size, int maxDepth)
    {
        const char *p = text;
        const char *const end = text + size;
        int depth = 0;
        int deepest = 0;
        while (p < end) {
            switch (*p++) {
            case '"': {
                // Skip the string with memchr (values are most of a line), stepping over
                // escapes; the closing quote is remembered so that many escapes stay linear.
                const char *quote = nullptr;
                for (;;) {
                    if (!quote || quote < p) {
                        quote = static_cast<const char *>(std::memchr(p, '"', size_t(end - p)));
                        if (!quote)
                            return deepest; // unterminated: the parser rejects it
                    }
                    const auto *backslash =
                        static_cast<const char *>(std::memchr(p, '\\', size_t(quote - p)));
                    if (!backslash) {
                        p = quote + 1;
                        break;
                    }
                    p = backslash + 2; // the escaped character cannot end the string
                }
                break;
            }
            case '{':
            case '[':
                if (++depth > deepest) {
                    deepest = depth;
                    if (deepest > maxDepth)
                        return deepest;
                }
                break;
            case '}':
            case ']':
                --depth;
                break;
            default:
                break;
            }
        }
        return deepest;
    }

} // namespace

struct BatchFileReader::Private
{
    enum class Mode { Detecting, Gzip, Plain };

    explicit Private(BatchReadLimits l)
        : limits(l)
    {
    }
    ~Private()
    {
        if (zlibReady)
            inflateEnd(&zs);
    }

    bool fail(Error kind, const QString &message)
    {
        error = kind;
        errorString = message;
        return false;
    }

    // Decides the format from the first bytes; false when more bytes are needed (or on error,
    // then `error` is set). On success `head` holds the content bytes to process first.
    bool detect(bool atEnd);
    bool process(const char *data, qsizetype size, const LineHandler &onLine);
    bool inflateInput(const char *data, qsizetype size, const LineHandler &onLine);
    bool emitContent(const char *data, qsizetype size, const LineHandler &onLine);

    // Line splitting.
    void split(const char *data, qsizetype size, const LineHandler &onLine);
    void appendPartial(const char *data, qsizetype size);
    void startOverflow();
    void addOverflow(const char *data, qsizetype size);
    void deliverDirect(const char *data, qsizetype size, const LineHandler &onLine);
    void deliverOverflow(const LineHandler &onLine);
    void endBufferedLine(const LineHandler &onLine);

    BatchReadLimits limits;
    Mode mode = Mode::Detecting;
    Error error = Error::None;
    QString errorString;
    bool finished = false;
    bool plainJson = false;
    QByteArray head; // the first bytes, until the format is known

    z_stream zs {};
    bool zlibReady = false;
    bool memberEnded = false; // the last gzip member ended with a valid trailer
    int members = 0;
    std::unique_ptr<unsigned char[]> inflateBuffer;

    qint64 compressed = 0;
    qint64 consumed = 0; // gzip input bytes that went through inflate
    qint64 decompressed = 0;

    qint64 lineNumber = 0;
    QByteArray partial; // the unfinished line, at most maxLineBytes + 1 (a trailing '\r')
    Line line; // reused for every delivery
    bool overflow = false; // the unfinished line is too long: only prefix, length and hash
    bool pendingCr = false; // overflow: a '\r' not yet hashed, dropped if it ends the line
    qint64 overflowLength = 0;
    QByteArray rawPrefix;
    QCryptographicHash hash {QCryptographicHash::Sha256};
};

bool BatchFileReader::Private::detect(bool atEnd)
{
    if (head.isEmpty()) {
        if (atEnd)
            fail(Error::NotGzipNorJson, Tr::tr("the file is empty"));
        return false;
    }
    const auto first = static_cast<unsigned char>(head.at(0));
    if (first == 0x1f) {
        if (head.size() < 2) {
            if (atEnd)
                fail(Error::TruncatedGzip,
                    Tr::tr("the file ends before the gzip trailer (truncated download): only 1 "
                           "byte was received"));
            return false;
        }
        if (static_cast<unsigned char>(head.at(1)) == 0x8b) {
            mode = Mode::Gzip;
            inflateBuffer = std::make_unique<unsigned char[]>(kInflateBufferBytes);
            // 16 + MAX_WBITS: gzip wrapper only, with CRC-32 and length checked by zlib.
            if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
                return fail(Error::CorruptGzip,
                    Tr::tr("the gzip decoder could not start: %1")
                        .arg(QString::fromLatin1(zs.msg ? zs.msg : "out of memory")));
            zlibReady = true;
            members = 1;
            return true;
        }
    } else if (first == 0xef) {
        // A UTF-8 byte order mark before JSON text: tolerated and dropped.
        if (head.size() < 3) {
            if (atEnd)
                fail(Error::NotGzipNorJson,
                    Tr::tr("the file is neither gzip nor JSON text (it starts with %1)")
                        .arg(QString::fromLatin1(head.toHex(' '))));
            return false;
        }
        if (head.startsWith("\xef\xbb\xbf")) {
            head.remove(0, 3);
            mode = Mode::Plain;
            plainJson = true;
            return true;
        }
    } else if (first == '{' || first == '[' || isJsonSpace(static_cast<char>(first))) {
        mode = Mode::Plain;
        plainJson = true;
        return true;
    }
    fail(Error::NotGzipNorJson,
        Tr::tr("the file is neither gzip (it does not start with 1f 8b) nor JSON text (it starts "
               "with %1)")
            .arg(QString::fromLatin1(head.toHex(' '))));
    return false;
}

bool BatchFileReader::Private::process(const char *data, qsizetype size, const LineHandler &onLine)
{
    if (size <= 0)
        return true;
    if (mode == Mode::Gzip)
        return inflateInput(data, size, onLine);
    return emitContent(data, size, onLine);
}

bool BatchFileReader::Private::inflateInput(
    const char *data, qsizetype size, const LineHandler &onLine)
{
    while (size > 0) {
        const qsizetype piece = std::min(size, kMaxInflateInput);
        // zlib's API is not const-correct; inflate never writes through next_in.
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
        zs.avail_in = static_cast<uInt>(piece);
        data += piece;
        size -= piece;

        bool outputPending = false;
        while (zs.avail_in > 0 || outputPending) {
            if (memberEnded) {
                if (zs.avail_in == 0)
                    break;
                // More input after a complete member: the next member of a multi-member file.
                inflateReset(&zs);
                memberEnded = false;
                ++members;
            }
            zs.next_out = inflateBuffer.get();
            zs.avail_out = static_cast<uInt>(kInflateBufferBytes);
            const uInt inBefore = zs.avail_in;
            const int rc = inflate(&zs, Z_NO_FLUSH);
            consumed += inBefore - zs.avail_in;
            const qsizetype produced = kInflateBufferBytes - qsizetype(zs.avail_out);
            outputPending = zs.avail_out == 0;
            if (produced > 0
                && !emitContent(
                    reinterpret_cast<const char *>(inflateBuffer.get()), produced, onLine))
                return false;
            if (rc == Z_STREAM_END) {
                memberEnded = true;
                outputPending = false;
            } else if (rc == Z_BUF_ERROR) {
                break; // no progress possible: everything fed has been used
            } else if (rc != Z_OK) {
                const QString reason = QString::fromLatin1(zs.msg ? zs.msg : "unknown error");
                if (rc == Z_MEM_ERROR)
                    return fail(Error::CorruptGzip, Tr::tr("the gzip decoder ran out of memory"));
                if (reason == u"incorrect data check"_s)
                    return fail(Error::CorruptGzip,
                        Tr::tr("the gzip CRC-32 check failed in member %1: the file is damaged")
                            .arg(members));
                if (reason == u"incorrect length check"_s)
                    return fail(Error::CorruptGzip,
                        Tr::tr("the gzip length check failed in member %1: the file is damaged")
                            .arg(members));
                if (members > 1 && zs.total_in <= 2)
                    return fail(Error::CorruptGzip,
                        Tr::tr("data after the end of gzip member %1 is not a gzip member (%2 at "
                               "compressed byte %3)")
                            .arg(members - 1)
                            .arg(reason)
                            .arg(consumed));
                return fail(Error::CorruptGzip,
                    Tr::tr("the gzip data is corrupt (%1) in member %2 near compressed byte %3")
                        .arg(reason)
                        .arg(members)
                        .arg(consumed));
            }
        }
    }
    return true;
}

bool BatchFileReader::Private::emitContent(
    const char *data, qsizetype size, const LineHandler &onLine)
{
    const qint64 allowed = limits.maxDecompressedBytes - decompressed;
    if (size > allowed) {
        // Hand over what fits (the "accept partial" action may keep those rows), then stop.
        if (allowed > 0) {
            decompressed += allowed;
            split(data, qsizetype(allowed), onLine);
        }
        const QString limit = formatSize(limits.maxDecompressedBytes);
        return fail(Error::TooLarge,
            mode == Mode::Gzip
                ? Tr::tr("decompressed size exceeds %1: possible gzip bomb (after %2 compressed "
                         "bytes)")
                      .arg(limit)
                      .arg(consumed)
                : Tr::tr("the file is larger than %1").arg(limit));
    }
    decompressed += size;
    split(data, size, onLine);
    return true;
}

void BatchFileReader::Private::split(const char *data, qsizetype size, const LineHandler &onLine)
{
    const char *const end = data + size;
    while (data < end) {
        const auto *newline = static_cast<const char *>(std::memchr(data, '\n', end - data));
        if (!newline) {
            appendPartial(data, end - data);
            return;
        }
        if (!overflow && partial.isEmpty()) {
            // The common case: the whole line is in this piece, nothing buffered.
            deliverDirect(data, newline - data, onLine);
        } else {
            appendPartial(data, newline - data);
            endBufferedLine(onLine);
        }
        data = newline + 1;
    }
}

void BatchFileReader::Private::appendPartial(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    if (overflow) {
        addOverflow(data, size);
        return;
    }
    // One byte of slack for the '\r' of a CRLF line exactly at the limit.
    const qint64 bound = limits.maxLineBytes + 1;
    const qsizetype needed = partial.size() + size;
    if (needed > bound) {
        startOverflow();
        addOverflow(data, size);
        return;
    }
    if (needed > partial.capacity())
        partial.reserve(
            qsizetype(std::min<qint64>(bound, std::max(needed, 2 * partial.capacity()))));
    partial.append(data, size);
}

void BatchFileReader::Private::startOverflow()
{
    overflow = true;
    pendingCr = false;
    overflowLength = 0;
    hash.reset();
    rawPrefix.resize(0);
    addOverflow(partial.constData(), partial.size());
    partial.resize(0);
}

void BatchFileReader::Private::addOverflow(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    auto take = [this](const char *bytes, qsizetype count) {
        const qsizetype room = kRawPrefixBytes - rawPrefix.size();
        if (room > 0)
            rawPrefix.append(bytes, std::min(room, count));
        hash.addData(QByteArrayView(bytes, count));
        overflowLength += count;
    };
    if (pendingCr) {
        take("\r", 1);
        pendingCr = false;
    }
    // A final '\r' may be the first half of the line's CRLF: hold it back.
    if (data[size - 1] == '\r') {
        pendingCr = true;
        --size;
    }
    take(data, size);
}

void BatchFileReader::Private::deliverDirect(
    const char *data, qsizetype size, const LineHandler &onLine)
{
    if (size > 0 && data[size - 1] == '\r')
        --size;
    if (size > limits.maxLineBytes) {
        overflow = true;
        pendingCr = false;
        overflowLength = 0;
        hash.reset();
        rawPrefix.resize(0);
        // addOverflow would hold back a final '\r' again; this one belongs to the line.
        rawPrefix.append(data, std::min(size, kRawPrefixBytes));
        hash.addData(QByteArrayView(data, size));
        overflowLength = size;
        deliverOverflow(onLine);
        return;
    }
    ++lineNumber;
    line.number = lineNumber;
    // resize + memcpy reuses the buffer unless the handler kept a copy of the last line.
    line.bytes.resize(size);
    if (size > 0)
        std::memcpy(line.bytes.data(), data, size_t(size));
    line.oversized = false;
    line.originalLength = size;
    if (!line.sha256.isEmpty())
        line.sha256.clear();
    onLine(line);
}

void BatchFileReader::Private::deliverOverflow(const LineHandler &onLine)
{
    ++lineNumber;
    line.number = lineNumber;
    line.bytes = quarantinePrefix(rawPrefix);
    line.oversized = true;
    line.originalLength = overflowLength;
    line.sha256 = hash.result().toHex();
    overflow = false;
    pendingCr = false; // the held-back '\r' was the line's CRLF
    rawPrefix.resize(0);
    onLine(line);
}

void BatchFileReader::Private::endBufferedLine(const LineHandler &onLine)
{
    if (overflow) {
        deliverOverflow(onLine);
        return;
    }
    deliverDirect(partial.constData(), partial.size(), onLine);
    partial.resize(0);
}

BatchFileReader::BatchFileReader(BatchReadLimits limits)
    : d(std::make_unique<Private>(limits))
{
}

BatchFileReader::~BatchFileReader() = default;

bool BatchFileReader::feed(const char *data, qsizetype size, const LineHandler &onLine)
{
    if (d->error != Error::None)
        return false;
    if (d->finished)
        return false; // a caller bug: the body already ended
    if (size <= 0)
        return true;
    d->compressed += size;
    if (d->mode == Private::Mode::Detecting) {
        // Three bytes decide (1f 8b, a UTF-8 BOM, or the first byte of JSON text); eight are
        // collected so that a refusal can show them.
        const qsizetype take = std::min<qsizetype>(size, kHeadBytes - d->head.size());
        d->head.append(data, take);
        data += take;
        size -= take;
        if (d->head.size() < kHeadBytes)
            return true;
        if (!d->detect(false))
            return d->error == Error::None;
        const QByteArray head = std::exchange(d->head, QByteArray());
        if (!d->process(head.constData(), head.size(), onLine))
            return false;
    }
    return d->process(data, size, onLine);
}

bool BatchFileReader::finish(const LineHandler &onLine)
{
    if (d->error != Error::None)
        return false;
    if (d->finished)
        return true;
    d->finished = true;
    if (d->mode == Private::Mode::Detecting) {
        if (!d->detect(true))
            return false;
        const QByteArray head = std::exchange(d->head, QByteArray());
        if (!d->process(head.constData(), head.size(), onLine))
            return false;
    }
    if (d->mode == Private::Mode::Gzip && !d->memberEnded)
        return d->fail(Error::TruncatedGzip,
            Tr::tr("the file ends before the gzip trailer (truncated download) after %1 compressed "
                   "bytes")
                .arg(d->compressed));
    if (d->overflow || !d->partial.isEmpty())
        d->endBufferedLine(onLine);
    return true;
}

BatchFileReader::Error BatchFileReader::error() const
{
    return d->error;
}

QString BatchFileReader::errorString() const
{
    return d->errorString;
}

qint64 BatchFileReader::compressedBytes() const
{
    return d->compressed;
}

qint64 BatchFileReader::decompressedBytes() const
{
    return d->decompressed;
}

qint64 BatchFileReader::linesSeen() const
{
    return d->lineNumber;
}

int BatchFileReader::gzipMembers() const
{
    return d->members;
}

bool BatchFileReader::wasPlainJson() const
{
    return d->plainJson;
}

ParsedLine parseNdjsonLine(const QByteArray &line, int maxDepth)
{
    ParsedLine result;
    const char *const text = line.constData();
    const qsizetype size = line.size();
    qsizetype start = 0;
    while (start < size && isJsonSpace(text[start]))
        ++start;
    if (start == size) {
        result.kind = ParsedLine::Kind::Blank;
        return result;
    }
    result.hadInvalidUtf8 = !isValidUtf8(text, size);
    if (text[start] != '{') {
        result.problem = Tr::tr("not a JSON object (the line starts with %1)")
                             .arg(describeByte(static_cast<unsigned char>(text[start])));
        return result;
    }
    // QJsonDocument has no depth limit and recurses: never hand it anything deeper.
    if (bracketDepth(text + start, size - start, maxDepth) > maxDepth) {
        result.problem = Tr::tr("JSON nesting deeper than %1").arg(maxDepth);
        return result;
    }
    QJsonParseError parseError;
    // Qt's parser rejects invalid UTF-8 in strings; the spec wants it replaced (U+FFFD).
    const QJsonDocument document = QJsonDocument::fromJson(
        result.hadInvalidUtf8 ? QString::fromUtf8(line).toUtf8() : line, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.problem = Tr::tr("not valid JSON: %1 at byte %2")
                             .arg(parseError.errorString())
                             .arg(parseError.offset);
        return result;
    }
    if (!document.isObject()) {
        result.problem = Tr::tr("not a JSON object");
        return result;
    }
    result.kind = ParsedLine::Kind::Object;
    result.object = document.object();
    if (result.hadInvalidUtf8)
        result.problem = Tr::tr("invalid UTF-8 replaced");
    return result;
}

QByteArray quarantinePrefix(const QByteArray &line, qsizetype maxBytes)
{
    if (maxBytes < 0)
        maxBytes = 0;
    if (line.size() <= maxBytes)
        return line;
    const auto byteAt = [&line](qsizetype i) { return static_cast<unsigned char>(line.at(i)); };
    qsizetype cut = maxBytes;
    // line[cut] is the first byte left out. If it continues a sequence, find that sequence's
    // lead byte (at most 3 back) and cut before it when the sequence does not fit.
    if ((byteAt(cut) & 0xc0) == 0x80) {
        for (qsizetype back = 1; back <= 3 && cut - back >= 0; ++back) {
            const unsigned lead = byteAt(cut - back);
            if ((lead & 0xc0) == 0x80)
                continue;
            const int length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
            if (length > back)
                cut -= back;
            break;
        }
    }
    return line.left(cut);
}

QuarantinedLine quarantineLine(const BatchFileReader::Line &line)
{
    QuarantinedLine result;
    result.textPrefix = quarantinePrefix(line.bytes);
    if (line.oversized) {
        result.length = line.originalLength;
        result.sha256 = QString::fromLatin1(line.sha256);
    } else {
        result.length = line.bytes.size();
        result.sha256 = QString::fromLatin1(
            QCryptographicHash::hash(line.bytes, QCryptographicHash::Sha256).toHex());
    }
    return result;
}

} // namespace msc
