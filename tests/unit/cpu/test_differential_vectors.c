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
 * instruction runs. Then every register, FPR, byte of the file's areas
 * (`area` lines) and byte the vector names must equal the expected state, and either the PSW (no
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
    uint32_t lo, hi;                 /* the images are zero outside [lo, hi) */
    struct {
        uint32_t address, size;
    } area[4];                       /* the file's `area` lines */
    unsigned areas;
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
    /* Keep the file's settings; clear what the previous vector wrote. */
    struct vector settings = *v;
    if (v->hi > v->lo) {
        memset(v->memory_in + v->lo, 0, v->hi - v->lo);
        memset(v->memory_out + v->lo, 0, v->hi - v->lo);
    }
    memset(v, 0, sizeof *v);
    v->storage = settings.storage;
    v->ascii = settings.ascii;
    v->memory_in = settings.memory_in;
    v->memory_out = settings.memory_out;
    memcpy(v->area, settings.area, sizeof v->area);
    v->areas = settings.areas;
    uint32_t storage = v->storage;
    v->lo = storage;
    v->hi = 0;
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
            if (v->hi > v->lo)
                memcpy(v->memory_out + v->lo, v->memory_in + v->lo, v->hi - v->lo);
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
            if (address < v->lo)
                v->lo = (uint32_t)address;
            if (address + count > v->hi)
                v->hi = (uint32_t)(address + count);
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

/* Runs one vector on `cpu` (made by test_cpu_init_size for the file, and
 * left clean by the previous vector); puts an empty string in `diff`
 * when it passes, else what differs. */
static void run_vector(struct cpu *cpu, const struct vector *v, char *diff, size_t diff_size)
{
    cpu_reset(cpu);
    memset(cpu->storage.bytes + LOW_EXTERNAL_OLD, 0, LOW_CSW - LOW_EXTERNAL_OLD);
    diff[0] = '\0';
    size_t used = 0;
#define DIFF(...)                                                                     \
    do {                                                                              \
        if (used < diff_size)                                                         \
            used += (size_t)snprintf(diff + used, diff_size - used, __VA_ARGS__);     \
    } while (0)

    /* Low storage keeps the test support's new PSWs; the vector's memory
     * goes everywhere else. */
    /* Storage is zero but for the test support's new PSWs below x'80'. */
    uint32_t lo = v->lo < 0x80 ? 0x80 : v->lo;
    if (v->hi > lo)
        memcpy(cpu->storage.bytes + lo, v->memory_in + lo, v->hi - lo);
    memcpy(cpu->storage.bytes + v->at, v->instruction, v->length);
    memcpy(cpu->gpr, v->regs_in, sizeof cpu->gpr);
    memcpy(cpu->fpr, v->fprs_in, sizeof cpu->fpr);
    uint8_t amwp = v->ascii ? PSW_ASCII : 0;
    test_set_psw(cpu, 0, 0, amwp, v->cc, v->pm, v->at);
    cpu_run(cpu, 1);
    /* A branch to an odd or unavailable address completes; the exception
     * comes with the fetch of the next instruction (A22-6821-0 p.62). */
    if (v->interruption && !cpu->wait && ((cpu->ia & 1) != 0 || cpu->ia >= v->storage))
        cpu_run(cpu, 1);

    for (unsigned r = 0; r < 16; r++)
        if (cpu->gpr[r] != v->regs_out[r] && !(r == 1 && v->skip_r1))
            DIFF(" R%u=%08X (expected %08X)", r, cpu->gpr[r], v->regs_out[r]);
    for (unsigned i = 0; i < 4; i++)
        if (cpu->fpr[i] != v->fprs_out[i])
            DIFF(" F%u=%016llX (expected %016llX)", 2 * i, (unsigned long long)cpu->fpr[i],
                 (unsigned long long)v->fprs_out[i]);
    /* The file's areas and every byte a vector names must be as expected
     * (a memcmp first: an area may be large). */
    bool storage_differs = false;
    for (unsigned k = 0; k <= v->areas && !v->skip_memory && !storage_differs; k++) {
        uint32_t from = k < v->areas ? v->area[k].address : lo;
        uint32_t to = k < v->areas ? v->area[k].address + v->area[k].size : v->hi;
        if (to <= from || memcmp(cpu->storage.bytes + from, v->memory_out + from, to - from) == 0)
            continue;
        for (uint32_t a = from; a < to; a++) {
            if (cpu->storage.bytes[a] != v->memory_out[a]) {
                DIFF(" storage %06X=%02X (expected %02X)", a, cpu->storage.bytes[a], v->memory_out[a]);
                storage_differs = true;
                break;
            }
        }
    }
    if (v->interruption) {
        uint32_t old = v->svc ? LOW_SVC_OLD : LOW_PROGRAM_OLD;
        uint32_t wait = v->svc ? TEST_WAIT_SVC : TEST_WAIT_PROGRAM;
        uint32_t word0 = test_get_word(cpu, old), word1 = test_get_word(cpu, old + 4);
        uint32_t cc_mask = v->skip_cc ? 0xCFFFFFFFu : 0xFFFFFFFFu;
        if (!cpu->wait || cpu->ia != wait)
            DIFF(" no %s interruption (CPU at %06X)", v->svc ? "SVC" : "program", cpu->ia);
        uint32_t expected0 = ((uint32_t)amwp << 16) | v->code;
        if (cpu->wait && cpu->ia == wait && (word0 != expected0 || (word1 & cc_mask) != (v->old_psw_word1 & cc_mask)))
            DIFF(" old PSW %08X %08X (expected %08X %08X)", word0, word1, expected0, v->old_psw_word1);
    } else {
        if (cpu->wait)
            DIFF(" an interruption was taken (CPU at %06X, program old PSW %08X %08X)", cpu->ia,
                 test_get_word(cpu, LOW_PROGRAM_OLD), test_get_word(cpu, LOW_PROGRAM_OLD + 4));
        else if (cpu->ia != v->next)
            DIFF(" next instruction at %06X (expected %06X)", cpu->ia, v->next);
        if (cpu->cc != v->cc_out)
            DIFF(" CC %u (expected %u)", cpu->cc, v->cc_out);
        if (cpu->progmask != v->pm_out)
            DIFF(" program mask %X (expected %X)", cpu->progmask, v->pm_out);
    }
#undef DIFF
    /* Leave storage as test_cpu_init_size made it, for the next vector. */
    for (unsigned k = 0; k < v->areas; k++)
        memset(cpu->storage.bytes + v->area[k].address, 0, v->area[k].size);
    if (v->hi > lo)
        memset(cpu->storage.bytes + lo, 0, v->hi - lo);
    memset(cpu->storage.bytes + v->at, 0, v->length);
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
    v.lo = 0;
    v.hi = 0;
    v.areas = 0;
    enum { LINE_MAX_BYTES = 65536 };
    char *line = malloc(LINE_MAX_BYTES), *copy = malloc(LINE_MAX_BYTES);
    ck_assert(line != NULL && copy != NULL);
    char why[200], diff[2048];
    unsigned line_number = 0, vectors = 0, failures = 0;
    bool have_area = false, have_cpu = false;
    struct cpu cpu;
    while (fgets(line, LINE_MAX_BYTES, f) != NULL) {
        line_number++;
        ck_assert_msg(strchr(line, '\n') != NULL || feof(f), "%s:%u: line too long", path, line_number);
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (strncmp(line, "area ", 5) == 0) {
            unsigned long address, size;
            ck_assert_msg(vectors == 0 && v.areas < 4 && sscanf(line + 5, "%lx %lx", &address, &size) == 2,
                          "%s:%u: bad area line", path, line_number);
            v.area[v.areas].address = (uint32_t)address;
            v.area[v.areas].size = (uint32_t)size;
            v.areas++;
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
            for (unsigned k = 0; k < v.areas; k++)
                ck_assert_msg(v.area[k].address >= 0x80 && v.area[k].address + v.area[k].size <= v.storage,
                              "%s: area %X outside storage", path, v.area[k].address);
            v.memory_in = calloc(1, v.storage);
            v.memory_out = calloc(1, v.storage);
            ck_assert(v.memory_in != NULL && v.memory_out != NULL);
        }
        strcpy(copy, line);
        ck_assert_msg(parse_vector(copy, &v, why, sizeof why), "%s:%u: %s", path, line_number, why);
        vectors++;
        if (!have_cpu) {
            test_cpu_init_size(&cpu, v.storage);
            have_cpu = true;
        }
        run_vector(&cpu, &v, diff, sizeof diff);
        if (diff[0] != '\0') {
            if (failures < MAX_FAILURES_SHOWN)
                fprintf(stderr, "%s:%u: %s %02X...:%s\n", name, line_number, v.mnemonic, v.instruction[0], diff);
            failures++;
        }
    }
    fclose(f);
    if (have_cpu)
        cpu_free(&cpu);
    free(line);
    free(copy);
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
