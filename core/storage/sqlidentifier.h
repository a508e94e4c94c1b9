#pragma once

#include <QString>

namespace msc {

/// The one way an identifier (table or column name) gets into SQL text: double-quoted, with
/// embedded quotes doubled. Identifiers only ever come from the schema definition or code
/// constants, never from event data or user input (security.md rule 4).
QString quoteIdentifier(const QString &identifier);

} // namespace msc
