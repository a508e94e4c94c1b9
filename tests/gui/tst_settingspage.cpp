// The Settings page offscreen: defaults, inline validation that saves nothing, a save and
// reload round trip, and a screenshot kept as a test artifact.
#include "pages/settingspage.h"
#include "profile/profilesettings.h"
#include "testenvironment.h"

#include <QApplication>
#include <QColor>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;
using Key = ProfileSettings::Key;

namespace {

// A self-signed test CA (EC P-256), PEM.
const char kPemCertificate[] = "-----BEGIN CERTIFICATE-----\n"
                               "MIIBhDCCASmgAwIBAgIUBB0q1G2Ptc+JZVrkN5pIVT0wwegwCgYIKoZIzj0EAwIw\n"
                               "FjEUMBIGA1UEAwwLTVNDIFRlc3QgQ0EwIBcNMjYxMTI5MjI0MDQ5WhgPMjEyNjEx\n"
                               "MDUyMjQwNDlaMBYxFDASBgNVBAMMC01TQyBUZXN0IENBMFkwEwYHKoZIzj0CAQYI\n"
                               "KoZIzj0DAQcDQgAEgcfhuSv1rni0dnH9WYlaoPRF6f80ELnZriBojVVQ/J0Ejjah\n"
                               "XxFiL2qRKFoymF5z+zc89/BnFI3A5wIYJ4Yk+qNTMFEwHQYDVR0OBBYEFC8TtKyr\n"
                               "V2C2ujMi6PQAwvf0Cb+jMB8GA1UdIwQYMBaAFC8TtKyrV2C2ujMi6PQAwvf0Cb+j\n"
                               "MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhAM80S2/5hjN00y2q\n"
                               "ux2hlHiXcquxy+KdRopKI0mDu/YNAiEA6lp8pyoTnfUMudOhMopqT/V8kdRptLjI\n"
                               "PYDil9Y+V0c=\n"
                               "-----END CERTIFICATE-----\n";

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

template <typename T>
T *child(const QWidget &page, const QString &name)
{
    T *widget = page.findChild<T *>(name);
    if (!widget)
        qFatal("No child %s", qPrintable(name));
    return widget;
}

void setText(const QWidget &page, const QString &name, const QString &text)
{
    QLineEdit *edit = child<QLineEdit>(page, name);
    edit->clear();
    QTest::keyClicks(edit, text);
    QMetaObject::invokeMethod(edit, "editingFinished");
}

} // namespace

class TestSettingsPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// A settings file as a new profile has it: written once, with its version only.
    QString newSettingsFile(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        ProfileSettings settings(path);
        QString error;
        if (!settings.sync(&error))
            qFatal("%s", qPrintable(error));
        return path;
    }

    QString certificateFile(int copies)
    {
        const QString path = m_dir.filePath(u"bundle-%1.pem"_s.arg(copies));
        QByteArray pem;
        for (int i = 0; i < copies; ++i)
            pem += kPemCertificate;
        if (!writeFile(path, pem))
            qFatal("Cannot write %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void defaultsShown()
    {
        SettingsPage page(newSettingsFile(u"defaults.ini"_s));
        QCOMPARE(child<QLineEdit>(page, u"proxyUrl"_s)->text(), QString());
        QCOMPARE(child<QLineEdit>(page, u"caBundlePath"_s)->text(), QString());
        QCOMPARE(child<QSpinBox>(page, u"connectTimeout"_s)->value(), 15);
        QCOMPARE(child<QSpinBox>(page, u"idleTimeout"_s)->value(), 120);
        QCOMPARE(child<QSpinBox>(page, u"totalTimeout"_s)->value(), 300);
        QCOMPARE(child<QSpinBox>(page, u"concurrentJobs"_s)->value(), 3);
        QCOMPARE(child<QSpinBox>(page, u"maxConcurrentRequests"_s)->value(), 2);
        QCOMPARE(child<QSpinBox>(page, u"retentionDays"_s)->value(), 90);
        QCOMPARE(child<QComboBox>(page, u"logLevel"_s)->currentData().toString(), u"info"_s);

        // The spin boxes take their ranges from ProfileSettings.
        const QSpinBox *jobs = child<QSpinBox>(page, u"concurrentJobs"_s);
        QCOMPARE(jobs->minimum(), 1);
        QCOMPARE(jobs->maximum(), 8);
        const QSpinBox *requests = child<QSpinBox>(page, u"maxConcurrentRequests"_s);
        QCOMPARE(requests->minimum(), 1);
        QCOMPARE(requests->maximum(), 4);
        QCOMPARE(child<QSpinBox>(page, u"totalTimeout"_s)->maximum(),
            ProfileSettings::maximum(Key::TotalTimeoutSeconds));

        QVERIFY(child<QLabel>(page, u"tlsNote"_s)
                    ->text()
                    .contains(u"TLS certificate verification is always on"_s));
        QCOMPARE(page.fieldMessage(Key::ProxyUrl), QString());
        QCOMPARE(page.fieldMessage(Key::CaBundlePath), QString());
    }

    void invalidFieldSavesNothing_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("key");
        QTest::addColumn<QString>("expected");

        QTest::newRow("ftp proxy")
            << u"proxyUrl"_s << u"ftp://x"_s << int(Key::ProxyUrl) << u"http://host:port"_s;
        QTest::newRow("proxy without port") << u"proxyUrl"_s << u"http://proxy.example.com"_s
                                            << int(Key::ProxyUrl) << u"needs a port"_s;
        QTest::newRow("proxy with password") << u"proxyUrl"_s << u"http://me:secret@proxy:3128"_s
                                             << int(Key::ProxyUrl) << u"user name or password"_s;
        QTest::newRow("missing CA file")
            << u"caBundlePath"_s << m_dir.filePath(u"no-such-bundle.pem"_s)
            << int(Key::CaBundlePath) << u"does not exist"_s;
        const QString notPem = m_dir.filePath(u"not-a-certificate.pem"_s);
        QVERIFY(writeFile(notPem, "just some text, no certificate\n"));
        QTest::newRow("CA file without certificate")
            << u"caBundlePath"_s << notPem << int(Key::CaBundlePath) << u"holds no PEM"_s;
    }

    void invalidFieldSavesNothing()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(int, key);
        QFETCH(QString, expected);

        const QString path =
            newSettingsFile(u"invalid-%1.ini"_s.arg(QString::fromUtf8(QTest::currentDataTag())));
        const QByteArray before = readFile(path);
        QVERIFY(!before.isEmpty());

        SettingsPage page(path);
        page.show();
        // Valid changes in other fields must not be written either.
        child<QSpinBox>(page, u"concurrentJobs"_s)->setValue(6);
        child<QComboBox>(page, u"logLevel"_s)->setCurrentIndex(0);
        setText(page, field, text);

        // The message shows when the field is left, before any save.
        const QString message = page.fieldMessage(Key(key));
        QVERIFY2(message.contains(expected), qPrintable(message));
        const QString label = key == int(Key::ProxyUrl) ? u"Proxy URL"_s : u"Extra CA bundle"_s;
        QVERIFY2(message.startsWith(label), qPrintable(message));
        QVERIFY(!message.contains(u"secret"_s)); // A proxy password is never echoed.
        QVERIFY(child<QLabel>(page, field + u"Message"_s)->isVisible());

        QTest::mouseClick(child<QPushButton>(page, u"save"_s), Qt::LeftButton);
        QVERIFY2(page.statusText().contains(u"Nothing was saved"_s), qPrintable(page.statusText()));
        QCOMPARE(readFile(path), before);
        QCOMPARE(ProfileSettings(path).intValue(Key::ConcurrentJobs), 3);

        // Revert brings back the stored values and clears the message.
        QTest::mouseClick(child<QPushButton>(page, u"revert"_s), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(page, field)->text(), QString());
        QCOMPARE(child<QSpinBox>(page, u"concurrentJobs"_s)->value(), 3);
        QCOMPARE(page.fieldMessage(Key(key)), QString());
        QCOMPARE(readFile(path), before);
    }

    void validValuesSaveAndReload()
    {
        const QString path = newSettingsFile(u"valid.ini"_s);
        const QString bundle = certificateFile(2);
        {
            SettingsPage page(path);
            page.show();
            setText(page, u"proxyUrl"_s, u"  http://proxy.example.com:3128 "_s);
            setText(page, u"caBundlePath"_s, bundle);
            QCOMPARE(page.fieldMessage(Key::CaBundlePath), QString());
            QLabel *info = child<QLabel>(page, u"caBundleInfo"_s);
            QVERIFY(info->isVisible());
            QVERIFY2(info->text().contains(u"2 PEM certificate"_s), qPrintable(info->text()));
            child<QSpinBox>(page, u"connectTimeout"_s)->setValue(20);
            child<QSpinBox>(page, u"idleTimeout"_s)->setValue(90);
            child<QSpinBox>(page, u"totalTimeout"_s)->setValue(600);
            child<QSpinBox>(page, u"concurrentJobs"_s)->setValue(5);
            child<QSpinBox>(page, u"maxConcurrentRequests"_s)->setValue(4);
            child<QSpinBox>(page, u"retentionDays"_s)->setValue(30);
            QComboBox *level = child<QComboBox>(page, u"logLevel"_s);
            level->setCurrentIndex(level->findData(u"warning"_s));

            QSignalSpy saved(&page, &SettingsPage::settingsSaved);
            QTest::mouseClick(child<QPushButton>(page, u"save"_s), Qt::LeftButton);
            QCOMPARE(saved.count(), 1);
            QCOMPARE(page.statusText(), u"Settings saved."_s);
        }

        const ProfileSettings reread(path);
        QCOMPARE(reread.stringValue(Key::ProxyUrl), u"http://proxy.example.com:3128"_s);
        QCOMPARE(reread.stringValue(Key::CaBundlePath), bundle);
        QCOMPARE(reread.intValue(Key::ConnectTimeoutSeconds), 20);
        QCOMPARE(reread.intValue(Key::IdleTimeoutSeconds), 90);
        QCOMPARE(reread.intValue(Key::TotalTimeoutSeconds), 600);
        QCOMPARE(reread.intValue(Key::ConcurrentJobs), 5);
        QCOMPARE(reread.intValue(Key::MaxConcurrentRequests), 4);
        QCOMPARE(reread.intValue(Key::RetentionDays), 30);
        QCOMPARE(reread.stringValue(Key::LogLevel), u"warning"_s);

        // A new page shows the saved values; edits are undone by Revert.
        SettingsPage page(path);
        QCOMPARE(child<QLineEdit>(page, u"proxyUrl"_s)->text(), u"http://proxy.example.com:3128"_s);
        QCOMPARE(child<QLineEdit>(page, u"caBundlePath"_s)->text(), bundle);
        QCOMPARE(child<QSpinBox>(page, u"retentionDays"_s)->value(), 30);
        QCOMPARE(child<QComboBox>(page, u"logLevel"_s)->currentData().toString(), u"warning"_s);
        child<QSpinBox>(page, u"retentionDays"_s)->setValue(365);
        setText(page, u"proxyUrl"_s, u"https://other.example.com:8443"_s);
        page.revert();
        QCOMPARE(child<QSpinBox>(page, u"retentionDays"_s)->value(), 30);
        QCOMPARE(child<QLineEdit>(page, u"proxyUrl"_s)->text(), u"http://proxy.example.com:3128"_s);

        // Empty proxy and bundle are valid: the system proxy, the system CAs.
        setText(page, u"proxyUrl"_s, QString());
        setText(page, u"caBundlePath"_s, QString());
        QVERIFY(page.save());
        QCOMPARE(ProfileSettings(path).stringValue(Key::ProxyUrl), QString());
        QCOMPARE(ProfileSettings(path).stringValue(Key::CaBundlePath), QString());
    }

    void screenshot()
    {
        const QString path = newSettingsFile(u"screenshot.ini"_s);
        SettingsPage page(path);
        page.resize(820, 900);
        page.show();
        setText(page, u"caBundlePath"_s, certificateFile(3));
        setText(page, u"proxyUrl"_s, u"ftp://x"_s);
        QVERIFY(!page.save());
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        const QString file = test::artifactsDirectory() + u"/settingspage.png"_s;
        QVERIFY(page.grab().save(file));
        qInfo("Screenshot: %s", qPrintable(file));
    }

    // The UI follows the system palette: under a dark one (dark mode) the messages take the
    // light shades, readable on the dark window.
    void darkPalette()
    {
        const QPalette original = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        QApplication::setPalette(dark);
        {
            const QString path = newSettingsFile(u"dark.ini"_s);
            SettingsPage page(path);
            page.resize(820, 900);
            page.show();
            setText(page, u"proxyUrl"_s, u"ftp://x"_s);
            QVERIFY(!page.save());
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            const QString style = child<QLabel>(page, u"proxyUrlMessage"_s)->styleSheet();
            QVERIFY2(style.contains(u"#ff8a80"_s), qPrintable(style));
            const QString file = test::artifactsDirectory() + u"/settingspage-dark.png"_s;
            QVERIFY(page.grab().save(file));
            qInfo("Screenshot: %s", qPrintable(file));
        }
        QApplication::setPalette(original);
        SettingsPage light(newSettingsFile(u"light.ini"_s));
        QVERIFY(child<QLabel>(light, u"proxyUrlMessage"_s)->styleSheet().contains(u"#b00020"_s));
    }
};

QTEST_MAIN(TestSettingsPage)
#include "tst_settingspage.moc"
