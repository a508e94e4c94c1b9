#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace msc {

class LogBuffer;
class LogFilterModel;
class LogModel;

/// The recent log lines (already redacted by the message handler) with a level and a text
/// filter, updating live. Lines arrive in batches from LogBuffer; the view follows the
/// newest line while it is scrolled to the bottom. Everything is shown as plain text: log
/// lines quote server messages and event data (security.md rule 2).
class LogViewer final : public QWidget
{
    Q_OBJECT

public:
    /// \a buffer must outlive the viewer.
    explicit LogViewer(LogBuffer &buffer, QWidget *parent = nullptr);

    LogModel *model() const { return m_model; }
    LogFilterModel *filterModel() const { return m_filter; }
    QTableView *view() const { return m_view; }

private:
    void updateCount();

    LogModel *m_model;
    LogFilterModel *m_filter;
    QLineEdit *m_text;
    QComboBox *m_level;
    QTableView *m_view;
    QLabel *m_count;
};

} // namespace msc
