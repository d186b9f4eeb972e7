/* Replays the differential vectors (tests/unit/cpu/vectors/ *.vec)
 * through the CPU, one instruction each.
 *
 * Each vector is a case that tests/differential/difftest.py ran as part
 * of a random stand-alone program on vm67, on Hercules 3.13 in S/370
 * mode and on SIMH's ibm360 (a 360/67), with the outcome Hercules gave
 * where vm67 agreed with it, or the outcome the System/360 Principles of
 * Operation demands where a 370 differs (each such vector names the rule
 * in its src= field; tests/differential/classify.py checks vm67's side
 * against the 360 rule and cites the PoO page). The file format is in
 * tests/differential/make_vectors.py. No emulator is needed here.
 *
 * For every vector: the general registers hold a fill pattern except
 * those listed, the FPRs likewise, storage the listed bytes (64K of it,
 * or the file's `storage` size); the PSW is BC mode, key 0, supervisor,
 * all interruptions masked (USASCII-8 mode when the file says `mode
 * usascii`), with the given condition code and program mask, at the
 * given address. One
 * instruction runs. Then every register, FPR and byte of the operand
 * area must equal the expected state, and either the PSW (no
 * interruption: CC, program mask, next address) or the program or SVC
 * old PSW (code, ILC, CC, program mask, address) must match. */
#include <check.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bytes.h"
#include "tests/unit/cpu/cpu_test_support.h"

#define DEFAULT_STORAGE (64u * 1024)
#define MAX_STORAGE (16u * 1024 * 1024)
#define MAX_FAILURES_SHOWN 20

struct vector {
    char mnemonic[16];
    uint8_t instruction[6];
    unsigned length;
    uint32_t at;
    uint8_t cc, pm;
    uint32_t regs_in[16], regs_out[16];
    uint64_t fprs_in[4], fprs_out[4];
    uint32_t storage;                /* bytes of storage (the file's `storage` line) */
    bool ascii;                      /* PSW bit 12 on (the file's `mode usascii` line) */
    uint8_t *memory_in, *memory_out; /* whole storage images */
    bool interruption;
    bool svc;
    uint16_t code;
    uint32_t old_psw_word1;
    uint8_t cc_out, pm_out;
    uint32_t next;
    bool skip_memory, skip_r1, skip_cc;
};

/* The fill patterns of tests/differential/case_builder.py. */
static uint32_t fill_register(unsigned n)
{
    return 0x5A5A5A00u | (n * 0x11u);
}

static uint64_t fill_fpr(unsigned i)
{
    return 0x5A5A5A5A5A5A5A00ull | (i * 0x22u);
}

static bool parse_hex_bytes(const char *hex, uint8_t *out, size_t max, size_t *count)
{
    size_t n = strlen(hex);
    if (n % 2 != 0 || n / 2 > max)
        return false;
    for (size_t i = 0; i < n / 2; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1 || !isxdigit((unsigned char)hex[2 * i]) ||
            !isxdigit((unsigned char)hex[2 * i + 1]))
            return false;
        out[i] = (uint8_t)v;
    }
    *count = n / 2;
    return true;
}

static bool parse_number(const char *text, int base, unsigned long long *value)
{
    char *end;
    errno = 0;
    *value = strtoull(text, &end, base);
    return errno == 0 && end != text && *end == '\0';
}

/* Parses one vector line (modified in place). Returns false with a
 * message for a malformed line. */
static bool parse_vector(char *line, struct vector *v, char *why, size_t why_size)
{
    uint32_t storage = v->storage;
    bool ascii = v->ascii;
    memset(v->memory_in, 0, storage);
    uint8_t *memory_in = v->memory_in, *memory_out = v->memory_out;
    memset(v, 0, sizeof *v);
    v->storage = storage;
    v->ascii = ascii;
    v->memory_in = memory_in;
    v->memory_out = memory_out;
    for (unsigned r = 0; r < 16; r++)
        v->regs_in[r] = fill_register(r);
    for (unsigned i = 0; i < 4; i++)
        v->fprs_in[i] = fill_fpr(i);

    bool output = false, have_next = false, have_cc = false;
    char *save = NULL;
    char *token = strtok_r(line, " \t\n", &save);
    if (token == NULL || strlen(token) >= sizeof v->mnemonic) {
        snprintf(why, why_size, "no mnemonic");
        return false;
    }
    strcpy(v->mnemonic, token);
    while ((token = strtok_r(NULL, " \t\n", &save)) != NULL) {
        if (strcmp(token, "->") == 0) {
            output = true;
            memcpy(v->regs_out, v->regs_in, sizeof v->regs_out);
            memcpy(v->fprs_out, v->fprs_in, sizeof v->fprs_out);
            memcpy(v->memory_out, v->memory_in, storage);
            continue;
        }
        char *eq = strchr(token, '=');
        if (eq == NULL) {
            snprintf(why, why_size, "token \"%s\" has no '='", token);
            return false;
        }
        *eq = '\0';
        const char *key = token, *value = eq + 1;
        unsigned long long number = 0;
        size_t count;
        if (strcmp(key, "i") == 0 && !output) {
            if (!parse_hex_bytes(value, v->instruction, sizeof v->instruction, &count) || count == 0)
                goto bad;
            v->length = (unsigned)count;
        } else if (strcmp(key, "at") == 0 && !output) {
            if (!parse_number(value, 16, &number) || number + 6 > storage)
                goto bad;
            v->at = (uint32_t)number;
        } else if (strcmp(key, "cc") == 0) {
            if (!parse_number(value, 10, &number) || number > 3)
                goto bad;
            if (output) {
                v->cc_out = (uint8_t)number;
                have_cc = true;
            } else {
                v->cc = (uint8_t)number;
            }
        } else if (strcmp(key, "pm") == 0) {
            if (!parse_number(value, 16, &number) || number > 15)
                goto bad;
            if (output)
                v->pm_out = (uint8_t)number;
            else
                v->pm = (uint8_t)number;
        } else if (key[0] == 'r' && isdigit((unsigned char)key[1])) {
            unsigned long long r;
            if (!parse_number(key + 1, 10, &r) || r > 15 || !parse_number(value, 16, &number) ||
                number > 0xFFFFFFFFull)
                goto bad;
            if (output)
                v->regs_out[r] = (uint32_t)number;
            else
                v->regs_in[r] = (uint32_t)number;
        } else if (key[0] == 'f' && isdigit((unsigned char)key[1])) {
            unsigned long long f;
            if (!parse_number(key + 1, 10, &f) || f > 6 || f % 2 != 0 || !parse_number(value, 16, &number))
                goto bad;
            if (output)
                v->fprs_out[f / 2] = number;
            else
                v->fprs_in[f / 2] = number;
        } else if (key[0] == 'm') {
            unsigned long long address;
            if (!parse_number(key + 1, 16, &address) || address >= storage)
                goto bad;
            uint8_t *image = output ? v->memory_out : v->memory_in;
            if (!parse_hex_bytes(value, image + address, storage - address, &count))
                goto bad;
        } else if ((strcmp(key, "pgm") == 0 || strcmp(key, "svc") == 0) && output) {
            if (!parse_number(value, 16, &number) || number > 0xFFFF)
                goto bad;
            v->interruption = true;
            v->svc = key[0] == 's';
            v->code = (uint16_t)number;
        } else if (strcmp(key, "psw") == 0 && output) {
            if (!parse_number(value, 16, &number) || number > 0xFFFFFFFFull)
                goto bad;
            v->old_psw_word1 = (uint32_t)number;
        } else if (strcmp(key, "next") == 0 && output) {
            if (!parse_number(value, 16, &number))
                goto bad;
            v->next = (uint32_t)number;
            have_next = true;
        } else if (strcmp(key, "skip") == 0 && output) {
            v->skip_memory = strstr(value, "mem") != NULL;
            v->skip_r1 = strstr(value, "r1") != NULL;
            v->skip_cc = strstr(value, "cc") != NULL;
        } else if (strcmp(key, "src") == 0) {
            /* Provenance, for people. */
        } else {
            snprintf(why, why_size, "unknown key \"%s\"", key);
            return false;
        }
        continue;
    bad:
        snprintf(why, why_size, "bad value \"%s\" for \"%s\"", value, key);
        return false;
    }
    if (!output || v->length == 0 || (!v->interruption && (!have_next || !have_cc))) {
        snprintf(why, why_size, "incomplete vector");
        return false;
    }
    return true;
}

/* Runs one vector; returns an empty string when it passes, else what
 * differs. */
static void run_vector(const struct vector *v, char *diff, size_t diff_size)
{
    struct cpu c;
    test_cpu_init_size(&c, v->storage);
    diff[0] = '\0';
    size_t used = 0;
#define DIFF(...)                                                                     \
    do {                                                                              \
        if (used < diff_size)                                                         \
            used += (size_t)snprintf(diff + used, diff_size - used, __VA_ARGS__);     \
    } while (0)

    /* Low storage keeps the test support's new PSWs; the vector's memory
     * goes everywhere else. */
    memcpy(c.storage.bytes + 0x80, v->memory_in + 0x80, v->storage - 0x80);
    memcpy(c.storage.bytes + v->at, v->instruction, v->length);
    memcpy(c.gpr, v->regs_in, sizeof c.gpr);
    memcpy(c.fpr, v->fprs_in, sizeof c.fpr);
    uint8_t amwp = v->ascii ? PSW_ASCII : 0;
    test_set_psw(&c, 0, 0, amwp, v->cc, v->pm, v->at);
    cpu_run(&c, 1);
    /* A branch to an odd or unavailable address completes; the exception
     * comes with the fetch of the next instruction (A22-6821-0 p.62). */
    if (v->interruption && !c.wait && ((c.ia & 1) != 0 || c.ia >= v->storage))
        cpu_run(&c, 1);

    for (unsigned r = 0; r < 16; r++)
        if (c.gpr[r] != v->regs_out[r] && !(r == 1 && v->skip_r1))
            DIFF(" R%u=%08X (expected %08X)", r, c.gpr[r], v->regs_out[r]);
    for (unsigned i = 0; i < 4; i++)
        if (c.fpr[i] != v->fprs_out[i])
            DIFF(" F%u=%016llX (expected %016llX)", 2 * i, (unsigned long long)c.fpr[i],
                 (unsigned long long)v->fprs_out[i]);
    /* Everything from x'80' up but the instruction itself must be as
     * expected (a quick memcmp first: the storage may be megabytes). */
    memcpy(c.storage.bytes + v->at, v->memory_out + v->at, v->length);
    if (!v->skip_memory && memcmp(c.storage.bytes + 0x80, v->memory_out + 0x80, v->storage - 0x80) != 0) {
        for (uint32_t a = 0x80; a < v->storage; a++) {
            if (c.storage.bytes[a] != v->memory_out[a]) {
                DIFF(" storage %06X=%02X (expected %02X)", a, c.storage.bytes[a], v->memory_out[a]);
                break;
            }
        }
    }
    if (v->interruption) {
        uint32_t old = v->svc ? LOW_SVC_OLD : LOW_PROGRAM_OLD;
        uint32_t wait = v->svc ? TEST_WAIT_SVC : TEST_WAIT_PROGRAM;
        uint32_t word0 = test_get_word(&c, old), word1 = test_get_word(&c, old + 4);
        uint32_t cc_mask = v->skip_cc ? 0xCFFFFFFFu : 0xFFFFFFFFu;
        if (!c.wait || c.ia != wait)
            DIFF(" no %s interruption (CPU at %06X)", v->svc ? "SVC" : "program", c.ia);
        uint32_t expected0 = ((uint32_t)amwp << 16) | v->code;
        if (c.wait && c.ia == wait && (word0 != expected0 || (word1 & cc_mask) != (v->old_psw_word1 & cc_mask)))
            DIFF(" old PSW %08X %08X (expected %08X %08X)", word0, word1, expected0, v->old_psw_word1);
    } else {
        if (c.wait)
            DIFF(" an interruption was taken (CPU at %06X, program old PSW %08X %08X)", c.ia,
                 test_get_word(&c, LOW_PROGRAM_OLD), test_get_word(&c, LOW_PROGRAM_OLD + 4));
        else if (c.ia != v->next)
            DIFF(" next instruction at %06X (expected %06X)", c.ia, v->next);
        if (c.cc != v->cc_out)
            DIFF(" CC %u (expected %u)", c.cc, v->cc_out);
        if (c.progmask != v->pm_out)
            DIFF(" program mask %X (expected %X)", c.progmask, v->pm_out);
    }
#undef DIFF
    cpu_free(&c);
}

/* Replays every vector of one file; fails listing the first few that do
 * not match, with their line numbers. */
static void replay_file(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", VECTOR_DIR, name);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s: %s", path, strerror(errno));
    struct vector v;
    v.storage = DEFAULT_STORAGE;
    v.ascii = false;
    v.memory_in = NULL;
    v.memory_out = NULL;
    static char line[65536], copy[65536];
    char why[200], diff[2048];
    unsigned line_number = 0, vectors = 0, failures = 0;
    bool have_area = false;
    while (fgets(line, sizeof line, f) != NULL) {
        line_number++;
        ck_assert_msg(strchr(line, '\n') != NULL || feof(f), "%s:%u: line too long", path, line_number);
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (strncmp(line, "area ", 5) == 0) {
            have_area = true;
            continue;
        }
        if (strncmp(line, "storage ", 8) == 0) {
            unsigned long long size;
            line[strcspn(line, "\n")] = '\0';
            ck_assert_msg(vectors == 0 && parse_number(line + 8, 16, &size) && size >= DEFAULT_STORAGE &&
                              size <= MAX_STORAGE && size % 2048 == 0,
                          "%s:%u: bad storage line", path, line_number);
            v.storage = (uint32_t)size;
            continue;
        }
        if (strcmp(line, "mode usascii\n") == 0) {
            ck_assert_msg(vectors == 0, "%s:%u: mode after the first vector", path, line_number);
            v.ascii = true;
            continue;
        }
        if (v.memory_in == NULL) {
            v.memory_in = malloc(v.storage);
            v.memory_out = malloc(v.storage);
            ck_assert(v.memory_in != NULL && v.memory_out != NULL);
        }
        strcpy(copy, line);
        ck_assert_msg(parse_vector(copy, &v, why, sizeof why), "%s:%u: %s", path, line_number, why);
        vectors++;
        run_vector(&v, diff, sizeof diff);
        if (diff[0] != '\0') {
            if (failures < MAX_FAILURES_SHOWN)
                fprintf(stderr, "%s:%u: %s %02X...:%s\n", name, line_number, v.mnemonic, v.instruction[0], diff);
            failures++;
        }
    }
    fclose(f);
    free(v.memory_in);
    free(v.memory_out);
    ck_assert_msg(have_area, "%s: no area line", path);
    ck_assert_msg(vectors > 0, "%s: no vectors", path);
    ck_assert_msg(failures == 0, "%s: %u of %u vectors differ (the first %d are listed above)", name, failures,
                  vectors, MAX_FAILURES_SHOWN);
}

START_TEST(test_fixed_point_matches_hercules_and_the_360_rules)
{
    replay_file("fixed.vec");
}
END_TEST

START_TEST(test_logical_matches_hercules_and_the_360_rules)
{
    replay_file("logical.vec");
}
END_TEST

START_TEST(test_branching_and_execute_match_hercules_and_the_360_rules)
{
    replay_file("branch.vec");
}
END_TEST

START_TEST(test_decimal_matches_hercules_and_the_360_rules)
{
    replay_file("decimal.vec");
}
END_TEST

START_TEST(test_floating_point_matches_hercules_and_the_360_rules)
{
    replay_file("float.vec");
}
END_TEST

START_TEST(test_misaligned_operands_are_specification_exceptions_as_on_simh)
{
    replay_file("align.vec");
}
END_TEST

START_TEST(test_opcodes_a_67_lacks_are_operation_exceptions)
{
    replay_file("unassigned.vec");
}
END_TEST

START_TEST(test_operands_past_the_end_of_storage_are_addressing_exceptions_and_store_nothing)
{
    replay_file("addressing.vec");
}
END_TEST

START_TEST(test_decimal_results_in_usascii_mode_match_simh)
{
    replay_file("ascii.vec");
}
END_TEST

static Suite *differential_vectors_suite(void)
{
    Suite *s = suite_create("differential_vectors");
    TCase *t = tcase_create("replay");
    tcase_add_test(t, test_fixed_point_matches_hercules_and_the_360_rules);
    tcase_add_test(t, test_logical_matches_hercules_and_the_360_rules);
    tcase_add_test(t, test_branching_and_execute_match_hercules_and_the_360_rules);
    tcase_add_test(t, test_decimal_matches_hercules_and_the_360_rules);
    tcase_add_test(t, test_floating_point_matches_hercules_and_the_360_rules);
    tcase_add_test(t, test_misaligned_operands_are_specification_exceptions_as_on_simh);
    tcase_add_test(t, test_opcodes_a_67_lacks_are_operation_exceptions);
    tcase_add_test(t, test_operands_past_the_end_of_storage_are_addressing_exceptions_and_store_nothing);
    tcase_add_test(t, test_decimal_results_in_usascii_mode_match_simh);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(differential_vectors_suite());
}
