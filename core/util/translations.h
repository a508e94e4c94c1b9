#pragma once

#include <QLocale>
#include <QStringList>

namespace msc {

/// Installs the console's translation for \a locale (`:/i18n/mimecast-console_<lang>.qm`,
/// built into the ui library) and Qt's own (`qtbase_<lang>.qm` from the Qt installation, if
/// the qt6-translations-l10n package is there), parented to the application object.
/// Returns the files that were loaded; none for English or a language we do not have.
/// Call once, after the application object exists.
QStringList installTranslators(const QLocale &locale = QLocale::system());

} // namespace msc
