#include "testenvironment.h"

#include <QDir>

using namespace Qt::Literals::StringLiterals;

namespace msc::test {

QString artifactsDirectory()
{
    QString directory = qEnvironmentVariable("MSC_TEST_ARTIFACTS_DIR");
    if (directory.isEmpty())
        directory = QDir::tempPath() + u"/msc-test-artifacts"_s;
    QDir().mkpath(directory);
    return directory;
}

QString consoleBinary()
{
    return qEnvironmentVariable("MSC_CONSOLE_BINARY");
}

} // namespace msc::test
