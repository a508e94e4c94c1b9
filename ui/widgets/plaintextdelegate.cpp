#include "widgets/plaintextdelegate.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

using namespace Qt::Literals::StringLiterals;

namespace msc {

QString PlainTextDelegate::toolTipHtml(const QString &plainText)
{
    // Always rich text (the <p> makes Qt::mightBeRichText() true), so the escaping is never
    // shown as "&lt;" and the tags in the text are never interpreted.
    return u"<p style=\"white-space:pre-wrap\">"_s + plainText.toHtmlEscaped() + u"</p>"_s;
}

bool PlainTextDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip)
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString text = index.data(Qt::ToolTipRole).toString();
    if (text.isEmpty()) {
        QToolTip::hideText();
        return false;
    }
    QToolTip::showText(event->globalPos(), toolTipHtml(text), view, option.rect);
    return true;
}

} // namespace msc
