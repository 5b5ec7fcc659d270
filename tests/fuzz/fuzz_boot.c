/* libFuzzer harness for the kernel Image / firmware checks and the boot placement: the
 * fuzzer's bytes are the kernel file; loading must either succeed or fail with a message. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "board/board.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/arbor-fuzz-kernel-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size)
        abort();
    close(fd);
    static struct board b;
    struct board_config cfg = {.mem_size = 64ull << 20, .n_harts = 1, .kernel = path,
                               .append = "console=ttyS0"};
    int saved = dup(2), devnull = open("/dev/null", 1);
    dup2(devnull, 2); /* the one-line errors are expected */
    board_create(&b, &cfg);
    dup2(saved, 2);
    close(saved);
    close(devnull);
    board_destroy(&b);
    unlink(path);
    return 0;
}
