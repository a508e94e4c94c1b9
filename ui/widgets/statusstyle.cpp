#include "widgets/statusstyle.h"

#include <QPalette>
#include <QWidget>

using namespace Qt::Literals::StringLiterals;

namespace msc {

QString statusStyleSheet(StatusTone tone, const QWidget *widget)
{
    const QPalette palette = widget ? widget->palette() : QPalette();
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    // Shades with a contrast of at least 4.5:1 to the default light and dark window colours.
    switch (tone) {
    case StatusTone::Error:
        return dark ? u"color: #ff8a80;"_s : u"color: #b00020;"_s;
    case StatusTone::Warning:
        return dark ? u"color: #ffcc80;"_s : u"color: #8a5a00;"_s;
    case StatusTone::Ok:
        return dark ? u"color: #81c784;"_s : u"color: #1b7f3b;"_s;
    }
    return {};
}

} // namespace msc
