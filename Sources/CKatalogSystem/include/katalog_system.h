#ifndef KATALOG_SYSTEM_H
#define KATALOG_SYSTEM_H

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set when the system or file system cannot do it.
int katalog_exchange(const char *first, const char *second);

#endif
