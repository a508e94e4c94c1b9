#include "export/tableexport.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QLocale>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace msc {

namespace {

    struct Tr
    {
        Q_DECLARE_TR_FUNCTIONS(TableExport)
    };

    bool isNumber(const QVariant &value)
    {
        switch (value.typeId()) {
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Double:
        case QMetaType::Float:
            return true;
        default:
            return false;
        }
    }

    bool startsLikeFormula(const QString &text)
    {
        if (text.isEmpty())
            return false;
        const QChar first = text.front();
        return first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t'
            || first == u'\r';
    }

    void appendJsonString(QByteArray &out, const QString &text)
    {
        out.append('"');
        const QByteArray utf8 = text.toUtf8();
        for (const char c : utf8) {
            switch (c) {
            case '"':
                out.append("\\\"");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            case '\b':
                out.append("\\b");
                break;
            case '\f':
                out.append("\\f");
                break;
            default:
                if (uchar(c) < 0x20) {
                    out.append("\\u00");
                    out.append("0123456789abcdef"[uchar(c) >> 4]);
                    out.append("0123456789abcdef"[uchar(c) & 0xf]);
                } else {
                    out.append(c);
                }
            }
        }
        out.append('"');
    }

    void appendJsonValue(QByteArray &out, const QVariant &value)
    {
        if (!value.isValid() || value.isNull()) {
            out.append("null");
            return;
        }
        switch (value.typeId()) {
        case QMetaType::LongLong:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::ULongLong:
            out.append(value.toString().toLatin1());
            return;
        case QMetaType::Double:
        case QMetaType::Float: {
            const double number = value.toDouble();
            // SQLite stores no NaN or infinity in a REAL column; guard anyway, as JSON has none.
            if (qIsFinite(number))
                out.append(QByteArray::number(number, 'g', QLocale::FloatingPointShortest));
            else
                out.append("null");
            return;
        }
        case QMetaType::Bool:
            out.append(value.toBool() ? "true" : "false");
            return;
        default:
            appendJsonString(out, TableExport::valueText(value));
        }
    }

} // namespace

QString TableExport::valueText(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return {};
    switch (value.typeId()) {
    case QMetaType::QByteArray:
        return QString::fromLatin1(value.toByteArray().toHex());
    case QMetaType::Double:
    case QMetaType::Float:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    default:
        return value.toString();
    }
}

QByteArray TableExport::csvField(const QVariant &value)
{
    QString text = valueText(value);
    if (!isNumber(value) && startsLikeFormula(text))
        text.prepend(u'\'');
    text.replace(u'"', u"\"\""_s);
    return '"' + text.toUtf8() + '"';
}

QByteArray TableExport::csvRecord(const QVariantList &values)
{
    QByteArray record;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            record.append(',');
        record.append(csvField(values.at(i)));
    }
    record.append("\r\n");
    return record;
}

QByteArray TableExport::ndjsonLine(const QStringList &columns, const QVariantList &values)
{
    QByteArray line;
    line.append('{');
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (i > 0)
            line.append(',');
        appendJsonString(line, columns.at(i));
        line.append(':');
        appendJsonValue(line, i < values.size() ? values.at(i) : QVariant());
    }
    line.append("}\n");
    return line;
}

bool TableExport::write(QIODevice *device, ExportFormat format, const QStringList &columns,
    const QList<QVariantList> &rows, QString *error)
{
    auto put = [&](const QByteArray &bytes) {
        if (device->write(bytes) == bytes.size())
            return true;
        if (error)
            *error = Tr::tr("Writing the export failed: %1").arg(device->errorString());
        return false;
    };
    if (format == ExportFormat::Csv) {
        QVariantList header;
        header.reserve(columns.size());
        for (const QString &column : columns)
            header.append(column);
        if (!put(csvRecord(header)))
            return false;
        for (const QVariantList &row : rows) {
            if (!put(csvRecord(row)))
                return false;
        }
        return true;
    }
    for (const QVariantList &row : rows) {
        if (!put(ndjsonLine(columns, row)))
            return false;
    }
    return true;
}

bool TableExport::writeFile(const QString &filePath, ExportFormat format,
    const QStringList &columns, const QList<QVariantList> &rows, QString *error)
{
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = Tr::tr("Cannot write %1: %2").arg(filePath, file.errorString());
        return false;
    }
    if (!write(&file, format, columns, rows, error)) {
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = Tr::tr("Cannot write %1: %2").arg(filePath, file.errorString());
        return false;
    }
    return true;
}

} // namespace msc
