#pragma once

#include "profile/profilesettings.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace msc {

class LogBuffer;
class LogViewer;

/// The profile-wide settings (connectors.md §4.1): network (proxy, extra CA bundle, a fixed
/// note that TLS verification is always on), timeouts, ingestion limits and the log level.
/// Each field shows its validation message below it, in plain text. Save checks every field
/// through ProfileSettings::validate() first and writes nothing unless all are valid; Revert
/// re-reads the settings file. A second tab holds the log viewer (setLogBuffer()).
class SettingsPage final : public QWidget
{
    Q_OBJECT

public:
    explicit SettingsPage(QString settingsPath, QWidget *parent = nullptr);

    /// The message shown below the field of \a key (empty when it is valid).
    QString fieldMessage(ProfileSettings::Key key) const;
    /// The status line below the form (the outcome of the last Save or Revert).
    QString statusText() const;

    /// Adds the "Log" tab: a LogViewer over \a buffer, which must outlive the page.
    void setLogBuffer(LogBuffer &buffer);
    /// The log viewer, once setLogBuffer() has added it.
    LogViewer *logViewer() const { return m_logViewer; }
    /// Switches to the "Log" tab, if there is one.
    void showLog();

public Q_SLOTS:
    /// Re-reads every field from the settings file and clears the messages.
    void revert();
    /// Validates every field; writes them all and syncs only if all are valid.
    bool save();

Q_SIGNALS:
    /// The settings file was written.
    void settingsSaved();

private:
    QVariant fieldValue(ProfileSettings::Key key) const;
    QString fieldLabel(ProfileSettings::Key key) const;
    bool checkField(ProfileSettings::Key key);
    void setFieldMessage(ProfileSettings::Key key, const QString &message);
    void setStatus(const QString &text, bool error);
    void updateCaBundleInfo();
    void browseCaBundle();
    QWidget *withMessage(ProfileSettings::Key key, QWidget *field, QWidget *extra = nullptr);
    QSpinBox *makeSpinBox(
        ProfileSettings::Key key, const QString &objectName, const QString &suffix);

    QString m_settingsPath;
    QLineEdit *m_proxyUrl;
    QLineEdit *m_caBundlePath;
    QPushButton *m_browseButton;
    QLabel *m_caBundleInfo;
    QMap<ProfileSettings::Key, QSpinBox *> m_spinBoxes;
    QComboBox *m_logLevel;
    QMap<ProfileSettings::Key, QLabel *> m_messages;
    QMap<ProfileSettings::Key, QString> m_labels;
    QLabel *m_status;
    QPushButton *m_saveButton;
    QPushButton *m_revertButton;
    QTabWidget *m_tabs;
    LogViewer *m_logViewer = nullptr;
};

} // namespace msc
