#include "dialogs/connectordialog.h"

#include "util/futurecallback.h"
#include "widgets/statusstyle.h"

#include "mimecast/baseurl.h"
#include "secrets/secretstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    enum IntervalUnit { Minutes, Hours };

    QString streamTitle(const QString &stream)
    {
        static const QHash<QString, const char *> titles = {
            {u"seg.cg"_s, QT_TRANSLATE_NOOP("ConnectorDialog", "CG — Cloud Gateway SIEM")},
            {u"seg.dlp"_s, QT_TRANSLATE_NOOP("ConnectorDialog", "DLP")},
            {u"ttp.url"_s, QT_TRANSLATE_NOOP("ConnectorDialog", "TTP URL")},
            {u"ttp.attachment"_s, QT_TRANSLATE_NOOP("ConnectorDialog", "TTP Attachment")},
            {u"ttp.impersonation"_s, QT_TRANSLATE_NOOP("ConnectorDialog", "TTP Impersonation")},
            {u"audit.audit"_s, QT_TRANSLATE_NOOP("ConnectorDialog", "Audit")},
            {u"cloud-integrated.ci"_s,
                QT_TRANSLATE_NOOP("ConnectorDialog", "CI — Cloud Integrated SIEM")},
            {u"awareness.performance"_s,
                QT_TRANSLATE_NOOP("ConnectorDialog", "AT Performance details")},
            {u"awareness.safescore"_s,
                QT_TRANSLATE_NOOP("ConnectorDialog", "AT SAFE score details")},
            {u"awareness.watchlist"_s,
                QT_TRANSLATE_NOOP("ConnectorDialog", "AT Watchlist details")},
            {u"awareness.userdata"_s,
                QT_TRANSLATE_NOOP("ConnectorDialog", "AT Phishing user data")},
        };
        const char *title = titles.value(stream);
        return title ? QCoreApplication::translate("ConnectorDialog", title) : stream;
    }

    /// How far back Mimecast keeps the data of a stream, in days (mimecast-api.md §4); 0 if
    /// the start date does not apply.
    int retentionDays(const QString &stream)
    {
        if (stream == "seg.cg"_L1 || stream == "cloud-integrated.ci"_L1)
            return 7;
        if (stream.startsWith("ttp."_L1))
            return 30;
        if (stream == "audit.audit"_L1)
            return 60;
        return 0;
    }

} // namespace

ConnectorDialog::ConnectorDialog(ConnectorConfig config, QString settingsPath, SecretStore &secrets,
    ClientSettings clientSettings, QWidget *parent)
    : QDialog(parent)
    , m_config(std::move(config))
    , m_info(ConnectorInfo::byId(m_config.id))
    , m_settingsPath(std::move(settingsPath))
    , m_secrets(secrets)
    , m_clientSettings(std::move(clientSettings))
    , m_cancel(std::make_shared<CancellationToken>())
    // A saved connector always has its secret in the store: saving needs one.
    , m_secretStored(m_config.configured)
{
    Q_ASSERT(m_info);
    if (!m_config.configured)
        m_config.enabled = true; // on once configured (connectors.md §4.1)
    buildUi();
    updateValidation();
}

ConnectorDialog::~ConnectorDialog()
{
    // A test still running stops at its next request; its result is dropped with this.
    m_cancel->cancel();
}

void ConnectorDialog::buildUi()
{
    setWindowTitle(tr("Configure %1").arg(m_info->title));

    m_region = new QComboBox(this);
    m_region->setObjectName(u"region"_s);
    m_region->addItem(tr("Global"), QString::fromLatin1(BaseUrl::kGlobal));
    m_region->addItem(tr("United States"), QString::fromLatin1(BaseUrl::kUnitedStates));
    m_region->addItem(tr("United Kingdom"), QString::fromLatin1(BaseUrl::kUnitedKingdom));
    m_region->addItem(tr("Custom"), QString());
    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(u"baseUrl"_s);
    m_baseUrl->setPlaceholderText(tr("https://host[:port]"));
    const QString current = m_config.baseUrl.toString();
    const int preset = m_region->findData(current);
    m_region->setCurrentIndex(preset >= 0 ? preset : m_region->count() - 1);
    m_baseUrl->setText(current);
    m_baseUrl->setReadOnly(preset >= 0);

    m_clientId = new QLineEdit(m_config.clientId, this);
    m_clientId->setObjectName(u"clientId"_s);
    m_clientId->setPlaceholderText(tr("From Integrations → Mimecast API 2.0"));

    m_secret = new QLineEdit(this);
    m_secret->setObjectName(u"clientSecret"_s);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText
        | Qt::ImhNoAutoUppercase | Qt::ImhSensitiveData);
    // No context menu: nothing to copy, and no "paste and show" surprises.
    m_secret->setContextMenuPolicy(Qt::NoContextMenu);
    m_replaceSecret = new QPushButton(tr("&Replace…"), this);
    m_replaceSecret->setObjectName(u"replaceSecret"_s);
    m_replaceSecret->setVisible(m_secretStored);
    setSecretReplacing(!m_secretStored);

    m_startDate = new QLineEdit(
        m_config.startDate.isValid() ? m_config.startDate.toString(u"yyyy-MM-dd"_s) : QString(),
        this);
    m_startDate->setObjectName(u"startDate"_s);
    m_startDate->setPlaceholderText(tr("YYYY-MM-DD (UTC); empty: 60 days back, SIEM 7 days"));

    m_interval = new QSpinBox(this);
    m_interval->setObjectName(u"interval"_s);
    m_interval->setRange(1, 99999);
    m_intervalUnit = new QComboBox(this);
    m_intervalUnit->setObjectName(u"intervalUnit"_s);
    m_intervalUnit->addItem(tr("minutes"));
    m_intervalUnit->addItem(tr("hours"));
    if (m_config.intervalMinutes >= 60 && m_config.intervalMinutes % 60 == 0) {
        m_intervalUnit->setCurrentIndex(Hours);
        m_interval->setValue(m_config.intervalMinutes / 60);
    } else {
        m_interval->setValue(m_config.intervalMinutes);
    }

    m_enabled = new QCheckBox(tr("&Enabled: sync on the schedule"), this);
    m_enabled->setObjectName(u"enabled"_s);
    m_enabled->setChecked(m_config.enabled);

    auto *streamsBox = new QGroupBox(tr("Streams"), this);
    auto *streamsLayout = new QGridLayout(streamsBox);
    streamsLayout->setColumnStretch(1, 1);
    int row = 0;
    for (const QString &stream : m_info->streams) {
        auto *box = new QCheckBox(streamTitle(stream), streamsBox);
        box->setObjectName(u"stream:"_s + stream);
        box->setChecked(!m_config.disabledStreams.contains(stream));
        auto *result = new QLabel(streamsBox);
        result->setObjectName(u"result:"_s + stream);
        result->setTextFormat(Qt::PlainText);
        result->setWordWrap(true);
        result->setTextInteractionFlags(Qt::TextSelectableByMouse);
        streamsLayout->addWidget(box, row, 0, Qt::AlignTop);
        streamsLayout->addWidget(result, row, 1);
        m_streamBoxes.insert(stream, box);
        m_streamResults.insert(stream, result);
        connect(box, &QCheckBox::toggled, this, &ConnectorDialog::updateValidation);
        ++row;
    }

    m_problems = new QLabel(this);
    m_problems->setObjectName(u"problems"_s);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(statusStyleSheet(StatusTone::Error, this));
    m_warnings = new QLabel(this);
    m_warnings->setObjectName(u"warnings"_s);
    m_warnings->setTextFormat(Qt::PlainText);
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(statusStyleSheet(StatusTone::Warning, this));
    m_status = new QLabel(this);
    m_status->setObjectName(u"status"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_testButton = new QPushButton(tr("&Test connection"), this);
    m_testButton->setObjectName(u"testConnection"_s);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(u"save"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancel"_s);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *regionRow = new QHBoxLayout;
    regionRow->addWidget(m_region);
    regionRow->addWidget(m_baseUrl, 1);
    auto *regionLabel = new QLabel(tr("Re&gion:"), this);
    regionLabel->setBuddy(m_region);
    form->addRow(regionLabel, regionRow);
    form->addRow(tr("Client &ID:"), m_clientId);
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_replaceSecret);
    auto *secretLabel = new QLabel(tr("Client &secret:"), this);
    secretLabel->setBuddy(m_secret);
    form->addRow(secretLabel, secretRow);
    if (m_info->usesStartDate)
        form->addRow(tr("Start &date:"), m_startDate);
    else
        m_startDate->hide();
    auto *intervalRow = new QHBoxLayout;
    intervalRow->addWidget(m_interval);
    intervalRow->addWidget(m_intervalUnit);
    intervalRow->addStretch(1);
    auto *intervalLabel = new QLabel(tr("Sync e&very:"), this);
    intervalLabel->setBuddy(m_interval);
    form->addRow(intervalLabel, intervalRow);
    form->addRow(QString(), m_enabled);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_testButton);
    bottom->addStretch(1);
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(streamsBox);
    layout->addWidget(m_problems);
    layout->addWidget(m_warnings);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addLayout(bottom);

    connect(m_region, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString url = m_region->itemData(index).toString();
        m_baseUrl->setReadOnly(!url.isEmpty());
        if (!url.isEmpty())
            m_baseUrl->setText(url);
        else
            m_baseUrl->setFocus();
        updateValidation();
    });
    connect(m_intervalUnit, &QComboBox::currentIndexChanged, this, [this](int unit) {
        // Keep the same interval when only the unit changes, as far as it can be shown.
        const int value = m_interval->value();
        m_interval->setValue(unit == Hours ? std::max(1, (value + 30) / 60) : value * 60);
        updateValidation();
    });
    connect(m_replaceSecret, &QPushButton::clicked, this,
        [this] { setSecretReplacing(!m_replacingSecret); });
    for (QLineEdit *edit : {m_baseUrl, m_clientId, m_startDate})
        connect(edit, &QLineEdit::textChanged, this, &ConnectorDialog::updateValidation);
    connect(m_secret, &QLineEdit::textChanged, this, [this] {
        ++m_secretGeneration;
        updateValidation();
    });
    connect(m_interval, &QSpinBox::valueChanged, this, &ConnectorDialog::updateValidation);
    connect(m_enabled, &QCheckBox::toggled, this, &ConnectorDialog::updateValidation);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectorDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectorDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectorDialog::reject);
    resize(640, sizeHint().height());
}

void ConnectorDialog::reject()
{
    // Whatever is still running (a test, a keychain job) must not save after Cancel.
    m_cancel->cancel();
    QDialog::reject();
}

void ConnectorDialog::setSecretReplacing(bool replacing)
{
    m_replacingSecret = replacing;
    m_secret->clear();
    m_secret->setReadOnly(!replacing);
    if (replacing) {
        m_secret->setPlaceholderText(m_secretStored ? tr("Enter the new client secret")
                                                    : tr("Client secret of the API application"));
        m_replaceSecret->setText(tr("&Keep stored"));
        if (m_secretStored)
            m_secret->setFocus();
    } else {
        m_secret->setPlaceholderText(tr("stored in keychain"));
        m_replaceSecret->setText(tr("&Replace…"));
    }
    if (m_problems)
        updateValidation();
}

bool ConnectorDialog::hasNewSecret() const
{
    return m_replacingSecret && !m_secret->text().trimmed().isEmpty();
}

ConnectorConfig ConnectorDialog::currentConfig() const
{
    ConnectorConfig config = m_config;
    const QString urlText = m_baseUrl->text();
    const std::optional<QUrl> normalized = BaseUrl::validate(urlText, nullptr);
    config.baseUrl = normalized ? *normalized : QUrl(urlText.trimmed());
    config.clientId = m_clientId->text().trimmed();
    config.startDate = m_info->usesStartDate
        ? QDate::fromString(m_startDate->text().trimmed(), u"yyyy-MM-dd"_s)
        : m_config.startDate;
    config.intervalMinutes =
        m_interval->value() * (m_intervalUnit->currentIndex() == Hours ? 60 : 1);
    config.enabled = m_enabled->isChecked();
    config.disabledStreams.clear();
    for (const QString &stream : m_info->streams) {
        if (!m_streamBoxes.value(stream)->isChecked())
            config.disabledStreams.append(stream);
    }
    return config;
}

QStringList ConnectorDialog::problems() const
{
    const ConnectorConfig config = currentConfig();
    QStringList problems = config.validate();
    const QString dateText = m_startDate->text().trimmed();
    if (m_info->usesStartDate && !dateText.isEmpty() && !config.startDate.isValid())
        problems.append(tr("Start date: \"%1\" is not a date; use YYYY-MM-DD.").arg(dateText));
    if (!m_secretStored && !hasNewSecret())
        problems.append(tr("Client secret: required; paste the secret of the API 2.0 "
                           "application. It is kept in the keychain only."));
    else if (m_secretStored && m_replacingSecret && !hasNewSecret())
        problems.append(
            tr("Client secret: enter the new secret, or choose Keep stored to keep the old one."));
    return problems;
}

void ConnectorDialog::updateValidation()
{
    const QStringList current = problems();
    m_problems->setText(current.join(u'\n'));
    m_problems->setVisible(!current.isEmpty());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(current.isEmpty() && !m_busy);

    QStringList warnings;
    const QDate start = currentConfig().startDate;
    if (m_info->usesStartDate && start.isValid()) {
        const qint64 age = start.daysTo(QDateTime::currentDateTimeUtc().date());
        for (const QString &stream : m_info->streams) {
            const int keeps = retentionDays(stream);
            if (keeps > 0 && age > keeps) {
                warnings.append(tr("%1: Mimecast keeps about %2 days; the older part is recorded "
                                   "as a gap.")
                                    .arg(streamTitle(stream))
                                    .arg(keeps));
            }
        }
    }
    m_warnings->setText(warnings.join(u'\n'));
    m_warnings->setVisible(!warnings.isEmpty());
}

void ConnectorDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *widget :
        std::initializer_list<QWidget *> {m_region, m_baseUrl, m_clientId, m_secret,
            m_replaceSecret, m_startDate, m_interval, m_intervalUnit, m_enabled, m_testButton}) {
        widget->setEnabled(!busy);
    }
    for (QCheckBox *box : std::as_const(m_streamBoxes))
        box->setEnabled(!busy);
    updateValidation();
}

void ConnectorDialog::setStatus(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? statusStyleSheet(StatusTone::Error, this) : QString());
    m_status->setText(text);
}

QString ConnectorDialog::credentialsKey() const
{
    // Identifies what a test proved without holding the secret: a new secret bumps the
    // generation.
    return currentConfig().baseUrl.toString() + u'\n' + currentConfig().clientId + u'\n'
        + QString::number(m_replacingSecret ? m_secretGeneration : -1);
}

void ConnectorDialog::testConnection()
{
    startCheck(false);
}

void ConnectorDialog::startCheck(bool thenSave)
{
    if (m_busy)
        return;
    const ConnectorConfig config = currentConfig();
    QString urlProblem;
    if (!BaseUrl::validate(m_baseUrl->text(), &urlProblem)) {
        setStatus(tr("Cannot test the connection. Base URL: %1").arg(urlProblem), true);
        return;
    }
    if (config.clientId.isEmpty()) {
        setStatus(tr("Cannot test the connection: enter the client ID first."), true);
        return;
    }
    if (!hasNewSecret() && !(m_secretStored && !m_replacingSecret)) {
        setStatus(tr("Cannot test the connection: enter the client secret first."), true);
        return;
    }
    const QStringList streams = config.enabledStreams();
    for (auto it = m_streamResults.cbegin(); it != m_streamResults.cend(); ++it)
        it.value()->setText(streams.contains(it.key()) ? tr("testing…") : QString());
    setBusy(true);
    setStatus(tr("Requesting a token from %1…").arg(config.baseUrl.toString()), false);
    if (hasNewSecret()) {
        runCheck(m_secret->text().trimmed(), thenSave);
        return;
    }
    // The stored secret goes from the store straight to the worker, never into a widget.
    whenFinished(this, m_secrets.read(SecretStore::connectorKey(m_config.id)),
        [this, thenSave](const SecretResult &result) {
            if (m_cancel->isCancelled())
                return;
            if (!result.ok()) {
                setBusy(false);
                for (QLabel *label : std::as_const(m_streamResults))
                    label->clear();
                setStatus(result.status == SecretResult::Status::NotFound
                        ? tr("No client secret is stored for this connector: choose Replace and "
                             "enter it.")
                        : result.message,
                    true);
                Q_EMIT testFinished();
                return;
            }
            runCheck(result.secret, thenSave);
        });
}

void ConnectorDialog::runCheck(const QString &secret, bool thenSave)
{
    const ConnectorConfig config = currentConfig();
    const MimecastClient::Credentials credentials {config.baseUrl, config.clientId, secret};
    // An interactive test should answer within seconds, not wait out long retries.
    ClientSettings settings = m_clientSettings;
    settings.maxRetries = std::min(settings.maxRetries, 2);
    settings.maxRateLimitWaitMs = std::min<qint64>(settings.maxRateLimitWaitMs, 30000);
    settings.totalTimeoutMs =
        settings.totalTimeoutMs > 0 ? std::min(settings.totalTimeoutMs, 60000) : 60000;
    const QStringList streams = config.enabledStreams();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString tested = credentialsKey();
    std::shared_ptr<CancellationToken> cancel = m_cancel;
    whenFinished(this, QtConcurrent::run([credentials, settings, streams, now, cancel] {
        return checkConnection(credentials, settings, streams, now, cancel.get());
    }),
        [this, thenSave, tested](const ConnectionCheck &check) {
            if (m_cancel->isCancelled())
                return;
            setBusy(false);
            showCheck(check);
            if (check.tokenOk())
                m_testedCredentials = tested;
            Q_EMIT testFinished();
            if (!thenSave)
                return;
            if (check.tokenOk() && tested == credentialsKey())
                commitSave();
            else
                setStatus(tr("Nothing was saved: a new connector is saved only after its token "
                             "request succeeds. %1")
                              .arg(check.tokenError.message),
                    true);
        });
}

void ConnectorDialog::showCheck(const ConnectionCheck &check)
{
    for (QLabel *label : std::as_const(m_streamResults))
        label->clear();
    if (!check.tokenOk()) {
        setStatus(tr("The token request failed: %1").arg(check.tokenError.message), true);
        return;
    }
    int failed = 0;
    for (const StreamCheck &stream : check.streams) {
        QLabel *label = m_streamResults.value(stream.stream);
        if (!label)
            continue;
        label->setText(stream.ok() ? tr("OK") : stream.error.message);
        label->setStyleSheet(
            statusStyleSheet(stream.ok() ? StatusTone::Ok : StatusTone::Error, this));
        if (!stream.ok())
            ++failed;
    }
    if (failed == 0)
        setStatus(tr("Connection OK: token and %n stream(s).", nullptr, int(check.streams.size())),
            false);
    else
        setStatus(tr("Token OK; %n stream(s) failed, see above.", nullptr, failed), true);
}

void ConnectorDialog::save()
{
    if (m_busy)
        return;
    const QStringList current = problems();
    if (!current.isEmpty()) {
        setStatus(tr("Nothing was saved: fix the problems above."), true);
        return;
    }
    if (!m_config.configured && m_testedCredentials != credentialsKey()) {
        // connectors.md §4.1: the connection is tested before the first save.
        startCheck(true);
        return;
    }
    commitSave();
}

void ConnectorDialog::commitSave()
{
    if (!hasNewSecret()) {
        writeSettingsAndAccept();
        return;
    }
    setBusy(true);
    setStatus(tr("Storing the client secret in the keychain…"), false);
    whenFinished(this,
        m_secrets.write(SecretStore::connectorKey(m_config.id), m_secret->text().trimmed()),
        [this](const SecretResult &result) {
            if (m_cancel->isCancelled())
                return;
            setBusy(false);
            if (!result.ok()) {
                setStatus(tr("The client secret could not be stored, so nothing was saved. %1")
                              .arg(result.message),
                    true);
                return;
            }
            m_secretStored = true;
            setSecretReplacing(false);
            m_replaceSecret->show();
            writeSettingsAndAccept();
        });
}

void ConnectorDialog::writeSettingsAndAccept()
{
    ConnectorConfig config = currentConfig();
    QSettings settings(m_settingsPath, QSettings::IniFormat);
    config.save(settings);
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        setStatus(tr("The settings file %1 could not be written.").arg(settings.fileName()), true);
        return;
    }
    config.configured = true;
    m_config = config;
    Q_EMIT saved(config.id);
    accept();
}

} // namespace msc
