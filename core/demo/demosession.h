#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace msc {

class MemorySecretStore;

/// The built-in demo (README decision 10): a throwaway profile, the Mimecast simulator as a
/// child process on a free loopback port, every connector configured against it, and the
/// simulator's well-known demo secret held in memory (never in the keychain, security.md
/// rule 1). Everything goes through the same code paths as production.
class DemoSession final : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *kClientId = "demo-client";
    static constexpr const char *kClientSecret = "demo-secret"; ///< Well known; protects nothing.

    explicit DemoSession(QObject *parent = nullptr);
    ~DemoSession() override;

    /// False if the temporary profile could not be created (see errorString()).
    bool isValid() const;
    QString profileDirectory() const;
    MemorySecretStore &secrets() { return *m_secrets; }
    QString errorString() const { return m_error; }

    /// Starts the simulator; ready() follows with its base URL once it listens, after the
    /// connectors have been configured against it, or failed() with the reason.
    void start();

    /// The simulator executable: next to this one when installed, or in the build tree.
    static QString simulatorPath();

Q_SIGNALS:
    void ready(const QString &baseUrl);
    void failed(const QString &message);

private:
    void configureConnectors(const QString &baseUrl);

    QTemporaryDir m_directory;
    QString m_profileDirectory;
    std::unique_ptr<MemorySecretStore> m_secrets;
    QProcess m_simulator;
    QByteArray m_output;
    bool m_started = false;
    bool m_failureReported = false; ///< failed() is emitted once.
    QString m_error;
};

} // namespace msc
