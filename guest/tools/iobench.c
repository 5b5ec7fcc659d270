/* iobench: the disk benchmark bench/disk.py runs in the guest (busybox has no fio).
 *
 *   iobench DEVICE seqwrite|seqread MIB       sequential, 1 MiB requests
 *   iobench DEVICE randwrite|randread SECONDS 4 KiB requests at random aligned offsets
 *
 * O_DIRECT keeps the guest's page cache out of it: every request reaches the device. Prints
 * one line "iobench MODE mb_s=X iops=Y". */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define BLKGETSIZE64 _IOR(0x12, 114, size_t)
#define BIG (1u << 20)
#define SMALL 4096u

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static int sequential(int fd, uint8_t *buf, int write_it, unsigned mib, uint64_t dev_size)
{
    if ((uint64_t)mib * BIG > dev_size) {
        fprintf(stderr, "iobench: the device is smaller than %u MiB\n", mib);
        return 1;
    }
    double t0 = now();
    for (unsigned i = 0; i < mib; i++) {
        ssize_t n = write_it ? pwrite(fd, buf, BIG, (off_t)i * BIG) : pread(fd, buf, BIG, (off_t)i * BIG);
        if (n != (ssize_t)BIG) {
            perror("iobench: sequential I/O");
            return 1;
        }
    }
    if (write_it && fdatasync(fd)) {
        perror("iobench: fdatasync");
        return 1;
    }
    double s = now() - t0;
    printf("iobench %s mb_s=%.1f iops=%.0f\n", write_it ? "seqwrite" : "seqread",
           mib / s * 1.048576, mib / s);
    return 0;
}

static int random_io(int fd, uint8_t *buf, int write_it, unsigned seconds, uint64_t dev_size)
{
    uint64_t blocks = dev_size / SMALL, seed = 0x9e3779b97f4a7c15ull, ops = 0;
    double t0 = now(), end = t0 + seconds;
    while (now() < end) {
        for (int k = 0; k < 64; k++, ops++) {
            off_t off = (off_t)(next_random(&seed) % blocks) * SMALL;
            ssize_t n = write_it ? pwrite(fd, buf, SMALL, off) : pread(fd, buf, SMALL, off);
            if (n != (ssize_t)SMALL) {
                perror("iobench: random I/O");
                return 1;
            }
        }
    }
    double s = now() - t0;
    printf("iobench %s mb_s=%.1f iops=%.0f\n", write_it ? "randwrite" : "randread",
           ops * SMALL / s / 1e6, ops / s);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: iobench DEVICE seqwrite|seqread MIB | randwrite|randread SECONDS\n");
        return 2;
    }
    const char *mode = argv[2];
    int write_it = strstr(mode, "write") != NULL;
    int fd = open(argv[1], (write_it ? O_RDWR : O_RDONLY) | O_DIRECT);
    uint64_t size = 0;
    uint8_t *buf = NULL;
    if (fd < 0 || ioctl(fd, BLKGETSIZE64, &size) || posix_memalign((void **)&buf, 4096, BIG)) {
        perror("iobench: open");
        return 1;
    }
    for (unsigned i = 0; i < BIG; i++)
        buf[i] = (uint8_t)(i * 31 + 7);
    unsigned n = (unsigned)strtoul(argv[3], NULL, 10);
    if (!strcmp(mode, "seqwrite") || !strcmp(mode, "seqread"))
        return sequential(fd, buf, write_it, n, size);
    if (!strcmp(mode, "randwrite") || !strcmp(mode, "randread"))
        return random_io(fd, buf, write_it, n, size);
    fprintf(stderr, "iobench: unknown mode '%s'\n", mode);
    return 2;
}
