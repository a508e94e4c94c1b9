#pragma once

#include <QList>
#include <QStringView>
#include <QtGlobal>

namespace msc::sim {

/// The SplitMix64 finaliser: a bijective 64-bit mix. Used to derive seeds and stable tie keys
/// from small integers without drawing from a generator (so no draw order couples them).
quint64 mix64(quint64 x);

/// FNV-1a over the UTF-16 code units of \a text; stable across platforms.
quint64 hashString(QStringView text);

/// The seed of the events of one (stream, time bucket): the dataset's generation is addressable,
/// so any bucket can be regenerated without generating the others (mimecast-api.md §10.2 item 8).
quint64 mixSeed(quint64 seed, QStringView stream, qint64 bucket);

/// Deterministic generator: xoshiro256** seeded through SplitMix64. All distributions are
/// implemented here, never with std:: distributions, whose output differs between libraries.
class Prng
{
public:
    explicit Prng(quint64 seed);

    quint64 next();
    /// Uniform in [0, 1) with 53 bits of precision.
    double uniform();
    /// Uniform in [0, n) without modulo bias; 0 when \a n is 0.
    quint64 below(quint64 n);
    /// Uniform in [lo, hi], both inclusive; lo when hi < lo.
    qint64 range(qint64 lo, qint64 hi);
    /// True with probability \a p.
    bool chance(double p);
    /// Index drawn with the given non-negative weights (the last index if all are zero).
    int weighted(std::initializer_list<double> weights);
    int weighted(const double *weights, int count);

    template <typename Container>
    const auto &pick(const Container &items)
    {
        Q_ASSERT(!items.isEmpty());
        return items.at(qsizetype(below(quint64(items.size()))));
    }

private:
    quint64 m_s[4];
};

} // namespace msc::sim
