#include "util/timeformat.h"

#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace msc {

QString formatUtc(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) + u'Z';
}

QDateTime parseUtc(const QString &text)
{
    if (text.size() != 24 || !text.endsWith(u'Z'))
        return {};
    QDateTime time = QDateTime::fromString(text.left(23), u"yyyy-MM-ddTHH:mm:ss.zzz"_s);
    if (!time.isValid())
        return {};
    time.setTimeZone(QTimeZone::utc());
    return time;
}

} // namespace msc
