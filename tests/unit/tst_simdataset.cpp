// The simulator's dataset library: its own dedup-key implementation against the shared vectors
// (connectors.md §2.3), determinism and addressability (mimecast-api.md §10.2), realism and
// quirks (§9), rule coverage on every day (content.md §2) and SIEM batch file cutting (§10.4).
#include "dataset.h"
#include "dedupkey.h"
#include "prng.h"
#include "vocabulary.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <map>

using namespace Qt::Literals::StringLiterals;
using namespace msc::sim;

namespace {

// A verbatim copy of the spec's dedup-vectors.json, one C string per line (a raw string literal
// would trip moc): the test must not read the spec folder at run time.
const char kDedupVectors[] =
    "{\n"
    "  \"description\": \"Test vectors for the 16-byte dedup key of connectors.md §2.3: 4-byte "
    "big-endian minute bucket + first 12 bytes of SHA-256 of the identity material, shown as 32 "
    "lowercase hex characters. raw = the record exactly as received (JSON text); identity = the "
    "identity material as a string (hash its UTF-8 bytes); bucket = minutes since 1970-01-01 UTC "
    "of the event-time field, 0 when missing or unparsable and for the awareness streams. The "
    "console and the simulator must both reproduce every vector in a unit test.\",\n"
    "  \"vectors\": [\n"
    "    {\n"
    "      \"name\": \"cg-receipt-epoch-ms\",\n"
    "      \"stream\": \"seg.cg\",\n"
    "      \"note\": \"CG: timestamp is epoch ms (T3); bucket = floor(1748765003123 / 60000).\",\n"
    "      \"raw\": "
    "\"{\\\"_offset\\\":81234,\\\"_partition\\\":12,\\\"accountId\\\":\\\"CDEMO01\\\","
    "\\\"aggregateId\\\":\\\"Q2xhc3NpY0FnZ3JlZ2F0ZQ_1748765000\\\",\\\"processingId\\\":"
    "\\\"Zm9vYmFyUHJvY2Vzc2luZ0lkMDAx_1748765000\\\",\\\"timestamp\\\":1748765003123,\\\"type\\\":"
    "\\\"receipt\\\",\\\"subtype\\\":\\\"Acc\\\",\\\"action\\\":\\\"Acc\\\",\\\"direction\\\":"
    "\\\"Inbound\\\",\\\"messageId\\\":\\\"<4f1c2a9e@mail.partner.example>\\\","
    "\\\"numberAttachments\\\":\\\"1\\\",\\\"receiptErrors\\\":null,\\\"recipients\\\":\\\"alice@"
    "corp.example\\\",\\\"rejectionCode\\\":null,\\\"senderEnvelope\\\":\\\"billing@partner."
    "example\\\",\\\"senderIp\\\":\\\"198.51.100.23\\\",\\\"spamScore\\\":\\\"12\\\","
    "\\\"subject\\\":\\\"Invoice 5521\\\",\\\"tlsVersion\\\":\\\"TLSv1.3\\\"}\",\n"
    "      \"bucket\": 29146083,\n"
    "      \"identity\": "
    "\"h:[\\\"receipt\\\",\\\"Zm9vYmFyUHJvY2Vzc2luZ0lkMDAx_1748765000\\\","
    "\\\"Q2xhc3NpY0FnZ3JlZ2F0ZQ_1748765000\\\",1748765003123,\\\"<4f1c2a9e@mail.partner.example>"
    "\\\",\\\"alice@corp.example\\\",\\\"Acc\\\",\\\"Acc\\\"]\",\n"
    "      \"expectedKey\": \"01bcbbe38893859ebbaf519615aee9a4\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"ci-entities-array-recipients\",\n"
    "      \"stream\": \"cloud-integrated.ci\",\n"
    "      \"note\": \"CI: recipients is an array (written by JCS); the record has no action "
    "field, so it is null.\",\n"
    "      \"raw\": "
    "\"{\\\"_offset\\\":5501,\\\"_partition\\\":3,\\\"accountId\\\":\\\"CDEMO01\\\","
    "\\\"aggregateId\\\":\\\"Y2lBZ2dyZWdhdGU_1748770000\\\",\\\"processingId\\\":"
    "\\\"Y2lQcm9jZXNzaW5n_1748770000\\\",\\\"timestamp\\\":1748770012000,\\\"type\\\":"
    "\\\"entities\\\",\\\"subtype\\\":\\\"MALWARE\\\",\\\"attachments\\\":[\\\"Sandbox "
    "Test.xlsx\\\"],\\\"direction\\\":\\\"INBOUND\\\",\\\"historicalMail\\\":false,"
    "\\\"messageId\\\":\\\"<0bb5c112@tenant.example>\\\",\\\"policiesApplied\\\":[{\\\"action\\\":"
    "\\\"BLOCK\\\",\\\"mode\\\":\\\"ACTIVE\\\",\\\"name\\\":\\\"Default O365 Mail "
    "policy\\\"}],\\\"recipients\\\":[\\\"helen@tenant.example\\\",\\\"ivan@tenant.example\\\"],"
    "\\\"tags\\\":[\\\"MALWARE\\\"]}\",\n"
    "      \"bucket\": 29146166,\n"
    "      \"identity\": "
    "\"h:[\\\"entities\\\",\\\"Y2lQcm9jZXNzaW5n_1748770000\\\",\\\"Y2lBZ2dyZWdhdGU_1748770000\\\","
    "1748770012000,\\\"<0bb5c112@tenant.example>\\\",[\\\"helen@tenant.example\\\",\\\"ivan@tenant."
    "example\\\"],null,\\\"MALWARE\\\"]\",\n"
    "      \"expectedKey\": \"01bcbc36776328ab78d4e71a508fb1a3\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"dlp-plus0000\",\n"
    "      \"stream\": \"seg.dlp\",\n"
    "      \"note\": \"DLP: eventTime with a +0000 offset (T2); the string itself goes into the "
    "identity unchanged.\",\n"
    "      \"raw\": "
    "\"{\\\"senderAddress\\\":\\\"mo@corp.example\\\",\\\"recipientAddress\\\":\\\"someone@gmail."
    "example\\\",\\\"subject\\\":\\\"customer "
    "list\\\",\\\"eventTime\\\":\\\"2025-06-01T05:11:02+0000\\\",\\\"route\\\":\\\"outbound\\\","
    "\\\"policy\\\":\\\"Confidential\\\",\\\"action\\\":\\\"hold\\\",\\\"messageId\\\":\\\"<"
    "ee36704d@corp.example>\\\"}\",\n"
    "      \"bucket\": 29145911,\n"
    "      \"identity\": "
    "\"h:[\\\"<ee36704d@corp.example>\\\",\\\"someone@gmail.example\\\",\\\"Confidential\\\","
    "\\\"hold\\\",\\\"2025-06-01T05:11:02+0000\\\"]\",\n"
    "      \"expectedKey\": \"01bcbb37046dd49479c05e42e07eb6de\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"audit-native-id\",\n"
    "      \"stream\": \"audit.audit\",\n"
    "      \"note\": \"Audit with a native id: identity = \\\"id:\\\" + id.\",\n"
    "      \"raw\": "
    "\"{\\\"id\\\":\\\"eNqrVipOTS4tSs1MUbJSyi1MjgwDEMOx\\\",\\\"auditType\\\":\\\"Logon "
    "Authentication "
    "Failed\\\",\\\"user\\\":\\\"ian@corp.example\\\",\\\"eventTime\\\":\\\"2025-06-01T07:47:55+"
    "0000\\\",\\\"category\\\":\\\"authentication_logs\\\",\\\"eventInfo\\\":\\\"Failed "
    "authentication for ian@corp.example <Ian Example>, Date: 2025-06-01, Time: 08:47:55 BST, IP: "
    "198.51.100.61, Application: mimecast-moa, Method: Office 365, Reason: Wrong password\\\"}\",\n"
    "      \"bucket\": 29146067,\n"
    "      \"identity\": \"id:eNqrVipOTS4tSs1MUbJSyi1MjgwDEMOx\",\n"
    "      \"expectedKey\": \"01bcbbd3febdc24444470000f59e9ac3\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"audit-fallback-no-id\",\n"
    "      \"stream\": \"audit.audit\",\n"
    "      \"note\": \"Audit without id: the fallback hash of (auditType, user, eventTime, "
    "category, eventInfo).\",\n"
    "      \"raw\": \"{\\\"auditType\\\":\\\"Completed Directory "
    "Sync\\\",\\\"user\\\":\\\"\\\",\\\"eventTime\\\":\\\"2025-06-01T02:00:07+0000\\\","
    "\\\"category\\\":\\\"account_logs\\\",\\\"eventInfo\\\":\\\"No changes found.\\\"}\",\n"
    "      \"bucket\": 29145720,\n"
    "      \"identity\": \"h:[\\\"Completed Directory "
    "Sync\\\",\\\"\\\",\\\"2025-06-01T02:00:07+0000\\\",\\\"account_logs\\\",\\\"No changes "
    "found.\\\"]\",\n"
    "      \"expectedKey\": \"01bcba78d1af2f65d6b3802e5447884c\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"audit-fallback-empty-id\",\n"
    "      \"stream\": \"audit.audit\",\n"
    "      \"note\": \"An empty id also falls back to the hash: same key as "
    "audit-fallback-no-id.\",\n"
    "      \"raw\": \"{\\\"id\\\":\\\"\\\",\\\"auditType\\\":\\\"Completed Directory "
    "Sync\\\",\\\"user\\\":\\\"\\\",\\\"eventTime\\\":\\\"2025-06-01T02:00:07+0000\\\","
    "\\\"category\\\":\\\"account_logs\\\",\\\"eventInfo\\\":\\\"No changes found.\\\"}\",\n"
    "      \"bucket\": 29145720,\n"
    "      \"identity\": \"h:[\\\"Completed Directory "
    "Sync\\\",\\\"\\\",\\\"2025-06-01T02:00:07+0000\\\",\\\"account_logs\\\",\\\"No changes "
    "found.\\\"]\",\n"
    "      \"expectedKey\": \"01bcba78d1af2f65d6b3802e5447884c\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"audit-fallback-control-chars\",\n"
    "      \"stream\": \"audit.audit\",\n"
    "      \"note\": \"Audit fallback with control characters in eventInfo: JCS writes \\\\r, "
    "\\\\n, \\\\t, \\\\u001f and leaves U+007F as is. eventTime uses a space, a fraction and a "
    "+01:00 offset (bucket 06:50 UTC).\",\n"
    "      \"raw\": \"{\\\"auditType\\\":\\\"Message "
    "Action\\\",\\\"user\\\":\\\"ian@corp.example\\\",\\\"eventTime\\\":\\\"2025-06-01 "
    "07:50:00.5+01:00\\\",\\\"category\\\":\\\"case_review_logs\\\",\\\"eventInfo\\\":\\\"Line "
    "one\\\\r\\\\nLine two\\\\ttab \\\\u001f unit sep \\\\u007f del\\\"}\",\n"
    "      \"bucket\": 29146010,\n"
    "      \"identity\": \"h:[\\\"Message Action\\\",\\\"ian@corp.example\\\",\\\"2025-06-01 "
    "07:50:00.5+01:00\\\",\\\"case_review_logs\\\",\\\"Line one\\\\r\\\\nLine two\\\\ttab "
    "\\\\u001f unit sep  del\\\"]\",\n"
    "      \"expectedKey\": \"01bcbb9aa704c5b3a8c3535af26cae2e\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"ttp-impersonation-native-id\",\n"
    "      \"stream\": \"ttp.impersonation\",\n"
    "      \"note\": \"TTP Impersonation with a native id.\",\n"
    "      \"raw\": "
    "\"{\\\"id\\\":\\\"MTOKEN:eNqrVkouLS7Jz00tSs5PSVWyUnI2demo\\\",\\\"senderAddress\\\":\\\"ceo@"
    "corp-example.test\\\",\\\"recipientAddress\\\":\\\"ap@corp.example\\\",\\\"subject\\\":"
    "\\\"Quick favour\\\",\\\"definition\\\":\\\"IP - 1 hit (Tag "
    "email)\\\",\\\"hits\\\":1,\\\"identifiers\\\":[\\\"internal_user_name\\\",\\\"newly_observed_"
    "domain\\\"],\\\"action\\\":\\\"hold\\\",\\\"taggedExternal\\\":false,\\\"taggedMalicious\\\":"
    "true,\\\"senderIpAddress\\\":\\\"192.0.2.66\\\",\\\"eventTime\\\":\\\"2025-06-01T11:30:15+"
    "0000\\\",\\\"messageId\\\":\\\"<mn2pr16@corp-example.test>\\\"}\",\n"
    "      \"bucket\": 29146290,\n"
    "      \"identity\": \"id:MTOKEN:eNqrVkouLS7Jz00tSs5PSVWyUnI2demo\",\n"
    "      \"expectedKey\": \"01bcbcb234ba287d0bca48dbaf917021\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"ttp-url-unicode-escapes\",\n"
    "      \"stream\": \"ttp.url\",\n"
    "      \"note\": \"TTP URL: \\\\u escapes (BMP and a surrogate pair), escaped quote, "
    "backslash, solidus and a tab in subject and url. Values are decoded before JCS; the subject "
    "is not an identity field.\",\n"
    "      \"raw\": "
    "\"{\\\"userEmailAddress\\\":\\\"jos\\\\u00e9@corp.example\\\",\\\"fromUserEmailAddress\\\":"
    "\\\"alerts@partner.example\\\",\\\"url\\\":\\\"https:\\\\/\\\\/files.bad.example\\\\/"
    "r\\\\u00e9sum\\\\u00e9 "
    "\\\\ud83d\\\\ude00.exe?q=\\\\\\\"x\\\\\\\"&p=a\\\\\\\\b\\\",\\\"ttpDefinition\\\":\\\"Default "
    "Inbound URL Protect Definition\\\",\\\"subject\\\":\\\"Re: "
    "\\\\\\\"R\\\\u00e9sum\\\\u00e9\\\\\\\" \\\\u2013 caf\\\\u00e9 "
    "\\\\ud83d\\\\ude00\\\\ttab\\\\\\\\slash "
    "\\\\u0001ctl\\\",\\\"action\\\":\\\"block\\\",\\\"scanResult\\\":\\\"malicious\\\","
    "\\\"category\\\":\\\"Dangerous file "
    "extension\\\",\\\"sendingIp\\\":\\\"198.51.100.120\\\",\\\"date\\\":\\\"2025-06-01T09:05:03+"
    "0000\\\",\\\"actions\\\":\\\"Block\\\",\\\"route\\\":\\\"inbound\\\",\\\"creationMethod\\\":"
    "\\\"User "
    "Click\\\",\\\"emailPartsDescription\\\":[\\\"Body\\\"],\\\"messageId\\\":\\\"<5d2e@partner."
    "example>\\\"}\",\n"
    "      \"bucket\": 29146145,\n"
    "      \"identity\": \"h:[\\\"<5d2e@partner.example>\\\",\\\"https://files.bad.example/résumé "
    "😀.exe?q=\\\\\\\"x\\\\\\\"&p=a\\\\\\\\b\\\",\\\"josé@corp.example\\\",\\\"2025-06-01T09:05:03+"
    "0000\\\",\\\"block\\\"]\",\n"
    "      \"expectedKey\": \"01bcbc219b32e679c60d8ee201c5d066\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"ttp-url-unicode-literal\",\n"
    "      \"stream\": \"ttp.url\",\n"
    "      \"note\": \"The same identity fields as ttp-url-unicode-escapes, written as literal "
    "UTF-8 in another key order: same key.\",\n"
    "      \"raw\": "
    "\"{\\\"messageId\\\":\\\"<5d2e@partner.example>\\\",\\\"date\\\":\\\"2025-06-01T09:05:03+"
    "0000\\\",\\\"url\\\":\\\"https://files.bad.example/résumé "
    "😀.exe?q=\\\\\\\"x\\\\\\\"&p=a\\\\\\\\b\\\",\\\"userEmailAddress\\\":\\\"josé@corp.example\\\","
    "\\\"action\\\":\\\"block\\\",\\\"subject\\\":\\\"another subject\\\"}\",\n"
    "      \"bucket\": 29146145,\n"
    "      \"identity\": \"h:[\\\"<5d2e@partner.example>\\\",\\\"https://files.bad.example/résumé "
    "😀.exe?q=\\\\\\\"x\\\\\\\"&p=a\\\\\\\\b\\\",\\\"josé@corp.example\\\",\\\"2025-06-01T09:05:03+"
    "0000\\\",\\\"block\\\"]\",\n"
    "      \"expectedKey\": \"01bcbc219b32e679c60d8ee201c5d066\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"ttp-attachment-missing-field\",\n"
    "      \"stream\": \"ttp.attachment\",\n"
    "      \"note\": \"TTP Attachment without fileHash: that identity value is null.\",\n"
    "      \"raw\": "
    "\"{\\\"senderAddress\\\":\\\"kim@partner.example\\\",\\\"recipientAddress\\\":\\\"lee@corp."
    "example\\\",\\\"fileName\\\":\\\"Quote.xlsx\\\",\\\"fileType\\\":\\\"application/"
    "vnd.openxmlformats-officedocument.spreadsheetml.sheet\\\",\\\"result\\\":\\\"timeout\\\","
    "\\\"actionTriggered\\\":\\\"none, "
    "none\\\",\\\"date\\\":\\\"2025-06-01T10:52:30+0000\\\",\\\"details\\\":\\\"Timeout            "
    "        \\\\r\\\\nTime taken: 0 hrs, 2 min, 0 "
    "sec\\\",\\\"route\\\":\\\"inbound\\\",\\\"messageId\\\":\\\"<e91f@partner.example>\\\","
    "\\\"subject\\\":\\\"RE: quote\\\",\\\"definition\\\":\\\"Default Inbound Attachment Protect "
    "Definition\\\"}\",\n"
    "      \"bucket\": 29146252,\n"
    "      \"identity\": "
    "\"h:[\\\"<e91f@partner.example>\\\",\\\"lee@corp.example\\\",null,\\\"2025-06-01T10:52:30+"
    "0000\\\"]\",\n"
    "      \"expectedKey\": \"01bcbc8c11826ed25a6a66a4a4ee03d3\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"at-safescore\",\n"
    "      \"stream\": \"awareness.safescore\",\n"
    "      \"note\": \"AT SAFE score: identity = \\\"h:\\\" + JCS of [record] (keys sorted); no "
    "event time, bucket 0.\",\n"
    "      \"raw\": \"{\\\"risk\\\":\\\"B\\\",\\\"name\\\":\\\"Zo\\\\u00eb "
    "Example\\\",\\\"emailAddress\\\":\\\"zoe@corp.example\\\",\\\"department\\\":\\\"Finance\\\","
    "\\\"userState\\\":\\\"active\\\",\\\"knowledge\\\":\\\"C\\\",\\\"engagement\\\":\\\"B\\\","
    "\\\"sentiment\\\":\\\"B\\\",\\\"humanError\\\":\\\"D\\\"}\",\n"
    "      \"bucket\": 0,\n"
    "      \"identity\": "
    "\"h:[{\\\"department\\\":\\\"Finance\\\",\\\"emailAddress\\\":\\\"zoe@corp.example\\\","
    "\\\"engagement\\\":\\\"B\\\",\\\"humanError\\\":\\\"D\\\",\\\"knowledge\\\":\\\"C\\\","
    "\\\"name\\\":\\\"Zoë "
    "Example\\\",\\\"risk\\\":\\\"B\\\",\\\"sentiment\\\":\\\"B\\\",\\\"userState\\\":"
    "\\\"active\\\"}]\",\n"
    "      \"expectedKey\": \"000000003113ce9cd471a49b45a8345a\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"at-performance-numbers\",\n"
    "      \"stream\": \"awareness.performance\",\n"
    "      \"note\": \"AT Performance: numbers 1.0 and 2E0 are written as 1 and 2 (JCS); the "
    "nested userDetails keys are sorted too.\",\n"
    "      \"raw\": \"{\\\"email\\\":\\\"paula@corp.example\\\",\\\"name\\\":\\\"Paula "
    "Example\\\",\\\"department\\\":\\\"Finance\\\",\\\"userState\\\":\\\"active\\\","
    "\\\"numCorrect\\\":4,\\\"numIncorrect\\\":1.0,\\\"numNotWatched\\\":2E0,\\\"userId\\\":\\\"u-"
    "1001\\\",\\\"userDetails\\\":{\\\"title\\\":\\\"Analyst\\\",\\\"manager\\\":\\\"Max "
    "Example\\\",\\\"location\\\":\\\"London\\\"}}\",\n"
    "      \"bucket\": 0,\n"
    "      \"identity\": "
    "\"h:[{\\\"department\\\":\\\"Finance\\\",\\\"email\\\":\\\"paula@corp.example\\\","
    "\\\"name\\\":\\\"Paula "
    "Example\\\",\\\"numCorrect\\\":4,\\\"numIncorrect\\\":1,\\\"numNotWatched\\\":2,"
    "\\\"userDetails\\\":{\\\"location\\\":\\\"London\\\",\\\"manager\\\":\\\"Max "
    "Example\\\",\\\"title\\\":\\\"Analyst\\\"},\\\"userId\\\":\\\"u-1001\\\",\\\"userState\\\":"
    "\\\"active\\\"}]\",\n"
    "      \"expectedKey\": \"000000001da9e149567a9b391415813b\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"at-userdata-campaign\",\n"
    "      \"stream\": \"awareness.userdata\",\n"
    "      \"note\": \"AT user data: identity = \\\"h:\\\" + JCS of [campaign id, record]; bucket "
    "0 (AT streams have no event-time field).\",\n"
    "      \"raw\": \"{\\\"name\\\":\\\"Paula "
    "Example\\\",\\\"email\\\":\\\"paula@corp.example\\\",\\\"department\\\":\\\"Finance\\\","
    "\\\"userState\\\":\\\"active\\\",\\\"templateName\\\":\\\"Parcel "
    "delivery\\\",\\\"status\\\":\\\"CLICKED\\\",\\\"timeScheduled\\\":\\\"2025-05-30T08:00:00+"
    "0000\\\",\\\"timeOpened\\\":\\\"2025-05-30T09:12:40+0000\\\",\\\"timeClicked\\\":\\\"2025-05-"
    "30T09:13:02+0000\\\",\\\"timeReported\\\":null,\\\"timeSubmitted\\\":null,\\\"timeScanned\\\":"
    "null,\\\"clickedIp\\\":\\\"198.51.100.7\\\",\\\"reactionTime\\\":22.5,"
    "\\\"numCampaignsSent\\\":5,\\\"numCampaignsClicked\\\":2,\\\"numCampaignsScanned\\\":0,"
    "\\\"numCampaignsClickedScanned\\\":0,\\\"numCorrectAnswers\\\":3,\\\"numIncorrectAnswers\\\":"
    "1,\\\"numTrainingModulesAssigned\\\":1}\",\n"
    "      \"campaignId\": \"cmp-7f3a9c21\",\n"
    "      \"bucket\": 0,\n"
    "      \"identity\": "
    "\"h:[\\\"cmp-7f3a9c21\\\",{\\\"clickedIp\\\":\\\"198.51.100.7\\\",\\\"department\\\":"
    "\\\"Finance\\\",\\\"email\\\":\\\"paula@corp.example\\\",\\\"name\\\":\\\"Paula "
    "Example\\\",\\\"numCampaignsClicked\\\":2,\\\"numCampaignsClickedScanned\\\":0,"
    "\\\"numCampaignsScanned\\\":0,\\\"numCampaignsSent\\\":5,\\\"numCorrectAnswers\\\":3,"
    "\\\"numIncorrectAnswers\\\":1,\\\"numTrainingModulesAssigned\\\":1,\\\"reactionTime\\\":22.5,"
    "\\\"status\\\":\\\"CLICKED\\\",\\\"templateName\\\":\\\"Parcel "
    "delivery\\\",\\\"timeClicked\\\":\\\"2025-05-30T09:13:02+0000\\\",\\\"timeOpened\\\":\\\"2025-"
    "05-30T09:12:40+0000\\\",\\\"timeReported\\\":null,\\\"timeScanned\\\":null,"
    "\\\"timeScheduled\\\":\\\"2025-05-30T08:00:00+0000\\\",\\\"timeSubmitted\\\":null,"
    "\\\"userState\\\":\\\"active\\\"}]\",\n"
    "      \"expectedKey\": \"000000009ea4994a04ce36c0e7b94a43\"\n"
    "    }\n"
    "  ]\n"
    "}\n";

QDateTime utc(int y, int m, int d, int h = 0, int min = 0, int s = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s), QTimeZone::utc());
}

DatasetConfig defaultConfig()
{
    DatasetConfig config;
    config.seed = 42;
    config.volume = 500;
    config.end = utc(2025, 6, 8);
    config.historyDays = 7;
    return config;
}

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

qint64 eventMs(const QString &streamId, const QJsonObject &record)
{
    return eventTimeMs(streamId, record).value_or(-1);
}

// content.md §1.5: pairs split on ',', key before the first ':', both trimmed, first match wins.
QString kvGet(const QString &text, const QString &key)
{
    const QStringList pairs = text.split(u',');
    for (const QString &pair : pairs) {
        const qsizetype colon = pair.indexOf(u':');
        if (colon < 0)
            continue;
        if (pair.left(colon).trimmed() == key)
            return pair.mid(colon + 1).trimmed();
    }
    return {};
}

QByteArray fileBytes(const Dataset &data, const BatchFileInfo &file, int *chunks = nullptr,
    qsizetype *largestChunk = nullptr)
{
    QByteArray bytes;
    int count = 0;
    qsizetype largest = 0;
    data.writeBatchFile(file, [&](const QByteArray &chunk) {
        bytes.append(chunk);
        ++count;
        largest = qMax(largest, chunk.size());
    });
    if (chunks)
        *chunks = count;
    if (largestChunk)
        *largestChunk = largest;
    return bytes;
}

QList<QByteArray> jsonLines(const QByteArray &bytes)
{
    QList<QByteArray> lines;
    const QList<QByteArray> all = bytes.split('\n');
    for (const QByteArray &line : all) {
        if (!line.trimmed().isEmpty())
            lines.append(line);
    }
    return lines;
}

// VmHWM (peak) or VmRSS (current) of this process, in KiB; -1 when unavailable.
qint64 rssKiB(const char *field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Which of the 13 analytic rules (content.md §2) have no matching raw record on some day of the
// dataset (each 24 hours from its start); empty when every rule has data every day.
QStringList missingRules(const Dataset &data, const QList<Dataset::TruthRecord> &cgTruth,
    const QHash<QString, QList<QJsonObject>> &windows)
{
    QStringList missing;
    auto check = [&missing](bool ok, const QString &what) {
        if (!ok)
            missing.append(what);
    };
    const qint64 start = data.start().toMSecsSinceEpoch();
    constexpr qint64 day = 24 * 3600 * 1000LL;
    const int days = int((data.end().toMSecsSinceEpoch() - start) / day);
    for (int d = 0; d < days; ++d) {
        const qint64 lo = start + d * day;
        const qint64 hi = lo + day;
        auto inDay = [lo, hi](qint64 ms) { return ms >= lo && ms < hi; };
        const QString label = u"day "_s + QString::number(d) + u": "_s;

        QSet<QString> cgTypes;
        bool virus = false;
        for (const auto &record : cgTruth) {
            if (!inDay(eventMs(u"seg.cg"_s, record.payload)))
                continue;
            cgTypes.insert(record.type);
            virus = virus
                || (record.type == u"receipt"_s
                    && !record.payload.value(u"virusFound"_s).toString().isEmpty());
        }
        for (const QString &type : {u"av"_s, u"attachment protect"_s, u"impersonation protect"_s,
                 u"internal email protect"_s, u"spam"_s, u"url protect"_s})
            check(cgTypes.contains(type), label + u"R4-R9 CG type "_s + type);
        check(virus, label + u"R10 receipt with virusFound"_s);

        QSet<QString> dlpActions;
        for (const auto &record : windows.value(u"seg.dlp"_s)) {
            if (inDay(eventMs(u"seg.dlp"_s, record)))
                dlpActions.insert(record.value(u"action"_s).toString());
        }
        check(dlpActions.contains(u"hold"_s), label + u"R2 DLP hold"_s);
        check(dlpActions.contains(u"notification"_s), label + u"R3 DLP notification"_s);

        // R1: more than 3 failed logons with a source IP within 30 minutes.
        QList<qint64> failed;
        for (const auto &record : windows.value(u"audit.audit"_s)) {
            const qint64 ms = eventMs(u"audit.audit"_s, record);
            if (inDay(ms)
                && record.value(u"auditType"_s).toString() == u"Logon Authentication Failed"_s
                && !kvGet(record.value(u"eventInfo"_s).toString(), u"IP"_s).isEmpty())
                failed.append(ms);
        }
        bool burst = false;
        for (qsizetype i = 0; i + 3 < failed.size(); ++i)
            burst = burst || failed.at(i + 3) - failed.at(i) <= 30 * 60 * 1000;
        check(burst, label + u"R1 failed-logon burst"_s);

        bool attachment = false;
        for (const auto &record : windows.value(u"ttp.attachment"_s)) {
            attachment = attachment
                || (inDay(eventMs(u"ttp.attachment"_s, record))
                    && record.value(u"result"_s).toString() != u"safe"_s);
        }
        check(attachment, label + u"R11 attachment result != safe"_s);

        bool impersonation = false;
        for (const auto &record : windows.value(u"ttp.impersonation"_s)) {
            impersonation = impersonation
                || (inDay(eventMs(u"ttp.impersonation"_s, record))
                    && record.value(u"taggedMalicious"_s) == QJsonValue(true));
        }
        check(impersonation, label + u"R12 taggedMalicious"_s);

        bool url = false;
        for (const auto &record : windows.value(u"ttp.url"_s)) {
            url = url
                || (inDay(eventMs(u"ttp.url"_s, record))
                    && record.value(u"scanResult"_s).toString() == u"malicious"_s
                    && record.value(u"action"_s).toString() != u"allow"_s);
        }
        check(url, label + u"R13 malicious URL not allowed"_s);
    }
    return missing;
}

} // namespace

class TestSimDataset : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void bigFileIsStreamed(); // first, so that freed memory of other tests cannot hide growth

    void prngIsDeterministic();
    void prngBounds();
    void mixSeedSeparatesStreamsAndBuckets();

    void dedupVectors_data();
    void dedupVectors();
    void canonicalJson_data();
    void canonicalJson();
    void parseT2_data();
    void parseT2();

    void sameConfigSameBytes();
    void otherSeedOtherData();
    void windowIsUnionOfSubWindows_data();
    void windowIsUnionOfSubWindows();
    void windowRecordsSortedAndInRange();
    void allFeedTypesPresent();
    void truthKeysUniqueAndCounted();
    void everyRuleHasDataEveryDay();
    void unalignedEndStillCoversEveryDay();
    void windowPagingMatchesRecords_data();
    void windowPagingMatchesRecords();
    void everyStreamHasDozensPerDay();
    void quirksArePresent();
    void nativeIdsUnique();
    void sideStreamsReuseCgMessageIds();
    void minuteFilesCoverTheFeed();
    void offsetsIncreasePerPartition();
    void lineFilesHaveExactlyNLines();
    void awarenessSnapshots();
    void populationEmailsUnique();

private:
    std::unique_ptr<Dataset> m_data;
    QHash<QString, QList<Dataset::TruthRecord>> m_truth;
    QHash<QString, QList<QJsonObject>> m_window; // whole history per window stream
};

void TestSimDataset::initTestCase()
{
    m_data = std::make_unique<Dataset>(defaultConfig());
    QCOMPARE(m_data->start(), utc(2025, 6, 1));
    const QStringList tables = Dataset::tableNames();
    QCOMPARE(tables.size(), 11);
    for (const QString &table : tables)
        m_truth.insert(table, m_data->truth(table));
    const QStringList streams = Dataset::windowStreams();
    for (const QString &stream : streams)
        m_window.insert(stream, m_data->windowRecords(stream, {}, {}));
}

void TestSimDataset::prngIsDeterministic()
{
    Prng a(12345);
    Prng b(12345);
    Prng c(12346);
    bool differs = false;
    for (int i = 0; i < 1000; ++i) {
        const quint64 x = a.next();
        QCOMPARE(x, b.next());
        differs = differs || x != c.next();
    }
    QVERIFY(differs);
    // Pinned output: any change to the generator changes every dataset.
    Prng pinned(1);
    QCOMPARE(pinned.next(), Prng(1).next());
    QCOMPARE(mix64(0), 0xe220a8397b1dcdafULL);
}

void TestSimDataset::prngBounds()
{
    Prng prng(7);
    int histogram[10] = {};
    for (int i = 0; i < 100000; ++i) {
        const double u = prng.uniform();
        QVERIFY(u >= 0.0 && u < 1.0);
        const quint64 b = prng.below(10);
        QVERIFY(b < 10);
        ++histogram[b];
        const qint64 r = prng.range(-3, 3);
        QVERIFY(r >= -3 && r <= 3);
    }
    for (const int count : histogram)
        QVERIFY2(count > 9000 && count < 11000, qPrintable(QString::number(count)));
    QCOMPARE(prng.below(0), 0u);
    QCOMPARE(prng.range(5, 5), 5);
    QCOMPARE(prng.weighted({0.0, 0.0, 1.0}), 2);
}

void TestSimDataset::mixSeedSeparatesStreamsAndBuckets()
{
    QCOMPARE(mixSeed(1, u"seg.cg", 10), mixSeed(1, u"seg.cg", 10));
    QVERIFY(mixSeed(1, u"seg.cg", 10) != mixSeed(1, u"seg.cg", 11));
    QVERIFY(mixSeed(1, u"seg.cg", 10) != mixSeed(1, u"seg.dlp", 10));
    QVERIFY(mixSeed(1, u"seg.cg", 10) != mixSeed(2, u"seg.cg", 10));
}

void TestSimDataset::dedupVectors_data()
{
    QTest::addColumn<QString>("stream");
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("campaignId");
    QTest::addColumn<qint64>("bucket");
    QTest::addColumn<QString>("identity");
    QTest::addColumn<QString>("expectedKey");

    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(kDedupVectors), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonArray vectors = doc.object().value(u"vectors"_s).toArray();
    QCOMPARE(vectors.size(), 14);
    for (const QJsonValue &value : vectors) {
        const QJsonObject v = value.toObject();
        QTest::newRow(v.value(u"name"_s).toString().toUtf8().constData())
            << v.value(u"stream"_s).toString() << v.value(u"raw"_s).toString().toUtf8()
            << v.value(u"campaignId"_s).toString() << qint64(v.value(u"bucket"_s).toDouble())
            << v.value(u"identity"_s).toString() << v.value(u"expectedKey"_s).toString();
    }
}

void TestSimDataset::dedupVectors()
{
    QFETCH(QString, stream);
    QFETCH(QByteArray, raw);
    QFETCH(QString, campaignId);
    QFETCH(qint64, bucket);
    QFETCH(QString, identity);
    QFETCH(QString, expectedKey);

    QJsonParseError error {};
    const QJsonObject record = QJsonDocument::fromJson(raw, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(qint64(timeBucket(stream, record)), bucket);
    QCOMPARE(QString::fromUtf8(identityMaterial(stream, record, campaignId)), identity);
    const QByteArray key = dedupKey(stream, record, campaignId);
    QCOMPARE(key.size(), 16);
    QCOMPARE(QString::fromLatin1(key.toHex()), expectedKey);
    QCOMPARE(dedupKeyHex(stream, record, campaignId), expectedKey);
}

void TestSimDataset::canonicalJson_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("integers") << QByteArray("[1.0,2E0,-0.0,0,1748765003123,-7]")
                              << QByteArray("[1,2,0,0,1748765003123,-7]");
    QTest::newRow("fractions") << QByteArray("[0.1,123.456,22.5,-1.5e-10,0.000001,1e-7]")
                               << QByteArray("[0.1,123.456,22.5,-1.5e-10,0.000001,1e-7]");
    QTest::newRow("large") << QByteArray("[1e20,1e21,1.7976931348623157e308,5e-324]")
                           << QByteArray("[100000000000000000000,1e+21,1.7976931348623157e+308,"
                                         "5e-324]");
    // RFC 8785 §3.2.2 example numbers.
    QTest::newRow("rfc8785-numbers")
        << QByteArray("[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001]")
        << QByteArray("[333333333.3333333,1e+30,4.5,0.002,1e-27]");
    QTest::newRow("literals") << QByteArray("[null,true,false,\"\",[],{}]")
                              << QByteArray("[null,true,false,\"\",[],{}]");
    QTest::newRow("string-escapes")
        << QByteArray("[\"\\u00e9\\/\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\\u2028\"]")
        << QByteArray("[\"\xc3\xa9/\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xe2\x80\xa8\"]");
    QTest::newRow("sorted-keys") << QByteArray(
        "{\"b\":1,\"a\":{\"z\":[1,{\"y\":2,\"x\":1}],\"c\":null}}")
                                 << QByteArray(
                                        "{\"a\":{\"c\":null,\"z\":[1,{\"x\":1,\"y\":2}]},\"b\":1}");
    // UTF-16 code unit order: U+20AC < U+1F600 (D83D DE00) < U+FB33, unlike code point order.
    QTest::newRow("utf16-key-order")
        << QByteArray("{\"\\ufb33\":1,\"\\ud83d\\ude00\":2,\"\\u20ac\":3,\"A\":4}")
        << QByteArray("{\"A\":4,\"\xe2\x82\xac\":3,\"\xf0\x9f\x98\x80\":2,\"\xef\xac\xb3\":1}");
}

void TestSimDataset::canonicalJson()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(input, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonValue value = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    QCOMPARE(msc::sim::canonicalJson(value), expected);
}

void TestSimDataset::parseT2_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QDateTime>("expected");

    const QDateTime base = utc(2025, 6, 1, 8, 3, 11);
    QTest::newRow("plus0000") << u"2025-06-01T08:03:11+0000"_s << true << base;
    QTest::newRow("z") << u"2025-06-01T08:03:11Z"_s << true << base;
    QTest::newRow("no-offset-space") << u"2025-06-01 08:03:11"_s << true << base;
    QTest::newRow("colon-offset") << u"2025-06-01T09:03:11+01:00"_s << true << base;
    QTest::newRow("negative-offset") << u"2025-06-01T01:03:11-0700"_s << true << base;
    QTest::newRow("plus0700-not-literal") << u"2025-06-01T15:03:11+0700"_s << true << base;
    QTest::newRow("fraction-9") << u"2025-06-01T08:03:11.123456789Z"_s << true
                                << base.addMSecs(123);
    QTest::newRow("fraction-1") << u"2025-06-01T08:03:11.5+0000"_s << true << base.addMSecs(500);
    QTest::newRow("day-rollover") << u"2025-06-01T00:30:00+01:00"_s << true
                                  << utc(2025, 5, 31, 23, 30);
    QTest::newRow("bad-month") << u"2025-13-01T00:00:00Z"_s << false << QDateTime();
    QTest::newRow("bad-day") << u"2025-02-30T00:00:00Z"_s << false << QDateTime();
    QTest::newRow("date-only") << u"2025-06-01"_s << false << QDateTime();
    QTest::newRow("no-seconds") << u"2025-06-01T08:03"_s << false << QDateTime();
    QTest::newRow("short-offset") << u"2025-06-01T08:03:11+07"_s << false << QDateTime();
    QTest::newRow("empty-fraction") << u"2025-06-01T08:03:11.Z"_s << false << QDateTime();
    QTest::newRow("fraction-10") << u"2025-06-01T08:03:11.1234567890Z"_s << false << QDateTime();
    QTest::newRow("hour-24") << u"2025-06-01T24:00:00Z"_s << false << QDateTime();
    QTest::newRow("garbage") << u"yesterday"_s << false << QDateTime();
    QTest::newRow("trailing") << u"2025-06-01T08:03:11Zx"_s << false << QDateTime();
}

void TestSimDataset::parseT2()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QDateTime, expected);
    const std::optional<qint64> ms = msc::sim::parseT2(text);
    QCOMPARE(ms.has_value(), valid);
    if (valid)
        QCOMPARE(*ms, expected.toMSecsSinceEpoch());
}

void TestSimDataset::sameConfigSameBytes()
{
    const Dataset a(defaultConfig());
    const Dataset b(defaultConfig());
    const QStringList streams = Dataset::windowStreams();
    for (const QString &stream : streams) {
        const QList<QJsonObject> ra = a.windowRecords(stream, {}, {});
        QVERIFY(!ra.isEmpty());
        QCOMPARE(ra, b.windowRecords(stream, {}, {}));
        QCOMPARE(ra, m_window.value(stream));
    }
    const QStringList tables = Dataset::tableNames();
    for (const QString &table : tables) {
        const QList<Dataset::TruthRecord> ta = a.truth(table);
        const QList<Dataset::TruthRecord> tb = b.truth(table);
        QCOMPARE(ta.size(), tb.size());
        for (qsizetype i = 0; i < ta.size(); ++i) {
            QCOMPARE(ta.at(i).key, tb.at(i).key);
            QCOMPARE(ta.at(i).payload, tb.at(i).payload);
        }
    }
    QCOMPARE(a.truthCounts(), b.truthCounts());
    QCOMPARE(a.campaigns(), b.campaigns());
    for (const QString &feed : {u"cg"_s, u"ci"_s}) {
        const QStringList types = feed == u"cg"_s ? Dataset::cgTypes() : Dataset::ciTypes();
        for (const QString &type : types) {
            const QList<BatchFileInfo> fa = a.batchFiles(feed, type);
            const QList<BatchFileInfo> fb = b.batchFiles(feed, type);
            QCOMPARE(fa.size(), fb.size());
            // Files are generated in a different order on purpose: no state carries over.
            for (qsizetype i = fa.size() - 1; i >= 0; i -= qMax<qsizetype>(1, fa.size() / 7)) {
                QCOMPARE(fa.at(i).name, fb.at(i).name);
                QCOMPARE(fileBytes(a, fa.at(i)), fileBytes(b, fb.at(i)));
            }
        }
    }
}

void TestSimDataset::otherSeedOtherData()
{
    DatasetConfig config = defaultConfig();
    config.seed = 43;
    const Dataset other(config);
    QVERIFY(other.windowRecords(u"audit.audit"_s, {}, {}) != m_window.value(u"audit.audit"_s));
    QVERIFY(other.truth(u"Seg_Cg_CL"_s).first().key != m_truth.value(u"Seg_Cg_CL"_s).first().key);
}

void TestSimDataset::windowIsUnionOfSubWindows_data()
{
    QTest::addColumn<QString>("stream");
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("mid");
    QTest::addColumn<QDateTime>("to");
    const QStringList streams = Dataset::windowStreams();
    for (const QString &stream : streams) {
        QTest::addRow("%s-unaligned", qPrintable(stream))
            << stream << utc(2025, 6, 2, 0, 17, 3) << utc(2025, 6, 2, 13, 24, 34)
            << utc(2025, 6, 4, 3, 17, 3);
        QTest::addRow("%s-hour-boundary", qPrintable(stream))
            << stream << utc(2025, 6, 3, 10) << utc(2025, 6, 3, 11) << utc(2025, 6, 3, 12);
        QTest::addRow("%s-whole-history", qPrintable(stream))
            << stream << QDateTime() << utc(2025, 6, 5, 7, 7, 7) << QDateTime();
    }
}

void TestSimDataset::windowIsUnionOfSubWindows()
{
    QFETCH(QString, stream);
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, mid);
    QFETCH(QDateTime, to);
    const QList<QJsonObject> whole = m_data->windowRecords(stream, from, to);
    QList<QJsonObject> parts = m_data->windowRecords(stream, from, mid);
    parts.append(m_data->windowRecords(stream, mid.addMSecs(1), to));
    QVERIFY(!whole.isEmpty());
    QCOMPARE(parts, whole);
    // Inclusive ends: a record at exactly `from` or `to` is in.
    const QDateTime first =
        QDateTime::fromMSecsSinceEpoch(eventMs(stream, whole.first()), QTimeZone::utc());
    const QDateTime last =
        QDateTime::fromMSecsSinceEpoch(eventMs(stream, whole.last()), QTimeZone::utc());
    QCOMPARE(m_data->windowRecords(stream, first, first).first(), whole.first());
    QCOMPARE(m_data->windowRecords(stream, last, last).last(), whole.last());
}

void TestSimDataset::windowRecordsSortedAndInRange()
{
    const qint64 start = m_data->start().toMSecsSinceEpoch();
    const qint64 end = m_data->end().toMSecsSinceEpoch();
    for (auto it = m_window.cbegin(); it != m_window.cend(); ++it) {
        qint64 previous = start;
        for (const QJsonObject &record : it.value()) {
            const qint64 ms = eventMs(it.key(), record);
            QVERIFY2(ms >= previous && ms < end, qPrintable(it.key()));
            previous = ms;
        }
    }
    QVERIFY(m_data->windowRecords(u"seg.cg"_s, {}, {}).isEmpty());
    QVERIFY(m_data->windowRecords(u"ttp.url"_s, utc(2025, 6, 9), utc(2025, 6, 10)).isEmpty());
    QVERIFY(m_data->windowRecords(u"ttp.url"_s, utc(2025, 6, 3), utc(2025, 6, 2)).isEmpty());
}

void TestSimDataset::allFeedTypesPresent()
{
    QCOMPARE(Dataset::cgTypes(),
        QStringList({u"receipt"_s, u"process"_s, u"delivery"_s, u"av"_s, u"spam"_s,
            u"internal email protect"_s, u"impersonation protect"_s, u"url protect"_s,
            u"attachment protect"_s, u"journal"_s}));
    QCOMPARE(Dataset::ciTypes(), QStringList({u"entities"_s, u"mailflow"_s, u"urlclick"_s}));
    QSet<QString> cg;
    for (const auto &record : m_truth.value(u"Seg_Cg_CL"_s)) {
        QCOMPARE(record.type, record.payload.value(u"type"_s).toString());
        cg.insert(record.type);
    }
    QCOMPARE(cg, QSet<QString>(Dataset::cgTypes().cbegin(), Dataset::cgTypes().cend()));
    QSet<QString> ci;
    for (const auto &record : m_truth.value(u"Cloud_Integrated_CL"_s))
        ci.insert(record.type);
    QCOMPARE(ci, QSet<QString>(Dataset::ciTypes().cbegin(), Dataset::ciTypes().cend()));
}

void TestSimDataset::truthKeysUniqueAndCounted()
{
    const QHash<QString, qint64> counts = m_data->truthCounts();
    QCOMPARE(counts.size(), 11);
    static const QRegularExpression hex(u"^[0-9a-f]{32}$"_s);
    for (auto it = m_truth.cbegin(); it != m_truth.cend(); ++it) {
        const QString stream = Dataset::streamOfTable(it.key());
        QSet<QString> keys;
        for (const Dataset::TruthRecord &record : it.value()) {
            QVERIFY(hex.match(record.key).hasMatch());
            QCOMPARE(record.key, dedupKeyHex(stream, record.payload, record.campaignId));
            keys.insert(record.key);
        }
        QVERIFY2(!it.value().isEmpty(), qPrintable(it.key()));
        QCOMPARE(keys.size(), it.value().size());
        QCOMPARE(counts.value(it.key()), qint64(it.value().size()));
    }
}

void TestSimDataset::everyRuleHasDataEveryDay()
{
    const QStringList missing = missingRules(*m_data, m_truth.value(u"Seg_Cg_CL"_s), m_window);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"; "_s)));
}

void TestSimDataset::unalignedEndStillCoversEveryDay()
{
    // An end that is not on an hour: the first and last hour buckets are cut.
    DatasetConfig config = defaultConfig();
    config.seed = 9;
    config.end = utc(2025, 6, 8, 10, 37, 12).addMSecs(345);
    const Dataset data(config);
    QCOMPARE(data.start(), utc(2025, 6, 1, 10, 37, 12).addMSecs(345));
    QHash<QString, QList<QJsonObject>> windows;
    for (const QString &stream : Dataset::windowStreams())
        windows.insert(stream, data.windowRecords(stream, {}, {}));
    const QList<Dataset::TruthRecord> cg = data.truth(u"Seg_Cg_CL"_s);
    const QStringList missing = missingRules(data, cg, windows);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"; "_s)));

    const QHash<QString, qint64> counts = data.truthCounts();
    QCOMPARE(counts.value(u"Seg_Cg_CL"_s), qint64(cg.size()));
    qint64 fileLines = 0;
    for (const QString &type : Dataset::cgTypes()) {
        const QList<BatchFileInfo> files = data.batchFiles(u"cg"_s, type);
        for (const BatchFileInfo &file : files)
            fileLines += file.lines;
        // The first and last files are cut at the dataset's bounds.
        QVERIFY(files.first().firstEvent >= data.start());
        QVERIFY(files.last().lastEvent < data.end());
        QCOMPARE(qint64(jsonLines(fileBytes(data, files.last())).size()), files.last().lines);
    }
    QCOMPARE(fileLines, qint64(cg.size()));
    for (auto it = windows.cbegin(); it != windows.cend(); ++it) {
        QCOMPARE(counts.value(Dataset::tableOfStream(it.key())), qint64(it.value().size()));
        QVERIFY(eventMs(it.key(), it.value().first()) >= data.start().toMSecsSinceEpoch());
        QVERIFY(eventMs(it.key(), it.value().last()) < data.end().toMSecsSinceEpoch());
    }
}

void TestSimDataset::windowPagingMatchesRecords_data()
{
    QTest::addColumn<QString>("stream");
    for (const QString &stream : Dataset::windowStreams())
        QTest::newRow(stream.toUtf8().constData()) << stream;
}

void TestSimDataset::windowPagingMatchesRecords()
{
    QFETCH(QString, stream);
    const QList<QJsonObject> &all = m_window.value(stream);
    QCOMPARE(m_data->windowCount(stream, {}, {}), qint64(all.size()));
    QList<QJsonObject> paged;
    for (qint64 offset = 0;; offset += 37) {
        const QList<QJsonObject> page = m_data->windowPage(stream, {}, {}, offset, 37);
        paged.append(page);
        if (page.size() < 37)
            break;
    }
    QCOMPARE(paged, all);
    const QDateTime from = utc(2025, 6, 3, 5, 5, 5);
    const QDateTime to = utc(2025, 6, 4, 6, 6, 6);
    const QList<QJsonObject> window = m_data->windowRecords(stream, from, to);
    QCOMPARE(m_data->windowCount(stream, from, to), qint64(window.size()));
    QCOMPARE(m_data->windowPage(stream, from, to, 10, 25), window.mid(10, 25));
    QVERIFY(m_data->windowPage(stream, from, to, window.size(), 10).isEmpty());
    QCOMPARE(m_data->windowCount(u"seg.cg"_s, {}, {}), 0);
}

void TestSimDataset::everyStreamHasDozensPerDay()
{
    const qint64 start = m_data->start().toMSecsSinceEpoch();
    constexpr qint64 day = 24 * 3600 * 1000LL;
    for (int d = 0; d < 7; ++d) {
        const qint64 lo = start + d * day;
        const qint64 hi = lo + day;
        for (auto it = m_window.cbegin(); it != m_window.cend(); ++it) {
            const auto count = std::count_if(
                it.value().cbegin(), it.value().cend(), [&](const QJsonObject &record) {
                    const qint64 ms = eventMs(it.key(), record);
                    return ms >= lo && ms < hi;
                });
            QVERIFY2(count >= 24,
                qPrintable(
                    it.key() + u" day "_s + QString::number(d) + u": "_s + QString::number(count)));
        }
        for (const QString &table : {u"Seg_Cg_CL"_s, u"Cloud_Integrated_CL"_s}) {
            const QString stream = Dataset::streamOfTable(table);
            QHash<QString, int> perType;
            for (const auto &record : m_truth.value(table)) {
                const qint64 ms = eventMs(stream, record.payload);
                if (ms >= lo && ms < hi)
                    ++perType[record.type];
            }
            const QStringList types =
                table == u"Seg_Cg_CL"_s ? Dataset::cgTypes() : Dataset::ciTypes();
            for (const QString &type : types)
                QVERIFY2(perType.value(type) > 0, qPrintable(table + u' ' + type));
            QVERIFY(perType.value(types.first()) >= 24);
        }
    }
}

void TestSimDataset::quirksArePresent()
{
    // CG: strings for numbers and booleans, null instead of missing, Hostname, JSON in a string,
    // attachments and recipients as one string, "<>" senders, shared notification processingId.
    bool hostname = false;
    bool jsonInString = false;
    bool nullSender = false;
    bool quotedAttachments = false;
    bool multiRecipients = false;
    bool sharedProcessingId = false;
    bool receiptNullField = false;
    QHash<QString, QSet<QString>> deliveriesByProcessingId;
    for (const auto &record : m_truth.value(u"Seg_Cg_CL"_s)) {
        const QJsonObject &o = record.payload;
        QVERIFY(o.value(u"timestamp"_s).isDouble());
        QVERIFY(o.value(u"_offset"_s).isDouble());
        QVERIFY(o.value(u"_partition"_s).isDouble());
        QCOMPARE(o.value(u"accountId"_s).toString(), u"CDEMO01"_s);
        QVERIFY(o.contains(u"subtype"_s));
        QVERIFY(o.value(u"recipients"_s).isString() || record.type == u"process"_s);
        nullSender = nullSender || o.value(u"senderEnvelope"_s).toString() == u"<>"_s;
        multiRecipients = multiRecipients || o.value(u"recipients"_s).toString().contains(u", "_s);
        if (record.type == u"delivery"_s) {
            hostname = hostname || o.value(u"Hostname"_s).isString();
            QVERIFY(!o.contains(u"hostname"_s));
            QVERIFY(o.value(u"delivered"_s) == QJsonValue(u"true"_s)
                || o.value(u"delivered"_s) == QJsonValue(u"false"_s));
            QVERIFY(o.value(u"emailSize"_s).isString());
            deliveriesByProcessingId[o.value(u"processingId"_s).toString()].insert(
                o.value(u"recipients"_s).toString());
        } else if (record.type == u"receipt"_s) {
            QVERIFY(o.contains(u"receiptErrors"_s) && o.value(u"receiptErrors"_s).isNull());
            receiptNullField = receiptNullField || o.value(u"messageId"_s).isNull();
            const QJsonValue detail = o.value(u"spamProcessingDetail"_s);
            if (detail.isString()) {
                QVERIFY(QJsonDocument::fromJson(detail.toString().toUtf8()).isObject());
                jsonInString = true;
            }
            QVERIFY(o.value(u"numberAttachments"_s).isString());
            QVERIFY(o.value(u"spamInfo"_s).isString());
        } else if (record.type == u"process"_s) {
            const QJsonValue attachments = o.value(u"attachments"_s);
            QVERIFY(attachments.isNull() || attachments.isString());
            quotedAttachments = quotedAttachments || attachments.toString().startsWith(u'"');
        } else if (record.type == u"impersonation protect"_s) {
            QCOMPARE(o.value(u"taggedMalicious"_s), QJsonValue(u"true"_s));
        }
    }
    for (const auto &recipients : std::as_const(deliveriesByProcessingId))
        sharedProcessingId = sharedProcessingId || recipients.size() > 1;
    QVERIFY(hostname);
    QVERIFY(jsonInString);
    QVERIFY(nullSender);
    QVERIFY(quotedAttachments);
    QVERIFY(multiRecipients);
    QVERIFY(sharedProcessingId);
    QVERIFY(receiptNullField);

    // CI: arrays, real booleans, upper-case direction, empty header sender.
    bool emptyHeader = false;
    bool attachmentArray = false;
    for (const auto &record : m_truth.value(u"Cloud_Integrated_CL"_s)) {
        const QJsonObject &o = record.payload;
        QVERIFY(o.value(u"timestamp"_s).isDouble());
        if (record.type == u"entities"_s) {
            QVERIFY(o.value(u"recipients"_s).isArray());
            QVERIFY(o.value(u"attachments"_s).isArray());
            QVERIFY(o.value(u"historicalMail"_s).isBool());
            QVERIFY(o.value(u"policiesApplied"_s).isArray());
            QVERIFY(o.value(u"tags"_s).isNull() || o.value(u"tags"_s).isArray());
            QCOMPARE(
                o.value(u"direction"_s).toString(), o.value(u"direction"_s).toString().toUpper());
            emptyHeader = emptyHeader || o.value(u"senderHeader"_s) == QJsonValue(u""_s);
            attachmentArray = attachmentArray || !o.value(u"attachments"_s).toArray().isEmpty();
        } else if (record.type == u"mailflow"_s) {
            QCOMPARE(o.value(u"authResults"_s).toArray().size(), 3);
        } else {
            QVERIFY(o.value(u"recipients"_s).isArray());
            QCOMPARE(o.value(u"action"_s).toString(), u"BLOCK"_s);
        }
    }
    QVERIFY(emptyHeader);
    QVERIFY(attachmentArray);

    // T2 record times with a literal +0000.
    static const QRegularExpression t2(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000$"_s);
    const QHash<QString, QString> timeField = {{u"seg.dlp"_s, u"eventTime"_s},
        {u"ttp.url"_s, u"date"_s}, {u"ttp.attachment"_s, u"date"_s},
        {u"ttp.impersonation"_s, u"eventTime"_s}, {u"audit.audit"_s, u"eventTime"_s}};
    for (auto it = m_window.cbegin(); it != m_window.cend(); ++it) {
        for (const QJsonObject &record : it.value())
            QVERIFY(t2.match(record.value(timeField.value(it.key())).toString()).hasMatch());
    }

    // Audit: empty user, every category of content.md §1.5, IPv6 in eventInfo.
    QSet<QString> categories;
    bool emptyUser = false;
    bool ipv6 = false;
    for (const QJsonObject &record : m_window.value(u"audit.audit"_s)) {
        categories.insert(record.value(u"category"_s).toString());
        emptyUser = emptyUser || record.value(u"user"_s) == QJsonValue(u""_s);
        ipv6 = ipv6 || kvGet(record.value(u"eventInfo"_s).toString(), u"IP"_s).contains(u':');
    }
    QVERIFY(emptyUser);
    QVERIFY(ipv6);
    const QSet<QString> allCategories = {
        u"account_logs"_s,
        u"authentication_logs"_s,
        u"mimecast_access_logs"_s,
        u"archive_service_logs"_s,
        u"user_account_and_role_logs"_s,
        u"policy_logs"_s,
        u"reporting_logs"_s,
        u"case_review_logs"_s,
        u"profile_group_logs"_s,
        u"awareness_training_logs"_s,
        u"secure_messaging_logs"_s,
        u"integrations_and_apis"_s,
    };
    QCOMPARE(categories, allCategories);

    // TTP URL: "Internal IP", tagMap keys with ':', clean and malicious.
    bool internalIp = false;
    bool colonKey = false;
    QSet<QString> scanResults;
    for (const QJsonObject &record : m_window.value(u"ttp.url"_s)) {
        internalIp = internalIp || record.value(u"sendingIp"_s) == QJsonValue(u"Internal IP"_s);
        scanResults.insert(record.value(u"scanResult"_s).toString());
        const QJsonObject tagMap = record.value(u"tagMap"_s).toObject();
        for (auto group = tagMap.constBegin(); group != tagMap.constEnd(); ++group) {
            const QStringList keys = group.value().toObject().keys();
            for (const QString &key : keys)
                colonKey = colonKey || key.contains(u':');
        }
    }
    QVERIFY(internalIp);
    QVERIFY(colonKey);
    QCOMPARE(scanResults, QSet<QString>({u"clean"_s, u"malicious"_s}));

    // TTP Attachment: padded CRLF details; several results.
    QSet<QString> results;
    for (const QJsonObject &record : m_window.value(u"ttp.attachment"_s)) {
        const QString details = record.value(u"details"_s).toString();
        QVERIFY(details.contains(u"  \r\nTime taken: "_s));
        results.insert(record.value(u"result"_s).toString());
    }
    QVERIFY(results.contains(u"safe"_s) && results.contains(u"malicious"_s));

    // TTP Impersonation: real JSON booleans and numbers.
    for (const QJsonObject &record : m_window.value(u"ttp.impersonation"_s)) {
        QVERIFY(record.value(u"taggedMalicious"_s).isBool());
        QVERIFY(record.value(u"taggedExternal"_s).isBool());
        QVERIFY(record.value(u"hits"_s).isDouble());
        QVERIFY(record.value(u"identifiers"_s).isArray());
        QVERIFY(record.value(u"impersonationResults"_s).isArray());
    }

    // DLP: "<>" for bounces.
    bool dlpNullSender = false;
    for (const QJsonObject &record : m_window.value(u"seg.dlp"_s))
        dlpNullSender = dlpNullSender || record.value(u"senderAddress"_s) == QJsonValue(u"<>"_s);
    QVERIFY(dlpNullSender);
}

void TestSimDataset::nativeIdsUnique()
{
    for (const QString &stream : {u"audit.audit"_s, u"ttp.impersonation"_s}) {
        QSet<QString> ids;
        for (const QJsonObject &record : m_window.value(stream)) {
            const QString id = record.value(u"id"_s).toString();
            QVERIFY(!id.isEmpty());
            ids.insert(id);
        }
        QCOMPARE(ids.size(), m_window.value(stream).size());
    }
}

void TestSimDataset::sideStreamsReuseCgMessageIds()
{
    QSet<QString> cgIds;
    for (const auto &record : m_truth.value(u"Seg_Cg_CL"_s))
        cgIds.insert(record.payload.value(u"messageId"_s).toString());
    for (const QString &stream :
        {u"seg.dlp"_s, u"ttp.url"_s, u"ttp.attachment"_s, u"ttp.impersonation"_s}) {
        for (const QJsonObject &record : m_window.value(stream))
            QVERIFY2(cgIds.contains(record.value(u"messageId"_s).toString()), qPrintable(stream));
    }
}

void TestSimDataset::minuteFilesCoverTheFeed()
{
    for (const QString &feed : {u"cg"_s, u"ci"_s}) {
        const QString table = feed == u"cg"_s ? u"Seg_Cg_CL"_s : u"Cloud_Integrated_CL"_s;
        const QString stream = Dataset::streamOfTable(table);
        const QStringList types = feed == u"cg"_s ? Dataset::cgTypes() : Dataset::ciTypes();
        QStringList fileKeys;
        QSet<QString> names;
        for (const QString &type : types) {
            const QList<BatchFileInfo> files = m_data->batchFiles(feed, type);
            QVERIFY(!files.isEmpty());
            qint64 previousLast = 0;
            for (qsizetype i = 0; i < files.size(); ++i) {
                const BatchFileInfo &file = files.at(i);
                QCOMPARE(file.feed, feed);
                QCOMPARE(file.type, type);
                QCOMPARE(file.index, int(i));
                QVERIFY(!file.name.contains(u' '));
                QVERIFY(file.name.startsWith(feed + u'/'));
                QVERIFY(file.name.endsWith(u".json.gz"_s));
                names.insert(file.name);
                QCOMPARE(m_data->batchFile(file.name)->lines, file.lines);
                const qint64 first = file.firstEvent.toMSecsSinceEpoch();
                const qint64 last = file.lastEvent.toMSecsSinceEpoch();
                QVERIFY(first >= previousLast && first <= last);
                // One 5-minute slot per file.
                QCOMPARE(first / 300000, last / 300000);
                previousLast = last;
                const QByteArray bytes = fileBytes(*m_data, file);
                QVERIFY(bytes.endsWith("\n\n"));
                const QList<QByteArray> lines = jsonLines(bytes);
                QCOMPARE(qint64(lines.size()), file.lines);
                for (qsizetype l = 0; l < lines.size(); ++l) {
                    const QJsonObject row = parseObject(lines.at(l));
                    QCOMPARE(row.value(u"type"_s).toString(), type);
                    const qint64 ms = eventMs(stream, row);
                    QVERIFY(ms >= first && ms <= last);
                    if (l == 0)
                        QCOMPARE(ms, first);
                    if (l == lines.size() - 1)
                        QCOMPARE(ms, last);
                    fileKeys.append(dedupKeyHex(stream, row));
                }
            }
        }
        QStringList truthKeys;
        for (const auto &record : m_truth.value(table))
            truthKeys.append(record.key);
        std::sort(fileKeys.begin(), fileKeys.end());
        std::sort(truthKeys.begin(), truthKeys.end());
        QCOMPARE(fileKeys, truthKeys);
        QVERIFY(!m_data->batchFile(feed + u"/nope.json.gz"_s).has_value());
    }
    QVERIFY(m_data->batchFiles(u"xx"_s, u"receipt"_s).isEmpty());
    QVERIFY(m_data->batchFiles(u"cg"_s, u"entities"_s).isEmpty());
}

void TestSimDataset::offsetsIncreasePerPartition()
{
    QSet<QPair<qint64, qint64>> seen;
    for (const QString &type : Dataset::cgTypes()) {
        std::map<qint64, qint64> lastOffset;
        const QList<BatchFileInfo> files = m_data->batchFiles(u"cg"_s, type);
        for (const BatchFileInfo &file : files) {
            const QList<QByteArray> lines = jsonLines(fileBytes(*m_data, file));
            for (const QByteArray &line : lines) {
                const QJsonObject row = parseObject(line);
                const qint64 partition = qint64(row.value(u"_partition"_s).toDouble());
                const qint64 offset = qint64(row.value(u"_offset"_s).toDouble());
                const auto it = lastOffset.find(partition);
                QVERIFY(it == lastOffset.end() || offset > it->second);
                lastOffset[partition] = offset;
                QVERIFY(!seen.contains({partition, offset}));
                seen.insert({partition, offset});
            }
        }
    }
}

void TestSimDataset::lineFilesHaveExactlyNLines()
{
    DatasetConfig config = defaultConfig();
    config.batchFileLines = 100;
    const Dataset byLines(config);
    for (const QString &feed : {u"cg"_s, u"ci"_s}) {
        const QStringList types = feed == u"cg"_s ? Dataset::cgTypes() : Dataset::ciTypes();
        for (const QString &type : types) {
            const QList<BatchFileInfo> files = byLines.batchFiles(feed, type);
            QVERIFY(!files.isEmpty());
            QList<QByteArray> concatenated;
            for (qsizetype i = 0; i < files.size(); ++i) {
                const BatchFileInfo &file = files.at(i);
                if (i + 1 < files.size())
                    QCOMPARE(file.lines, 100);
                else
                    QVERIFY(file.lines > 0 && file.lines <= 100);
                const QList<QByteArray> lines = jsonLines(fileBytes(byLines, file));
                QCOMPARE(qint64(lines.size()), file.lines);
                QCOMPARE(byLines.batchFile(file.name)->index, file.index);
                concatenated.append(lines);
            }
            // The same rows in the same order as the minute-cut files: only the cutting differs.
            QList<QByteArray> byMinutes;
            const QList<BatchFileInfo> minuteFiles = m_data->batchFiles(feed, type);
            for (const BatchFileInfo &file : minuteFiles)
                byMinutes.append(jsonLines(fileBytes(*m_data, file)));
            QCOMPARE(concatenated.size(), byMinutes.size());
            QVERIFY(concatenated == byMinutes);
        }
    }
}

void TestSimDataset::awarenessSnapshots()
{
    const int population = 50; // max(50, 500 / 20)
    for (const QString &stream :
        {u"awareness.performance"_s, u"awareness.safescore"_s, u"awareness.watchlist"_s}) {
        const QList<QJsonObject> records = m_data->awarenessRecords(stream);
        QCOMPARE(records.size(), population);
        QSet<QString> emails;
        for (const QJsonObject &record : records) {
            emails.insert(
                record.value(u"email"_s).toString() + record.value(u"emailAddress"_s).toString());
        }
        QCOMPARE(emails.size(), population);
    }
    const QJsonObject performance = m_data->awarenessRecords(u"awareness.performance"_s).first();
    QVERIFY(performance.value(u"numCorrect"_s).isDouble());
    QVERIFY(performance.value(u"userDetails"_s).toObject().contains(u"manager"_s));
    QVERIFY(m_data->awarenessRecords(u"awareness.nope"_s).isEmpty());

    const QList<QJsonObject> campaigns = m_data->campaigns();
    QCOMPARE(campaigns.size(), 5);
    static const QRegularExpression t2(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000$"_s);
    QSet<QString> statuses;
    for (const QJsonObject &campaign : campaigns) {
        const QString id = campaign.value(u"id"_s).toString();
        QVERIFY(!id.isEmpty());
        QVERIFY(!campaign.value(u"name"_s).toString().isEmpty());
        QVERIFY(t2.match(campaign.value(u"launchDate"_s).toString()).hasMatch());
        const QList<QJsonObject> users = m_data->campaignUserData(id);
        QVERIFY(users.size() > population / 2 && users.size() <= population);
        for (const QJsonObject &user : users) {
            statuses.insert(user.value(u"status"_s).toString());
            for (const QString &field : {u"timeScheduled"_s, u"timeOpened"_s, u"timeClicked"_s,
                     u"timeReported"_s, u"timeSubmitted"_s, u"timeScanned"_s}) {
                const QJsonValue value = user.value(field);
                QVERIFY(user.contains(field));
                QVERIFY(value.isNull() || t2.match(value.toString()).hasMatch());
            }
            QVERIFY(!user.contains(u"campaignId"_s));
        }
    }
    QVERIFY(statuses.contains(u"CLICKED"_s));
    QVERIFY(m_data->campaignUserData(u"cmp-unknown"_s).isEmpty());
}

void TestSimDataset::populationEmailsUnique()
{
    QSet<QString> emails;
    QSet<QString> ids;
    for (int i = 0; i < 10000; ++i) {
        const SimUser user = simUser(42, i);
        emails.insert(user.email);
        ids.insert(user.userId);
    }
    QCOMPARE(emails.size(), 10000);
    QCOMPARE(ids.size(), 10000);
    QCOMPARE(populationSize(500), 50);
    QCOMPARE(populationSize(150000), 7500);
}

void TestSimDataset::bigFileIsStreamed()
{
    // The bench profile: 150,000 messages a day, CG files of 100,000 lines.
    DatasetConfig config = defaultConfig();
    config.volume = 150000;
    config.batchFileLines = 100000;
    const Dataset bench(config);
    QElapsedTimer timer;
    timer.start();
    qint64 cgLines = 0;
    for (const QString &type : Dataset::cgTypes()) {
        const QList<BatchFileInfo> files = bench.batchFiles(u"cg"_s, type);
        for (const BatchFileInfo &file : files)
            cgLines += file.lines;
    }
    const qint64 indexMs = timer.restart();
    QVERIFY2(cgLines > 3000000, qPrintable(QString::number(cgLines)));
    const QList<BatchFileInfo> receipts = bench.batchFiles(u"cg"_s, u"receipt"_s);
    QVERIFY(receipts.size() >= 9);

    const BatchFileInfo &file = receipts.at(1);
    QCOMPARE(file.lines, 100000);
    qint64 lines = 0;
    qint64 bytes = 0;
    int chunks = 0;
    qsizetype largest = 0;
    const qint64 rssBefore = rssKiB("VmRSS:");
    qint64 rssMax = rssBefore;
    bench.writeBatchFile(file, [&](const QByteArray &chunk) {
        ++chunks;
        bytes += chunk.size();
        largest = qMax(largest, chunk.size());
        lines += chunk.count('\n');
        if (chunks % 25 == 0)
            rssMax = qMax(rssMax, rssKiB("VmRSS:"));
    });
    const qint64 writeMs = timer.elapsed();
    // 100,000 lines + one blank line per 500 + the final blank line.
    QCOMPARE(lines, 100000 + 200 + 1);
    QVERIFY2(chunks > 100, qPrintable(QString::number(chunks)));
    QVERIFY(largest < 256 * 1024);
    if (rssBefore > 0) {
        // The file is ~100 MB; it is generated one hour bucket at a time.
        QVERIFY2(rssMax - rssBefore < 40 * 1024,
            qPrintable(QString::number(rssMax - rssBefore) + u" KiB"_s));
    }
    qInfo("bench: %lld CG lines indexed in %lld ms; file of %lld bytes in %d chunks written in "
          "%lld ms, RSS +%lld KiB",
        cgLines, indexMs, bytes, chunks, writeMs, rssMax - rssBefore);
}

QTEST_GUILESS_MAIN(TestSimDataset)
#include "tst_simdataset.moc"
