/* `arbor inspect FILE | NAME/SNAP`: a saved or snapshotted VM read offline. The snapshot is
 * checked like `restore` checks it and built into a machine that never runs; what it shows
 * (configuration, registers, physical or virtual memory) is read from that machine. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "board/from_snapshot.h"
#include "cli/cli.h"
#include "monitor/monitor.h"
#include "rv/hart_state.h"
#include "rv/mmu.h"
#include "cli/snapshot_arg.h"
#include "snap/tree.h"

#define INSPECT_MAX_LEN (1ull << 20) /* most bytes one --mem or --vmem shows */

void cmd_inspect_usage(void)
{
    printf("usage: arbor inspect FILE|NAME/SNAP [--regs] [--hart N] [--mem ADDR LEN]\n"
           "                     [--vmem ADDR LEN] [--json]\n"
           "Read a saved or snapshotted VM offline; no domain needs to be running. FILE is a\n"
           "snapshot file (RUNDIR/NAME.snapshots/SNAP.snap, or one written by 'arbor save').\n"
           "NAME/SNAP, when no such file exists, is snapshot SNAP of domain NAME, i.e.\n"
           "$ARBOR_RUNDIR/NAME.snapshots/SNAP.snap ($ARBOR_RUNDIR defaults to /run/arbor).\n"
           "The file is checked completely first, and for a delta snapshot also the snapshots\n"
           "it builds on (its parents, found by id in the same directory); a truncated,\n"
           "corrupted or foreign file is refused with the reason. Nothing is written to it.\n"
           "\n"
           "Always shown: file, snapshot name, domain, kind (full, or delta: only the pages\n"
           "changed since its parent), parent, creation time, memory size, harts, whether the\n"
           "run was deterministic, and the number of memory pages the file stores.\n"
           "\n"
           "  --regs           each hart's pc, privilege (U, S or M), x0-x31 with their ABI\n"
           "                   names, f0-f31, and every other field of the hart's saved state\n"
           "                   (CSRs, pmpcfg/pmpaddr, SBI timer...), all in hex. The default\n"
           "                   when neither --mem nor --vmem is given\n"
           "  --hart N         only hart N for --regs; the hart whose page tables --vmem uses\n"
           "                   (default 0)\n"
           "  --mem ADDR LEN   hexdump (like xxd) of guest-physical memory [ADDR, ADDR+LEN),\n"
           "                   which must all be RAM\n"
           "  --vmem ADDR LEN  hexdump of guest-virtual memory, translated page by page through\n"
           "                   the hart's saved page tables as its loads would be: its satp\n"
           "                   mode (Sv39/Sv48, or bare in M-mode) and privilege, with\n"
           "                   mstatus.MPRV/SUM/MXR. The mode used is printed first; a page that\n"
           "                   does not translate shows as 'ADDR: not mapped (page fault)' and\n"
           "                   the dump goes on\n"
           "  --json           one JSON object with the same content: 64-bit values as \"0x...\"\n"
           "                   strings, x and f registers as lists of {name, abi, value},\n"
           "                   memory as hex strings (per page for --vmem)\n"
           "ADDR is decimal or 0x hex; LEN is decimal, 0x hex, or with a K or M suffix, from 1\n"
           "byte to 1M.\n"
           "Exit status: 0, or 1 with one line on stderr that says what is wrong.\n");
}

struct range {
    bool set;
    uint64_t addr, len;
};

struct inspect {
    const char *arg; /* FILE or NAME/SNAP as given */
    bool json, regs;
    int hart;        /* -1: every hart */
    struct range mem, vmem;
    struct snapshot_arg snap;
    struct board b;
};

/* --- arguments --- */

/* Decimal or 0x hex, all of it; no sign, no spaces. */
static bool parse_number(const char *s, uint64_t *out)
{
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    if (!(base == 16 ? isxdigit((unsigned char)*s) : isdigit((unsigned char)*s)))
        return false;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, base);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

static bool parse_length(const char *s, uint64_t *out)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        return parse_number(s, out);
    return parse_size(s, out);
}

static int parse_range(const char *opt, char **argv, int argc, int *i, struct range *r)
{
    if (r->set) {
        log_error("option '%s' is given twice", opt);
        return -1;
    }
    if (*i + 2 >= argc) {
        log_error("option '%s' needs ADDR and LEN", opt);
        return -1;
    }
    const char *a = argv[++*i], *l = argv[++*i];
    if (!parse_number(a, &r->addr)) {
        log_error("%s: '%s' is not an address (use decimal or 0x hex)", opt, a);
        return -1;
    }
    if (!parse_length(l, &r->len)) {
        log_error("%s: '%s' is not a length (use decimal, 0x hex, or a K/M suffix)", opt, l);
        return -1;
    }
    if (r->len == 0 || r->len > INSPECT_MAX_LEN) {
        log_error("%s: length %s is out of range: 1 byte to 1M", opt, l);
        return -1;
    }
    if (r->len - 1 > UINT64_MAX - r->addr) {
        log_error("%s: %s + %s goes past the end of the address space", opt, a, l);
        return -1;
    }
    r->set = true;
    return 0;
}

static int parse_args(struct inspect *in, int argc, char **argv)
{
    bool hart_set = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--json")) {
            in->json = true;
        } else if (!strcmp(a, "--regs")) {
            in->regs = true;
        } else if (!strcmp(a, "--hart")) {
            uint64_t n;
            if (hart_set) {
                log_error("option '--hart' is given twice");
                return -1;
            }
            if (i + 1 >= argc) {
                log_error("option '--hart' needs a value");
                return -1;
            }
            if (!parse_number(argv[++i], &n) || n >= BOARD_MAX_HARTS) {
                log_error("--hart '%s' must be a number from 0 to %d", argv[i], BOARD_MAX_HARTS - 1);
                return -1;
            }
            in->hart = (int)n;
            hart_set = true;
        } else if (!strcmp(a, "--mem")) {
            if (parse_range("--mem", argv, argc, &i, &in->mem))
                return -1;
        } else if (!strcmp(a, "--vmem")) {
            if (parse_range("--vmem", argv, argc, &i, &in->vmem))
                return -1;
        } else if (a[0] == '-' && a[1]) {
            log_error("unknown option '%s' (try 'arbor inspect --help')", a);
            return -1;
        } else if (in->arg) {
            log_error("unexpected argument '%s' (try 'arbor inspect --help')", a);
            return -1;
        } else {
            in->arg = a;
        }
    }
    if (!in->arg) {
        log_error("usage: arbor inspect FILE|NAME/SNAP [--regs] [--hart N] [--mem ADDR LEN] "
                  "[--vmem ADDR LEN] [--json]");
        return -1;
    }
    if (!in->mem.set && !in->vmem.set)
        in->regs = true;
    return 0;
}

/* --- opening --- */

static int open_snapshot(struct inspect *in)
{
    if (snapshot_arg_open(&in->snap, in->arg))
        return -1;
    if (board_build_from_snapshot(&in->b, in->snap.node))
        return -1;
    in->b.console_in = in->b.console_out = -1; /* it never runs; its console is nowhere */
    return 0;
}

/* --- output helpers --- */

static const char *const x_abi[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};
static const char *const f_abi[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0",
    "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5",
    "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

static struct json_object *jhex(uint64_t v)
{
    char s[24];
    snprintf(s, sizeof(s), "0x%llx", (unsigned long long)v);
    return json_object_new_string(s);
}

static struct json_object *jbytes(const uint8_t *p, uint64_t len)
{
    static const char digits[] = "0123456789abcdef";
    char *s = malloc(2 * len + 1);
    if (!s)
        return NULL;
    for (uint64_t i = 0; i < len; i++) {
        s[2 * i] = digits[p[i] >> 4];
        s[2 * i + 1] = digits[p[i] & 15];
    }
    s[2 * len] = 0;
    struct json_object *o = json_object_new_string_len(s, (int)(2 * len));
    free(s);
    return o;
}

static char priv_letter(unsigned priv)
{
    return priv == PRV_U ? 'U' : priv == PRV_S ? 'S' : priv == PRV_M ? 'M' : '?';
}

/* Lines of 16 bytes like xxd: address, bytes in pairs, printable characters. */
static void hexdump(uint64_t addr, const uint8_t *p, uint64_t len, int width)
{
    for (uint64_t off = 0; off < len; off += 16) {
        uint64_t n = len - off < 16 ? len - off : 16;
        char ascii[17];
        printf("%0*llx:", width, (unsigned long long)(addr + off));
        for (uint64_t i = 0; i < 16; i++) {
            if (i % 2 == 0)
                putchar(' ');
            if (i < n)
                printf("%02x", p[off + i]);
            else
                printf("  ");
        }
        for (uint64_t i = 0; i < n; i++)
            ascii[i] = p[off + i] >= 0x20 && p[off + i] < 0x7f ? (char)p[off + i] : '.';
        ascii[n] = 0;
        printf("  %s\n", ascii);
    }
}

static int addr_width(const struct range *r)
{
    return r->addr + (r->len - 1) > 0xffffffffull ? 16 : 8;
}

/* --- what is shown --- */

static void show_info(struct inspect *in, struct json_object *jo)
{
    const struct snapfile_header *h = &in->snap.node->file->h;
    const struct board *b = &in->b;
    char when[32], real[PATH_MAX];
    snap_format_time(h->created_ns, when, sizeof(when));
    const char *file = realpath(in->snap.node->path, real) ? real : in->snap.node->path;
    const char *kind = h->kind == SNAP_FULL ? "full" : "delta";
    const char *parent = h->kind == SNAP_DELTA ? h->parent_name : NULL;
    uint64_t stored = h->n_pages;
    if (jo) {
        json_object_object_add(jo, "file", json_object_new_string(file));
        json_object_object_add(jo, "snapshot", json_object_new_string(h->name));
        json_object_object_add(jo, "domain", json_object_new_string(h->domain));
        json_object_object_add(jo, "kind", json_object_new_string(kind));
        json_object_object_add(jo, "parent", parent ? json_object_new_string(parent) : NULL);
        json_object_object_add(jo, "created", json_object_new_string(when));
        json_object_object_add(jo, "created_ns", json_object_new_int64((int64_t)h->created_ns));
        json_object_object_add(jo, "memory", json_object_new_int64((int64_t)b->bus.ram_size));
        json_object_object_add(jo, "memory_base", jhex(b->bus.ram_base));
        json_object_object_add(jo, "harts", json_object_new_int((int)b->n_harts));
        json_object_object_add(jo, "deterministic", json_object_new_boolean(b->deterministic));
        json_object_object_add(jo, "builtin_sbi", json_object_new_boolean(b->builtin_sbi));
        json_object_object_add(jo, "pages_stored", json_object_new_int64((int64_t)stored));
        return;
    }
    printf("file:          %s\n", file);
    printf("snapshot:      %s\n", h->name);
    printf("domain:        %s\n", h->domain);
    printf("kind:          %s\n", kind);
    printf("parent:        %s\n", parent ? parent : "-");
    printf("created:       %s\n", when);
    if (b->bus.ram_size % (1u << 20) == 0)
        printf("memory:        %llu MiB at 0x%llx\n", (unsigned long long)(b->bus.ram_size >> 20),
               (unsigned long long)b->bus.ram_base);
    else
        printf("memory:        %llu bytes at 0x%llx\n", (unsigned long long)b->bus.ram_size,
               (unsigned long long)b->bus.ram_base);
    printf("harts:         %u\n", b->n_harts);
    printf("deterministic: %s\n", b->deterministic ? "yes" : "no");
    printf("firmware:      %s\n", b->builtin_sbi ? "built-in SBI" : "M-mode firmware in guest memory");
    printf("pages stored:  %llu (%.1f MiB)\n", (unsigned long long)stored,
           (double)stored * SNAP_PAGE / 1048576.0);
}

static uint64_t field_value(const struct rv_arch *s, const struct snap_field *f, unsigned i)
{
    return load_le((const uint8_t *)s + f->offset + (size_t)i * f->size, f->size);
}

/* Shown on their own: every other field of the table is listed as name=value. */
static bool shown_apart(const char *field)
{
    return !strcmp(field, "x") || !strcmp(field, "f") || !strcmp(field, "pc") ||
           !strcmp(field, "priv");
}

static void show_hart_json(const struct rv_hart *h, unsigned id, struct json_object *list)
{
    const struct rv_arch *s = &h->s;
    struct json_object *o = json_object_new_object(), *x = json_object_new_array(),
                       *f = json_object_new_array(), *csr = json_object_new_object();
    char name[8], label[40];
    json_object_object_add(o, "hart", json_object_new_int((int)id));
    json_object_object_add(o, "pc", jhex(s->pc));
    snprintf(name, sizeof(name), "%c", priv_letter(s->priv));
    json_object_object_add(o, "privilege", json_object_new_string(name));
    for (unsigned r = 0; r < 32; r++) {
        struct json_object *e = json_object_new_object();
        snprintf(name, sizeof(name), "x%u", r);
        json_object_object_add(e, "name", json_object_new_string(name));
        json_object_object_add(e, "abi", json_object_new_string(x_abi[r]));
        json_object_object_add(e, "value", jhex(s->x[r]));
        json_object_array_add(x, e);
        e = json_object_new_object();
        snprintf(name, sizeof(name), "f%u", r);
        json_object_object_add(e, "name", json_object_new_string(name));
        json_object_object_add(e, "abi", json_object_new_string(f_abi[r]));
        json_object_object_add(e, "value", jhex(s->f[r]));
        json_object_array_add(f, e);
    }
    size_t n;
    const struct snap_field *t = rv_hart_fields(&n);
    for (size_t k = 0; k < n; k++) {
        if (shown_apart(t[k].name))
            continue;
        for (unsigned i = 0; i < t[k].count; i++) {
            if (t[k].count > 1)
                snprintf(label, sizeof(label), "%s[%u]", t[k].name, i);
            else
                snprintf(label, sizeof(label), "%s", t[k].name);
            json_object_object_add(csr, label, jhex(field_value(s, &t[k], i)));
        }
    }
    json_object_object_add(o, "x", x);
    json_object_object_add(o, "f", f);
    json_object_object_add(o, "csr", csr);
    json_object_array_add(list, o);
}

static void show_hart_text(const struct rv_hart *h, unsigned id)
{
    const struct rv_arch *s = &h->s;
    printf("\nhart %u: pc 0x%016llx, privilege %c\n", id, (unsigned long long)s->pc,
           priv_letter(s->priv));
    for (unsigned r = 0; r < 32; r++) {
        char name[16];
        snprintf(name, sizeof(name), "x%u/%s", r, x_abi[r]);
        printf("  %-8s 0x%016llx", name, (unsigned long long)s->x[r]);
        if (r % 4 == 3)
            putchar('\n');
    }
    for (unsigned r = 0; r < 32; r++) {
        char name[16];
        snprintf(name, sizeof(name), "f%u/%s", r, f_abi[r]);
        printf("  %-8s 0x%016llx", name, (unsigned long long)s->f[r]);
        if (r % 4 == 3)
            putchar('\n');
    }
    size_t n, col = 0;
    const struct snap_field *t = rv_hart_fields(&n);
    for (size_t k = 0; k < n; k++) {
        if (shown_apart(t[k].name))
            continue;
        for (unsigned i = 0; i < t[k].count; i++) {
            char item[64];
            int len = t[k].count > 1
                          ? snprintf(item, sizeof(item), "%s[%u]=0x%llx", t[k].name, i,
                                     (unsigned long long)field_value(s, &t[k], i))
                          : snprintf(item, sizeof(item), "%s=0x%llx", t[k].name,
                                     (unsigned long long)field_value(s, &t[k], i));
            if (col && col + 1 + (size_t)len > 90) {
                putchar('\n');
                col = 0;
            }
            printf("%s%s", col ? " " : "  ", item);
            col += (col ? 1 : 2) + (size_t)len;
        }
    }
    if (col)
        putchar('\n');
}

static void show_regs(struct inspect *in, struct json_object *jo)
{
    struct json_object *list = jo ? json_object_new_array() : NULL;
    for (unsigned i = 0; i < in->b.n_harts; i++) {
        if (in->hart >= 0 && (unsigned)in->hart != i)
            continue;
        if (list)
            show_hart_json(in->b.harts[i], i, list);
        else
            show_hart_text(in->b.harts[i], i);
    }
    if (jo)
        json_object_object_add(jo, "registers", list);
}

static void show_mem(struct inspect *in, struct json_object *jo)
{
    const struct range *r = &in->mem;
    const uint8_t *p = bus_ram_ptr(&in->b.bus, r->addr, r->len); /* checked before */
    if (jo) {
        struct json_object *m = json_object_new_object();
        json_object_object_add(m, "addr", jhex(r->addr));
        json_object_object_add(m, "len", json_object_new_int64((int64_t)r->len));
        json_object_object_add(m, "data", jbytes(p, r->len));
        json_object_object_add(jo, "mem", m);
        return;
    }
    printf("\nguest-physical memory 0x%llx, %llu bytes:\n", (unsigned long long)r->addr,
           (unsigned long long)r->len);
    hexdump(r->addr, p, r->len, addr_width(r));
}

/* How the hart's loads are translated: "sv39", "sv48" or "bare"; `why` says it for people. */
static const char *vmem_mode(const struct rv_hart *h, const char **why)
{
    unsigned mode = (unsigned)(h->s.satp >> 60);
    if (h->c.priv_data == PRV_M) {
        *why = "bare (M-mode loads are not translated)";
        return "bare";
    }
    *why = mode == 8 ? "Sv39" : mode == 9 ? "Sv48" : "bare (satp.MODE is 0)";
    return mode == 8 ? "sv39" : mode == 9 ? "sv48" : "bare";
}

static const char *fault_name(uint64_t cause)
{
    return cause == EXC_LOAD_PAGE_FAULT ? "page fault" :
           cause == EXC_LOAD_ACCESS ? "access fault: a page table is outside memory" : "fault";
}

static void show_vmem(struct inspect *in, struct json_object *jo)
{
    const struct range *r = &in->vmem;
    unsigned id = in->hart >= 0 ? (unsigned)in->hart : 0;
    struct rv_hart *h = in->b.harts[id];
    const char *why, *mode = vmem_mode(h, &why);
    bool bare = !strcmp(mode, "bare");
    struct json_object *v = NULL, *pages = NULL;
    int width = addr_width(r);
    if (jo) {
        v = json_object_new_object();
        pages = json_object_new_array();
        json_object_object_add(v, "addr", jhex(r->addr));
        json_object_object_add(v, "len", json_object_new_int64((int64_t)r->len));
        json_object_object_add(v, "hart", json_object_new_int((int)id));
        json_object_object_add(v, "satp", jhex(h->s.satp));
        json_object_object_add(v, "mode", json_object_new_string(mode));
        char p[2] = {priv_letter(h->c.priv_data), 0};
        json_object_object_add(v, "privilege", json_object_new_string(p));
    } else {
        printf("\nguest-virtual memory 0x%llx, %llu bytes, through hart %u: satp 0x%llx, %s",
               (unsigned long long)r->addr, (unsigned long long)r->len, id,
               (unsigned long long)h->s.satp, why);
        if (!bare)
            printf(", root page table at 0x%llx, loads as %c-mode",
                   (unsigned long long)((h->s.satp & ((1ull << 44) - 1)) << 12),
                   priv_letter(h->c.priv_data));
        printf(":\n");
    }
    uint64_t va = r->addr, left = r->len;
    while (left) {
        uint64_t in_page = 4096 - (va & 4095), n = left < in_page ? left : in_page, pa = 0;
        uint64_t cause = rv_translate(h, va, TLB_READ, &pa);
        const uint8_t *p = cause ? NULL : bus_ram_ptr(&in->b.bus, pa, n);
        struct json_object *e = NULL;
        if (v) {
            e = json_object_new_object();
            json_object_object_add(e, "va", jhex(va));
            json_object_object_add(e, "len", json_object_new_int64((int64_t)n));
            if (!cause)
                json_object_object_add(e, "pa", jhex(pa));
        }
        if (cause) {
            if (e)
                json_object_object_add(e, "error", json_object_new_string(fault_name(cause)));
            else
                printf("0x%0*llx: not mapped (%s)\n", width, (unsigned long long)va, fault_name(cause));
        } else if (!p) {
            if (e)
                json_object_object_add(e, "error", json_object_new_string("not RAM"));
            else
                printf("0x%0*llx: maps to physical 0x%llx, which is not RAM (not read)\n", width,
                       (unsigned long long)va, (unsigned long long)pa);
        } else if (e) {
            json_object_object_add(e, "data", jbytes(p, n));
        } else {
            if (!bare)
                printf("0x%0*llx: physical 0x%llx\n", width, (unsigned long long)va,
                       (unsigned long long)pa);
            hexdump(va, p, n, width);
        }
        if (e)
            json_object_array_add(pages, e);
        va += n;
        left -= n;
    }
    if (v) {
        json_object_object_add(v, "pages", pages);
        json_object_object_add(jo, "vmem", v);
    }
}

/* Refuse what cannot be shown before anything is printed. */
static int check_selection(const struct inspect *in)
{
    const struct bus *bus = &in->b.bus;
    if (in->hart >= 0 && (unsigned)in->hart >= in->b.n_harts) {
        log_error("--hart %d: the machine has %u hart%s (0 to %u)", in->hart, in->b.n_harts,
                  in->b.n_harts == 1 ? "" : "s", in->b.n_harts - 1);
        return -1;
    }
    if (in->mem.set && !bus_ram_ptr(bus, in->mem.addr, in->mem.len)) {
        log_error("--mem 0x%llx+%llu is not all in RAM (0x%llx to 0x%llx)",
                  (unsigned long long)in->mem.addr, (unsigned long long)in->mem.len,
                  (unsigned long long)bus->ram_base,
                  (unsigned long long)(bus->ram_base + bus->ram_size - 1));
        return -1;
    }
    return 0;
}

int cmd_inspect(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help")) {
            cmd_inspect_usage();
            return 0;
        }
    static struct inspect in; /* the board is large for a stack */
    memset(&in, 0, sizeof(in));
    in.hart = -1;
    in.b.wake_fd = -1;
    int status = 1;
    if (parse_args(&in, argc, argv) || open_snapshot(&in) || check_selection(&in))
        goto out;
    struct json_object *jo = in.json ? json_object_new_object() : NULL;
    show_info(&in, jo);
    if (in.regs)
        show_regs(&in, jo);
    if (in.mem.set) /* before --vmem: its page walks may set A bits in the page tables */
        show_mem(&in, jo);
    if (in.vmem.set)
        show_vmem(&in, jo);
    if (jo) {
        printf("%s\n", json_object_to_json_string_ext(jo, JSON_C_TO_STRING_PLAIN |
                                                              JSON_C_TO_STRING_NOSLASHESCAPE));
        json_object_put(jo);
    }
    status = fflush(stdout) ? 1 : 0;
    if (status)
        log_error("cannot write the output: %s", strerror(errno));
out:
    board_destroy(&in.b);
    snapshot_arg_close(&in.snap);
    return status;
}
