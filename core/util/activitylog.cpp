#include "util/activitylog.h"

#include "util/logging.h"
#include "util/redaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(ActivityLog)
    };

    // One entry per line, whatever the details hold (a server message, a connector name).
    QString oneLine(const QString &text)
    {
        QString line = Redaction::redact(text);
        line.replace(u'\n', u' ').replace(u'\r', u' ').replace(u'\t', u' ');
        return line;
    }

} // namespace

ActivityLog::ActivityLog(QString filePath)
    : m_filePath(std::move(filePath))
{
}

ActivityLog ActivityLog::forSettings(const QString &settingsPath)
{
    return ActivityLog(QFileInfo(settingsPath).absolutePath() + u"/activity.log"_s);
}

bool ActivityLog::append(const QString &action, const QString &details, QString *error) const
{
    const QString line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) + u'\t'
        + oneLine(action) + u'\t' + oneLine(details);
    qCInfo(lcActivity).noquote() << action << details;
    QFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)
        || file.write((line + u'\n').toUtf8()) < 0 || !file.flush()) {
        if (error)
            *error = Tr::tr("The activity log %1 could not be written: %2.")
                         .arg(m_filePath, file.errorString());
        return false;
    }
    return true;
}

QStringList ActivityLog::entries() const
{
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace msc
