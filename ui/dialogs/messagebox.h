#pragma once

#include <QCoreApplication>
#include <QMessageBox>

namespace msc {

/// Every message box and confirmation of the console goes through here: the text is always
/// plain text (it may quote connector settings or server messages, security.md rule 2), and
/// tests answer the next box through setNextAnswer() instead of blocking on a modal dialog.
class MessageBox
{
    Q_DECLARE_TR_FUNCTIONS(MessageBox)

public:
    /// Asks \a text; returns the button chosen (\a defaultButton when closed otherwise).
    static QMessageBox::StandardButton question(QWidget *parent, const QString &title,
        const QString &text,
        QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No,
        QMessageBox::StandardButton defaultButton = QMessageBox::No);
    static void critical(QWidget *parent, const QString &title, const QString &text);
    static void information(QWidget *parent, const QString &title, const QString &text);

    /// Test hook: the next box is not shown and returns \a answer at once. One answer per box;
    /// QMessageBox::NoButton clears it.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    /// Test hook: the text of the last box asked or shown, answered or not.
    static QString lastText();

private:
    static QMessageBox::StandardButton show(QWidget *parent, QMessageBox::Icon icon,
        const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
        QMessageBox::StandardButton defaultButton);
};

} // namespace msc
