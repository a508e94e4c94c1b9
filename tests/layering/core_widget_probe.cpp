// Must NOT build: core has no Widgets dependency, so neither the header nor the symbols of
// QWidget are reachable from a target that links only core. The core_has_no_widgets test
// expects this build to fail.
#include <QtWidgets/QWidget>

int main()
{
    QWidget widget;
    widget.show();
    return 0;
}
