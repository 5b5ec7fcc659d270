/* Goldfish RTC of the `virt` board: a 64-bit nanosecond wall clock with one alarm. */
#ifndef ARBOR_DEV_RTC_H
#define ARBOR_DEV_RTC_H

#include "board/board.h"

#define RTC_SIZE 0x1000u

/* Register offsets from VIRT_RTC_BASE (all 32 bits wide). */
enum {
    RTC_TIME_LOW = 0x00,  /* read: low half of the time, latches the high half */
    RTC_TIME_HIGH = 0x04, /* read: the latched high half */
    RTC_ALARM_LOW = 0x08, /* write: low half of the alarm, and arm it */
    RTC_ALARM_HIGH = 0x0c,
    RTC_IRQ_ENABLED = 0x10,
    RTC_CLEAR_ALARM = 0x14,
    RTC_ALARM_STATUS = 0x18, /* 1 while an alarm is armed */
    RTC_CLEAR_INTERRUPT = 0x1c,
};

struct rtc;

/* Map the RTC at VIRT_RTC_BASE (PLIC source VIRT_RTC_IRQ) and register it with the board.
 * Returns NULL (logged) when the bus or device table is full. */
struct rtc *rtc_create(struct board *b);

#endif
