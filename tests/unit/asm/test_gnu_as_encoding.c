/* Every instruction form, encoded by vm67 asm and by an independent
 * assembler, GNU as for s390 in ESA mode (s390x-linux-gnu-as -m31 -mesa,
 * Debian package binutils-s390x-linux-gnu), which encodes the S/360
 * subset. Each mnemonic is assembled with several operand sets that put
 * every register field at 0, at 15 and in between, displacements at 0 and
 * 4095, and lengths at their limits, in the explicit D(X,B) forms both
 * assemblers read alike. The instructions GNU as does not have (SIO, TIO,
 * HIO, TCH, SSK, ISK, RDD, WRD, LMC, STMC) are checked by hand in
 * test_instructions.c. Skips (exit 77) when the tool is absent. */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "asm/instruction_table.h"
#include "tests/unit/asm/asm_test_support.h"

#ifndef S390_AS_PATH
#define S390_AS_PATH ""
#endif
#ifndef S390_OBJCOPY_PATH
#define S390_OBJCOPY_PATH ""
#endif

static const char *const gnu_lacks[] = {"SIO", "TIO", "HIO", "TCH", "SSK", "ISK", "RDD", "WRD", "LMC", "STMC"};

static bool gnu_has(const char *m)
{
    for (size_t i = 0; i < sizeof gnu_lacks / sizeof gnu_lacks[0]; i++)
        if (strcmp(m, gnu_lacks[i]) == 0)
            return false;
    return true;
}

/* Instructions on an even-odd register pair: GNU as rejects an odd R1,
 * as the 67 would at run time (specification exception). */
static bool pair(const char *m)
{
    static const char *const pairs[] = {"D", "DR", "M", "MR", "SLDA", "SLDL", "SRDA", "SRDL"};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (strcmp(m, pairs[i]) == 0)
            return true;
    return false;
}

static const char *const *pair_sets(enum instruction_format f, size_t *n)
{
    static const char *const rr[] = {"0,15", "8,7", "14,1"};
    static const char *const rx[] = {"0,0(0,0)", "14,4095(15,15)", "2,1234(5,6)"};
    static const char *const sh[] = {"0,0(0)", "14,63(15)", "4,4095(13)", "6,1"};
    *n = f == FORMAT_RS_SHIFT ? 4 : 3;
    return f == FORMAT_RR ? rr : f == FORMAT_RX ? rx : sh;
}

static const char *const *operand_sets(enum instruction_format f, size_t *n)
{
    static const char *const rr[] = {"0,15", "7,8", "14,1", "15,0"};
    static const char *const r1[] = {"0", "9", "15"};
    static const char *const imm[] = {"0", "127", "255"};
    static const char *const rx[] = {"0,0(0,0)", "15,4095(15,15)", "3,1234(5,6)", "9,8(0,12)", "1,2048(10,0)"};
    static const char *const rxb[] = {"0(0,0)", "4095(15,15)", "1234(5,6)", "8(0,12)"};
    static const char *const rs[] = {"0,0,0(0)", "15,15,4095(15)", "1,14,100(13)", "8,7,2049(1)"};
    static const char *const sh[] = {"0,0(0)", "15,63(15)", "4,4095(13)", "6,1"};
    static const char *const si[] = {"0(0),0", "4095(15),255", "100(5),193", "2049(10),128"};
    static const char *const s[] = {"0(0)", "4095(15)", "100(5)"};
    static const char *const ssl[] = {"0(1,0),0(0)", "4095(256,15),4095(15)", "100(80,5),200(6)", "1(128,8),2(9)"};
    static const char *const ssll[] = {"0(1,0),0(1,0)", "4095(16,15),4095(16,15)", "100(8,5),200(3,6)",
                                       "7(1,2),9(16,3)"};
    switch (f) {
    case FORMAT_RR:
        *n = 4;
        return rr;
    case FORMAT_RR_R1:
    case FORMAT_RR_BRANCH:
        *n = 3;
        return r1;
    case FORMAT_RR_I:
        *n = 3;
        return imm;
    case FORMAT_RX:
        *n = 5;
        return rx;
    case FORMAT_RX_BRANCH:
        *n = 4;
        return rxb;
    case FORMAT_RS:
        *n = 4;
        return rs;
    case FORMAT_RS_SHIFT:
        *n = 4;
        return sh;
    case FORMAT_SI:
        *n = 4;
        return si;
    case FORMAT_S:
        *n = 3;
        return s;
    case FORMAT_SS_L:
        *n = 4;
        return ssl;
    case FORMAT_SS_LL:
        *n = 4;
        return ssll;
    }
    *n = 0;
    return NULL;
}

static bool executable(const char *path)
{
    return path[0] != '\0' && access(path, X_OK) == 0;
}

START_TEST(test_every_instruction_form_encodes_as_gnu_as_encodes_it)
{
    char *dir = asm_test_temp_dir();
    char path_s[512], path_o[512], path_bin[512], cmd[4096];
    snprintf(path_s, sizeof path_s, "%s/forms.s", dir);
    snprintf(path_o, sizeof path_o, "%s/forms.o", dir);
    snprintf(path_bin, sizeof path_bin, "%s/forms.bin", dir);
    FILE *gnu = fopen(path_s, "w");
    ck_assert_ptr_nonnull(gnu);
    fputs("\t.text\n", gnu);
    size_t cap = 1 << 16, len = 0;
    char *mine = malloc(cap);
    len += (size_t)snprintf(mine + len, cap - len, "T        CSECT\n");
    size_t count = 0;
    size_t n;
    const struct instruction_definition *t = instruction_table(&n);
    /* Remember each line so that a mismatch names it. */
    char (*lines)[64] = calloc(4096, sizeof *lines);
    for (size_t i = 0; i < n; i++) {
        if (!gnu_has(t[i].mnemonic))
            continue;
        size_t k;
        const char *const *sets = pair(t[i].mnemonic) ? pair_sets((enum instruction_format)t[i].format, &k)
                                                      : operand_sets((enum instruction_format)t[i].format, &k);
        for (size_t j = 0; j < k; j++) {
            char lower[16];
            const char *gm = strcmp(t[i].mnemonic, "DIAGNOSE") == 0 ? "DIAG" : t[i].mnemonic;
            size_t m;
            for (m = 0; gm[m] != '\0' && m < sizeof lower - 1; m++)
                lower[m] = (char)tolower((unsigned char)gm[m]);
            lower[m] = '\0';
            fprintf(gnu, "\t%s %s\n", lower, sets[j]);
            if (len + 128 > cap) {
                cap *= 2;
                mine = realloc(mine, cap);
            }
            len += (size_t)snprintf(mine + len, cap - len, "         %-8s %s\n", t[i].mnemonic, sets[j]);
            snprintf(lines[count], sizeof lines[count], "%s %s", t[i].mnemonic, sets[j]);
            count++;
        }
    }
    fclose(gnu);
    snprintf(mine + len, cap - len, "         END\n");
    snprintf(cmd, sizeof cmd, "'%s' -m31 -mesa -o '%s' '%s' && '%s' -O binary -j .text '%s' '%s'", S390_AS_PATH, path_o,
             path_s, S390_OBJCOPY_PATH, path_o, path_bin);
    ck_assert_msg(system(cmd) == 0, "GNU as failed on %s", path_s);
    FILE *bin = fopen(path_bin, "rb");
    ck_assert_ptr_nonnull(bin);
    static uint8_t theirs[1 << 16];
    size_t got = fread(theirs, 1, sizeof theirs, bin);
    fclose(bin);

    struct assembly *a = asm_test_assemble(mine);
    asm_test_assert_clean(a);
    ck_assert_uint_eq(a->text_count, 1);
    const uint8_t *ours = a->text[0].data;
    size_t ours_len = a->text[0].len;
    ck_assert_msg(got >= ours_len, "GNU as produced %zu bytes, vm67 asm %zu", got, ours_len);
    /* Walk instruction by instruction so that a mismatch names its line. */
    size_t off = 0;
    for (size_t i = 0; i < count; i++) {
        unsigned l = ours[off] < 0x40 ? 2 : ours[off] < 0xC0 ? 4 : 6;
        ck_assert_msg(memcmp(ours + off, theirs + off, l) == 0,
                      "%s: vm67 asm %02X%02X%02X%02X%02X%02X, GNU as %02X%02X%02X%02X%02X%02X (first %u bytes)",
                      lines[i], ours[off], ours[off + 1], ours[off + 2 < ours_len ? off + 2 : off],
                      ours[off + 3 < ours_len ? off + 3 : off], ours[off + 4 < ours_len ? off + 4 : off],
                      ours[off + 5 < ours_len ? off + 5 : off], theirs[off], theirs[off + 1], theirs[off + 2],
                      theirs[off + 3], theirs[off + 4], theirs[off + 5], l);
        off += l;
    }
    ck_assert_uint_eq(off, ours_len);
    printf("compared %zu instruction forms (%zu bytes) with GNU as\n", count, ours_len);
    assembly_destroy(a);
    free(lines);
    free(mine);
    unlink(path_s);
    unlink(path_o);
    unlink(path_bin);
    asm_test_remove_dir(dir);
}
END_TEST

int main(void)
{
    if (!executable(S390_AS_PATH) || !executable(S390_OBJCOPY_PATH)) {
        printf("skipped: s390x-linux-gnu-as or s390x-linux-gnu-objcopy not found (install the Debian package "
               "binutils-s390x-linux-gnu and re-run configure)\n");
        return 77;
    }
    Suite *s = suite_create("asm versus GNU as");
    TCase *t = tcase_create("encoding");
    tcase_add_test(t, test_every_instruction_form_encodes_as_gnu_as_encodes_it);
    suite_add_tcase(s, t);
    return asm_test_run_suite(s);
}
