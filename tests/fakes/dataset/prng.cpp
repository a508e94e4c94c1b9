#include "prng.h"

namespace msc::sim {

namespace {

    quint64 rotl(quint64 x, int k)
    {
        return (x << k) | (x >> (64 - k));
    }

} // namespace

quint64 mix64(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

quint64 hashString(QStringView text)
{
    quint64 h = 0xcbf29ce484222325ULL;
    for (const QChar c : text) {
        h ^= c.unicode();
        h *= 0x100000001b3ULL;
    }
    return h;
}

quint64 mixSeed(quint64 seed, QStringView stream, qint64 bucket)
{
    quint64 h = mix64(seed ^ 0x6a09e667f3bcc908ULL);
    h = mix64(h ^ hashString(stream));
    return mix64(h ^ quint64(bucket));
}

Prng::Prng(quint64 seed)
{
    // SplitMix64 expands one word into the 256-bit state; it never yields an all-zero state.
    quint64 x = seed;
    for (quint64 &word : m_s) {
        x += 0x9e3779b97f4a7c15ULL;
        quint64 z = x;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        word = z ^ (z >> 31);
    }
}

quint64 Prng::next()
{
    const quint64 result = rotl(m_s[1] * 5, 7) * 9;
    const quint64 t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double Prng::uniform()
{
    return double(next() >> 11) * 0x1.0p-53;
}

quint64 Prng::below(quint64 n)
{
    if (n == 0)
        return 0;
    // Reject the short top range so every residue is equally likely.
    const quint64 threshold = (0 - n) % n;
    for (;;) {
        const quint64 r = next();
        if (r >= threshold)
            return r % n;
    }
}

qint64 Prng::range(qint64 lo, qint64 hi)
{
    if (hi <= lo)
        return lo;
    return lo + qint64(below(quint64(hi - lo) + 1));
}

bool Prng::chance(double p)
{
    return uniform() < p;
}

int Prng::weighted(std::initializer_list<double> weights)
{
    return weighted(weights.begin(), int(weights.size()));
}

int Prng::weighted(const double *weights, int count)
{
    double total = 0;
    for (int i = 0; i < count; ++i)
        total += weights[i];
    double r = uniform() * total;
    for (int i = 0; i < count; ++i) {
        if (r < weights[i])
            return i;
        r -= weights[i];
    }
    return count - 1;
}

} // namespace msc::sim
