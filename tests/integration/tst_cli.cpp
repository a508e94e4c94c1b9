// The headless command line (cli.md): version, help, exit codes, and the commands this
// version implements, run as a user would, without a display.
#include "storage/cachewriter.h"
#include "testenvironment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "msc/version.h"

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runConsole(const QStringList &arguments, const QString &profile = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s); // headless commands must not need one
    if (!profile.isEmpty())
        environment.insert(u"MIMECAST_CONSOLE_PROFILE"_s, profile);
    process.setProcessEnvironment(environment);
    process.start(test::consoleBinary(), arguments);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!test::consoleBinary().isEmpty(), "MSC_CONSOLE_BINARY is not set");
    }

    void version()
    {
        const Run run = runConsole({u"--version"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.trimmed(), QByteArray("mimecast-console " MSC_VERSION_STRING));
        const Run json = runConsole({u"--version"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(json.out).object().value("version"_L1).toString(),
            QStringLiteral(MSC_VERSION_STRING));
    }

    void helpListsOptionsAndCommands()
    {
        const Run run = runConsole({u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        for (const char *expected : {"--profile", "--demo", "--json", "--version",
                 "connectors list", "connectors set", "sync [NAME...]", "status", "gaps list",
                 "gaps ack", "quarantine purge", "Exit codes"})
            QVERIFY2(run.out.contains(expected), expected);
    }

    void badUsageExitsTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command")
            << QStringList {u"frobnicate"_s} << u"Unknown command 'frobnicate'"_s;
        QTest::newRow("unknown option") << QStringList {u"--frob"_s} << u"Unknown option 'frob'"_s;
        QTest::newRow("stray argument")
            << QStringList {u"status"_s, u"extra"_s} << u"takes no argument 'extra'"_s;
        QTest::newRow("gap id not a number")
            << QStringList {u"gaps"_s, u"ack"_s, u"x1"_s} << u"'x1' is not a gap id"_s;
        QTest::newRow("unknown gap")
            << QStringList {u"gaps"_s, u"ack"_s, u"42"_s} << u"no gap with id 42"_s;
        QTest::newRow("json alone") << QStringList {u"--json"_s} << u"No command given"_s;
    }

    void badUsageExitsTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir profile;
        const Run run = runConsole(arguments, profile.path());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromLocal8Bit(run.err).contains(message), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    // cli.md: --demo works headless too: the simulator on loopback, a throwaway profile
    // configured against it, the demo secret in memory; the simulator stops with the command.
    void demoSyncsEveryStream()
    {
        const Run run = runConsole({u"--demo"_s, u"sync"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray streams =
            QJsonDocument::fromJson(run.out).object().value("streams"_L1).toArray();
        QCOMPARE(streams.size(), 11);
        for (const QJsonValue &value : streams) {
            const QJsonObject stream = value.toObject();
            const QByteArray name = stream.value("stream"_L1).toString().toUtf8();
            QVERIFY2(stream.value("outcome"_L1).toString() == "ok"_L1, name.constData());
            QVERIFY2(stream.value("added"_L1).toInteger() > 0, name.constData());
            QVERIFY2(stream.value("error"_L1).isNull(), name.constData());
        }
        // Each run is a new profile: nothing is carried over, and no keychain is needed.
        const Run status = runConsole({u"--demo"_s, u"status"_s, u"--json"_s});
        QCOMPARE(status.exitCode, 0);
        const QJsonArray fresh =
            QJsonDocument::fromJson(status.out).object().value("streams"_L1).toArray();
        QCOMPARE(fresh.size(), 11);
        for (const QJsonValue &value : fresh)
            QCOMPARE(value.toObject().value("rows"_L1).toInteger(), 0);
    }

    void demoWithAProfileIsBadUsage()
    {
        QTemporaryDir profile;
        const Run run = runConsole({u"--demo"_s, u"--profile"_s, profile.path(), u"status"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("leave out --profile"), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    void statusOnAFreshProfile()
    {
        QTemporaryDir root;
        const QString profile = root.filePath(u"p"_s);
        // --json after the subcommand, --profile on the command line.
        const Run run = runConsole({u"status"_s, u"--json"_s, u"--profile"_s, profile});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray streams =
            QJsonDocument::fromJson(run.out).object().value("streams"_L1).toArray();
        QCOMPARE(streams.size(), 11);
        const QJsonObject first = streams.first().toObject();
        QCOMPARE(first.value("connector"_L1).toString(), u"seg"_s);
        QCOMPARE(first.value("stream"_L1).toString(), u"seg.cg"_s);
        QCOMPARE(first.value("table"_L1).toString(), u"Seg_Cg_CL"_s);
        QCOMPARE(first.value("rows"_L1).toInt(-1), 0);
        QVERIFY(first.value("newestEventTime"_L1).isNull());
        QVERIFY(first.value("lagSeconds"_L1).isNull());
        for (const char *key :
            {"lastSuccess", "lastError", "duplicatesSuppressed", "quarantined", "gaps", "nextRun"})
            QVERIFY2(first.contains(QLatin1StringView(key)), key);
        QVERIFY(QFile::exists(profile + u"/console.db"_s));

        const Run human = runConsole({u"status"_s}, profile);
        QCOMPARE(human.exitCode, 0);
        QVERIFY(human.out.contains("awareness.userdata"));
    }

    void gapsListAndAck()
    {
        QTemporaryDir profile;
        {
            CacheWriter writer(SchemaDefinition::builtIn(),
                CacheWriter::Options {profile.filePath(u"console.db"_s)});
            QVERIFY(!writer.start().result().isError());
            WriteUnit unit;
            for (int i = 0; i < 2; ++i)
                unit.statements.append(
                    {u"INSERT INTO sync_gap (stream_id, part, from_time, to_time, "
                     u"reason, created_at) VALUES ('seg.cg', 'receipt', "
                     u"'2025-05-20T00:00:00.000Z', '2025-05-25T00:00:00.000Z', "
                     u"'beyond Mimecast SIEM retention (about 7 days)', "
                     u"'2025-06-01T00:00:00.000Z')"_s,
                        {}});
            QVERIFY(writer.submit(unit).result().ok());
        }
        Run list = runConsole({u"--json"_s, u"gaps"_s, u"list"_s}, profile.path());
        QCOMPARE(list.exitCode, 0);
        QJsonArray gaps = QJsonDocument::fromJson(list.out).object().value("gaps"_L1).toArray();
        QCOMPARE(gaps.size(), 2);
        QCOMPARE(gaps.at(0).toObject().value("part"_L1).toString(), u"receipt"_s);
        QCOMPARE(gaps.at(0).toObject().value("acknowledged"_L1).toBool(), false);

        const Run ack = runConsole({u"gaps"_s, u"ack"_s, u"2"_s}, profile.path());
        QCOMPARE(ack.exitCode, 0);
        list = runConsole({u"--json"_s, u"gaps"_s, u"list"_s}, profile.path());
        gaps = QJsonDocument::fromJson(list.out).object().value("gaps"_L1).toArray();
        QCOMPARE(gaps.at(0).toObject().value("acknowledged"_L1).toBool(), false);
        QCOMPARE(gaps.at(1).toObject().value("acknowledged"_L1).toBool(), true);

        const Run status = runConsole({u"status"_s, u"--json"_s}, profile.path());
        const QJsonObject cg = QJsonDocument::fromJson(status.out)
                                   .object()
                                   .value("streams"_L1)
                                   .toArray()
                                   .first()
                                   .toObject();
        QCOMPARE(cg.value("gaps"_L1).toInt(), 1);
    }

    void quarantinePurgeKeepsTheFacts()
    {
        QTemporaryDir profile;
        {
            CacheWriter writer(SchemaDefinition::builtIn(),
                CacheWriter::Options {profile.filePath(u"console.db"_s)});
            QVERIFY(!writer.start().result().isError());
            WriteUnit unit;
            unit.statements.append({u"INSERT INTO sync_quarantine_line (stream_id, part, source, "
                                    u"line_no, length, sha256, text_prefix, reason, created_at) "
                                    u"VALUES ('seg.cg', 'receipt', 'https://x/f1.json.gz', 7, 12, "
                                    u"'ab', '{\"broken', 'not JSON', 'now')"_s,
                {}});
            QVERIFY(writer.submit(unit).result().ok());
        }
        Run status = runConsole({u"status"_s, u"--json"_s}, profile.path());
        QCOMPARE(QJsonDocument::fromJson(status.out)
                     .object()
                     .value("streams"_L1)
                     .toArray()
                     .first()
                     .toObject()
                     .value("quarantined"_L1)
                     .toInt(),
            1);
        const Run purge = runConsole({u"quarantine"_s, u"purge"_s, u"--json"_s}, profile.path());
        QCOMPARE(purge.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(purge.out).object().value("purgedLines"_L1).toInt(), 1);
        status = runConsole({u"status"_s, u"--json"_s}, profile.path());
        QCOMPARE(QJsonDocument::fromJson(status.out)
                     .object()
                     .value("streams"_L1)
                     .toArray()
                     .first()
                     .toObject()
                     .value("quarantined"_L1)
                     .toInt(),
            0);
    }

    void corruptCacheIsExplained()
    {
        QTemporaryDir profile;
        QFile file(profile.filePath(u"console.db"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(1000, '\x01'));
        file.close();
        const Run run = runConsole({u"status"_s}, profile.path());
        QCOMPARE(run.exitCode, 1);
        const QString err = QString::fromLocal8Bit(run.err);
        QVERIFY2(err.contains(file.fileName()) && err.contains(u"not a SQLite database"_s)
                && err.contains(u"mv '"_s),
            qPrintable(err));
    }

    void unusableProfileExitsTwo()
    {
        QTemporaryDir root;
        const QString notAFolder = root.filePath(u"file"_s);
        QFile file(notAFolder);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const Run run = runConsole({u"status"_s, u"--profile"_s, notAFolder});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(QString::fromLocal8Bit(run.err).contains(u"is a file, not a folder"_s));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
