/* Minimal unit-test support: each test program counts checks and ends with the summary
 * line "N passed, N failed" that tests/run.sh adds up. */
#ifndef ARBOR_TESTS_CHECK_H
#define ARBOR_TESTS_CHECK_H

#include <inttypes.h>
#include <stdio.h>

static unsigned check_passed, check_failed;

#define CHECK(cond)                                                                           \
    do {                                                                                      \
        if (cond) {                                                                           \
            check_passed++;                                                                   \
        } else {                                                                              \
            check_failed++;                                                                   \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);         \
        }                                                                                     \
    } while (0)

#define CHECK_EQ(a, b)                                                                        \
    do {                                                                                      \
        uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                                      \
        if (a_ == b_) {                                                                       \
            check_passed++;                                                                   \
        } else {                                                                              \
            check_failed++;                                                                   \
            fprintf(stderr, "%s:%d: %s == %s failed: 0x%" PRIx64 " != 0x%" PRIx64 "\n",      \
                    __FILE__, __LINE__, #a, #b, a_, b_);                                      \
        }                                                                                     \
    } while (0)

/* Print the summary and return the exit status for main(). */
static inline int check_summary(const char *name)
{
    printf("%s: %u passed, %u failed\n", name, check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
