#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace msc::sim {

/// A per-run certificate authority and a server certificate for 127.0.0.1/localhost, so the
/// client is tested with TLS verification on (mimecast-api.md §10.1 item 2). Made with the
/// openssl command-line tool (Debian package openssl): Qt cannot create certificates.
struct TestCertificates
{
    QString caFile; ///< PEM of the CA, to trust as an extra CA bundle.
    QSslCertificate serverCertificate;
    QSslKey serverKey;
};

/// Creates the CA and the server certificate under \a directory. On failure returns false
/// with \a error naming the step.
bool createTestCertificates(
    const QString &directory, TestCertificates *certificates, QString *error);

} // namespace msc::sim
