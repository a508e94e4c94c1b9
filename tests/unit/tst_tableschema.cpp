// The table definition (resources/schema/tables.json) against the Sentinel 3.1.0 columns,
// transcribed here independently from sentinel.md §7.3 and connectors.md §3.
#include "storage/tableschema.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

// "name" or "name:type", comma separated, in DCR order (sentinel.md §7.3).
const char *const kSegCg =
    "TimeGenerated:datetime, urlCategory, scanResults, fileName, sha256, fileExtension, "
    "virusFound, sha1, senderDomain, md5, customThreatDictionary, itemsDetected, "
    "similarCustomExternalDomain, taggedExternal, similarInternalDomain, newDomain, "
    "internalUserName, mimecastThreatDictionary, similarMimecastExternalDomain, "
    "customNameMatch, taggedMalicious, replyMismatch, aggregateId, rejectionType, "
    "rejectionCode, rejectionInfo, delivered, destinationIp, Hostname, deliveryAttempts, "
    "tlsUsed, deliveryErrors, attachments, route, processingId, accountId, action, "
    "timestamp:real, senderEnvelope, messageId, subject, totalSizeAttachments, "
    "numberAttachments, emailSize, Logtype, subtype, monitoredDomainSource, similarDomain, "
    "offset:real, partition:real, holdReason, recipients, senderIp, direction, "
    "senderHeader, tlsVersion, tlsCipher, spamInfo, spamProcessingDetail";
const char *const kSegDlp = "TimeGenerated:datetime, eventTime:datetime, senderAddress, "
                            "recipientAddress, subject, route, policy, action, messageId";
const char *const kTtpUrl =
    "TimeGenerated:datetime, Date, Category, userEmailAddress, fromUserEmailAddress, url, "
    "ttpDefinition, subject, action, adminOverride, userOverride, scanResult, sendingIp, "
    "userAwarenessAction, actions:dynamic, route, creationMethod, "
    "emailPartsDescription:dynamic, messageId, mimecastEventId, mimecastEventCategory, "
    "advancedPhishingResult_CredentialTheftBrands, "
    "advancedPhishingResult_CredentialTheftEvidence, "
    "advancedPhishingResult_CredentialTheftTags, "
    "tagMap_AdvancedPhishing_CredentialTheftEvidence, "
    "tagMap_AdvancedPhishing_CredentialTheftTags, "
    "tagMap_AvScanning_ContentCheck_AvSignatureFileExts, "
    "tagMap_AvScanning_ContentCheck_AvSignatureName, "
    "tagMap_AvScanning_ContentCheck_UrlFileDownloadFilename, "
    "tagMap_AvScanning_ScannerInfo_CategoryTrigger, "
    "tagMap_ContentCheck_DangerousExtsUrlFileDownload, "
    "tagMap_ContentCheck_DangerousMimetypesUrlFileDownload, "
    "tagMap_CustomerManagedUrls_Blocklisted, tagMap_CustomerManagedUrls_ManagedUrlEntry, "
    "tagMap_CustomerManagedUrls_Status, "
    "tagMap_DangerousFileExt_ContentCheck_ContentScannersBlocked, "
    "tagMap_DangerousFileExt_Inspect_FileExts, tagMap_DangerousFileExt_Inspect_MimeTypes, "
    "tagMap_DangerousFileExt_Status, tagMap_UrlReputationScan_Status, "
    "tagMap_UrlReputationScan_Type, tagMap_UrlReputationScan_Url, "
    "tagMap_UrlReputationScan_UrlBlock";
const char *const kTtpAttachment =
    "TimeGenerated:datetime, actionTriggered, Date, definition, details, fileHash, "
    "fileName, fileType, messageId, recipientAddress, result, route, senderAddress, subject";
const char *const kTtpImpersonation =
    "TimeGenerated:datetime, id, senderAddress, recipientAddress, subject, definition, "
    "hits:real, identifiers:dynamic, action, taggedExternal:boolean, "
    "taggedMalicious:boolean, senderIpAddress, eventTime:datetime, impersonationResults, "
    "messageId";
const char *const kAudit =
    "id, auditType, user, eventTime:datetime, eventInfo, category, TimeGenerated:datetime";
const char *const kCloudIntegrated =
    "timestamp:real, accountId, aggregateId, processingId, messageId, attachments, "
    "recipients, policiesApplied, senderIp, senderEnvelope, subject, source, threatState, "
    "threatType, direction, senderHeader, type_, subtype, offset:real, partition:real, "
    "TimeGenerated:datetime, category, tags, historicalMail:boolean";
const char *const kPerformance =
    "TimeGenerated:datetime, email, name, department, numIncorrect:real, numCorrect:real, "
    "numNotWatched:real, userDetails:dynamic, userState, userId";
const char *const kUserData =
    "TimeGenerated:datetime, timeReported:datetime, name, email, templateName, department, "
    "status, numCampaignsSent:real, numCampaignsClicked:real, "
    "numTrainingModulesAssigned:real, numCampaignsScanned:real, "
    "numCampaignsClickedScanned:real, numCorrectAnswers:real, numIncorrectAnswers:real, "
    "userState, timeScheduled:datetime, timeScanned:datetime, timeSubmitted:datetime, "
    "clickedIp, reactionTime:real, timeOpened:datetime, timeClicked:datetime, items";
const char *const kWatchlist = "TimeGenerated:datetime, email, name, department, "
                               "watchlistCount:real, userState, userId";
const char *const kSafeScore = "TimeGenerated:datetime, emailAddress, name, department, risk, "
                               "humanError, sentiment, engagement, knowledge, userState";

// Test definitions are written with single quotes for readability; moc does not parse raw
// string literals.
QByteArray json(const char *singleQuoted)
{
    return QByteArray(singleQuoted).replace('\'', '"');
}

QStringList describe(const TableDef &table)
{
    QStringList out;
    for (const ColumnDef &column : table.columns) {
        out.append(column.type == ColumnType::String
                ? column.name
                : column.name + u':' + columnTypeName(column.type));
    }
    return out;
}

QStringList expectedColumns(const char *spec)
{
    QStringList out;
    for (const QString &part : QString::fromLatin1(spec).split(u','))
        out.append(part.trimmed());
    return out;
}

} // namespace

class TestTableSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allElevenTables()
    {
        const SchemaDefinition definition = SchemaDefinition::builtIn();
        QStringList names;
        for (const TableDef &table : definition.tables())
            names.append(table.name);
        QCOMPARE(names,
            QStringList({u"Seg_Cg_CL"_s, u"Seg_Dlp_CL"_s, u"Ttp_Url_CL"_s, u"Ttp_Attachment_CL"_s,
                u"Ttp_Impersonation_CL"_s, u"Audit_CL"_s, u"Cloud_Integrated_CL"_s,
                u"Awareness_Performance_Details_CL"_s, u"Awareness_SafeScore_Details_CL"_s,
                u"Awareness_Watchlist_Details_CL"_s, u"Awareness_User_Data_CL"_s}));
    }

    void columnsMatchSentinel_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("stream");
        QTest::addColumn<int>("count");
        QTest::addColumn<QStringList>("columns");
        QTest::newRow("Seg_Cg_CL")
            << u"Seg_Cg_CL"_s << u"seg.cg"_s << 59 << expectedColumns(kSegCg);
        QTest::newRow("Seg_Dlp_CL")
            << u"Seg_Dlp_CL"_s << u"seg.dlp"_s << 9 << expectedColumns(kSegDlp);
        QTest::newRow("Ttp_Url_CL")
            << u"Ttp_Url_CL"_s << u"ttp.url"_s << 43 << expectedColumns(kTtpUrl);
        QTest::newRow("Ttp_Attachment_CL") << u"Ttp_Attachment_CL"_s << u"ttp.attachment"_s << 14
                                           << expectedColumns(kTtpAttachment);
        QTest::newRow("Ttp_Impersonation_CL") << u"Ttp_Impersonation_CL"_s << u"ttp.impersonation"_s
                                              << 15 << expectedColumns(kTtpImpersonation);
        QTest::newRow("Audit_CL") << u"Audit_CL"_s << u"audit.audit"_s << 7
                                  << expectedColumns(kAudit);
        QTest::newRow("Cloud_Integrated_CL") << u"Cloud_Integrated_CL"_s << u"cloud-integrated.ci"_s
                                             << 24 << expectedColumns(kCloudIntegrated);
        QTest::newRow("Awareness_Performance_Details_CL")
            << u"Awareness_Performance_Details_CL"_s << u"awareness.performance"_s << 10
            << expectedColumns(kPerformance);
        QTest::newRow("Awareness_SafeScore_Details_CL")
            << u"Awareness_SafeScore_Details_CL"_s << u"awareness.safescore"_s << 10
            << expectedColumns(kSafeScore);
        QTest::newRow("Awareness_Watchlist_Details_CL")
            << u"Awareness_Watchlist_Details_CL"_s << u"awareness.watchlist"_s << 7
            << expectedColumns(kWatchlist);
        QTest::newRow("Awareness_User_Data_CL")
            << u"Awareness_User_Data_CL"_s << u"awareness.userdata"_s << 23
            << expectedColumns(kUserData);
    }

    void columnsMatchSentinel()
    {
        QFETCH(QString, table);
        QFETCH(QString, stream);
        QFETCH(int, count);
        QFETCH(QStringList, columns);
        const SchemaDefinition definition = SchemaDefinition::builtIn();
        const TableDef *def = definition.tableByName(table);
        QVERIFY(def);
        QCOMPARE(def->stream, stream);
        QCOMPARE(definition.tableByStream(stream), def);
        QCOMPARE(columns.size(), count);
        QCOMPARE(describe(*def), columns);
    }

    void renamesAndMaps()
    {
        const SchemaDefinition definition = SchemaDefinition::builtIn();
        const TableDef *cg = definition.tableByName(u"Seg_Cg_CL"_s);
        QVERIFY(cg);
        const ColumnDef &logtype = cg->columns.at(cg->columnIndex(u"Logtype"_s));
        QCOMPARE(logtype.sourceField(), u"type"_s);
        QCOMPARE(logtype.streamName, u"type"_s);
        QCOMPARE(definition.valueMap(logtype.valueMap).value(u"attachment protect"_s),
            u"email_ttp_ap"_s);
        QCOMPARE(definition.valueMap(logtype.valueMap).size(), 10);
        QCOMPARE(cg->columns.at(cg->columnIndex(u"offset"_s)).sourceField(), u"_offset"_s);
        const TableDef *ci = definition.tableByName(u"Cloud_Integrated_CL"_s);
        QCOMPARE(ci->columns.at(ci->columnIndex(u"type_"_s)).sourceField(), u"type"_s);
        QVERIFY(ci->columns.at(ci->columnIndex(u"type_"_s)).valueMap.isEmpty());
        const TableDef *url = definition.tableByName(u"Ttp_Url_CL"_s);
        QCOMPARE(url->columns.at(url->columnIndex(u"Date"_s)).legacyName, u"date"_s);
    }

    void dedupAndEventTime_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<QString>("eventField");
        QTest::addColumn<QString>("nativeId");
        QTest::addColumn<QStringList>("fields");
        const QStringList cgFields {u"type"_s, u"processingId"_s, u"aggregateId"_s, u"timestamp"_s,
            u"messageId"_s, u"recipients"_s, u"action"_s, u"subtype"_s};
        QTest::newRow("cg") << u"seg.cg"_s << u"timestamp"_s << QString() << cgFields;
        QTest::newRow("ci") << u"cloud-integrated.ci"_s << u"timestamp"_s << QString() << cgFields;
        QTest::newRow("dlp") << u"seg.dlp"_s << u"eventTime"_s << QString()
                             << QStringList {u"messageId"_s, u"recipientAddress"_s, u"policy"_s,
                                    u"action"_s, u"eventTime"_s};
        QTest::newRow("url") << u"ttp.url"_s << u"date"_s << QString()
                             << QStringList {u"messageId"_s, u"url"_s, u"userEmailAddress"_s,
                                    u"date"_s, u"action"_s};
        QTest::newRow("attachment")
            << u"ttp.attachment"_s << u"date"_s << QString()
            << QStringList {u"messageId"_s, u"recipientAddress"_s, u"fileHash"_s, u"date"_s};
        QTest::newRow("impersonation") << u"ttp.impersonation"_s << u"eventTime"_s << u"id"_s
                                       << QStringList {u"messageId"_s, u"senderAddress"_s,
                                              u"recipientAddress"_s, u"eventTime"_s};
        QTest::newRow("audit") << u"audit.audit"_s << u"eventTime"_s << u"id"_s
                               << QStringList {u"auditType"_s, u"user"_s, u"eventTime"_s,
                                      u"category"_s, u"eventInfo"_s};
    }

    void dedupAndEventTime()
    {
        QFETCH(QString, stream);
        QFETCH(QString, eventField);
        QFETCH(QString, nativeId);
        QFETCH(QStringList, fields);
        const SchemaDefinition definition = SchemaDefinition::builtIn();
        const TableDef *table = definition.tableByStream(stream);
        QVERIFY(table);
        QCOMPARE(table->eventTimeField, eventField);
        QCOMPARE(table->dedupNativeId, nativeId);
        QCOMPARE(table->dedupFields, fields);
    }

    void awarenessTablesHashWholeRecords()
    {
        const SchemaDefinition definition = SchemaDefinition::builtIn();
        int snapshots = 0;
        for (const TableDef &table : definition.tables()) {
            if (!table.isSnapshot())
                continue;
            ++snapshots;
            QVERIFY(table.dedupWholeRecord);
            QVERIFY(table.eventTimeField.isEmpty());
            QCOMPARE(table.hasCampaignColumn(), table.name == u"Awareness_User_Data_CL"_s);
        }
        QCOMPARE(snapshots, 4);
    }

    void badDefinitionsAreRejectedWithTheProblem_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{") << u"not valid JSON"_s;
        QTest::newRow("no tables") << json("{'definitionVersion':1,'tables':[]}") << u"no tables"_s;
        QTest::newRow("bad type") << json(
            "{'definitionVersion':1,'tables':[{'name':'T_CL','connector':'c','stream':'c.s','kind':"
            "'window','dedup':{'fields':['a']},'columns':[{'name':'TimeGenerated','type':'datetime'"
            "},{'name':'x','type':'float'}]}]}")
                                  << u"unknown type \"float\""_s;
        QTest::newRow("injection in a name") << json(
            "{'definitionVersion':1,'tables':[{'name':'T\\\"; DROP TABLE x; "
            "--','connector':'c','stream':'c.s','kind':'window','dedup':{'fields':['a']},'columns':"
            "[]}]}") << u"not a plain identifier"_s;
        QTest::newRow("bookkeeping name") << json(
            "{'definitionVersion':1,'tables':[{'name':'T_CL','connector':'c','stream':'c.s','kind':"
            "'window','dedup':{'fields':['a']},'columns':[{'name':'_raw','type':'string'}]}]}")
                                          << u"column name \"_raw\" is not allowed"_s;
        QTest::newRow("no TimeGenerated") << json(
            "{'definitionVersion':1,'tables':[{'name':'T_CL','connector':'c','stream':'c.s','kind':"
            "'window','dedup':{'fields':['a']},'columns':[{'name':'x','type':'string'}]}]}")
                                          << u"no TimeGenerated"_s;
    }

    void badDefinitionsAreRejectedWithTheProblem()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!SchemaDefinition::fromJson(json, u"my-tables.json"_s, &error));
        QVERIFY2(error.contains(u"my-tables.json"_s), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestTableSchema)
#include "tst_tableschema.moc"
