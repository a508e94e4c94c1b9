#include "gui/guimain.h"

#include "cli/commandline.h"
#include "mainwindow.h"
#include "pages/connectorspage.h"
#include "profile/profile.h"
#include "profile/profilesettings.h"
#include "secrets/keychainsecretstore.h"
#include "storage/cachedatabase.h"
#include "storage/cachewriter.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>

namespace msc::gui {

namespace {

    QString tr(const char *text)
    {
        return QCoreApplication::translate("GuiMain", text);
    }

    void showError(const QString &title, const QString &message)
    {
        QMessageBox box(QMessageBox::Critical, title, message, QMessageBox::Close);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    }

    /// Asks whether to move a damaged or foreign cache aside; true if it was moved.
    bool offerMoveAside(const CacheError &error)
    {
        QMessageBox box(QMessageBox::Warning, tr("The cache cannot be used"), error.message,
            QMessageBox::Cancel);
        box.setTextFormat(Qt::PlainText);
        QPushButton *moveAside =
            box.addButton(tr("&Move aside and start a new cache"), QMessageBox::AcceptRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != moveAside)
            return false;
        QString movedTo;
        QString problem;
        if (!CacheConnection::moveAside(error.filePath, &movedTo, &problem)) {
            showError(tr("The cache could not be moved"), problem);
            return false;
        }
        return true;
    }

} // namespace

int runGui(const QStringList &arguments)
{
    const cli::CommandLine options = cli::parseGuiOptions(arguments);
    QString problem;
    std::optional<Profile> profile =
        Profile::open(Profile::resolveDirectory(options.profileDirectory), &problem);
    if (!profile) {
        showError(tr("The profile cannot be opened"), problem);
        return 2;
    }
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
                showError(tr("The cache cannot be used"), error.message);
            return 1;
        }
    }

    // The same per-profile namespace as the CLI, so both see the same secrets.
    KeychainSecretStore secrets(SecretStore::profileNamespace(profile->directory()));
    MainWindow window(
        profile->directory(), profile->cachePath(), definition, secrets, profile->settingsPath());
    {
        ProfileSettings profileSettings(profile->settingsPath());
        ClientSettings client;
        client.connectTimeoutMs =
            profileSettings.intValue(ProfileSettings::Key::ConnectTimeoutSeconds) * 1000;
        client.idleTimeoutMs =
            profileSettings.intValue(ProfileSettings::Key::IdleTimeoutSeconds) * 1000;
        client.totalTimeoutMs =
            profileSettings.intValue(ProfileSettings::Key::TotalTimeoutSeconds) * 1000;
        client.maxConcurrentRequests =
            profileSettings.intValue(ProfileSettings::Key::MaxConcurrentRequests);
        client.proxyUrl = profileSettings.stringValue(ProfileSettings::Key::ProxyUrl);
        client.caBundlePath = profileSettings.stringValue(ProfileSettings::Key::CaBundlePath);
        window.connectorsPage()->setClientSettings(client);
    }
    window.show();
    return QApplication::exec();
}

} // namespace msc::gui
