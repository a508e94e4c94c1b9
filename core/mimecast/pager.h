#pragma once

#include "mimecast/apierror.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace msc {

class MimecastClient;

/// One SIEM batch file link of a listing (mimecast-api.md §5.1).
struct BatchFileLink
{
    QUrl url; ///< Pre-signed: never logged with its query.
    QString fileKey; ///< Scheme + host + path: the file's identity across listings (§5.3).
    QString expiry; ///< As received.
    qint64 size = 0;
};

/// One page, whichever API style produced it.
struct Page
{
    QList<QJsonObject> records; ///< /api pages.
    QList<BatchFileLink> files; ///< SIEM listings.
    QString usedToken; ///< The token this page was requested with (empty for the first page).
    QString nextToken; ///< The position after this page; for SIEM kept even when caught up.
    bool hasMore = false; ///< Another page may follow in this read.
    bool caughtUp = false; ///< SIEM: nothing newer right now.
};

/// Reads pages one after the other without the caller knowing the API style. A stream
/// stores nextToken with the rows of each page (in one transaction) and resumes from it.
class Pager
{
public:
    virtual ~Pager();
    /// The next page, or std::nullopt with \a error set. After a page with hasMore false the
    /// read is complete.
    virtual std::optional<Page> next(ApiError *error) = 0;
    /// Continue from a stored token (empty: from the start of the read).
    virtual void resumeFrom(const QString &token) = 0;
};

/// `POST /api/...` envelope paging (§3.1): the identical filter is resent with each token;
/// paging ends when `next` is absent or the page is empty (even with a placeholder `next`).
class ApiPager final : public Pager
{
public:
    /// \a recordsKey: the member of data[0] that holds the records (`clickLogs`), or empty
    /// when data[] itself is the record list. \a filter is sent as data[0] unless empty.
    ApiPager(
        MimecastClient &client, QString path, QJsonObject filter, QString recordsKey, int pageSize);

    std::optional<Page> next(ApiError *error) override;
    void resumeFrom(const QString &token) override { m_token = token; }

private:
    MimecastClient &m_client;
    QString m_path;
    QJsonObject m_filter;
    QString m_recordsKey;
    int m_pageSize;
    QString m_token;
};

/// `GET /siem/v1/batch/events/{cg|ci}` listing of one type (§5.1–5.2): `dateRangeStartsAt`
/// only on the first call of a type (no token), then `nextPage`.
class SiemPager final : public Pager
{
public:
    SiemPager(MimecastClient &client, QString feed, QString type, int pageSize,
        std::optional<QDate> startDay);

    std::optional<Page> next(ApiError *error) override;
    void resumeFrom(const QString &token) override { m_token = token; }

private:
    MimecastClient &m_client;
    QString m_feed;
    QString m_type;
    int m_pageSize;
    std::optional<QDate> m_startDay;
    QString m_token;
};

} // namespace msc
