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

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace msc {

RawCompression::RawCompression(QString tableName, QString part, qsizetype trainingSamples)
    : m_tableName(std::move(tableName))
    , m_part(std::move(part))
    , m_trainingSamples(std::max<qsizetype>(trainingSamples, 1))
{
}

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

void RawCompression::offer(const QByteArray &raw)
{
    if (m_compressor || m_gaveUp)
        return;
    m_samples.append(raw);
    if (m_samples.size() < m_trainingSamples)
        return;

    QElapsedTimer timer;
    timer.start();
    // A random id: two tables training at once cannot pick the same one in practice (2^31
    // values), and a collision would only fail that file's transaction.
    const auto id = quint32(QRandomGenerator::system()->bounded(
        qint64(RawCompressor::kFirstDictionaryId), qint64(std::numeric_limits<qint32>::max())));
    QString problem;
    qint64 sampleBytes = 0;
    for (const QByteArray &sample : std::as_const(m_samples))
        sampleBytes += sample.size();
    // zstd wants about ten times the dictionary's size in samples.
    const QByteArray dictionary = RawCompressor::trainDictionary(
        m_samples, id, std::clamp<qsizetype>(sampleBytes / 10, 4096, kDictionaryBytes), &problem);
    if (!dictionary.isEmpty())
        m_compressor = RawCompressor::create(dictionary, &problem);
    qint64 textBytes = 0;
    qint64 compressedBytes = 0;
    if (m_compressor) {
        for (const QByteArray &sample : std::as_const(m_samples)) {
            textBytes += sample.size();
            compressedBytes += m_compressor->compress(sample).size();
        }
    }
    const qsizetype samples = m_samples.size();
    m_samples.clear();
    m_samples.squeeze();
    if (!m_compressor) {
        m_gaveUp = true;
        qCWarning(lcCache).noquote()
            << u"no raw dictionary for %1 %2 (%3); its records stay uncompressed in this run"_s.arg(
                   m_tableName, m_part, problem);
        return;
    }
    m_stored = false;
    qCInfo(lcCache).noquote()
        << u"raw dictionary %1 for %2 %3: %4 bytes from %5 records in %6 ms; those records "
           u"average %7 bytes as text, %8 compressed"_s.arg(id)
               .arg(m_tableName, m_part)
               .arg(dictionary.size())
               .arg(samples)
               .arg(timer.elapsed())
               .arg(textBytes / samples)
               .arg(compressedBytes / samples);
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
