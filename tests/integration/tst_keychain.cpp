// A real keychain round trip through QtKeychain and the Secret Service. Run under
// dbus-run-session with a throwaway gnome-keyring (tests/run-with-keyring.sh); registered a
// second time without any bus, where it must report "no keychain" clearly and quickly.
#include "secrets/keychainsecretstore.h"
#include "secrets/memorysecretstore.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

/// Waits for \a future on the event loop (keychain jobs need it) and returns its result.
SecretResult await(QFuture<SecretResult> future)
{
    QFutureWatcher<SecretResult> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcher<SecretResult>::finished);
    watcher.setFuture(future);
    if (!future.isFinished() && !finished.wait(30000))
        return {SecretResult::Status::Error, {}, u"timed out"_s};
    return future.result();
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_store =
            new KeychainSecretStore(u"test-%1/"_s.arg(QCoreApplication::applicationPid()), this);
        m_store->setRetryDelayMs(100);
        if (qEnvironmentVariableIsSet("MSC_EXPECT_NO_KEYCHAIN"))
            return;
        // Is there a Secret Service? The launcher provides one; elsewhere skip, with the reason.
        const SecretResult probe = await(m_store->read(u"probe"_s));
        if (probe.status == SecretResult::Status::NoBackend)
            QSKIP(qPrintable(u"no Secret Service: "_s + probe.message));
    }

    void roundTrip()
    {
        if (qEnvironmentVariableIsSet("MSC_EXPECT_NO_KEYCHAIN"))
            QSKIP("no keychain in this run");
        const QString key = SecretStore::connectorKey(u"seg"_s);
        const QString secret = u"s3cr+t/with=form&chars ünïcode"_s;

        QCOMPARE(await(m_store->read(key)).status, SecretResult::Status::NotFound);
        const SecretResult written = await(m_store->write(key, secret));
        QVERIFY2(written.ok(), qPrintable(written.message));
        const SecretResult read = await(m_store->read(key));
        QVERIFY2(read.ok(), qPrintable(read.message));
        QCOMPARE(read.secret, secret);

        // Replace, then delete: a deleted connector leaves no secret behind.
        QVERIFY(await(m_store->write(key, u"second"_s)).ok());
        QCOMPARE(await(m_store->read(key)).secret, u"second"_s);
        QVERIFY(await(m_store->remove(key)).ok());
        QCOMPARE(await(m_store->read(key)).status, SecretResult::Status::NotFound);
    }

    void noKeychainIsExplainedNotHidden()
    {
        if (!qEnvironmentVariableIsSet("MSC_EXPECT_NO_KEYCHAIN"))
            QSKIP("a keychain is available in this run");
        QElapsedTimer timer;
        timer.start();
        const SecretResult written =
            await(m_store->write(u"connector/seg/client-secret"_s, u"x"_s));
        QCOMPARE(written.status, SecretResult::Status::NoBackend);
        QVERIFY2(written.message.contains(u"gnome-keyring"_s), qPrintable(written.message));
        QVERIFY(!written.message.contains(u"x"_s + u"\""_s));
        QVERIFY2(timer.elapsed() < 10000, "a missing keychain must be reported quickly");
        QCOMPARE(await(m_store->read(u"connector/seg/client-secret"_s)).status,
            SecretResult::Status::NoBackend);
    }

    void memoryStoreForDemoAndLogic()
    {
        MemorySecretStore store;
        QVERIFY(store.isEphemeral());
        QVERIFY(!m_store->isEphemeral());
        QCOMPARE(store.read(u"k"_s).result().status, SecretResult::Status::NotFound);
        QVERIFY(store.write(u"k"_s, u"demo-secret"_s).result().ok());
        QCOMPARE(store.read(u"k"_s).result().secret, u"demo-secret"_s);
        QVERIFY(store.remove(u"k"_s).result().ok());
        QCOMPARE(store.remove(u"k"_s).result().status, SecretResult::Status::NotFound);
    }

private:
    KeychainSecretStore *m_store = nullptr;
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
