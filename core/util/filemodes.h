#pragma once

#include <QString>

namespace msc {

/// Makes every file and directory this process creates private to the user (umask 077).
/// Called first thing in main() and in test mains, so files are created 0600 and
/// directories 0700 rather than fixed up afterwards (security.md rule 5).
void restrictFileCreationMask();

/// Permission bits (st_mode & 0777) of \a path, or -1 if it cannot be read.
int permissionBits(const QString &path);

} // namespace msc
