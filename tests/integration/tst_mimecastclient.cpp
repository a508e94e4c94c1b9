// The Mimecast client against the in-process simulator: every endpoint, every fault, token
// expiry and single-flight refresh, rate-limit waits, typed errors with their messages, and
// no secret or bearer token in any log line.
#include "dataset.h"
#include "mimecast/apiapplication.h"
#include "mimecast/baseurl.h"
#include "mimecast/batchfilereader.h"
#include "mimecast/mimecastclient.h"
#include "mimecast/pager.h"
#include "mimecastsimulator.h"
#include "testworker.h"
#include "util/redaction.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QUrlQuery>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

const QString kSecret = u"s3cret+with/form=chars"_s;

// Every log line of the test run, to prove that no secret or token reaches a log.
QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previous = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker locker(&g_logMutex);
        g_log.append(message);
    }
    if (g_previous)
        g_previous(type, context, message);
}

struct Outcome
{
    std::optional<QJsonObject> body;
    ApiError error;
    qint64 elapsedMs = 0;
    QList<WaitInfo> waits;
};

} // namespace

class TestMimecastClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sim::MimecastSimulator> m_simulator;
    ClientSettings m_settings;

    MimecastClient::Credentials credentials(const QString &secret = kSecret) const
    {
        return {QUrl(m_simulator->baseUrl()), u"demo-client"_s, secret};
    }

    void startSimulator(sim::SimulatorConfig config = {})
    {
        config.clientSecret = kSecret;
        m_simulator = std::make_unique<sim::MimecastSimulator>(config);
        QString error;
        QVERIFY2(m_simulator->start(0, &error), qPrintable(error));
    }

    void setFaults(const QString &list)
    {
        QString problem;
        m_simulator->faults().replace(sim::FaultSet::parseList(list, &problem));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    Outcome post(const QString &path, const QJsonObject &body,
        const QString &stream = u"audit.audit"_s, const QString &secret = kSecret,
        bool pageToken = false)
    {
        const MimecastClient::Credentials creds = credentials(secret);
        const ClientSettings settings = m_settings;
        return test::onWorker([=] {
            MimecastClient client(creds, settings, stream);
            client.setJitterSource([] { return 0.5; });
            Outcome outcome;
            client.setWaitObserver(
                [&outcome](const WaitInfo &wait) { outcome.waits.append(wait); });
            QElapsedTimer timer;
            timer.start();
            outcome.body = client.postApi(path, body, pageToken, &outcome.error);
            outcome.elapsedMs = timer.elapsed();
            return outcome;
        });
    }

    static QString filterTime(const QDateTime &time, const QString &zone)
    {
        return time.toString(u"yyyy-MM-ddTHH:mm:ss"_s) + zone;
    }

    /// One "now" for the whole test run: a follow-up page must resend the identical filter.
    static QDateTime filterNow()
    {
        static const QDateTime now = QDateTime::currentDateTimeUtc();
        return now;
    }

    static QJsonObject windowBody(int pageSize = 500, const QString &pageToken = {})
    {
        const QDateTime now = filterNow();
        QJsonObject pagination {{u"pageSize"_s, pageSize}};
        if (!pageToken.isEmpty())
            pagination.insert(u"pageToken"_s, pageToken);
        QJsonObject filter;
        filter.insert(u"from"_s, filterTime(now.addDays(-8), u"Z"_s));
        filter.insert(u"to"_s, filterTime(now, u"Z"_s));
        filter.insert(u"oldestFirst"_s, true);
        QJsonObject body;
        body.insert(u"meta"_s, QJsonObject {{u"pagination"_s, pagination}});
        body.insert(u"data"_s, QJsonArray {filter});
        return body;
    }

    static QJsonObject auditBody(int pageSize = 500)
    {
        const QDateTime now = filterNow();
        QJsonObject filter;
        filter.insert(u"startDateTime"_s, filterTime(now.addDays(-8), u"+0000"_s));
        filter.insert(u"endDateTime"_s, filterTime(now, u"+0000"_s));
        QJsonObject body;
        body.insert(
            u"meta"_s, QJsonObject {{u"pagination"_s, QJsonObject {{u"pageSize"_s, pageSize}}}});
        body.insert(u"data"_s, QJsonArray {filter});
        return body;
    }

private Q_SLOTS:
    void initTestCase()
    {
        g_previous = qInstallMessageHandler(captureLog);
        Redaction::installMessageHandler(); // redaction first, then capture
        QLoggingCategory::setFilterRules(u"msc.*.debug=true"_s);
        m_settings.connectTimeoutMs = 2000;
        m_settings.idleTimeoutMs = 1500;
        m_settings.totalTimeoutMs = 10000;
        m_settings.backoffBaseMs = 20;
        m_settings.backoffCapMs = 200;
    }

    void init() { startSimulator(); }
    void cleanup() { m_simulator.reset(); }

    void everyApiEndpoint_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("stream");
        QTest::addColumn<QString>("recordsKey");
        QTest::newRow("audit") << u"/api/audit/get-audit-events"_s << u"audit.audit"_s << QString();
        QTest::newRow("ttp url") << u"/api/ttp/url/get-logs"_s << u"ttp.url"_s << u"clickLogs"_s;
        QTest::newRow("ttp attachment")
            << u"/api/ttp/attachment/get-logs"_s << u"ttp.attachment"_s << u"attachmentLogs"_s;
        QTest::newRow("ttp impersonation") << u"/api/ttp/impersonation/get-logs"_s
                                           << u"ttp.impersonation"_s << u"impersonationLogs"_s;
        QTest::newRow("dlp") << u"/api/dlp/get-logs"_s << u"seg.dlp"_s << u"dlpLogs"_s;
        QTest::newRow("performance") << u"/api/awareness-training/company/get-performance-details"_s
                                     << u"awareness.performance"_s << QString();
        QTest::newRow("safescore") << u"/api/awareness-training/company/get-safe-score-details"_s
                                   << u"awareness.safescore"_s << QString();
        QTest::newRow("watchlist") << u"/api/awareness-training/company/get-watchlist-details"_s
                                   << u"awareness.watchlist"_s << QString();
        QTest::newRow("campaigns") << u"/api/awareness-training/phishing/campaign/get-campaign"_s
                                   << u"awareness.userdata"_s << QString();
    }

    void everyApiEndpoint()
    {
        QFETCH(QString, path);
        QFETCH(QString, stream);
        QFETCH(QString, recordsKey);
        const QJsonObject body = stream == "audit.audit"_L1      ? auditBody()
            : path.contains("ttp"_L1) || path.contains("dlp"_L1) ? windowBody()
                                                                 : QJsonObject {};
        const Outcome outcome = post(path, body, stream);
        QVERIFY2(outcome.body, qPrintable(outcome.error.message));
        QCOMPARE(outcome.body->value("fail"_L1).toArray().size(), 0);
        const QJsonArray data = outcome.body->value("data"_L1).toArray();
        const QJsonArray records =
            recordsKey.isEmpty() ? data : data.first().toObject().value(recordsKey).toArray();
        QVERIFY2(records.size() > 0, qPrintable(path));
    }

    void userDataOfACampaign()
    {
        const Outcome campaigns = post(u"/api/awareness-training/phishing/campaign/get-campaign"_s,
            {}, u"awareness.userdata"_s);
        QVERIFY(campaigns.body);
        const QString id =
            campaigns.body->value("data"_L1).toArray().first().toObject().value("id"_L1).toString();
        QVERIFY(!id.isEmpty());
        const Outcome users = post(u"/api/awareness-training/phishing/campaign/get-user-data"_s,
            {{u"data"_s, QJsonArray {QJsonObject {{u"id"_s, id}}}}}, u"awareness.userdata"_s);
        QVERIFY2(users.body, qPrintable(users.error.message));
        QVERIFY(users.body->value("data"_L1)
                    .toArray()
                    .first()
                    .toObject()
                    .value("items"_L1)
                    .toArray()
                    .size()
            > 0);
    }

    void pagingFollowsNextUntilTheEnd()
    {
        const QString path = u"/api/ttp/url/get-logs"_s;
        const Outcome all = post(path, windowBody(500), u"ttp.url"_s);
        QVERIFY(all.body);
        const qsizetype total = all.body->value("data"_L1)
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value("clickLogs"_L1)
                                    .toArray()
                                    .size();
        qsizetype seen = 0;
        QString token;
        int pages = 0;
        do {
            const Outcome page =
                post(path, windowBody(7, token), u"ttp.url"_s, kSecret, !token.isEmpty());
            QVERIFY2(page.body, qPrintable(page.error.message));
            seen += page.body->value("data"_L1)
                        .toArray()
                        .first()
                        .toObject()
                        .value("clickLogs"_L1)
                        .toArray()
                        .size();
            token = page.body->value("meta"_L1)
                        .toObject()
                        .value("pagination"_L1)
                        .toObject()
                        .value("next"_L1)
                        .toString();
            ++pages;
        } while (!token.isEmpty() && pages < 1000);
        QCOMPARE(seen, total);
        QVERIFY(pages > 1);
    }

    void wrongSecretIsBadCredentials()
    {
        const Outcome outcome = post(
            u"/api/audit/get-audit-events"_s, auditBody(), u"audit.audit"_s, u"wrong-secret"_s);
        QCOMPARE(outcome.error.kind, ApiError::Kind::BadCredentials);
        QCOMPARE(outcome.error.httpStatus, 401);
        QVERIFY2(
            outcome.error.message.contains(u"rejected the client id or secret for demo-client"_s),
            qPrintable(outcome.error.message));
    }

    void transientFaultsAreRetried_data()
    {
        QTest::addColumn<QString>("faults");
        QTest::addColumn<QString>("waitReason");
        for (const char *status : {"500", "502", "503", "504"})
            QTest::newRow(status) << u"%1:nth=2"_s.arg(QLatin1StringView(status))
                                  << u"HTTP %1"_s.arg(QLatin1StringView(status));
        QTest::newRow("fail-200 retryable") << u"fail-200:nth=2"_s << u"retryable failure"_s;
        QTest::newRow("bad-json") << u"bad-json:path=/api/"_s << u"not JSON"_s;
        QTest::newRow("timeout") << u"timeout:nth=2"_s << u"timeout"_s;
        QTest::newRow("reset") << u"reset:nth=2"_s << u"connection error"_s;
        QTest::newRow("token-5xx") << u"token-5xx"_s << u"HTTP 503"_s;
    }

    void transientFaultsAreRetried()
    {
        QFETCH(QString, faults);
        QFETCH(QString, waitReason);
        setFaults(faults);
        const Outcome outcome =
            post(u"/api/audit/get-audit-events"_s, auditBody(), u"audit.audit"_s);
        QVERIFY2(outcome.body, qPrintable(outcome.error.message));
        QVERIFY(!outcome.waits.isEmpty());
        QVERIFY2(outcome.waits.first().reason.contains(waitReason),
            qPrintable(outcome.waits.first().reason));
        QVERIFY(m_simulator->faults()
                    .toJson()
                    .value("faults"_L1)
                    .toArray()
                    .first()
                    .toObject()
                    .value("fired"_L1)
                    .toInt()
            >= 1);
    }

    void rateLimitWaitsAtLeastTheReset()
    {
        setFaults(u"429:nth=2:resetMs=1200"_s);
        const Outcome outcome =
            post(u"/api/audit/get-audit-events"_s, auditBody(), u"audit.audit"_s);
        QVERIFY2(outcome.body, qPrintable(outcome.error.message));
        QCOMPARE(outcome.waits.size(), 1);
        QCOMPARE(outcome.waits.first().reason, u"rate limited"_s);
        // hint + jitter (pinned at 0.5 s).
        QCOMPARE(outcome.waits.first().durationMs, 1700);
        QVERIFY2(outcome.elapsedMs >= 1200, qPrintable(QString::number(outcome.elapsedMs)));
    }

    void retryAfterIsHonouredWhenLarger()
    {
        setFaults(u"429:nth=2:resetMs=100:retryAfter=2"_s);
        const Outcome outcome =
            post(u"/api/audit/get-audit-events"_s, auditBody(), u"audit.audit"_s);
        QVERIFY(outcome.body);
        QCOMPARE(outcome.waits.first().durationMs, 2500);
        QVERIFY(outcome.elapsedMs >= 2000);
    }

    void giveUpAfterMaxRetriesIsTransient()
    {
        setFaults(u"503:always=1:path=/api/"_s);
        const Outcome outcome =
            post(u"/api/audit/get-audit-events"_s, auditBody(), u"audit.audit"_s);
        QCOMPARE(outcome.error.kind, ApiError::Kind::Transient);
        QCOMPARE(outcome.waits.size(), m_settings.maxRetries);
        QVERIFY2(outcome.error.message.contains(u"after 8 attempts"_s),
            qPrintable(outcome.error.message));
        QVERIFY(outcome.error.message.contains(u"resumes from the saved position"_s));
    }

    void forbiddenIsMissingPermission()
    {
        setFaults(u"forbidden:path=/api/dlp/get-logs"_s);
        const Outcome outcome = post(u"/api/dlp/get-logs"_s, windowBody(), u"seg.dlp"_s);
        QCOMPARE(outcome.error.kind, ApiError::Kind::MissingPermission);
        QVERIFY2(outcome.error.message.contains(u"Monitoring → Data Leak Prevention → Read"_s),
            qPrintable(outcome.error.message));
        // Other streams go on.
        QVERIFY(post(u"/api/audit/get-audit-events"_s, auditBody(), u"audit.audit"_s).body);
    }

    void wrongRegionIsNoResponseHost()
    {
        setFaults(u"wrong-region"_s);
        const Outcome outcome =
            post(u"/api/audit/get-audit-events"_s, auditBody(), u"audit.audit"_s);
        QCOMPARE(outcome.error.kind, ApiError::Kind::BadConfiguration);
        QVERIFY2(outcome.error.message.contains(
                     u"No response from 127.0.0.1 — check the region or base URL"_s),
            qPrintable(outcome.error.message));
    }

    void rejectedPageTokenIsFlagged_data()
    {
        QTest::addColumn<QString>("faults");
        QTest::newRow("expired-token fault") << u"expired-token"_s;
        QTest::newRow("fail-200 not retryable") << u"fail-200:every=1:times=1:retryable=0"_s;
    }

    void rejectedPageTokenIsFlagged()
    {
        QFETCH(QString, faults);
        const Outcome first = post(u"/api/ttp/url/get-logs"_s, windowBody(5), u"ttp.url"_s);
        QVERIFY(first.body);
        const QString next = first.body->value("meta"_L1)
                                 .toObject()
                                 .value("pagination"_L1)
                                 .toObject()
                                 .value("next"_L1)
                                 .toString();
        QVERIFY(!next.isEmpty());
        setFaults(faults);
        const Outcome second =
            post(u"/api/ttp/url/get-logs"_s, windowBody(5, next), u"ttp.url"_s, kSecret, true);
        QCOMPARE(second.error.kind, ApiError::Kind::BadConfiguration);
        QVERIFY(second.error.pageTokenRejected);
    }

    void tokenBoundToItsFilter()
    {
        const Outcome first = post(u"/api/ttp/url/get-logs"_s, windowBody(5), u"ttp.url"_s);
        const QString next = first.body->value("meta"_L1)
                                 .toObject()
                                 .value("pagination"_L1)
                                 .toObject()
                                 .value("next"_L1)
                                 .toString();
        QJsonObject other = windowBody(5, next);
        QJsonArray data = other.value("data"_L1).toArray();
        QJsonObject filter = data.first().toObject();
        filter.insert(u"from"_s, u"2020-01-01T00:00:00Z"_s);
        data[0] = filter;
        other.insert(u"data"_s, data);
        const Outcome reused = post(u"/api/ttp/url/get-logs"_s, other, u"ttp.url"_s, kSecret, true);
        QCOMPARE(reused.error.httpStatus, 400);
        QVERIFY(reused.error.pageTokenRejected);
    }

    void tokenExpiryMidReadRefreshesOnce()
    {
        const QString path = u"/api/ttp/url/get-logs"_s;
        const MimecastClient::Credentials creds = credentials();
        const ClientSettings settings = m_settings;
        sim::MimecastSimulator *simulator = m_simulator.get();
        // Page 1, then the server's clock jumps past the token's lifetime, then the rest.
        const int tokenRequestsBefore =
            simulator->stats().value("mimecast"_L1).toObject().value("tokenRequests"_L1).toInt();
        QString next;
        const Outcome first = post(path, windowBody(5), u"ttp.url"_s);
        QVERIFY(first.body);
        next = first.body->value("meta"_L1)
                   .toObject()
                   .value("pagination"_L1)
                   .toObject()
                   .value("next"_L1)
                   .toString();
        simulator->clock().advance(3600);
        const Outcome second = post(path, windowBody(5, next), u"ttp.url"_s, kSecret, true);
        QVERIFY2(second.body, qPrintable(second.error.message));
        const int tokenRequestsAfter =
            simulator->stats().value("mimecast"_L1).toObject().value("tokenRequests"_L1).toInt();
        // One token for the first page (a fresh application), exactly one refresh after expiry.
        QCOMPARE(tokenRequestsAfter - tokenRequestsBefore, 2);
        Q_UNUSED(creds);
        Q_UNUSED(settings);
    }

    void token401RecoversWithOneRefresh()
    {
        setFaults(u"token-401:nth=2"_s);
        const Outcome outcome =
            post(u"/api/audit/get-audit-events"_s, auditBody(), u"audit.audit"_s);
        QVERIFY2(outcome.body, qPrintable(outcome.error.message));
        QCOMPARE(
            m_simulator->stats().value("mimecast"_L1).toObject().value("tokenRequests"_L1).toInt(),
            2);
    }

    void repeated401IsFatal()
    {
        setFaults(u"token-401:always=1"_s);
        const Outcome outcome =
            post(u"/api/audit/get-audit-events"_s, auditBody(), u"audit.audit"_s);
        QCOMPARE(outcome.error.kind, ApiError::Kind::BadCredentials);
        QVERIFY2(outcome.error.message.contains(
                     u"A fresh token was rejected by /api/audit/get-audit-events"_s),
            qPrintable(outcome.error.message));
    }

    void singleFlightTokenRefresh()
    {
        // Token answers are held back 300 ms so that parallel fetches would overlap.
        sim::SimulatorConfig config;
        config.tokenDelayMs = 300;
        startSimulator(config);
        const MimecastClient::Credentials creds = credentials();
        const ClientSettings settings = m_settings;
        QList<QFuture<bool>> futures;
        for (int i = 0; i < 8; ++i) {
            futures.append(QtConcurrent::run([creds, settings] {
                MimecastClient client(creds, settings, u"audit.audit"_s);
                ApiError error;
                return client.accessToken(&error).has_value();
            }));
        }
        for (QFuture<bool> &future : futures) {
            QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 20000);
            QVERIFY(future.result());
        }
        const QJsonObject stats = m_simulator->stats().value("mimecast"_L1).toObject();
        QCOMPARE(stats.value("tokenRequests"_L1).toInt(), 1);
        QCOMPARE(stats.value("peakConcurrentTokenRequests"_L1).toInt(), 1);
    }

    void siemListingAndDownload()
    {
        const MimecastClient::Credentials creds = credentials();
        const ClientSettings settings = m_settings;
        struct Result
        {
            int files = 0;
            qint64 lines = 0;
            bool caughtUp = false;
            QString error;
        };
        const Result result = test::onWorker([=] {
            Result out;
            MimecastClient client(creds, settings, u"seg.cg"_s);
            QUrlQuery query;
            query.addQueryItem(u"type"_s, u"receipt"_s);
            query.addQueryItem(u"pageSize"_s, u"3"_s);
            ApiError error;
            std::optional<QJsonObject> listing =
                client.getSiem(u"/siem/v1/batch/events/cg"_s, query, false, &error);
            if (!listing) {
                out.error = error.message;
                return out;
            }
            out.caughtUp = listing->value("isCaughtUp"_L1).toBool();
            for (const QJsonValue &value : listing->value("value"_L1).toArray()) {
                BatchFileReader reader;
                bool expired = false;
                const bool ok = client.download(
                    QUrl(value.toObject().value("url"_L1).toString()),
                    [&](const char *data, qsizetype size) {
                        return reader.feed(
                            data, size, [&](const BatchFileReader::Line &) { ++out.lines; });
                    },
                    &expired, &error);
                if (!ok || !reader.finish([&](const BatchFileReader::Line &) { ++out.lines; })) {
                    out.error = ok ? reader.errorString() : error.message;
                    return out;
                }
                ++out.files;
            }
            return out;
        });
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.files, 3);
        QVERIFY(result.lines > 0);
        // Ground truth of what went out: exactly the records of the three files.
        const QList<QByteArray> served =
            m_simulator->truthRecords(u"Seg_Cg_CL"_s, u"served"_s).split('\n');
        qsizetype servedRecords = 0;
        for (const QByteArray &line : served)
            servedRecords += line.isEmpty() ? 0 : 1;
        QVERIFY(servedRecords > 0);
        QVERIFY(servedRecords <= result.lines);
        QVERIFY(
            m_simulator->truthRecords(u"Seg_Cg_CL"_s, u"served"_s).contains("\"served_count\":1"));
        QCOMPARE(
            m_simulator->stats().value("mimecast"_L1).toObject().value("tokenLeaks"_L1).toInt(), 0);
    }

    void expiredLinksAndDamagedFiles_data()
    {
        QTest::addColumn<QString>("faults");
        QTest::addColumn<bool>("linkExpired");
        QTest::addColumn<QString>("readerError");
        QTest::newRow("expired-url") << u"expired-url:nth=1"_s << true << QString();
        QTest::newRow("file-gone") << u"file-gone:nth=1"_s << true << QString();
        QTest::newRow("truncated-gzip") << u"truncated-gzip:nth=1"_s << false << u"truncated"_s;
    }

    void expiredLinksAndDamagedFiles()
    {
        QFETCH(QString, faults);
        QFETCH(bool, linkExpired);
        QFETCH(QString, readerError);
        setFaults(faults);
        const MimecastClient::Credentials creds = credentials();
        const ClientSettings settings = m_settings;
        struct Result
        {
            bool ok = false;
            bool expired = false;
            QString readerError;
            ApiError error;
        };
        const Result result = test::onWorker([=] {
            Result out;
            MimecastClient client(creds, settings, u"seg.cg"_s);
            QUrlQuery query;
            query.addQueryItem(u"type"_s, u"delivery"_s);
            query.addQueryItem(u"pageSize"_s, u"1"_s);
            std::optional<QJsonObject> listing =
                client.getSiem(u"/siem/v1/batch/events/cg"_s, query, false, &out.error);
            if (!listing)
                return out;
            BatchFileReader reader;
            out.ok = client.download(
                QUrl(listing->value("value"_L1)
                         .toArray()
                         .first()
                         .toObject()
                         .value("url"_L1)
                         .toString()),
                [&](const char *data, qsizetype size) {
                    return reader.feed(data, size, [](const BatchFileReader::Line &) {});
                },
                &out.expired, &out.error);
            if (out.ok && !reader.finish([](const BatchFileReader::Line &) {}))
                out.readerError = reader.errorString();
            return out;
        });
        QCOMPARE(result.expired, linkExpired);
        if (linkExpired) {
            QVERIFY(!result.ok);
            QVERIFY2(!result.error.message.contains(u"sig="_s), qPrintable(result.error.message));
        }
        if (!readerError.isEmpty())
            QVERIFY2(result.readerError.contains(readerError), qPrintable(result.readerError));
    }

    void baseUrlOfTheWrongKindIsRefused()
    {
        QString error;
        QVERIFY(!BaseUrl::validate(u"http://api.services.mimecast.com"_s, &error));
        QVERIFY(error.contains(u"Plain http"_s));
        QVERIFY(!BaseUrl::validate(u"https://eu-api.mimecast.com"_s, &error));
        QVERIFY(error.contains(u"API 1.0 host"_s));
        QVERIFY(!BaseUrl::validate(u"https://api.services.mimecast.com/api"_s, &error));
        QVERIFY(error.contains(u"scheme and host only"_s));
        QCOMPARE(
            BaseUrl::validate(u"https://us-api.services.mimecast.com/"_s, &error).value_or(QUrl()),
            QUrl(u"https://us-api.services.mimecast.com"_s));
        QVERIFY(BaseUrl::validate(u"http://127.0.0.1:8080"_s, &error));
    }

    void apiPagerReadsEveryRecord_data()
    {
        QTest::addColumn<QString>("faults");
        QTest::addColumn<int>("extraRows"); // rows served twice by dup-rows
        QTest::newRow("clean") << QString() << 0;
        QTest::newRow("empty-last-page") << u"empty-last-page"_s << 0;
        QTest::newRow("wrong-total") << u"wrong-total"_s << 0;
        QTest::newRow("slow") << u"slow:every=3:delayMs=300"_s << 0;
        QTest::newRow("dup-rows") << u"dup-rows:k=2"_s << -1;
    }

    void apiPagerReadsEveryRecord()
    {
        QFETCH(QString, faults);
        QFETCH(int, extraRows);
        const QJsonObject filter = windowBody().value("data"_L1).toArray().first().toObject();
        const Outcome all = post(u"/api/ttp/url/get-logs"_s, windowBody(500), u"ttp.url"_s);
        const qsizetype total = all.body->value("data"_L1)
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value("clickLogs"_L1)
                                    .toArray()
                                    .size();
        QVERIFY(total > 20);
        if (!faults.isEmpty())
            setFaults(faults);
        const MimecastClient::Credentials creds = credentials();
        const ClientSettings settings = m_settings;
        struct Result
        {
            qsizetype records = 0;
            int pages = 0;
            QSet<QString> distinct;
            QString error;
        };
        const Result result = test::onWorker([=] {
            Result out;
            MimecastClient client(creds, settings, u"ttp.url"_s);
            ApiPager pager(client, u"/api/ttp/url/get-logs"_s, filter, u"clickLogs"_s, 10);
            for (;;) {
                ApiError error;
                std::optional<Page> page = pager.next(&error);
                if (!page) {
                    out.error = error.message;
                    break;
                }
                ++out.pages;
                out.records += page->records.size();
                for (const QJsonObject &record : page->records)
                    out.distinct.insert(
                        QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Compact)));
                if (!page->hasMore || out.pages > 1000)
                    break;
            }
            return out;
        });
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.distinct.size(), total);
        if (extraRows == 0)
            QCOMPARE(result.records, total);
        else
            QVERIFY(
                result.records > total); // repeated rows arrive; the cache's dedup key absorbs them
    }

    void siemPagerReachesCaughtUp()
    {
        const MimecastClient::Credentials creds = credentials();
        const ClientSettings settings = m_settings;
        const qsizetype expected =
            m_simulator->dataset().batchFiles(u"cg"_s, u"internal email protect"_s).size();
        QVERIFY(expected > 0);
        struct Result
        {
            qsizetype files = 0;
            QString lastToken;
            bool caughtUp = false;
            QString error;
        };
        const Result result = test::onWorker([=] {
            Result out;
            MimecastClient client(creds, settings, u"seg.cg"_s);
            SiemPager pager(
                client, u"cg"_s, u"internal email protect"_s, 25, QDate::currentDate().addDays(-7));
            for (int guard = 0; guard < 1000; ++guard) {
                ApiError error;
                std::optional<Page> page = pager.next(&error);
                if (!page) {
                    out.error = error.message;
                    break;
                }
                out.files += page->files.size();
                out.lastToken = page->nextToken;
                out.caughtUp = page->caughtUp;
                if (!page->hasMore)
                    break;
            }
            return out;
        });
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QVERIFY(result.caughtUp);
        QCOMPARE(result.files, expected);
        // The token is kept after catching up, and a later listing from it is empty.
        QVERIFY(!result.lastToken.isEmpty());
    }

    void badLinesAreReportedNotDropped()
    {
        setFaults(u"bad-lines:nth=1"_s);
        const MimecastClient::Credentials creds = credentials();
        const ClientSettings settings = m_settings;
        struct Result
        {
            int objects = 0;
            int bad = 0;
            QString error;
        };
        const Result result = test::onWorker([=] {
            Result out;
            MimecastClient client(creds, settings, u"seg.cg"_s);
            SiemPager pager(client, u"cg"_s, u"journal"_s, 1, std::nullopt);
            ApiError error;
            std::optional<Page> page = pager.next(&error);
            if (!page || page->files.isEmpty()) {
                out.error = error.message;
                return out;
            }
            BatchFileReader reader;
            auto classify = [&](const BatchFileReader::Line &line) {
                const ParsedLine parsed = parseNdjsonLine(line.bytes);
                if (parsed.kind == ParsedLine::Kind::Object)
                    ++out.objects;
                else if (parsed.kind == ParsedLine::Kind::Bad)
                    ++out.bad;
            };
            bool expired = false;
            if (!client.download(
                    page->files.first().url,
                    [&](const char *data, qsizetype size) {
                        return reader.feed(data, size, classify);
                    },
                    &expired, &error)
                || !reader.finish(classify))
                out.error = error.message + reader.errorString();
            return out;
        });
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QVERIFY(result.objects > 0);
        QVERIFY(result.bad > 0);
    }

    void tlsWithThePerRunCa()
    {
        sim::SimulatorConfig config;
        config.tls = true;
        startSimulator(config);
        QVERIFY(m_simulator->baseUrl().startsWith(u"https://127.0.0.1:"_s));
        QVERIFY(QFile::exists(m_simulator->caFile()));

        // One worker thread, so both calls share that thread's QNetworkAccessManager and its
        // connection cache (a connection made without the CA must not be reused with it).
        const int threads = QThreadPool::globalInstance()->maxThreadCount();
        QThreadPool::globalInstance()->setMaxThreadCount(1);
        const auto restore =
            qScopeGuard([threads] { QThreadPool::globalInstance()->setMaxThreadCount(threads); });

        // Verification is on: without the CA the server is refused...
        const Outcome refused =
            post(u"/api/audit/get-audit-events"_s, auditBody(), u"audit.audit"_s);
        QCOMPARE(refused.error.kind, ApiError::Kind::BadConfiguration);
        QVERIFY2(refused.error.message.contains(u"could not be verified"_s),
            qPrintable(refused.error.message));
        QVERIFY2(refused.error.message.contains(u"CA bundle"_s), qPrintable(refused.error.message));

        // ...and trusted with it as the extra CA bundle.
        const ClientSettings plain = m_settings;
        m_settings.caBundlePath = m_simulator->caFile();
        const Outcome trusted =
            post(u"/api/audit/get-audit-events"_s, auditBody(), u"audit.audit"_s);
        m_settings = plain;
        QVERIFY2(trusted.body, qPrintable(trusted.error.message));
    }

    void noSecretOrTokenInAnyLog()
    {
        QMutexLocker locker(&g_logMutex);
        QVERIFY(g_log.size() > 50); // the client logged every request
        static const QRegularExpression bearer(u"Bearer\\s+mc2_"_s);
        for (const QString &line : std::as_const(g_log)) {
            QVERIFY2(!line.contains(kSecret), qPrintable(line));
            QVERIFY2(!line.contains(QString::fromLatin1(QUrl::toPercentEncoding(kSecret))),
                qPrintable(line));
            QVERIFY2(!line.contains(bearer), qPrintable(line));
            QVERIFY2(!line.contains(u"sig="_s) || line.contains(u"[REDACTED]"_s), qPrintable(line));
        }
    }
};

QTEST_GUILESS_MAIN(TestMimecastClient)
#include "tst_mimecastclient.moc"
