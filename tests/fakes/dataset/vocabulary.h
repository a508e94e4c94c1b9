#pragma once

#include <QString>
#include <QStringList>

namespace msc::sim {

class Prng;

// Word lists of the generated tenant. Domains are reserved example names (RFC 2606) and IPs are
// documentation ranges (RFC 5737, RFC 3849), so nothing generated points at a real party.
namespace vocab {

    inline constexpr QStringView kAccountId = u"CDEMO01";
    inline constexpr QStringView kTenantDomain = u"corp.example";

    struct Person
    {
        QString display; // may hold non-ASCII letters
        QString ascii; // for addresses
    };

    const QList<Person> &firstNames();
    const QStringList &lastNames();
    const QStringList &departments();
    const QStringList &titles();
    const QStringList &locations();

    const QStringList &partnerDomains();
    const QStringList &partnerLocalParts();
    const QStringList &badDomains();
    const QStringList &badLocalParts();
    const QStringList &lookalikeDomains();
    const QStringList &customerDomains();

    const QStringList &cleanSubjects();
    const QStringList &spamSubjects();
    const QStringList &phishSubjects();
    const QStringList &impersonationSubjects();
    const QStringList &outboundSubjects();
    const QStringList &internalSubjects();

    const QStringList &cleanAttachments();
    /// Known-bad files: a small pool, so the same hashes recur across messages as in a campaign.
    const QStringList &maliciousAttachments();
    QString mimeTypeFor(const QString &fileName);
    QString extensionOf(const QString &fileName);

    const QStringList &virusNames();
    const QStringList &cleanUrls();
    const QStringList &maliciousUrls();
    const QStringList &cleanUrlCategories();
    const QStringList &maliciousUrlCategories();
    const QStringList &dlpPolicies();
    const QStringList &tlsCiphers();
    const QStringList &auditApplications();
    const QStringList &loginMethods();
    const QStringList &campaignTemplates();

    /// An IPv4 address in a documentation range, drawn from \a prng.
    QString externalIp(Prng &prng);
    /// A stable documentation-range IPv4 address for a key (e.g. a sending domain).
    QString stableExternalIp(quint64 key);
    /// An address in 10.0.0.0/8 (tenant-internal hosts).
    QString internalIp(Prng &prng);

    /// 16 hex characters of a 64-bit value.
    QString hex64(quint64 value);
    /// A base64url token (no padding) of \a bytes bytes derived from \a key.
    QString token(quint64 key, int bytes);
    /// Lower-case hex of a hash of \a key (md5 32, sha1 40, sha256 64 characters).
    QString md5Hex(quint64 key);
    QString sha1Hex(quint64 key);
    QString sha256Hex(quint64 key);

} // namespace vocab

/// One user of the simulated tenant: the AT population and the internal mail users.
struct SimUser
{
    int index = 0;
    QString name;
    QString firstName;
    QString email;
    QString department;
    QString title;
    QString location;
    QString userId;
    bool active = true;
};

/// The population size for a volume: max(50, volume / 20) (mimecast-api.md §10.2 item 9).
int populationSize(int volume);
/// The user at \a index (0 <= index < populationSize), derived from the seed and the index only.
SimUser simUser(quint64 seed, int index);
/// simUser(seed, index).email, without building the rest of the user.
QString simUserEmail(quint64 seed, int index);

} // namespace msc::sim
