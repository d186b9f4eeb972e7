/* The cards a punch produces, written to a host file with Hercules's punch
 * options (hercconf "Card punch devices"):
 *
 *   ebcdic    (the default) 80-byte EBCDIC card images, nothing between
 *   ascii     one line per card, translated from EBCDIC (code page 037),
 *             trailing blanks removed, ended by LF
 *   crlf      with ascii: lines end with CR LF
 *   noclear   append to the file instead of emptying it first */
#ifndef VM67_DEVICES_CARD_OUTPUT_H
#define VM67_DEVICES_CARD_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/error.h"

struct card_output {
    char *path;
    FILE *file;
    bool ascii;
    bool crlf;
    bool noclear;
    unsigned long cards;
    unsigned long long bytes; /* the file's length: where the next card goes */
};

/* `arg` is one of the punch options; sets it. */
bool card_output_option(struct card_output *o, const char *arg);
/* Opens `path` with the options already set. */
bool card_output_open(struct card_output *o, const char *path, struct error *err);
/* Punches one card (80 bytes); it reaches the file (flushed) before this
 * returns. A failure names the file, the card and its byte offset. */
bool card_output_punch(struct card_output *o, const uint8_t card[80], struct error *err);
/* Flushes and closes. */
bool card_output_close(struct card_output *o, struct error *err);

#endif
