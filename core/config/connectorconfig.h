#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

class QSettings;

namespace msc {

/// One of the five connectors (connectors.md §1), with its fixed facts.
struct ConnectorInfo
{
    QString id; ///< `seg`, `ttp`, `audit`, `cloud-integrated`, `awareness`
    QString title;
    QStringList streams; ///< Stream ids, e.g. `seg.cg`.
    int defaultIntervalMinutes = 30;
    int minIntervalMinutes = 5;
    int maxIntervalMinutes = 1440;
    bool usesStartDate = true;

    static const QList<ConnectorInfo> &all();
    static const ConnectorInfo *byId(const QString &id);
};

/// The admin's configuration of one connector (connectors.md §4.1), kept in the profile's
/// settings file. Never holds the client secret: that lives in the keychain only.
struct ConnectorConfig
{
    QString id;
    bool configured = false; ///< Saved at least once.
    bool enabled = false;
    QUrl baseUrl = QUrl(QStringLiteral("https://api.services.mimecast.com"));
    QString clientId;
    QDate startDate; ///< Invalid: the stream defaults.
    int intervalMinutes = 30;
    QStringList disabledStreams;

    QStringList enabledStreams() const;

    /// Loads connector \a id from the profile settings (defaults if it was never saved).
    static ConnectorConfig load(QSettings &settings, const QString &id);
    void save(QSettings &settings) const;
    static void remove(QSettings &settings, const QString &id);

    /// The problems that prevent saving, each naming the field and the fix; empty if valid.
    QStringList validate() const;
};

} // namespace msc
