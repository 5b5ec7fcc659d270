/* libFuzzer harness for a machine's state as sections: snap_sections_check, then the loaders
 * of the configuration, the clock, every hart and every device (board_load_state). A load is
 * refused with a reason and changes nothing, or is accepted and its state saves and loads
 * again unchanged; the host never crashes, leaks or hangs (fuzz_common.h checks).
 *
 * Input: one mode byte, then bytes.
 *   mode & 1: the bytes are edits (fuzz_common.h) of the machine's own saved state; else they
 *             are the sections themselves.
 *   mode & 2: leave checksums and padding as they are; else every section that fits gets its
 *             right checksum and zero padding first, so the loaders see the values. */
#include "fuzz_common.h"

#include "rv/hart_state.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_board_init();
    if (!fuzz_seeds_begin(argc, argv))
        return 0;
    const struct snap_writer *p = &fuzz_pristine;
    fuzz_seed2(0, p->buf, p->len);     /* the state itself, resealed */
    fuzz_seed2(2, p->buf, p->len);     /* the state itself, as it is */
    fuzz_seed2(1, NULL, 0);            /* the state as a template, no edits */
    /* small edits of the template: a hart's privilege, a PLIC priority, the UART's IER */
    const uint8_t edits[][8] = {
        {1 | 0 << 2, 0x58, 0x02, 0x00, 0x02},  /* overwrite one byte */
        {0 | 3 << 2, 0x00, 0x01, 0x00, 0xff, 0xff, 0xff, 0xff},
        {3 | 12 << 2, 0x40, 0x00, 0x00},       /* a boundary u64 */
        {2, 0x00, 0x04, 0x00},                 /* cut to 1024 bytes */
    };
    for (size_t i = 0; i < ARRAY_SIZE(edits); i++)
        fuzz_seed2(1, edits[i], sizeof(edits[i]));
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_board_init();
    fuzz_stat[STAT_INPUTS]++;
    if (size == 0)
        return 0;
    uint8_t mode = data[0];
    data++;
    size--;
    size_t cap = fuzz_pristine.len + 4096, len;
    uint8_t *blob = malloc(cap > size ? cap : size);
    if (!blob)
        abort();
    if (mode & 1) {
        len = fuzz_pristine.len;
        memcpy(blob, fuzz_pristine.buf, len);
        fuzz_apply_edits(blob, &len, cap, data, size);
    } else {
        len = size;
        memcpy(blob, data, size);
    }
    if (!(mode & 2))
        fuzz_reseal(blob, len);
    /* a section read by tag from a checked blob */
    if (!snap_sections_check(blob, len)) {
        fuzz_stat[STAT_CHECKED]++;
        fuzz_config(blob, len);
        struct snap_reader r;
        if (snap_find(blob, len, HART_SNAP_TAG, 0, &r) && (r.len > len || r.p < blob ||
                                                           r.p + r.len > blob + len))
            fuzz_fail("snap_find gave a section outside the blob", NULL);
    }
    fuzz_board_load(blob, len);
    free(blob);
    return 0;
}
