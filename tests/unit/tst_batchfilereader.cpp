// The streaming reader for SIEM batch files (mimecast-api.md §5.3): gzip (multi-member) or
// plain NDJSON, any chunking, the bounds of security.md rule 7 (line length, decompressed
// size, nesting depth) and the quarantine form of bad lines (connectors.md §2.7). Gzip data is
// made here with zlib, and the big bodies are made and compressed on the fly.
#include "mimecast/batchfilereader.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

#include <zlib.h>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

Q_DECLARE_METATYPE(msc::BatchFileReader::Error)
Q_DECLARE_METATYPE(msc::ParsedLine::Kind)

namespace {

using Error = BatchFileReader::Error;
using Line = BatchFileReader::Line;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUnderAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kUnderAddressSanitizer = true;
#else
constexpr bool kUnderAddressSanitizer = false;
#endif
#else
constexpr bool kUnderAddressSanitizer = false;
#endif

constexpr qsizetype kWhole = 0; // "feed the whole body at once"
const qsizetype kChunkSizes[] = {1, 7, 4096, kWhole};

// Incremental gzip writer (windowBits 31: gzip wrapper), so a test never needs the whole body.
class GzipWriter
{
public:
    explicit GzipWriter(int level = 6)
    {
        m_ok = deflateInit2(&m_zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK;
    }
    ~GzipWriter() { deflateEnd(&m_zs); }
    Q_DISABLE_COPY_MOVE(GzipWriter)

    bool isOk() const { return m_ok; }

    /// Compresses \a size bytes and appends the output to \a out; \a last writes the trailer.
    void write(const char *data, qsizetype size, QByteArray &out, bool last = false)
    {
        m_zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
        m_zs.avail_in = static_cast<uInt>(size);
        const int flush = last ? Z_FINISH : Z_NO_FLUSH;
        int rc = Z_OK;
        do {
            char buffer[16 * 1024];
            m_zs.next_out = reinterpret_cast<Bytef *>(buffer);
            m_zs.avail_out = sizeof buffer;
            rc = deflate(&m_zs, flush);
            out.append(buffer, qsizetype(sizeof buffer) - qsizetype(m_zs.avail_out));
        } while (m_zs.avail_out == 0 || (last && rc != Z_STREAM_END));
    }

private:
    z_stream m_zs {};
    bool m_ok = false;
};

QByteArray gzip(const QByteArray &data, int level = 6)
{
    GzipWriter writer(level);
    QByteArray out;
    writer.write(data.constData(), data.size(), out, true);
    return out;
}

struct ReadResult
{
    QList<Line> lines;
    bool fedOk = true;
    bool finishedOk = false;
    Error error = Error::None;
    QString errorString;
    bool plainJson = false;
    int members = 0;
    qint64 compressed = 0;
    qint64 decompressed = 0;

    QByteArrayList texts() const
    {
        QByteArrayList result;
        for (const Line &line : lines)
            result.append(line.bytes);
        return result;
    }
    bool numbersAreSequential() const
    {
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines.at(i).number != i + 1)
                return false;
        }
        return true;
    }
};

ReadResult readBody(const QByteArray &body, qsizetype chunkSize, BatchReadLimits limits = {})
{
    if (chunkSize == kWhole)
        chunkSize = std::max<qsizetype>(1, body.size());
    BatchFileReader reader(limits);
    ReadResult result;
    const auto onLine = [&result](const Line &line) { result.lines.append(line); };
    for (qsizetype at = 0; at < body.size(); at += chunkSize) {
        const qsizetype size = std::min(chunkSize, body.size() - at);
        if (!reader.feed(body.constData() + at, size, onLine)) {
            result.fedOk = false;
            // Once failed, the reader stays failed.
            if (reader.feed(body.constData(), 1, onLine) || reader.finish(onLine))
                result.fedOk = true; // reported as a mismatch by the caller's checks
            break;
        }
    }
    result.finishedOk = result.fedOk && reader.finish(onLine);
    result.error = reader.error();
    result.errorString = reader.errorString();
    result.plainJson = reader.wasPlainJson();
    result.members = reader.gzipMembers();
    result.compressed = reader.compressedBytes();
    result.decompressed = reader.decompressedBytes();
    if (reader.linesSeen() != result.lines.size())
        result.finishedOk = false;
    return result;
}

QByteArray repeated(const QByteArray &piece, qsizetype bytes)
{
    QByteArray out;
    out.reserve(bytes + piece.size());
    while (out.size() < bytes)
        out.append(piece);
    out.truncate(bytes);
    return out;
}

// {"a": [[...]]} with \a depth levels in all.
QByteArray nested(int depth)
{
    return "{\"a\":" + QByteArray(depth - 1, '[') + QByteArray(depth - 1, ']') + '}';
}

bool isValidUtf8(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

qint64 procStatusKb(const char *field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// One NDJSON line of about 700 bytes. Part of it is pseudo-random so that deflate does about
// as well as on real SIEM files (3 to 4 times), not a thousand times better.
QByteArray sampleLine(qint64 n)
{
    static const char alphabet[] =
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
    quint64 state = quint64(n) * 6364136223846793005ULL + 1442695040888963407ULL;
    QByteArray noise(160 + n % 64, Qt::Uninitialized);
    for (char &c : noise) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        c = alphabet[state >> 58];
    }
    QByteArray line = "{\"timestamp\":" + QByteArray::number(1700000000000 + n)
        + ",\"aggregateId\":\"" + QByteArray::number(n * 2654435761ULL % 4294967291ULL, 36)
        + "\",\"processingId\":\"" + QByteArray::number(n, 16)
        + "\",\"subject\":\"Quarterly report " + QByteArray::number(n % 977)
        + "\",\"senderEnvelope\":\"user" + QByteArray::number(n % 1543)
        + "@example.com\",\"recipients\":\"team" + QByteArray::number(n % 31)
        + "@example.org\",\"route\":\"inbound\",\"action\":\"Acc\",\"Logtype\":\"receipt\""
        + R"(,"spamProcessingDetail":"{\"spf\":{\"allow\":true,\"info\":\"SPF_PASS\"},)"
        + R"(\"dkim\":{\"allow\":true,\"info\":\"DKIM_UNKNOWN\"}}")" + ",\"messageId\":\"<" + noise
        + "@mail.example.com>\"";
    line += ",\"spamInfo\":\"" + QByteArray(700 - line.size() % 700, ' ') + "\"}";
    return line;
}

} // namespace

class TestBatchFileReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // 200 MB of NDJSON, compressed on the fly and fed in 64 KiB chunks: the process never
    // holds the file, compressed or not, and the reader's memory stays bounded. First, so
    // that no earlier test has warmed the heap.
    void memoryStaysBounded()
    {
        constexpr qint64 target = 200LL * 1000 * 1000;
        constexpr qsizetype chunkBytes = 64 * 1024;

        // Forget earlier tests' peak: "5" resets VmHWM (Linux >= 4.0). If that is not
        // allowed, VmRSS is also sampled while streaming.
        QFile clearRefs(u"/proc/self/clear_refs"_s);
        const bool hwmReset = clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
        clearRefs.close();
        const qint64 rssBefore = procStatusKb("VmRSS");
        QVERIFY(rssBefore > 0);

        BatchFileReader reader;
        qint64 lines = 0;
        qint64 lineBytes = 0;
        qint64 badLines = 0;
        qint64 lastNumber = 0;
        bool numbersOk = true;
        const auto onLine = [&](const Line &line) {
            ++lines;
            lineBytes += line.bytes.size();
            numbersOk = numbersOk && line.number == lastNumber + 1;
            lastNumber = line.number;
            if (line.oversized)
                ++badLines;
            else if (line.number % 1000 == 1 && !parseNdjsonLine(line.bytes).isObject())
                ++badLines;
        };

        GzipWriter writer(1);
        QVERIFY(writer.isOk());
        QByteArray plain;
        QByteArray compressed; // compressed bytes not yet fed: less than one chunk after a round
        plain.reserve(chunkBytes + 1024);
        compressed.reserve(2 * chunkBytes);
        qint64 produced = 0;
        qint64 generatedLines = 0;
        qint64 compressedTotal = 0;
        qint64 peakRssSample = rssBefore;
        int chunksFed = 0;
        bool fedOk = true;
        QElapsedTimer timer;
        timer.start();
        while (produced < target && fedOk) {
            plain.resize(0);
            while (plain.size() < chunkBytes) {
                plain += sampleLine(generatedLines++);
                plain += '\n';
            }
            produced += plain.size();
            const qsizetype before = compressed.size();
            const bool last = produced >= target;
            writer.write(plain.constData(), plain.size(), compressed, last);
            compressedTotal += compressed.size() - before;
            // The network delivers the compressed body in 64 KiB pieces.
            qsizetype at = 0;
            while (fedOk
                && (compressed.size() - at >= chunkBytes || (last && at < compressed.size()))) {
                const qsizetype size = std::min(chunkBytes, compressed.size() - at);
                fedOk = reader.feed(compressed.constData() + at, size, onLine);
                at += size;
                if (++chunksFed % 16 == 0)
                    peakRssSample = std::max(peakRssSample, procStatusKb("VmRSS"));
            }
            compressed.remove(0, at);
        }
        QVERIFY2(fedOk, qPrintable(reader.errorString()));
        QVERIFY2(reader.finish(onLine), qPrintable(reader.errorString()));
        const qint64 elapsedMs = std::max<qint64>(1, timer.elapsed());
        peakRssSample = std::max(peakRssSample, procStatusKb("VmRSS"));
        const qint64 hwm = procStatusKb("VmHWM");

        QCOMPARE(lines, generatedLines);
        QCOMPARE(reader.linesSeen(), generatedLines);
        QCOMPARE(reader.decompressedBytes(), produced);
        QCOMPARE(lineBytes, produced - generatedLines);
        QCOMPARE(reader.compressedBytes(), compressedTotal);
        QVERIFY(numbersOk);
        QCOMPARE(badLines, 0);

        const qint64 growthKb =
            (hwmReset ? std::max(hwm, peakRssSample) : peakRssSample) - rssBefore;
        qInfo("memory: %lld MB of NDJSON (%lld lines, %lld MB gzip, %d chunks of 64 KiB) "
              "streamed in %lld ms; RSS before %lld KiB, peak %lld KiB (VmHWM %s), growth %lld KiB",
            produced / 1000000, generatedLines, compressedTotal / 1000000, chunksFed, elapsedMs,
            rssBefore, rssBefore + growthKb, hwmReset ? "reset before the run" : "not resettable",
            growthKb);
        if (kUnderAddressSanitizer)
            QSKIP("AddressSanitizer keeps freed memory in quarantine: RSS says nothing here");
        QVERIFY2(growthKb < 64 * 1024, qPrintable(u"RSS grew by %1 KiB"_s.arg(growthKb)));
    }

    void splitsLines_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("gzipped");
        QTest::addColumn<QByteArrayList>("expected");

        struct Case
        {
            const char *name;
            QByteArray body;
            QByteArrayList expected;
        };
        const QList<Case> cases = {
            {"one line", "{\"a\":1}\n", {"{\"a\":1}"}},
            {"two lines", "{\"a\":1}\n{\"b\":2}\n", {"{\"a\":1}", "{\"b\":2}"}},
            {"blank lines kept with their numbers", "{a}\n\n  \n{b}\n\n",
                {"{a}", "", "  ", "{b}", ""}},
            {"crlf", "{a}\r\n{b}\r\n\r\n{c}\r\n", {"{a}", "{b}", "", "{c}"}},
            {"no trailing newline", "{a}\n{b}", {"{a}", "{b}"}},
            {"crlf without trailing newline", "{a}\r\n{b}\r", {"{a}", "{b}"}},
            {"only one cr stripped", "{a}\r\r\n", {"{a}\r"}},
            {"cr inside a line kept", "{a\rb}\n", {"{a\rb}"}},
            {"single newline", "\n", {""}},
            {"whitespace only", "  ", {"  "}},
        };
        for (const Case &c : cases) {
            QTest::addRow("plain/%s", c.name) << c.body << false << c.expected;
            QTest::addRow("gzip/%s", c.name) << c.body << true << c.expected;
        }
    }
    void splitsLines()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, gzipped);
        QFETCH(QByteArrayList, expected);

        const QByteArray input = gzipped ? gzip(body) : body;
        for (const qsizetype chunk : kChunkSizes) {
            const ReadResult result = readBody(input, chunk);
            QVERIFY2(result.finishedOk, qPrintable(result.errorString));
            QCOMPARE(result.texts(), expected);
            QVERIFY(result.numbersAreSequential());
            QCOMPARE(result.plainJson, !gzipped);
            QCOMPARE(result.decompressed, body.size());
            QCOMPARE(result.compressed, input.size());
            for (const Line &line : result.lines) {
                QVERIFY(!line.oversized);
                QCOMPARE(line.originalLength, line.bytes.size());
            }
        }
    }

    void multiMember_data()
    {
        QTest::addColumn<QByteArrayList>("members");
        QTest::addColumn<QByteArrayList>("expected");

        QTest::newRow("two members, line-aligned") << QByteArrayList {"{\"a\":1}\n{\"b\":2}\n",
            "{\"c\":3}\n"} << QByteArrayList {"{\"a\":1}", "{\"b\":2}", "{\"c\":3}"};
        QTest::newRow("boundary inside a line") << QByteArrayList {"{\"x\":1}\n{\"y\"", ":2}\n"}
                                                << QByteArrayList {"{\"x\":1}", "{\"y\":2}"};
        QTest::newRow("boundary inside a crlf")
            << QByteArrayList {"{a}\r", "\n{b}\r\n"} << QByteArrayList {"{a}", "{b}"};
        QTest::newRow("empty member in the middle")
            << QByteArrayList {"{a}\n", "", "{b}\n"} << QByteArrayList {"{a}", "{b}"};
        QTest::newRow("five members, last without newline") << QByteArrayList {"{1}\n", "{2}\n",
            "{3}", "\n{4}\n", "{5}"} << QByteArrayList {"{1}", "{2}", "{3}", "{4}", "{5}"};
    }
    void multiMember()
    {
        QFETCH(QByteArrayList, members);
        QFETCH(QByteArrayList, expected);

        QByteArray body;
        for (const QByteArray &member : members)
            body += gzip(member);
        for (const qsizetype chunk : kChunkSizes) {
            const ReadResult result = readBody(body, chunk);
            QVERIFY2(result.finishedOk, qPrintable(result.errorString));
            QCOMPARE(result.texts(), expected);
            QVERIFY(result.numbersAreSequential());
            QCOMPARE(result.members, members.size());
            QVERIFY(!result.plainJson);
        }
    }

    // A realistic body in three members, read with every chunk size, gives the same lines.
    void chunkSizesGiveIdenticalLines()
    {
        QByteArrayList expected;
        QByteArray members[3];
        for (int i = 0; i < 1500; ++i) {
            QByteArray line;
            if (i % 97 == 5)
                line = ""; // blank
            else if (i % 13 == 0)
                line = "{\"name\":\"Ren\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e\",\"n\":"
                    + QByteArray::number(i) + '}';
            else
                line = sampleLine(i).left(40 + (i * 37) % 700) + '}';
            expected.append(line);
            const QByteArray ending = i % 5 == 0 ? "\r\n" : "\n";
            members[i * 3 / 1500] += line + (i == 1499 ? QByteArray() : ending);
        }
        const QByteArray body = gzip(members[0], 1) + gzip(members[1], 9) + gzip(members[2]);
        for (const qsizetype chunk : kChunkSizes) {
            const ReadResult result = readBody(body, chunk);
            QVERIFY2(result.finishedOk, qPrintable(result.errorString));
            QCOMPARE(result.lines.size(), expected.size());
            QCOMPARE(result.texts(), expected);
            QVERIFY(result.numbersAreSequential());
            QCOMPARE(result.members, 3);
        }
    }

    void plainJsonFallback_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArrayList>("expected");

        QTest::newRow("object") << QByteArray("{\"a\":1}\n{\"b\":2}")
                                << QByteArrayList {"{\"a\":1}", "{\"b\":2}"};
        QTest::newRow("leading blank line")
            << QByteArray("\r\n{\"a\":1}\r\n") << QByteArrayList {"", "{\"a\":1}"};
        QTest::newRow("leading spaces")
            << QByteArray("  {\"a\":1}\n") << QByteArrayList {"  {\"a\":1}"};
        QTest::newRow("array") << QByteArray("[1,2]\n") << QByteArrayList {"[1,2]"};
        QTest::newRow("utf-8 bom dropped")
            << QByteArray("\xef\xbb\xbf{\"a\":1}\n") << QByteArrayList {"{\"a\":1}"};
    }
    void plainJsonFallback()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArrayList, expected);

        for (const qsizetype chunk : kChunkSizes) {
            const ReadResult result = readBody(body, chunk);
            QVERIFY2(result.finishedOk, qPrintable(result.errorString));
            QVERIFY(result.plainJson);
            QCOMPARE(result.members, 0);
            QCOMPARE(result.texts(), expected);
        }
    }

    void notGzipNorJson_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");

        QTest::newRow("empty") << QByteArray() << u"empty"_s;
        QTest::newRow("html error page") << QByteArray("<html><body>Access denied</body></html>")
                                         << u"3c 68 74 6d 6c 3e 3c 62)"_s;
        QTest::newRow("binary") << QByteArray::fromHex("0001020304") << u"neither gzip"_s;
        QTest::newRow("1f without 8b") << QByteArray::fromHex("1f00ffff") << u"1f 00"_s;
        QTest::newRow("half a bom") << QByteArray::fromHex("efbb") << u"ef bb"_s;
        QTest::newRow("not a bom") << QByteArray::fromHex("efbbbe7b7d") << u"neither gzip"_s;
    }
    void notGzipNorJson()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);

        for (const qsizetype chunk : kChunkSizes) {
            const ReadResult result = readBody(body, chunk);
            QVERIFY(!result.finishedOk);
            QCOMPARE(result.error, Error::NotGzipNorJson);
            QVERIFY2(result.errorString.contains(message), qPrintable(result.errorString));
            QVERIFY(result.lines.isEmpty());
        }
    }

    void truncatedGzip_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArrayList>("complete"); // the lines the whole file holds

        QByteArrayList lines;
        QByteArray text;
        for (int i = 0; i < 200; ++i) {
            lines.append(sampleLine(i));
            text += lines.constLast() + '\n';
        }
        const QByteArray whole = gzip(text);
        QTest::newRow("last 8 bytes (trailer) cut") << whole.chopped(8) << lines;
        QTest::newRow("last byte cut") << whole.chopped(1) << lines;
        QTest::newRow("cut in the middle") << whole.left(whole.size() / 2) << lines;
        QTest::newRow("header only") << whole.left(10) << lines;
        QTest::newRow("first byte only") << whole.left(1) << lines;
        QTest::newRow("magic only") << whole.left(2) << lines;
        QTest::newRow("second member cut")
            << gzip(text) + whole.left(whole.size() / 3) << (lines + lines);
    }
    void truncatedGzip()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArrayList, complete);

        for (const qsizetype chunk : kChunkSizes) {
            const ReadResult result = readBody(body, chunk);
            QVERIFY(result.fedOk);
            QVERIFY(!result.finishedOk);
            QCOMPARE(result.error, Error::TruncatedGzip);
            QVERIFY2(result.errorString.contains(u"truncated"_s), qPrintable(result.errorString));
            // What was delivered before the damage is whole lines, never a cut last line.
            QVERIFY(result.lines.size() <= complete.size());
            QCOMPARE(result.texts(), complete.mid(0, result.lines.size()));
        }
    }

    void corruptGzip_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");

        QByteArray text;
        for (int i = 0; i < 200; ++i)
            text += sampleLine(i) + '\n';
        const QByteArray whole = gzip(text);
        const auto flipped = [&whole](qsizetype at) {
            QByteArray copy = whole;
            copy[at] = char(copy.at(at) ^ 0x55);
            return copy;
        };
        QTest::newRow("crc flipped") << flipped(whole.size() - 8) << u"CRC-32"_s;
        QTest::newRow("length flipped") << flipped(whole.size() - 3) << u"length check"_s;
        QTest::newRow("deflate data flipped") << flipped(whole.size() / 2) << u"member 1"_s;
        QTest::newRow("bad header method") << flipped(2) << u"corrupt"_s;
        QTest::newRow("garbage after the last member")
            << whole + "garbage!" << u"not a gzip member"_s;
        QTest::newRow("second member damaged")
            << whole + flipped(whole.size() - 8) << u"CRC-32 check failed in member 2"_s;
    }
    void corruptGzip()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);

        for (const qsizetype chunk : kChunkSizes) {
            const ReadResult result = readBody(body, chunk);
            QVERIFY(!result.finishedOk);
            QCOMPARE(result.error, Error::CorruptGzip);
            QVERIFY2(result.errorString.contains(message), qPrintable(result.errorString));
        }
    }

    // 50 MB of zeros compress to about 50 KB; with a 10 MiB limit the reader stops at the
    // limit instead of inflating everything.
    void gzipBombStops()
    {
        QByteArray compressed;
        {
            GzipWriter writer(9);
            const QByteArray zeros(1024 * 1024, '\0');
            for (int i = 0; i < 50; ++i)
                writer.write(zeros.constData(), zeros.size(), compressed, i == 49);
        }
        qInfo("gzip bomb: 50 MiB of zeros compressed to %lld bytes", qint64(compressed.size()));
        QVERIFY(compressed.size() < 200 * 1024);

        BatchReadLimits limits;
        limits.maxDecompressedBytes = 10 * 1024 * 1024;
        for (const qsizetype chunk : {qsizetype(4096), kWhole}) {
            const ReadResult result = readBody(compressed, chunk, limits);
            QVERIFY(!result.fedOk);
            QCOMPARE(result.error, Error::TooLarge);
            QVERIFY2(result.errorString.contains(u"exceeds 10 MiB: possible gzip bomb"_s),
                qPrintable(result.errorString));
            QCOMPARE(result.decompressed, limits.maxDecompressedBytes);
            QVERIFY(result.lines.isEmpty());
            if (chunk != kWhole)
                QVERIFY(result.compressed < compressed.size());
        }
    }

    // Damaged bodies (bytes changed, cut short, members glued) give the same lines and the
    // same error whatever the chunking, and parsing their lines never crashes.
    void damagedBodiesIndependentOfChunking()
    {
        QByteArray text;
        for (int i = 0; i < 40; ++i)
            text += sampleLine(i).left(60 + i * 7) + (i % 3 ? "\n" : "\r\n");
        const QByteArray whole = gzip(text) + gzip(text.left(500));
        QRandomGenerator random(20240501);
        for (int round = 0; round < 300; ++round) {
            QByteArray body = whole;
            const int kind = round % 3;
            if (kind == 0 || kind == 2) {
                for (int flips = 1 + random.bounded(3); flips > 0; --flips) {
                    const qsizetype at = random.bounded(int(body.size()));
                    body[at] = char(random.bounded(256));
                }
            }
            if (kind == 1 || kind == 2)
                body.truncate(random.bounded(int(body.size())));

            const ReadResult reference = readBody(body, kWhole);
            for (const qsizetype chunk : {qsizetype(1), qsizetype(1 + random.bounded(300))}) {
                const ReadResult result = readBody(body, chunk);
                QCOMPARE(result.error, reference.error);
                QCOMPARE(result.errorString, reference.errorString);
                QCOMPARE(result.texts(), reference.texts());
            }
            for (const Line &line : reference.lines)
                (void)parseNdjsonLine(line.bytes);
        }
    }

    void plainFileTooLarge()
    {
        BatchReadLimits limits;
        limits.maxDecompressedBytes = 1000;
        const QByteArray body = repeated("{\"a\":1}\n", 2000);
        const ReadResult result = readBody(body, 64, limits);
        QCOMPARE(result.error, Error::TooLarge);
        QVERIFY2(result.errorString.contains(u"1000 bytes"_s), qPrintable(result.errorString));
        QCOMPARE(result.decompressed, 1000);
        QCOMPARE(result.lines.size(), 1000 / 8); // the whole lines before the limit
    }

    void oversizedLines_data()
    {
        QTest::addColumn<bool>("gzipped");
        QTest::addColumn<qsizetype>("chunk");
        for (const bool gzipped : {false, true}) {
            for (const qsizetype chunk : kChunkSizes)
                QTest::addRow("%s/chunk %lld", gzipped ? "gzip" : "plain", qint64(chunk))
                    << gzipped << chunk;
        }
    }
    // Limit 1 KiB: a 100 KiB line arrives as an oversized bad line (first 64 KiB, length,
    // SHA-256) and every line after it still arrives.
    void oversizedLines()
    {
        QFETCH(bool, gzipped);
        QFETCH(qsizetype, chunk);

        BatchReadLimits limits;
        limits.maxLineBytes = 1024;
        // Two-, three- and four-byte sequences, so that the 64 KiB cut falls inside one.
        const QByteArray big =
            repeated("{\"k\":\"\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e" + QByteArray("abcdefgh\"}"),
                100 * 1024);
        const QByteArray atLimit = repeated("{\"x\":1}", 1024);
        const QByteArray overByOne = repeated("{\"y\":1}", 1025);
        const QByteArray lastOversized = repeated("{\"z\":1}", 2000);
        const QByteArray body = "{\"first\":1}\n" + big + "\r\n{\"second\":2}\n" + atLimit + "\n"
            + overByOne + "\n" + atLimit + "\r\n" + lastOversized;

        const ReadResult result = readBody(gzipped ? gzip(body) : body, chunk, limits);
        QVERIFY2(result.finishedOk, qPrintable(result.errorString));
        QCOMPARE(result.lines.size(), 7);
        QVERIFY(result.numbersAreSequential());

        const auto checkOversized = [](const Line &line, const QByteArray &whole) {
            QVERIFY(line.oversized);
            QCOMPARE(line.originalLength, whole.size());
            QCOMPARE(
                line.sha256, QCryptographicHash::hash(whole, QCryptographicHash::Sha256).toHex());
            QCOMPARE(line.bytes, quarantinePrefix(whole));
            QVERIFY(line.bytes.size() <= kQuarantinePrefixBytes);
            const QuarantinedLine stored = quarantineLine(line);
            QCOMPARE(stored.length, whole.size());
            QCOMPARE(stored.sha256, QString::fromLatin1(line.sha256));
            QCOMPARE(stored.textPrefix, line.bytes);
        };

        QCOMPARE(result.lines.at(0).bytes, "{\"first\":1}");
        QVERIFY(!result.lines.at(0).oversized);
        checkOversized(result.lines.at(1), big);
        QVERIFY(isValidUtf8(result.lines.at(1).bytes));
        QVERIFY(result.lines.at(1).bytes.size() > kQuarantinePrefixBytes - 4);
        QCOMPARE(result.lines.at(2).bytes, "{\"second\":2}");
        QCOMPARE(result.lines.at(3).bytes, atLimit);
        QVERIFY(!result.lines.at(3).oversized);
        checkOversized(result.lines.at(4), overByOne);
        QCOMPARE(result.lines.at(4).bytes, overByOne); // shorter than 64 KiB: all of it
        QCOMPARE(result.lines.at(5).bytes, atLimit); // the '\r' of CRLF does not count
        QVERIFY(!result.lines.at(5).oversized);
        checkOversized(result.lines.at(6), lastOversized);
    }

    // An over-long line whose CRs sit at chunk edges: only the CR of the CRLF is dropped.
    void oversizedLineWithCarriageReturns()
    {
        BatchReadLimits limits;
        limits.maxLineBytes = 16;
        const QByteArray line = "{\"a\":\"\r\r" + QByteArray(40, 'q') + "\r\"}\r";
        for (const qsizetype chunk : kChunkSizes) {
            const ReadResult result = readBody(line + "\r\n{}\n", chunk, limits);
            QVERIFY2(result.finishedOk, qPrintable(result.errorString));
            QCOMPARE(result.lines.size(), 2);
            QVERIFY(result.lines.at(0).oversized);
            QCOMPARE(result.lines.at(0).originalLength, line.size());
            QCOMPARE(result.lines.at(0).bytes, line);
            QCOMPARE(result.lines.at(0).sha256,
                QCryptographicHash::hash(line, QCryptographicHash::Sha256).toHex());
            QCOMPARE(result.lines.at(1).bytes, "{}");
        }
    }

    void parseLine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<ParsedLine::Kind>("kind");
        QTest::addColumn<bool>("invalidUtf8");
        QTest::addColumn<QString>("problem");

        using K = ParsedLine::Kind;
        QTest::newRow("object") << QByteArray("{\"a\":1}") << K::Object << false << QString();
        QTest::newRow("object with spaces")
            << QByteArray(" \t{\"a\":[1,{\"b\":null}]}  ") << K::Object << false << QString();
        QTest::newRow("valid multibyte")
            << QByteArray("{\"a\":\"\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e\"}") << K::Object << false
            << QString();
        QTest::newRow("empty") << QByteArray() << K::Blank << false << QString();
        QTest::newRow("spaces and tabs") << QByteArray(" \t ") << K::Blank << false << QString();
        QTest::newRow("lone cr") << QByteArray("\r") << K::Blank << false << QString();
        QTest::newRow("array") << QByteArray("[1,2]") << K::Bad << false
                               << u"not a JSON object (the line starts with '[')"_s;
        QTest::newRow("number") << QByteArray("42") << K::Bad << false << u"'4'"_s;
        QTest::newRow("string") << QByteArray("\"x\"") << K::Bad << false << u"not a JSON"_s;
        QTest::newRow("null") << QByteArray("null") << K::Bad << false << u"not a JSON"_s;
        QTest::newRow("half object")
            << QByteArray("{\"a\":1,\"b\":") << K::Bad << false << u"not valid JSON"_s;
        QTest::newRow("garbage") << QByteArray("hello") << K::Bad << false << u"'h'"_s;
        QTest::newRow("control byte") << QByteArray("\x01{}") << K::Bad << false << u"0x01"_s;
        QTest::newRow("trailing garbage")
            << QByteArray("{\"a\":1} x") << K::Bad << false << u"not valid JSON"_s;
        QTest::newRow("two objects")
            << QByteArray("{\"a\":1}{\"b\":2}") << K::Bad << false << u"not valid JSON"_s;
        QTest::newRow("invalid utf-8 in a value") << QByteArray("{\"a\":\"x\xff y\"}") << K::Object
                                                  << true << u"invalid UTF-8 replaced"_s;
        QTest::newRow("overlong encoding")
            << QByteArray("{\"a\":\"\xc0\xaf\"}") << K::Object << true << u"invalid UTF-8"_s;
        QTest::newRow("encoded surrogate")
            << QByteArray("{\"a\":\"\xed\xa0\x80\"}") << K::Object << true << u"invalid UTF-8"_s;
        QTest::newRow("above U+10FFFF") << QByteArray("{\"a\":\"\xf4\x90\x80\x80\"}") << K::Object
                                        << true << u"invalid UTF-8"_s;
        QTest::newRow("invalid utf-8 in a key")
            << QByteArray("{\"\xfe\":1}") << K::Object << true << u"invalid UTF-8"_s;
        QTest::newRow("invalid utf-8, not an object")
            << QByteArray("\xff\xfe") << K::Bad << true << u"0xff"_s;
        QTest::newRow("cut multibyte, half object")
            << QByteArray("{\"a\":\"\xe2\x82") << K::Bad << true << u"not valid JSON"_s;
    }
    void parseLine()
    {
        QFETCH(QByteArray, line);
        QFETCH(ParsedLine::Kind, kind);
        QFETCH(bool, invalidUtf8);
        QFETCH(QString, problem);

        const ParsedLine parsed = parseNdjsonLine(line, 64);
        QCOMPARE(parsed.kind, kind);
        QCOMPARE(parsed.hadInvalidUtf8, invalidUtf8);
        if (problem.isEmpty())
            QVERIFY2(parsed.problem.isEmpty(), qPrintable(parsed.problem));
        else
            QVERIFY2(parsed.problem.contains(problem), qPrintable(parsed.problem));
        QCOMPARE(parsed.isObject(), kind == ParsedLine::Kind::Object);
        if (parsed.isObject() && invalidUtf8) {
            const QJsonObject::const_iterator first = parsed.object.constBegin();
            const QString text = first.key() + first.value().toString();
            QVERIFY(text.contains(QChar::ReplacementCharacter));
        }
    }

    void nestingDepth_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("accepted");

        QTest::newRow("depth 1") << QByteArray("{}") << true;
        QTest::newRow("depth 63") << nested(63) << true;
        QTest::newRow("depth 64") << nested(64) << true;
        QTest::newRow("depth 65") << nested(65) << false;
        QTest::newRow("depth 64, objects only")
            << QByteArray(repeated("{\"a\":", 64 * 5) + "1" + QByteArray(64, '}')) << true;
        QTest::newRow("depth 65, objects only")
            << QByteArray(repeated("{\"a\":", 65 * 5) + "1" + QByteArray(65, '}')) << false;
        // Deep enough to overflow a recursive parser's stack: refused by the scan alone.
        QTest::newRow("depth 1000000") << nested(1000000) << false;
        QTest::newRow("unclosed depth 100000")
            << QByteArray("{\"a\":" + QByteArray(100000, '[')) << false;
        QTest::newRow("brackets inside a string")
            << QByteArray("{\"a\":\"" + QByteArray(200, '[') + "\"}") << true;
        QTest::newRow("escaped quote keeps the string open")
            << QByteArray("{\"a\":\"\\\"" + QByteArray(200, '[') + "\"}") << true;
        // After an escaped backslash the quote does end the string: these brackets count.
        QTest::newRow("escaped backslash ends the string") << QByteArray(
            "{\"s\":\"\\\\\",\"a\":" + QByteArray(64, '[') + QByteArray(64, ']') + "}")
                                                           << false;
        QTest::newRow("escaped backslash, depth 64") << QByteArray(
            "{\"s\":\"\\\\\",\"a\":" + QByteArray(63, '[') + QByteArray(63, ']') + "}")
                                                     << true;
    }
    void nestingDepth()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, accepted);

        const ParsedLine parsed = parseNdjsonLine(line, 64);
        QCOMPARE(parsed.isObject(), accepted);
        if (!accepted) {
            QCOMPARE(parsed.kind, ParsedLine::Kind::Bad);
            QVERIFY2(parsed.problem.contains(u"JSON nesting deeper than 64"_s),
                qPrintable(parsed.problem));
        }
    }

    void prefixCut_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<qsizetype>("maxBytes");
        QTest::addColumn<QByteArray>("expected");

        const QByteArray e2 = "\xc3\xa9"; // é
        const QByteArray e3 = "\xe2\x82\xac"; // €
        const QByteArray e4 = "\xf0\x9d\x84\x9e"; // 𝄞
        QTest::newRow("shorter") << QByteArray("abc") << qsizetype(10) << QByteArray("abc");
        QTest::newRow("exact") << QByteArray("abcd") << qsizetype(4) << QByteArray("abcd");
        QTest::newRow("ascii") << QByteArray("abcdef") << qsizetype(4) << QByteArray("abcd");
        QTest::newRow("zero") << QByteArray("abc") << qsizetype(0) << QByteArray();
        QTest::newRow("2-byte straddles") << "abc" + e2 << qsizetype(4) << QByteArray("abc");
        QTest::newRow("2-byte fits") << "abc" + e2 + "d" << qsizetype(5) << "abc" + e2;
        QTest::newRow("3-byte, 1 of 3") << "ab" + e3 << qsizetype(3) << QByteArray("ab");
        QTest::newRow("3-byte, 2 of 3") << "ab" + e3 << qsizetype(4) << QByteArray("ab");
        QTest::newRow("3-byte fits") << "ab" + e3 + "x" << qsizetype(5) << "ab" + e3;
        QTest::newRow("4-byte, 1 of 4") << "a" + e4 << qsizetype(2) << QByteArray("a");
        QTest::newRow("4-byte, 2 of 4") << "a" + e4 << qsizetype(3) << QByteArray("a");
        QTest::newRow("4-byte, 3 of 4") << "a" + e4 << qsizetype(4) << QByteArray("a");
        QTest::newRow("4-byte fits") << "a" + e4 + e4 << qsizetype(5) << "a" + e4;
        QTest::newRow("sequence right at the start") << e4 << qsizetype(3) << QByteArray();
        QTest::newRow("stray continuation bytes stay") << QByteArray("ab\x80\x80\x80\x80\x80")
                + "cd" << qsizetype(4) << QByteArray("ab\x80\x80");
    }
    void prefixCut()
    {
        QFETCH(QByteArray, input);
        QFETCH(qsizetype, maxBytes);
        QFETCH(QByteArray, expected);
        QCOMPARE(quarantinePrefix(input, maxBytes), expected);
    }

    // Every cut of a mixed text is a valid UTF-8 prefix at most 3 bytes short of the limit.
    void prefixCutEveryPosition()
    {
        // é € 𝄞 between ASCII; whole pieces only, so that the text itself is valid.
        const QByteArray piece = QByteArray("a\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e") + 'b';
        const QByteArray text = repeated(piece, 20 * piece.size());
        QVERIFY(isValidUtf8(text));
        for (qsizetype max = 0; max <= text.size(); ++max) {
            const QByteArray prefix = quarantinePrefix(text, max);
            QVERIFY(text.startsWith(prefix));
            QVERIFY(prefix.size() <= max);
            QVERIFY2(prefix.size() >= max - 3, qPrintable(QString::number(max)));
            QVERIFY2(isValidUtf8(prefix), qPrintable(QString::number(max)));
        }
        // The default cut is 64 KiB.
        const QByteArray large = repeated("\xe2\x82\xac", 100 * 1024);
        const QByteArray prefix = quarantinePrefix(large);
        QCOMPARE(prefix.size(), kQuarantinePrefixBytes - kQuarantinePrefixBytes % 3);
        QVERIFY(isValidUtf8(prefix));
    }

    void quarantineFormOfAnOrdinaryLine()
    {
        Line line;
        line.number = 7;
        line.bytes = "[1,2]";
        line.originalLength = 5;
        const QuarantinedLine stored = quarantineLine(line);
        QCOMPARE(stored.textPrefix, "[1,2]");
        QCOMPARE(stored.length, 5);
        // printf '[1,2]' | sha256sum
        QCOMPARE(
            stored.sha256, u"49a64717d5d4cb19952e6eac2946415cf6879adacf9908e7d872332d32c6e684"_s);
    }

    // Not a pass/fail criterion (the machine is shared): prints lines per second of the
    // splitter on ~700-byte lines, of gunzip + split, and of parseNdjsonLine.
    void throughput()
    {
        // 32 MiB: larger than the caches, so the splitter is not measured on hot data.
        QByteArray block;
        qint64 blockLines = 0;
        while (block.size() < 32 * 1024 * 1024)
            block += sampleLine(blockLines++) + '\n';
        constexpr int rounds = 4;
        static constexpr qsizetype chunk = 64 * 1024;
        qint64 lines = 0;
        const auto onLine = [&lines](const Line &) { ++lines; };
        const auto feedAll = [&onLine](BatchFileReader &reader, const QByteArray &body) {
            for (qsizetype at = 0; at < body.size(); at += chunk) {
                if (!reader.feed(body.constData() + at, std::min(chunk, body.size() - at), onLine))
                    return false;
            }
            return true;
        };

        QElapsedTimer timer;
        timer.start();
        {
            BatchFileReader reader;
            for (int i = 0; i < rounds; ++i)
                QVERIFY(feedAll(reader, block));
            QVERIFY(reader.finish(onLine));
        }
        const qint64 splitNs = std::max<qint64>(1, timer.nsecsElapsed());
        QCOMPARE(lines, blockLines * rounds);

        const QByteArray compressedBlock = gzip(block, 6);
        lines = 0;
        timer.restart();
        {
            BatchFileReader reader;
            QVERIFY(feedAll(reader, compressedBlock));
            QVERIFY(reader.finish(onLine));
        }
        const qint64 gunzipNs = std::max<qint64>(1, timer.nsecsElapsed());
        QCOMPARE(lines, blockLines);

        const QByteArrayList sample = block.left(4 * 1024 * 1024).split('\n');
        qint64 objects = 0;
        timer.restart();
        for (const QByteArray &line : sample) {
            if (parseNdjsonLine(line).isObject())
                ++objects;
        }
        const qint64 parseNs = std::max<qint64>(1, timer.nsecsElapsed());
        QCOMPARE(objects, sample.size() - 1); // the last piece is empty
        timer.restart();
        for (const QByteArray &line : sample)
            objects -= QJsonDocument::fromJson(line).isObject() ? 1 : 0;
        const qint64 fromJsonNs = std::max<qint64>(1, timer.nsecsElapsed());
        QCOMPARE(objects, 0);

        const auto perSecond = [](qint64 count, qint64 ns) {
            return double(count) / double(ns) * 1e9;
        };
        qInfo("throughput (%.0f-byte lines, 64 KiB chunks): split %.2f M lines/s (%.0f MB/s); "
              "gunzip+split %.2f M lines/s (%.0f MB/s out); parseNdjsonLine %.0f k lines/s "
              "(QJsonDocument::fromJson alone %.0f k lines/s)",
            double(block.size()) / double(blockLines),
            perSecond(blockLines * rounds, splitNs) / 1e6,
            perSecond(block.size() * rounds, splitNs) / 1e6, perSecond(blockLines, gunzipNs) / 1e6,
            perSecond(block.size(), gunzipNs) / 1e6, perSecond(sample.size(), parseNs) / 1e3,
            perSecond(sample.size(), fromJsonNs) / 1e3);
    }
};

QTEST_GUILESS_MAIN(TestBatchFileReader)
#include "tst_batchfilereader.moc"
