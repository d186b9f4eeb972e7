/* The cards in a reader's hopper: one or more host files read as 80-column
 * cards, with Hercules's reader options (hercconf "Card reader devices"):
 *
 *   ebcdic     every file is 80-byte EBCDIC card images, one after another
 *   ascii      every file is text, one card a line (LF or CR LF ends a
 *              line; a tab advances to the next multiple of 8 columns),
 *              translated to EBCDIC (code page 037), padded with blanks
 *   (neither)  each file is examined: text if its first 4K are printable
 *              ASCII with line ends, else EBCDIC
 *   eof        an empty hopper gives unit exception (the END OF FILE key)
 *   intrq      an empty hopper gives unit check, intervention required
 *              (the default)
 *   multifile  the files follow each other without an end of file between
 *              them; without it each file's end is an end of file, and the
 *              next read goes on with the next file
 *   trunc      text lines longer than 80 columns are cut (else an error)
 *   autopad    an EBCDIC file that is not a whole number of cards is
 *              padded with blanks (else an error)
 *   lowercase  (vm67) keep lower case in text decks; by default it is
 *              folded to upper case, as a keypunch would
 *
 * Files are checked when the deck is loaded, so that a bad deck is
 * refused with the file and line at fault before the guest reads it. */
#ifndef VM67_DEVICES_CARD_DECK_H
#define VM67_DEVICES_CARD_DECK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/error.h"

#define CARD_COLUMNS 80

enum card_code {
    CARD_CODE_AUTO,
    CARD_CODE_EBCDIC,
    CARD_CODE_ASCII,
};

struct card_deck {
    enum card_code code;
    bool eof;
    bool multifile;
    bool trunc;
    bool autopad;
    bool lowercase;
    char **files;
    unsigned file_count;
    unsigned next_file;      /* the next file to open */
    FILE *file;              /* the file being read, or NULL */
    enum card_code file_code;
    unsigned long file_card; /* cards read from the current file */
    unsigned long cards_read;
    bool end_reported;       /* the end of the current file was presented */
};

/* Unpacks the reader arguments (file names and options) and checks every
 * file. */
bool card_deck_load(struct card_deck *d, int argc, char **argv, struct error *err);
void card_deck_unload(struct card_deck *d);

enum card_deck_result {
    CARD_DECK_CARD,  /* a card was read */
    CARD_DECK_END,   /* the hopper is empty (or a file ended) */
    CARD_DECK_ERROR, /* the host file failed (err says how) */
};

enum card_deck_result card_deck_read(struct card_deck *d, uint8_t card[CARD_COLUMNS], struct error *err);

/* Cards are left: in the open file (looked at without consuming it) or
 * in a file not yet opened. */
bool card_deck_has_cards(const struct card_deck *d);

/* One line for devlist. */
void card_deck_describe(const struct card_deck *d, char *buffer, size_t size);

#endif
