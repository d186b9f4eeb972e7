/* The 1052 printer-keyboard (2150 console), also configured as Hercules's
 * 3215 (S360-67.md §4.1). The device executes the guest's commands; the
 * operator's side (the keys and the paper) is reached through the
 * functions below and reported through struct console_1052_host, which
 * the machine installs (the standard output, the console transcript and
 * the console script all live there). */
#ifndef VM67_DEVICES_CONSOLE_1052_H
#define VM67_DEVICES_CONSOLE_1052_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/device.h"

extern const struct device_type console_1052_type;

struct console_1052_host {
    void *context;
    /* A write (X'01' or X'09'): the EBCDIC bytes typed on the paper. */
    void (*wrote)(void *context, struct device *dev, uint8_t command, const uint8_t *text, size_t length);
    /* A read inquiry started: the keyboard is unlocked (PROCEED light). */
    void (*read_started)(void *context, struct device *dev);
    /* The read ended: what was typed on the paper (the channel received
     * at most its count of it), and how it ended. */
    void (*read_ended)(void *context, struct device *dev, const uint8_t *text, size_t length, bool cancelled);
    /* A control command (X'03' no-op, X'0B' audible alarm). */
    void (*control)(void *context, struct device *dev, uint8_t command);
    /* REQUEST was pressed and attention presented. */
    void (*attention)(void *context, struct device *dev);
};

bool device_is_console(const struct device *dev);

/* The host interface (kept by pointer; NULL removes it). */
void console_1052_set_host(struct device *dev, const struct console_1052_host *host);

/* A read inquiry is active: the keyboard accepts typing. */
bool console_1052_reading(const struct device *dev);

/* The operator types EBCDIC characters (only while reading). Each key is
 * printed and sent to the channel; a key typed when the read's count is
 * used up is printed but refused, which ends the read (with incorrect
 * length) and locks the keyboard: the rest is lost. Returns false when no
 * read is active. */
bool console_1052_type_text(struct device *dev, const uint8_t *text, size_t length);
/* What has been typed in the current read so far. */
size_t console_1052_typed(const struct device *dev, const uint8_t **text);

/* END: ends the read with what was typed (channel end, device end). */
bool console_1052_press_end(struct device *dev);
/* CANCEL: ends the read with unit exception. Ignored when not reading. */
bool console_1052_press_cancel(struct device *dev);
/* REQUEST: attention, when no read is active. */
bool console_1052_press_request(struct device *dev);

#endif
