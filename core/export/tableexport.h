#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

class QIODevice;

namespace msc {

enum class ExportFormat { Csv, Ndjson };

/// Writers for rows the Data page (or the CLI) exports. They take the plain values a
/// TablePage holds (qint64, double, QString, QByteArray for BLOBs, null QVariant for NULL)
/// and stream to a device they do not own. No Qt GUI types: usable on any worker thread.
namespace TableExport {

    /// The text of one value as exported: NULL is empty, a BLOB is lower-case hex, a number is
    /// its shortest exact form, a string is itself.
    QString valueText(const QVariant &value);

    /// One CSV field per RFC 4180: always double-quoted, inner quotes doubled. A cell that
    /// starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` so that a
    /// spreadsheet shows it as text instead of running it as a formula (security.md rule 3).
    /// Values stored as numbers (qint64, double) are exempt: their text is only digits, a
    /// sign, a point and an exponent, which no spreadsheet runs, and a negative number should
    /// stay a number.
    QByteArray csvField(const QVariant &value);

    /// One CSV record: the fields joined by commas, ending in CRLF.
    QByteArray csvRecord(const QVariantList &values);

    /// One NDJSON line: a JSON object of column → value in column order, ending in LF. Values
    /// as stored: numbers as JSON numbers, text as JSON strings (`_raw` included, unparsed),
    /// NULL as null, a BLOB as a string of lower-case hex.
    QByteArray ndjsonLine(const QStringList &columns, const QVariantList &values);

    /// Writes \a columns as a header record and then \a rows to \a device, in \a format (NDJSON
    /// has no header). Returns false and sets \a error if the device fails.
    bool write(QIODevice *device, ExportFormat format, const QStringList &columns,
        const QList<QVariantList> &rows, QString *error);

    /// Writes the file atomically (QSaveFile): either the whole export or, on failure, nothing
    /// replaces \a filePath. The caller chose the path (a save dialog or the CLI).
    bool writeFile(const QString &filePath, ExportFormat format, const QStringList &columns,
        const QList<QVariantList> &rows, QString *error);

} // namespace TableExport

} // namespace msc
