#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace msc {

/// One row of "Change all schedules" (connectors.md §5): a connector's interval and whether
/// it is enabled, with the interval range its kind allows (§4.1).
struct ConnectorSchedule
{
    QString id;
    QString title;
    bool configured = false; ///< Unconfigured connectors are listed but never written.
    bool enabled = false;
    int intervalMinutes = 30;
    int minIntervalMinutes = 5;
    int maxIntervalMinutes = 1440;
};

/// Reads and writes the schedules of every connector of a profile at once. Plain values in,
/// plain values out: the dialog in ui and the sync controller share the settings file only.
class Schedules
{
    Q_DECLARE_TR_FUNCTIONS(Schedules)

public:
    /// Every connector, in ConnectorInfo::all() order, from the settings file \a settingsPath.
    static QList<ConnectorSchedule> load(const QString &settingsPath);

    /// Validates each configured connector as its configuration dialog would, with the new
    /// interval and enabled state (connectors.md §4.1). Returns connector id → the problems
    /// of that connector, one per line; empty when everything is valid.
    static QHash<QString, QString> validate(
        const QString &settingsPath, const QList<ConnectorSchedule> &schedules);

    /// Validates every schedule first and writes nothing if any is invalid (\a problems gets
    /// them per connector). Otherwise writes them all and syncs the settings file once: one
    /// settings transaction (QSettings replaces the file atomically). Records the change in
    /// the activity log. False with \a error if the file could not be written.
    static bool save(const QString &settingsPath, const QList<ConnectorSchedule> &schedules,
        QHash<QString, QString> *problems, QString *error);

    /// When the console's scheduler next runs a stream of \a schedule's connector (connectors.md
    /// §2.1): its last run (\a lastRun, invalid if never) plus the interval, or \a now when that
    /// has passed (an overdue stream runs at the next start or tick). Invalid when the
    /// connector is not configured or disabled. The jitter of up to 10 % is not included.
    static QDateTime nextRun(
        const ConnectorSchedule &schedule, const QDateTime &lastRun, const QDateTime &now);
};

} // namespace msc
