#pragma once

#include <QString>

namespace msc::test {

/// Where tests write artifacts (screenshots, logs) that CI keeps: $MSC_TEST_ARTIFACTS_DIR,
/// created if needed.
QString artifactsDirectory();

/// Path of the built mimecast-console binary ($MSC_CONSOLE_BINARY).
QString consoleBinary();

} // namespace msc::test
