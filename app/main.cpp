#include "cli/commandline.h"
#include "cli/commands.h"
#include "gui/guimain.h"
#include "util/filemodes.h"
#include "util/logbuffer.h"
#include "util/redaction.h"
#include "util/translations.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLoggingCategory>

#include "msc/version.h"

int main(int argc, char *argv[])
{
    // Before anything can create a file: profile, cache and logs are private to the user.
    msc::restrictFileCreationMask();
    QCoreApplication::setOrganizationName(QStringLiteral(MSC_ORGANIZATION_NAME));
    QCoreApplication::setApplicationName(QStringLiteral(MSC_APPLICATION_NAME));
    QCoreApplication::setApplicationVersion(QStringLiteral(MSC_VERSION_STRING));
    // Every log line passes through the one redaction function (security.md rule 1).
    msc::Redaction::installMessageHandler();

    // Headless runs never touch a display, so they work over SSH and from cron.
    if (msc::cli::isHeadless(argc, argv)) {
        // Terminal output is the command's; diagnostics below warning only on request
        // (QT_LOGGING_RULES still overrides this).
        QLoggingCategory::setFilterRules(QStringLiteral("msc.*.debug=false\nmsc.*.info=false"));
        QCoreApplication app(argc, argv);
        msc::installTranslators();
        return msc::cli::runHeadless(QCoreApplication::arguments());
    }
    QApplication app(argc, argv);
    // The log viewer's buffer, on the GUI thread, before anything logs.
    msc::LogBuffer::instance();
    msc::installTranslators();
    return msc::gui::runGui(QCoreApplication::arguments());
}
