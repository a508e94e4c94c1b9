#include "testca.h"

#include <QDir>
#include <QFile>
#include <QProcess>

using namespace Qt::Literals::StringLiterals;

namespace msc::sim {

namespace {

    bool runOpenssl(const QStringList &arguments, const QString &workingDirectory, QString *error)
    {
        QProcess process;
        process.setWorkingDirectory(workingDirectory);
        process.start(u"openssl"_s, arguments);
        if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            *error = u"openssl %1 failed: %2%3"_s.arg(arguments.first(), process.errorString(),
                QString::fromLocal8Bit(process.readAllStandardError()));
            return false;
        }
        return true;
    }

} // namespace

bool createTestCertificates(
    const QString &directory, TestCertificates *certificates, QString *error)
{
    QDir dir(directory);
    dir.mkpath(u"."_s);
    const QString path = dir.absolutePath();
    const QStringList ecKey {
        u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s};
    if (!runOpenssl(QStringList {u"req"_s, u"-x509"_s} + ecKey
                + QStringList {u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.pem"_s, u"-days"_s,
                    u"3"_s, u"-subj"_s, u"/CN=Mimecast Simulator per-run CA"_s, u"-addext"_s,
                    u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
                    u"keyUsage=critical,keyCertSign,cRLSign"_s},
            path, error))
        return false;
    if (!runOpenssl(QStringList {u"req"_s} + ecKey
                + QStringList {u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.csr"_s,
                    u"-subj"_s, u"/CN=127.0.0.1"_s},
            path, error))
        return false;
    QFile extensions(dir.filePath(u"server.ext"_s));
    if (!extensions.open(QIODevice::WriteOnly)) {
        *error = extensions.errorString();
        return false;
    }
    extensions.write("subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                     "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
    extensions.close();
    if (!runOpenssl({u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.pem"_s,
                        u"-CAkey"_s, u"ca.key"_s, u"-CAcreateserial"_s, u"-out"_s, u"server.pem"_s,
                        u"-days"_s, u"3"_s, u"-extfile"_s, u"server.ext"_s},
            path, error))
        return false;

    QFile certificate(dir.filePath(u"server.pem"_s));
    QFile key(dir.filePath(u"server.key"_s));
    if (!certificate.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the generated server certificate"_s;
        return false;
    }
    certificates->serverCertificate = QSslCertificate(certificate.readAll(), QSsl::Pem);
    certificates->serverKey = QSslKey(key.readAll(), QSsl::Ec, QSsl::Pem);
    certificates->caFile = dir.filePath(u"ca.pem"_s);
    QFile::remove(dir.filePath(u"ca.key"_s)); // nothing else may ever sign with it
    if (certificates->serverCertificate.isNull() || certificates->serverKey.isNull()) {
        *error = u"the generated certificate or key could not be loaded"_s;
        return false;
    }
    return true;
}

} // namespace msc::sim
