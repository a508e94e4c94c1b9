#include "gui/guimain.h"

#include "cli/commandline.h"
#include "config/connectorconfig.h"
#include "config/runtimesettings.h"
#include "demo/demosession.h"
#include "dialogs/messagebox.h"
#include "ingest/synccontroller.h"
#include "mainwindow.h"
#include "pages/connectorspage.h"
#include "profile/profile.h"
#include "profile/profilesettings.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/memorysecretstore.h"
#include "storage/cachedatabase.h"
#include "storage/cachewriter.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace msc::gui {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(GuiMain)
    };

    void showError(const QString &title, const QString &message)
    {
        QMessageBox box(QMessageBox::Critical, title, message, QMessageBox::Close);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    }

    /// Asks whether to move a damaged or foreign cache aside; true if it was moved.
    bool offerMoveAside(const CacheError &error)
    {
        QMessageBox box(QMessageBox::Warning, Tr::tr("The cache cannot be used"), error.message,
            QMessageBox::Cancel);
        box.setTextFormat(Qt::PlainText);
        QPushButton *moveAside =
            box.addButton(Tr::tr("&Move aside and start a new cache"), QMessageBox::AcceptRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != moveAside)
            return false;
        QString movedTo;
        QString problem;
        if (!CacheConnection::moveAside(error.filePath, &movedTo, &problem)) {
            showError(Tr::tr("The cache could not be moved"), problem);
            return false;
        }
        return true;
    }

    /// The profile's log level for the console's own categories (QT_LOGGING_RULES still
    /// overrides it).
    void applyLogLevel(const QString &level)
    {
        QStringList rules;
        const QStringList below {u"debug"_s, u"info"_s, u"warning"_s, u"critical"_s};
        const qsizetype threshold =
            level == u"error"_s ? 3 : std::max<qsizetype>(0, below.indexOf(level));
        for (qsizetype i = 0; i < below.size(); ++i)
            rules.append(u"msc.*.%1=%2"_s.arg(below.at(i), i < threshold ? u"false"_s : u"true"_s));
        QLoggingCategory::setFilterRules(rules.join(u'\n'));
    }

} // namespace

namespace {

    bool anyConnectorConfigured(const QString &settingsPath)
    {
        QSettings settings(settingsPath, QSettings::IniFormat);
        for (const ConnectorInfo &info : ConnectorInfo::all()) {
            if (ConnectorConfig::load(settings, info.id).configured)
                return true;
        }
        return false;
    }

} // namespace

int runGui(const QStringList &arguments)
{
    const cli::CommandLine options = cli::parseGuiOptions(arguments);
    // The demo: a throwaway profile against the simulator, demo secrets in memory only.
    std::unique_ptr<DemoSession> demo;
    QString profileDirectory = Profile::resolveDirectory(options.profileDirectory);
    if (options.demo) {
        demo = std::make_unique<DemoSession>();
        if (!demo->isValid()) {
            showError(Tr::tr("The demo cannot start"), demo->errorString());
            return 1;
        }
        profileDirectory = demo->profileDirectory();
    }
    QString problem;
    std::optional<Profile> profile = Profile::open(profileDirectory, &problem);
    if (!profile) {
        showError(Tr::tr("The profile cannot be opened"), problem);
        return 2;
    }
    applyLogLevel(
        ProfileSettings(profile->settingsPath()).stringValue(ProfileSettings::Key::LogLevel));
    const SchemaDefinition definition = SchemaDefinition::builtIn();
    std::unique_ptr<CacheWriter> writer;
    for (;;) {
        writer =
            std::make_unique<CacheWriter>(definition, CacheWriter::Options {profile->cachePath()});
        // Opening is quick (a migration of an empty schema at most); larger migrations will
        // get a progress dialog when they exist.
        const CacheError error = writer->start().result();
        if (!error.isError())
            break;
        writer.reset();
        if (!error.canMoveAside() || !offerMoveAside(error)) {
            if (!error.canMoveAside())
                showError(Tr::tr("The cache cannot be used"), error.message);
            return 1;
        }
    }

    // The same per-profile namespace as the CLI, so both see the same secrets.
    std::unique_ptr<KeychainSecretStore> keychain;
    if (!demo)
        keychain = std::make_unique<KeychainSecretStore>(
            SecretStore::profileNamespace(profile->directory()));
    SecretStore &secrets = demo ? static_cast<SecretStore &>(demo->secrets()) : *keychain;
    MainWindow window(
        profile->directory(), profile->cachePath(), definition, secrets, profile->settingsPath());
    const SyncEngine::Options syncOptions =
        syncOptionsFromProfile(ProfileSettings(profile->settingsPath()));
    window.connectorsPage()->setClientSettings(syncOptions.client);
    SyncController controller(*writer, definition, secrets, profile->settingsPath(), syncOptions);
    window.setSyncController(&controller, *writer);

    if (demo) {
        window.setDemoNotice(Tr::tr("Demo: simulator data, demo secret in memory only"));
        QObject::connect(demo.get(), &DemoSession::ready, &window, [&window, &controller] {
            window.connectorsPage()->reload();
            controller.syncAllNow();
            controller.startSchedule();
        });
        QObject::connect(demo.get(), &DemoSession::failed, &window,
            [](const QString &message) { showError(Tr::tr("The demo cannot start"), message); });
        demo->start();
    } else {
        controller.startSchedule();
        // A new installation: offer the demo before anything is configured.
        if (!anyConnectorConfigured(profile->settingsPath())) {
            QTimer::singleShot(0, &window, [&window] {
                const QMessageBox::StandardButton answer = MessageBox::question(&window,
                    Tr::tr("No connector configured yet"),
                    Tr::tr("No Mimecast connector is configured in this profile yet.\n\nYes: start "
                           "the "
                           "demo in a second window (a local Mimecast simulator with sample data, "
                           "nothing leaves this computer).\nNo: configure a connector now."),
                    QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
                if (answer == QMessageBox::Yes) {
                    QProcess::startDetached(
                        QCoreApplication::applicationFilePath(), {QStringLiteral("--demo")});
                } else {
                    window.showPage(1);
                }
            });
        }
    }
    window.show();
    return QApplication::exec();
}

} // namespace msc::gui
