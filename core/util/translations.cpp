#include "util/translations.h"

#include "util/logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::Literals::StringLiterals;

namespace msc {

QStringList installTranslators(const QLocale &locale)
{
    QStringList loaded;
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return loaded;
    const auto install = [&](const QString &name, const QString &directory) {
        auto *translator = new QTranslator(app);
        // Tries name_de_DE, name_de, ... for each of the locale's UI languages.
        if (translator->load(locale, name, u"_"_s, directory)) {
            QCoreApplication::installTranslator(translator);
            loaded.append(translator->filePath());
        } else {
            delete translator;
        }
    };
    install(u"qtbase"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    install(u"mimecast-console"_s, u":/i18n"_s);
    if (!loaded.isEmpty())
        qCInfo(lcProfile) << "translations loaded:" << loaded;
    return loaded;
}

} // namespace msc
