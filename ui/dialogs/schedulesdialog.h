#pragma once

#include "config/schedules.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace msc {

class SyncController;

/// "Change all schedules" (connectors.md §5): every connector with its enabled state and
/// interval (minutes or hours), and a "set all to" control. Save validates each connector
/// as its own dialog would (§4.1) and names the problem below its row; it writes nothing
/// unless every row is valid, then writes all of them in one settings transaction
/// (Schedules::save) and moves the controller's next ticks at once. The controller, when
/// given, must outlive the dialog.
class SchedulesDialog final : public QDialog
{
    Q_OBJECT

public:
    SchedulesDialog(QString settingsPath, SyncController *controller, QWidget *parent = nullptr);

    /// The rows as they stand in the dialog (not yet saved).
    QList<ConnectorSchedule> schedules() const;
    /// The message below the row of \a connectorId (empty when it is valid).
    QString rowMessage(const QString &connectorId) const;

public Q_SLOTS:
    /// Sets the interval of every configured connector to the "set all to" value.
    void applyToAll();
    /// Validates and saves; closes the dialog (accepted) on success.
    bool save();

private:
    struct Row
    {
        ConnectorSchedule schedule;
        QCheckBox *enabled = nullptr;
        QSpinBox *interval = nullptr;
        QComboBox *unit = nullptr;
        QLabel *message = nullptr;
    };

    static int minutesOf(const QSpinBox *interval, const QComboBox *unit);
    static void showMinutes(QSpinBox *interval, QComboBox *unit, int minutes);
    void setRowMessage(Row &row, const QString &message);

    QString m_settingsPath;
    SyncController *m_controller;
    QList<Row> m_rows;
    QSpinBox *m_allInterval;
    QComboBox *m_allUnit;
    QPushButton *m_applyAllButton;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
};

} // namespace msc
