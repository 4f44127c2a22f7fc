// CLinux: the Linux-only headers Swift's Glibc module leaves out (epoll, eventfd, prctl), for PosternHTTP's event loop
// and the names of the server's threads.
#ifndef POSTERN_CLINUX_SHIM_H
#define POSTERN_CLINUX_SHIM_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>

// Names the calling thread for the kernel (top -H, ps -L, perf); the kernel keeps the first 15 bytes. prctl(2) is
// variadic, which Swift cannot call.
static inline int postern_name_this_thread(const char *name) {
    return prctl(PR_SET_NAME, (unsigned long)name, 0UL, 0UL, 0UL);
}
#endif
