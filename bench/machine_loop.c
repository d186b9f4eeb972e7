/* bench/machine_loop [MILLIONS]: the cost of the machine loop around the
 * CPU. The same program (a BCT loop of MILLIONS million turns, then a
 * disabled wait) runs three ways: cpu_run alone with one budget; the
 * whole machine (src/machine.c: events, timer, host polls) with the timer
 * off, following the host, and in VIRTUAL mode (short slices). Prints
 * instructions per second for each, best of three runs by CPU time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "lib/bytes.h"
#include "src/machine.h"

/* 200: L 1,COUNT; 204: BCT 1,204; 208: LPSW DONE; 210: DONE; 218: COUNT. */
static void put_program(uint8_t *m, uint32_t count)
{
    store_be32(m + 0x200, 0x58100218);
    store_be32(m + 0x204, 0x46100204);
    store_be32(m + 0x208, 0x82000210);
    store_be32(m + 0x210, 0x00020000);
    store_be32(m + 0x214, 0x00000000);
    store_be32(m + 0x218, count);
}

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static double bare_cpu(uint32_t count, uint64_t *instructions)
{
    static struct cpu c;
    struct error err;
    if (!cpu_init(&c, 64 * 1024, &err)) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
    }
    put_program(c.storage.bytes, count);
    uint8_t psw[8] = {0, 0, 0, 0, 0, 0, 0x02, 0x00};
    cpu_load_psw(&c, psw);
    double start = cpu_seconds();
    while (cpu_run(&c, UINT64_MAX / 2) == CPU_EXIT_BUDGET)
        ;
    double t = cpu_seconds() - start;
    *instructions = c.icount;
    cpu_free(&c);
    return t;
}

static char *deck_path;

static double whole_machine(uint32_t count, enum timer_mode mode, uint64_t *instructions)
{
    static struct machine m;
    struct error err;
    struct machine_settings settings = {.storage_bytes = 64 * 1024, .timer = mode};
    if (!machine_init(&m, &settings, NULL, &err)) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
    }
    char *argv[] = {deck_path, "ebcdic"};
    if (!machine_attach(&m, 0x00C, "2540R", 2, argv, &err) || !machine_ipl(&m, 0x00C, &err)) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
    }
    store_be32(m.cpu.storage.bytes + 0x218, count);
    double start = cpu_seconds();
    machine_run(&m);
    double t = cpu_seconds() - start;
    if (m.end != MACHINE_END_DISABLED_WAIT) {
        fprintf(stderr, "unexpected end: %s\n", m.end_message);
        exit(1);
    }
    *instructions = m.cpu.icount;
    machine_free(&m);
    return t;
}

int main(int argc, char **argv)
{
    uint32_t count = (uint32_t)(argc > 1 ? atof(argv[1]) * 1e6 : 200e6);
    /* A two-card deck: the IPL card reads the program card to X'200'. */
    uint8_t cards[160];
    memset(cards, 0, sizeof cards);
    store_be32(cards + 4, 0x200);
    store_be32(cards + 8, 0x02000200);
    store_be32(cards + 12, 0x20000050);
    uint8_t image[0x300];
    put_program(image, count);
    memcpy(cards + 80, image + 0x200, 80);
    char path[] = "/tmp/vm67-bench-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, cards, sizeof cards) != (ssize_t)sizeof cards) {
        perror(path);
        return 1;
    }
    close(fd);
    deck_path = path;

    const char *names[] = {"cpu_run alone", "machine, TIMER OFF", "machine, TIMER HOST", "machine, TIMER VIRTUAL"};
    for (int way = 0; way < 4; way++) {
        double best = 1e30;
        uint64_t instructions = 0;
        for (int repeat = 0; repeat < 3; repeat++) {
            double t = way == 0 ? bare_cpu(count, &instructions)
                                : whole_machine(count, way == 1 ? TIMER_OFF : way == 2 ? TIMER_HOST : TIMER_VIRTUAL,
                                                &instructions);
            if (t < best)
                best = t;
        }
        printf("%-24s %llu instructions  %.3f s  %.1f MIPS\n", names[way], (unsigned long long)instructions, best,
               instructions / best / 1e6);
    }
    unlink(path);
    return 0;
}
