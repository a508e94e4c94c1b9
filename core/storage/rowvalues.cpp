#include "storage/rowvalues.h"

#include <QByteArray>
#include <QString>

namespace msc {

void RowValues::resize(qsizetype columns)
{
    m_cells.assign(size_t(columns), Cell());
    m_text.clear();
}

void RowValues::setInteger(qsizetype column, qint64 value)
{
    Cell &cell = m_cells[size_t(column)];
    cell.kind = Kind::Integer;
    cell.size = 0;
    cell.integer = value;
}

void RowValues::setReal(qsizetype column, double value)
{
    Cell &cell = m_cells[size_t(column)];
    cell.kind = Kind::Real;
    cell.size = 0;
    cell.real = value;
}

quint64 RowValues::store(std::string_view bytes)
{
    const quint64 offset = m_text.size();
    m_text.append(bytes);
    return offset;
}

void RowValues::setText(qsizetype column, std::string_view utf8)
{
    Cell cell;
    cell.kind = Kind::Text;
    cell.size = quint32(utf8.size());
    cell.offset = store(utf8);
    m_cells[size_t(column)] = cell;
}

void RowValues::setText(qsizetype column, QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    setText(column, std::string_view(utf8.constData(), size_t(utf8.size())));
}

void RowValues::setBlob(qsizetype column, QByteArrayView bytes)
{
    Cell cell;
    cell.kind = Kind::Blob;
    cell.size = quint32(bytes.size());
    cell.offset = store(std::string_view(bytes.data(), size_t(bytes.size())));
    m_cells[size_t(column)] = cell;
}

void RowValues::set(qsizetype column, const QVariant &value)
{
    if (value.isNull()) {
        setNull(column);
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float:
        setReal(column, value.toDouble());
        return;
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        setInteger(column, value.toLongLong());
        return;
    case QMetaType::QByteArray:
        setBlob(column, value.toByteArray());
        return;
    default:
        setText(column, value.toString());
        return;
    }
}

void RowValues::append(const QVariant &value)
{
    m_cells.emplace_back();
    set(size() - 1, value);
}

std::string_view RowValues::bytes(qsizetype column) const
{
    const Cell &c = cell(column);
    if (c.kind != Kind::Text && c.kind != Kind::Blob)
        return {};
    return std::string_view(m_text.data() + c.offset, c.size);
}

QVariant RowValues::at(qsizetype column) const
{
    const Cell &c = cell(column);
    switch (c.kind) {
    case Kind::Null:
        return {};
    case Kind::Integer:
        return qlonglong(c.integer);
    case Kind::Real:
        return c.real;
    case Kind::Text: {
        const std::string_view text = bytes(column);
        return QString::fromUtf8(text.data(), qsizetype(text.size()));
    }
    case Kind::Blob: {
        const std::string_view blob = bytes(column);
        return QByteArray(blob.data(), qsizetype(blob.size()));
    }
    }
    return {};
}

} // namespace msc
