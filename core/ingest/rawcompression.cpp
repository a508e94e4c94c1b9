#include "ingest/rawcompression.h"

#include "storage/cachedatabase.h"
#include "storage/rawcodec.h"
#include "util/logging.h"
#include "util/timeformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QtConcurrentRun>

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace msc {

RawCompression::RawCompression(
    QString tableName, QString part, qsizetype trainingSamples, bool inBackground)
    : m_tableName(std::move(tableName))
    , m_part(std::move(part))
    , m_trainingSamples(std::max<qsizetype>(trainingSamples, 1))
    , m_inBackground(inBackground)
{
}

// A training still running is not waited for: it holds copies, and its result is dropped.
RawCompression::~RawCompression() = default;

CacheError RawCompression::load(CacheConnection &reader)
{
    QSqlQuery query(reader.database());
    query.prepare(u"SELECT dictionary FROM raw_dictionary WHERE table_name = ? AND part = ? "
                  u"ORDER BY id DESC LIMIT 1"_s);
    query.addBindValue(m_tableName);
    query.addBindValue(m_part);
    if (!query.exec())
        return CacheError::make(CacheError::Kind::Other, reader.filePath(),
            QCoreApplication::translate("RawCompression",
                "Reading the raw dictionaries of %1 "
                "failed: %2")
                .arg(m_tableName, query.lastError().text()));
    if (!query.next())
        return {};
    QString problem;
    m_compressor = RawCompressor::create(query.value(0).toByteArray(), &problem);
    if (!m_compressor)
        qCWarning(lcCache).noquote() << u"the stored raw dictionary of %1 %2 is unusable (%3); "
                                        u"a new one is trained"_s.arg(m_tableName, m_part, problem);
    return {};
}

const RawCompressor *RawCompression::compressor()
{
    if (!m_compressor && m_training.isValid() && m_training.isFinished()) {
        m_compressor = m_training.takeResult();
        m_training = {};
        if (m_compressor)
            m_stored = false;
        else
            m_gaveUp = true;
    }
    return m_compressor.get();
}

void RawCompression::offer(const QByteArray &raw)
{
    if (m_compressor || m_gaveUp || m_training.isValid())
        return;
    m_samples.append(raw);
    if (m_samples.size() < m_trainingSamples)
        return;
    // 0.1-0.2 s of CPU: on a pool thread, while this thread goes on reading.
    auto training = [samples = std::exchange(m_samples, {}), tableName = m_tableName,
                        part = m_part]() { return train(samples, tableName, part); };
    if (m_inBackground) {
        m_training = QtConcurrent::run(std::move(training));
        return;
    }
    m_compressor = training();
    m_stored = !m_compressor;
    m_gaveUp = !m_compressor;
}

std::shared_ptr<const RawCompressor> RawCompression::train(
    const QList<QByteArray> &samples, const QString &tableName, const QString &part)
{
    QElapsedTimer timer;
    timer.start();
    // A random id: two tables training at once cannot pick the same one in practice (2^31
    // values), and a collision would only fail that file's transaction.
    const auto id = quint32(QRandomGenerator::system()->bounded(
        qint64(RawCompressor::kFirstDictionaryId), qint64(std::numeric_limits<qint32>::max())));
    QString problem;
    qint64 sampleBytes = 0;
    for (const QByteArray &sample : samples)
        sampleBytes += sample.size();
    // zstd wants about ten times the dictionary's size in samples.
    const QByteArray dictionary = RawCompressor::trainDictionary(
        samples, id, std::clamp<qsizetype>(sampleBytes / 10, 4096, kDictionaryBytes), &problem);
    std::shared_ptr<const RawCompressor> compressor;
    if (!dictionary.isEmpty())
        compressor = RawCompressor::create(dictionary, &problem);
    if (!compressor) {
        qCWarning(lcCache).noquote()
            << u"no raw dictionary for %1 %2 (%3); its records stay uncompressed in this run"_s.arg(
                   tableName, part, problem);
        return compressor;
    }
    qint64 compressedBytes = 0;
    for (const QByteArray &sample : samples)
        compressedBytes += compressor->compress(sample).size();
    qCInfo(lcCache).noquote()
        << u"raw dictionary %1 for %2 %3: %4 bytes from %5 records in %6 ms; those records "
           u"average %7 bytes as text, %8 compressed"_s.arg(id)
               .arg(tableName, part)
               .arg(dictionary.size())
               .arg(samples.size())
               .arg(timer.elapsed())
               .arg(sampleBytes / samples.size())
               .arg(compressedBytes / samples.size());
    return compressor;
}

std::optional<BoundStatement> RawCompression::pendingStatement() const
{
    if (m_stored || !m_compressor)
        return std::nullopt;
    return BoundStatement {u"INSERT INTO raw_dictionary (id, table_name, part, dictionary, "
                           u"samples, created_at) VALUES (?, ?, ?, ?, ?, ?)"_s,
        {qint64(m_compressor->dictionaryId()), m_tableName, m_part, m_compressor->dictionary(),
            qint64(m_trainingSamples), formatUtc(QDateTime::currentDateTimeUtc())}};
}

} // namespace msc
