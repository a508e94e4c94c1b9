#include "demo/demosession.h"

#include "config/connectorconfig.h"
#include "secrets/memorysecretstore.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace msc {

DemoSession::DemoSession(QObject *parent)
    : QObject(parent)
    , m_secrets(std::make_unique<MemorySecretStore>())
{
    if (m_directory.isValid()) {
        m_profileDirectory = m_directory.filePath(u"profile"_s);
        QDir().mkpath(m_profileDirectory);
    } else {
        m_error = tr("The demo profile could not be created in %1: %2")
                      .arg(QDir::tempPath(), m_directory.errorString());
    }
    connect(&m_simulator, &QProcess::readyReadStandardOutput, this, [this] {
        m_output += m_simulator.readAllStandardOutput();
        const qsizetype newline = m_output.indexOf('\n');
        if (newline < 0 || m_started)
            return;
        // Line 1 is the base URL (cli.md); the key=value lines after it are not needed here.
        m_started = true;
        const QString baseUrl = QString::fromUtf8(m_output.left(newline)).trimmed();
        configureConnectors(baseUrl);
        Q_EMIT ready(baseUrl);
    });
    connect(&m_simulator, &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        m_failureReported = true;
        Q_EMIT failed(tr("The demo simulator (%1) could not be started: %2")
                          .arg(m_simulator.program(), m_simulator.errorString()));
    });
    // Exiting before it printed its address, e.g. when it cannot listen or write its files:
    // its own message says why.
    connect(&m_simulator, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus) {
        if (m_started || m_failureReported)
            return;
        m_failureReported = true;
        const QString message =
            QString::fromLocal8Bit(m_simulator.readAllStandardError()).trimmed();
        Q_EMIT failed(tr("The demo simulator (%1) stopped before it was ready (exit code %2)%3")
                          .arg(m_simulator.program())
                          .arg(exitCode)
                          .arg(message.isEmpty() ? u"."_s : u": "_s + message));
    });
}

DemoSession::~DemoSession()
{
    if (m_simulator.state() != QProcess::NotRunning) {
        m_simulator.terminate();
        if (!m_simulator.waitForFinished(3000))
            m_simulator.kill();
    }
}

bool DemoSession::isValid() const
{
    return !m_profileDirectory.isEmpty();
}

QString DemoSession::profileDirectory() const
{
    return m_profileDirectory;
}

QString DemoSession::simulatorPath()
{
    const QString here = QCoreApplication::applicationDirPath();
    // QStringList, not a braced list of string builders: those would dangle.
    // Installed: next to this program. Build tree: app/ and tests/*/ beside tests/fakes/.
    const QStringList candidates {here + u"/mimecast-simulator"_s,
        here + u"/../tests/fakes/mimecast-simulator"_s, here + u"/../fakes/mimecast-simulator"_s};
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return u"mimecast-simulator"_s; // from PATH
}

void DemoSession::start()
{
    m_simulator.setProgram(simulatorPath());
    m_simulator.setArguments(
        {u"--port"_s, u"0"_s, u"--state-dir"_s, m_directory.filePath(u"simulator"_s)});
    m_simulator.setProcessChannelMode(QProcess::SeparateChannels);
#ifdef Q_OS_LINUX
    // The simulator must not outlive the console, even when the console is killed. It stands
    // in for a remote server, which would not take CPU from the window: it runs at nice 10.
    m_simulator.setChildProcessModifier([] {
        // A process group of its own: Ctrl+C in the terminal is the console's to handle (a
        // headless sync stops at a safe point and needs the simulator meanwhile).
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        [[maybe_unused]] const int niced = ::nice(10);
    });
#endif
    m_simulator.start();
}

void DemoSession::configureConnectors(const QString &baseUrl)
{
    QSettings settings(m_profileDirectory + u"/settings.ini"_s, QSettings::IniFormat);
    for (const ConnectorInfo &info : ConnectorInfo::all()) {
        ConnectorConfig config;
        config.id = info.id;
        config.enabled = true;
        config.baseUrl = QUrl(baseUrl);
        config.clientId = QString::fromLatin1(kClientId);
        config.intervalMinutes = std::max(info.minIntervalMinutes, 5);
        // The simulator's events span the 7 days before it started.
        if (info.usesStartDate)
            config.startDate = QDate::currentDate().addDays(-8);
        config.save(settings);
        m_secrets->write(SecretStore::connectorKey(info.id), QString::fromLatin1(kClientSecret));
    }
    settings.sync();
}

} // namespace msc
