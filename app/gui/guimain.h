#pragma once

#include <QStringList>

namespace msc::gui {

/// Opens the profile and the cache, shows the main window and runs the event loop.
int runGui(const QStringList &arguments);

} // namespace msc::gui
