/* Goldfish RTC: guest time = board wall clock + an offset the guest sets by writing the time;
 * an armed alarm raises the interrupt from poll() once the guest time reaches it. */
#include "dev/rtc.h"

#include <libfdt.h>
#include <stdlib.h>

struct rtc {
    struct board *b;
    uint64_t offset;    /* guest time minus wall time, modulo 2^64 */
    uint32_t time_high; /* latched by reading TIME_LOW, so the two halves agree */
    uint64_t alarm;
    bool alarm_armed;
    bool irq_enabled;
    bool irq_pending;
};

static uint64_t rtc_now(const struct rtc *r)
{
    return board_wall_ns(r->b) + r->offset; /* unsigned: wraps, never overflows */
}

static void rtc_update_irq(struct rtc *r)
{
    board_set_irq(r->b, VIRT_RTC_IRQ, r->irq_pending && r->irq_enabled);
}

static void rtc_check_alarm(struct rtc *r)
{
    if (r->alarm_armed && rtc_now(r) >= r->alarm) {
        r->alarm_armed = false;
        r->irq_pending = true;
    }
    rtc_update_irq(r);
}

/* Setting one half of the time keeps the other half of the current time (Linux writes the
 * high half, then the low half). */
static void rtc_set_half(struct rtc *r, bool high, uint32_t val)
{
    uint64_t now = rtc_now(r);
    uint64_t want = high ? (now & 0xffffffffull) | (uint64_t)val << 32
                         : (now & ~0xffffffffull) | val;
    r->offset += want - now;
}

static uint32_t rtc_read32(struct rtc *r, uint32_t off)
{
    switch (off) {
    case RTC_TIME_LOW: {
        uint64_t now = rtc_now(r);
        r->time_high = (uint32_t)(now >> 32);
        return (uint32_t)now;
    }
    case RTC_TIME_HIGH: return r->time_high;
    case RTC_ALARM_LOW: return (uint32_t)r->alarm;
    case RTC_ALARM_HIGH: return (uint32_t)(r->alarm >> 32);
    case RTC_IRQ_ENABLED: return r->irq_enabled;
    case RTC_ALARM_STATUS: return r->alarm_armed;
    default: return 0;
    }
}

static void rtc_write32(struct rtc *r, uint32_t off, uint32_t val)
{
    switch (off) {
    case RTC_TIME_LOW: rtc_set_half(r, false, val); break;
    case RTC_TIME_HIGH: rtc_set_half(r, true, val); break;
    case RTC_ALARM_LOW:
        r->alarm = (r->alarm & ~0xffffffffull) | val;
        r->alarm_armed = true;
        break;
    case RTC_ALARM_HIGH: r->alarm = (r->alarm & 0xffffffffull) | (uint64_t)val << 32; break;
    case RTC_IRQ_ENABLED: r->irq_enabled = val & 1; break;
    case RTC_CLEAR_ALARM: r->alarm_armed = false; break;
    case RTC_CLEAR_INTERRUPT: r->irq_pending = false; break;
    default: return;
    }
    rtc_check_alarm(r); /* an alarm set in the past fires at once */
}

/* 32-bit registers: an aligned 8-byte access is two 32-bit ones, low word first (so a 64-bit
 * read of TIME_LOW gets a consistent time); other sizes and misaligned accesses fault. */
static bool rtc_mmio_read(void *opaque, uint64_t off, unsigned size, uint64_t *val)
{
    if (size < 4 || (off & (size - 1)))
        return false;
    uint64_t v = rtc_read32(opaque, (uint32_t)off);
    if (size == 8)
        v |= (uint64_t)rtc_read32(opaque, (uint32_t)off + 4) << 32;
    *val = v;
    return true;
}

static bool rtc_mmio_write(void *opaque, uint64_t off, unsigned size, uint64_t val)
{
    if (size < 4 || (off & (size - 1)))
        return false;
    rtc_write32(opaque, (uint32_t)off, (uint32_t)val);
    if (size == 8)
        rtc_write32(opaque, (uint32_t)off + 4, (uint32_t)(val >> 32));
    return true;
}

static const struct mmio_ops rtc_mmio_ops = {
    .read = rtc_mmio_read,
    .write = rtc_mmio_write,
};

/* --- board hooks --- */

static void rtc_fdt_node(void *dev, struct board *b, void *fdt)
{
    (void)dev;
    const fdt32_t reg[] = {0, cpu_to_fdt32(VIRT_RTC_BASE), 0, cpu_to_fdt32(RTC_SIZE)};
    int err = fdt_begin_node(fdt, "rtc@101000");
    err |= fdt_property_string(fdt, "compatible", "google,goldfish-rtc");
    err |= fdt_property(fdt, "reg", reg, sizeof(reg));
    err |= fdt_property_u32(fdt, "interrupt-parent", b->plic_phandle);
    err |= fdt_property_u32(fdt, "interrupts", VIRT_RTC_IRQ);
    err |= fdt_end_node(fdt);
    if (err)
        log_error("device tree: cannot add the RTC node");
}

/* The clock survives a reset (it is battery-backed); the alarm and interrupt do not. */
static void rtc_reset(void *dev)
{
    struct rtc *r = dev;
    r->alarm = 0;
    r->alarm_armed = r->irq_enabled = r->irq_pending = false;
    rtc_update_irq(r);
}

static void rtc_poll(void *dev)
{
    struct rtc *r = dev;
    if (r->alarm_armed)
        rtc_check_alarm(r);
}

/* The alarm is in guest nanoseconds; the board wants mtime ticks, rounded up. */
static uint64_t rtc_next_deadline(void *dev)
{
    struct rtc *r = dev;
    if (!r->alarm_armed)
        return UINT64_MAX;
    uint64_t now = rtc_now(r), mtime = board_mtime(r->b);
    if (now >= r->alarm)
        return mtime;
    const uint64_t ns_per_tick = 1000000000ull / VIRT_TIMEBASE_HZ;
    uint64_t ticks = (r->alarm - now + ns_per_tick - 1) / ns_per_tick;
    return ticks > UINT64_MAX - mtime ? UINT64_MAX : mtime + ticks;
}

static void rtc_destroy(void *dev)
{
    free(dev);
}

/* --- snapshot: the guest's offset from the board's wall clock (the board decides what that
 * clock reads after a restore), the latched high half, the alarm and three flags. --- */

#define RTC_SNAP_VERSION 1
#define RTC_SNAP_ALARM_ARMED 0x1u
#define RTC_SNAP_IRQ_ENABLED 0x2u
#define RTC_SNAP_IRQ_PENDING 0x4u

static const struct snap_field rtc_fields[] = {
    SNAP_FIELD(struct rtc, offset),
    SNAP_FIELD(struct rtc, time_high),
    SNAP_FIELD(struct rtc, alarm),
};

static void rtc_save(void *dev, struct snap_writer *w)
{
    struct rtc *r = dev;
    snap_w_fields(w, r, rtc_fields, ARRAY_SIZE(rtc_fields));
    snap_w_u32(w, (r->alarm_armed ? RTC_SNAP_ALARM_ARMED : 0) |
                      (r->irq_enabled ? RTC_SNAP_IRQ_ENABLED : 0) |
                      (r->irq_pending ? RTC_SNAP_IRQ_PENDING : 0));
}

/* Read into a copy so that a refused section leaves the device as it was; then drive the
 * interrupt line. An alarm already due fires at the next poll, as it would have anyway. */
static bool rtc_load(void *dev, struct snap_reader *rd)
{
    struct rtc *r = dev, s = *r;
    snap_r_fields(rd, &s, rtc_fields, ARRAY_SIZE(rtc_fields));
    uint32_t flags = snap_r_u32(rd);
    if (!snap_r_done(rd))
        return false;
    if (flags & ~(RTC_SNAP_ALARM_ARMED | RTC_SNAP_IRQ_ENABLED | RTC_SNAP_IRQ_PENDING))
        return snap_r_fail(rd, "unknown flags");
    s.alarm_armed = flags & RTC_SNAP_ALARM_ARMED;
    s.irq_enabled = flags & RTC_SNAP_IRQ_ENABLED;
    s.irq_pending = flags & RTC_SNAP_IRQ_PENDING;
    *r = s;
    rtc_update_irq(r);
    return true;
}

static const struct device_ops rtc_device_ops = {
    .name = "rtc",
    .fdt_node = rtc_fdt_node,
    .reset = rtc_reset,
    .poll = rtc_poll,
    .next_deadline = rtc_next_deadline,
    .destroy = rtc_destroy,
    .snap_tag = SNAP_TAG('G', 'R', 'T', 'C'),
    .snap_version = RTC_SNAP_VERSION,
    .save = rtc_save,
    .load = rtc_load,
};

struct rtc *rtc_create(struct board *b)
{
    struct rtc *r = calloc(1, sizeof(*r));
    if (!r) {
        log_error("rtc: out of memory");
        return NULL;
    }
    r->b = b;
    if (board_attach(b, &rtc_device_ops, r, VIRT_RTC_BASE, RTC_SIZE, &rtc_mmio_ops) < 0) {
        free(r);
        return NULL;
    }
    return r;
}
