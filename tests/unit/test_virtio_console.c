/* virtio console: guest output to console_out, host input through the receive queue (read
 * only as far as delivered), the UART left without input, Ctrl-A escapes on a terminal, a
 * detached console followed, snapshots of pending input, refusal of bad arguments, bad
 * chains and bad sections. */
#include "check.h"
#include "vq_driver.h"
#include "virtio/console.h"

#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "dev/console_tty.h"
#include "dev/uart.h"

#define SLOT 1
#define RXQ 0
#define TXQ 1

static struct board b, b2;
static struct vqd d;
static int out_rd, in_wr;

static const struct device *dev_of(struct board *m)
{
    return stub_board_device(m, "virtio-console");
}

static void poll_dev(struct board *m)
{
    const struct device *dv = dev_of(m);
    dv->ops->poll(dv->dev);
}

static size_t drain_output(char *buf, size_t cap)
{
    ssize_t n = read(out_rd, buf, cap - 1);
    buf[n > 0 ? n : 0] = '\0';
    return n > 0 ? (size_t)n : 0;
}

static void test_create(void)
{
    struct board_device_spec bad = {"console", "hvc1"}, again = {"console", ""};
    CHECK(virtio_console_create(&b2, 2, &bad) == NULL);
    CHECK(b.console_virtio);
    CHECK(virtio_console_create(&b, 2, &again) == NULL); /* one console per machine */
    CHECK_EQ(vqd_rd(&d, VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_CONSOLE);
    vqd_wr(&d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    CHECK_EQ(vqd_rd(&d, VIRTIO_MMIO_DEVICE_FEATURES), 0); /* no size, no multiport */
}

static void test_output(void)
{
    char got[64];
    vqd_init(&d, &b, SLOT, 2);
    uint64_t a = vqd_buf(&d, 16), a2 = vqd_buf(&d, 16);
    memcpy(vqd_ram(&d, a, 5), "hello", 5);
    memcpy(vqd_ram(&d, a2, 7), ", guest", 7);
    uint16_t head = vqd_offer(&d, TXQ, a, 5, 0, 0, false);
    vqd_notify(&d, TXQ);
    uint16_t id;
    uint32_t len;
    CHECK(vqd_used(&d, TXQ, &id, &len) && id == head && len == 0);
    CHECK(stub_irq[1 + SLOT]);
    vqd_offer(&d, TXQ, a, 5, a2, 7, false); /* header and payload apart, as hvc may */
    vqd_notify(&d, TXQ);
    CHECK(vqd_used(&d, TXQ, &id, &len));
    CHECK_EQ(drain_output(got, sizeof(got)), 17);
    CHECK(strcmp(got, "hellohello, guest") == 0);
}

static void test_input(void)
{
    uint16_t id;
    uint32_t len;
    vqd_init(&d, &b, SLOT, 2);
    CHECK(write(in_wr, "abc", 3) == 3);
    poll_dev(&b); /* no buffer yet: the input waits in the device */
    CHECK(!vqd_used(&d, RXQ, &id, &len));
    uint64_t a = vqd_buf(&d, 2), a2 = vqd_buf(&d, 64);
    uint16_t h1 = vqd_offer(&d, RXQ, a, 2, 0, 0, true);
    vqd_notify(&d, RXQ);
    CHECK(vqd_used(&d, RXQ, &id, &len) && id == h1 && len == 2);
    CHECK(memcmp(vqd_ram(&d, a, 2), "ab", 2) == 0);
    uint16_t h2 = vqd_offer(&d, RXQ, a2, 64, 0, 0, true);
    vqd_notify(&d, RXQ);
    CHECK(vqd_used(&d, RXQ, &id, &len) && id == h2 && len == 1);
    CHECK_EQ(*vqd_ram(&d, a2, 1), 'c');
    /* buffer waiting, input arrives between time slices */
    vqd_offer(&d, RXQ, a2, 64, 0, 0, true);
    vqd_notify(&d, RXQ);
    CHECK(write(in_wr, "\x01x", 2) == 2); /* on a pipe Ctrl-A is just a byte */
    poll_dev(&b);
    CHECK(vqd_used(&d, RXQ, &id, &len) && len == 2);
    CHECK(memcmp(vqd_ram(&d, a2, 2), "\x01x", 2) == 0);
    CHECK_EQ(b.exit_kind, EXIT_NONE);
}

/* With the virtio console the UART gets nothing, even when it is polled first. */
static void test_uart_left_out(void)
{
    const struct device *u = stub_board_device(&b, "uart");
    uint16_t id;
    uint32_t len;
    vqd_init(&d, &b, SLOT, 2);
    uint64_t a = vqd_buf(&d, 16);
    vqd_offer(&d, RXQ, a, 16, 0, 0, true);
    vqd_notify(&d, RXQ);
    bus_write(&b.bus, VIRT_UART0_BASE + UART_FCR, 1, UART_FCR_ENABLE);
    CHECK(write(in_wr, "zz", 2) == 2);
    u->ops->poll(u->dev);
    uint64_t lsr = 0;
    CHECK(bus_read(&b.bus, VIRT_UART0_BASE + UART_LSR, 1, &lsr) && !(lsr & UART_LSR_DR));
    poll_dev(&b);
    CHECK(vqd_used(&d, RXQ, &id, &len) && len == 2);
}

/* A detached domain's console_in is swapped by the monitor; then Ctrl-A x on a terminal. */
static void test_escapes(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    CHECK(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    CHECK(slave >= 0 && console_tty_init(slave) == 0);
    int old_in = b.console_in;
    b.console_in = slave;
    vqd_init(&d, &b, SLOT, 2);
    uint64_t a = vqd_buf(&d, 16);
    vqd_offer(&d, RXQ, a, 16, 0, 0, true);
    vqd_notify(&d, RXQ);
    CHECK(write(master, "k\x01\x01m\x01zn\x01x", 10) == 10);
    usleep(10000);
    poll_dev(&b);
    uint16_t id;
    uint32_t len;
    CHECK(vqd_used(&d, RXQ, &id, &len) && len == 4); /* what came before Ctrl-A x */
    CHECK(memcmp(vqd_ram(&d, a, 4), "k\x01mn", 4) == 0);
    CHECK_EQ(b.exit_kind, EXIT_HOST_ERROR);
    b.exit_kind = EXIT_NONE;
    console_tty_restore();
    b.console_in = old_in;
    close(slave);
    close(master);
}

static void test_broken_chain(void)
{
    vqd_init(&d, &b, SLOT, 2);
    vqd_offer(&d, TXQ, 0x1000, 8, 0, 0, false); /* outside RAM */
    vqd_notify(&d, TXQ);
    CHECK(vqd_rd(&d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET);
    vqd_init(&d, &b, SLOT, 2);
    CHECK_EQ(vqd_rd(&d, VIRTIO_MMIO_STATUS), 0xf);
}

/* Input typed but not yet received is the guest's: it travels in the section. */
static void test_snapshot(void)
{
    uint8_t image[512];
    const struct device *dv = dev_of(&b), *dv2 = dev_of(&b2);
    vqd_init(&d, &b, SLOT, 2);
    CHECK(write(in_wr, "pending", 7) == 7);
    poll_dev(&b);
    size_t n = stub_snap_save(dv, image, sizeof(image));
    CHECK(n > 11);
    CHECK_EQ(load_le(image + n - 11, 4), 7);
    CHECK(memcmp(image + n - 7, "pending", 7) == 0);
    memcpy(b2.bus.ram, b.bus.ram, b.bus.ram_size);
    const char *why = NULL;
    CHECK(stub_snap_load(dv2, image, n, &why) && why == NULL);
    struct vqd d2 = d;
    d2.b = &b2;
    uint64_t a = vqd_buf(&d2, 32);
    vqd_offer(&d2, RXQ, a, 32, 0, 0, true);
    vqd_notify(&d2, RXQ);
    uint16_t id;
    uint32_t len;
    CHECK(vqd_used(&d2, RXQ, &id, &len) && len == 7);
    CHECK(memcmp(vqd_ram(&d2, a, 7), "pending", 7) == 0);

    CHECK(stub_snap_refuses(dv2, image, n, n, n - 11, 257, 4));   /* more than it holds */
    CHECK(stub_snap_refuses(dv2, image, n, n, n - 11, 8, 4));     /* runs past the end */
    CHECK(stub_snap_refuses(dv2, image, n, n - 1, 0, 0, 0));      /* cut short */
    CHECK(stub_snap_refuses(dv2, image, n, n + 1, 0, 0, 0));      /* a byte too many */
    CHECK(stub_snap_refuses(dv2, image, n, n, 0, 4, 4));          /* another device */
    poll_dev(&b); /* deliver b's own pending input: nothing is left over */
    vqd_offer(&d, RXQ, vqd_buf(&d, 32), 32, 0, 0, true);
    vqd_notify(&d, RXQ);
    CHECK(vqd_used(&d, RXQ, &id, &len) && len == 7);
}

int main(void)
{
    int out[2], in[2];
    CHECK_EQ(stub_board_init(&b, 1), 0);
    CHECK_EQ(stub_board_init(&b2, 1), 0);
    if (pipe(out) < 0 || pipe(in) < 0)
        return 1;
    fcntl(out[0], F_SETFL, O_NONBLOCK);
    out_rd = out[0];
    in_wr = in[1];
    b.console_out = out[1];
    b.console_in = in[0];
    struct board_device_spec spec = {"console", ""};
    CHECK(uart_create(&b) != NULL);
    CHECK(virtio_console_create(&b, SLOT, &spec) != NULL);
    CHECK(virtio_console_create(&b2, SLOT, &spec) != NULL);
    vqd_init(&d, &b, SLOT, 2);
    test_create();
    test_output();
    test_input();
    test_uart_left_out();
    test_escapes();
    test_broken_chain();
    test_snapshot();
    stub_board_free(&b);
    stub_board_free(&b2);
    return check_summary("virtio_console");
}
