// Memory of a large SIEM batch file download (issue: >= 200 MB uncompressed must raise peak
// memory by less than 64 MB). The simulator runs as its own process so that only the
// client's memory is measured: download through MimecastClient, gunzip and split through
// BatchFileReader, count lines, and compare peak RSS before and after. Three runs; the peak
// is reset between runs through /proc/self/clear_refs.
#include "mimecast/batchfilereader.h"
#include "mimecast/mimecastclient.h"
#include "testenvironment.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QtConcurrent>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

qint64 statusKiB(const char *field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

void resetPeak()
{
    QFile clear(u"/proc/self/clear_refs"_s);
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

} // namespace

class BenchBatchDownload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void largeFileKeepsMemoryFlat()
    {
        QTemporaryDir state;
        QFile config(state.filePath(u"config.json"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        // One receipt file of 320,000 lines (~700 bytes each): well over 200 MB uncompressed.
        config.write(R"({"batchFileLines": 320000, "volume": 50000})");
        config.close();

        QProcess simulator;
        simulator.setProgram(
            QCoreApplication::applicationDirPath() + u"/../fakes/mimecast-simulator"_s);
        if (!QFile::exists(simulator.program()))
            simulator.setProgram(qEnvironmentVariable("MSC_SIMULATOR_BINARY"));
        simulator.setArguments(
            {u"--config"_s, config.fileName(), u"--state-dir"_s, state.filePath(u"sim"_s)});
        simulator.start();
        QVERIFY2(simulator.waitForReadyRead(60000), qPrintable(simulator.program()));
        const QString baseUrl = QString::fromUtf8(simulator.readLine()).trimmed();
        QVERIFY(baseUrl.startsWith(u"http://127.0.0.1:"_s));

        ClientSettings settings;
        settings.totalTimeoutMs = 600000;
        const MimecastClient::Credentials credentials {
            QUrl(baseUrl), u"demo-client"_s, u"demo-secret"_s};

        QList<qint64> deltas;
        for (int run = 0; run < 3; ++run) {
            struct Figures
            {
                qint64 lines = 0;
                qint64 compressed = 0;
                qint64 decompressed = 0;
                qint64 peakBeforeKiB = 0;
                qint64 peakAfterKiB = 0;
                qint64 ms = 0;
                QString error;
            };
            resetPeak();
            QFuture<Figures> future = QtConcurrent::run([&] {
                Figures figures;
                MimecastClient client(credentials, settings, u"seg.cg"_s);
                QUrlQuery query;
                query.addQueryItem(u"type"_s, u"receipt"_s);
                query.addQueryItem(u"pageSize"_s, u"1"_s);
                ApiError error;
                // The listing generates the file on the simulator's side (first run only).
                std::optional<QJsonObject> listing =
                    client.getSiem(u"/siem/v1/batch/events/cg"_s, query, false, &error);
                if (!listing) {
                    figures.error = error.message;
                    return figures;
                }
                const QUrl url(listing->value("value"_L1)
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value("url"_L1)
                                   .toString());
                figures.peakBeforeKiB = statusKiB("VmHWM:");
                QElapsedTimer timer;
                timer.start();
                BatchFileReader reader;
                bool expired = false;
                auto count = [&](const BatchFileReader::Line &) { ++figures.lines; };
                const bool ok = client.download(
                    url,
                    [&](const char *data, qsizetype size) {
                        return reader.feed(data, size, count);
                    },
                    &expired, &error);
                if (!ok || !reader.finish(count)) {
                    figures.error = ok ? reader.errorString() : error.message;
                    return figures;
                }
                figures.ms = timer.elapsed();
                figures.compressed = reader.compressedBytes();
                figures.decompressed = reader.decompressedBytes();
                figures.peakAfterKiB = statusKiB("VmHWM:");
                return figures;
            });
            QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 600000);
            const Figures figures = future.result();
            QVERIFY2(figures.error.isEmpty(), qPrintable(figures.error));
            QVERIFY(figures.decompressed >= 200LL * 1000 * 1000);
            const qint64 deltaKiB = figures.peakAfterKiB - figures.peakBeforeKiB;
            deltas.append(deltaKiB);
            qInfo().noquote()
                << u"run %1: %2 lines, %3 MB uncompressed, %4 MB gzip, %5 ms, peak RSS %6 -> %7 KiB (+%8 KiB)"_s
                       .arg(run + 1)
                       .arg(figures.lines)
                       .arg(figures.decompressed / 1e6, 0, 'f', 1)
                       .arg(figures.compressed / 1e6, 0, 'f', 1)
                       .arg(figures.ms)
                       .arg(figures.peakBeforeKiB)
                       .arg(figures.peakAfterKiB)
                       .arg(deltaKiB);
        }
        std::sort(deltas.begin(), deltas.end());
        qInfo().noquote() << u"peak RSS growth: median %1 KiB, max %2 KiB (goal < 65536 KiB)"_s
                                 .arg(deltas.at(1))
                                 .arg(deltas.last());
        QVERIFY(deltas.last() < 64 * 1024);
        simulator.kill();
        simulator.waitForFinished();
    }
};

QTEST_GUILESS_MAIN(BenchBatchDownload)
#include "bench_batchdownload.moc"
