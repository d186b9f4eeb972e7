/* The 2400 test harness (see test_tape_support.h). A member of its own
 * in the test library: it holds the tests' stand-in for the channel
 * engine's channel_device_status, which is linked only into the programs
 * that drive a unit (and so never meets devices/channel.c's). */
#include <stdio.h>
#include <string.h>

#include "devices/tape_2400.h"
#include "tests/unit/devices/test_tape_support.h"

/* The channel engine's entry for status that ends no command: recorded. */
void channel_device_status(struct device *dev, uint8_t status)
{
    struct test_drive *t = dev->host_private;
    ck_assert_uint_lt(t->async_count, sizeof t->async);
    t->async[t->async_count++] = status;
}

bool test_drive_attach(struct test_drive *t, const char *args, struct error *err)
{
    memset(t, 0, sizeof *t);
    event_queue_init(&t->events);
    t->dev.type = &tape_2400_type;
    t->dev.address = 0x0C0;
    t->dev.events = &t->events;
    t->dev.host_private = t;
    char copy[1400];
    snprintf(copy, sizeof copy, "%s", args);
    char *argv[32];
    int argc = 0;
    for (char *tok = strtok(copy, " "); tok != NULL && argc < 31; tok = strtok(NULL, " "))
        argv[argc++] = tok;
    argv[argc] = NULL;
    error_clear(err);
    return tape_2400_type.attach(&t->dev, argc, argv, err);
}

void test_drive_attach_ok(struct test_drive *t, const char *args)
{
    struct error err;
    bool ok = test_drive_attach(t, args, &err);
    ck_assert_msg(ok, "attach %s: %s", args, err.message);
}

void test_drive_detach(struct test_drive *t)
{
    if (t->dev.state != NULL)
        tape_2400_type.detach(&t->dev);
}

struct device_command test_drive_run(struct test_drive *t, uint8_t code, uint32_t count,
                                     const uint8_t *data)
{
    struct device_command cmd;
    memset(&cmd, 0, sizeof cmd);
    cmd.code = code;
    cmd.count = count;
    cmd.data = t->buffer;
    memset(t->buffer, 0xEE, sizeof t->buffer);
    if (data != NULL)
        memcpy(t->buffer, data, count);
    cmd.length = 0xDEADBEEF;
    cmd.status = 0xFF;
    tape_2400_type.start(&t->dev, &cmd);
    if (cmd.pending)
        ck_abort_msg("command %02X left pending", code);
    return cmd;
}

uint8_t test_drive_motion(struct test_drive *t, uint8_t code)
{
    t->async_count = 0;
    struct device_command c = test_drive_run(t, code, 1, NULL);
    if (c.status & UNIT_DEVICE_END) {
        test_drive_settle(t);
        ck_assert_uint_eq(t->async_count, 0);
        return c.status;
    }
    ck_assert_uint_eq(c.status, UNIT_CHANNEL_END);
    ck_assert_uint_eq(c.length, 0);
    ck_assert_uint_eq(c.delay, 0);
    test_drive_settle(t);
    ck_assert_uint_eq(t->async_count, 1);
    ck_assert(t->async[0] & UNIT_DEVICE_END);
    ck_assert(!(t->async[0] & UNIT_CHANNEL_END));
    t->async_count = 0;
    return (uint8_t)(c.status | t->async[0]);
}

void test_drive_settle(struct test_drive *t)
{
    uint64_t due;
    while ((due = event_next_due(&t->events)) != UINT64_MAX)
        event_run_due(&t->events, due);
}

void test_drive_sense(struct test_drive *t, uint8_t sense[6])
{
    struct device_command c = test_drive_run(t, 0x04, 6, NULL);
    ck_assert_uint_eq(c.status, UNIT_CHANNEL_END | UNIT_DEVICE_END);
    ck_assert_uint_eq(c.length, 6);
    memcpy(sense, t->buffer, 6);
}

