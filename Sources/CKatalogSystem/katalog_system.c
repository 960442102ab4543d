#define _GNU_SOURCE
#include "katalog_system.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <poll.h>
#if defined(__linux__)
#include <sys/syscall.h>
#include <sys/inotify.h>
#include <linux/fs.h>
#endif

int katalog_exchange(const char *first, const char *second) {
#if defined(__linux__) && defined(SYS_renameat2) && defined(RENAME_EXCHANGE)
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#if defined(__linux__)
int katalog_watch_open(void) {
    return inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
}

int katalog_watch_add(int fd, const char *folder) {
    uint32_t mask = IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
    return inotify_add_watch(fd, folder, mask) < 0 ? -1 : 0;
}

int katalog_watch_wait(int fd, int timeout_ms) {
    struct pollfd entry = { .fd = fd, .events = POLLIN, .revents = 0 };
    int ready = poll(&entry, 1, timeout_ms);
    if (ready <= 0) return ready < 0 && errno != EINTR ? -1 : 0;
    char buffer[16384];
    int changed = 0;
    for (;;) {
        ssize_t length = read(fd, buffer, sizeof buffer);
        if (length > 0) { changed = 1; continue; }
        if (length < 0 && errno == EINTR) continue;
        break;
    }
    return changed;
}

void katalog_watch_close(int fd) {
    close(fd);
}
#else
int katalog_watch_open(void) { errno = ENOSYS; return -1; }
int katalog_watch_add(int fd, const char *folder) { (void)fd; (void)folder; errno = ENOSYS; return -1; }
int katalog_watch_wait(int fd, int timeout_ms) { (void)fd; (void)timeout_ms; errno = ENOSYS; return -1; }
void katalog_watch_close(int fd) { (void)fd; }
#endif
