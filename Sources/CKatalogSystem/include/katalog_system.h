#ifndef KATALOG_SYSTEM_H
#define KATALOG_SYSTEM_H

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set when the system or file system cannot do it.
int katalog_exchange(const char *first, const char *second);

/// File-change notification (Linux inotify). `katalog_watch_open` returns a descriptor or -1;
/// `katalog_watch_add` watches one folder (not its subfolders) for files written, created, deleted
/// and moved, returning 0 or -1; `katalog_watch_wait` waits up to `timeout_ms` for events and drains
/// them, returning 1 (something changed), 0 (timeout) or -1 (error).
int katalog_watch_open(void);
int katalog_watch_add(int fd, const char *folder);
int katalog_watch_wait(int fd, int timeout_ms);
void katalog_watch_close(int fd);

#endif
