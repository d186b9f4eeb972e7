/* dat_mix: the cost of dynamic address translation, measured on the CPU
 * alone (no channels, no IPL). The same 10-instruction loop (L, A, ST, AR,
 * LA, MVC, CLI, BC, LR, BCT) runs twice: with translation off in BC mode
 * at real addresses, and in EC mode with T = 1 at virtual addresses that
 * lie in two segments and map to other real frames, the layout of
 * ../shared/bench/bench_dat.s. Each run is repeated; the line printed gives
 * the median MIPS of each and their ratio (DESIGN.md "Speed": translated
 * execution should stay within 15% of untranslated).
 *
 *     bench/dat_mix [ITERATIONS [REPEATS]]
 *
 * Exits 1 if a run does not end at the expected wait PSW with the
 * expected sum (a broken CPU, not a slow one). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpu/cpu.h"
#include "lib/bytes.h"

/* The loop, with R12 = its address, R10 = data block A, R11 = data block B,
 * R3 = the iteration count:
 *   loop: L 4,X'10'(10); A 4,X'14'(10); ST 4,X'18'(10); AR 5,4; LA 6,1(6)
 *         MVC 0(16,11),X'20'(10); CLI 0(11),C'A'; BNE fail; LR 7,5
 *         BCT 3,loop; LPSW 0(10)
 *   fail: LPSW 8(10) */
static const uint8_t loop_code[] = {
    0x58, 0x40, 0xA0, 0x10, 0x5A, 0x40, 0xA0, 0x14, 0x50, 0x40, 0xA0, 0x18, 0x1A, 0x54,
    0x41, 0x60, 0x60, 0x01, 0xD2, 0x0F, 0xB0, 0x00, 0xA0, 0x20, 0x95, 0xC1, 0xB0, 0x00,
    0x47, 0x70, 0xC0, 0x2A, 0x18, 0x75, 0x46, 0x30, 0xC0, 0x00, 0x82, 0x00, 0xA0, 0x00,
    0x82, 0x00, 0xA0, 0x08,
};
#define LOOP_INSTRUCTIONS 10u
#define VAL 12345u
#define VAL2 678u

/* Real frames and virtual addresses (bench_dat.s). */
#define REAL_CODE 0x3100u
#define REAL_DATA_A 0x6800u
#define REAL_DATA_B 0x2F00u
#define VIRTUAL_CODE 0x012100u
#define VIRTUAL_DATA_A 0x01A800u
#define VIRTUAL_DATA_B 0x205F00u
#define SEGMENT_TABLE 0x1000u
#define PAGE_TABLE_0 0x1100u
#define PAGE_TABLE_2 0x1180u

static void put32(struct cpu *c, uint32_t address, uint32_t value)
{
    store_be32(c->storage.bytes + address, value);
}

static void put16(struct cpu *c, uint32_t address, uint16_t value)
{
    store_be16(c->storage.bytes + address, value);
}

static void build_image(struct cpu *c, uint32_t iterations)
{
    memcpy(c->storage.bytes + REAL_CODE, loop_code, sizeof loop_code);
    put32(c, REAL_DATA_A + 0x00, 0x00020000); /* done: wait PSW ...600D */
    put32(c, REAL_DATA_A + 0x04, 0x0000600D);
    put32(c, REAL_DATA_A + 0x08, 0x00020000); /* bad: wait PSW ...0BAD */
    put32(c, REAL_DATA_A + 0x0C, 0x00000BAD);
    put32(c, REAL_DATA_A + 0x10, VAL);
    put32(c, REAL_DATA_A + 0x14, VAL2);
    for (unsigned i = 0; i < 16; i++)
        c->storage.bytes[REAL_DATA_A + 0x20 + i] = (uint8_t)(0xC1 + i % 9);
    /* Tables: segment 0 (pages 0-31) and 2 (pages 0-15) valid. */
    for (unsigned s = 0; s < 16; s++)
        put32(c, SEGMENT_TABLE + 4 * s, 0x00000001);
    put32(c, SEGMENT_TABLE, 0x1F000000 | PAGE_TABLE_0);
    put32(c, SEGMENT_TABLE + 8, 0x0F000000 | PAGE_TABLE_2);
    for (unsigned p = 0; p < 48; p++)
        put16(c, PAGE_TABLE_0 + 2 * p, 0x0008);
    put16(c, PAGE_TABLE_0 + 2 * 0x12, (uint16_t)((REAL_CODE >> 12) << 4));
    put16(c, PAGE_TABLE_0 + 2 * 0x1A, (uint16_t)((REAL_DATA_A >> 12) << 4));
    put16(c, PAGE_TABLE_2 + 2 * 0x05, (uint16_t)((REAL_DATA_B >> 12) << 4));
    c->gpr[3] = iterations;
}

struct run_result {
    double seconds;
    uint64_t instructions;
    bool correct;
};

static struct run_result run_once(bool translated, uint32_t iterations)
{
    struct run_result result = {0, 0, false};
    struct cpu *c = malloc(sizeof *c);
    struct error err;
    if (c == NULL || !cpu_init(c, 64 * 1024, &err)) {
        fprintf(stderr, "dat_mix: cannot create the CPU\n");
        exit(2);
    }
    build_image(c, iterations);
    uint8_t psw[8];
    if (translated) {
        c->cr[0] = SEGMENT_TABLE;
        cpu_tlb_purge(c);
        c->cr[6] = CR6_EXTENDED_CONTROL;
        cpu_set_extended_control_mode(c, true);
        store_be32(psw, 0x04000000); /* EC: T = 1 */
        store_be32(psw + 4, VIRTUAL_CODE);
        c->gpr[10] = VIRTUAL_DATA_A;
        c->gpr[11] = VIRTUAL_DATA_B;
        c->gpr[12] = VIRTUAL_CODE;
    } else {
        store_be32(psw, 0);
        store_be32(psw + 4, REAL_CODE);
        c->gpr[10] = REAL_DATA_A;
        c->gpr[11] = REAL_DATA_B;
        c->gpr[12] = REAL_CODE;
    }
    cpu_load_psw(c, psw);

    struct timespec start, end;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start);
    enum cpu_exit exit_reason;
    do
        exit_reason = cpu_run(c, 100000000);
    while (exit_reason == CPU_EXIT_BUDGET);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &end);

    result.seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    result.instructions = c->icount;
    uint32_t expected_sum = (uint32_t)((uint64_t)iterations * (VAL + VAL2));
    result.correct = exit_reason == CPU_EXIT_WAIT && c->ia == 0x600D && c->gpr[7] == expected_sum &&
                     c->gpr[6] == (iterations & 0x00FFFFFF) && c->icount == (uint64_t)iterations * LOOP_INSTRUCTIONS + 1;
    if (!result.correct)
        fprintf(stderr, "dat_mix: DAT %s run ended wrongly: exit %d at %08X, R7 %08X (expected %08X)\n",
                translated ? "on" : "off", exit_reason, c->ia, c->gpr[7], expected_sum);
    cpu_free(c);
    free(c);
    return result;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    uint32_t iterations = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 0) : 20000000;
    int repeats = argc > 2 ? atoi(argv[2]) : 3;
    if (iterations == 0 || repeats < 1 || repeats > 99) {
        fprintf(stderr, "usage: dat_mix [ITERATIONS (>0) [REPEATS (1-99)]]\n");
        return 2;
    }
    double mips[2][99];
    for (int r = 0; r < repeats; r++) {
        for (int translated = 0; translated < 2; translated++) {
            struct run_result result = run_once(translated, iterations);
            if (!result.correct)
                return 1;
            mips[translated][r] = (double)result.instructions / result.seconds / 1e6;
        }
    }
    qsort(mips[0], (size_t)repeats, sizeof mips[0][0], compare_doubles);
    qsort(mips[1], (size_t)repeats, sizeof mips[1][0], compare_doubles);
    double off = mips[0][repeats / 2], on = mips[1][repeats / 2];
    printf("dat_mix: DAT off %.1f MIPS, DAT on %.1f MIPS, ratio on/off %.3f (median of %d runs of %u iterations)\n",
           off, on, on / off, repeats, iterations);
    return 0;
}
