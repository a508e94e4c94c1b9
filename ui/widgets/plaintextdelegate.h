#pragma once

#include <QStyledItemDelegate>

namespace msc {

/// An item delegate for views over event data (security.md rule 2).
///
/// QStyledItemDelegate already paints DisplayRole as plain text. Tooltips are the gap: QToolTip
/// renders its text as rich text whenever Qt::mightBeRichText() guesses so, which a subject
/// such as `<b>x</b>` triggers. This delegate shows every ToolTipRole text escaped and wrapped
/// in a rich-text paragraph, so Qt displays the characters literally, whatever they are.
class PlainTextDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    /// Rich text that displays \a plainText literally, line breaks and spaces included.
    static QString toolTipHtml(const QString &plainText);

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;
};

} // namespace msc
