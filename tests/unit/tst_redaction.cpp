// The one redaction function: every kind of secret that can reach a log line or a message.
#include "util/redaction.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

class TestRedaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patterns_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("mustNotContain");
        QTest::addColumn<QString>("mustContain");
        QTest::newRow("bearer header") << u"Authorization: Bearer mc2_demo_3f9a8c1b0d6e4a7f"_s
                                       << u"mc2_demo_3f9a8c1b0d6e4a7f"_s << u"Bearer [REDACTED]"_s;
        QTest::newRow("form secret")
            << u"client_id=demo-client&client_secret=p%2Bss%2Fw0rd&grant_type=client_credentials"_s
            << u"p%2Bss"_s << u"client_id=demo-client"_s;
        QTest::newRow("json token") << u"{\"access_token\":\"abc.def.ghi\",\"expires_in\":1799}"_s
                                    << u"abc.def.ghi"_s << u"\"expires_in\":1799"_s;
        QTest::newRow("shared key")
            << u"Authorization: SharedKey 00000000-0000:Zm9vYmFyYmF6cXV4+/=="_s
            << u"Zm9vYmFyYmF6cXV4"_s << u"SharedKey 00000000-0000:[REDACTED]"_s;
        QTest::newRow("signed url")
            << u"GET https://files.example/cg/receipt/f1.json.gz?X-Amz-Expires=3600&X-Amz-Signature=deadbeef failed"_s
            << u"deadbeef"_s << u"https://files.example/cg/receipt/f1.json.gz?[REDACTED] failed"_s;
        QTest::newRow("simulator signed url")
            << u"http://127.0.0.1:4321/_files/cg/1.json.gz?expires=17&sig=0a1b2c"_s << u"0a1b2c"_s
            << u"/_files/cg/1.json.gz?[REDACTED]"_s;
        QTest::newRow("plain url kept")
            << u"POST https://api.services.mimecast.com/api/audit/get-audit-events"_s
            << u"[REDACTED]"_s << u"get-audit-events"_s;
    }

    void patterns()
    {
        QFETCH(QString, input);
        QFETCH(QString, mustNotContain);
        QFETCH(QString, mustContain);
        const QString output = Redaction::redact(input);
        QVERIFY2(!output.contains(mustNotContain), qPrintable(output));
        QVERIFY2(output.contains(mustContain), qPrintable(output));
    }

    void registeredSecretsAnywhere()
    {
        const QString secret = u"s3cr+t/with=chars"_s;
        Redaction::registerSecret(secret);
        const QString output = Redaction::redact(
            u"failed with secret s3cr+t/with=chars and encoded s3cr%2Bt%2Fwith%3Dchars"_s);
        QVERIFY2(!output.contains(u"s3cr"_s), qPrintable(output));
        Redaction::unregisterSecret(secret);
        QVERIFY(Redaction::redact(secret).contains(u"s3cr"_s));
        // Short values would shred ordinary text: ignored.
        Redaction::registerSecret(u"ab"_s);
        QCOMPARE(Redaction::redact(u"abc"_s), u"abc"_s);
    }

    void messageHandlerRedacts()
    {
        Redaction::installMessageHandler();
        Redaction::registerSecret(u"topsecretvalue"_s);
        QTest::ignoreMessage(QtWarningMsg, "token Bearer [REDACTED] and [REDACTED]");
        qWarning("token Bearer abcdefgh and topsecretvalue");
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
