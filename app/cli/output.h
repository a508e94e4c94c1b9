#pragma once

#include <QJsonObject>
#include <QString>

namespace msc::cli {

/// Where a headless command writes: human text or one JSON document on stdout, problems on
/// stderr (always human text, so scripts can show them).
class Output
{
public:
    explicit Output(bool json)
        : m_json(json)
    {
    }

    bool json() const { return m_json; }
    void text(const QString &line) const;
    void document(const QJsonObject &object) const;
    void error(const QString &message) const;

private:
    bool m_json;
};

} // namespace msc::cli
