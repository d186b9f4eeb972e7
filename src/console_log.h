/* The console transcript (--console-log FILE): one line per event at the
 * 1052, in the notation of the historical acceptance material
 * (../shared/historical/README.md "Console transcript notation"):
 *
 *   W09 text / W01 text   a write CCW X'09' / X'01'
 *   R0A text              a read: the bytes the channel received
 *   R0A text *CANCEL      a read ended by CANCEL (unit exception)
 *   N03                   a control CCW (X'03' no-op; X'0B' alarm: N0B)
 *   *ATTENTION            REQUEST pressed: attention presented
 *   *INTERRUPT-KEY        the system INTERRUPT key (external X'0040')
 *   *HIO                  the program issued HALT I/O to the console
 *   *WAIT PSW=w1 w2       the disabled wait that ended the run
 *
 * Text is EBCDIC shown as ASCII, other bytes as <XX>. When the INTERRUPT
 * key is pressed during a read, the read's line (what was typed so far)
 * is written first and not again when the read ends; a read still
 * pending when the run ends is written "R0A (read still pending: end of
 * run)", as the reference transcripts have it. */
#ifndef VM67_SRC_CONSOLE_LOG_H
#define VM67_SRC_CONSOLE_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/error.h"

struct console_log {
    FILE *file;
    char *path;
    bool read_logged; /* the current read's line is already written */
};

bool console_log_open(struct console_log *log, const char *path, struct error *err);
bool console_log_close(struct console_log *log, struct error *err);

void console_log_write(struct console_log *log, uint8_t command, const uint8_t *text, size_t length);
void console_log_read_started(struct console_log *log);
void console_log_read(struct console_log *log, const uint8_t *text, size_t length, bool cancelled);
void console_log_control(struct console_log *log, uint8_t command);
/* "*ATTENTION", "*HIO" ... */
void console_log_event(struct console_log *log, const char *event);
/* The INTERRUPT key; `typed` is the pending read's text, if one is
 * pending (reading true). */
void console_log_interrupt_key(struct console_log *log, bool reading, const uint8_t *typed, size_t length);
void console_log_wait(struct console_log *log, const uint32_t psw[2]);
void console_log_read_pending_at_end(struct console_log *log);

#endif
