/* Line codes of the terminals on a 2702/2703 transmission control: the
 * IBM 2741 (IBM Terminal Control Type I) and the Teletype models 33 and 35
 * (Telegraph Terminal Control Type II).
 *
 * A 2703 does not translate: a byte in main storage is the character as it
 * travels on the line, with its bits in line order, and the program
 * (CP-67, TCAM) translates with its own tables. This file knows those
 * codes, and how a terminal at the far end prints and types them, so that
 * the device (devices/comm_2703.c) can stand a telnet client in for the
 * terminal, and so that software built on vm67 (its own CP) can translate
 * EBCDIC the way CP-67 did.
 *
 * 2741 codes. A 2741 character has six information bits (B A 8 4 2 1)
 * and an odd-parity check bit C. The 2703 stores it as 0BA8421C: bit 0
 * (IBM numbering) is zero on input and ignored on output. Two code sets
 * exist, chosen by the type element of the terminal: EBCD (PTTC/EBCD, the
 * code of the 1050) and Correspondence (the office Selectric). Case is not
 * part of a code: the terminal sends UPSHIFT or DOWNSHIFT when the typist
 * changes case, and prints in the case the last shift character put its
 * type element in. The glyph assignments below are those of the period
 * translate tables of TCAM (IEDQ27 for EBCD, IEDQ28 for Correspondence,
 * facts also used by SIMH's ibm360_com.c for CP-67); the control
 * characters are the same in both code sets.
 *
 * TTY codes. A Teletype 33/35 sends 7-bit ASCII and a parity bit (even on
 * a standard 33), least significant bit first. The 2703 stores the first
 * bit received in bit 0 (IBM numbering, the X'80' bit), so a byte in
 * storage is the ASCII character with parity, bit-reversed: "A" (X'41',
 * even parity X'41') is X'82'. This is the order CP-67's and TCAM's TTY
 * tables expect (Hercules's commadpt documents the same order). A 33 or
 * 35 has no lower case.
 *
 * Glyphs are Latin-1 (the code page lib/ebcdic.h uses), so that the cent
 * sign and the not sign of the 2741 have a value; comm_ascii_for_glyph()
 * gives the 7-bit ASCII a telnet client is sent instead. */
#ifndef VM67_DEVICES_COMM_CODES_H
#define VM67_DEVICES_COMM_CODES_H

#include <stdbool.h>
#include <stdint.h>

enum comm_2741_code_set {
    COMM_2741_EBCD,
    COMM_2741_CORRESPONDENCE,
};

/* 2741 control characters (0BA8421C), the same in both code sets. */
#define COMM_2741_SPACE 0x01
#define COMM_2741_EOA 0x16        /* circle D: end of address, in control mode */
#define COMM_2741_UPSHIFT 0x1C
#define COMM_2741_EOT 0x1F        /* circle C: end of transmission */
#define COMM_2741_BYPASS 0x38     /* print inhibit on (2741 Print Inhibit feature) */
#define COMM_2741_LINE_FEED 0x3B
#define COMM_2741_RESTORE 0x58    /* print inhibit off */
#define COMM_2741_NEW_LINE 0x5B   /* carrier return and line feed */
#define COMM_2741_BACKSPACE 0x5D
#define COMM_2741_IDLE 0x5E
#define COMM_2741_TAB 0x7A
#define COMM_2741_DOWNSHIFT 0x7C
#define COMM_2741_DELETE 0x7F

/* The glyph sign a not-printable character gets in tables below. */
#define COMM_NO_GLYPH (-1)

/* True when `code` is a 2741 character with correct (odd) parity and bit 0
 * off, as a 2741 sends it. */
bool comm_2741_code_valid(uint8_t code);

/* The 2741 code (with its check bit) for six information bits BA8421. */
uint8_t comm_2741_code_from_bits(unsigned bits);

/* The Latin-1 glyph the terminal prints for `code` in the given case, or
 * COMM_NO_GLYPH for a control character or an unassigned code. Bit 0 and
 * the check bit of `code` are ignored, as the terminal ignores them. */
int comm_2741_glyph(enum comm_2741_code_set set, uint8_t code, bool upper_case);

/* The code and the case that print a Latin-1 glyph; false when the type
 * element has no such glyph. Characters printed in both cases (space, and
 * the period and comma of Correspondence) are reported in lower case. */
bool comm_2741_code_for_glyph(enum comm_2741_code_set set, uint8_t glyph, uint8_t *code, bool *upper_case);

/* EBCDIC <-> 2741. Graphics go through their glyph (lib/ebcdic.h code page
 * 037); the EBCDIC control characters NL, BS, HT, LF, EOT, UC, LC, IL, DEL,
 * BYP and RES map to the 2741 controls of the same meaning, which need no
 * case (`upper_case` is left unchanged for them). */
bool comm_2741_from_ebcdic(enum comm_2741_code_set set, uint8_t ebcdic, uint8_t *code, bool *upper_case);
/* The EBCDIC character for a 2741 code in a case, or -1 when none. */
int comm_2741_to_ebcdic(enum comm_2741_code_set set, uint8_t code, bool upper_case);

/* Parity of the TTY line code (the eighth bit). */
enum comm_parity {
    COMM_PARITY_EVEN,
    COMM_PARITY_ODD,
    COMM_PARITY_MARK,   /* always one */
    COMM_PARITY_SPACE,  /* always zero */
};

uint8_t comm_reverse_bits(uint8_t byte);

/* The byte a 2703 stores for a 7-bit ASCII character received from a TTY
 * with the given parity (see the top of this file). */
uint8_t comm_tty_line_from_ascii(uint8_t ascii, enum comm_parity parity);
/* The 7-bit ASCII character a TTY prints for a byte the program wrote (the
 * parity bit is ignored, as the terminal ignores it). */
uint8_t comm_tty_ascii_from_line(uint8_t line);

/* EBCDIC <-> TTY line code through the ASCII character of the same
 * meaning (code page 037). `upper_case_only` folds lower-case letters to
 * upper case, as a 33 or 35 prints them. Returns -1 when the EBCDIC
 * character has no 7-bit ASCII equivalent. */
int comm_tty_line_from_ebcdic(uint8_t ebcdic, enum comm_parity parity, bool upper_case_only);
uint8_t comm_tty_ebcdic_from_line(uint8_t line);

/* A telnet client is an ASCII terminal: the two 2741 glyphs outside ASCII
 * are shown and typed as ASCII stand-ins, the cent sign as '[' and the
 * not sign as '^' ('~' is accepted for the not sign as well). */
uint8_t comm_ascii_for_glyph(uint8_t glyph);
uint8_t comm_glyph_for_ascii(uint8_t ascii);

#endif
