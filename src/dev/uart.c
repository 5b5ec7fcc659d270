/* NS16550A UART: registers with DLAB, a 16-byte receive FIFO, IIR priorities and the THRE
 * interrupt as Linux's 8250 driver expects it. Transmission is instantaneous: a byte written
 * to THR goes to the output buffer at once, so THR and the transmitter are always empty. */
#include "dev/uart.h"

#include <errno.h>
#include <libfdt.h>
#include <stdlib.h>
#include <unistd.h>

#include "dev/console_input.h"

#define UART_OUT_SIZE 4096

/* MSR: modem status in the high nibble, "changed since last read" bits in the low one. */
#define MSR_DCTS 0x01
#define MSR_DDSR 0x02
#define MSR_TERI 0x04
#define MSR_DDCD 0x08
#define MSR_CTS 0x10
#define MSR_DSR 0x20
#define MSR_RI 0x40
#define MSR_DCD 0x80
#define MSR_IDLE (MSR_DCD | MSR_DSR | MSR_CTS) /* a terminal is always connected */

struct uart {
    struct board *b;
    /* guest-visible registers */
    uint8_t ier, lcr, mcr, msr, scr, dll, dlm, fcr;
    bool thr_ipending; /* THRE interrupt condition, until IIR reports it or THR is written */
    bool overrun;      /* LSR.OE, until LSR is read */
    bool irq_level;    /* what the PLIC line was last driven to */
    uint8_t rx[UART_FIFO_SIZE];
    unsigned rx_head, rx_count;
    /* host side */
    uint8_t out[UART_OUT_SIZE];
    size_t out_len;
    struct console_input in;
};

/* --- receive FIFO --- */

static unsigned uart_rx_capacity(const struct uart *u)
{
    return (u->fcr & UART_FCR_ENABLE) ? UART_FIFO_SIZE : 1; /* 16450 mode: one holding byte */
}

static unsigned uart_rx_trigger(const struct uart *u)
{
    static const unsigned level[4] = {1, 4, 8, 14};
    return (u->fcr & UART_FCR_ENABLE) ? level[u->fcr >> 6] : 1;
}

static void uart_rx_push(struct uart *u, uint8_t c)
{
    if (u->rx_count >= uart_rx_capacity(u)) {
        u->overrun = true;
        return;
    }
    u->rx[(u->rx_head + u->rx_count++) % UART_FIFO_SIZE] = c;
}

static uint8_t uart_rx_pop(struct uart *u)
{
    if (!u->rx_count)
        return 0;
    uint8_t c = u->rx[u->rx_head];
    u->rx_head = (u->rx_head + 1) % UART_FIFO_SIZE;
    u->rx_count--;
    return c;
}

static void uart_rx_clear(struct uart *u)
{
    u->rx_head = u->rx_count = 0;
}

/* --- interrupts --- */

/* The highest-priority pending condition the guest enabled, as IIR encodes it. */
static uint8_t uart_iir_id(const struct uart *u)
{
    if ((u->ier & UART_IER_ELSI) && u->overrun)
        return UART_IIR_RLS;
    if ((u->ier & UART_IER_ERBFI) && u->rx_count)
        return u->rx_count < uart_rx_trigger(u) ? UART_IIR_RX_TIMEOUT : UART_IIR_RDA;
    if ((u->ier & UART_IER_ETBEI) && u->thr_ipending)
        return UART_IIR_THRE;
    if ((u->ier & UART_IER_EDSSI) && (u->msr & 0x0f))
        return UART_IIR_MSI;
    return UART_IIR_NO_INT;
}

/* Drive the PLIC line only when it changes: firmware polls LSR for every byte it prints. */
static void uart_update_irq(struct uart *u)
{
    bool level = uart_iir_id(u) != UART_IIR_NO_INT;
    if (level != u->irq_level) {
        u->irq_level = level;
        board_set_irq(u->b, VIRT_UART0_IRQ, level);
    }
}

/* --- output --- */

void uart_flush(struct uart *u)
{
    size_t done = 0;
    while (done < u->out_len) {
        ssize_t n = write(u->b->console_out, u->out + done, u->out_len - done);
        if (n > 0) {
            done += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break; /* a non-blocking console that is full: keep the rest for the next poll */
        } else {
            done = u->out_len; /* closed or broken: nobody can read the output any more */
        }
    }
    memmove(u->out, u->out + done, u->out_len - done);
    u->out_len -= done;
}

static void uart_out_byte(struct uart *u, uint8_t c)
{
    if (u->out_len == sizeof(u->out))
        uart_flush(u);
    if (u->out_len == sizeof(u->out))
        return; /* the console does not keep up and does not block: drop */
    u->out[u->out_len++] = c;
    if (c == '\n')
        uart_flush(u);
}

/* --- modem control and status --- */

/* Modem status inputs: in loopback they are wired to the modem control outputs. */
static uint8_t uart_msr_inputs(const struct uart *u)
{
    if (!(u->mcr & UART_MCR_LOOP))
        return MSR_IDLE;
    uint8_t m = u->mcr;
    return (m & 0x01 ? MSR_DSR : 0) | (m & 0x02 ? MSR_CTS : 0) | (m & 0x04 ? MSR_RI : 0) |
           (m & 0x08 ? MSR_DCD : 0);
}

static void uart_write_mcr(struct uart *u, uint8_t val)
{
    uint8_t old = u->msr & 0xf0;
    u->mcr = val & 0x1f;
    uint8_t now = uart_msr_inputs(u), changed = old ^ now, delta = u->msr & 0x0f;
    delta |= (changed & MSR_CTS ? MSR_DCTS : 0) | (changed & MSR_DSR ? MSR_DDSR : 0) |
             (changed & MSR_DCD ? MSR_DDCD : 0) | ((old & ~now) & MSR_RI ? MSR_TERI : 0);
    u->msr = now | delta;
}

/* --- guest register access --- */

static void uart_write_thr(struct uart *u, uint8_t c)
{
    if (u->mcr & UART_MCR_LOOP)
        uart_rx_push(u, c);
    else
        uart_out_byte(u, c);
    /* the write clears the THRE condition, and the instant transmission sets it again */
    u->thr_ipending = true;
}

static void uart_write_ier(struct uart *u, uint8_t val)
{
    /* enabling ETBEI while THR is empty raises THRE at once: Linux's probe and start_tx rely
     * on it */
    if ((val & UART_IER_ETBEI) && !(u->ier & UART_IER_ETBEI))
        u->thr_ipending = true;
    u->ier = val & 0x0f;
}

static void uart_write_fcr(struct uart *u, uint8_t val)
{
    if ((val ^ u->fcr) & UART_FCR_ENABLE)
        uart_rx_clear(u); /* switching the FIFOs on or off empties them */
    if (val & UART_FCR_CLEAR_RX)
        uart_rx_clear(u);
    u->fcr = val & 0xc9; /* the clear bits do not stick */
}

static void uart_write_reg(struct uart *u, unsigned reg, uint8_t val)
{
    bool dlab = u->lcr & UART_LCR_DLAB;
    switch (reg) {
    case UART_THR: if (dlab) u->dll = val; else uart_write_thr(u, val); break;
    case UART_IER: if (dlab) u->dlm = val; else uart_write_ier(u, val); break;
    case UART_FCR: uart_write_fcr(u, val); break;
    case UART_LCR: u->lcr = val; break;
    case UART_MCR: uart_write_mcr(u, val); break;
    case UART_SCR: u->scr = val; break;
    default: break; /* LSR and MSR are read-only */
    }
}

static uint8_t uart_read_iir(struct uart *u)
{
    uint8_t id = uart_iir_id(u);
    if (id == UART_IIR_THRE)
        u->thr_ipending = false; /* reading IIR acknowledges THRE when it is the reported one */
    return id | ((u->fcr & UART_FCR_ENABLE) ? UART_IIR_FIFO_ENABLED : 0);
}

static uint8_t uart_read_lsr(struct uart *u)
{
    uint8_t lsr = UART_LSR_THRE | UART_LSR_TEMT | (u->rx_count ? UART_LSR_DR : 0) |
                  (u->overrun ? UART_LSR_OE : 0);
    u->overrun = false;
    return lsr;
}

static uint8_t uart_read_msr(struct uart *u)
{
    uint8_t msr = u->msr;
    u->msr &= 0xf0;
    return msr;
}

static uint8_t uart_read_reg(struct uart *u, unsigned reg)
{
    bool dlab = u->lcr & UART_LCR_DLAB;
    switch (reg) {
    case UART_RBR: return dlab ? u->dll : uart_rx_pop(u);
    case UART_IER: return dlab ? u->dlm : u->ier;
    case UART_IIR: return uart_read_iir(u);
    case UART_LCR: return u->lcr;
    case UART_MCR: return u->mcr;
    case UART_LSR: return uart_read_lsr(u);
    case UART_MSR: return uart_read_msr(u);
    case UART_SCR: return u->scr;
    default: return 0;
    }
}

/* Byte registers at offsets 0..7; an access of any size uses the low byte, and the rest of
 * the 0x100-byte window reads 0 and ignores writes (QEMU maps only the 8 bytes). */
static bool uart_mmio_read(void *opaque, uint64_t off, unsigned size, uint64_t *val)
{
    (void)size;
    struct uart *u = opaque;
    *val = off < 8 ? uart_read_reg(u, (unsigned)off) : 0;
    uart_update_irq(u);
    return true;
}

static bool uart_mmio_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    (void)size;
    struct uart *u = opaque;
    if (off < 8)
        uart_write_reg(u, (unsigned)off, (uint8_t)val);
    uart_update_irq(u);
    return true;
}

static const struct mmio_ops uart_mmio_ops = {
    .read = uart_mmio_read,
    .write = uart_mmio_write,
};

/* --- input from the host --- */

/* Move as many bytes as the FIFO has room for, never blocking. With --console virtio the
 * virtio console has the host input and the UART gets none. */
static void uart_read_input(struct uart *u)
{
    unsigned cap = uart_rx_capacity(u), room = u->rx_count < cap ? cap - u->rx_count : 0;
    uint8_t buf[UART_FIFO_SIZE];
    if (u->b->console_virtio)
        return;
    bool quit;
    unsigned n = console_input_read(&u->in, u->b, buf, room, &quit);
    for (unsigned i = 0; i < n; i++)
        uart_rx_push(u, buf[i]);
    if (quit) {
        uart_flush(u);
        console_input_quit(u->b);
    }
}

/* --- board hooks --- */

static void uart_fdt_node(void *dev, struct board *b, void *fdt)
{
    (void)dev;
    const fdt32_t reg[] = {0, cpu_to_fdt32(VIRT_UART0_BASE), 0, cpu_to_fdt32(UART_SIZE)};
    int err = fdt_begin_node(fdt, "serial@10000000");
    err |= fdt_property_string(fdt, "compatible", "ns16550a");
    err |= fdt_property(fdt, "reg", reg, sizeof(reg));
    err |= fdt_property_u32(fdt, "clock-frequency", UART_CLOCK_HZ);
    err |= fdt_property_u32(fdt, "interrupt-parent", b->plic_phandle);
    err |= fdt_property_u32(fdt, "interrupts", VIRT_UART0_IRQ);
    err |= fdt_end_node(fdt);
    if (err)
        log_error("device tree: cannot add the UART node");
}

static void uart_reset(void *dev)
{
    struct uart *u = dev;
    uart_flush(u);
    u->ier = u->lcr = u->mcr = u->scr = u->fcr = 0;
    u->dll = 0x0c; /* the divisor QEMU resets to; nothing depends on it */
    u->dlm = 0;
    u->msr = MSR_IDLE;
    u->thr_ipending = u->overrun = false;
    uart_rx_clear(u);
    u->irq_level = false;
    board_set_irq(u->b, VIRT_UART0_IRQ, false);
}

static void uart_poll(void *dev)
{
    struct uart *u = dev;
    if (u->out_len)
        uart_flush(u);
    unsigned before = u->rx_count;
    uart_read_input(u);
    if (u->rx_count != before)
        uart_update_irq(u);
}

static uint64_t uart_next_deadline(void *dev)
{
    (void)dev; /* input is noticed by polling; the board decides how often to poll */
    return UINT64_MAX;
}

static void uart_destroy(void *dev)
{
    uart_flush(dev);
    free(dev);
}

/* --- snapshot: the guest-visible registers, the receive FIFO as it sits in its ring, and the
 * two conditions without a register of their own. The host side (output not yet written,
 * console descriptors, a half-typed escape) is not machine state. --- */

#define UART_SNAP_VERSION 1
#define UART_SNAP_THR_IPENDING 0x1u
#define UART_SNAP_OVERRUN 0x2u

static const struct snap_field uart_fields[] = {
    SNAP_FIELD(struct uart, ier), SNAP_FIELD(struct uart, lcr), SNAP_FIELD(struct uart, mcr),
    SNAP_FIELD(struct uart, msr), SNAP_FIELD(struct uart, scr), SNAP_FIELD(struct uart, dll),
    SNAP_FIELD(struct uart, dlm), SNAP_FIELD(struct uart, fcr), SNAP_ARRAY(struct uart, rx),
    SNAP_FIELD(struct uart, rx_head), SNAP_FIELD(struct uart, rx_count),
};

static void uart_save(void *dev, struct snap_writer *w)
{
    struct uart *u = dev;
    snap_w_fields(w, u, uart_fields, ARRAY_SIZE(uart_fields));
    snap_w_u32(w, (u->thr_ipending ? UART_SNAP_THR_IPENDING : 0) |
                      (u->overrun ? UART_SNAP_OVERRUN : 0));
}

/* Only values the register writes could have produced: reserved bits clear, MSR's status
 * nibble matching MCR (loopback wiring), the FIFO ring within its capacity. */
static bool uart_check(const struct uart *s, uint32_t flags, struct snap_reader *r)
{
    if ((s->ier & ~0x0fu) || (s->mcr & ~0x1fu) || (s->fcr & ~0xc9u))
        return snap_r_fail(r, "reserved register bits set");
    if ((s->msr & 0xf0) != uart_msr_inputs(s))
        return snap_r_fail(r, "modem status does not match modem control");
    if (s->rx_head >= UART_FIFO_SIZE || s->rx_count > uart_rx_capacity(s))
        return snap_r_fail(r, "receive FIFO position or length out of range");
    if (flags & ~(UART_SNAP_THR_IPENDING | UART_SNAP_OVERRUN))
        return snap_r_fail(r, "unknown flags");
    return true;
}

/* Read into a copy so that a refused section leaves the device as it was; then drive the
 * interrupt line from the restored registers, whatever this device drove it to before. */
static bool uart_load(void *dev, struct snap_reader *r)
{
    struct uart *u = dev, s = *u;
    snap_r_fields(r, &s, uart_fields, ARRAY_SIZE(uart_fields));
    uint32_t flags = snap_r_u32(r);
    if (!snap_r_done(r) || !uart_check(&s, flags, r))
        return false;
    s.thr_ipending = flags & UART_SNAP_THR_IPENDING;
    s.overrun = flags & UART_SNAP_OVERRUN;
    *u = s;
    u->irq_level = uart_iir_id(u) != UART_IIR_NO_INT;
    board_set_irq(u->b, VIRT_UART0_IRQ, u->irq_level);
    return true;
}

static const struct device_ops uart_device_ops = {
    .name = "uart",
    .fdt_node = uart_fdt_node,
    .reset = uart_reset,
    .poll = uart_poll,
    .next_deadline = uart_next_deadline,
    .destroy = uart_destroy,
    .snap_tag = SNAP_TAG('U', 'A', 'R', 'T'),
    .snap_version = UART_SNAP_VERSION,
    .save = uart_save,
    .load = uart_load,
};

struct uart *uart_create(struct board *b)
{
    struct uart *u = calloc(1, sizeof(*u));
    if (!u) {
        log_error("uart: out of memory");
        return NULL;
    }
    u->b = b;
    console_input_init(&u->in);
    u->dll = 0x0c;
    u->msr = MSR_IDLE;
    if (board_attach(b, &uart_device_ops, u, VIRT_UART0_BASE, UART_SIZE, &uart_mmio_ops) < 0) {
        free(u);
        return NULL;
    }
    b->uart = u;
    return u;
}
