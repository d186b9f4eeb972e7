/* The terminal at the far end of a 2703 line, played for a telnet client:
 * what its keyboard sends on the line when the user types an ASCII key,
 * and what its printer shows for the line codes the program writes.
 *
 * 2741 (devices/comm_codes.h for the codes). The type element has a case,
 * shared by printing and typing as on the real Selectric mechanism: the
 * program's UPSHIFT/DOWNSHIFT characters set it, and a typed character of
 * the other case is preceded on the line by the shift character the
 * typist's shift key would send; the first character with a case in each
 * input transmission always carries one, so that the program's input
 * translation never depends on the case its output left. An input
 * transmission is what the 2741 sends between its keyboard unlocking and
 * RETURN: when the program's last transmission ended with EOT (circle C,
 * the line is in control mode) the terminal opens with EOA (circle D);
 * RETURN sends NEW LINE then EOT. While in control mode the printer
 * prints nothing (addressing characters) until the program sends EOA.
 * BYPASS starts print inhibit (typed characters are not printed: the
 * password case) and RESTORE ends it. Backspace and tab keys send the
 * 2741's BACKSPACE and TAB.
 *
 * TTY 33/35. Keys send ASCII with parity, bit-reversed; RETURN (CR) and
 * EOT (control-D) end an input transmission. A 33/35 has no lower case:
 * with `upper_case_only`, typed letters are sent and printed in upper case.
 * NUL and DEL, which programs send as fill characters, print nothing.
 *
 * Both. The attention key (configurable; control-C by default) is the
 * 2741's ATTN key or the Teletype's BREAK key. Typed characters are
 * printed (echoed) by the terminal, as the 2741's typewriter and a
 * half-duplex Teletype print what is typed, when `echo` is on. */
#ifndef VM67_DEVICES_COMM_TERMINAL_H
#define VM67_DEVICES_COMM_TERMINAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/comm_codes.h"

enum comm_terminal_type {
    COMM_TERMINAL_2741,
    COMM_TERMINAL_TTY,
};

struct comm_terminal_config {
    enum comm_terminal_type type;
    enum comm_2741_code_set code_set;  /* 2741 */
    enum comm_parity parity;           /* TTY */
    bool upper_case_only;              /* fold typed and printed letters */
    int attention_key;                 /* ASCII code of the ATTN key, -1 none */
    bool echo;                         /* print typed characters */
};

struct comm_terminal {
    struct comm_terminal_config config;
    bool upper_case;      /* 2741: the case of the type element */
    bool case_known;
    bool control_mode;    /* 2741: the program's last transmission ended with EOT */
    bool print_inhibit;   /* 2741: BYPASS received, no RESTORE yet */
    bool transmitting;    /* 2741: inside an input transmission */
    bool after_cr;        /* a CR was typed: a following LF is part of RETURN */
};

/* The most line codes one key can send (EOA, shift, character / EOA, NEW
 * LINE, EOT) and the most bytes its echo takes. */
#define COMM_KEY_CODES_MAX 4
#define COMM_KEY_ECHO_MAX 2

enum comm_key_result {
    COMM_KEY_NOTHING,       /* the key sends nothing (LF after CR) */
    COMM_KEY_DATA,          /* codes were sent, the transmission goes on */
    COMM_KEY_END,           /* codes were sent and end the transmission */
    COMM_KEY_ATTENTION,     /* the ATTN/BREAK key: a break signal */
    COMM_KEY_REFUSED,       /* no such key on this terminal (echo holds a BEL) */
};

struct comm_key {
    uint8_t codes[COMM_KEY_CODES_MAX];
    size_t code_count;
    uint8_t echo[COMM_KEY_ECHO_MAX];
    size_t echo_count;
};

void comm_terminal_init(struct comm_terminal *t, const struct comm_terminal_config *config);

/* The state of a freshly answered call: text mode, case unknown, no print
 * inhibit, no transmission under way. */
void comm_terminal_reset(struct comm_terminal *t);

/* The user typed `ascii`. */
enum comm_key_result comm_terminal_key(struct comm_terminal *t, uint8_t ascii, struct comm_key *key);

/* The user pressed ATTN/BREAK or the line was turned around: a partly
 * typed transmission is abandoned. */
void comm_terminal_abandon_transmission(struct comm_terminal *t);

/* The program wrote `length` line codes: the ASCII the terminal prints.
 * `out` must hold 2 * length bytes; returns the number written. */
size_t comm_terminal_print(struct comm_terminal *t, const uint8_t *codes, size_t length, uint8_t *out);

/* True when `code`, received from the terminal, ends an input
 * transmission (2741 EOT; TTY CR or EOT). */
bool comm_terminal_ends_transmission(const struct comm_terminal *t, uint8_t code);

/* True when a Read ended by `code` ends with unit exception: the TTY's
 * EOT character (2703 component description, status "Channel End, Device
 * End, and Unit Exception", Telegraph Terminal Control Type II). */
bool comm_terminal_end_is_exception(const struct comm_terminal *t, uint8_t code);

#endif
