#include "mimecast/connectioncheck.h"

#include "mimecast/apiapplication.h"
#include "mimecast/pager.h"

#include <QCoreApplication>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Probe
    {
        QLatin1StringView stream;
        QLatin1StringView path; ///< `/api/...`, or the SIEM feed (`cg`, `ci`).
        QLatin1StringView recordsKey;
        enum Style { Window, AuditWindow, List, CampaignList, Siem } style;
        QLatin1StringView siemType; ///< One type of the feed, for the listing.
    };

    constexpr Probe kProbes[] = {
        {"seg.cg"_L1, "cg"_L1, ""_L1, Probe::Siem, "receipt"_L1},
        {"seg.dlp"_L1, "/api/dlp/get-logs"_L1, "dlpLogs"_L1, Probe::Window, ""_L1},
        {"ttp.url"_L1, "/api/ttp/url/get-logs"_L1, "clickLogs"_L1, Probe::Window, ""_L1},
        {"ttp.attachment"_L1, "/api/ttp/attachment/get-logs"_L1, "attachmentLogs"_L1, Probe::Window,
            ""_L1},
        {"ttp.impersonation"_L1, "/api/ttp/impersonation/get-logs"_L1, "impersonationLogs"_L1,
            Probe::Window, ""_L1},
        {"audit.audit"_L1, "/api/audit/get-audit-events"_L1, ""_L1, Probe::AuditWindow, ""_L1},
        {"cloud-integrated.ci"_L1, "ci"_L1, ""_L1, Probe::Siem, "entities"_L1},
        {"awareness.performance"_L1, "/api/awareness-training/company/get-performance-details"_L1,
            ""_L1, Probe::List, ""_L1},
        {"awareness.safescore"_L1, "/api/awareness-training/company/get-safe-score-details"_L1,
            ""_L1, Probe::List, ""_L1},
        {"awareness.watchlist"_L1, "/api/awareness-training/company/get-watchlist-details"_L1,
            ""_L1, Probe::List, ""_L1},
        {"awareness.userdata"_L1, "/api/awareness-training/phishing/campaign/get-campaign"_L1,
            ""_L1, Probe::CampaignList, ""_L1},
    };

    const Probe *probeFor(const QString &stream)
    {
        for (const Probe &probe : kProbes) {
            if (stream == probe.stream)
                return &probe;
        }
        return nullptr;
    }

    /// A filter time in the form the endpoint takes (mimecast-api.md §8, T1 / T1z).
    QString stamp(const QDateTime &time, QStringView zone)
    {
        return time.toString(u"yyyy-MM-ddTHH:mm:ss"_s) + zone.toString();
    }

    ApiError probeStream(MimecastClient &client, const Probe &probe, const QDateTime &now)
    {
        ApiError error;
        const QDateTime to =
            QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), QTimeZone::utc());
        const QDateTime from = to.addSecs(-3600);
        switch (probe.style) {
        case Probe::Window:
        case Probe::AuditWindow: {
            QJsonObject filter;
            if (probe.style == Probe::AuditWindow) {
                filter.insert(u"startDateTime"_s, stamp(from, u"+0000"));
                filter.insert(u"endDateTime"_s, stamp(to, u"+0000"));
            } else {
                filter.insert(u"from"_s, stamp(from, u"Z"));
                filter.insert(u"to"_s, stamp(to, u"Z"));
                filter.insert(u"oldestFirst"_s, true);
            }
            ApiPager pager(client, QString(probe.path), filter, QString(probe.recordsKey), 1);
            pager.next(&error);
            break;
        }
        case Probe::List: {
            // Performance details are read with user details, as the stream reads them.
            QJsonObject filter;
            if (probe.stream == "awareness.performance"_L1)
                filter.insert(u"includeUserDetails"_s, true);
            ApiPager pager(client, QString(probe.path), filter, QString(), 1);
            pager.next(&error);
            break;
        }
        case Probe::CampaignList:
            // The campaign list has no paging: the one cheap call there is.
            client.postApi(QString(probe.path), QJsonObject(), false, &error);
            break;
        case Probe::Siem: {
            SiemPager pager(client, QString(probe.path), QString(probe.siemType), 1, to.date());
            pager.next(&error);
            break;
        }
        }
        return error;
    }

} // namespace

ConnectionCheck checkConnection(const MimecastClient::Credentials &credentials,
    const ClientSettings &settings, const QStringList &streams, const QDateTime &now,
    const CancellationToken *cancel)
{
    ConnectionCheck check;
    {
        MimecastClient client(credentials, settings, QString());
        client.setCancellation(cancel);
        // A token cached for this base URL and client id would prove nothing about the
        // secret being tested: drop it and fetch a new one.
        const int fetchesBefore = client.application()->tokenFetches();
        std::optional<QString> token = client.accessToken(&check.tokenError);
        if (token && client.application()->tokenFetches() == fetchesBefore) {
            client.application()->invalidateToken(*token);
            token = client.accessToken(&check.tokenError);
        }
        if (!token)
            return check;
    }
    for (const QString &stream : streams) {
        StreamCheck result;
        result.stream = stream;
        if (const Probe *probe = probeFor(stream)) {
            MimecastClient client(credentials, settings, stream);
            client.setCancellation(cancel);
            result.error = probeStream(client, *probe, now);
        } else {
            result.error.kind = ApiError::Kind::BadConfiguration;
            result.error.message =
                QCoreApplication::translate("ConnectionCheck", "Unknown stream %1.").arg(stream);
        }
        check.streams.append(result);
    }
    return check;
}

} // namespace msc
