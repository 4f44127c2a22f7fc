// CLinux: the Linux-only headers Swift's Glibc module leaves out (epoll, eventfd), for PosternHTTP's event loop.
#ifndef POSTERN_CLINUX_SHIM_H
#define POSTERN_CLINUX_SHIM_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
