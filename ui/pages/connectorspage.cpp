#include "pages/connectorspage.h"
#include "util/futurecallback.h"

#include "config/connectorconfig.h"
#include "dialogs/connectordialog.h"
#include "dialogs/messagebox.h"
#include "models/connectorlistmodel.h"
#include "secrets/secretstore.h"
#include "storage/cachereader.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    QList<StreamHealth> readHealth(const QString &cachePath, const SchemaDefinition &definition)
    {
        CacheError error;
        std::unique_ptr<CacheReader> reader = CacheReader::open(cachePath, definition, &error);
        return reader ? reader->streamHealth(&error) : QList<StreamHealth>();
    }

} // namespace

ConnectorsPage::ConnectorsPage(QString settingsPath, QString cachePath, SchemaDefinition definition,
    SecretStore &secrets, QWidget *parent)
    : QWidget(parent)
    , m_settingsPath(std::move(settingsPath))
    , m_cachePath(std::move(cachePath))
    , m_definition(std::move(definition))
    , m_secrets(secrets)
    , m_model(new ConnectorListModel(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
    , m_configureButton(new QPushButton(tr("&Configure…"), this))
    , m_toggleButton(new QPushButton(tr("&Disable"), this))
    , m_deleteButton(new QPushButton(tr("De&lete…"), this))
{
    auto *title = new QLabel(tr("Connectors"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setText(secrets.isEphemeral()
            ? tr("This profile keeps client secrets in memory only (demo): they are lost "
                 "when the console quits.")
            : tr("Client secrets are kept in the system keychain, never in the settings file."));

    m_view->setObjectName(u"connectors"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);

    m_configureButton->setObjectName(u"configure"_s);
    m_toggleButton->setObjectName(u"toggle"_s);
    m_deleteButton->setObjectName(u"delete"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_configureButton);
    buttons->addWidget(m_toggleButton);
    buttons->addWidget(m_deleteButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_configureButton, &QPushButton::clicked, this, &ConnectorsPage::configureSelected);
    connect(m_toggleButton, &QPushButton::clicked, this, &ConnectorsPage::toggleSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &ConnectorsPage::deleteSelected);
    connect(m_view, &QTableView::doubleClicked, this, &ConnectorsPage::configureSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &ConnectorsPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConnectorsPage::updateButtons);

    reload();
    m_view->selectRow(0);
}

void ConnectorsPage::reload()
{
    const QString selected = selectedId();
    QSettings settings(m_settingsPath, QSettings::IniFormat);
    QList<ConnectorConfig> configs;
    for (const ConnectorInfo &info : ConnectorInfo::all())
        configs.append(ConnectorConfig::load(settings, info.id));
    m_model->setConfigs(configs);
    m_view->resizeColumnsToContents();
    if (!selected.isEmpty())
        selectConnector(selected);

    if (m_cachePath.isEmpty())
        return;
    whenFinished(this, QtConcurrent::run(readHealth, m_cachePath, m_definition),
        [this](const QList<StreamHealth> &health) {
            m_model->setHealth(health);
            Q_EMIT healthLoaded();
        });
}

void ConnectorsPage::selectConnector(const QString &connectorId)
{
    const int row = m_model->rowOf(connectorId);
    if (row >= 0)
        m_view->selectRow(row);
}

QString ConnectorsPage::selectedId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid()
        ? m_model->data(current, ConnectorListModel::ConnectorIdRole).toString()
        : QString();
}

void ConnectorsPage::updateButtons()
{
    const QModelIndex current = m_view->currentIndex();
    const bool configured =
        current.isValid() && m_model->data(current, ConnectorListModel::ConfiguredRole).toBool();
    const bool enabled =
        current.isValid() && m_model->data(current, ConnectorListModel::EnabledRole).toBool();
    m_configureButton->setEnabled(current.isValid());
    m_toggleButton->setEnabled(configured);
    m_toggleButton->setText(enabled || !configured ? tr("&Disable") : tr("&Enable"));
    m_deleteButton->setEnabled(configured);
}

ConnectorDialog *ConnectorsPage::configure(const QString &connectorId)
{
    if (!ConnectorInfo::byId(connectorId))
        return nullptr;
    if (m_dialog)
        m_dialog->close();
    QSettings settings(m_settingsPath, QSettings::IniFormat);
    auto *dialog = new ConnectorDialog(ConnectorConfig::load(settings, connectorId), m_settingsPath,
        m_secrets, m_clientSettings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectorDialog::saved, this, [this](const QString &id) {
        reload();
        selectConnector(id);
        Q_EMIT connectorsChanged();
    });
    m_dialog = dialog;
    dialog->open();
    return dialog;
}

ConnectorDialog *ConnectorsPage::openDialog() const
{
    return m_dialog;
}

void ConnectorsPage::configureSelected()
{
    const QString id = selectedId();
    if (!id.isEmpty())
        configure(id);
}

void ConnectorsPage::toggleSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    QSettings settings(m_settingsPath, QSettings::IniFormat);
    ConnectorConfig config = ConnectorConfig::load(settings, id);
    if (!config.configured) {
        configure(id);
        return;
    }
    config.enabled = !config.enabled;
    const QStringList problems = config.validate();
    if (!problems.isEmpty()) {
        MessageBox::critical(this, tr("The connector cannot be enabled"),
            tr("Configure it first:\n%1").arg(problems.join(u'\n')));
        return;
    }
    config.save(settings);
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        MessageBox::critical(this, tr("The settings were not saved"),
            tr("The settings file %1 could not be written.").arg(settings.fileName()));
        return;
    }
    reload();
    Q_EMIT connectorsChanged();
}

void ConnectorsPage::deleteSelected()
{
    const QString id = selectedId();
    const ConnectorInfo *info = ConnectorInfo::byId(id);
    if (!info)
        return;
    const QMessageBox::StandardButton answer = MessageBox::question(this, tr("Delete connector"),
        tr("Delete the configuration of %1 and remove its client secret from the keychain?\n"
           "Rows and cursors already in the cache are kept.")
            .arg(info->title));
    if (answer != QMessageBox::Yes)
        return;
    m_deleteButton->setEnabled(false);
    // The secret goes first: settings without a secret can be re-entered, a secret without
    // settings would be left behind where nobody sees it.
    whenFinished(this, m_secrets.remove(SecretStore::connectorKey(id)),
        [this, id, title = info->title](const SecretResult &result) {
            if (!result.ok() && result.status != SecretResult::Status::NotFound) {
                updateButtons();
                MessageBox::critical(this, tr("The connector was not deleted"),
                    tr("The client secret of %1 could not be removed, so nothing was deleted. %2")
                        .arg(title, result.message));
                return;
            }
            QSettings settings(m_settingsPath, QSettings::IniFormat);
            ConnectorConfig::remove(settings, id);
            settings.sync();
            reload();
            Q_EMIT connectorsChanged();
        });
}

} // namespace msc
