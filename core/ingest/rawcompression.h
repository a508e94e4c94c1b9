#pragma once

#include "storage/cacheerror.h"
#include "storage/cachewriter.h"

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace msc {

class CacheConnection;
class RawCompressor;

/// The `_raw` compression of one table part (a SIEM type) during one run (connectors.md
/// §2.6): the newest stored dictionary, or one trained from the run's first records.
///
/// Rows mapped before a dictionary exists keep their text; raw_json() reads both forms. A new
/// dictionary is written in the transaction of the first file whose rows use it (so no row can
/// ever name a dictionary the cache does not hold) and again in the next one until such a
/// transaction has committed.
class RawCompression
{
public:
    /// The default number of records collected before training. 2,000 CG records (about
    /// 1.5 MB) train a 32 KiB dictionary in 0.1–0.2 s that compresses as well as one from
    /// 4,000 records into 64 KiB (about 1,000 → 155 bytes), in half the time (measured on
    /// the simulator's records with bench_ingest).
    static constexpr qsizetype kTrainingSamples = 2000;
    static constexpr qsizetype kDictionaryBytes = 32 * 1024;

    /// \a inBackground: train on a pool thread (see offer()); false trains inside offer().
    RawCompression(QString tableName, QString part, qsizetype trainingSamples = kTrainingSamples,
        bool inBackground = true);
    ~RawCompression();

    /// Loads the newest dictionary of the table part, if any.
    CacheError load(CacheConnection &reader);

    /// Null until a dictionary exists (a training that finished is taken up here).
    const RawCompressor *compressor();

    /// Offers the `_raw` text of a row mapped without a dictionary; the kTrainingSamples-th
    /// offer starts training one on a pool thread, so reading goes on meanwhile (its rows
    /// keep their text). Failures are logged, and this run then keeps the text.
    void offer(const QByteArray &raw);

    /// A dictionary that no committed transaction stored yet is in use.
    bool hasPendingDictionary() const { return !m_stored && m_compressor; }
    /// The statement that stores the dictionary, while no transaction holding it committed.
    std::optional<BoundStatement> pendingStatement() const;
    /// A transaction that held pendingStatement() committed.
    void markStored() { m_stored = true; }

private:
    static std::shared_ptr<const RawCompressor> train(
        const QList<QByteArray> &samples, const QString &tableName, const QString &part);

    QString m_tableName;
    QString m_part;
    std::shared_ptr<const RawCompressor> m_compressor;
    qsizetype m_trainingSamples;
    QList<QByteArray> m_samples;
    bool m_stored = true;
    bool m_gaveUp = false;
    bool m_inBackground = true;
    QFuture<std::shared_ptr<const RawCompressor>> m_training;
};

} // namespace msc
