#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace msc::sim {

/// One active fault switch (mimecast-api.md §10.6): a name, its parameters and how often it
/// has fired.
struct Fault
{
    QString name;
    QVariantMap parameters;
    int fired = 0;
    QSet<QString> firedKeys; ///< For "once per path/stream/type" selectors.

    QString text(const QString &key, const QString &fallback = {}) const;
    qint64 number(const QString &key, qint64 fallback) const;
    bool has(const QString &key) const { return parameters.contains(key); }
};

/// What a request looks like to the fault selectors.
struct FaultContext
{
    QString path; ///< e.g. /api/ttp/url/get-logs or /siem/v1/batch/events/cg or /_files/...
    QString stream; ///< Stream id, when known.
    QString type; ///< CG/CI type, when known.
    qint64 requestOrdinal = 0; ///< Of API requests (all paths).
    qint64 pathOrdinal = 0; ///< Of requests to this path, 1-based.
    qint64 fileOrdinal = 0; ///< For file downloads: 1-based index of the file in its type.
    int downloadCount = 0; ///< For file downloads: how many times this file was requested, 1-based.
};

/// The active faults, their default selectors and firing counts. Thread-safe.
class FaultSet
{
public:
    /// Parses `429:every=5:resetMs=2000,truncated-gzip` or a JSON array of strings/objects.
    static QList<Fault> parseList(const QString &commandLine, QString *error);
    static QList<Fault> parseJson(const QJsonArray &array, QString *error);

    void replace(QList<Fault> faults);
    QJsonObject toJson() const;

    /// Returns the fault named \a name if it fires for \a context (and counts the firing).
    std::optional<Fault> fire(const QString &name, const FaultContext &context, quint64 seed);
    bool isActive(const QString &name) const;

private:
    // Not const: "once per key" selectors remember where they fired.
    bool selects(Fault &fault, const FaultContext &context, quint64 seed);

    mutable QMutex m_mutex;
    QList<Fault> m_faults;
};

} // namespace msc::sim
