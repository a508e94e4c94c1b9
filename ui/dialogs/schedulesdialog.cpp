#include "dialogs/schedulesdialog.h"

#include "ingest/synccontroller.h"
#include "widgets/statusstyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    enum Unit { Minutes, Hours };

    QLabel *plainLabel(const QString &text, QWidget *parent)
    {
        auto *label = new QLabel(text, parent);
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        return label;
    }

    QComboBox *unitBox(const QString &name, QWidget *parent)
    {
        auto *box = new QComboBox(parent);
        box->setObjectName(name);
        box->addItem(SchedulesDialog::tr("minutes"));
        box->addItem(SchedulesDialog::tr("hours"));
        return box;
    }

    QSpinBox *intervalBox(const QString &name, QWidget *parent)
    {
        auto *box = new QSpinBox(parent);
        box->setObjectName(name);
        // Wider than any connector allows: an out-of-range value gets a message that names
        // the range, instead of being clamped silently.
        box->setRange(1, 99999);
        return box;
    }

} // namespace

SchedulesDialog::SchedulesDialog(QString settingsPath, SyncController *controller, QWidget *parent)
    : QDialog(parent)
    , m_settingsPath(std::move(settingsPath))
    , m_controller(controller)
    , m_allInterval(intervalBox(u"allInterval"_s, this))
    , m_allUnit(unitBox(u"allUnit"_s, this))
    , m_applyAllButton(new QPushButton(tr("Apply to &all"), this))
    , m_status(plainLabel(QString(), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"schedulesDialog"_s);
    setWindowTitle(tr("Change all schedules"));
    m_applyAllButton->setObjectName(u"applyAll"_s);
    m_status->setObjectName(u"status"_s);
    m_status->setStyleSheet(statusStyleSheet(StatusTone::Error, this));

    auto *intro = plainLabel(tr("Each connector syncs its enabled streams once per interval. "
                                "Changes apply at once: the next sync of a connector is its "
                                "last scheduled sync plus the new interval, or now if that "
                                "time has passed."),
        this);

    auto *grid = new QGridLayout;
    grid->addWidget(plainLabel(tr("Connector"), this), 0, 0);
    grid->addWidget(plainLabel(tr("Enabled"), this), 0, 1);
    grid->addWidget(plainLabel(tr("Sync every"), this), 0, 2, 1, 2);
    grid->addWidget(plainLabel(tr("Allowed"), this), 0, 4);
    int gridRow = 1;
    for (const ConnectorSchedule &schedule : Schedules::load(m_settingsPath)) {
        Row row;
        row.schedule = schedule;
        auto *title = plainLabel(schedule.title, this);
        row.enabled = new QCheckBox(this);
        row.enabled->setObjectName(u"enabled:"_s + schedule.id);
        row.enabled->setChecked(schedule.enabled);
        row.enabled->setAccessibleName(tr("%1 enabled").arg(schedule.title));
        row.interval = intervalBox(u"interval:"_s + schedule.id, this);
        row.interval->setAccessibleName(tr("%1 interval").arg(schedule.title));
        row.unit = unitBox(u"unit:"_s + schedule.id, this);
        showMinutes(row.interval, row.unit, schedule.intervalMinutes);
        const QString range =
            schedule.maxIntervalMinutes % 60 == 0 && schedule.minIntervalMinutes % 60 == 0
            ? tr("%1–%2 hours")
                  .arg(schedule.minIntervalMinutes / 60)
                  .arg(schedule.maxIntervalMinutes / 60)
            : tr("%1–%2 minutes").arg(schedule.minIntervalMinutes).arg(schedule.maxIntervalMinutes);
        auto *allowed = plainLabel(schedule.configured ? range : tr("not configured"), this);
        row.message = plainLabel(QString(), this);
        row.message->setObjectName(u"message:"_s + schedule.id);
        row.message->setStyleSheet(statusStyleSheet(StatusTone::Error, this));
        row.message->hide();
        for (QWidget *field : {static_cast<QWidget *>(row.enabled),
                 static_cast<QWidget *>(row.interval), static_cast<QWidget *>(row.unit)})
            field->setEnabled(schedule.configured);
        title->setBuddy(row.interval);

        grid->addWidget(title, gridRow, 0);
        grid->addWidget(row.enabled, gridRow, 1, Qt::AlignCenter);
        grid->addWidget(row.interval, gridRow, 2);
        grid->addWidget(row.unit, gridRow, 3);
        grid->addWidget(allowed, gridRow, 4);
        grid->addWidget(row.message, gridRow + 1, 0, 1, 5);
        gridRow += 2;

        const qsizetype index = m_rows.size();
        connect(row.unit, &QComboBox::currentIndexChanged, this, [this, index](int unit) {
            // Keep the same interval when only the unit changes, as far as it can be shown.
            QSpinBox *interval = m_rows.at(index).interval;
            const int value = interval->value();
            interval->setValue(unit == Hours ? std::max(1, (value + 30) / 60) : value * 60);
        });
        m_rows.append(row);
    }
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(4, 1);

    auto *allLabel = new QLabel(tr("&Set all to:"), this);
    allLabel->setTextFormat(Qt::PlainText);
    allLabel->setBuddy(m_allInterval);
    m_allInterval->setValue(60);
    auto *allRow = new QHBoxLayout;
    allRow->addWidget(allLabel);
    allRow->addWidget(m_allInterval);
    allRow->addWidget(m_allUnit);
    allRow->addWidget(m_applyAllButton);
    allRow->addStretch(1);

    m_buttons->button(QDialogButtonBox::Save)->setObjectName(u"save"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancel"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addSpacing(8);
    layout->addLayout(allRow);
    layout->addStretch(1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_applyAllButton, &QPushButton::clicked, this, &SchedulesDialog::applyToAll);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SchedulesDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(640, sizeHint().height());
}

int SchedulesDialog::minutesOf(const QSpinBox *interval, const QComboBox *unit)
{
    return interval->value() * (unit->currentIndex() == Hours ? 60 : 1);
}

void SchedulesDialog::showMinutes(QSpinBox *interval, QComboBox *unit, int minutes)
{
    const QSignalBlocker blocker(unit);
    const bool hours = minutes >= 60 && minutes % 60 == 0;
    unit->setCurrentIndex(hours ? Hours : Minutes);
    interval->setValue(hours ? minutes / 60 : minutes);
}

QList<ConnectorSchedule> SchedulesDialog::schedules() const
{
    QList<ConnectorSchedule> result;
    for (const Row &row : m_rows) {
        ConnectorSchedule schedule = row.schedule;
        schedule.enabled = row.enabled->isChecked();
        schedule.intervalMinutes = minutesOf(row.interval, row.unit);
        result.append(schedule);
    }
    return result;
}

QString SchedulesDialog::rowMessage(const QString &connectorId) const
{
    for (const Row &row : m_rows) {
        if (row.schedule.id == connectorId)
            return row.message->text();
    }
    return QString();
}

void SchedulesDialog::applyToAll()
{
    const int minutes = minutesOf(m_allInterval, m_allUnit);
    for (Row &row : m_rows) {
        if (row.schedule.configured)
            showMinutes(row.interval, row.unit, minutes);
    }
}

void SchedulesDialog::setRowMessage(Row &row, const QString &message)
{
    row.message->setText(message);
    row.message->setVisible(!message.isEmpty());
}

bool SchedulesDialog::save()
{
    QHash<QString, QString> problems;
    QString error;
    const bool saved = Schedules::save(m_settingsPath, schedules(), &problems, &error);
    for (Row &row : m_rows) {
        const QString problem = problems.value(row.schedule.id);
        setRowMessage(row,
            problem.isEmpty() ? QString()
                              : tr("%1: %2").arg(row.schedule.title, problem).replace(u'\n', u' '));
    }
    if (!saved) {
        m_status->setText(problems.isEmpty()
                ? error
                : tr("Nothing was saved: correct the connectors marked above."));
        return false;
    }
    m_status->clear();
    if (m_controller)
        m_controller->applySchedules();
    accept();
    return true;
}

} // namespace msc
