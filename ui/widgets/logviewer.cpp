#include "widgets/logviewer.h"

#include "models/logmodel.h"
#include "widgets/plaintextdelegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace msc {

LogViewer::LogViewer(LogBuffer &buffer, QWidget *parent)
    : QWidget(parent)
    , m_model(new LogModel(buffer, this))
    , m_filter(new LogFilterModel(this))
    , m_text(new QLineEdit(this))
    , m_level(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_count(new QLabel(this))
{
    setObjectName(u"logViewer"_s);
    m_filter->setSourceModel(m_model);

    m_text->setObjectName(u"logFilter"_s);
    m_text->setPlaceholderText(tr("Filter: text in the message or category"));
    m_text->setClearButtonEnabled(true);
    m_level->setObjectName(u"logLevelFilter"_s);
    m_level->addItem(tr("Debug and above"), 0);
    m_level->addItem(tr("Info and above"), 1);
    m_level->addItem(tr("Warnings and errors"), 2);
    m_level->addItem(tr("Errors only"), 3);
    m_count->setObjectName(u"logCount"_s);
    m_count->setTextFormat(Qt::PlainText);

    m_view->setObjectName(u"logView"_s);
    m_view->setModel(m_filter);
    // The delegate keeps any tooltip literal; the model offers none, and the display role is
    // painted as plain text.
    m_view->setItemDelegate(new PlainTextDelegate(m_view));
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    // Fixed row heights and column widths: measuring thousands of rows as they stream in
    // would cost the GUI thread more than the lines themselves.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(
        LogModel::TimeColumn, m_view->fontMetrics().horizontalAdvance(u"00:00:00.000"_s) + 16);
    m_view->setColumnWidth(LogModel::LevelColumn, 80);
    m_view->setColumnWidth(LogModel::CategoryColumn, 130);

    auto *filters = new QHBoxLayout;
    auto *filterLabel = new QLabel(tr("&Filter:"), this);
    filterLabel->setTextFormat(Qt::PlainText);
    filterLabel->setBuddy(m_text);
    filters->addWidget(filterLabel);
    filters->addWidget(m_text, 1);
    auto *levelLabel = new QLabel(tr("&Level:"), this);
    levelLabel->setTextFormat(Qt::PlainText);
    levelLabel->setBuddy(m_level);
    filters->addWidget(levelLabel);
    filters->addWidget(m_level);

    auto *note = new QLabel(tr("The most recent %1 log lines of this session. Secrets, tokens "
                               "and signed links are redacted before a line is kept.")
                                .arg(buffer.capacity()),
        this);
    note->setTextFormat(Qt::PlainText);
    note->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);

    connect(m_text, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setText(text.trimmed());
        updateCount();
    });
    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setMinimumSeverity(m_level->currentData().toInt());
        updateCount();
    });
    // Follow the newest line, unless the admin has scrolled up to read.
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar *bar = m_view->verticalScrollBar();
        m_view->setProperty("follow", bar->value() >= bar->maximum());
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_view->property("follow").toBool())
            m_view->scrollToBottom();
        updateCount();
    });
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &LogViewer::updateCount);
    m_level->setCurrentIndex(1); // Info and above
    m_filter->setMinimumSeverity(1);
    updateCount();
}

void LogViewer::updateCount()
{
    m_count->setText(
        tr("%1 of %2 lines shown.").arg(m_filter->rowCount()).arg(m_model->rowCount()));
}

} // namespace msc
