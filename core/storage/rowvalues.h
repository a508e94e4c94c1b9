#pragma once

#include <QByteArrayView>
#include <QStringView>
#include <QVariant>
#include <QtGlobal>

#include <string>
#include <string_view>
#include <vector>

namespace msc {

/// The column values of one cache row, in one text buffer and one cell array.
///
/// The ingest path writes about 60 values per row at 100,000 rows a second: a QVariant per
/// value (a heap allocation per string, a type switch per bind) cost more than the insert
/// itself. Text is kept as UTF-8, ready for sqlite3_bind_text() without conversion.
class RowValues
{
public:
    enum class Kind : quint8 { Null, Integer, Real, Text, Blob };

    struct Cell
    {
        Kind kind = Kind::Null;
        quint32 size = 0; ///< Bytes of text or blob.
        union {
            qint64 integer;
            double real;
            quint64 offset; ///< Of the text or blob in the row's buffer.
        };
        Cell()
            : integer(0)
        {
        }
    };

    RowValues() = default;

    qsizetype size() const { return qsizetype(m_cells.size()); }
    bool isEmpty() const { return m_cells.empty(); }
    /// \a columns cells, all NULL; the text buffer is kept for reuse.
    void resize(qsizetype columns);
    void reserveText(qsizetype bytes) { m_text.reserve(size_t(bytes)); }

    void setNull(qsizetype column) { m_cells[size_t(column)] = Cell(); }
    void setInteger(qsizetype column, qint64 value);
    void setReal(qsizetype column, double value);
    /// UTF-8 text; the bytes are copied.
    void setText(qsizetype column, std::string_view utf8);
    void setText(qsizetype column, QStringView text);
    void setBlob(qsizetype column, QByteArrayView bytes);
    /// By the variant's runtime type: for tests and for rows that are not on the hot path.
    void set(qsizetype column, const QVariant &value);
    /// A new last column set to \a value.
    void append(const QVariant &value);

    const Cell &cell(qsizetype column) const { return m_cells[size_t(column)]; }
    Kind kind(qsizetype column) const { return cell(column).kind; }
    bool isNull(qsizetype column) const { return cell(column).kind == Kind::Null; }
    /// The bytes of a Text or Blob cell (empty otherwise).
    std::string_view bytes(qsizetype column) const;
    /// The value as a QVariant: QString for text, QByteArray for blobs, qlonglong, double.
    QVariant at(qsizetype column) const;

    /// Asks the CPU to load the row's buffers into its cache. The writer calls it for the
    /// next row while SQLite inserts this one: the rows were written on other cores.
    void prefetch() const
    {
        prefetchBytes(m_cells.data(), m_cells.size() * sizeof(Cell));
        prefetchBytes(m_text.data(), m_text.size());
    }
    static void prefetchBytes(const void *data, size_t size)
    {
        const char *bytes = static_cast<const char *>(data);
        for (size_t offset = 0; offset < size; offset += 64)
            __builtin_prefetch(bytes + offset);
    }

private:
    quint64 store(std::string_view bytes);

    std::vector<Cell> m_cells;
    std::string m_text;
};

} // namespace msc
