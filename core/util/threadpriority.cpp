#include "util/threadpriority.h"

#include "util/logging.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace msc {

int threadNiceness()
{
#ifdef Q_OS_LINUX
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)));
    return errno == 0 ? current : 0;
#else
    return 0;
#endif
}

int lowerThreadPriorityTo(int niceness)
{
#ifdef Q_OS_LINUX
    const int current = threadNiceness();
    if (current >= niceness)
        return current;
    if (::setpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)), niceness) != 0) {
        qCDebug(lcSync) << "could not lower a thread's priority:" << errno;
        return current;
    }
    return niceness;
#else
    Q_UNUSED(niceness);
    return 0;
#endif
}

} // namespace msc
