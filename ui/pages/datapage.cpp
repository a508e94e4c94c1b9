#include "pages/datapage.h"

#include "models/tablemodel.h"
#include "util/futurecallback.h"
#include "widgets/plaintextdelegate.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFuture>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    /// Re-indents compact JSON without reordering keys or touching values (QJsonDocument
    /// would sort the keys), so the record reads as it was received.
    QString indentJson(const QString &json)
    {
        QString out;
        out.reserve(json.size() * 2);
        int depth = 0;
        bool inString = false;
        bool escaped = false;
        auto newline = [&](int level) {
            out.append(u'\n');
            out.append(QString(level * 2, u' '));
        };
        for (qsizetype i = 0; i < json.size(); ++i) {
            const QChar c = json.at(i);
            if (inString) {
                out.append(c);
                if (escaped)
                    escaped = false;
                else if (c == u'\\')
                    escaped = true;
                else if (c == u'"')
                    inString = false;
                continue;
            }
            switch (c.unicode()) {
            case u'"':
                inString = true;
                out.append(c);
                break;
            case u'{':
            case u'[': {
                out.append(c);
                const QChar close = c == u'{' ? u'}' : u']';
                if (i + 1 < json.size() && json.at(i + 1) == close) {
                    out.append(close);
                    ++i;
                } else {
                    newline(++depth);
                }
                break;
            }
            case u'}':
            case u']':
                newline(--depth);
                out.append(c);
                break;
            case u',':
                out.append(c);
                newline(depth);
                break;
            case u':':
                out.append(u": "_s);
                break;
            case u' ':
            case u'\t':
            case u'\n':
            case u'\r':
                break;
            default:
                out.append(c);
            }
        }
        return out;
    }

    QString prettyRaw(const QVariant &raw)
    {
        if (raw.typeId() == QMetaType::QByteArray)
            return TableModel::displayText(raw); // a compressed frame: hex
        const QString text = raw.toString();
        QJsonParseError error;
        QJsonDocument::fromJson(text.toUtf8(), &error);
        return error.error == QJsonParseError::NoError ? indentJson(text) : text;
    }

    QString clipboardCell(const QVariant &value)
    {
        QString text = TableModel::displayText(value);
        const bool number =
            value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Double;
        if (!number && !text.isEmpty() && QStringView(u"=+-@\t\r").contains(text.front()))
            text.prepend(u'\'');
        text.replace(u'\t', u' ');
        text.replace(u'\r', u' ');
        text.replace(u'\n', u' ');
        return text;
    }

    struct ExportOutcome
    {
        bool ok = false;
        QString error;
    };

} // namespace

DataPage::DataPage(QString cachePath, const SchemaDefinition &definition, QWidget *parent)
    : QWidget(parent)
    , m_cachePath(std::move(cachePath))
    , m_sources(DataSources::fromDefinition(definition))
    , m_model(new TableModel(m_cachePath, this))
    , m_sourceCombo(new QComboBox(this))
    , m_fromCheck(new QCheckBox(tr("&From"), this))
    , m_fromEdit(new QDateTimeEdit(this))
    , m_toCheck(new QCheckBox(tr("&To"), this))
    , m_toEdit(new QDateTimeEdit(this))
    , m_filterColumn(new QComboBox(this))
    , m_filterMode(new QComboBox(this))
    , m_filterText(new QLineEdit(this))
    , m_applyButton(new QPushButton(tr("&Apply"), this))
    , m_view(new QTableView(this))
    , m_delegate(new PlainTextDelegate(this))
    , m_details(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_copyButton(new QPushButton(tr("&Copy"), this))
    , m_exportButton(new QPushButton(tr("&Export selection…"), this))
{
    setObjectName(u"dataPage"_s);
    m_sourceCombo->setObjectName(u"dataSourceCombo"_s);
    m_fromCheck->setObjectName(u"dataFromCheck"_s);
    m_fromEdit->setObjectName(u"dataFromEdit"_s);
    m_toCheck->setObjectName(u"dataToCheck"_s);
    m_toEdit->setObjectName(u"dataToEdit"_s);
    m_filterColumn->setObjectName(u"dataFilterColumn"_s);
    m_filterMode->setObjectName(u"dataFilterMode"_s);
    m_filterText->setObjectName(u"dataFilterText"_s);
    m_applyButton->setObjectName(u"dataApplyButton"_s);
    m_view->setObjectName(u"dataView"_s);
    m_details->setObjectName(u"dataDetails"_s);
    m_status->setObjectName(u"dataStatus"_s);
    m_copyButton->setObjectName(u"dataCopyButton"_s);
    m_exportButton->setObjectName(u"dataExportButton"_s);

    auto *title = new QLabel(tr("Data"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);

    for (const DataSource &source : std::as_const(m_sources))
        m_sourceCombo->addItem(source.name, source.name);
    m_sourceCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    // Times are UTC, as stored; the range is [from, to).
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (QDateTimeEdit *edit : {m_fromEdit, m_toEdit}) {
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss"_s);
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
        // The style's size hint leaves no room for the popup button with this format.
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(u"0000-00-00 00:00:00"_s)
            + 2 * edit->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 16);
    }
    m_fromEdit->setDateTime(now.addDays(-1));
    m_toEdit->setDateTime(now);
    m_fromEdit->setToolTip(tr("Events at or after this time (UTC)"));
    m_toEdit->setToolTip(tr("Events before this time (UTC)"));
    connect(m_fromCheck, &QCheckBox::toggled, m_fromEdit, &QWidget::setEnabled);
    connect(m_toCheck, &QCheckBox::toggled, m_toEdit, &QWidget::setEnabled);

    m_filterMode->addItem(tr("contains"), int(ColumnFilter::Mode::Contains));
    m_filterMode->addItem(tr("equals"), int(ColumnFilter::Mode::Equals));
    m_filterText->setPlaceholderText(tr("Filter value"));
    m_filterText->setClearButtonEnabled(true);

    m_status->setTextFormat(Qt::PlainText);
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setPlaceholderText(tr("Select a row to see all of its columns."));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_details->setFont(mono);

    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setDefaultSectionSize(160);
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->horizontalHeader()->setSectionsClickable(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    // The newest rows first, as stored: the default sort is _seq DESC (TableQuery).
    m_view->horizontalHeader()->setSortIndicator(0, Qt::DescendingOrder);
    // A header click changes the indicator; the model turns that into a new query.
    connect(
        m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, m_model, &TableModel::sort);

    auto *copyAction = new QAction(tr("Copy"), m_view);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(copyAction);
    connect(copyAction, &QAction::triggered, this, &DataPage::copySelection);

    auto *filterRow = new QHBoxLayout;
    auto *sourceLabel = new QLabel(tr("&Table"), this);
    sourceLabel->setBuddy(m_sourceCombo);
    filterRow->addWidget(sourceLabel);
    filterRow->addWidget(m_sourceCombo);
    filterRow->addSpacing(12);
    filterRow->addWidget(m_fromCheck);
    filterRow->addWidget(m_fromEdit);
    filterRow->addWidget(m_toCheck);
    filterRow->addWidget(m_toEdit);
    filterRow->addWidget(new QLabel(tr("UTC"), this));
    filterRow->addStretch();

    auto *columnRow = new QHBoxLayout;
    auto *filterLabel = new QLabel(tr("&Where"), this);
    filterLabel->setBuddy(m_filterColumn);
    columnRow->addWidget(filterLabel);
    columnRow->addWidget(m_filterColumn);
    columnRow->addWidget(m_filterMode);
    columnRow->addWidget(m_filterText, 1);
    columnRow->addWidget(m_applyButton);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"dataSplitter"_s);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *bottomRow = new QHBoxLayout;
    bottomRow->addWidget(m_status, 1);
    bottomRow->addWidget(m_copyButton);
    bottomRow->addWidget(m_exportButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(filterRow);
    layout->addLayout(columnRow);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottomRow);

    connect(m_sourceCombo, &QComboBox::currentIndexChanged, this, &DataPage::sourceChanged);
    connect(m_applyButton, &QPushButton::clicked, this, &DataPage::applyFilters);
    connect(m_filterText, &QLineEdit::returnPressed, this, &DataPage::applyFilters);
    connect(m_copyButton, &QPushButton::clicked, this, &DataPage::copySelection);
    connect(m_exportButton, &QPushButton::clicked, this, &DataPage::exportSelection);
    connect(m_model, &TableModel::pageLoaded, this, &DataPage::updateStatus);
    connect(m_model, &TableModel::totalRowsChanged, this, &DataPage::updateStatus);
    connect(m_model, &TableModel::loadingChanged, this, &DataPage::updateStatus);
    connect(m_model, &TableModel::loadFailed, this, &DataPage::updateStatus);
    // The view's selection model lives as long as the view (one model, never replaced).
    connect(m_model, &QAbstractItemModel::modelReset, this, &DataPage::updateDetails);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DataPage::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &DataPage::updateDetails);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &DataPage::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &DataPage::updateDetails);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &DataPage::updateActions);

    sourceChanged();
    updateActions();
}

bool DataPage::showSource(const QString &name)
{
    const int index = m_sourceCombo->findData(name);
    if (index < 0)
        return false;
    m_started = true;
    if (index == m_sourceCombo->currentIndex())
        applyFilters();
    else
        m_sourceCombo->setCurrentIndex(index); // sourceChanged() applies
    return true;
}

void DataPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Nothing is read until the page is first shown.
    if (!m_started) {
        m_started = true;
        applyFilters();
    }
}

void DataPage::sourceChanged()
{
    const int index = m_sourceCombo->currentIndex();
    if (index < 0 || index >= m_sources.size())
        return;
    const DataSource &source = m_sources.at(index);
    const QString previous = m_filterColumn->currentData().toString();
    m_filterColumn->clear();
    for (const QString &column : source.columns)
        m_filterColumn->addItem(column, column);
    const int keep = m_filterColumn->findData(previous);
    m_filterColumn->setCurrentIndex(keep >= 0 ? keep : m_filterColumn->findData(u"subject"_s));
    if (m_filterColumn->currentIndex() < 0)
        m_filterColumn->setCurrentIndex(0);
    const bool hasTime = !source.timeColumn.isEmpty();
    m_fromCheck->setEnabled(hasTime);
    m_toCheck->setEnabled(hasTime);
    if (m_started)
        applyFilters();
}

void DataPage::applyFilters()
{
    const int index = m_sourceCombo->currentIndex();
    if (index < 0 || index >= m_sources.size())
        return;
    const DataSource &source = m_sources.at(index);

    TableQuery query;
    query.source = source.name;
    if (!source.timeColumn.isEmpty()) {
        if (m_fromCheck->isChecked())
            query.from = m_fromEdit->dateTime().toUTC();
        if (m_toCheck->isChecked())
            query.to = m_toEdit->dateTime().toUTC();
    }
    const QString value = m_filterText->text();
    if (!value.isEmpty() && m_filterColumn->currentIndex() >= 0) {
        // The column is picked from the source's own list; the value is bound by the query.
        query.filter = ColumnFilter {m_filterColumn->currentData().toString(),
            ColumnFilter::Mode(m_filterMode->currentData().toInt()), value};
    }
    // Keep the header's sort when it names a column of this source; else the default.
    const bool sameColumns = m_model->columns() == source.columns;
    const int section = m_view->horizontalHeader()->sortIndicatorSection();
    if (sameColumns && section >= 0 && section < source.columns.size()) {
        query.sortColumn = source.columns.at(section);
        query.sortOrder = m_view->horizontalHeader()->sortIndicatorOrder();
    } else {
        query.sortColumn = source.defaultSortColumn;
        query.sortOrder = Qt::DescendingOrder;
    }

    m_details->clear();
    m_model->setQuery(source, query);
    if (!sameColumns) {
        QHeaderView *header = m_view->horizontalHeader();
        {
            // Block the signal: the query above already has this sort.
            const QSignalBlocker blocker(header);
            header->setSortIndicator(
                int(source.columns.indexOf(query.sortColumn)), query.sortOrder);
        }
        // The event time next to `_seq`: what one reads first, wherever the table declares it.
        const int timeColumn = int(source.columns.indexOf(source.timeColumn));
        if (timeColumn > 0)
            header->moveSection(header->visualIndex(timeColumn), 1);
    }
    updateStatus();
    updateActions();
}

void DataPage::updateStatus()
{
    const QLocale locale;
    if (!m_model->lastError().isEmpty()) {
        m_status->setText(m_model->lastError());
        return;
    }
    const qint64 loaded = m_model->rowCount();
    const qint64 total = m_model->totalRows();
    QString text;
    if (total >= 0)
        text = tr("%1 of %2 rows loaded").arg(locale.toString(loaded), locale.toString(total));
    else
        text = tr("%1 rows loaded").arg(locale.toString(loaded));
    if (m_model->isLoading())
        text += u"  "_s + tr("Loading…");
    m_status->setText(text);
}

QList<int> DataPage::selectedRows() const
{
    QList<int> rows;
    if (!m_view->selectionModel())
        return rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void DataPage::updateActions()
{
    const bool any = m_view->selectionModel() && m_view->selectionModel()->hasSelection();
    m_copyButton->setEnabled(any);
    m_exportButton->setEnabled(any && !m_exporting);
}

void DataPage::updateDetails()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const QList<int> rows = selectedRows();
    int row = -1;
    if (current.isValid() && rows.contains(current.row()))
        row = current.row();
    else if (!rows.isEmpty())
        row = rows.first();
    if (row < 0) {
        m_details->clear();
        return;
    }
    m_details->setPlainText(detailsText(row));
}

QString DataPage::detailsText(int row) const
{
    if (row < 0 || row >= m_model->rowCount())
        return {};
    const QStringList &columns = m_model->columns();
    const QVariantList &values = m_model->rowValues(row);
    qsizetype width = 0;
    for (const QString &column : columns)
        width = std::max(width, column.size());
    QString text;
    qsizetype rawIndex = -1;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (columns.at(i) == u"_raw"_s) {
            rawIndex = i;
            continue;
        }
        const QVariant value = i < values.size() ? values.at(i) : QVariant();
        text +=
            columns.at(i).leftJustified(width) + u"  "_s + TableModel::displayText(value) + u'\n';
    }
    if (rawIndex >= 0 && rawIndex < values.size()) {
        text += u"\n_raw\n"_s;
        text += prettyRaw(values.at(rawIndex));
        text += u'\n';
    }
    return text;
}

QString DataPage::selectionAsText() const
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return {};
    QString text = m_model->columns().join(u'\t') + u'\n';
    for (const int row : rows) {
        QStringList cells;
        for (const QVariant &value : m_model->rowValues(row))
            cells.append(clipboardCell(value));
        text += cells.join(u'\t') + u'\n';
    }
    return text;
}

void DataPage::copySelection()
{
    const QString text = selectionAsText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void DataPage::exportSelection()
{
    if (selectedRows().isEmpty())
        return;
    const QString csvFilter = tr("CSV (*.csv)");
    const QString ndjsonFilter = tr("NDJSON (*.ndjson)");
    QString selectedFilter = csvFilter;
    QString path = QFileDialog::getSaveFileName(this, tr("Export selected rows"),
        m_model->source().name + u".csv"_s, csvFilter + u";;"_s + ndjsonFilter, &selectedFilter);
    if (path.isEmpty())
        return;
    ExportFormat format = selectedFilter == ndjsonFilter ? ExportFormat::Ndjson : ExportFormat::Csv;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"ndjson"_s || suffix == u"jsonl"_s)
        format = ExportFormat::Ndjson;
    else if (suffix == u"csv"_s)
        format = ExportFormat::Csv;
    exportSelectionTo(path, format);
}

void DataPage::exportSelectionTo(const QString &filePath, ExportFormat format)
{
    QList<QVariantList> rows;
    for (const int row : selectedRows())
        rows.append(m_model->rowValues(row));
    if (rows.isEmpty()) {
        Q_EMIT exportFinished(false, tr("Select the rows to export first."));
        return;
    }
    m_exporting = true;
    updateActions();
    m_status->setText(tr("Exporting %n row(s)…", nullptr, int(rows.size())));
    const QStringList columns = m_model->columns();
    const qsizetype count = rows.size();
    QFuture<ExportOutcome> work =
        QtConcurrent::run([filePath, format, columns, rows = std::move(rows)] {
            ExportOutcome outcome;
            outcome.ok = TableExport::writeFile(filePath, format, columns, rows, &outcome.error);
            return outcome;
        });
    whenFinished(this, std::move(work), [this, filePath, count](const ExportOutcome &outcome) {
        m_exporting = false;
        updateActions();
        const QString message = outcome.ok
            ? tr("Exported %n row(s) to %1", nullptr, int(count)).arg(filePath)
            : outcome.error;
        m_status->setText(message);
        Q_EMIT exportFinished(outcome.ok, message);
    });
}

} // namespace msc
