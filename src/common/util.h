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
/* Drop every hook (a forked child that must not undo its parent's settings). */
void util_clear_exit_hooks(void);

static inline uint64_t sext(uint64_t v, unsigned bits)
{
    unsigned s = 64 - bits;
    return (uint64_t)((int64_t)(v << s) >> s);
}

/* Little-endian access of 1, 2, 4 or 8 bytes (host and RISC-V are both little-endian).
 * Each size gets a fixed-size memcpy, which compiles to one move instead of a call. */
static inline uint64_t load_le(const void *p, unsigned size)
{
    uint8_t b;
    uint16_t h;
    uint32_t w;
    uint64_t d;
    switch (size) {
    case 1: memcpy(&b, p, 1); return b;
    case 2: memcpy(&h, p, 2); return h;
    case 4: memcpy(&w, p, 4); return w;
    default: memcpy(&d, p, 8); return d;
    }
}

static inline void store_le(void *p, uint64_t v, unsigned size)
{
    uint8_t b = (uint8_t)v;
    uint16_t h = (uint16_t)v;
    uint32_t w = (uint32_t)v;
    switch (size) {
    case 1: memcpy(p, &b, 1); break;
    case 2: memcpy(p, &h, 2); break;
    case 4: memcpy(p, &w, 4); break;
    default: memcpy(p, &v, 8); break;
    }
}

/* Host monotonic clock in nanoseconds. */
uint64_t host_now_ns(void);

/* Parse "256M", "2G", "1024K", "4096" into bytes; false on garbage or overflow. */
bool parse_size(const char *s, uint64_t *out);

/* Read a whole file; returns malloc'd buffer or NULL (errno set). */
void *read_file(const char *path, size_t *len);

#endif
