/* Test double for src/board: just enough of struct board for the devices of src/dev. */
#include "stub_board.h"

#include <libfdt.h>
#include <stdlib.h>

uint64_t stub_mtime;
uint64_t stub_wall_ns;
bool stub_irq[96];
unsigned stub_irq_calls;

void board_set_irq(struct board *b, unsigned irq, bool level)
{
    (void)b;
    stub_irq_calls++;
    if (irq < ARRAY_SIZE(stub_irq))
        stub_irq[irq] = level;
}

uint64_t board_mtime(const struct board *b)
{
    (void)b;
    return stub_mtime;
}

uint64_t board_wall_ns(const struct board *b)
{
    (void)b;
    return stub_wall_ns;
}

void board_request_exit(struct board *b, enum board_exit kind, int code)
{
    b->exit_kind = kind;
    b->exit_code = code;
}

void board_kick(struct board *b)
{
    (void)b;
}

uint32_t board_alloc_phandle(struct board *b)
{
    return b->next_phandle++;
}

int stub_board_init(struct board *b, unsigned n_harts)
{
    memset(b, 0, sizeof(*b));
    b->wake_fd = -1;
    stub_mtime = stub_wall_ns = 0;
    stub_irq_calls = 0;
    memset(stub_irq, 0, sizeof(stub_irq));
    if (bus_init(&b->bus, VIRT_DRAM_BASE, 1 << 20) < 0)
        return -1;
    b->n_harts = n_harts;
    for (unsigned h = 0; h < n_harts; h++) {
        b->harts[h] = calloc(1, sizeof(struct rv_hart));
        if (!b->harts[h])
            return -1;
        b->intc_phandle[h] = 1 + h;
    }
    b->plic_phandle = 20;
    b->syscon_phandle = 21;
    b->next_phandle = 22;
    b->exit_kind = EXIT_NONE;
    b->console_in = b->console_out = -1;
    return 0;
}

void stub_board_free(struct board *b)
{
    for (unsigned i = 0; i < b->n_devices; i++)
        b->devices[i].ops->destroy(b->devices[i].dev);
    for (unsigned h = 0; h < b->n_harts; h++)
        free(b->harts[h]);
    bus_destroy(&b->bus);
}

const struct device *stub_board_device(const struct board *b, const char *name)
{
    for (unsigned i = 0; i < b->n_devices; i++)
        if (strcmp(b->devices[i].ops->name, name) == 0)
            return &b->devices[i];
    return NULL;
}

int stub_board_fdt(struct board *b, void *buf, int size, void (*root_fn)(struct board *, void *))
{
    int err = fdt_create(buf, size);
    err |= fdt_finish_reservemap(buf);
    err |= fdt_begin_node(buf, "");
    err |= fdt_property_u32(buf, "#address-cells", 2);
    err |= fdt_property_u32(buf, "#size-cells", 2);
    if (root_fn)
        root_fn(b, buf);
    err |= fdt_begin_node(buf, "soc");
    err |= fdt_property_u32(buf, "#address-cells", 2);
    err |= fdt_property_u32(buf, "#size-cells", 2);
    for (unsigned i = 0; i < b->n_devices; i++)
        b->devices[i].ops->fdt_node(b->devices[i].dev, b, buf);
    err |= fdt_end_node(buf);
    err |= fdt_end_node(buf);
    err |= fdt_finish(buf);
    return err ? err : fdt_check_header(buf);
}

size_t stub_snap_save(const struct device *d, uint8_t *buf, size_t cap)
{
    struct snap_writer w;
    struct snap_reader r;
    size_t len = 0;
    snap_w_init(&w);
    snap_w_begin(&w, d->ops->snap_tag, d->ops->snap_version, 0);
    d->ops->save(d->dev, &w);
    snap_w_end(&w);
    if (!w.failed && !snap_sections_check(w.buf, w.len) &&
        snap_find(w.buf, w.len, d->ops->snap_tag, 0, &r) && r.len <= cap) {
        memcpy(buf, r.p, r.len);
        len = r.len;
    }
    snap_w_free(&w);
    return len;
}

bool stub_snap_load(const struct device *d, const uint8_t *payload, size_t len, const char **why)
{
    struct snap_reader r = {payload, len, 0, d->ops->snap_tag, d->ops->snap_version, 0, NULL};
    bool ok = d->ops->load(d->dev, &r);
    *why = r.bad;
    return ok;
}

bool stub_snap_refuses(const struct device *d, const uint8_t *image, size_t image_len,
                       size_t len, size_t patch_at, uint64_t patch, unsigned patch_size)
{
    uint8_t *bad = calloc(1, image_len + 8);
    if (!bad || len > image_len + 8 || patch_at + patch_size > image_len + 8) {
        free(bad);
        return false;
    }
    memcpy(bad, image, image_len);
    if (patch_size)
        store_le(bad + patch_at, patch, patch_size);
    const char *why = NULL;
    bool refused = !stub_snap_load(d, bad, len, &why) && why != NULL;
    free(bad);
    return refused;
}
