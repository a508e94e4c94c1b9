#include "mimecast/pager.h"

#include "mimecast/mimecastclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(Pager)
    };

} // namespace

Pager::~Pager() = default;

ApiPager::ApiPager(
    MimecastClient &client, QString path, QJsonObject filter, QString recordsKey, int pageSize)
    : m_client(client)
    , m_path(std::move(path))
    , m_filter(std::move(filter))
    , m_recordsKey(std::move(recordsKey))
    , m_pageSize(pageSize)
{
}

std::optional<Page> ApiPager::next(ApiError *error)
{
    QJsonObject pagination {{u"pageSize"_s, m_pageSize}};
    if (!m_token.isEmpty())
        pagination.insert(u"pageToken"_s, m_token);
    QJsonObject body {{u"meta"_s, QJsonObject {{u"pagination"_s, pagination}}}};
    if (!m_filter.isEmpty())
        body.insert(u"data"_s, QJsonArray {m_filter});

    std::optional<QJsonObject> response = m_client.postApi(m_path, body, !m_token.isEmpty(), error);
    if (!response)
        return std::nullopt;

    const QJsonValue data = response->value("data"_L1);
    QJsonArray records;
    if (m_recordsKey.isEmpty()) {
        records = data.toArray();
    } else {
        const QJsonValue holder = data.toArray().first().toObject().value(m_recordsKey);
        if (!data.isArray() || (!holder.isArray() && !holder.isUndefined() && !holder.isNull())) {
            error->kind = ApiError::Kind::BadData;
            error->httpStatus = 200;
            error->message = Tr::tr("The response of %1 has no %2 list where the records belong.")
                                 .arg(m_path, m_recordsKey);
            return std::nullopt;
        }
        records = holder.toArray();
    }
    Page page;
    page.usedToken = m_token;
    page.records.reserve(records.size());
    for (const QJsonValue &record : std::as_const(records)) {
        // Non-object entries are kept as empty objects' absence: the caller quarantines what
        // it cannot map, so pass everything through as it came.
        page.records.append(record.toObject());
    }
    page.nextToken = response->value("meta"_L1)
                         .toObject()
                         .value("pagination"_L1)
                         .toObject()
                         .value("next"_L1)
                         .toString();
    // A last page can be empty and still carry a placeholder `next` (§3.1).
    page.hasMore = !page.nextToken.isEmpty() && !records.isEmpty();
    if (page.hasMore)
        m_token = page.nextToken;
    return page;
}

SiemPager::SiemPager(
    MimecastClient &client, QString feed, QString type, int pageSize, std::optional<QDate> startDay)
    : m_client(client)
    , m_feed(std::move(feed))
    , m_type(std::move(type))
    , m_pageSize(pageSize)
    , m_startDay(startDay)
{
}

std::optional<Page> SiemPager::next(ApiError *error)
{
    QUrlQuery query;
    query.addQueryItem(u"type"_s, QString::fromLatin1(QUrl::toPercentEncoding(m_type)));
    query.addQueryItem(u"pageSize"_s, QString::number(m_pageSize));
    if (!m_token.isEmpty())
        query.addQueryItem(u"nextPage"_s, QString::fromLatin1(QUrl::toPercentEncoding(m_token)));
    else if (m_startDay)
        query.addQueryItem(u"dateRangeStartsAt"_s, m_startDay->toString(u"yyyy-MM-dd"_s));

    std::optional<QJsonObject> response =
        m_client.getSiem(u"/siem/v1/batch/events/"_s + m_feed, query, !m_token.isEmpty(), error);
    if (!response)
        return std::nullopt;

    Page page;
    page.usedToken = m_token;
    for (const QJsonValue &value : response->value("value"_L1).toArray()) {
        const QJsonObject object = value.toObject();
        BatchFileLink link;
        link.url = QUrl(object.value("url"_L1).toString(), QUrl::StrictMode);
        if (!link.url.isValid()) {
            error->kind = ApiError::Kind::BadData;
            error->httpStatus = 200;
            error->message = Tr::tr("The %1 listing of %2 holds a file link that is not a URL.")
                                 .arg(m_feed, m_type);
            return std::nullopt;
        }
        link.fileKey =
            link.url.toString(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
        link.expiry = object.value("expiry"_L1).toString();
        link.size = qint64(object.value("size"_L1).toDouble());
        page.files.append(link);
    }
    // A listing without @nextPage is "no progress": the token stays as it was (§7.3).
    page.nextToken = response->value("@nextPage"_L1).toString();
    if (page.nextToken.isEmpty())
        page.nextToken = m_token;
    page.caughtUp = response->value("isCaughtUp"_L1).toBool();
    page.hasMore = !page.caughtUp && !page.files.isEmpty();
    m_token = page.nextToken;
    return page;
}

} // namespace msc
