/* Character-level rules of the assembler language: symbols, quoted
 * strings, attribute references (L'X) and the splitting of operand fields.
 *
 * A quote starts a string unless it is an attribute reference: a single
 * attribute letter (L T S I K N D O) that does not continue a symbol,
 * followed by a quote and then a symbol or variable symbol (L'FIELD,
 * K'&P). Inside a string, two quotes stand for one. */
#ifndef VM67_ASM_LEXER_H
#define VM67_ASM_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#define ASM_SYMBOL_MAX 63

bool lexer_is_symbol_start(char c);
bool lexer_is_symbol_char(char c);
/* Length of the ordinary symbol starting at s[pos] (0 if none). */
size_t lexer_symbol_length(const char *s, size_t len, size_t pos);
/* True if the quote at s[pos] follows an attribute letter. */
bool lexer_is_attribute_quote(const char *s, size_t len, size_t pos);
/* s[pos] is an opening quote: returns the index just past the closing
 * quote, or (size_t)-1 if the string is not closed. */
size_t lexer_skip_string(const char *s, size_t len, size_t pos);
/* The end of the field starting at pos: the first blank outside strings,
 * or len. */
size_t lexer_field_end(const char *s, size_t len, size_t pos);
/* Scans from pos to the end of one operand: the next comma at
 * parenthesis depth 0 outside strings, or len. */
size_t lexer_operand_end(const char *s, size_t len, size_t pos);
/* Copies the symbol in upper case into out (ASM_SYMBOL_MAX+1 bytes); the
 * symbol may be longer, in which case it is cut. */
void lexer_copy_upper(char *out, size_t out_size, const char *s, size_t n);
char lexer_upper(char c);

#endif
