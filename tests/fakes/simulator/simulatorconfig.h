#pragma once

#include "faults.h"

#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace msc::sim {

/// The simulator's configuration: the `--config` keys of cli.md, with their defaults.
struct SimulatorConfig
{
    quint64 seed = 1;
    int volume = 500;
    bool tls = false;
    QString clientId = QStringLiteral("demo-client");
    QString clientSecret = QStringLiteral("demo-secret");
    QList<Fault> faults;
    QSet<QString> products = defaultProducts(); ///< Stream ids the credentials may read.
    int tokenTtlSeconds = 1799;
    int tokenDelayMs = 0; ///< Extension: hold token answers back (single-flight tests).
    bool pageSizeAboveMaxRejects = false; ///< "pageSizeAboveMax": "reject"
    bool exclusiveTo = false;
    bool auditBeyondHistoryEmpty = false; ///< "auditBeyondHistory": "empty"
    int batchFileMinutes = 5;
    int batchFileLines = 0;
    bool fileContentEncodingGzip = false;
    int linkTtlSeconds = 3600;
    int rateLimitQuota = 1000000;
    int rateLimitPeriodSeconds = 3600;
    bool retryAfterHeader = false;
    bool live = false;
    int liveLateMaxSeconds = 240;

    static QStringList allStreams();
    static QSet<QString> defaultProducts()
    {
        const QStringList streams = allStreams();
        return QSet<QString>(streams.cbegin(), streams.cend());
    }

    /// Applies the keys present in \a object (others keep their values). On a bad value sets
    /// \a error naming the key.
    bool apply(const QJsonObject &object, QString *error);
};

} // namespace msc::sim
