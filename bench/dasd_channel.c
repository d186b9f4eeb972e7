/* dasd_channel: channel throughput of DASD reads. A 2314 image (CKD, then
 * the same as CCKD) with two 3520-byte records on every track is read a
 * cylinder per channel program, as an access method would read it: SEEK,
 * SEARCH ID EQUAL R1, TIC *-8, then READ DATA of R1 and 39 multitrack READ
 * DATA commands for the rest of the cylinder (S360-67.md §4.4), started
 * with START I/O on the channel engine and ended by its I/O interruption.
 * Every record read is checked. The line printed for each format gives
 * the megabytes per second (wall clock), the megabytes per second of CPU
 * time spent (the ratio of the data moved to the host CPU it cost), and
 * CPU time over wall time.
 *
 *     bench/dasd_channel [CYLINDERS [PASSES]]
 *
 * Exits 1 if a channel program does not end with channel end and device
 * end or a record comes back wrong (a broken device, not a slow one). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "devices/channel.h"
#include "devices/ckd_image.h"
#include "devices/ckd_track.h"
#include "devices/dasd_tools.h"
#include "lib/bytes.h"

#define RECORD 3520u
#define HEADS 20u
#define RECORDS_PER_CYLINDER (2 * HEADS)
#define STORAGE (256u * 1024)
#define CCWS 0x1000u
#define SEEK_ADDRESS 0x800u
#define BUFFER 0x10000u

static uint8_t pattern(unsigned track, unsigned record)
{
    return (uint8_t)(track * 7 + record * 3 + 1);
}

static double seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static bool make_image(const char *path, unsigned cylinders)
{
    struct ckd_image *img;
    struct error err;
    const struct dasd_geometry *g = dasd_geometry_find("2314", NULL);
    if (!ckd_image_create(&img, path, CKD_IMAGE_FORMAT_CKD, g, cylinders, CKD_COMPRESSION_NONE, -1,
                          NULL, &err)) {
        fprintf(stderr, "dasd_channel: %s\n", err.message);
        return false;
    }
    uint8_t *t = malloc(img->track_size);
    bool ok = t != NULL;
    for (unsigned track = 0; ok && track < cylinders * HEADS; track++) {
        uint16_t c = (uint16_t)(track / HEADS), h = (uint16_t)(track % HEADS);
        uint32_t n = ckd_track_build_null(t, c, h, CKD_NULL_FORMAT_EMPTY) - CKD_END_OF_TRACK_SIZE;
        for (unsigned r = 1; r <= 2; r++) {
            ckd_track_put_count(t + n, c, h, (uint8_t)r, 0, RECORD);
            n += CKD_COUNT_SIZE;
            memset(t + n, pattern(track, r), RECORD);
            n += RECORD;
        }
        ckd_track_put_end(t + n);
        ok = ckd_write_track(img, track, t, n + CKD_END_OF_TRACK_SIZE, 0, &err);
    }
    free(t);
    ok = ckd_image_close(img, ok ? &err : NULL) && ok;
    if (!ok)
        fprintf(stderr, "dasd_channel: %s\n", err.message);
    return ok;
}

struct rig {
    struct cpu cpu;
    struct event_queue events;
    struct channel_subsystem cs;
    uint64_t now;
};

static uint64_t rig_now(void *context)
{
    return ((struct rig *)context)->now;
}

static void put_ccw(uint8_t *at, uint8_t command, uint32_t data, uint8_t flags, uint16_t count)
{
    store_be32(at, ((uint32_t)command << 24) | data);
    at[4] = flags;
    at[5] = 0;
    store_be16(at + 6, count);
}

/* Reads every cylinder `passes` times; returns the bytes read, or 0. */
static uint64_t run(struct rig *r, unsigned cylinders, unsigned passes, uint64_t *programs)
{
    uint8_t *m = r->cpu.storage.bytes;
    put_ccw(m + CCWS, 0x07, SEEK_ADDRESS, 0x40, 6);
    put_ccw(m + CCWS + 8, 0x31, SEEK_ADDRESS + 2, 0x40, 5);
    put_ccw(m + CCWS + 16, 0x08, CCWS + 8, 0, 1);
    for (unsigned i = 0; i < RECORDS_PER_CYLINDER; i++)
        put_ccw(m + CCWS + 24 + 8 * i, i == 0 ? 0x06 : 0x86, BUFFER + i * RECORD,
                i + 1 < RECORDS_PER_CYLINDER ? 0x60 : 0x20, RECORD);
    uint64_t bytes = 0;
    for (unsigned pass = 0; pass < passes; pass++) {
        for (unsigned c = 0; c < cylinders; c++) {
            memset(m + SEEK_ADDRESS, 0, 7);
            store_be16(m + SEEK_ADDRESS + 2, (uint16_t)c);
            m[SEEK_ADDRESS + 6] = 1;
            store_be32(m + 0x48, CCWS);
            if (channel_io_ops.start_io(&r->cs, 0x190) != 0)
                return 0;
            while (event_next_due(&r->events) != UINT64_MAX) {
                uint64_t due = event_next_due(&r->events);
                if (due > r->now)
                    r->now = due;
                event_run_due(&r->events, r->now);
            }
            uint16_t address;
            if (!channel_io_ops.accept_interrupt(&r->cs, 0x7F, &address) || address != 0x190 ||
                m[0x44] != (UNIT_CHANNEL_END | UNIT_DEVICE_END) || m[0x45] != 0) {
                fprintf(stderr, "dasd_channel: cylinder %u: unit status %02X channel status %02X\n", c,
                        m[0x44], m[0x45]);
                return 0;
            }
            for (unsigned i = 0; i < RECORDS_PER_CYLINDER; i++) {
                uint8_t want = pattern(c * HEADS + i / 2, i % 2 + 1);
                const uint8_t *p = m + BUFFER + i * RECORD;
                if (p[0] != want || p[RECORD - 1] != want) {
                    fprintf(stderr, "dasd_channel: cylinder %u record %u read wrong\n", c, i);
                    return 0;
                }
            }
            bytes += (uint64_t)RECORDS_PER_CYLINDER * RECORD;
            (*programs)++;
        }
    }
    return bytes;
}

static bool measure(const char *label, const char *path, unsigned cylinders, unsigned passes)
{
    static struct rig r;
    memset(&r, 0, sizeof r);
    struct error err;
    if (!cpu_init(&r.cpu, STORAGE, &err)) {
        fprintf(stderr, "dasd_channel: %s\n", err.message);
        return false;
    }
    event_queue_init(&r.events);
    struct channel_host host = {.context = &r, .now = rig_now};
    channel_subsystem_init(&r.cs, &r.cpu, &r.events, &host);
    cpu_set_io(&r.cpu, &channel_io_ops, &r.cs);
    char *argv[] = {(char *)path};
    bool ok = channel_attach(&r.cs, 0x190, device_type_find("2314"), 1, argv, &err);
    if (!ok)
        fprintf(stderr, "dasd_channel: %s\n", err.message);
    uint64_t programs = 0, bytes = 0;
    double wall = seconds(CLOCK_MONOTONIC), cpu = seconds(CLOCK_PROCESS_CPUTIME_ID);
    if (ok)
        bytes = run(&r, cylinders, passes, &programs);
    wall = seconds(CLOCK_MONOTONIC) - wall;
    cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu;
    channel_subsystem_free(&r.cs);
    cpu_free(&r.cpu);
    if (!ok || bytes == 0)
        return false;
    double mb = (double)bytes / 1e6;
    printf("dasd_channel: 2314 %-4s %.1f MB in %llu channel programs: %.1f MB/s wall, "
           "%.1f MB per CPU second (CPU %.3f s, wall %.3f s, CPU/wall %.2f); virtual time %llu\n",
           label, mb, (unsigned long long)programs, mb / wall, mb / cpu, cpu, wall, cpu / wall,
           (unsigned long long)r.now);
    return true;
}

int main(int argc, char **argv)
{
    unsigned cylinders = argc > 1 ? (unsigned)atoi(argv[1]) : 100;
    unsigned passes = argc > 2 ? (unsigned)atoi(argv[2]) : 5;
    if (cylinders == 0 || cylinders > 203 || passes == 0) {
        fprintf(stderr, "usage: bench/dasd_channel [CYLINDERS (1-203) [PASSES]]\n");
        return 2;
    }
    const char *tmp = getenv("TMPDIR");
    char dir[256], ckd[300], cckd[300];
    snprintf(dir, sizeof dir, "%s/vm67-bench-XXXXXX", tmp != NULL ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        perror("dasd_channel: mkdtemp");
        return 1;
    }
    snprintf(ckd, sizeof ckd, "%s/bench.ckd", dir);
    snprintf(cckd, sizeof cckd, "%s/bench.cckd", dir);
    struct error err;
    bool ok = make_image(ckd, cylinders);
    if (ok && !dasd_copy(ckd, cckd, CKD_IMAGE_FORMAT_CCKD, CKD_COMPRESSION_ZLIB, NULL, &err)) {
        fprintf(stderr, "dasd_channel: %s\n", err.message);
        ok = false;
    }
    ok = ok && measure("ckd", ckd, cylinders, passes) && measure("cckd", cckd, cylinders, passes);
    unlink(ckd);
    unlink(cckd);
    rmdir(dir);
    return ok ? 0 : 1;
}
