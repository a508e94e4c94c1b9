// The record mapper (connectors.md §2.6, §3): raw Mimecast records of every stream to cache
// rows, driven by the table definition. Checks the per-stream renames, value maps,
// flattening and type coercion, the bookkeeping fields, and that the STRICT cache tables
// accept every mapped row.
#include "ingest/dedupkey.h"
#include "ingest/recordmapper.h"
#include "jcsoracle.h"
#include "testcache.h"
#include "util/canonicaljson.h"
#include "util/eventtime.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

const SchemaDefinition &schema()
{
    static const SchemaDefinition definition = SchemaDefinition::builtIn();
    return definition;
}

const TableDef &tableFor(const QString &stream)
{
    const TableDef *table = schema().tableByStream(stream);
    if (!table)
        qFatal("no table for stream %s", qUtf8Printable(stream));
    return *table;
}

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad test record: %s", json.constData());
    return document.object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

const QString kSource =
    QString::fromLatin1("{\"connector\":\"test\",\"stream\":\"test\",\"run\":1,\"page\":1}");
const QString kSnapshot = u"2025-06-01T12:00:00.000Z"_s;

struct Mapped
{
    CacheRow row;
    MappingStats stats;
};

Mapped mapRecord(const QString &stream, const QByteArray &json, const QString &campaignId = {})
{
    const TableDef &table = tableFor(stream);
    Mapped mapped;
    mapped.row = RecordMapper(table, schema())
                     .map(parseObject(json), json, kSource, campaignId, kSnapshot, &mapped.stats);
    return mapped;
}

Mapped mapObject(const QString &stream, const QJsonObject &object)
{
    return mapRecord(stream, compact(object));
}

QVariant columnValue(const QString &stream, const CacheRow &row, const QString &column)
{
    const int index = tableFor(stream).columnIndex(column);
    if (index < 0)
        qFatal("no column %s", qUtf8Printable(column));
    return row.values.at(index);
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QVariant text(const QString &value)
{
    return QVariant(value);
}

QVariant real(double value)
{
    return QVariant(value);
}

QVariant flag(int value)
{
    return QVariant(qlonglong(value));
}

const QVariant kNull;

/// One realistic record per stream (mimecast-api.md §9); the first ones are the shared dedup
/// vectors (connectors.md §2.3), with the key they must produce.
struct Sample
{
    const char *name;
    QString stream;
    QByteArray json;
    QString campaignId;
    QString expectedKey; ///< Empty where there is no shared vector.
};

// Plain escaped literals, not raw strings: moc (Qt 6.4) misreads raw string literals whose
// text has an odd number of quotes or a "//", and then skips the test class.
const QByteArray kCgReceipt =
    "{\"_offset\":81234,\"_partition\":12,\"accountId\":\"CDEMO01\",\"aggregateId\":"
    "\"Q2xhc3NpY0FnZ3JlZ2F0ZQ_1748765000\",\"processingId\":\"Zm9vYmFyUHJvY2Vzc2luZ0lkMDAx_"
    "1748765000\",\"timestamp\":1748765003123,\"type\":\"receipt\",\"subtype\":\"Acc\",\"action\":"
    "\"Acc\",\"direction\":\"Inbound\",\"messageId\":\"<4f1c2a9e@mail.partner.example>\","
    "\"numberAttachments\":\"1\",\"receiptErrors\":null,\"recipients\":\"alice@corp.example\","
    "\"rejectionCode\":null,\"senderEnvelope\":\"billing@partner.example\",\"senderIp\":\"198.51."
    "100.23\",\"spamScore\":\"12\",\"subject\":\"Invoice 5521\",\"tlsVersion\":\"TLSv1.3\"}";

const QByteArray kCgDelivery =
    "{\"_offset\":81240,\"_partition\":12,\"accountId\":\"CDEMO01\",\"aggregateId\":"
    "\"Q2xhc3NpY0FnZ3JlZ2F0ZQ_1748765000\",\"processingId\":\"ZGVsaXZlcnlQcm9jZXNzaW5nMDAy_"
    "1748765000\",\"timestamp\":1748765004523,\"type\":\"delivery\",\"subtype\":\"true\","
    "\"delivered\":\"true\",\"Hostname\":\"mx-relay.corp.example\",\"deliveryAttempts\":\"1\","
    "\"deliveryErrors\":null,\"deliveryTime\":\"1633\",\"destinationIp\":\"203.0.113.40\","
    "\"direction\":\"Inbound\",\"emailSize\":\"31363\",\"messageId\":\"<4f1c2a9e@mail.partner."
    "example>\",\"numberAttachments\":\"1\",\"recipients\":\"alice@corp.example\","
    "\"rejectionCode\":null,\"rejectionInfo\":null,\"rejectionType\":null,\"route\":\"Office 365 "
    "Delivery Route\",\"senderEnvelope\":\"billing@partner.example\",\"subject\":\"Invoice "
    "5521\",\"tlsCipher\":\"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\",\"tlsUsed\":\"Yes\","
    "\"tlsVersion\":\"TLSv1.2\",\"totalSizeAttachments\":\"18233\"}";

const QByteArray kCgImpersonation =
    "{\"_offset\":81250,\"_partition\":12,\"accountId\":\"CDEMO01\",\"aggregateId\":"
    "\"SW1wZXJzb25hdGlvbkFnZw_1748765100\",\"processingId\":\"SW1wZXJzb25hdGlvblByb2M_1748765100\","
    "\"timestamp\":1748765101000,\"type\":\"impersonation "
    "protect\",\"subtype\":null,\"action\":\"Hold\",\"policyDefinition\":\"Default Impersonation "
    "Definition\",\"itemsDetected\":\"2\",\"internalUserName\":\"true\",\"customNameMatch\":"
    "\"false\",\"customThreatDictionary\":\"false\",\"mimecastThreatDictionary\":\"false\","
    "\"newDomain\":\"true\",\"replyMismatch\":\"false\",\"similarInternalDomain\":\"false\","
    "\"similarCustomExternalDomain\":\"false\",\"similarMimecastExternalDomain\":\"false\","
    "\"taggedExternal\":\"true\",\"taggedMalicious\":\"false\",\"senderEnvelope\":\"ceo@corp-"
    "example.test\",\"senderIp\":\"192.0.2.66\",\"recipients\":\"ap@corp.example\",\"route\":"
    "\"Inbound\",\"subject\":\"Urgent wire "
    "transfer\",\"messageId\":\"<mn2pr16@corp-example.test>\"}";

const QByteArray kCgUrlProtect =
    "{\"_offset\":81260,\"_partition\":12,\"accountId\":\"CDEMO01\",\"aggregateId\":"
    "\"VXJsUHJvdGVjdEFnZw_1748765200\",\"processingId\":\"VXJsUHJvdGVjdFByb2M_1748765200\","
    "\"timestamp\":1748765201000,\"type\":\"url "
    "protect\",\"subtype\":null,\"url\":\"http://login.bad.example/o365/"
    "\",\"urlCategory\":\"Phishing & "
    "Fraud\",\"action\":\"Block\",\"blockReason\":\"malicious\",\"analysis\":null,\"sourceIp\":"
    "\"192.0.2.15\",\"senderDomain\":\"bad.example\",\"senderEnvelope\":\"x@bad.example\","
    "\"recipients\":\"bob@corp.example\",\"route\":\"Inbound\",\"subject\":\"Your "
    "mailbox\",\"messageId\":\"<9a@bad.example>\"}";

const QByteArray kCiEntities =
    "{\"_offset\":5501,\"_partition\":3,\"accountId\":\"CDEMO01\",\"aggregateId\":"
    "\"Y2lBZ2dyZWdhdGU_1748770000\",\"processingId\":\"Y2lQcm9jZXNzaW5n_1748770000\",\"timestamp\":"
    "1748770012000,\"type\":\"entities\",\"subtype\":\"MALWARE\",\"attachments\":[\"Sandbox "
    "Test.xlsx\"],\"direction\":\"INBOUND\",\"historicalMail\":false,\"messageId\":\"<0bb5c112@"
    "tenant.example>\",\"policiesApplied\":[{\"action\":\"BLOCK\",\"mode\":\"ACTIVE\",\"name\":"
    "\"Default O365 Mail "
    "policy\"}],\"recipients\":[\"helen@tenant.example\",\"ivan@tenant.example\"],\"tags\":["
    "\"MALWARE\"]}";

const QByteArray kCiMailflow =
    "{\"_offset\":5502,\"_partition\":3,\"accountId\":\"CDEMO01\",\"aggregateId\":"
    "\"Y2lBZ2dyZWdhdGU_1748770000\",\"processingId\":\"Y2lNYWlsZmxvdw_1748770000\",\"timestamp\":"
    "1748770013000,\"type\":\"mailflow\",\"subtype\":null,\"messageId\":\"<0bb5c112@tenant.example>"
    "\",\"tags\":null,\"authResults\":[{\"type\":\"SPF\",\"result\":\"pass\",\"aligned\":true},{"
    "\"type\":\"DKIM\",\"result\":\"none\",\"aligned\":false},{\"type\":\"DMARC\",\"result\":"
    "\"fail\",\"aligned\":null}]}";

const QByteArray kDlp =
    "{\"senderAddress\":\"mo@corp.example\",\"recipientAddress\":\"someone@gmail.example\","
    "\"subject\":\"customer "
    "list\",\"eventTime\":\"2025-06-01T05:11:02+0000\",\"route\":\"outbound\",\"policy\":"
    "\"Confidential\",\"action\":\"hold\",\"messageId\":\"<ee36704d@corp.example>\"}";

const QByteArray kAudit =
    "{\"id\":\"eNqrVipOTS4tSs1MUbJSyi1MjgwDEMOx\",\"auditType\":\"Logon Authentication "
    "Failed\",\"user\":\"ian@corp.example\",\"eventTime\":\"2025-06-01T07:47:55+0000\","
    "\"category\":\"authentication_logs\",\"eventInfo\":\"Failed authentication for "
    "ian@corp.example <Ian Example>, Date: 2025-06-01, Time: 08:47:55 BST, IP: 198.51.100.61, "
    "Application: mimecast-moa, Method: Office 365, Reason: Wrong password\"}";

const QByteArray kAuditControl =
    "{\"auditType\":\"Message Action\",\"user\":\"ian@corp.example\",\"eventTime\":\"2025-06-01 "
    "07:50:00.5+01:00\",\"category\":\"case_review_logs\",\"eventInfo\":\"Line one\\r\\nLine "
    "two\\ttab \\u001f unit sep \\u007f del\"}";

const QByteArray kImpersonation =
    "{\"id\":\"MTOKEN:eNqrVkouLS7Jz00tSs5PSVWyUnI2demo\",\"senderAddress\":\"ceo@corp-example."
    "test\",\"recipientAddress\":\"ap@corp.example\",\"subject\":\"Quick "
    "favour\",\"definition\":\"IP - 1 hit (Tag "
    "email)\",\"hits\":1,\"identifiers\":[\"internal_user_name\",\"newly_observed_domain\"],"
    "\"action\":\"hold\",\"taggedExternal\":false,\"taggedMalicious\":true,\"senderIpAddress\":"
    "\"192.0.2.66\",\"eventTime\":\"2025-06-01T11:30:15+0000\",\"impersonationResults\":[{"
    "\"impersonationDomainSource\":\"internal_user_name\",\"similarDomain\":\"Pat CEO "
    "<ceo@corp-example.test>\",\"stringSimilarToDomain\":\"Pat "
    "CEO\",\"checkerResult\":\"hit\"}],\"messageId\":\"<mn2pr16@corp-example.test>\"}";

const QByteArray kTtpUrlEscapes =
    "{\"userEmailAddress\":\"jos\\u00e9@corp.example\",\"fromUserEmailAddress\":\"alerts@partner."
    "example\",\"url\":\"https:\\/\\/files.bad.example\\/r\\u00e9sum\\u00e9 "
    "\\ud83d\\ude00.exe?q=\\\"x\\\"&p=a\\\\b\",\"ttpDefinition\":\"Default Inbound URL Protect "
    "Definition\",\"subject\":\"Re: \\\"R\\u00e9sum\\u00e9\\\" \\u2013 caf\\u00e9 "
    "\\ud83d\\ude00\\ttab\\\\slash "
    "\\u0001ctl\",\"action\":\"block\",\"scanResult\":\"malicious\",\"category\":\"Dangerous file "
    "extension\",\"sendingIp\":\"198.51.100.120\",\"date\":\"2025-06-01T09:05:03+0000\","
    "\"actions\":\"Block\",\"route\":\"inbound\",\"creationMethod\":\"User "
    "Click\",\"emailPartsDescription\":[\"Body\"],\"messageId\":\"<5d2e@partner.example>\"}";

const QByteArray kTtpUrlTagMap =
    "{\"userEmailAddress\":\"jane@corp.example\",\"fromUserEmailAddress\":\"alerts@partner."
    "example\",\"url\":\"https://files.bad.example/setup.exe\",\"ttpDefinition\":\"Default Inbound "
    "URL Protect Definition\",\"subject\":\"Shared "
    "file\",\"action\":\"block\",\"adminOverride\":\"N/"
    "A\",\"userOverride\":\"None\",\"scanResult\":\"malicious\",\"category\":\"Dangerous file "
    "extension\",\"sendingIp\":\"198.51.100.120\",\"userAwarenessAction\":\"N/"
    "A\",\"date\":\"2025-06-01T09:05:03+0000\",\"actions\":\"Block\",\"route\":\"inbound\","
    "\"creationMethod\":\"User "
    "Click\",\"emailPartsDescription\":[\"Body\"],\"messageId\":\"<5d2e@partner.example>\","
    "\"tagMap\":{\"DangerousFileExt\":{\"Status\":[\"CustomerSpecific\",\"VerdictBlock\"],"
    "\"Inspect:FileExts\":[\"[exe]\"],\"Inspect:MimeTypes\":[\"application/"
    "x-msdownload\"],\"ContentCheck:ContentScannersBlocked\":[\"true\"],\"ContentCheck:"
    "DangerousExtsUrlFileDownload\":[\"exe\"]},\"ContentCheck\":{"
    "\"DangerousMimetypesUrlFileDownload\":[\"application/"
    "x-msdownload\"]},\"UrlReputationScan\":{\"Status\":[\"Clean\"],\"Type\":[\"url\"],"
    "\"UrlBlock\":[\"false\"],\"Url\":[\"https://files.bad.example/"
    "setup.exe\"]},\"NewScanner\":{\"Verdict\":\"x\"}},\"advancedPhishingResult\":{"
    "\"CredentialTheftBrands\":[\"Microsoft\"],\"CredentialTheftEvidence\":[\"login "
    "form\"],\"CredentialTheftTags\":[],\"Score\":7}}";

const QByteArray kTtpAttachment =
    "{\"senderAddress\":\"kim@partner.example\",\"recipientAddress\":\"lee@corp.example\","
    "\"fileName\":\"Quote.xlsx\",\"fileType\":\"application/"
    "vnd.openxmlformats-officedocument.spreadsheetml.sheet\",\"result\":\"timeout\","
    "\"actionTriggered\":\"none, "
    "none\",\"date\":\"2025-06-01T10:52:30+0000\",\"details\":\"Timeout                    "
    "\\r\\nTime taken: 0 hrs, 2 min, 0 "
    "sec\",\"route\":\"inbound\",\"messageId\":\"<e91f@partner.example>\",\"subject\":\"RE: "
    "quote\",\"definition\":\"Default Inbound Attachment Protect Definition\"}";

const QByteArray kAtSafeScore =
    "{\"risk\":\"B\",\"name\":\"Zo\\u00eb "
    "Example\",\"emailAddress\":\"zoe@corp.example\",\"department\":\"Finance\",\"userState\":"
    "\"active\",\"knowledge\":\"C\",\"engagement\":\"B\",\"sentiment\":\"B\",\"humanError\":\"D\"}";

const QByteArray kAtPerformance =
    "{\"email\":\"paula@corp.example\",\"name\":\"Paula "
    "Example\",\"department\":\"Finance\",\"userState\":\"active\",\"numCorrect\":4,"
    "\"numIncorrect\":1.0,\"numNotWatched\":2E0,\"userId\":\"u-1001\",\"userDetails\":{\"title\":"
    "\"Analyst\",\"manager\":\"Max Example\",\"location\":\"London\"}}";

const QByteArray kAtWatchlist = "{\"email\":\"quinn@corp.example\",\"name\":\"Quinn "
                                "Example\",\"department\":\"IT\",\"userState\":\"active\","
                                "\"watchlistCount\":3,\"userId\":\"u-1002\"}";

const QByteArray kAtUserData =
    "{\"name\":\"Paula "
    "Example\",\"email\":\"paula@corp.example\",\"department\":\"Finance\",\"userState\":"
    "\"active\",\"templateName\":\"Parcel "
    "delivery\",\"status\":\"CLICKED\",\"timeScheduled\":\"2025-05-30T08:00:00+0000\","
    "\"timeOpened\":\"2025-05-30T09:12:40+0000\",\"timeClicked\":\"2025-05-30T09:13:02+0000\","
    "\"timeReported\":null,\"timeSubmitted\":null,\"timeScanned\":null,\"clickedIp\":\"198.51.100."
    "7\",\"reactionTime\":22.5,\"numCampaignsSent\":5,\"numCampaignsClicked\":2,"
    "\"numCampaignsScanned\":0,\"numCampaignsClickedScanned\":0,\"numCorrectAnswers\":3,"
    "\"numIncorrectAnswers\":1,\"numTrainingModulesAssigned\":1}";

QList<Sample> samples()
{
    return {
        {"cg receipt", u"seg.cg"_s, kCgReceipt, {}, u"01bcbbe38893859ebbaf519615aee9a4"_s},
        {"cg delivery", u"seg.cg"_s, kCgDelivery, {}, {}},
        {"cg impersonation", u"seg.cg"_s, kCgImpersonation, {}, {}},
        {"cg url protect", u"seg.cg"_s, kCgUrlProtect, {}, {}},
        {"ci entities", u"cloud-integrated.ci"_s, kCiEntities, {},
            u"01bcbc36776328ab78d4e71a508fb1a3"_s},
        {"ci mailflow", u"cloud-integrated.ci"_s, kCiMailflow, {}, {}},
        {"dlp", u"seg.dlp"_s, kDlp, {}, u"01bcbb37046dd49479c05e42e07eb6de"_s},
        {"audit", u"audit.audit"_s, kAudit, {}, u"01bcbbd3febdc24444470000f59e9ac3"_s},
        {"audit control chars", u"audit.audit"_s, kAuditControl, {},
            u"01bcbb9aa704c5b3a8c3535af26cae2e"_s},
        {"ttp impersonation", u"ttp.impersonation"_s, kImpersonation, {},
            u"01bcbcb234ba287d0bca48dbaf917021"_s},
        {"ttp url escapes", u"ttp.url"_s, kTtpUrlEscapes, {},
            u"01bcbc219b32e679c60d8ee201c5d066"_s},
        {"ttp url tagMap", u"ttp.url"_s, kTtpUrlTagMap, {}, {}},
        {"ttp attachment", u"ttp.attachment"_s, kTtpAttachment, {},
            u"01bcbc8c11826ed25a6a66a4a4ee03d3"_s},
        {"at safescore", u"awareness.safescore"_s, kAtSafeScore, {},
            u"000000003113ce9cd471a49b45a8345a"_s},
        {"at performance", u"awareness.performance"_s, kAtPerformance, {},
            u"000000001da9e149567a9b391415813b"_s},
        {"at watchlist", u"awareness.watchlist"_s, kAtWatchlist, {}, {}},
        {"at user data", u"awareness.userdata"_s, kAtUserData, u"cmp-7f3a9c21"_s,
            u"000000009ea4994a04ce36c0e7b94a43"_s},
    };
}

QJsonObject withField(const QByteArray &json, const QString &field, const QJsonValue &value)
{
    QJsonObject object = parseObject(json);
    if (value.isUndefined())
        object.remove(field);
    else
        object.insert(field, value);
    return object;
}

} // namespace

// Compares a mapped column with an expected value, type included (QVariant's own == would
// accept 1.0 for 1).
#define COMPARE_COLUMN(stream, row, column, expected)                                              \
    do {                                                                                           \
        const QVariant actual_ = columnValue(stream, row, column);                                 \
        const QVariant expected_ = (expected);                                                     \
        QCOMPARE(actual_.typeId(), expected_.typeId());                                            \
        QCOMPARE(actual_, expected_);                                                              \
    } while (false)

class TestRecordMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTableHasASample()
    {
        QSet<QString> covered;
        for (const Sample &sample : samples())
            covered.insert(tableFor(sample.stream).name);
        for (const TableDef &table : schema().tables())
            QVERIFY2(covered.contains(table.name), qPrintable(table.name));
    }

    void bookkeeping_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("campaignId");
        QTest::addColumn<QString>("expectedKey");
        for (const Sample &sample : samples())
            QTest::newRow(sample.name)
                << sample.stream << sample.json << sample.campaignId << sample.expectedKey;
    }

    // Dedup key, raw hash, raw text, provenance and value types, for every sample.
    void bookkeeping()
    {
        QFETCH(QString, stream);
        QFETCH(QByteArray, json);
        QFETCH(QString, campaignId);
        QFETCH(QString, expectedKey);
        const TableDef &table = tableFor(stream);
        const QJsonObject raw = parseObject(json);
        MappingStats stats;
        const CacheRow row =
            RecordMapper(table, schema()).map(raw, json, kSource, campaignId, kSnapshot, &stats);

        QCOMPARE(row.dedupKey, computeDedupKey(table, raw, campaignId).bytes);
        if (!expectedKey.isEmpty())
            QCOMPARE(QString::fromLatin1(row.dedupKey.toHex()), expectedKey);
        QCOMPARE(QString::fromLatin1(row.rawSha256), sha256Hex(test::canonicalJson(raw)));
        QCOMPARE(row.rawSha256.size(), 64);
        QCOMPARE(row.rawSha256, row.rawSha256.toLower());
        QCOMPARE(row.raw, json);
        QCOMPARE(QString::fromUtf8(row.source), kSource);
        QCOMPARE(row.snapshotId, table.isSnapshot() ? kSnapshot : QString());
        QCOMPARE(row.campaignId, table.hasCampaignColumn() ? campaignId : QString());
        QCOMPARE(stats.coercionWarnings, 0);
        QCOMPARE(stats.unknownTypes, 0);
        QCOMPARE(stats.rowsWithoutEventTime, 0);
        if (table.isSnapshot()) {
            QVERIFY(row.eventTime.isEmpty()); // the writer uses the commit time, by design
            QVERIFY(!row.eventTimeMissing);
        } else {
            QCOMPARE(row.eventTime.size(), 24);
            QVERIFY(row.eventTime.endsWith(u'Z'));
            QVERIFY(!row.eventTimeMissing);
        }

        // One value per column, typed as the column's storage type.
        QCOMPARE(row.values.size(), table.columns.size());
        for (qsizetype i = 0; i < table.columns.size(); ++i) {
            const ColumnDef &column = table.columns.at(i);
            const QVariant &value = row.values.at(i);
            if (column.name == "TimeGenerated"_L1) {
                QVERIFY2(!value.isValid(), "TimeGenerated is the writer's");
                continue;
            }
            if (!value.isValid())
                continue;
            int expectedType = QMetaType::QString;
            if (column.type == ColumnType::Real)
                expectedType = QMetaType::Double;
            else if (column.type == ColumnType::Boolean || column.type == ColumnType::Int)
                expectedType = QMetaType::LongLong;
            QVERIFY2(value.typeId() == expectedType,
                qPrintable(
                    u"%1 holds a %2"_s.arg(column.name, QString::fromLatin1(value.typeName()))));
            if (column.type == ColumnType::DateTime)
                QCOMPARE(value.toString().size(), 24);
            if (column.type == ColumnType::Dynamic) {
                QByteArray wrapped = value.toString().toUtf8();
                wrapped.prepend('[');
                wrapped.append(']');
                QVERIFY2(QJsonDocument::fromJson(wrapped).isArray(), qPrintable(column.name));
            }
        }
    }

    void cgReceipt()
    {
        const QString cg = u"seg.cg"_s;
        const Mapped m = mapRecord(cg, kCgReceipt);
        COMPARE_COLUMN(cg, m.row, u"Logtype"_s, text(u"email_receipt"_s));
        COMPARE_COLUMN(cg, m.row, u"timestamp"_s, real(1748765003123.0));
        COMPARE_COLUMN(cg, m.row, u"offset"_s, real(81234));
        COMPARE_COLUMN(cg, m.row, u"partition"_s, real(12));
        COMPARE_COLUMN(cg, m.row, u"numberAttachments"_s, text(u"1"_s));
        COMPARE_COLUMN(cg, m.row, u"recipients"_s, text(u"alice@corp.example"_s));
        COMPARE_COLUMN(cg, m.row, u"messageId"_s, text(u"<4f1c2a9e@mail.partner.example>"_s));
        COMPARE_COLUMN(cg, m.row, u"subtype"_s, text(u"Acc"_s));
        COMPARE_COLUMN(cg, m.row, u"rejectionCode"_s, kNull); // JSON null
        COMPARE_COLUMN(cg, m.row, u"virusFound"_s, kNull); // absent
        COMPARE_COLUMN(cg, m.row, u"TimeGenerated"_s, kNull);
        QCOMPARE(m.row.eventTime, u"2025-06-01T08:03:23.123Z"_s);
        QVERIFY(!m.row.eventTimeMissing);
        const QHash<QString, qint64> undeclared {{u"receiptErrors"_s, 1}, {u"spamScore"_s, 1}};
        QCOMPARE(m.stats.undeclaredFields, undeclared);
    }

    void cgLogtype_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("logtype");
        QTest::addColumn<qint64>("unknown");
        QTest::newRow("receipt") << u"receipt"_s << u"email_receipt"_s << qint64(0);
        QTest::newRow("process") << u"process"_s << u"email_process"_s << qint64(0);
        QTest::newRow("delivery") << u"delivery"_s << u"email_delivery"_s << qint64(0);
        QTest::newRow("av") << u"av"_s << u"email_antivirus"_s << qint64(0);
        QTest::newRow("spam") << u"spam"_s << u"email_spam"_s << qint64(0);
        QTest::newRow("iep") << u"internal email protect"_s << u"email_iep"_s << qint64(0);
        QTest::newRow("impersonation")
            << u"impersonation protect"_s << u"email_ttp_impersonation"_s << qint64(0);
        QTest::newRow("url") << u"url protect"_s << u"email_ttp_url"_s << qint64(0);
        QTest::newRow("attachment") << u"attachment protect"_s << u"email_ttp_ap"_s << qint64(0);
        QTest::newRow("journal") << u"journal"_s << u"email_journal"_s << qint64(0);
        // Unknown: the raw value is kept (the reference writes null) and counted.
        QTest::newRow("unknown") << u"quarantine notice"_s << u"quarantine notice"_s << qint64(1);
        QTest::newRow("case differs") << u"Receipt"_s << u"Receipt"_s << qint64(1);
    }

    void cgLogtype()
    {
        QFETCH(QString, type);
        QFETCH(QString, logtype);
        QFETCH(qint64, unknown);
        const QString cg = u"seg.cg"_s;
        const QJsonObject raw = withField(kCgReceipt, u"type"_s, type);
        const Mapped m = mapObject(cg, raw);
        COMPARE_COLUMN(cg, m.row, u"Logtype"_s, text(logtype));
        QCOMPARE(m.stats.unknownTypes, unknown);
        QCOMPARE(m.stats.coercionWarnings, 0);
        // The dedup key uses the raw type, before the mapping.
        QCOMPARE(m.row.dedupKey, computeDedupKey(tableFor(cg), raw).bytes);
        QVERIFY(!m.stats.undeclaredFields.contains(u"type"_s));
    }

    void cgStringColumnsStayText()
    {
        const QString cg = u"seg.cg"_s;
        Mapped m = mapRecord(cg, kCgImpersonation);
        COMPARE_COLUMN(cg, m.row, u"Logtype"_s, text(u"email_ttp_impersonation"_s));
        COMPARE_COLUMN(cg, m.row, u"taggedExternal"_s, text(u"true"_s));
        COMPARE_COLUMN(cg, m.row, u"taggedMalicious"_s, text(u"false"_s));
        COMPARE_COLUMN(cg, m.row, u"itemsDetected"_s, text(u"2"_s));
        COMPARE_COLUMN(cg, m.row, u"subtype"_s, kNull);
        QCOMPARE(m.stats.undeclaredFields.value(u"policyDefinition"_s), 1);

        // JSON numbers and booleans in string columns become their JSON text.
        QJsonObject raw = parseObject(kCgImpersonation);
        raw.insert(u"itemsDetected"_s, 12);
        raw.insert(u"taggedExternal"_s, true);
        raw.insert(u"emailSize"_s, 1648832.5);
        m = mapObject(cg, raw);
        COMPARE_COLUMN(cg, m.row, u"itemsDetected"_s, text(u"12"_s));
        COMPARE_COLUMN(cg, m.row, u"taggedExternal"_s, text(u"true"_s));
        COMPARE_COLUMN(cg, m.row, u"emailSize"_s, text(u"1648832.5"_s));
        QCOMPARE(m.stats.coercionWarnings, 0);

        // URL-protect rows carry url, blockReason... with no column: counted, kept in _raw.
        m = mapRecord(cg, kCgUrlProtect);
        COMPARE_COLUMN(cg, m.row, u"Logtype"_s, text(u"email_ttp_url"_s));
        COMPARE_COLUMN(cg, m.row, u"urlCategory"_s, text(u"Phishing & Fraud"_s));
        const QHash<QString, qint64> undeclared {
            {u"url"_s, 1}, {u"blockReason"_s, 1}, {u"analysis"_s, 1}, {u"sourceIp"_s, 1}};
        QCOMPARE(m.stats.undeclaredFields, undeclared);

        m = mapRecord(cg, kCgDelivery);
        COMPARE_COLUMN(cg, m.row, u"Hostname"_s, text(u"mx-relay.corp.example"_s));
        COMPARE_COLUMN(cg, m.row, u"delivered"_s, text(u"true"_s));
        COMPARE_COLUMN(cg, m.row, u"route"_s, text(u"Office 365 Delivery Route"_s));
        QCOMPARE(m.stats.undeclaredFields.value(u"deliveryTime"_s), 1);
    }

    void cgRenamesAndNumbers_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QVariant>("expected");
        QTest::addColumn<qint64>("warnings");
        QTest::newRow("_offset number")
            << u"_offset"_s << QJsonValue(7) << u"offset"_s << real(7) << qint64(0);
        QTest::newRow("_offset numeric string")
            << u"_offset"_s << QJsonValue(u"81234"_s) << u"offset"_s << real(81234) << qint64(0);
        QTest::newRow("_offset text")
            << u"_offset"_s << QJsonValue(u"n/a"_s) << u"offset"_s << kNull << qint64(1);
        QTest::newRow("_partition missing") << u"_partition"_s << QJsonValue(QJsonValue::Undefined)
                                            << u"partition"_s << kNull << qint64(0);
        QTest::newRow("timestamp string") << u"timestamp"_s << QJsonValue(u"1748765003123"_s)
                                          << u"timestamp"_s << real(1748765003123.0) << qint64(0);
        QTest::newRow("recipients array")
            << u"recipients"_s << QJsonValue(QJsonArray {u"a@x.example"_s, u"b@x.example"_s})
            << u"recipients"_s << text(u"[\"a@x.example\",\"b@x.example\"]"_s) << qint64(0);
        QTest::newRow("spamInfo text stays text")
            << u"spamInfo"_s << QJsonValue(u"[]"_s) << u"spamInfo"_s << text(u"[]"_s) << qint64(0);
        QTest::newRow("empty string stays")
            << u"subject"_s << QJsonValue(u""_s) << u"subject"_s << text(u""_s) << qint64(0);
    }

    void cgRenamesAndNumbers()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, column);
        QFETCH(QVariant, expected);
        QFETCH(qint64, warnings);
        const QString cg = u"seg.cg"_s;
        const Mapped m = mapObject(cg, withField(kCgReceipt, field, value));
        COMPARE_COLUMN(cg, m.row, column, expected);
        QCOMPARE(m.stats.coercionWarnings, warnings);
        // A raw field that shares a renamed column's name is not that column's source.
        QVERIFY(!m.stats.undeclaredFields.contains(field));
    }

    void renamedColumnNameIsNotASource()
    {
        const QString cg = u"seg.cg"_s;
        QJsonObject raw = parseObject(kCgReceipt);
        raw.insert(u"offset"_s, 99);
        raw.insert(u"Logtype"_s, u"forged"_s);
        raw.insert(u"TimeGenerated"_s, u"2020-01-01T00:00:00Z"_s);
        const Mapped m = mapObject(cg, raw);
        COMPARE_COLUMN(cg, m.row, u"offset"_s, real(81234));
        COMPARE_COLUMN(cg, m.row, u"Logtype"_s, text(u"email_receipt"_s));
        COMPARE_COLUMN(cg, m.row, u"TimeGenerated"_s, kNull);
        QCOMPARE(m.stats.undeclaredFields.value(u"offset"_s), 1);
        QCOMPARE(m.stats.undeclaredFields.value(u"Logtype"_s), 1);
        QCOMPARE(m.stats.undeclaredFields.value(u"TimeGenerated"_s), 1);
    }

    void ttpUrlFlattening()
    {
        const QString url = u"ttp.url"_s;
        const Mapped m = mapRecord(url, kTtpUrlTagMap);
        COMPARE_COLUMN(
            url, m.row, u"tagMap_DangerousFileExt_Inspect_FileExts"_s, text(u"[\"[exe]\"]"_s));
        COMPARE_COLUMN(url, m.row, u"tagMap_DangerousFileExt_Status"_s,
            text(u"[\"CustomerSpecific\",\"VerdictBlock\"]"_s));
        COMPARE_COLUMN(url, m.row, u"tagMap_DangerousFileExt_Inspect_MimeTypes"_s,
            text(u"[\"application/x-msdownload\"]"_s));
        COMPARE_COLUMN(url, m.row, u"tagMap_DangerousFileExt_ContentCheck_ContentScannersBlocked"_s,
            text(u"[\"true\"]"_s));
        // The alias: the older parser's DangerousFileExt_ContentCheck name lands in the 3.1.0
        // column.
        COMPARE_COLUMN(url, m.row, u"tagMap_ContentCheck_DangerousExtsUrlFileDownload"_s,
            text(u"[\"exe\"]"_s));
        // A top-level ContentCheck group flattens directly.
        COMPARE_COLUMN(url, m.row, u"tagMap_ContentCheck_DangerousMimetypesUrlFileDownload"_s,
            text(u"[\"application/x-msdownload\"]"_s));
        COMPARE_COLUMN(url, m.row, u"tagMap_UrlReputationScan_Status"_s, text(u"[\"Clean\"]"_s));
        COMPARE_COLUMN(url, m.row, u"tagMap_UrlReputationScan_Type"_s, text(u"[\"url\"]"_s));
        COMPARE_COLUMN(url, m.row, u"tagMap_UrlReputationScan_UrlBlock"_s, text(u"[\"false\"]"_s));
        COMPARE_COLUMN(url, m.row, u"tagMap_UrlReputationScan_Url"_s,
            text(u"[\"https://files.bad.example/setup.exe\"]"_s));
        COMPARE_COLUMN(url, m.row, u"advancedPhishingResult_CredentialTheftBrands"_s,
            text(u"[\"Microsoft\"]"_s));
        COMPARE_COLUMN(url, m.row, u"advancedPhishingResult_CredentialTheftEvidence"_s,
            text(u"[\"login form\"]"_s));
        COMPARE_COLUMN(url, m.row, u"advancedPhishingResult_CredentialTheftTags"_s, text(u"[]"_s));
        COMPARE_COLUMN(url, m.row, u"tagMap_AvScanning_ContentCheck_AvSignatureName"_s, kNull);

        // Renames and types.
        COMPARE_COLUMN(url, m.row, u"Date"_s, text(u"2025-06-01T09:05:03+0000"_s));
        COMPARE_COLUMN(url, m.row, u"Category"_s, text(u"Dangerous file extension"_s));
        COMPARE_COLUMN(url, m.row, u"actions"_s, text(u"\"Block\""_s));
        COMPARE_COLUMN(url, m.row, u"emailPartsDescription"_s, text(u"[\"Body\"]"_s));
        COMPARE_COLUMN(url, m.row, u"mimecastEventId"_s, kNull);
        COMPARE_COLUMN(url, m.row, u"userAwarenessAction"_s, text(u"N/A"_s));
        QCOMPARE(m.row.eventTime, u"2025-06-01T09:05:03.000Z"_s);

        // Only names with no column are counted: the unknown group and key, nothing else.
        const QHash<QString, qint64> undeclared {
            {u"tagMap_NewScanner_Verdict"_s, 1}, {u"advancedPhishingResult_Score"_s, 1}};
        QCOMPARE(m.stats.undeclaredFields, undeclared);
        QCOMPARE(m.stats.coercionWarnings, 0);
    }

    void ttpUrlAlias_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QVariant>("expected");
        auto record = [](const char *tail) {
            QByteArray json(
                "{\"date\":\"2025-06-01T09:05:03+0000\",\"url\":\"https://x.example/\",");
            json.append(tail);
            return json;
        };
        QTest::newRow("alias, colon key") << record(
            "\"tagMap\":{\"DangerousFileExt\":{\"ContentCheck:DangerousExtsUrlFileDownload\":["
            "\"a\"]}}}") << text(u"[\"a\"]"_s);
        QTest::newRow("alias, nested") << record(
            "\"tagMap\":{\"DangerousFileExt\":{\"ContentCheck\":{\"DangerousExtsUrlFileDownload\":["
            "\"a\"]}}}}") << text(u"[\"a\"]"_s);
        // Direct and alias both present: the direct name wins, whichever comes first.
        QTest::newRow("direct first") << record(
            "\"tagMap\":{\"ContentCheck\":{\"DangerousExtsUrlFileDownload\":[\"direct\"]},"
            "\"DangerousFileExt\":{\"ContentCheck:DangerousExtsUrlFileDownload\":[\"alias\"]}}}")
                                      << text(u"[\"direct\"]"_s);
        QTest::newRow("alias first") << record(
            "\"tagMap\":{\"DangerousFileExt\":{\"ContentCheck:DangerousExtsUrlFileDownload\":["
            "\"alias\"]}},\"tagMap_ContentCheck_DangerousExtsUrlFileDownload\":[\"direct\"]}")
                                     << text(u"[\"direct\"]"_s);
        QTest::newRow("the other alias") << record(
            "\"tagMap\":{\"DangerousFileExt\":{\"ContentCheck:DangerousMimetypesUrlFileDownload\":["
            "\"application/x-msdownload\"]}}}")
                                         << QVariant();
        QTest::newRow("scalar value") << record("\"tagMap\":{\"DangerousFileExt\":{\"ContentCheck:"
                                                "DangerousExtsUrlFileDownload\":\"exe\"}}}")
                                      << text(u"exe"_s);
    }

    void ttpUrlAlias()
    {
        QFETCH(QByteArray, json);
        QFETCH(QVariant, expected);
        const QString url = u"ttp.url"_s;
        const Mapped m = mapRecord(url, json);
        COMPARE_COLUMN(url, m.row, u"tagMap_ContentCheck_DangerousExtsUrlFileDownload"_s, expected);
        QVERIFY(m.stats.undeclaredFields.isEmpty());
        if (QByteArray(QTest::currentDataTag()) == "the other alias") {
            COMPARE_COLUMN(url, m.row, u"tagMap_ContentCheck_DangerousMimetypesUrlFileDownload"_s,
                text(u"[\"application/x-msdownload\"]"_s));
        }
    }

    void caseInsensitiveNames_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("DATE") << QByteArray("{\"DATE\":\"x\"}") << u"Date"_s << text(u"x"_s);
        QTest::newRow("exact wins")
            << QByteArray("{\"Date\":\"b\",\"date\":\"a\"}") << u"Date"_s << text(u"a"_s);
        QTest::newRow("exact wins, reversed")
            << QByteArray("{\"date\":\"a\",\"Date\":\"b\"}") << u"Date"_s << text(u"a"_s);
        QTest::newRow("flattened")
            << QByteArray("{\"TAGMAP\":{\"dangerousfileext\":{\"inspect:fileexts\":[\"[exe]\"]}}}")
            << u"tagMap_DangerousFileExt_Inspect_FileExts"_s << text(u"[\"[exe]\"]"_s);
    }

    void caseInsensitiveNames()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, column);
        QFETCH(QVariant, expected);
        const QString url = u"ttp.url"_s;
        const Mapped m = mapRecord(url, json);
        COMPARE_COLUMN(url, m.row, column, expected);
    }

    void ttpUrlUnicode()
    {
        const QString url = u"ttp.url"_s;
        const Mapped m = mapRecord(url, kTtpUrlEscapes);
        COMPARE_COLUMN(url, m.row, u"userEmailAddress"_s, text(u"jos\u00e9@corp.example"_s));
        COMPARE_COLUMN(url, m.row, u"url"_s,
            text(u"https://files.bad.example/r\u00e9sum\u00e9 \U0001F600.exe?q=\"x\"&p=a\\b"_s));
        QCOMPARE(m.row.raw, kTtpUrlEscapes); // as received, escapes and all
    }

    void ttpAttachment()
    {
        const QString stream = u"ttp.attachment"_s;
        const Mapped m = mapRecord(stream, kTtpAttachment);
        COMPARE_COLUMN(stream, m.row, u"details"_s,
            text(u"Timeout                    \r\nTime taken: 0 hrs, 2 min, 0 sec"_s));
        COMPARE_COLUMN(stream, m.row, u"Date"_s, text(u"2025-06-01T10:52:30+0000"_s));
        COMPARE_COLUMN(stream, m.row, u"fileHash"_s, kNull);
        QCOMPARE(m.row.eventTime, u"2025-06-01T10:52:30.000Z"_s);
        QVERIFY(m.stats.undeclaredFields.isEmpty());
    }

    void impersonation()
    {
        const QString stream = u"ttp.impersonation"_s;
        const Mapped m = mapRecord(stream, kImpersonation);
        COMPARE_COLUMN(stream, m.row, u"hits"_s, real(1));
        COMPARE_COLUMN(stream, m.row, u"taggedExternal"_s, flag(0));
        COMPARE_COLUMN(stream, m.row, u"taggedMalicious"_s, flag(1));
        COMPARE_COLUMN(stream, m.row, u"identifiers"_s,
            text(u"[\"internal_user_name\",\"newly_observed_domain\"]"_s));
        COMPARE_COLUMN(stream, m.row, u"impersonationResults"_s,
            text(QString::fromLatin1(
                "[{\"checkerResult\":\"hit\",\"impersonationDomainSource\":\"internal_user_name\","
                "\"similarDomain\":\"Pat CEO "
                "<ceo@corp-example.test>\",\"stringSimilarToDomain\":\"Pat CEO\"}]")));
        COMPARE_COLUMN(stream, m.row, u"eventTime"_s, text(u"2025-06-01T11:30:15.000Z"_s));
        COMPARE_COLUMN(stream, m.row, u"id"_s, text(u"MTOKEN:eNqrVkouLS7Jz00tSs5PSVWyUnI2demo"_s));
        QCOMPARE(m.row.eventTime, u"2025-06-01T11:30:15.000Z"_s);
        QVERIFY(m.stats.undeclaredFields.isEmpty());
    }

    void coercion_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QVariant>("expected");
        QTest::addColumn<qint64>("warnings");
        // real
        QTest::newRow("hits lots") << u"hits"_s << QJsonValue(u"lots"_s) << kNull << qint64(1);
        QTest::newRow("hits \"3\"") << u"hits"_s << QJsonValue(u"3"_s) << real(3) << qint64(0);
        QTest::newRow("hits \" 2.5 \"")
            << u"hits"_s << QJsonValue(u" 2.5 "_s) << real(2.5) << qint64(0);
        QTest::newRow("hits true") << u"hits"_s << QJsonValue(true) << kNull << qint64(1);
        QTest::newRow("hits array")
            << u"hits"_s << QJsonValue(QJsonArray {1}) << kNull << qint64(1);
        QTest::newRow("hits nan") << u"hits"_s << QJsonValue(u"nan"_s) << kNull << qint64(1);
        QTest::newRow("hits empty") << u"hits"_s << QJsonValue(u""_s) << kNull << qint64(0);
        QTest::newRow("hits null")
            << u"hits"_s << QJsonValue(QJsonValue::Null) << kNull << qint64(0);
        // boolean
        QTest::newRow("bool TRUE")
            << u"taggedExternal"_s << QJsonValue(u"TRUE"_s) << flag(1) << qint64(0);
        QTest::newRow("bool False")
            << u"taggedExternal"_s << QJsonValue(u"False"_s) << flag(0) << qint64(0);
        QTest::newRow("bool yes") << u"taggedExternal"_s << QJsonValue(u"yes"_s) << kNull
                                  << qint64(1);
        QTest::newRow("bool 1") << u"taggedExternal"_s << QJsonValue(1) << kNull << qint64(1);
        QTest::newRow("bool null")
            << u"taggedExternal"_s << QJsonValue(QJsonValue::Null) << kNull << qint64(0);
        // datetime (the event-time column: ISO only)
        QTest::newRow("time -0700") << u"eventTime"_s << QJsonValue(u"2025-06-01T11:30:15-0700"_s)
                                    << text(u"2025-06-01T18:30:15.000Z"_s) << qint64(0);
        QTest::newRow("time +05:30 fraction")
            << u"eventTime"_s << QJsonValue(u"2025-06-01T11:30:15.123456+05:30"_s)
            << text(u"2025-06-01T06:00:15.123Z"_s) << qint64(0);
        QTest::newRow("time Z") << u"eventTime"_s << QJsonValue(u"2025-06-01T11:30:15Z"_s)
                                << text(u"2025-06-01T11:30:15.000Z"_s) << qint64(0);
        QTest::newRow("time text")
            << u"eventTime"_s << QJsonValue(u"yesterday"_s) << kNull << qint64(1);
        QTest::newRow("time epoch ms")
            << u"eventTime"_s << QJsonValue(1748765003123.0) << kNull << qint64(1);
        // dynamic
        QTest::newRow("dynamic string")
            << u"identifiers"_s << QJsonValue(u"single"_s) << text(u"\"single\""_s) << qint64(0);
        QTest::newRow("dynamic object")
            << u"identifiers"_s << QJsonValue(QJsonObject {{u"b"_s, 1}, {u"a"_s, 2.5}})
            << text(u"{\"a\":2.5,\"b\":1}"_s) << qint64(0);
        QTest::newRow("dynamic number")
            << u"identifiers"_s << QJsonValue(3) << text(u"3"_s) << qint64(0);
        QTest::newRow("dynamic null")
            << u"identifiers"_s << QJsonValue(QJsonValue::Null) << kNull << qint64(0);
        // string
        QTest::newRow("string number")
            << u"subject"_s << QJsonValue(12) << text(u"12"_s) << qint64(0);
        QTest::newRow("string fraction")
            << u"subject"_s << QJsonValue(1.5) << text(u"1.5"_s) << qint64(0);
        QTest::newRow("string bool")
            << u"subject"_s << QJsonValue(true) << text(u"true"_s) << qint64(0);
        QTest::newRow("string object")
            << u"subject"_s << QJsonValue(QJsonObject {{u"k"_s, QJsonArray {u"v"_s, 1}}})
            << text(u"{\"k\":[\"v\",1]}"_s) << qint64(0);
    }

    void coercion()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QVariant, expected);
        QFETCH(qint64, warnings);
        const QString stream = u"ttp.impersonation"_s;
        const QJsonObject raw = withField(kImpersonation, field, value);
        const Mapped m = mapObject(stream, raw);
        COMPARE_COLUMN(stream, m.row, field, expected);
        QCOMPARE(m.stats.coercionWarnings, warnings);
        // The original stays in _raw.
        QCOMPARE(parseObject(m.row.raw).value(field), value);
    }

    void ci()
    {
        const QString ci = u"cloud-integrated.ci"_s;
        Mapped m = mapRecord(ci, kCiEntities);
        COMPARE_COLUMN(ci, m.row, u"recipients"_s,
            text(u"[\"helen@tenant.example\",\"ivan@tenant.example\"]"_s));
        COMPARE_COLUMN(ci, m.row, u"attachments"_s, text(u"[\"Sandbox Test.xlsx\"]"_s));
        COMPARE_COLUMN(ci, m.row, u"policiesApplied"_s,
            text(
                u"[{\"action\":\"BLOCK\",\"mode\":\"ACTIVE\",\"name\":\"Default O365 Mail policy\"}]"_s));
        COMPARE_COLUMN(ci, m.row, u"tags"_s, text(u"[\"MALWARE\"]"_s));
        COMPARE_COLUMN(ci, m.row, u"historicalMail"_s, flag(0));
        COMPARE_COLUMN(ci, m.row, u"type_"_s, text(u"entities"_s)); // no email_* mapping
        COMPARE_COLUMN(ci, m.row, u"offset"_s, real(5501));
        COMPARE_COLUMN(ci, m.row, u"partition"_s, real(3));
        COMPARE_COLUMN(ci, m.row, u"timestamp"_s, real(1748770012000.0));
        COMPARE_COLUMN(ci, m.row, u"direction"_s, text(u"INBOUND"_s));
        COMPARE_COLUMN(ci, m.row, u"category"_s, kNull);
        QCOMPARE(m.row.eventTime, u"2025-06-01T09:26:52.000Z"_s);
        QVERIFY(m.stats.undeclaredFields.isEmpty());
        QCOMPARE(m.stats.unknownTypes, 0);

        m = mapRecord(ci, kCiMailflow);
        COMPARE_COLUMN(ci, m.row, u"type_"_s, text(u"mailflow"_s));
        COMPARE_COLUMN(ci, m.row, u"tags"_s, kNull);
        COMPARE_COLUMN(ci, m.row, u"recipients"_s, kNull);
        const QHash<QString, qint64> undeclared {{u"authResults"_s, 1}};
        QCOMPARE(m.stats.undeclaredFields, undeclared);

        // historicalMail as text is accepted too.
        m = mapObject(ci, withField(kCiEntities, u"historicalMail"_s, u"True"_s));
        COMPARE_COLUMN(ci, m.row, u"historicalMail"_s, flag(1));
    }

    void dlpAndAudit()
    {
        const QString dlp = u"seg.dlp"_s;
        Mapped m = mapRecord(dlp, kDlp);
        COMPARE_COLUMN(dlp, m.row, u"eventTime"_s, text(u"2025-06-01T05:11:02.000Z"_s));
        COMPARE_COLUMN(dlp, m.row, u"policy"_s, text(u"Confidential"_s));
        COMPARE_COLUMN(dlp, m.row, u"senderAddress"_s, text(u"mo@corp.example"_s));
        QCOMPARE(m.row.eventTime, u"2025-06-01T05:11:02.000Z"_s);

        const QString audit = u"audit.audit"_s;
        m = mapRecord(audit, kAudit);
        COMPARE_COLUMN(audit, m.row, u"eventInfo"_s,
            text(u"Failed authentication for ian@corp.example <Ian Example>, Date: 2025-06-01, "
                 u"Time: 08:47:55 BST, IP: 198.51.100.61, Application: mimecast-moa, Method: "
                 u"Office 365, Reason: Wrong password"_s));
        COMPARE_COLUMN(audit, m.row, u"category"_s, text(u"authentication_logs"_s));
        COMPARE_COLUMN(audit, m.row, u"eventTime"_s, text(u"2025-06-01T07:47:55.000Z"_s));
        m = mapRecord(audit, kAuditControl);
        COMPARE_COLUMN(audit, m.row, u"eventTime"_s, text(u"2025-06-01T06:50:00.500Z"_s));
        COMPARE_COLUMN(audit, m.row, u"id"_s, kNull);
        COMPARE_COLUMN(audit, m.row, u"eventInfo"_s,
            text(u"Line one\r\nLine two\ttab \u001f unit sep \u007f del"_s));
        QCOMPARE(m.row.eventTime, u"2025-06-01T06:50:00.500Z"_s);
    }

    void awareness()
    {
        const QString performance = u"awareness.performance"_s;
        Mapped m = mapRecord(performance, kAtPerformance);
        COMPARE_COLUMN(performance, m.row, u"userDetails"_s,
            text(u"{\"location\":\"London\",\"manager\":\"Max Example\",\"title\":\"Analyst\"}"_s));
        COMPARE_COLUMN(performance, m.row, u"numCorrect"_s, real(4));
        COMPARE_COLUMN(performance, m.row, u"numIncorrect"_s, real(1));
        COMPARE_COLUMN(performance, m.row, u"numNotWatched"_s, real(2));
        COMPARE_COLUMN(performance, m.row, u"userId"_s, text(u"u-1001"_s));
        QVERIFY(m.row.eventTime.isEmpty());
        QVERIFY(!m.row.eventTimeMissing);
        QCOMPARE(m.stats.rowsWithoutEventTime, 0);
        QCOMPARE(m.row.snapshotId, kSnapshot);
        QVERIFY(m.stats.undeclaredFields.isEmpty());

        const QString safe = u"awareness.safescore"_s;
        m = mapRecord(safe, kAtSafeScore);
        COMPARE_COLUMN(safe, m.row, u"name"_s, text(u"Zo\u00eb Example"_s));
        COMPARE_COLUMN(safe, m.row, u"humanError"_s, text(u"D"_s));

        const QString watchlist = u"awareness.watchlist"_s;
        m = mapRecord(watchlist, kAtWatchlist);
        COMPARE_COLUMN(watchlist, m.row, u"watchlistCount"_s, real(3));
        // A table without the column flattens userDetails to names it does not declare.
        m = mapObject(watchlist,
            withField(kAtWatchlist, u"userDetails"_s, QJsonObject {{u"title"_s, u"CTO"_s}}));
        QCOMPARE(m.stats.undeclaredFields.value(u"userDetails_title"_s), 1);

        const QString userData = u"awareness.userdata"_s;
        m = mapRecord(userData, kAtUserData, u"cmp-7f3a9c21"_s);
        COMPARE_COLUMN(userData, m.row, u"timeScheduled"_s, text(u"2025-05-30T08:00:00.000Z"_s));
        COMPARE_COLUMN(userData, m.row, u"timeClicked"_s, text(u"2025-05-30T09:13:02.000Z"_s));
        COMPARE_COLUMN(userData, m.row, u"timeReported"_s, kNull);
        COMPARE_COLUMN(userData, m.row, u"reactionTime"_s, real(22.5));
        COMPARE_COLUMN(userData, m.row, u"numCampaignsSent"_s, real(5));
        COMPARE_COLUMN(userData, m.row, u"status"_s, text(u"CLICKED"_s));
        COMPARE_COLUMN(userData, m.row, u"items"_s, kNull);
        QCOMPARE(m.row.campaignId, u"cmp-7f3a9c21"_s);
        QCOMPARE(m.stats.coercionWarnings, 0);
    }

    void awarenessUserDataTimes_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QVariant>("expected");
        QTest::addColumn<qint64>("warnings");
        const QVariant opened = text(u"2025-05-30T09:12:40.000Z"_s);
        QTest::newRow("T2") << QJsonValue(u"2025-05-30T09:12:40+0000"_s) << opened << qint64(0);
        QTest::newRow("T2 offset")
            << QJsonValue(u"2025-05-30T10:12:40+01:00"_s) << opened << qint64(0);
        QTest::newRow("epoch ms") << QJsonValue(1748596360000.0) << opened << qint64(0);
        QTest::newRow("epoch ms text") << QJsonValue(u"1748596360000"_s) << opened << qint64(0);
        QTest::newRow("empty") << QJsonValue(u""_s) << kNull << qint64(0);
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << kNull << qint64(0);
        QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << kNull << qint64(0);
        QTest::newRow("text") << QJsonValue(u"soon"_s) << kNull << qint64(1);
        QTest::newRow("bool") << QJsonValue(false) << kNull << qint64(1);
    }

    void awarenessUserDataTimes()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QVariant, expected);
        QFETCH(qint64, warnings);
        const QString userData = u"awareness.userdata"_s;
        const Mapped m = mapObject(userData, withField(kAtUserData, u"timeOpened"_s, value));
        COMPARE_COLUMN(userData, m.row, u"timeOpened"_s, expected);
        QCOMPARE(m.stats.coercionWarnings, warnings);
        QVERIFY(!m.row.eventTimeMissing);
    }

    // The mapper formats times itself (fast path); it must agree with EventTime::toStorage.
    void storageTimeForm_data()
    {
        QTest::addColumn<qint64>("epochMs");
        const qint64 day = 86400000;
        QTest::newRow("epoch") << qint64(0);
        QTest::newRow("1969 (slow path)") << qint64(-1);
        QTest::newRow("0001-01-01") << qint64(-62135596800000);
        QTest::newRow("2000-02-29") << qint64(951782400000) + 123;
        QTest::newRow("2000-03-01 minus 1 ms") << qint64(951868800000) - 1;
        QTest::newRow("2100-02-28 end") << qint64(4107542400000) - 1;
        QTest::newRow("2100-03-01") << qint64(4107542400000);
        QTest::newRow("9999-12-31 end") << qint64(253402300799999);
        quint64 state = 42;
        for (int i = 0; i < 200; ++i) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            const qint64 value = qint64((state >> 11) % quint64(253402300799999));
            QTest::addRow("random %d", i) << value;
            QTest::addRow("random day %d", i) << value / day * day;
        }
    }

    void storageTimeForm()
    {
        QFETCH(qint64, epochMs);
        const QString userData = u"awareness.userdata"_s;
        const TableDef &table = tableFor(userData);
        const QJsonObject raw = withField(kAtUserData, u"timeOpened"_s, double(epochMs));
        MappingStats stats;
        const CacheRow row = RecordMapper(table, schema()).map(raw, {}, {}, {}, {}, &stats);
        if (epochMs < 0) { // not epoch milliseconds (T3); the ISO text goes the same way
            QCOMPARE(stats.coercionWarnings, 1);
            const QString iso = EventTime::toStorage(epochMs);
            const CacheRow isoRow =
                RecordMapper(table, schema())
                    .map(withField(kAtUserData, u"timeOpened"_s, iso), {}, {}, {}, {}, nullptr);
            COMPARE_COLUMN(userData, isoRow, u"timeOpened"_s, text(iso));
            return;
        }
        COMPARE_COLUMN(userData, row, u"timeOpened"_s, text(EventTime::toStorage(epochMs)));
    }

    // Names that feed several columns: a source spelled like another column's source but for
    // case, and an alias that is also a column's own name.
    void sharedNames()
    {
        TableDef table;
        table.name = u"Shared_CL"_s;
        table.connector = u"test"_s;
        table.stream = u"test.shared"_s;
        table.dedupFields = {u"x"_s};
        auto column = [](const QString &name, const QString &source, const QStringList &aliases) {
            ColumnDef def;
            def.name = name;
            def.type = ColumnType::Real;
            def.source = source;
            def.aliases = aliases;
            return def;
        };
        table.columns = {column(u"TimeGenerated"_s, {}, {}), column(u"A"_s, u"x"_s, {}),
            column(u"B"_s, u"X"_s, {}), column(u"C"_s, {}, {u"D"_s}), column(u"D"_s, {}, {})};
        const RecordMapper mapper(table, schema());
        auto values = [&](const QByteArray &json) {
            MappingStats stats;
            const CacheRow row = mapper.map(parseObject(json), json, {}, {}, {}, &stats);
            QStringList out;
            for (qsizetype i = 0; i < row.values.size(); ++i) {
                const QVariant value = row.values.at(i);
                out.append(value.isValid() ? QString::number(value.toDouble()) : u"-"_s);
            }
            return out.join(u' ');
        };
        QCOMPARE(values("{\"x\":1}"), u"- 1 1 - -"_s);
        QCOMPARE(values("{\"X\":2}"), u"- 2 2 - -"_s);
        QCOMPARE(values("{\"X\":2,\"x\":1}"), u"- 1 2 - -"_s);
        QCOMPARE(values("{\"D\":5}"), u"- - - 5 5"_s);
        QCOMPARE(values("{\"C\":4,\"D\":5}"), u"- - - 4 5"_s);
        QCOMPARE(values("{\"TimeGenerated\":9}"), u"- - - - -"_s);
    }

    void awarenessItems_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("array") << QJsonValue(QJsonArray {QJsonObject {{u"q"_s, 1}}})
                               << text(u"[{\"q\":1}]"_s);
        QTest::newRow("object") << QJsonValue(QJsonObject {{u"n"_s, u"x"_s}})
                                << text(u"{\"n\":\"x\"}"_s);
        QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << kNull;
    }

    void awarenessItems()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QVariant, expected);
        const QString userData = u"awareness.userdata"_s;
        const Mapped m = mapObject(userData, withField(kAtUserData, u"items"_s, value));
        COMPARE_COLUMN(userData, m.row, u"items"_s, expected);
        QVERIFY(m.stats.undeclaredFields.isEmpty()); // an object in `items` is not flattened
    }

    void missingEventTime_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<QJsonObject>("raw");
        const QJsonValue missing(QJsonValue::Undefined);
        QTest::newRow("cg missing")
            << u"seg.cg"_s << withField(kCgReceipt, u"timestamp"_s, missing);
        QTest::newRow("cg text") << u"seg.cg"_s << withField(kCgReceipt, u"timestamp"_s, u"soon"_s);
        QTest::newRow("cg negative")
            << u"seg.cg"_s << withField(kCgReceipt, u"timestamp"_s, -1748765003.0);
        QTest::newRow("dlp missing") << u"seg.dlp"_s << withField(kDlp, u"eventTime"_s, missing);
        QTest::newRow("dlp garbage")
            << u"seg.dlp"_s << withField(kDlp, u"eventTime"_s, u"2025-13-01T00:00:00Z"_s);
        QTest::newRow("url null") << u"ttp.url"_s
                                  << withField(kTtpUrlEscapes, u"date"_s, QJsonValue::Null);
    }

    void missingEventTime()
    {
        QFETCH(QString, stream);
        QFETCH(QJsonObject, raw);
        const Mapped m = mapObject(stream, raw);
        QVERIFY(m.row.eventTime.isEmpty()); // the writer fills in the commit time
        QVERIFY(m.row.eventTimeMissing);
        QCOMPARE(m.stats.rowsWithoutEventTime, 1);
        QCOMPARE(m.row.dedupKey.left(4), QByteArray(4, '\0')); // bucket 0, as §2.3 says
        QCOMPARE(m.row.dedupKey, computeDedupKey(tableFor(stream), raw).bytes);
    }

    void rawText_data()
    {
        QTest::addColumn<QByteArray>("received");
        QTest::addColumn<QByteArray>("stored");
        QTest::newRow("compact") << QByteArray("{\"b\":1,\"a\":\"x\"}")
                                 << QByteArray("{\"b\":1,\"a\":\"x\"}");
        QTest::newRow("spaces and CRLF")
            << QByteArray("{ \"b\" : 1 ,\n\t\"a\" : [ 1.0 , 2E0 ] }\r\n")
            << QByteArray("{\"b\":1,\"a\":[1.0,2E0]}");
        QTest::newRow("spaces in strings") << QByteArray("{\"a\" : \"x  y\", \"b\":\" \"}")
                                           << QByteArray("{\"a\":\"x  y\",\"b\":\" \"}");
        QTest::newRow("escaped quote")
            << QByteArray("{\"a\" : \"q\\\"  \\\\\" , \"b\" : \"\\\\\" , \"c\" : 2}")
            << QByteArray("{\"a\":\"q\\\"  \\\\\",\"b\":\"\\\\\",\"c\":2}");
        QTest::newRow("invalid UTF-8")
            << QByteArray("{\"a\": \"\xff\"}") << QByteArray("{\"a\":\"\xef\xbf\xbd\"}");
        // The scan that lets compact text through unchanged must see every kind of gap:
        // at either end, on either side of each structural character, in any 8-byte block.
        QTest::newRow("leading space") << QByteArray(" {\"a\":1}") << QByteArray("{\"a\":1}");
        QTest::newRow("trailing space") << QByteArray("{\"a\":1} ") << QByteArray("{\"a\":1}");
        QTest::newRow("space before colon") << QByteArray("{\"subject\":\"a b c d\",\"a\" :1}")
                                            << QByteArray("{\"subject\":\"a b c d\",\"a\":1}");
        QTest::newRow("space after comma") << QByteArray("{\"subject\":\"a b c d\", \"a\":1}")
                                           << QByteArray("{\"subject\":\"a b c d\",\"a\":1}");
        QTest::newRow("space inside array")
            << QByteArray("{\"list\":[\"one two\",\"three four\" ]}")
            << QByteArray("{\"list\":[\"one two\",\"three four\"]}");
        QTest::newRow("space after bracket") << QByteArray("{\"list\":[ 1],\"o\":{\"k\":2}}")
                                             << QByteArray("{\"list\":[1],\"o\":{\"k\":2}}");
        QTest::newRow("tab in the tail")
            << QByteArray("{\"abcdefghij\":1\t}") << QByteArray("{\"abcdefghij\":1}");
        QTest::newRow("compact with spaces in strings")
            << QByteArray("{\"subject\":\"Invoice for you, paid: yes\",\"n\":\"x y\"}")
            << QByteArray("{\"subject\":\"Invoice for you, paid: yes\",\"n\":\"x y\"}");
    }

    void rawText()
    {
        QFETCH(QByteArray, received);
        QFETCH(QByteArray, stored);
        const TableDef &table = tableFor(u"seg.dlp"_s);
        const QJsonObject raw = parseObject(QString::fromUtf8(received).toUtf8());
        const CacheRow row = RecordMapper(table, schema()).map(raw, received, {}, {}, {}, nullptr);
        QCOMPARE(row.raw, stored);
        if (received.isValidUtf8())
            QCOMPARE(RecordMapper::compactJson(received), stored);
    }

    void rawWithoutText()
    {
        const TableDef &table = tableFor(u"seg.dlp"_s);
        const QJsonObject raw = parseObject(kDlp);
        const CacheRow row = RecordMapper(table, schema()).map(raw, {}, {}, {}, {}, nullptr);
        QCOMPARE(row.raw, compact(raw));
        QCOMPARE(parseObject(row.raw), raw);
    }

    void dedupFieldsAsSpelled_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<QByteArray>("received");
        QTest::addColumn<QByteArray>("equivalent"); // the record as the key must read it
        QTest::addColumn<QByteArray>("different"); // a record whose key must differ
        auto withFirst = [](const QByteArray &json, const QByteArray &field) {
            return QByteArray(json).insert(1, field + ',');
        };
        auto withLast = [](const QByteArray &json, const QByteArray &field) {
            return QByteArray(json).insert(json.size() - 1, ',' + field);
        };
        const QByteArray cgOther = compact(withField(kCgReceipt, u"processingId"_s, u"other"_s));
        QTest::newRow("cg: the first of a repeated field")
            << u"seg.cg"_s << withLast(kCgReceipt, "\"processingId\":\"other\"") << kCgReceipt
            << cgOther;
        const QByteArray cgCased =
            QByteArray(kCgReceipt).replace("\"processingId\"", "\"ProcessingId\"");
        QTest::newRow("cg: another letter case is missing")
            << u"seg.cg"_s << cgCased << cgCased << kCgReceipt;
        QTest::newRow("cg: another letter case, then the field")
            << u"seg.cg"_s << withFirst(kCgReceipt, "\"ProcessingId\":\"other\"") << kCgReceipt
            << cgOther;
        // CI's `action` feeds the key but no column.
        const QByteArray ciBlock = withLast(kCiEntities, "\"action\":\"BLOCK\"");
        QTest::newRow("ci: a field that is no column")
            << u"cloud-integrated.ci"_s << ciBlock << ciBlock << kCiEntities;
        QTest::newRow("ci: the first of a repeated field that is no column")
            << u"cloud-integrated.ci"_s
            << withLast(withFirst(kCiEntities, "\"action\":\"BLOCK\""), "\"action\":\"ALLOW\"")
            << ciBlock << withLast(kCiEntities, "\"action\":\"ALLOW\"");
    }

    // The mapper catches the key's fields while it visits the record for the columns; the key
    // must still be the one of the record read field by field (exact names, first occurrence).
    void dedupFieldsAsSpelled()
    {
        QFETCH(QString, stream);
        QFETCH(QByteArray, received);
        QFETCH(QByteArray, equivalent);
        QFETCH(QByteArray, different);
        const TableDef &table = tableFor(stream);
        const Mapped m = mapRecord(stream, received);
        const QByteArray expected = computeDedupKey(table, parseObject(equivalent)).bytes;
        QCOMPARE(m.row.dedupKey, expected);
        QVERIFY(computeDedupKey(table, parseObject(different)).bytes != expected);
        if (stream == "cloud-integrated.ci"_L1) // still counted as undeclared
            QVERIFY(m.stats.undeclaredFields.contains(u"action"_s));
    }

    void compactSharesUnchangedText()
    {
        const QByteArray json = kCgReceipt;
        QCOMPARE(RecordMapper::compactJson(json).constData(), json.constData());
        // Spaces inside strings, even one beside a comma, leave compact text as it is.
        const QByteArray spaced = "{\"subject\":\"a b\",\"n\":\"x y z\",\"m\":\"p q r s t u v\"}";
        QCOMPARE(RecordMapper::compactJson(spaced).constData(), spaced.constData());
    }

    void undeclaredCountsAreBounded()
    {
        QJsonObject raw = parseObject(kDlp);
        for (int i = 0; i < 300; ++i)
            raw.insert(u"extra%1"_s.arg(i), i);
        const Mapped m = mapObject(u"seg.dlp"_s, raw);
        QCOMPARE(m.stats.undeclaredFields.size(), MappingStats::kMaxUndeclaredNames);
        QCOMPARE(m.stats.undeclaredNotListed, 300 - MappingStats::kMaxUndeclaredNames);

        MappingStats total;
        total.merge(m.stats);
        total.merge(mapRecord(u"seg.cg"_s, kCgReceipt).stats);
        QCOMPARE(total.undeclaredFields.size(), MappingStats::kMaxUndeclaredNames);
        QCOMPARE(total.undeclaredNotListed, 300 - MappingStats::kMaxUndeclaredNames + 2);

        MappingStats small;
        small.merge(mapRecord(u"seg.cg"_s, kCgReceipt).stats);
        small.merge(mapRecord(u"seg.cg"_s, kCgReceipt).stats);
        QCOMPARE(small.undeclaredFields.value(u"spamScore"_s), 2);
    }

    void deepNestingIsBounded()
    {
        // Nesting beyond the flattening depth: counted, never followed, no crash.
        QJsonObject inner {{u"leaf"_s, 1}};
        for (int i = 0; i < 80; ++i)
            inner = QJsonObject {{u"n"_s, inner}};
        const Mapped m = mapObject(u"ttp.url"_s, withField(kTtpUrlEscapes, u"tagMap"_s, inner));
        QCOMPARE(m.stats.undeclaredFields.size(), 1);
        QVERIFY(m.stats.undeclaredFields.constBegin().key().startsWith(u"tagMap_n_n_"_s));
    }

    // The mapper and the cache schema agree: the STRICT tables take every mapped row.
    void writerAcceptsMappedRows()
    {
        test::TestCache cache;
        QVERIFY2(cache.start(), qPrintable(cache.error().message));

        QHash<QString, QList<CacheRow>> rowsByTable;
        qint64 total = 0;
        auto add = [&](const QString &stream, const QJsonObject &raw, const QString &campaign) {
            const TableDef &table = tableFor(stream);
            rowsByTable[table.name].append(
                RecordMapper(table, schema())
                    .map(raw, compact(raw), kSource, campaign, kSnapshot, nullptr));
            ++total;
        };
        for (const Sample &sample : samples())
            add(sample.stream, parseObject(sample.json), sample.campaignId);
        // Every CG type, an unknown one, coerced values and a missing event time.
        const QStringList types {u"process"_s, u"delivery"_s, u"av"_s, u"spam"_s,
            u"internal email protect"_s, u"impersonation protect"_s, u"url protect"_s,
            u"attachment protect"_s, u"journal"_s, u"quarantine notice"_s};
        for (const QString &type : types)
            add(u"seg.cg"_s, withField(kCgReceipt, u"type"_s, type), {});
        auto variant = [](const QByteArray &json, const QString &field, const QJsonValue &value,
                           const QString &idField, const QString &id) {
            QJsonObject raw = withField(json, field, value);
            raw.insert(idField, id); // a distinct record, not a duplicate
            return raw;
        };
        add(u"seg.cg"_s, variant(kCgReceipt, u"_offset"_s, u"n/a"_s, u"processingId"_s, u"p-1"_s),
            {});
        add(u"seg.cg"_s, withField(kCgReceipt, u"timestamp"_s, QJsonValue::Null), {});
        add(u"ttp.impersonation"_s,
            variant(kImpersonation, u"hits"_s, u"lots"_s, u"id"_s, u"MTOKEN:2"_s), {});
        add(u"ttp.impersonation"_s,
            variant(kImpersonation, u"taggedMalicious"_s, u"yes"_s, u"id"_s, u"MTOKEN:3"_s), {});
        add(u"awareness.userdata"_s,
            withField(kAtUserData, u"items"_s, QJsonArray {QJsonObject {{u"q"_s, 1}}}), u"cmp-2"_s);

        WriteUnit unit;
        unit.description = u"mapped rows"_s;
        for (auto it = rowsByTable.constBegin(); it != rowsByTable.constEnd(); ++it)
            unit.batches.append({it.key(), it.value()});
        WriteUnit again = unit;
        const WriteResult result = cache.write(std::move(unit));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.inserted, total);
        QCOMPARE(result.duplicates, 0);

        auto scalar = [&](const QString &sql) { return cache.scalar(sql); };
        QCOMPARE(
            scalar(u"SELECT count(*) FROM Seg_Cg_CL WHERE Logtype LIKE 'email\\_%' ESCAPE '\\'"_s)
                .toInt(),
            15);
        QCOMPARE(
            scalar(u"SELECT count(*) FROM Seg_Cg_CL WHERE Logtype = 'quarantine notice'"_s).toInt(),
            1);
        QCOMPARE(scalar(u"SELECT typeof(timestamp) || typeof(offset) FROM Seg_Cg_CL "
                        u"WHERE Logtype = 'email_receipt' AND offset IS NOT NULL LIMIT 1"_s)
                     .toString(),
            u"realreal"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM Seg_Cg_CL WHERE _event_time_missing = 1 "
                        u"AND _event_time = TimeGenerated"_s)
                     .toInt(),
            1);
        QCOMPARE(scalar(u"SELECT _event_time FROM Seg_Cg_CL WHERE Logtype = 'email_receipt' "
                        u"AND _event_time_missing = 0 LIMIT 1"_s)
                     .toString(),
            u"2025-06-01T08:03:23.123Z"_s);
        QCOMPARE(scalar(u"SELECT typeof(historicalMail) || historicalMail FROM "
                        u"Cloud_Integrated_CL WHERE type_ = 'entities'"_s)
                     .toString(),
            u"integer0"_s);
        QCOMPARE(scalar(u"SELECT json_array_length(recipients) FROM Cloud_Integrated_CL "
                        u"WHERE type_ = 'entities'"_s)
                     .toInt(),
            2);
        QCOMPARE(scalar(u"SELECT json_extract(actions, '$') FROM Ttp_Url_CL "
                        u"WHERE tagMap_DangerousFileExt_Inspect_FileExts = '[\"[exe]\"]'"_s)
                     .toString(),
            u"Block"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM Ttp_Impersonation_CL WHERE typeof(hits) = 'real'"_s)
                     .toInt(),
            2);
        QCOMPARE(scalar(u"SELECT count(*) FROM Ttp_Impersonation_CL "
                        u"WHERE taggedMalicious IS NULL"_s)
                     .toInt(),
            1);
        QCOMPARE(scalar(u"SELECT eventTime FROM Seg_Dlp_CL"_s).toString(),
            u"2025-06-01T05:11:02.000Z"_s);
        QCOMPARE(scalar(u"SELECT _raw_sha256 FROM Seg_Dlp_CL"_s).toString(),
            sha256Hex(test::canonicalJson(parseObject(kDlp))));
        QCOMPARE(scalar(u"SELECT lower(hex(_dedup_key)) FROM Seg_Dlp_CL"_s).toString(),
            u"01bcbb37046dd49479c05e42e07eb6de"_s);
        QCOMPARE(scalar(u"SELECT json_extract(userDetails, '$.location') FROM "
                        u"Awareness_Performance_Details_CL"_s)
                     .toString(),
            u"London"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM Awareness_Performance_Details_CL WHERE "
                        u"_event_time = TimeGenerated AND _event_time_missing = 0 AND "
                        u"_first_seen = '2025-06-01T12:00:00.000Z'"_s)
                     .toInt(),
            1);
        QCOMPARE(scalar(u"SELECT group_concat(_campaign_id || ':' || ifnull(items, 'NULL'), ',') "
                        u"FROM (SELECT * FROM Awareness_User_Data_CL ORDER BY _seq)"_s)
                     .toString(),
            u"cmp-7f3a9c21:NULL,cmp-2:[{\"q\":1}]"_s);

        // The same rows again: all suppressed by the dedup key.
        const WriteResult repeat = cache.write(std::move(again));
        QVERIFY2(repeat.ok(), qPrintable(repeat.error.message));
        QCOMPARE(repeat.inserted, 0);
        QCOMPARE(repeat.duplicates, total);
    }

    // Not an assertion: prints the single-thread mapping rate for CG records.
    void mappingRate()
    {
        const TableDef &table = tableFor(u"seg.cg"_s);
        const RecordMapper mapper(table, schema());
        const QList<QByteArray> shapes {kCgReceipt, kCgDelivery, kCgImpersonation};
        QList<QByteArray> lines;
        QList<QJsonObject> objects;
        qint64 bytes = 0;
        for (int i = 0; i < 3000; ++i) {
            QJsonObject raw = parseObject(shapes.at(i % shapes.size()));
            raw.insert(u"processingId"_s, u"cHJvY2Vzc2luZw%1_1748765000"_s.arg(i));
            raw.insert(u"timestamp"_s, 1748765003123.0 + i * 250);
            lines.append(compact(raw));
            objects.append(raw);
            bytes += lines.constLast().size();
        }
        const int rounds = 20;
        const qint64 count = qint64(rounds) * objects.size();
        MappingStats stats;
        qint64 keep = 0;

        QElapsedTimer timer;
        timer.start();
        for (int round = 0; round < rounds; ++round) {
            for (qsizetype i = 0; i < objects.size(); ++i)
                keep += mapper.map(objects.at(i), lines.at(i), kSource, {}, {}, &stats).raw.size();
        }
        const double mapSeconds = double(timer.nsecsElapsed()) / 1e9;

        timer.restart();
        for (int round = 0; round < rounds; ++round) {
            for (const QByteArray &line : std::as_const(lines)) {
                const QJsonObject raw = QJsonDocument::fromJson(line).object();
                keep += mapper.map(raw, line, kSource, {}, {}, &stats).raw.size();
            }
        }
        const double parseSeconds = double(timer.nsecsElapsed()) / 1e9;

        // Where the time goes: the parts the mapper delegates.
        timer.restart();
        for (const QJsonObject &raw : std::as_const(objects))
            keep += computeDedupKey(table, raw).bytes.size();
        const double dedupUs = double(timer.nsecsElapsed()) / 1e3 / double(objects.size());
        timer.restart();
        for (const QJsonObject &raw : std::as_const(objects))
            keep += QCryptographicHash::hash(test::canonicalJson(raw), QCryptographicHash::Sha256)
                        .size();
        const double rawHashUs = double(timer.nsecsElapsed()) / 1e3 / double(objects.size());

        QVERIFY(keep > 0);
        QCOMPARE(stats.coercionWarnings, 0);
        qInfo("CG records: %d, average %lld bytes", int(objects.size()), bytes / objects.size());
        qInfo("map(): %.0f records/s (%.2f us each)", double(count) / mapSeconds,
            mapSeconds * 1e6 / double(count));
        qInfo("parse + map(): %.0f records/s", double(count) / parseSeconds);
        qInfo("of which computeDedupKey %.2f us, SHA-256 of JCS for _raw_sha256 %.2f us", dedupUs,
            rawHashUs);
    }
};

QTEST_GUILESS_MAIN(TestRecordMapper)
#include "tst_recordmapper.moc"
