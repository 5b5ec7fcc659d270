/* NS16550A UART of the `virt` board: the guest console. Output goes to b->console_out,
 * input comes from b->console_in (read without blocking from the device's poll op). */
#ifndef ARBOR_DEV_UART_H
#define ARBOR_DEV_UART_H

#include "board/board.h"

#define UART_SIZE 0x100u
#define UART_CLOCK_HZ 3686400u
#define UART_FIFO_SIZE 16

/* Register offsets (byte registers, no shift); DLAB = LCR bit 7 selects DLL/DLM at 0/1. */
enum {
    UART_RBR = 0, UART_THR = 0, UART_DLL = 0,
    UART_IER = 1, UART_DLM = 1,
    UART_IIR = 2, UART_FCR = 2,
    UART_LCR = 3, UART_MCR = 4, UART_LSR = 5, UART_MSR = 6, UART_SCR = 7,
};

#define UART_IER_ERBFI 0x01 /* received data available */
#define UART_IER_ETBEI 0x02 /* transmitter holding register empty */
#define UART_IER_ELSI 0x04  /* receiver line status */
#define UART_IER_EDSSI 0x08 /* modem status */

#define UART_IIR_NO_INT 0x01
#define UART_IIR_ID_MASK 0x0f
#define UART_IIR_MSI 0x00
#define UART_IIR_THRE 0x02
#define UART_IIR_RDA 0x04
#define UART_IIR_RLS 0x06
#define UART_IIR_RX_TIMEOUT 0x0c /* data below the FIFO trigger level */
#define UART_IIR_FIFO_ENABLED 0xc0

#define UART_FCR_ENABLE 0x01
#define UART_FCR_CLEAR_RX 0x02
#define UART_FCR_CLEAR_TX 0x04

#define UART_LCR_DLAB 0x80
#define UART_MCR_LOOP 0x10

#define UART_LSR_DR 0x01
#define UART_LSR_OE 0x02
#define UART_LSR_THRE 0x20
#define UART_LSR_TEMT 0x40

struct uart;

/* Map the UART at VIRT_UART0_BASE (PLIC source VIRT_UART0_IRQ), register it with the board
 * and set b->uart. Returns NULL (logged) when the bus or device table is full.
 * When b->console_in is a terminal, Ctrl-A x stops the machine (EXIT_HOST_ERROR), Ctrl-A h
 * lists the escapes and Ctrl-A Ctrl-A sends one Ctrl-A to the guest. */
struct uart *uart_create(struct board *b);

/* Write buffered guest output to b->console_out now. Output is also flushed at every newline,
 * at every poll and when the device is destroyed. */
void uart_flush(struct uart *u);

#endif
