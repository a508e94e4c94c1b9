// The headless ingestion path as a user runs it: `connectors set` with the secret on standard
// input (stored in a real, throwaway keyring), `connectors list`, `sync`, `status`, against
// the simulator; the secret appears in no byte of the profile and no output; credentials
// and permission problems exit 3 with the fix.
#include "dataset.h"
#include "mimecastsimulator.h"
#include "testenvironment.h"

#include <QDateTime>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

const QByteArray kSecret = "cli-s3cr+t/with=chars";

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCliSync : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sim::MimecastSimulator> m_simulator;
    QTemporaryDir m_profile;

    /// The console process, on this test's profile, without a display platform.
    void prepare(QProcess &process) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"MIMECAST_CONSOLE_PROFILE"_s, m_profile.path());
        environment.remove(u"QT_QPA_PLATFORM"_s);
        process.setProcessEnvironment(environment);
    }

    /// Runs the console while this test's event loop keeps serving the simulator.
    Run console(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcess process;
        prepare(process);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(test::consoleBinary(), arguments);
        if (!input.isEmpty()) {
            process.write(input + '\n');
            process.closeWriteChannel();
        }
        Run run;
        if (!finished.wait(120000)) {
            process.kill();
            return run;
        }
        run.exitCode = process.exitCode();
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

    /// CG batch files the simulator has served so far.
    qint64 cgFilesServed() const
    {
        const QJsonObject requests =
            m_simulator->stats().value("mimecast"_L1).toObject().value("requests"_L1).toObject();
        qint64 files = 0;
        for (auto it = requests.constBegin(); it != requests.constEnd(); ++it)
            files += it.key().startsWith("/_files/cg/"_L1) ? 1 : 0;
        return files;
    }

    /// The seg.cg entry of a `sync --json` or `status --json` document.
    static QJsonObject cgEntry(const QByteArray &json)
    {
        for (const QJsonValue &value :
            QJsonDocument::fromJson(json).object().value("streams"_L1).toArray()) {
            if (value.toObject().value("stream"_L1).toString() == "seg.cg"_L1)
                return value.toObject();
        }
        return {};
    }

    void assertSecretNowhere(const QList<Run> &runs, int minimumFiles = 2)
    {
        QDirIterator it(m_profile.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QVERIFY2(!bytes.contains(kSecret), qPrintable(file.fileName()));
            QVERIFY2(!bytes.contains(QUrl::toPercentEncoding(QString::fromLatin1(kSecret))),
                qPrintable(file.fileName()));
            ++files;
        }
        QVERIFY(files >= minimumFiles); // settings.ini, console.db (and WAL files)
        for (const Run &run : runs) {
            QVERIFY(!run.out.contains(kSecret));
            QVERIFY(!run.err.contains(kSecret));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsSet("MSC_EXPECT_NO_KEYCHAIN")) {
            // Without a keychain, saving a connector must fail with exit 3 and save nothing.
            return;
        }
        sim::SimulatorConfig config;
        config.clientSecret = QString::fromLatin1(kSecret);
        m_simulator = std::make_unique<sim::MimecastSimulator>(config);
        QString error;
        QVERIFY2(m_simulator->start(0, &error), qPrintable(error));
    }

    void withoutKeychainNothingIsSaved()
    {
        if (!qEnvironmentVariableIsSet("MSC_EXPECT_NO_KEYCHAIN"))
            QSKIP("a keychain is available in this run");
        const Run set = console(
            {u"connectors"_s, u"set"_s, u"audit"_s, u"--base-url"_s, u"http://127.0.0.1:9"_s,
                u"--client-id"_s, u"demo-client"_s, u"--client-secret-stdin"_s},
            kSecret);
        QCOMPARE(set.exitCode, 3);
        QVERIFY2(set.err.contains("gnome-keyring"), set.err.constData());
        QVERIFY(!QFile::exists(m_profile.filePath(u"settings.ini"_s))
            || !QFile(m_profile.filePath(u"settings.ini"_s)).size() || !set.err.isEmpty());
        assertSecretNowhere({set}, 0);
    }

    void configureSyncAndStatus()
    {
        if (qEnvironmentVariableIsSet("MSC_EXPECT_NO_KEYCHAIN"))
            QSKIP("needs a keychain");
        QList<Run> runs;
        // Invalid input is refused and saves nothing.
        runs.append(console({u"connectors"_s, u"set"_s, u"audit"_s, u"--base-url"_s,
            u"http://api.example.com"_s, u"--client-id"_s, u"demo-client"_s}));
        QCOMPARE(runs.last().exitCode, 2);
        QVERIFY(runs.last().err.contains("Plain http"));
        runs.append(
            console({u"connectors"_s, u"set"_s, u"audit"_s, u"--base-url"_s, m_simulator->baseUrl(),
                        u"--client-id"_s, u"demo-client"_s, u"--interval"_s, u"1"_s},
                kSecret));
        QCOMPARE(runs.last().exitCode, 2);
        QVERIFY(runs.last().err.contains("Interval"));

        runs.append(console(
            {u"connectors"_s, u"set"_s, u"audit"_s, u"--base-url"_s, m_simulator->baseUrl(),
                u"--client-id"_s, u"demo-client"_s, u"--client-secret-stdin"_s, u"--start-date"_s,
                QDate::currentDate().addDays(-9).toString(u"yyyy-MM-dd"_s)},
            kSecret));
        QVERIFY2(runs.last().exitCode == 0, runs.last().err.constData());

        runs.append(console({u"connectors"_s, u"list"_s, u"--json"_s}));
        QCOMPARE(runs.last().exitCode, 0);
        const QJsonArray connectors =
            QJsonDocument::fromJson(runs.last().out).object().value("connectors"_L1).toArray();
        QCOMPARE(connectors.size(), 5);
        bool auditSeen = false;
        for (const QJsonValue &value : connectors) {
            const QJsonObject connector = value.toObject();
            if (connector.value("name"_L1).toString() == "audit"_L1) {
                auditSeen = true;
                QVERIFY(connector.value("enabled"_L1).toBool());
                QCOMPARE(connector.value("baseUrl"_L1).toString(), m_simulator->baseUrl());
                QCOMPARE(connector.value("clientId"_L1).toString(), u"demo-client"_s);
            }
        }
        QVERIFY(auditSeen);

        const qint64 truth = m_simulator->dataset().truthCounts().value(u"Audit_CL"_s);
        runs.append(console({u"sync"_s, u"audit"_s, u"--json"_s}));
        QVERIFY2(runs.last().exitCode == 0, runs.last().err.constData());
        QJsonObject stream = QJsonDocument::fromJson(runs.last().out)
                                 .object()
                                 .value("streams"_L1)
                                 .toArray()
                                 .first()
                                 .toObject();
        QCOMPARE(stream.value("stream"_L1).toString(), u"audit.audit"_s);
        QCOMPARE(stream.value("added"_L1).toInteger(), truth);
        QVERIFY(stream.value("error"_L1).isNull());

        runs.append(console({u"sync"_s, u"--json"_s}));
        QCOMPARE(runs.last().exitCode, 0);
        stream = QJsonDocument::fromJson(runs.last().out)
                     .object()
                     .value("streams"_L1)
                     .toArray()
                     .first()
                     .toObject();
        QCOMPARE(stream.value("added"_L1).toInteger(), 0);

        runs.append(console({u"status"_s, u"--json"_s}));
        for (const QJsonValue &value :
            QJsonDocument::fromJson(runs.last().out).object().value("streams"_L1).toArray()) {
            const QJsonObject health = value.toObject();
            if (health.value("stream"_L1).toString() == "audit.audit"_L1) {
                QCOMPARE(health.value("rows"_L1).toInteger(), truth);
                QVERIFY(!health.value("lastSuccess"_L1).isNull());
                QVERIFY(health.value("lastError"_L1).isNull());
                // The scheduler's next run: the last run plus the connector's interval.
                const QDateTime next =
                    QDateTime::fromString(health.value("nextRun"_L1).toString(), Qt::ISODateWithMs);
                QVERIFY2(next.isValid(), qPrintable(health.value("nextRun"_L1).toString()));
                const qint64 ahead = QDateTime::currentDateTimeUtc().secsTo(next);
                QVERIFY2(ahead > 0 && ahead <= 24 * 3600, qPrintable(QString::number(ahead)));
                // Data quality: the simulator's audit records map cleanly.
                QCOMPARE(health.value("coercionWarnings"_L1).toInteger(-1), 0);
                QCOMPARE(health.value("unknownTypes"_L1).toInteger(-1), 0);
                QVERIFY(health.value("undeclaredFields"_L1).isObject());
                QVERIFY(health.value("undeclaredFields"_L1).toObject().isEmpty());
            } else if (health.value("connector"_L1).toString() != "audit"_L1) {
                QVERIFY(health.value("nextRun"_L1).isNull()); // not configured
            }
        }

        runs.append(console({u"connectors"_s, u"list"_s, u"--json"_s}));
        QVERIFY(runs.last().out.contains("completed_to"));
        assertSecretNowhere(runs);
    }

    // Ctrl+C during a sync: the run stops at its next safe point, reports what it did, exits 1
    // (not done); the next sync goes on from there and ends with exactly the simulator's
    // records, none twice.
    void interruptStopsAtASafePointAndResumes()
    {
        if (qEnvironmentVariableIsSet("MSC_EXPECT_NO_KEYCHAIN"))
            QSKIP("needs a keychain");
        Run run = console(
            {u"connectors"_s, u"set"_s, u"seg"_s, u"--base-url"_s, m_simulator->baseUrl(),
                u"--client-id"_s, u"demo-client"_s, u"--client-secret-stdin"_s, u"--start-date"_s,
                QDate::currentDate().addDays(-8).toString(u"yyyy-MM-dd"_s)},
            kSecret);
        QVERIFY2(run.exitCode == 0, run.err.constData());

        QProcess process;
        prepare(process);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(test::consoleBinary(), {u"sync"_s, u"seg"_s, u"--json"_s});
        // This event loop serves the simulator; interrupt once files are being read.
        QElapsedTimer waited;
        waited.start();
        while (cgFilesServed() < 30 && finished.isEmpty() && waited.elapsed() < 60000)
            QTest::qWait(5);
        QVERIFY2(finished.isEmpty(),
            qPrintable(u"the sync ended before it could be interrupted (%1 files served): %2 %3"_s
                           .arg(cgFilesServed())
                           .arg(QString::fromUtf8(process.readAllStandardOutput()),
                               QString::fromUtf8(process.readAllStandardError()))));
        QVERIFY(::kill(pid_t(process.processId()), SIGINT) == 0);
        QVERIFY(finished.wait(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        const QByteArray err = process.readAllStandardError();
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(err.contains("Stopping at the next safe point"), err.constData());
        const QJsonObject interrupted = cgEntry(process.readAllStandardOutput());
        QCOMPARE(interrupted.value("outcome"_L1).toString(), u"cancelled"_s);
        const qint64 truth = m_simulator->dataset().truthCounts().value(u"Seg_Cg_CL"_s);
        const qint64 first = interrupted.value("added"_L1).toInteger();
        QVERIFY2(first > 0 && first < truth, qPrintable(QString::number(first)));

        run = console({u"sync"_s, u"seg"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject resumed = cgEntry(run.out);
        QCOMPARE(resumed.value("outcome"_L1).toString(), u"ok"_s);
        QCOMPARE(first + resumed.value("added"_L1).toInteger(), truth);
        run = console({u"status"_s, u"--json"_s});
        QCOMPARE(cgEntry(run.out).value("rows"_L1).toInteger(), truth);
    }

    void credentialProblemsExitThree()
    {
        if (qEnvironmentVariableIsSet("MSC_EXPECT_NO_KEYCHAIN"))
            QSKIP("needs a keychain");
        // A connector that has never run, so that its streams certainly call the API.
        Run run =
            console({u"connectors"_s, u"set"_s, u"ttp"_s, u"--base-url"_s, m_simulator->baseUrl(),
                        u"--client-id"_s, u"demo-client"_s, u"--client-secret-stdin"_s},
                kSecret);
        QCOMPARE(run.exitCode, 0);
        QString problem;
        m_simulator->faults().replace(
            sim::FaultSet::parseList(u"forbidden:path=/api/ttp/url/"_s, &problem));
        run = console({u"sync"_s, u"ttp"_s});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.out.contains("Monitoring → URL Protection → Read"), run.out.constData());
        m_simulator->faults().replace({});

        run = console(
            {u"connectors"_s, u"set"_s, u"ttp"_s, u"--client-secret-stdin"_s}, "wrong-secret");
        QCOMPARE(run.exitCode, 0);
        run = console({u"sync"_s, u"ttp"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.out.contains("rejected the client id or secret"), run.out.constData());
        QVERIFY(!run.out.contains("wrong-secret"));

        run = console({u"status"_s, u"--json"_s});
        QVERIFY(run.out.contains("rejected the client id or secret"));
        assertSecretNowhere({run});
    }
};

QTEST_GUILESS_MAIN(TestCliSync)
#include "tst_clisync.moc"
