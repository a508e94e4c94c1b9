#include "config/schedules.h"

#include "config/connectorconfig.h"
#include "util/activitylog.h"

#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    ConnectorConfig withSchedule(QSettings &settings, const ConnectorSchedule &schedule)
    {
        ConnectorConfig config = ConnectorConfig::load(settings, schedule.id);
        config.enabled = schedule.enabled;
        config.intervalMinutes = schedule.intervalMinutes;
        return config;
    }

} // namespace

QList<ConnectorSchedule> Schedules::load(const QString &settingsPath)
{
    QSettings settings(settingsPath, QSettings::IniFormat);
    QList<ConnectorSchedule> schedules;
    for (const ConnectorInfo &info : ConnectorInfo::all()) {
        const ConnectorConfig config = ConnectorConfig::load(settings, info.id);
        schedules.append({info.id, info.title, config.configured, config.enabled,
            config.intervalMinutes, info.minIntervalMinutes, info.maxIntervalMinutes});
    }
    return schedules;
}

QHash<QString, QString> Schedules::validate(
    const QString &settingsPath, const QList<ConnectorSchedule> &schedules)
{
    QSettings settings(settingsPath, QSettings::IniFormat);
    QHash<QString, QString> problems;
    for (const ConnectorSchedule &schedule : schedules) {
        if (!schedule.configured)
            continue;
        const QStringList found = withSchedule(settings, schedule).validate();
        if (!found.isEmpty())
            problems.insert(schedule.id, found.join(u'\n'));
    }
    return problems;
}

bool Schedules::save(const QString &settingsPath, const QList<ConnectorSchedule> &schedules,
    QHash<QString, QString> *problems, QString *error)
{
    const QHash<QString, QString> found = validate(settingsPath, schedules);
    if (problems)
        *problems = found;
    if (!found.isEmpty())
        return false;

    QSettings settings(settingsPath, QSettings::IniFormat);
    QStringList changes;
    for (const ConnectorSchedule &schedule : schedules) {
        if (!schedule.configured)
            continue;
        const ConnectorConfig before = ConnectorConfig::load(settings, schedule.id);
        if (before.intervalMinutes == schedule.intervalMinutes
            && before.enabled == schedule.enabled)
            continue;
        withSchedule(settings, schedule).save(settings);
        changes.append(u"%1: %2 min%3 → %4 min%5"_s.arg(schedule.id)
                           .arg(before.intervalMinutes)
                           .arg(before.enabled ? QString() : u" (disabled)"_s)
                           .arg(schedule.intervalMinutes)
                           .arg(schedule.enabled ? QString() : u" (disabled)"_s));
    }
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        if (error)
            *error = tr("The settings file %1 could not be written. Check free space and that "
                        "you own the profile folder.")
                         .arg(settingsPath);
        return false;
    }
    ActivityLog::forSettings(settingsPath)
        .append(
            u"Change all schedules"_s, changes.isEmpty() ? u"no change"_s : changes.join(u"; "_s));
    return true;
}

QDateTime Schedules::nextRun(
    const ConnectorSchedule &schedule, const QDateTime &lastRun, const QDateTime &now)
{
    if (!schedule.configured || !schedule.enabled)
        return {};
    if (!lastRun.isValid())
        return now;
    return std::max(lastRun.addSecs(qint64(schedule.intervalMinutes) * 60), now);
}

} // namespace msc
