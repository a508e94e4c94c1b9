// The Connectors page and the connector dialog, offscreen, driven through their widgets:
// invalid input names the problem and saves nothing; a valid configuration is tested against
// the in-process simulator, saved (secret in the SecretStore, the rest in settings, the
// secret nowhere in the profile), listed, re-opened as "stored in keychain" and deleted.
#include "dialogs/connectordialog.h"
#include "dialogs/messagebox.h"
#include "mimecastsimulator.h"
#include "models/connectorlistmodel.h"
#include "pages/connectorspage.h"
#include "secrets/memorysecretstore.h"
#include "storage/tableschema.h"
#include "testenvironment.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

// One of the secrets the log scan (tests/scan-logs-for-secrets.sh) looks for.
constexpr char kSecret[] = "s3cret+with/form=chars";
constexpr char kClientId[] = "gui-test-client";

/// A keychain that refuses every write, as one without a running Secret Service does.
class RefusingSecretStore final : public SecretStore
{
public:
    QFuture<SecretResult> read(const QString &) override
    {
        return QtFuture::makeReadyFuture(SecretResult {SecretResult::Status::NotFound, {}, {}});
    }
    QFuture<SecretResult> write(const QString &, const QString &) override
    {
        return QtFuture::makeReadyFuture(SecretResult {
            SecretResult::Status::NoBackend, {}, u"No usable keychain: start a Secret Service."_s});
    }
    QFuture<SecretResult> remove(const QString &) override { return read({}); }
    bool isEphemeral() const override { return false; }
};

SecretResult readSecret(SecretStore &store, const QString &connector)
{
    QFuture<SecretResult> future = store.read(SecretStore::connectorKey(connector));
    // The test stores answer at once; a pending future here would be a test bug.
    if (!future.isFinished())
        return SecretResult {SecretResult::Status::Error, {}, u"pending"_s};
    return future.result();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

template <typename T>
T *child(QWidget *parent, const QString &name)
{
    T *widget = parent->findChild<T *>(name);
    if (!widget)
        qWarning("no widget named %s", qPrintable(name));
    return widget;
}

void replaceText(QWidget *widget, const QString &text)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(widget, Qt::Key_Delete);
    if (!text.isEmpty())
        QTest::keyClicks(widget, text);
}

} // namespace

class TestConnectorsDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sim::MimecastSimulator> m_simulator;
    std::unique_ptr<sim::MimecastSimulator> m_otherSimulator;
    SchemaDefinition m_definition = SchemaDefinition::builtIn();

    /// Enters a working configuration for the simulator into \a dialog.
    void fillValid(ConnectorDialog *dialog, const QString &secret = QString::fromLatin1(kSecret))
    {
        auto *region = child<QComboBox>(dialog, u"region"_s);
        region->setFocus();
        QTest::keyClick(region, Qt::Key_End); // Custom
        QCOMPARE(region->currentText(), u"Custom"_s);
        replaceText(child<QLineEdit>(dialog, u"baseUrl"_s), m_simulator->baseUrl());
        replaceText(child<QLineEdit>(dialog, u"clientId"_s), QString::fromLatin1(kClientId));
        replaceText(child<QLineEdit>(dialog, u"clientSecret"_s), secret);
    }

private Q_SLOTS:
    void initTestCase()
    {
        sim::SimulatorConfig config;
        config.clientId = QString::fromLatin1(kClientId);
        config.clientSecret = QString::fromLatin1(kSecret);
        config.volume = 50;
        m_simulator = std::make_unique<sim::MimecastSimulator>(config);
        QString error;
        QVERIFY2(m_simulator->start(0, &error), qPrintable(error));
    }

    void cleanupTestCase() { m_simulator.reset(); }

    void invalidInputNamesTheProblemAndSavesNothing()
    {
        QTemporaryDir profile;
        const QString settingsPath = profile.filePath(u"settings.ini"_s);
        {
            QSettings settings(settingsPath, QSettings::IniFormat);
            settings.setValue(u"meta/version"_s, 1);
        }
        const QByteArray before = readAll(settingsPath);
        QVERIFY(!before.isEmpty());
        MemorySecretStore secrets;
        ConnectorsPage page(settingsPath, QString(), m_definition, secrets);
        page.show();
        QPointer<ConnectorDialog> dialog = page.configure(u"seg"_s);
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));

        auto *problems = child<QLabel>(dialog, u"problems"_s);
        auto *save = child<QPushButton>(dialog, u"save"_s);
        QCOMPARE(problems->textFormat(), Qt::PlainText);
        // A new connector: client id and secret are missing.
        QVERIFY2(problems->text().contains(u"Client ID: required"_s), qPrintable(problems->text()));
        QVERIFY(problems->text().contains(u"Client secret: required"_s));
        QVERIFY(!save->isEnabled());

        auto *region = child<QComboBox>(dialog.data(), u"region"_s);
        region->setFocus();
        QTest::keyClick(region, Qt::Key_End);
        replaceText(child<QLineEdit>(dialog.data(), u"baseUrl"_s), u"http://example.com"_s);
        QVERIFY2(problems->text().contains(u"Base URL: Plain http is only allowed"_s),
            qPrintable(problems->text()));
        QVERIFY(problems->text().contains(u"https://example.com"_s));

        replaceText(child<QSpinBox>(dialog.data(), u"interval"_s), u"2"_s);
        QVERIFY2(problems->text().contains(u"Interval: 2 minutes is outside 5–1440 minutes."_s),
            qPrintable(problems->text()));

        replaceText(child<QLineEdit>(dialog.data(), u"clientId"_s), u"has space"_s);
        QVERIFY(problems->text().contains(u"Client ID: no spaces"_s));
        replaceText(child<QLineEdit>(dialog.data(), u"clientId"_s), QString());
        QVERIFY(problems->text().contains(u"Client ID: required"_s));

        replaceText(child<QLineEdit>(dialog.data(), u"startDate"_s), u"yesterday"_s);
        QVERIFY(problems->text().contains(u"Start date: \"yesterday\" is not a date"_s));

        // Both streams off while enabled.
        for (const QString &stream : {u"stream:seg.cg"_s, u"stream:seg.dlp"_s}) {
            auto *box = child<QCheckBox>(dialog.data(), stream);
            box->setFocus();
            QTest::keyClick(box, Qt::Key_Space);
        }
        QVERIFY(!child<QCheckBox>(dialog.data(), u"stream:seg.cg"_s)->isChecked());
        QVERIFY(!child<QCheckBox>(dialog.data(), u"stream:seg.dlp"_s)->isChecked());
        QVERIFY2(problems->text().contains(u"Streams: enable at least one stream"_s),
            qPrintable(problems->text()));

        replaceText(
            child<QLineEdit>(dialog.data(), u"clientSecret"_s), QString::fromLatin1(kSecret));
        QVERIFY(!problems->text().contains(u"Client secret"_s));

        QVERIFY(!save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        dialog->save(); // refused even when called directly
        QCOMPARE(child<QLabel>(dialog.data(), u"status"_s)->text(),
            u"Nothing was saved: fix the problems above."_s);
        QTest::qWait(50);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());

        QVERIFY(
            dialog->grab().save(test::artifactsDirectory() + u"/connectordialog-invalid.png"_s));

        // The secret field never shows its text.
        QCOMPARE(
            child<QLineEdit>(dialog.data(), u"clientSecret"_s)->echoMode(), QLineEdit::Password);

        QCOMPARE(readAll(settingsPath), before);
        QCOMPARE(readSecret(secrets, u"seg"_s).status, SecretResult::Status::NotFound);
        dialog->reject();
    }

    void testConnectionEveryConnector_data()
    {
        QTest::addColumn<QString>("connector");
        for (const ConnectorInfo &info : ConnectorInfo::all())
            QTest::newRow(qPrintable(info.id)) << info.id;
    }

    void testConnectionEveryConnector()
    {
        QFETCH(QString, connector);
        QTemporaryDir profile;
        MemorySecretStore secrets;
        ConnectorsPage page(profile.filePath(u"settings.ini"_s), QString(), m_definition, secrets);
        QPointer<ConnectorDialog> dialog = page.configure(connector);
        QVERIFY(dialog);
        fillValid(dialog);
        QTest::mouseClick(child<QPushButton>(dialog, u"testConnection"_s), Qt::LeftButton);
        QVERIFY(dialog->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 60000);
        for (const QString &stream : ConnectorInfo::byId(connector)->streams) {
            auto *result = child<QLabel>(dialog, u"result:"_s + stream);
            QCOMPARE(result->textFormat(), Qt::PlainText);
            QVERIFY2(
                result->text() == u"OK"_s, qPrintable(QString(stream + u": "_s + result->text())));
        }
        QVERIFY(child<QLabel>(dialog, u"status"_s)->text().startsWith(u"Connection OK"_s));
        if (connector == "awareness"_L1) {
            QVERIFY(dialog->grab().save(
                test::artifactsDirectory() + u"/connectordialog-awareness-tested.png"_s));
        }
        // Testing saves nothing.
        QVERIFY(!QFile::exists(profile.filePath(u"settings.ini"_s)));
        QCOMPARE(readSecret(secrets, connector).status, SecretResult::Status::NotFound);
        dialog->reject();
    }

    void missingPermissionIsNamedPerStream()
    {
        // Credentials without TTP Impersonation: that stream names the permission, the others
        // are OK.
        sim::SimulatorConfig config;
        config.clientId = QString::fromLatin1(kClientId);
        config.clientSecret = QString::fromLatin1(kSecret);
        config.volume = 50;
        config.products.remove(u"ttp.impersonation"_s);
        std::swap(m_simulator, m_otherSimulator);
        m_simulator = std::make_unique<sim::MimecastSimulator>(config);
        QString error;
        QVERIFY2(m_simulator->start(0, &error), qPrintable(error));

        QTemporaryDir profile;
        MemorySecretStore secrets;
        ConnectorsPage page(profile.filePath(u"settings.ini"_s), QString(), m_definition, secrets);
        QPointer<ConnectorDialog> dialog = page.configure(u"ttp"_s);
        fillValid(dialog);
        QTest::mouseClick(child<QPushButton>(dialog, u"testConnection"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 60000);
        QCOMPARE(child<QLabel>(dialog, u"result:ttp.url"_s)->text(), u"OK"_s);
        QCOMPARE(child<QLabel>(dialog, u"result:ttp.attachment"_s)->text(), u"OK"_s);
        const QString failed = child<QLabel>(dialog, u"result:ttp.impersonation"_s)->text();
        QVERIFY2(
            failed.contains(u"Monitoring → Impersonation Protection → Read"_s), qPrintable(failed));
        QVERIFY(child<QLabel>(dialog, u"status"_s)->text().startsWith(u"Token OK; 1 stream"_s));
        QVERIFY(dialog->grab().save(
            test::artifactsDirectory() + u"/connectordialog-missing-permission.png"_s));
        dialog->reject();
        m_simulator = std::move(m_otherSimulator);
    }

    void wrongSecretFailsTheTestAndTheFirstSave()
    {
        QTemporaryDir profile;
        MemorySecretStore secrets;
        ConnectorsPage page(profile.filePath(u"settings.ini"_s), QString(), m_definition, secrets);
        QPointer<ConnectorDialog> dialog = page.configure(u"audit"_s);
        fillValid(dialog, u"not-the-secret"_s);
        auto *status = child<QLabel>(dialog, u"status"_s);
        // Save on a new connector tests the connection first and saves only if the token works.
        QTest::mouseClick(child<QPushButton>(dialog, u"save"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 60000);
        QVERIFY2(status->text().startsWith(u"Nothing was saved"_s), qPrintable(status->text()));
        QVERIFY(dialog->isVisible());
        QVERIFY(!QFile::exists(profile.filePath(u"settings.ini"_s)));
        QCOMPARE(readSecret(secrets, u"audit"_s).status, SecretResult::Status::NotFound);
        QVERIFY(!status->text().contains(u"not-the-secret"_s));
        dialog->reject();
    }

    void keychainFailureSavesNothing()
    {
        QTemporaryDir profile;
        RefusingSecretStore secrets;
        ConnectorsPage page(profile.filePath(u"settings.ini"_s), QString(), m_definition, secrets);
        QPointer<ConnectorDialog> dialog = page.configure(u"ttp"_s);
        fillValid(dialog);
        QTest::mouseClick(child<QPushButton>(dialog, u"save"_s), Qt::LeftButton);
        auto *status = child<QLabel>(dialog, u"status"_s);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"could not be stored"_s), 60000);
        QVERIFY(status->text().contains(u"start a Secret Service"_s));
        QVERIFY(dialog->isVisible());
        QVERIFY(!QFile::exists(profile.filePath(u"settings.ini"_s)));
        dialog->reject();
    }

    void saveListStoredSecretAndDelete()
    {
        QTemporaryDir profile;
        const QString settingsPath = profile.filePath(u"settings.ini"_s);
        MemorySecretStore secrets;
        ConnectorsPage page(settingsPath, QString(), m_definition, secrets);
        QAbstractItemModelTester tester(
            page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1000, 420);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(page.model()->rowCount(), 5);

        page.selectConnector(u"seg"_s);
        QTest::mouseClick(child<QPushButton>(&page, u"configure"_s), Qt::LeftButton);
        QPointer<ConnectorDialog> dialog = page.openDialog();
        QVERIFY(dialog);
        fillValid(dialog);
        replaceText(child<QSpinBox>(dialog, u"interval"_s), u"45"_s);
        replaceText(child<QLineEdit>(dialog, u"startDate"_s),
            QDate::currentDate().addDays(-3).toString(u"yyyy-MM-dd"_s));
        QTest::mouseClick(child<QPushButton>(dialog, u"testConnection"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            child<QLabel>(dialog, u"result:seg.cg"_s)->text(), u"OK"_s, 60000);
        QCOMPARE(child<QLabel>(dialog, u"result:seg.dlp"_s)->text(), u"OK"_s);
        QVERIFY(child<QLabel>(dialog, u"problems"_s)->text().isEmpty());
        QVERIFY(dialog->grab().save(test::artifactsDirectory() + u"/connectordialog-tested.png"_s));

        QTest::mouseClick(child<QPushButton>(dialog, u"save"_s), Qt::LeftButton);
        QTRY_VERIFY(!dialog); // saved, closed and deleted

        const SecretResult stored = readSecret(secrets, u"seg"_s);
        QVERIFY(stored.ok());
        QCOMPARE(stored.secret, QString::fromLatin1(kSecret));
        {
            QSettings settings(settingsPath, QSettings::IniFormat);
            QCOMPARE(settings.value(u"connectors/seg/clientId"_s).toString(),
                QString::fromLatin1(kClientId));
            QCOMPARE(
                settings.value(u"connectors/seg/baseUrl"_s).toString(), m_simulator->baseUrl());
            QCOMPARE(settings.value(u"connectors/seg/intervalMinutes"_s).toInt(), 45);
            QCOMPARE(settings.value(u"connectors/seg/enabled"_s).toBool(), true);
        }

        // Not one byte of the secret anywhere in the profile, in any encoding we might use.
        const QString secret = QString::fromLatin1(kSecret);
        const QList<QByteArray> forms {secret.toUtf8(),
            QByteArray(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2),
            QUrl::toPercentEncoding(secret), secret.toUtf8().toBase64()};
        int files = 0;
        QDirIterator it(profile.path(), QDir::Files | QDir::Hidden | QDir::System,
            QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QByteArray content = readAll(path);
            ++files;
            for (const QByteArray &form : forms)
                QVERIFY2(
                    !content.contains(form), qPrintable(QString(u"secret found in "_s + path)));
        }
        QVERIFY(files >= 1);

        // Listed on the page.
        const int row = page.model()->rowOf(u"seg"_s);
        auto cell = [&](int column) {
            return page.model()->data(page.model()->index(row, column)).toString();
        };
        QCOMPARE(cell(ConnectorListModel::StatusColumn), u"Enabled"_s);
        QCOMPARE(cell(ConnectorListModel::BaseUrlColumn), m_simulator->baseUrl());
        QCOMPARE(cell(ConnectorListModel::ClientIdColumn), QString::fromLatin1(kClientId));
        QCOMPARE(cell(ConnectorListModel::IntervalColumn), u"every 45 min"_s);
        QVERIFY(page.grab().save(test::artifactsDirectory() + u"/connectorspage.png"_s));

        // Re-opened: the secret is "stored in keychain", never read back into the field, and
        // the stored one still passes the test.
        page.selectConnector(u"seg"_s);
        QTest::mouseClick(child<QPushButton>(&page, u"configure"_s), Qt::LeftButton);
        dialog = page.openDialog();
        QVERIFY(dialog);
        auto *secretField = child<QLineEdit>(dialog, u"clientSecret"_s);
        QCOMPARE(secretField->text(), QString());
        QCOMPARE(secretField->placeholderText(), u"stored in keychain"_s);
        QVERIFY(secretField->isReadOnly());
        QVERIFY(child<QPushButton>(dialog, u"replaceSecret"_s)->isVisible());
        QVERIFY(child<QPushButton>(dialog, u"save"_s)->isEnabled());
        QCOMPARE(child<QLineEdit>(dialog, u"clientId"_s)->text(), QString::fromLatin1(kClientId));
        QTest::mouseClick(child<QPushButton>(dialog, u"testConnection"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            child<QLabel>(dialog, u"result:seg.dlp"_s)->text(), u"OK"_s, 60000);
        QCOMPARE(secretField->text(), QString());
        QVERIFY(dialog->grab().save(test::artifactsDirectory() + u"/connectordialog-stored.png"_s));
        // Replace, then change one's mind: Save needs a new secret while replacing.
        QTest::mouseClick(child<QPushButton>(dialog, u"replaceSecret"_s), Qt::LeftButton);
        QVERIFY(!secretField->isReadOnly());
        QVERIFY(!child<QPushButton>(dialog, u"save"_s)->isEnabled());
        QTest::mouseClick(child<QPushButton>(dialog, u"replaceSecret"_s), Qt::LeftButton);
        QVERIFY(child<QPushButton>(dialog, u"save"_s)->isEnabled());
        QTest::mouseClick(child<QPushButton>(dialog, u"cancel"_s), Qt::LeftButton);
        QTRY_VERIFY(!dialog);

        // Disable and enable again.
        page.selectConnector(u"seg"_s);
        auto *toggle = child<QPushButton>(&page, u"toggle"_s);
        QCOMPARE(toggle->text(), u"&Disable"_s);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QCOMPARE(cell(ConnectorListModel::StatusColumn), u"Disabled"_s);
        QCOMPARE(toggle->text(), u"&Enable"_s);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QCOMPARE(cell(ConnectorListModel::StatusColumn), u"Enabled"_s);

        // Delete, declined: nothing changes.
        auto *remove = child<QPushButton>(&page, u"delete"_s);
        MessageBox::setNextAnswer(QMessageBox::No);
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY(MessageBox::lastText().contains(u"Secure Email Gateway"_s));
        QTest::qWait(50);
        QVERIFY(readSecret(secrets, u"seg"_s).ok());
        QCOMPARE(cell(ConnectorListModel::StatusColumn), u"Enabled"_s);

        // Delete, confirmed: the secret and the settings are gone.
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_COMPARE(cell(ConnectorListModel::StatusColumn), u"Not configured"_s);
        QCOMPARE(readSecret(secrets, u"seg"_s).status, SecretResult::Status::NotFound);
        QSettings settings(settingsPath, QSettings::IniFormat);
        QVERIFY(!settings.contains(u"connectors/seg/clientId"_s));
        QVERIFY(settings.childGroups().isEmpty()
            || !settings.childGroups().contains(u"connectors"_s)
            || settings.value(u"connectors/seg/baseUrl"_s).isNull());
    }
};

QTEST_MAIN(TestConnectorsDialog)
#include "tst_connectorsdialog.moc"
