#include "pages/settingspage.h"

#include "widgets/logviewer.h"
#include "widgets/statusstyle.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    using Key = ProfileSettings::Key;

    /// The order in which fields are checked and written. The CA bundle comes first: its check
    /// reads a file, so it is the only one that can fail on the second pass, and then nothing
    /// has been set yet.
    constexpr Key kFieldOrder[] = {
        Key::CaBundlePath,
        Key::ProxyUrl,
        Key::ConnectTimeoutSeconds,
        Key::IdleTimeoutSeconds,
        Key::TotalTimeoutSeconds,
        Key::ConcurrentJobs,
        Key::MaxConcurrentRequests,
        Key::RetentionDays,
        Key::LogLevel,
    };

    QLabel *plainLabel(const QString &text, QWidget *parent)
    {
        auto *label = new QLabel(text, parent);
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        return label;
    }

} // namespace

SettingsPage::SettingsPage(QString settingsPath, QWidget *parent)
    : QWidget(parent)
    , m_settingsPath(std::move(settingsPath))
    , m_proxyUrl(new QLineEdit(this))
    , m_caBundlePath(new QLineEdit(this))
    , m_browseButton(new QPushButton(tr("&Browse…"), this))
    , m_caBundleInfo(plainLabel(QString(), this))
    , m_logLevel(new QComboBox(this))
    , m_status(plainLabel(QString(), this))
    , m_saveButton(new QPushButton(tr("&Save"), this))
    , m_revertButton(new QPushButton(tr("&Revert"), this))
    , m_tabs(new QTabWidget(this))
{
    setObjectName(u"settingsPage"_s);
    m_labels = {
        {Key::ProxyUrl, tr("Proxy URL")},
        {Key::CaBundlePath, tr("Extra CA bundle")},
        {Key::ConnectTimeoutSeconds, tr("Connect timeout")},
        {Key::IdleTimeoutSeconds, tr("Idle timeout")},
        {Key::TotalTimeoutSeconds, tr("Total timeout")},
        {Key::ConcurrentJobs, tr("Concurrent jobs")},
        {Key::MaxConcurrentRequests, tr("Max concurrent requests")},
        {Key::RetentionDays, tr("Cache retention")},
        {Key::LogLevel, tr("Log level")},
    };

    auto *title = new QLabel(tr("Settings"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *intro = plainLabel(tr("These settings apply to every connector of this profile."), this);

    // Network.
    m_proxyUrl->setObjectName(u"proxyUrl"_s);
    m_proxyUrl->setPlaceholderText(tr("Empty: use the system proxy"));
    m_proxyUrl->setClearButtonEnabled(true);
    m_caBundlePath->setObjectName(u"caBundlePath"_s);
    m_caBundlePath->setPlaceholderText(tr("Empty: trust the system's CA certificates only"));
    m_caBundlePath->setClearButtonEnabled(true);
    m_browseButton->setObjectName(u"browseCaBundle"_s);
    m_caBundleInfo->setObjectName(u"caBundleInfo"_s);
    auto *proxyHint = plainLabel(tr("Written as http://host:port or https://host:port, for example "
                                    "http://proxy.example.com:3128."),
        this);
    proxyHint->setObjectName(u"proxyHint"_s);
    auto *tlsNote =
        plainLabel(tr("TLS certificate verification is always on. A CA bundle only adds "
                      "trusted certificates (for example for a TLS-inspecting proxy); "
                      "it never turns verification off."),
            this);
    tlsNote->setObjectName(u"tlsNote"_s);

    auto *proxyRow = new QWidget(this);
    auto *proxyLayout = new QVBoxLayout(proxyRow);
    proxyLayout->setContentsMargins(0, 0, 0, 0);
    proxyLayout->addWidget(withMessage(Key::ProxyUrl, m_proxyUrl));
    proxyLayout->addWidget(proxyHint);

    auto *caRow = new QWidget(this);
    auto *caLayout = new QVBoxLayout(caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    caLayout->addWidget(withMessage(Key::CaBundlePath, m_caBundlePath, m_browseButton));
    caLayout->addWidget(m_caBundleInfo);

    auto *networkBox = new QGroupBox(tr("Network"), this);
    networkBox->setObjectName(u"networkGroup"_s);
    auto *networkLayout = new QVBoxLayout(networkBox);
    auto *networkForm = new QFormLayout;
    networkLayout->addLayout(networkForm);
    // Outside the form: QFormLayout gives a word-wrapped label in a field-only row too much height.
    networkLayout->addWidget(tlsNote);
    networkForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    networkForm->addRow(tr("Proxy URL:"), proxyRow);
    networkForm->addRow(tr("Extra CA bundle:"), caRow);

    // Timeouts.
    const QString seconds = tr(" s", "suffix: seconds");
    auto *timeoutBox = new QGroupBox(tr("Timeouts"), this);
    timeoutBox->setObjectName(u"timeoutGroup"_s);
    auto *timeoutForm = new QFormLayout(timeoutBox);
    timeoutForm->addRow(tr("Connect timeout:"),
        withMessage(Key::ConnectTimeoutSeconds,
            makeSpinBox(Key::ConnectTimeoutSeconds, u"connectTimeout"_s, seconds),
            plainLabel(tr("to open a connection, including TLS"), this)));
    timeoutForm->addRow(tr("Idle timeout:"),
        withMessage(Key::IdleTimeoutSeconds,
            makeSpinBox(Key::IdleTimeoutSeconds, u"idleTimeout"_s, seconds),
            plainLabel(tr("without any data from the server"), this)));
    timeoutForm->addRow(tr("Total timeout:"),
        withMessage(Key::TotalTimeoutSeconds,
            makeSpinBox(Key::TotalTimeoutSeconds, u"totalTimeout"_s, seconds),
            plainLabel(tr("for one request, start to end"), this)));

    // Ingestion.
    auto *ingestionBox = new QGroupBox(tr("Ingestion"), this);
    ingestionBox->setObjectName(u"ingestionGroup"_s);
    auto *ingestionForm = new QFormLayout(ingestionBox);
    ingestionForm->addRow(tr("Concurrent jobs:"),
        withMessage(Key::ConcurrentJobs,
            makeSpinBox(Key::ConcurrentJobs, u"concurrentJobs"_s, QString()),
            plainLabel(tr("streams synced at the same time"), this)));
    ingestionForm->addRow(tr("Max concurrent requests:"),
        withMessage(Key::MaxConcurrentRequests,
            makeSpinBox(Key::MaxConcurrentRequests, u"maxConcurrentRequests"_s, QString()),
            plainLabel(tr("per Mimecast API application (base URL and client ID)"), this)));
    ingestionForm->addRow(tr("Cache retention:"),
        withMessage(Key::RetentionDays,
            makeSpinBox(Key::RetentionDays, u"retentionDays"_s, tr(" days")),
            plainLabel(tr("older events are purged from the local cache"), this)));

    // Logging.
    m_logLevel->setObjectName(u"logLevel"_s);
    m_logLevel->addItem(tr("Debug"), u"debug"_s);
    m_logLevel->addItem(tr("Info"), u"info"_s);
    m_logLevel->addItem(tr("Warning"), u"warning"_s);
    m_logLevel->addItem(tr("Error"), u"error"_s);
    auto *loggingBox = new QGroupBox(tr("Logging"), this);
    loggingBox->setObjectName(u"loggingGroup"_s);
    auto *loggingForm = new QFormLayout(loggingBox);
    loggingForm->addRow(tr("Log level:"), withMessage(Key::LogLevel, m_logLevel));

    // No scroll area: it would lay the word-wrapped notes out for the wrong width.
    auto *form = new QVBoxLayout;
    form->addWidget(networkBox);
    form->addWidget(timeoutBox);
    form->addWidget(ingestionBox);
    form->addWidget(loggingBox);
    form->addStretch(1);

    m_status->setObjectName(u"status"_s);
    m_saveButton->setObjectName(u"save"_s);
    m_revertButton->setObjectName(u"revert"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_revertButton);
    buttons->addWidget(m_saveButton);

    auto *settingsTab = new QWidget(this);
    auto *settingsLayout = new QVBoxLayout(settingsTab);
    settingsLayout->addWidget(intro);
    settingsLayout->addLayout(form, 1);
    settingsLayout->addLayout(buttons);
    m_tabs->setObjectName(u"settingsTabs"_s);
    m_tabs->addTab(settingsTab, tr("&Profile settings"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_tabs, 1);

    connect(m_saveButton, &QPushButton::clicked, this, &SettingsPage::save);
    connect(m_revertButton, &QPushButton::clicked, this, &SettingsPage::revert);
    connect(m_browseButton, &QPushButton::clicked, this, &SettingsPage::browseCaBundle);
    // Messages appear when a field is left, and disappear as soon as the text is valid.
    connect(m_proxyUrl, &QLineEdit::editingFinished, this, [this] { checkField(Key::ProxyUrl); });
    connect(m_proxyUrl, &QLineEdit::textChanged, this, [this] {
        if (ProfileSettings::validate(Key::ProxyUrl, fieldValue(Key::ProxyUrl), nullptr))
            setFieldMessage(Key::ProxyUrl, QString());
    });
    connect(m_caBundlePath, &QLineEdit::editingFinished, this, &SettingsPage::updateCaBundleInfo);
    connect(m_caBundlePath, &QLineEdit::textChanged, this, [this] {
        if (ProfileSettings::validate(Key::CaBundlePath, fieldValue(Key::CaBundlePath), nullptr))
            updateCaBundleInfo();
    });

    revert();
}

void SettingsPage::setLogBuffer(LogBuffer &buffer)
{
    if (m_logViewer)
        return;
    m_logViewer = new LogViewer(buffer, this);
    m_tabs->addTab(m_logViewer, tr("&Log"));
}

void SettingsPage::showLog()
{
    if (m_logViewer)
        m_tabs->setCurrentWidget(m_logViewer);
}

QWidget *SettingsPage::withMessage(Key key, QWidget *field, QWidget *extra)
{
    auto *message = plainLabel(QString(), this);
    message->setObjectName(field->objectName() + u"Message"_s);
    message->setStyleSheet(statusStyleSheet(StatusTone::Error, this));
    message->hide();
    m_messages.insert(key, message);

    // Line edits take the width; a spin box or combo keeps its size and its hint follows it.
    const bool wide = qobject_cast<QLineEdit *>(field) != nullptr;
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(field, wide ? 1 : 0);
    if (extra) {
        if (auto *hint = qobject_cast<QLabel *>(extra))
            hint->setWordWrap(false); // Short: a wrapped label would get the wrong height.
        row->addWidget(extra, wide ? 0 : 1);
    } else if (!wide) {
        row->addStretch(1);
    }

    auto *container = new QWidget(this);
    auto *layout = new QVBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(message);
    return container;
}

QSpinBox *SettingsPage::makeSpinBox(Key key, const QString &objectName, const QString &suffix)
{
    auto *spin = new QSpinBox(this);
    spin->setObjectName(objectName);
    spin->setRange(ProfileSettings::minimum(key), ProfileSettings::maximum(key));
    spin->setSuffix(suffix);
    spin->setAccelerated(true);
    spin->setMinimumWidth(spin->fontMetrics().horizontalAdvance(u"0000000 days"_s));
    m_spinBoxes.insert(key, spin);
    return spin;
}

QString SettingsPage::fieldMessage(Key key) const
{
    const QLabel *label = m_messages.value(key);
    return label ? label->text() : QString();
}

QString SettingsPage::statusText() const
{
    return m_status->text();
}

QVariant SettingsPage::fieldValue(Key key) const
{
    switch (key) {
    case Key::ProxyUrl:
        return m_proxyUrl->text().trimmed();
    case Key::CaBundlePath:
        return m_caBundlePath->text().trimmed();
    case Key::LogLevel:
        return m_logLevel->currentData();
    default:
        return m_spinBoxes.value(key)->value();
    }
}

QString SettingsPage::fieldLabel(Key key) const
{
    return m_labels.value(key);
}

bool SettingsPage::checkField(Key key)
{
    QString error;
    const bool ok = ProfileSettings::validate(key, fieldValue(key), &error, fieldLabel(key));
    setFieldMessage(key, ok ? QString() : error);
    return ok;
}

void SettingsPage::setFieldMessage(Key key, const QString &message)
{
    QLabel *label = m_messages.value(key);
    label->setText(message);
    label->setVisible(!message.isEmpty());
    if (key == Key::CaBundlePath && !message.isEmpty())
        m_caBundleInfo->hide();
}

void SettingsPage::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? statusStyleSheet(StatusTone::Error, this) : QString());
}

void SettingsPage::updateCaBundleInfo()
{
    if (!checkField(Key::CaBundlePath))
        return;
    const QString path = fieldValue(Key::CaBundlePath).toString();
    if (path.isEmpty()) {
        m_caBundleInfo->hide();
        return;
    }
    const int count = int(ProfileSettings::caCertificateCount(path));
    m_caBundleInfo->setText(
        tr("The file holds %n PEM certificate(s), trusted in addition to the system's.", nullptr,
            count));
    m_caBundleInfo->show();
}

void SettingsPage::browseCaBundle()
{
    const QString current = fieldValue(Key::CaBundlePath).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose an Extra CA Bundle"),
        current.isEmpty() ? QString() : QFileInfo(current).absolutePath(),
        tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (path.isEmpty())
        return;
    m_caBundlePath->setText(path);
    updateCaBundleInfo();
}

void SettingsPage::revert()
{
    const ProfileSettings settings(m_settingsPath);
    m_proxyUrl->setText(settings.stringValue(Key::ProxyUrl));
    m_caBundlePath->setText(settings.stringValue(Key::CaBundlePath));
    for (auto it = m_spinBoxes.cbegin(); it != m_spinBoxes.cend(); ++it)
        it.value()->setValue(settings.intValue(it.key()));
    int level = m_logLevel->findData(settings.stringValue(Key::LogLevel));
    if (level < 0)
        level = m_logLevel->findData(ProfileSettings::defaultValue(Key::LogLevel));
    m_logLevel->setCurrentIndex(level);

    for (const Key key : kFieldOrder)
        setFieldMessage(key, QString());
    // A hand-edited file, or a CA bundle removed since, is flagged at once.
    checkField(Key::ProxyUrl);
    updateCaBundleInfo();
    setStatus(QString(), false);
}

bool SettingsPage::save()
{
    bool allValid = true;
    QWidget *firstInvalid = nullptr;
    for (const Key key : kFieldOrder) {
        if (!checkField(key)) {
            allValid = false;
            if (!firstInvalid)
                firstInvalid = key == Key::ProxyUrl ? static_cast<QWidget *>(m_proxyUrl)
                    : key == Key::CaBundlePath      ? static_cast<QWidget *>(m_caBundlePath)
                    : key == Key::LogLevel          ? static_cast<QWidget *>(m_logLevel)
                                                    : m_spinBoxes.value(key);
        }
    }
    if (!allValid) {
        setStatus(
            tr("Nothing was saved. Correct the fields with a message, then save again."), true);
        firstInvalid->setFocus();
        return false;
    }

    ProfileSettings settings(m_settingsPath);
    for (const Key key : kFieldOrder) {
        QString error;
        if (!settings.setValue(key, fieldValue(key), &error)) {
            // Only the CA bundle can get here (its file changed since the check), and it is
            // written first, so nothing has been set.
            setFieldMessage(key, error);
            setStatus(
                tr("Nothing was saved. Correct the fields with a message, then save again."), true);
            return false;
        }
    }
    QString error;
    if (!settings.sync(&error)) {
        setStatus(error, true);
        return false;
    }
    updateCaBundleInfo();
    setStatus(tr("Settings saved."), false);
    Q_EMIT settingsSaved();
    return true;
}

} // namespace msc
