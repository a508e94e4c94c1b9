#pragma once

#include "mimecast/clientsettings.h"
#include "storage/tableschema.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace msc {

class ConnectorDialog;
class ConnectorListModel;
class SecretStore;

/// The five connectors: their configuration from the profile's settings file, the last sync
/// and last error from the cache (read on a pool thread), and Configure…, Enable/Disable and
/// Delete. Deleting asks first (through MessageBox) and removes the connector's secret from
/// the SecretStore before its settings.
class ConnectorsPage final : public QWidget
{
    Q_OBJECT

public:
    /// \a secrets must outlive the page. \a cachePath may be empty (no sync figures).
    ConnectorsPage(QString settingsPath, QString cachePath, SchemaDefinition definition,
        SecretStore &secrets, QWidget *parent = nullptr);

    ConnectorListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /// Network settings for "Test connection" (proxy, CA bundle, timeouts).
    void setClientSettings(const ClientSettings &settings) { m_clientSettings = settings; }

    void selectConnector(const QString &connectorId);
    /// Opens the configuration dialog of \a connectorId without blocking (window-modal) and
    /// returns it; it deletes itself when closed.
    ConnectorDialog *configure(const QString &connectorId);
    /// The dialog opened last, while it is open.
    ConnectorDialog *openDialog() const;

public Q_SLOTS:
    /// Re-reads the settings file, then the sync figures on a pool thread.
    void reload();
    void configureSelected();
    void toggleSelected();
    void deleteSelected();

Q_SIGNALS:
    /// A connector was saved, enabled, disabled or deleted.
    void connectorsChanged();
    /// The sync figures of the last reload() have arrived.
    void healthLoaded();

private:
    QString selectedId() const;
    void updateButtons();

    QString m_settingsPath;
    QString m_cachePath;
    SchemaDefinition m_definition;
    SecretStore &m_secrets;
    ClientSettings m_clientSettings;
    ConnectorListModel *m_model;
    QTableView *m_view;
    QLabel *m_status;
    QPushButton *m_configureButton;
    QPushButton *m_toggleButton;
    QPushButton *m_deleteButton;
    QPointer<ConnectorDialog> m_dialog;
};

} // namespace msc
