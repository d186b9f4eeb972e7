#include "tests/unit/asm/asm_test_support.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "asm/byte_buffer.h"
#include "asm/ipl_deck.h"
#include "lib/bytes.h"

struct assembly *asm_test_assemble_with(const char *source, const char *const *dirs, size_t dir_count)
{
    struct asm_options o = {dirs, dir_count};
    struct assembly *a = assembly_create(&o);
    assembly_read_text(a, "test.asm", source);
    assembly_assemble(a);
    return a;
}

struct assembly *asm_test_assemble(const char *source)
{
    return asm_test_assemble_with(source, NULL, 0);
}

char *asm_test_messages(const struct assembly *a)
{
    struct byte_buffer b, all;
    byte_buffer_init(&b);
    byte_buffer_init(&all);
    byte_buffer_append_string(&all, "");
    for (size_t i = 0; i < a->diagnostics.count; i++) {
        byte_buffer_clear(&b);
        diagnostics_format(&a->diagnostics.items[i], &a->sources, &b);
        byte_buffer_printf(&all, "%s\n", (const char *)b.data);
    }
    byte_buffer_free(&b);
    return byte_buffer_take_string(&all);
}

void asm_test_assert_clean_at(const struct assembly *a, const char *file, int line)
{
    if (a->diagnostics.count != 0) {
        char *m = asm_test_messages(a);
        ck_assert_msg(0, "%s:%d: expected no messages, got:\n%s", file, line, m);
        free(m);
    }
}

size_t asm_test_hex(const char *hex, uint8_t *out, size_t max)
{
    size_t n = 0;
    int high = -1;
    for (const char *p = hex; *p != '\0'; p++) {
        if (isspace((unsigned char)*p))
            continue;
        ck_assert_msg(isxdigit((unsigned char)*p), "bad hex digit '%c' in \"%s\"", *p, hex);
        int v = isdigit((unsigned char)*p) ? *p - '0' : toupper((unsigned char)*p) - 'A' + 10;
        if (high < 0) {
            high = v;
        } else {
            ck_assert_uint_lt(n, max);
            out[n++] = (uint8_t)(high << 4 | v);
            high = -1;
        }
    }
    ck_assert_msg(high < 0, "odd number of hex digits in \"%s\"", hex);
    return n;
}

/* The byte at an assembled address, or -1 if no text covers it (the last
 * text written wins, as in a loader). */
static int text_byte(const struct assembly *a, uint32_t address)
{
    int v = -1;
    for (size_t i = 0; i < a->text_count; i++) {
        const struct text_run *r = &a->text[i];
        if (address >= r->address && address < r->address + r->len)
            v = r->data[address - r->address];
    }
    return v;
}

void asm_test_assert_bytes_at(const struct assembly *a, uint32_t address, const char *hex, const char *file,
                              int line)
{
    if (a->diagnostics.error_count != 0) {
        char *m = asm_test_messages(a);
        ck_assert_msg(0, "%s:%d: the assembly has errors:\n%s", file, line, m);
        free(m);
    }
    uint8_t want[4096];
    size_t n = asm_test_hex(hex, want, sizeof want);
    char got[8300], expect[8300];
    size_t go = 0, eo = 0;
    bool same = true;
    for (size_t i = 0; i < n; i++) {
        int b = text_byte(a, address + (uint32_t)i);
        if (b != want[i])
            same = false;
        if (b < 0)
            go += (size_t)snprintf(got + go, sizeof got - go, "--");
        else
            go += (size_t)snprintf(got + go, sizeof got - go, "%02X", b);
        eo += (size_t)snprintf(expect + eo, sizeof expect - eo, "%02X", want[i]);
    }
    ck_assert_msg(same, "%s:%d: object code at X'%X': expected %s, got %s", file, line, address, expect, got);
}

void asm_test_assert_message_at(const struct assembly *a, int severity, unsigned line, unsigned column,
                                const char *part, const char *file, int at_line)
{
    for (size_t i = 0; i < a->diagnostics.count; i++) {
        const struct asm_diagnostic *d = &a->diagnostics.items[i];
        if ((int)d->severity == severity && d->where.line == line && d->where.column == column &&
            strstr(d->message, part) != NULL)
            return;
    }
    char *m = asm_test_messages(a);
    ck_assert_msg(0, "%s:%d: expected a %s at test.asm:%u:%u containing \"%s\"; messages:\n%s", file, at_line,
                  diagnostics_severity_name((enum asm_severity)severity), line, column, part, m);
    free(m);
}

uint32_t asm_test_symbol(const struct assembly *a, const char *name)
{
    struct asm_value v;
    ck_assert_msg(assembly_symbol_value(a, name, &v, NULL), "symbol %s is not defined", name);
    return (uint32_t)v.value;
}

char *asm_test_temp_dir(void)
{
    char *t = strdup("/tmp/vm67-asm-test-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(t));
    return t;
}

void asm_test_write_file(const char *dir, const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

void asm_test_remove_dir(char *dir)
{
    DIR *d = opendir(dir);
    if (d != NULL) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
    free(dir);
}

int asm_test_run_suite(Suite *s)
{
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed == 0 ? 0 : 1;
}

size_t asm_test_simulate_ipl(const uint8_t *deck, size_t len, uint8_t *mem, size_t size)
{
    size_t cards = len / 80, next;
    ck_assert_uint_ge(cards, 1);
    /* The implicit IPL CCW: read, data address 0, count 24, CC + SLI. */
    memcpy(mem, deck, 24);
    next = 1;
    uint32_t ccw = 8;
    for (int steps = 0; steps < 1000000; steps++) {
        ck_assert_uint_le(ccw + 8, size);
        uint8_t cmd = mem[ccw];
        uint32_t addr = (uint32_t)mem[ccw + 1] << 16 | (uint32_t)mem[ccw + 2] << 8 | mem[ccw + 3];
        uint8_t flags = mem[ccw + 4];
        uint16_t count = load_be16(mem + ccw + 6);
        if (cmd == IPL_CCW_TIC) {
            ccw = addr;
            continue;
        }
        ck_assert_uint_eq(cmd, IPL_CCW_READ);
        ck_assert_uint_ne(count, 0);
        ck_assert_msg(next < cards, "the channel program reads past the end of the deck");
        uint32_t n = count < 80 ? count : 80;
        ck_assert(count >= 80 || (flags & IPL_CCW_SLI)); /* short reads suppress incorrect length */
        ck_assert_uint_le(addr + n, size);
        memcpy(mem + addr, deck + next * 80, n);
        next++;
        if (!(flags & IPL_CCW_CHAIN_COMMAND))
            return next;
        ccw += 8;
    }
    ck_assert_msg(0, "the channel program does not end");
    return 0;
}
