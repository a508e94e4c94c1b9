#pragma once

#include <QString>

class QWidget;

namespace msc {

/// What a status or validation message says, for its colour.
enum class StatusTone { Error, Warning, Ok };

/// A style sheet colouring a message label's text for \a tone, readable on \a widget's
/// palette: darker shades on a light window, lighter ones on a dark one (the UI follows the
/// system palette, dark mode included).
QString statusStyleSheet(StatusTone tone, const QWidget *widget);

} // namespace msc
