#include "pages/cacheoverviewpage.h"
#include "util/futurecallback.h"

#include "models/streamhealthmodel.h"
#include "storage/cachereader.h"

#include <QFuture>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace msc {

namespace {

    struct HealthSnapshot
    {
        QList<StreamHealth> streams;
        CacheError error;
    };

    HealthSnapshot readHealth(const QString &cachePath, const SchemaDefinition &definition)
    {
        HealthSnapshot snapshot;
        std::unique_ptr<CacheReader> reader =
            CacheReader::open(cachePath, definition, &snapshot.error);
        if (reader)
            snapshot.streams = reader->streamHealth(&snapshot.error);
        return snapshot;
    }

} // namespace

CacheOverviewPage::CacheOverviewPage(
    QString cachePath, SchemaDefinition definition, QWidget *parent)
    : QWidget(parent)
    , m_cachePath(std::move(cachePath))
    , m_definition(std::move(definition))
    , m_model(new StreamHealthModel(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
    , m_refreshButton(new QPushButton(tr("&Refresh"), this))
{
    auto *title = new QLabel(tr("Cache overview"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_refreshButton, 0, Qt::AlignRight);

    connect(m_refreshButton, &QPushButton::clicked, this, &CacheOverviewPage::refresh);
}

CacheOverviewPage::~CacheOverviewPage()
{
    // The read has its own connection; let it end before the application closes the
    // database connections.
    m_pending.waitForFinished();
}

void CacheOverviewPage::refresh()
{
    m_refreshButton->setEnabled(false);
    m_status->setText(tr("Reading the cache…"));
    QFuture<HealthSnapshot> read = QtConcurrent::run(readHealth, m_cachePath, m_definition);
    m_pending = QFuture<void>(read);
    whenFinished(this, read, [this](const HealthSnapshot &snapshot) {
        m_refreshButton->setEnabled(true);
        if (snapshot.error.isError()) {
            m_status->setText(snapshot.error.message);
        } else {
            m_model->setStreams(snapshot.streams);
            m_view->resizeColumnsToContents();
            m_status->setText(
                tr("%n stream(s) in %1", nullptr, int(snapshot.streams.size())).arg(m_cachePath));
        }
        Q_EMIT refreshed();
    });
}

} // namespace msc
