#include "faults.h"

#include <QCryptographicHash>
#include <QJsonValue>
#include <QStringList>
#include <QtEndian>

using namespace Qt::Literals::StringLiterals;

namespace msc::sim {

namespace {

    const QStringList kKnownFaults = {
        u"429"_s,
        u"500"_s,
        u"502"_s,
        u"503"_s,
        u"504"_s,
        u"timeout"_s,
        u"slow"_s,
        u"reset"_s,
        u"fail-200"_s,
        u"bad-json"_s,
        u"expired-token"_s,
        u"dup-rows"_s,
        u"bad-lines"_s,
        u"truncated-gzip"_s,
        u"expired-url"_s,
        u"file-gone"_s,
        u"empty-last-page"_s,
        u"wrong-total"_s,
        u"token-401"_s,
        u"token-5xx"_s,
        u"forbidden"_s,
        u"wrong-region"_s,
    };

    /// Faults whose ordinal is the file's index within its type rather than the request count.
    bool isFileFault(const QString &name)
    {
        return name == "truncated-gzip"_L1 || name == "expired-url"_L1 || name == "file-gone"_L1
            || name == "bad-lines"_L1;
    }

    double seededUniform(quint64 seed, const QString &name, qint64 ordinal)
    {
        QByteArray material =
            QByteArray::number(seed) + ':' + name.toUtf8() + ':' + QByteArray::number(ordinal);
        const QByteArray digest = QCryptographicHash::hash(material, QCryptographicHash::Sha256);
        return double(qFromBigEndian<quint64>(digest.constData()) >> 11) / double(1ULL << 53);
    }

} // namespace

QString Fault::text(const QString &key, const QString &fallback) const
{
    return parameters.contains(key) ? parameters.value(key).toString() : fallback;
}

qint64 Fault::number(const QString &key, qint64 fallback) const
{
    bool ok = false;
    const qint64 value = parameters.value(key).toLongLong(&ok);
    return ok ? value : fallback;
}

QList<Fault> FaultSet::parseList(const QString &commandLine, QString *error)
{
    QList<Fault> faults;
    for (const QString &item : commandLine.split(u',', Qt::SkipEmptyParts)) {
        const QStringList parts = item.trimmed().split(u':');
        Fault fault;
        fault.name = parts.first();
        if (!kKnownFaults.contains(fault.name)) {
            *error =
                u"unknown fault \"%1\"; known: %2"_s.arg(fault.name, kKnownFaults.join(u", "_s));
            return {};
        }
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const qsizetype equals = parts.at(i).indexOf(u'=');
            if (equals <= 0) {
                *error =
                    u"fault parameter \"%1\" of %2 is not key=value"_s.arg(parts.at(i), fault.name);
                return {};
            }
            fault.parameters.insert(parts.at(i).left(equals), parts.at(i).mid(equals + 1));
        }
        faults.append(fault);
    }
    return faults;
}

QList<Fault> FaultSet::parseJson(const QJsonArray &array, QString *error)
{
    QList<Fault> faults;
    for (const QJsonValue &value : array) {
        if (value.isString()) {
            const QList<Fault> parsed = parseList(value.toString(), error);
            if (!error->isEmpty())
                return {};
            faults += parsed;
            continue;
        }
        const QJsonObject object = value.toObject();
        Fault fault;
        fault.name = object.value("name"_L1).toString();
        if (!kKnownFaults.contains(fault.name)) {
            *error = u"unknown fault \"%1\""_s.arg(fault.name);
            return {};
        }
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (it.key() != "name"_L1)
                fault.parameters.insert(it.key(), it.value().toVariant());
        }
        faults.append(fault);
    }
    return faults;
}

void FaultSet::replace(QList<Fault> faults)
{
    QMutexLocker locker(&m_mutex);
    m_faults = std::move(faults);
}

QJsonObject FaultSet::toJson() const
{
    QMutexLocker locker(&m_mutex);
    QJsonArray array;
    for (const Fault &fault : m_faults) {
        QJsonObject object = QJsonObject::fromVariantMap(fault.parameters);
        object.insert(u"name"_s, fault.name);
        object.insert(u"fired"_s, fault.fired);
        array.append(object);
    }
    return {{u"faults"_s, array}};
}

bool FaultSet::isActive(const QString &name) const
{
    QMutexLocker locker(&m_mutex);
    return std::any_of(
        m_faults.cbegin(), m_faults.cend(), [&](const Fault &fault) { return fault.name == name; });
}

std::optional<Fault> FaultSet::fire(const QString &name, const FaultContext &context, quint64 seed)
{
    QMutexLocker locker(&m_mutex);
    for (Fault &fault : m_faults) {
        if (fault.name != name || !selects(fault, context, seed))
            continue;
        ++fault.fired;
        return fault;
    }
    return std::nullopt;
}

bool FaultSet::selects(Fault &fault, const FaultContext &context, quint64 seed)
{
    const bool always = fault.number(u"always"_s, 0) != 0;
    if (fault.has(u"path"_s) && !context.path.startsWith(fault.text(u"path"_s)))
        return false;
    if (fault.has(u"stream"_s) && context.stream != fault.text(u"stream"_s))
        return false;
    if (fault.has(u"type"_s) && context.type != fault.text(u"type"_s))
        return false;
    if (!always && fault.has(u"times"_s) && fault.fired >= fault.number(u"times"_s, 0))
        return false;

    const qint64 ordinal = isFileFault(fault.name) ? context.fileOrdinal : context.requestOrdinal;
    if (always)
        return true;
    if (fault.has(u"nth"_s))
        return ordinal == fault.number(u"nth"_s, 0);
    if (fault.has(u"every"_s)) {
        const qint64 every = std::max<qint64>(1, fault.number(u"every"_s, 1));
        return ordinal > 0 && ordinal % every == 0;
    }
    if (fault.has(u"p"_s))
        return seededUniform(seed, fault.name, context.requestOrdinal)
            < fault.parameters.value(u"p"_s).toDouble();

    // The default selectors of mimecast-api.md §10.6.
    const QString name = fault.name;
    auto oncePer = [&fault](const QString &key) {
        if (fault.firedKeys.contains(key))
            return false;
        fault.firedKeys.insert(key);
        return true;
    };
    if (name == "429"_L1)
        return context.requestOrdinal % 7 == 0;
    if (name == "500"_L1 || name == "502"_L1 || name == "503"_L1 || name == "504"_L1)
        return context.requestOrdinal % 9 == 0;
    if (name == "timeout"_L1)
        return context.pathOrdinal == 3 && oncePer(context.path);
    if (name == "slow"_L1)
        return context.requestOrdinal % 5 == 0;
    if (name == "reset"_L1)
        return !context.stream.isEmpty() && oncePer(context.stream);
    if (name == "fail-200"_L1)
        return context.path.startsWith(u"/api/"_s) && context.requestOrdinal % 11 == 0;
    if (name == "bad-json"_L1)
        return oncePer(context.path);
    if (name == "expired-token"_L1)
        return oncePer(context.stream);
    if (name == "truncated-gzip"_L1)
        return context.fileOrdinal == 2 && context.downloadCount <= 2;
    if (name == "expired-url"_L1)
        return context.fileOrdinal % 3 == 0 && context.downloadCount == 1;
    if (name == "file-gone"_L1)
        return context.fileOrdinal % 5 == 0 && context.downloadCount == 1;
    if (name == "bad-lines"_L1)
        return context.fileOrdinal % 4 == 0;
    if (name == "token-401"_L1)
        return context.requestOrdinal % 50 == 0;
    if (name == "token-5xx"_L1)
        return fault.fired == 0;
    if (name == "forbidden"_L1)
        return fault.has(u"path"_s) || fault.has(u"stream"_s);
    // dup-rows, empty-last-page, wrong-total, wrong-region: every eligible request.
    return true;
}

} // namespace msc::sim
