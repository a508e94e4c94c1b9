// The profile: where it is, and that everything in it is private to the user.
#include "profile/profile.h"
#include "profile/profilesettings.h"
#include "storage/cachewriter.h"
#include "testcache.h"
#include "util/filemodes.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

class TestProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { restrictFileCreationMask(); }

    void resolutionOrder()
    {
        qunsetenv(Profile::kEnvironmentVariable);
        QVERIFY(Profile::resolveDirectory({}).endsWith(u"/profiles/default"_s));
        qputenv(Profile::kEnvironmentVariable, "/tmp/from-env");
        QCOMPARE(Profile::resolveDirectory({}), u"/tmp/from-env"_s);
        QCOMPARE(Profile::resolveDirectory(u"/tmp/from-option"_s), u"/tmp/from-option"_s);
        qunsetenv(Profile::kEnvironmentVariable);
    }

    void everythingIsPrivate()
    {
        QTemporaryDir root;
        const QString directory = root.filePath(u"nested/profile"_s);
        QString error;
        const std::optional<Profile> profile = Profile::open(directory, &error);
        QVERIFY2(profile, qPrintable(error));
        QCOMPARE(permissionBits(profile->directory()), 0700);
        QCOMPARE(permissionBits(root.filePath(u"nested"_s)), 0700);

        ProfileSettings settings(profile->settingsPath());
        QVERIFY(settings.setValue(ProfileSettings::Key::RetentionDays, 30, &error));
        QVERIFY(settings.sync(&error));

        CacheWriter writer(
            SchemaDefinition::builtIn(), CacheWriter::Options {profile->cachePath()});
        QVERIFY(!writer.start().result().isError());
        QVERIFY(writer.submit(WriteUnit {}).result().ok());

        QCOMPARE(permissionBits(profile->settingsPath()), 0600);
        QCOMPARE(permissionBits(profile->cachePath()), 0600);
        QCOMPARE(permissionBits(profile->cachePath() + u"-wal"_s), 0600);
        QCOMPARE(permissionBits(profile->cachePath() + u"-shm"_s), 0600);
        // Nothing in the profile is readable by anyone else.
        const QFileInfoList entries =
            QDir(profile->directory())
                .entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(entries.size() >= 4);
        for (const QFileInfo &entry : entries)
            QCOMPARE(permissionBits(entry.filePath()) & 077, 0);
    }

    void looseExistingFolderIsTightened()
    {
        QTemporaryDir root;
        QVERIFY(QFile::setPermissions(root.path(),
            QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                | QFile::ExeOther));
        QString error;
        QVERIFY(Profile::open(root.path(), &error));
        QCOMPARE(permissionBits(root.path()), 0700);
    }

    void fileInsteadOfFolderIsAnError()
    {
        QTemporaryDir root;
        const QString path = root.filePath(u"a-file"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QString error;
        QVERIFY(!Profile::open(path, &error));
        QVERIFY2(error.contains(path) && error.contains(u"is a file"_s), qPrintable(error));
    }

    void settingsHaveDefaultsAndRanges()
    {
        QTemporaryDir root;
        ProfileSettings settings(root.filePath(u"settings.ini"_s));
        QCOMPARE(settings.intValue(ProfileSettings::Key::RetentionDays), 90);
        QCOMPARE(settings.intValue(ProfileSettings::Key::ConcurrentJobs), 3);
        QString error;
        QVERIFY(!settings.setValue(ProfileSettings::Key::ConcurrentJobs, 9, &error));
        QVERIFY2(error.contains(u"ingestion/concurrentJobs"_s) && error.contains(u"from 1 to 8"_s),
            qPrintable(error));
        QCOMPARE(settings.intValue(ProfileSettings::Key::ConcurrentJobs), 3);
        QVERIFY(!settings.setValue(ProfileSettings::Key::LogLevel, u"verbose"_s, &error));
        QVERIFY2(error.contains(u"debug, info, warning, error"_s), qPrintable(error));
        QVERIFY(settings.setValue(ProfileSettings::Key::ConcurrentJobs, 5, &error));
        QVERIFY(settings.sync(&error));

        // A hand-edited out-of-range value reads as the default, never as 0.
        QFile file(root.filePath(u"settings.ini"_s));
        QVERIFY(file.open(QIODevice::Append));
        file.write("\n[cache]\nretentionDays=-4\n");
        file.close();
        ProfileSettings reread(root.filePath(u"settings.ini"_s));
        QCOMPARE(reread.intValue(ProfileSettings::Key::ConcurrentJobs), 5);
        QCOMPARE(reread.intValue(ProfileSettings::Key::RetentionDays), 90);
    }

    void proxyAndCaBundleAreValidated()
    {
        QTemporaryDir root;
        ProfileSettings settings(root.filePath(u"settings.ini"_s));
        QString error;
        QVERIFY(
            settings.setValue(ProfileSettings::Key::ProxyUrl, u" http://proxy:3128 "_s, &error));
        QCOMPARE(settings.stringValue(ProfileSettings::Key::ProxyUrl), u"http://proxy:3128"_s);
        QVERIFY(settings.setValue(ProfileSettings::Key::ProxyUrl, u"https://proxy:443"_s, &error));
        for (const QString &bad : {u"ftp://x"_s, u"http://proxy"_s, u"http://a:b@proxy:3128"_s,
                 u"http://proxy:3128/path"_s, u"proxy:3128"_s}) {
            QVERIFY2(
                !settings.setValue(ProfileSettings::Key::ProxyUrl, bad, &error), qPrintable(bad));
            QVERIFY2(error.contains(u"network/proxyUrl"_s), qPrintable(error));
        }
        QCOMPARE(settings.stringValue(ProfileSettings::Key::ProxyUrl), u"https://proxy:443"_s);
        QVERIFY(settings.setValue(ProfileSettings::Key::ProxyUrl, QString(), &error));

        QVERIFY(!settings.setValue(
            ProfileSettings::Key::CaBundlePath, root.filePath(u"missing.pem"_s), &error));
        QVERIFY2(error.contains(u"does not exist"_s), qPrintable(error));
        QFile empty(root.filePath(u"empty.pem"_s));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QVERIFY(!settings.setValue(ProfileSettings::Key::CaBundlePath, empty.fileName(), &error));
        QVERIFY2(error.contains(u"holds no PEM certificate"_s), qPrintable(error));
        QVERIFY(!settings.setValue(ProfileSettings::Key::CaBundlePath, u"relative.pem"_s, &error));
        QVERIFY2(error.contains(u"absolute path"_s), qPrintable(error));
        QVERIFY(settings.setValue(ProfileSettings::Key::CaBundlePath, QString(), &error));
        QCOMPARE(ProfileSettings::caCertificateCount(empty.fileName()), 0);
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
