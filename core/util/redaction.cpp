#include "util/redaction.h"

#include <QMutex>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <atomic>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace msc::Redaction {

namespace {

    const QString kRedacted = u"[REDACTED]"_s;

    QMutex &secretsMutex()
    {
        static QMutex mutex;
        return mutex;
    }

    QSet<QString> &secrets()
    {
        static QSet<QString> values;
        return values;
    }

    struct Pattern
    {
        QRegularExpression expression;
        QString replacement;
    };

    const QList<Pattern> &patterns()
    {
        static const QList<Pattern> list = {
            // Authorization: Bearer <token>
            {QRegularExpression(u"\\b(Bearer)\\s+[A-Za-z0-9._~+/=-]+"_s,
                 QRegularExpression::CaseInsensitiveOption),
                u"\\1 "_s + kRedacted},
            // Legacy Data Collector signature: SharedKey <workspace>:<base64 HMAC>
            {QRegularExpression(u"\\b(SharedKey)\\s+([^:\\s]+):[A-Za-z0-9+/=]+"_s,
                 QRegularExpression::CaseInsensitiveOption),
                u"\\1 \\2:"_s + kRedacted},
            // Form fields, query parameters and JSON members that hold secrets.
            {QRegularExpression(
                 u"(\"?\\b(?:client_secret|access_token|refresh_token|id_token|password|"
                 u"workspace_?key|shared_?key)\"?\\s*[:=]\\s*\"?)([^\"&\\s,;}]+)"_s,
                 QRegularExpression::CaseInsensitiveOption),
                u"\\1"_s + kRedacted},
            // Signed URLs (SIEM batch file links): the query string is the credential.
            {QRegularExpression(
                 u"(https?://[^\\s\"'<>?]+)\\?([^\\s\"'<>]*(?:signature|sig=|x-amz-|token|"
                 u"credential|key=|secret|expires)[^\\s\"'<>]*)"_s,
                 QRegularExpression::CaseInsensitiveOption),
                u"\\1?"_s + kRedacted},
        };
        return list;
    }

    QtMessageHandler g_previousHandler = nullptr;
    std::atomic<MessageSink> g_sink {nullptr};

    void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        const QString clean = redact(message);
        if (const MessageSink sink = g_sink.load(std::memory_order_acquire))
            sink(type, context, clean);
        if (g_previousHandler) {
            g_previousHandler(type, context, clean);
        } else {
            const QByteArray line = qFormatLogMessage(type, context, clean).toLocal8Bit();
            std::fprintf(stderr, "%s\n", line.constData());
        }
    }

} // namespace

QString redact(const QString &text)
{
    QString result = text;
    {
        QMutexLocker locker(&secretsMutex());
        for (const QString &secret : std::as_const(secrets())) {
            result.replace(secret, kRedacted);
            // Secrets also travel form- or percent-encoded.
            const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
            if (encoded != secret)
                result.replace(encoded, kRedacted);
        }
    }
    for (const Pattern &pattern : patterns())
        result.replace(pattern.expression, pattern.replacement);
    return result;
}

void registerSecret(const QString &secret)
{
    if (secret.size() < 4)
        return;
    QMutexLocker locker(&secretsMutex());
    secrets().insert(secret);
}

void unregisterSecret(const QString &secret)
{
    QMutexLocker locker(&secretsMutex());
    secrets().remove(secret);
}

void setMessageSink(MessageSink sink)
{
    g_sink.store(sink, std::memory_order_release);
}

void installMessageHandler()
{
    QtMessageHandler previous = qInstallMessageHandler(redactingHandler);
    if (previous != redactingHandler)
        g_previousHandler = previous;
}

} // namespace msc::Redaction
