#pragma once

#include "faults.h"
#include "simclock.h"
#include "simulatorconfig.h"

#include <QAbstractHttpServer>
#include <QDir>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QTemporaryDir>

#include <memory>

class QHttpServerRequest;
class QTcpSocket;

namespace msc::sim {

class Dataset;
struct BatchFileInfo;

/// The strict stand-in for Mimecast API 2.0 and its object storage (mimecast-api.md §10),
/// listening on 127.0.0.1 only: OAuth client credentials, the /api envelope endpoints with
/// opaque filter-bound page tokens, the SIEM batch listing with signed, expiring file links,
/// rate limits, fault switches, a virtual clock and the /_sim control endpoints of cli.md.
/// Used in-process by tests and by the mimecast-simulator executable.
class MimecastSimulator : public QAbstractHttpServer
{
    Q_OBJECT

public:
    /// \a stateDirectory holds every file the simulator writes (CA, batch files); empty: a
    /// private temporary directory (0700) removed with the simulator.
    explicit MimecastSimulator(
        SimulatorConfig config, const QString &stateDirectory = {}, QObject *parent = nullptr);
    ~MimecastSimulator() override;

    /// Starts listening on 127.0.0.1:\a port (0 = a free port), over TLS when configured.
    /// Returns false with \a error on failure.
    bool start(quint16 port, QString *error);

    QString baseUrl() const;
    QString stateDirectory() const;
    QString caFile() const; ///< With TLS: the PEM of the per-run CA to trust.

    SimClock &clock() { return m_clock; }
    FaultSet &faults() { return m_faults; }
    const Dataset &dataset() const { return *m_dataset; }

    /// Ground truth, as GET /_sim/truth and /_sim/truth/records serve it.
    QJsonObject truthCounts() const;
    QByteArray truthRecords(const QString &table, const QString &set) const;
    QJsonObject stats() const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

public:
    struct Reply; ///< One response, built by the handlers (definition in the .cpp).

private:
    void send(const QHttpServerRequest &request, QTcpSocket *socket, const Reply &reply);
    void applyTransportFaults(const QHttpServerRequest &request, QTcpSocket *socket, Reply reply,
        const FaultContext &context);

    Reply handleToken(const QHttpServerRequest &request, const FaultContext &context);
    Reply handleApi(
        const QHttpServerRequest &request, const FaultContext &context, const QString &clientId);
    Reply handleSiemListing(
        const QHttpServerRequest &request, const FaultContext &context, const QString &feed);
    bool handleFile(const QHttpServerRequest &request, QTcpSocket *socket);
    Reply handleControl(const QHttpServerRequest &request);

    /// The client id of a valid bearer token, or an error reply.
    std::optional<QString> authenticate(const QHttpServerRequest &request, Reply *failure);
    bool takeRateLimitToken(const QString &clientId, const QString &path, Reply *reply);
    void addRateLimitHeaders(Reply &reply, const QString &clientId, const QString &path) const;

    QByteArray makePageToken(
        const QString &path, const QByteArray &filterHash, qint64 offset) const;
    std::optional<qint64> readPageToken(
        const QString &token, const QString &path, const QByteArray &filterHash) const;
    QString signFileUrl(const BatchFileInfo &file, qint64 expiresAtSeconds) const;
    QString fileKeyPath(const BatchFileInfo &file) const;
    /// Writes (once) and returns the gzip file of \a file under the state directory.
    QString ensureFile(const BatchFileInfo &file, qint64 *size);
    void recordServed(const QString &table, const QString &campaignId, const QJsonObject &record);
    /// Counts a response in the statistics' "requests" (path and status).
    void countRequest(const QString &path, int status);

    void resetState();

    SimulatorConfig m_config;
    std::unique_ptr<QTemporaryDir> m_temporaryState;
    QDir m_stateDirectory;
    std::unique_ptr<Dataset> m_dataset;
    SimClock m_clock;
    FaultSet m_faults;
    QByteArray m_signingKey;
    quint16 m_port = 0;
    QString m_caFile;

    QHash<QString, qint64> m_tokens; ///< token → expiry (epoch ms)
    quint64 m_tokenCounter = 0;
    struct Bucket
    {
        double tokens = 0;
        qint64 refilledAtMs = 0;
    };
    QHash<QString, Bucket> m_buckets;
    qint64 m_requestOrdinal = 0;
    QHash<QString, qint64> m_pathOrdinals;
    QHash<QString, int> m_downloads; ///< file key → downloads
    struct ServedFile
    {
        QString feed;
        QString type;
        int index = 0;
        QString servedAt;
    };
    QList<ServedFile> m_servedFiles; ///< Files sent whole (their records count as served).
    QHash<QString, qint64> m_generatedFileSizes;

    struct Served
    {
        int count = 0;
        QString firstServedAt;
    };
    QHash<QString, QHash<QString, Served>> m_served; ///< table → key → served
    QJsonObject m_requestStats; ///< "path status" → count
    int m_tokenRequests = 0;
    int m_concurrentTokenRequests = 0;
    int m_peakConcurrentTokenRequests = 0;
    int m_tokenLeaks = 0;
    int m_rateLimited = 0;
    int m_pageTokensIssued = 0;
    int m_pageTokensRejected = 0;
    qint64 m_bytesServed = 0;
};

} // namespace msc::sim
