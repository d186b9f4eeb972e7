/* Self-defining terms: decimal (123), hexadecimal (X'7F'), binary
 * (B'0101') and character (C'AB', in EBCDIC) terms, each at most 32 bits.
 * In a character term two quotes stand for one quote and two ampersands
 * for one ampersand. */
#ifndef VM67_ASM_SELF_DEFINING_TERM_H
#define VM67_ASM_SELF_DEFINING_TERM_H

#include <stddef.h>
#include <stdint.h>

enum sdt_status {
    SDT_NOT_A_TERM = 0, /* nothing that looks like a self-defining term at pos */
    SDT_OK,
    SDT_ERROR,          /* looks like one but is bad: message and *error_at set */
};

enum sdt_status self_defining_term_parse(const char *s, size_t len, size_t pos, size_t *end, int32_t *value,
                                         char *message, size_t message_size, size_t *error_at);

/* True if the whole of s[0..len) is one self-defining term. */
int self_defining_term_whole(const char *s, size_t len, int32_t *value);

#endif
