/* A CPU, an event queue and a channel subsystem without a machine, and a
 * fake device type whose answer to each command a test chooses, for the
 * channel engine's and the devices' unit tests. Virtual time moves only
 * when a test says so (io_rig_advance). */
#ifndef VM67_TESTS_IO_TEST_SUPPORT_H
#define VM67_TESTS_IO_TEST_SUPPORT_H

#include <check.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "devices/channel.h"

#define IO_RIG_STORAGE (64u * 1024)

struct io_rig {
    struct cpu cpu;
    struct event_queue events;
    struct channel_subsystem cs;
    uint64_t now;
    /* What the channel told the host. */
    unsigned halts_seen;
    unsigned fatal_count;
    char fatal_message[256];
    int ipl_result; /* -1 none yet, 0 failed, 1 succeeded */
    char ipl_message[256];
};

void io_rig_init(struct io_rig *r);
void io_rig_free(struct io_rig *r);

/* Moves virtual time forward by `units` and fires the events due. */
void io_rig_advance(struct io_rig *r, uint64_t units);
/* Fires events until none is left (at most `limit` rounds). */
void io_rig_settle(struct io_rig *r);

int io_rig_sio(struct io_rig *r, uint32_t address);
int io_rig_tio(struct io_rig *r, uint32_t address);
int io_rig_hio(struct io_rig *r, uint32_t address);
int io_rig_tch(struct io_rig *r, uint32_t address);
/* Accepts an interruption with all channels enabled; returns the device
 * address or -1 when none is pending. */
int io_rig_accept(struct io_rig *r);
int io_rig_accept_mask(struct io_rig *r, uint32_t channel_mask);

void io_rig_put_hex(struct io_rig *r, uint32_t address, const char *hex);
/* Puts a CCW (command, address, flags, count) at `at`. */
void io_rig_put_ccw(struct io_rig *r, uint32_t at, uint8_t command, uint32_t data, uint8_t flags, uint16_t count);
void io_rig_set_caw(struct io_rig *r, uint8_t key, uint32_t address);
uint64_t io_rig_csw(struct io_rig *r);
void io_rig_set_csw(struct io_rig *r, uint64_t value);
#define io_rig_assert_csw(r, expected) \
    ck_assert_msg(io_rig_csw(r) == (uint64_t)(expected), "CSW %016llX, expected %016llX", \
                  (unsigned long long)io_rig_csw(r), (unsigned long long)(expected))

/* One CCW at X'100' (data where the caller says), the CAW, START I/O:
 * returns the condition code. */
int io_rig_command(struct io_rig *r, uint16_t address, uint8_t command, uint32_t data, uint8_t flags,
                   uint16_t count);
/* START I/O, then time until the status comes; returns the SIO condition
 * code, and when it was 0 the interruption's CSW is at X'40'. */
int io_rig_command_wait(struct io_rig *r, uint16_t address, uint8_t command, uint32_t data, uint8_t flags,
                        uint16_t count);

/* Attaches a real device type by name with arguments (NULL-ended). */
struct device *io_rig_attach(struct io_rig *r, uint16_t address, const char *type, ...);
/* The same, returning false with the message instead of failing. */
bool io_rig_try_attach(struct io_rig *r, uint16_t address, const char *type, char **argv, int argc,
                       struct error *err);

/* A temporary file with these bytes; the path is malloc'ed. */
char *io_test_file(const void *bytes, size_t length);
/* A name for a file not yet made (in the temporary directory). */
char *io_test_file_name(void);
/* The whole of a file (malloc'ed, NUL-terminated); *length its size. */
char *io_test_read_file(const char *path, size_t *length);

/* The fake device type "FAKE". */
struct fake_response {
    bool set;
    uint8_t status;
    uint32_t length;
    uint64_t delay;
    bool pending;
    uint8_t data[256];
    uint32_t data_length;
};

struct fake_command_record {
    uint8_t code;
    uint8_t flags;
    bool chained;
    uint8_t previous_code;
    uint32_t count;
    uint8_t data[256];
};

struct fake_device {
    /* Answers by command code; a command without one gets the default of
     * its class: write/control take `count` bytes, read gives
     * default_read (default_read_length bytes); all with CE+DE after a
     * delay of 10. */
    struct fake_response response[256];
    uint8_t default_read[256];
    uint32_t default_read_length;
    struct fake_command_record log[64];
    unsigned started;
    unsigned halts;
    unsigned resets;
    bool detached_flag;
    struct device *dev;
};

extern const struct device_type fake_device_type;

struct fake_device *io_rig_attach_fake(struct io_rig *r, uint16_t address);

/* Completes a pending command of the fake device. */
void fake_complete(struct fake_device *f, uint32_t length, uint8_t status);

#endif
