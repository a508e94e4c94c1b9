#include "config/connectorconfig.h"

#include "mimecast/baseurl.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(ConnectorConfig)
    };

    QString key(const QString &id, const char *name)
    {
        return u"connectors/%1/%2"_s.arg(id, QLatin1StringView(name));
    }

} // namespace

const QList<ConnectorInfo> &ConnectorInfo::all()
{
    static const QList<ConnectorInfo> connectors = {
        {u"seg"_s, Tr::tr("Secure Email Gateway"), {u"seg.cg"_s, u"seg.dlp"_s}, 30, 5, 1440, true},
        {u"ttp"_s, Tr::tr("Targeted Threat Protection"),
            {u"ttp.url"_s, u"ttp.attachment"_s, u"ttp.impersonation"_s}, 60, 5, 1440, true},
        {u"audit"_s, Tr::tr("Audit"), {u"audit.audit"_s}, 60, 5, 1440, true},
        {u"cloud-integrated"_s, Tr::tr("Cloud Integrated"), {u"cloud-integrated.ci"_s}, 30, 5, 1440,
            true},
        {u"awareness"_s, Tr::tr("Awareness Training"),
            {u"awareness.performance"_s, u"awareness.safescore"_s, u"awareness.watchlist"_s,
                u"awareness.userdata"_s},
            720, 60, 10080, false},
    };
    return connectors;
}

const ConnectorInfo *ConnectorInfo::byId(const QString &id)
{
    for (const ConnectorInfo &info : all()) {
        if (info.id == id)
            return &info;
    }
    return nullptr;
}

QStringList ConnectorConfig::enabledStreams() const
{
    QStringList streams;
    if (const ConnectorInfo *info = ConnectorInfo::byId(id)) {
        for (const QString &stream : info->streams) {
            if (!disabledStreams.contains(stream))
                streams.append(stream);
        }
    }
    return streams;
}

ConnectorConfig ConnectorConfig::load(QSettings &settings, const QString &id)
{
    ConnectorConfig config;
    config.id = id;
    const ConnectorInfo *info = ConnectorInfo::byId(id);
    config.intervalMinutes = info ? info->defaultIntervalMinutes : 30;
    config.configured = settings.contains(key(id, "clientId"));
    if (!config.configured)
        return config;
    config.enabled = settings.value(key(id, "enabled"), true).toBool();
    config.baseUrl = QUrl(settings.value(key(id, "baseUrl"), config.baseUrl.toString()).toString());
    config.clientId = settings.value(key(id, "clientId")).toString();
    config.startDate =
        QDate::fromString(settings.value(key(id, "startDate")).toString(), u"yyyy-MM-dd"_s);
    config.intervalMinutes =
        settings.value(key(id, "intervalMinutes"), config.intervalMinutes).toInt();
    config.disabledStreams = settings.value(key(id, "disabledStreams")).toStringList();
    return config;
}

void ConnectorConfig::save(QSettings &settings) const
{
    settings.setValue(key(id, "enabled"), enabled);
    settings.setValue(key(id, "baseUrl"), baseUrl.toString());
    settings.setValue(key(id, "clientId"), clientId);
    settings.setValue(key(id, "startDate"),
        startDate.isValid() ? startDate.toString(u"yyyy-MM-dd"_s) : QString());
    settings.setValue(key(id, "intervalMinutes"), intervalMinutes);
    settings.setValue(key(id, "disabledStreams"), disabledStreams);
}

void ConnectorConfig::remove(QSettings &settings, const QString &id)
{
    settings.remove(u"connectors/%1"_s.arg(id));
}

QStringList ConnectorConfig::validate() const
{
    QStringList problems;
    const ConnectorInfo *info = ConnectorInfo::byId(id);
    if (!info) {
        problems.append(
            Tr::tr("Unknown connector \"%1\"; use seg, ttp, audit, cloud-integrated or awareness.")
                .arg(id));
        return problems;
    }
    QString urlProblem;
    if (!BaseUrl::validate(baseUrl.toString(), &urlProblem))
        problems.append(Tr::tr("Base URL: %1").arg(urlProblem));
    static const QRegularExpression whitespace(u"\\s"_s);
    if (clientId.isEmpty())
        problems.append(
            Tr::tr("Client ID: required; copy it from Integrations → Mimecast API 2.0."));
    else if (clientId.contains(whitespace) || clientId.size() > 256)
        problems.append(Tr::tr("Client ID: no spaces and at most 256 characters."));
    if (startDate.isValid() && startDate > QDate::currentDate())
        problems.append(
            Tr::tr("Start date: %1 is in the future; use a past date or leave it empty.")
                .arg(startDate.toString(u"yyyy-MM-dd"_s)));
    if (intervalMinutes < info->minIntervalMinutes || intervalMinutes > info->maxIntervalMinutes)
        problems.append(Tr::tr("Interval: %1 minutes is outside %2–%3 minutes.")
                            .arg(intervalMinutes)
                            .arg(info->minIntervalMinutes)
                            .arg(info->maxIntervalMinutes));
    if (enabled && enabledStreams().isEmpty())
        problems.append(Tr::tr("Streams: enable at least one stream, or disable the connector."));
    return problems;
}

} // namespace msc
