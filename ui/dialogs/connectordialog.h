#pragma once

#include "config/connectorconfig.h"
#include "mimecast/clientsettings.h"
#include "mimecast/connectioncheck.h"

#include <QDialog>
#include <QHash>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace msc {

class SecretStore;

/// Configures one connector (connectors.md §4.1): region or custom base URL, client id,
/// client secret, start date, interval, enabled, streams. Validation is inline and names the
/// problem; Save stays disabled while anything is invalid. The client secret goes to the
/// SecretStore only and is never read back into a widget: a stored one is shown as "stored
/// in keychain" with a Replace button. "Test connection" runs on a pool thread; it also runs
/// before the first save, which goes ahead only if the token request succeeded.
class ConnectorDialog final : public QDialog
{
    Q_OBJECT

public:
    /// \a config as loaded from \a settingsPath; \a secrets must outlive the dialog.
    ConnectorDialog(ConnectorConfig config, QString settingsPath, SecretStore &secrets,
        ClientSettings clientSettings, QWidget *parent = nullptr);
    ~ConnectorDialog() override;

    /// The configuration as the fields describe it now.
    ConnectorConfig currentConfig() const;
    /// What prevents saving right now, each message naming the field; empty if nothing.
    QStringList problems() const;
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    void testConnection();
    void save();
    void reject() override;

Q_SIGNALS:
    /// The configuration (and a new secret, if one was entered) has been stored.
    void saved(const QString &connectorId);
    /// A connection test has finished and its results are shown.
    void testFinished();

private:
    void buildUi();
    void updateValidation();
    void setBusy(bool busy);
    void setStatus(const QString &text, bool error);
    void setSecretReplacing(bool replacing);
    bool hasNewSecret() const;
    QString credentialsKey() const;
    void startCheck(bool thenSave);
    void runCheck(const QString &secret, bool thenSave);
    void showCheck(const ConnectionCheck &check);
    void commitSave();
    void writeSettingsAndAccept();

    ConnectorConfig m_config;
    const ConnectorInfo *m_info;
    QString m_settingsPath;
    SecretStore &m_secrets;
    ClientSettings m_clientSettings;
    std::shared_ptr<CancellationToken> m_cancel;
    bool m_secretStored;
    bool m_replacingSecret = false;
    bool m_busy = false;
    int m_secretGeneration = 0;
    QString m_testedCredentials; ///< credentialsKey() of the last test whose token succeeded.

    QComboBox *m_region = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_secret = nullptr;
    QPushButton *m_replaceSecret = nullptr;
    QLineEdit *m_startDate = nullptr;
    QSpinBox *m_interval = nullptr;
    QComboBox *m_intervalUnit = nullptr;
    QCheckBox *m_enabled = nullptr;
    QHash<QString, QCheckBox *> m_streamBoxes;
    QHash<QString, QLabel *> m_streamResults;
    QLabel *m_problems = nullptr;
    QLabel *m_warnings = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_testButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace msc
