#include "util/filemodes.h"

#include <QFile>

#include <sys/stat.h>

namespace msc {

void restrictFileCreationMask()
{
    ::umask(S_IRWXG | S_IRWXO);
}

int permissionBits(const QString &path)
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 0777);
}

} // namespace msc
