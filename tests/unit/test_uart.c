/* 16550A: divisor latch, LSR, receive FIFO, IIR priorities, the interrupt line, output to
 * console_out, input from console_in, loopback, the Ctrl-A escapes on a terminal, and
 * snapshots. */
#include "check.h"
#include "dev/console_tty.h"
#include "dev/uart.h"
#include "stub_board.h"

#include <fcntl.h>
#include <libfdt.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

static struct board b;
static struct board b2; /* a machine of the same configuration that snapshots are loaded into */
static const struct device *dev;
static int out_rd, in_wr; /* our ends of the console pipes */

static uint8_t rd_on(struct board *m, unsigned reg)
{
    uint64_t v = 0xdead;
    CHECK(bus_read(&m->bus, VIRT_UART0_BASE + reg, 1, &v));
    return (uint8_t)v;
}

static void wr_on(struct board *m, unsigned reg, uint8_t v)
{
    CHECK(bus_write(&m->bus, VIRT_UART0_BASE + reg, 1, v));
}

static uint8_t rd(unsigned reg) { return rd_on(&b, reg); }
static void wr(unsigned reg, uint8_t v) { wr_on(&b, reg, v); }

static void poll_dev(void)
{
    dev->ops->poll(dev->dev);
}

static void feed(const char *s)
{
    CHECK(write(in_wr, s, strlen(s)) == (ssize_t)strlen(s));
}

/* Whatever the UART wrote so far, as a string. */
static const char *drain_output(void)
{
    static char buf[256];
    ssize_t n = read(out_rd, buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

static void test_registers(void)
{
    wr(UART_LCR, UART_LCR_DLAB);
    wr(UART_DLL, 0x01);
    wr(UART_DLM, 0x02);
    CHECK_EQ(rd(UART_DLL), 0x01);
    CHECK_EQ(rd(UART_DLM), 0x02);
    wr(UART_LCR, 0x03);
    CHECK_EQ(rd(UART_LCR), 0x03);
    CHECK_EQ(rd(UART_IER), 0); /* the divisor writes did not reach IER */
    CHECK_EQ(rd(UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
    wr(UART_SCR, 0x5a);
    CHECK_EQ(rd(UART_SCR), 0x5a);
    CHECK_EQ(rd(UART_IIR), UART_IIR_NO_INT);
    CHECK_EQ(rd(0x80), 0); /* outside the 8 registers */
    wr(0x80, 1);
    uint64_t v;
    CHECK(bus_read(&b.bus, VIRT_UART0_BASE + UART_LCR, 4, &v)); /* wide access: low byte */
    CHECK_EQ(v, 0x03);
}

static void test_output(void)
{
    const char *msg = "hi\n";
    for (const char *c = msg; *c; c++)
        wr(UART_THR, (uint8_t)*c);
    CHECK(strcmp(drain_output(), "hi\n") == 0); /* flushed at the newline */
    wr(UART_THR, 'a');
    wr(UART_THR, 'b');
    poll_dev();
    CHECK(strcmp(drain_output(), "ab") == 0); /* flushed by poll */
}

static void test_input(void)
{
    wr(UART_FCR, UART_FCR_ENABLE);
    feed("xyz");
    CHECK(!(rd(UART_LSR) & UART_LSR_DR));
    poll_dev();
    CHECK(rd(UART_LSR) & UART_LSR_DR);
    CHECK_EQ(rd(UART_RBR), 'x');
    CHECK_EQ(rd(UART_RBR), 'y');
    CHECK_EQ(rd(UART_RBR), 'z');
    CHECK(!(rd(UART_LSR) & UART_LSR_DR));
    /* 16450 mode holds one byte; with the FIFO on, 16 */
    wr(UART_FCR, 0);
    feed("0123456789abcdefXY");
    poll_dev();
    CHECK_EQ(rd(UART_RBR), '0');
    wr(UART_FCR, UART_FCR_ENABLE);
    poll_dev();
    CHECK_EQ(rd(UART_RBR), '1');
    for (int i = 0; i < 15; i++)
        rd(UART_RBR);
    poll_dev();
    CHECK_EQ(rd(UART_RBR), 'Y');
    CHECK(!(rd(UART_LSR) & UART_LSR_DR));
    feed("\x01"); /* not a terminal: Ctrl-A is data */
    poll_dev();
    CHECK_EQ(rd(UART_RBR), 0x01);
}

static void test_iir_and_line(void)
{
    wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_CLEAR_RX); /* trigger level 1 */
    wr(UART_IER, UART_IER_ERBFI | UART_IER_ETBEI);
    CHECK(stub_irq[VIRT_UART0_IRQ]); /* THR is empty */
    feed("q");
    poll_dev();
    CHECK_EQ(rd(UART_IIR), UART_IIR_FIFO_ENABLED | UART_IIR_RDA); /* data beats THRE */
    CHECK_EQ(rd(UART_RBR), 'q');
    CHECK_EQ(rd(UART_IIR), UART_IIR_FIFO_ENABLED | UART_IIR_THRE);
    CHECK(!stub_irq[VIRT_UART0_IRQ]); /* reading IIR acknowledged THRE */
    CHECK_EQ(rd(UART_IIR), UART_IIR_FIFO_ENABLED | UART_IIR_NO_INT);
    wr(UART_THR, '!'); /* sent at once: THR empty again */
    CHECK(stub_irq[VIRT_UART0_IRQ]);
    wr(UART_IER, 0);
    CHECK(!stub_irq[VIRT_UART0_IRQ]);
    wr(UART_IER, UART_IER_ETBEI); /* enabling ETBEI with THR empty raises it */
    CHECK(stub_irq[VIRT_UART0_IRQ]);
    wr(UART_IER, 0);
    /* the line follows IER for received data */
    feed("w");
    poll_dev();
    CHECK(!stub_irq[VIRT_UART0_IRQ]);
    wr(UART_IER, UART_IER_ERBFI);
    CHECK(stub_irq[VIRT_UART0_IRQ]);
    rd(UART_RBR);
    CHECK(!stub_irq[VIRT_UART0_IRQ]);
    /* below the trigger level the data is reported as a timeout */
    wr(UART_FCR, UART_FCR_ENABLE | 0x80); /* trigger 8 */
    feed("ab");
    poll_dev();
    CHECK_EQ(rd(UART_IIR), UART_IIR_FIFO_ENABLED | UART_IIR_RX_TIMEOUT);
    wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_CLEAR_RX);
    CHECK(!(rd(UART_LSR) & UART_LSR_DR));
    CHECK(!stub_irq[VIRT_UART0_IRQ]);
    wr(UART_IER, 0);
    CHECK(strcmp(drain_output(), "!") == 0);
}

static void test_loopback(void)
{
    wr(UART_MCR, UART_MCR_LOOP | 0x0a); /* RTS and OUT2 */
    CHECK_EQ(rd(UART_MSR) & 0xf0, 0x90); /* CTS and DCD, as Linux's probe expects */
    wr(UART_IER, UART_IER_ELSI);
    for (int i = 0; i < 17; i++)
        wr(UART_THR, (uint8_t)('A' + i));
    CHECK_EQ(rd(UART_IIR) & UART_IIR_ID_MASK, UART_IIR_RLS); /* the 17th overran */
    CHECK(rd(UART_LSR) & UART_LSR_OE);
    CHECK(!(rd(UART_LSR) & UART_LSR_OE)); /* cleared by reading LSR */
    CHECK_EQ(rd(UART_RBR), 'A');
    wr(UART_IER, 0);
    wr(UART_MCR, 0);
    wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_CLEAR_RX);
    CHECK(strcmp(drain_output(), "") == 0); /* nothing left the machine */
}

static void test_eof_and_reset(void)
{
    close(in_wr);
    poll_dev();
    poll_dev();
    CHECK(!(rd(UART_LSR) & UART_LSR_DR));
    wr(UART_IER, UART_IER_ETBEI);
    dev->ops->reset(dev->dev);
    CHECK_EQ(rd(UART_IER), 0);
    CHECK(!stub_irq[VIRT_UART0_IRQ]);
}

/* On a terminal (a pty here), Ctrl-A starts an escape. */
static void test_escapes(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    CHECK(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    CHECK(slave >= 0);
    CHECK_EQ(console_tty_init(slave), 0);
    CHECK(console_tty_active());
    b.console_in = slave;
    struct uart *u = uart_create(&b); /* a second UART cannot map: the region is taken */
    CHECK(u == NULL);
    const char keys[] = "k\x01\x01m\x01zn\x01x";
    CHECK(write(master, keys, sizeof(keys) - 1) == (ssize_t)sizeof(keys) - 1);
    wr(UART_FCR, UART_FCR_ENABLE);
    usleep(10000);
    poll_dev();
    CHECK_EQ(rd(UART_RBR), 'k');
    CHECK_EQ(rd(UART_RBR), 0x01); /* Ctrl-A Ctrl-A: one Ctrl-A */
    CHECK_EQ(rd(UART_RBR), 'm');
    CHECK_EQ(rd(UART_RBR), 'n'); /* Ctrl-A z: swallowed */
    CHECK(!(rd(UART_LSR) & UART_LSR_DR));
    CHECK_EQ(b.exit_kind, EXIT_HOST_ERROR);
    struct termios t;
    CHECK(tcgetattr(slave, &t) == 0 && !(t.c_lflag & (ICANON | ECHO | ISIG)));
    console_tty_restore();
    CHECK(!console_tty_active());
    CHECK(tcgetattr(slave, &t) == 0 && (t.c_lflag & ICANON));
    close(slave);
    close(master);
}

static void test_fdt(void)
{
    static char buf[4096];
    CHECK_EQ(stub_board_fdt(&b, buf, sizeof(buf), NULL), 0);
    int node = fdt_path_offset(buf, "/soc/serial@10000000");
    CHECK(node >= 0);
    CHECK(fdt_node_check_compatible(buf, node, "ns16550a") == 0);
    const fdt32_t *clk = fdt_getprop(buf, node, "clock-frequency", NULL);
    const fdt32_t *irq = fdt_getprop(buf, node, "interrupts", NULL);
    const fdt32_t *parent = fdt_getprop(buf, node, "interrupt-parent", NULL);
    CHECK(clk && fdt32_to_cpu(*clk) == 3686400);
    CHECK(irq && fdt32_to_cpu(*irq) == 10);
    CHECK(parent && fdt32_to_cpu(*parent) == 20);
}

/* --- snapshots: payload = ier lcr mcr msr scr dll dlm fcr, rx[16], rx_head, rx_count, flags */

enum { SNAP_IER, SNAP_LCR, SNAP_MCR, SNAP_MSR, SNAP_SCR, SNAP_DLL, SNAP_DLM, SNAP_FCR,
       SNAP_RX, SNAP_RX_HEAD = SNAP_RX + 16, SNAP_RX_COUNT = SNAP_RX_HEAD + 4,
       SNAP_FLAGS = SNAP_RX_COUNT + 4, SNAP_LEN = SNAP_FLAGS + 4 };

static uint8_t image[64];
static size_t image_len;

/* Registers without side effects, the divisor latch included. */
static void check_same_plain(void)
{
    static const unsigned regs[] = {UART_IER, UART_LCR, UART_MCR, UART_SCR};
    for (unsigned i = 0; i < ARRAY_SIZE(regs); i++)
        CHECK_EQ(rd_on(&b2, regs[i]), rd(regs[i]));
    uint8_t lcr = rd(UART_LCR);
    wr(UART_LCR, lcr | UART_LCR_DLAB);
    wr_on(&b2, UART_LCR, lcr | UART_LCR_DLAB);
    CHECK_EQ(rd_on(&b2, UART_DLL), rd(UART_DLL));
    CHECK_EQ(rd_on(&b2, UART_DLM), rd(UART_DLM));
    wr(UART_LCR, lcr);
    wr_on(&b2, UART_LCR, lcr);
}

/* The same reads, side effects and all, in the same order give the same answers. */
static void check_same_reads(void)
{
    static const unsigned regs[] = {UART_IIR, UART_LSR, UART_LSR, UART_IIR, UART_MSR, UART_MSR};
    uint8_t first[ARRAY_SIZE(regs)];
    for (unsigned i = 0; i < ARRAY_SIZE(regs); i++) {
        first[i] = rd(regs[i]);
        CHECK_EQ(rd_on(&b2, regs[i]), first[i]);
    }
    CHECK_EQ(first[0], UART_IIR_FIFO_ENABLED | UART_IIR_RLS); /* the state was not trivial */
    CHECK(first[1] & UART_LSR_OE);
    CHECK_EQ(first[4] & 0x0f, 0x09); /* DCTS and DDCD */
    unsigned n = 0;
    uint8_t last = 0;
    while (n <= UART_FIFO_SIZE && (rd(UART_LSR) & UART_LSR_DR)) {
        CHECK(rd_on(&b2, UART_LSR) & UART_LSR_DR);
        last = rd(UART_RBR);
        CHECK_EQ(rd_on(&b2, UART_RBR), last);
        n++;
    }
    CHECK_EQ(n, 14);
    CHECK_EQ(last, 'X');
    CHECK_EQ(rd_on(&b2, UART_IIR), rd(UART_IIR));
    CHECK_EQ(rd_on(&b2, UART_IIR), rd(UART_IIR));
}

/* Divisor, line settings, a wrapped and overrun FIFO at trigger level 4, loopback with modem
 * status changes not yet read, every interrupt enabled. */
static void make_busy_state(void)
{
    wr(UART_LCR, UART_LCR_DLAB);
    wr(UART_DLL, 0x34);
    wr(UART_DLM, 0x12);
    wr(UART_LCR, 0x1b);
    wr(UART_SCR, 0xa5);
    wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_CLEAR_RX | 0x40);
    wr(UART_MCR, UART_MCR_LOOP | 0x05); /* DTR and OUT1: DSR and RI; CTS and DCD drop */
    for (int i = 0; i < UART_FIFO_SIZE + 2; i++)
        wr(UART_THR, (uint8_t)('a' + i));
    for (int i = 0; i < 3; i++)
        rd(UART_RBR);
    wr(UART_THR, 'X'); /* wraps round the ring */
    wr(UART_IER, 0x0f);
    CHECK(stub_irq[VIRT_UART0_IRQ]);
}

static void test_snapshot(void)
{
    CHECK(uart_create(&b2) != NULL);
    const struct device *d2 = stub_board_device(&b2, "uart");
    CHECK(d2 && dev->ops->save && dev->ops->load);
    if (!d2 || !dev->ops->save)
        return;
    CHECK_EQ(dev->ops->snap_tag, SNAP_TAG('U', 'A', 'R', 'T'));
    CHECK_EQ(dev->ops->snap_version, 1);
    make_busy_state();
    image_len = stub_snap_save(dev, image, sizeof(image));
    CHECK_EQ(image_len, SNAP_LEN);
    stub_irq[VIRT_UART0_IRQ] = false;
    const char *why = "unset";
    CHECK(stub_snap_load(d2, image, image_len, &why));
    CHECK(why == NULL);
    CHECK(stub_irq[VIRT_UART0_IRQ]); /* the loaded device drives its line */
    check_same_plain();
    check_same_reads();
    CHECK(!(rd_on(&b2, UART_LSR) & UART_LSR_DR));
}

static void expect_refused(size_t len, size_t patch_at, uint64_t patch, unsigned patch_size)
{
    CHECK(stub_snap_refuses(stub_board_device(&b2, "uart"), image, image_len, len, patch_at, patch,
                            patch_size));
    check_same_plain(); /* unchanged */
}

static void test_snapshot_refused(void)
{
    if (image_len != SNAP_LEN)
        return;
    expect_refused(0, 0, 0, 0);
    expect_refused(image_len - 1, 0, 0, 0);
    expect_refused(image_len + 1, 0, 0, 0);
    expect_refused(image_len, SNAP_RX_HEAD, UART_FIFO_SIZE, 4);
    expect_refused(image_len, SNAP_RX_HEAD, 0x80000000u, 4);
    expect_refused(image_len, SNAP_RX_COUNT, UART_FIFO_SIZE + 1, 4);
    expect_refused(image_len, SNAP_RX_COUNT, 0xffffffffu, 4);
    expect_refused(image_len, SNAP_FCR, 0x40, 1); /* 16450 mode holds one byte, not 14 */
    expect_refused(image_len, SNAP_FCR, 0x41 | UART_FCR_CLEAR_RX, 1);
    expect_refused(image_len, SNAP_IER, 0x1f, 1);
    expect_refused(image_len, SNAP_MCR, 0x20, 1);
    expect_refused(image_len, SNAP_MSR, 0xb0, 1); /* not what MCR drives in loopback */
    expect_refused(image_len, SNAP_FLAGS, 4, 4);
}

int main(void)
{
    int out[2], in[2];
    CHECK_EQ(stub_board_init(&b2, 1), 0);
    CHECK_EQ(stub_board_init(&b, 1), 0);
    if (pipe(out) < 0 || pipe(in) < 0)
        return 1;
    fcntl(out[0], F_SETFL, O_NONBLOCK);
    out_rd = out[0];
    in_wr = in[1];
    b.console_out = out[1];
    b.console_in = in[0];
    struct uart *u = uart_create(&b);
    dev = stub_board_device(&b, "uart");
    CHECK(u != NULL && b.uart == u && dev != NULL);
    if (!u || !dev)
        return check_summary("uart");
    test_registers();
    test_output();
    test_input();
    test_iir_and_line();
    test_loopback();
    test_eof_and_reset();
    test_escapes();
    test_fdt();
    test_snapshot();
    test_snapshot_refused();
    stub_board_free(&b);
    stub_board_free(&b2);
    return check_summary("uart");
}
