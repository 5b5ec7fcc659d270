/* Small helpers shared by every layer: branch hints, error reporting, byte access. */
#ifndef ARBOR_COMMON_UTIL_H
#define ARBOR_COMMON_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Print "arbor: <message>" on stderr. Messages are one line and name what is wrong. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called before the process exits on any path, so the host terminal is restored. */
typedef void (*exit_hook_fn)(void);
void util_add_exit_hook(exit_hook_fn fn);
void util_run_exit_hooks(void);

static inline uint64_t sext(uint64_t v, unsigned bits)
{
    unsigned s = 64 - bits;
    return (uint64_t)((int64_t)(v << s) >> s);
}

static inline uint64_t load_le(const void *p, unsigned size)
{
    uint64_t v = 0;
    memcpy(&v, p, size); /* host is little-endian (x86_64), as is RISC-V */
    return v;
}

static inline void store_le(void *p, uint64_t v, unsigned size)
{
    memcpy(p, &v, size);
}

/* Host monotonic clock in nanoseconds. */
uint64_t host_now_ns(void);

/* Parse "256M", "2G", "1024K", "4096" into bytes; false on garbage or overflow. */
bool parse_size(const char *s, uint64_t *out);

/* Read a whole file; returns malloc'd buffer or NULL (errno set). */
void *read_file(const char *path, size_t *len);

#endif
