#pragma once

#include "export/tableexport.h"
#include "query/tablequery.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace msc {

class PlainTextDelegate;
class TableModel;

/// Browses any cache table (and, later, parser view): time range, one column filter, sort by
/// header click, lazy loading on scroll, copy and export of the selected rows.
///
/// Every query runs on a pool thread with its own reader connection (TableModel); exports are
/// written on a pool thread too. Event text is shown as plain text everywhere: cells, tooltips
/// (PlainTextDelegate) and the details pane (QPlainTextEdit).
class DataPage final : public QWidget
{
    Q_OBJECT

public:
    DataPage(QString cachePath, const SchemaDefinition &definition, QWidget *parent = nullptr);

    TableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    /// Selects the source named \a name and loads it. Returns false if there is none.
    bool showSource(const QString &name);

    /// The selected rows as tab-separated text with a header line. Tabs and line breaks inside
    /// values become spaces, and cells that a spreadsheet would run as formulas get a leading
    /// `'`, as in CSV exports (pasting into a spreadsheet is an export too).
    QString selectionAsText() const;

    /// The details of model row \a row: one "column: value" line per column, then `_raw`
    /// pretty-printed with its key order kept. Plain text.
    QString detailsText(int row) const;

public Q_SLOTS:
    /// Runs the query built from the controls (source, time range, filter, sort).
    void applyFilters();
    void copySelection();
    /// Asks for a file (QFileDialog) and exports the selected rows to it.
    void exportSelection();
    /// Writes the selected rows to \a filePath on a pool thread; exportFinished() reports.
    void exportSelectionTo(const QString &filePath, ExportFormat format);

Q_SIGNALS:
    void exportFinished(bool ok, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void sourceChanged();
    void updateStatus();
    void updateDetails();
    void updateActions();
    QList<int> selectedRows() const;

    QString m_cachePath;
    QList<DataSource> m_sources;
    TableModel *m_model;
    bool m_started = false;
    bool m_exporting = false;

    QComboBox *m_sourceCombo;
    QCheckBox *m_fromCheck;
    QDateTimeEdit *m_fromEdit;
    QCheckBox *m_toCheck;
    QDateTimeEdit *m_toEdit;
    QComboBox *m_filterColumn;
    QComboBox *m_filterMode;
    QLineEdit *m_filterText;
    QPushButton *m_applyButton;
    QTableView *m_view;
    PlainTextDelegate *m_delegate;
    QPlainTextEdit *m_details;
    QLabel *m_status;
    QPushButton *m_copyButton;
    QPushButton *m_exportButton;
};

} // namespace msc
