#include "tests/unit/devices/io_test_support.h"

#include <ctype.h>
#include <stdarg.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bytes.h"

static uint64_t rig_now(void *context)
{
    return ((struct io_rig *)context)->now;
}

static void rig_halt(void *context, struct device *dev)
{
    (void)dev;
    ((struct io_rig *)context)->halts_seen++;
}

static void rig_fatal(void *context, struct device *dev, const char *message)
{
    struct io_rig *r = context;
    (void)dev;
    r->fatal_count++;
    snprintf(r->fatal_message, sizeof r->fatal_message, "%s", message);
}

static void rig_ipl_done(void *context, bool ok, const char *message)
{
    struct io_rig *r = context;
    r->ipl_result = ok ? 1 : 0;
    snprintf(r->ipl_message, sizeof r->ipl_message, "%s", message);
}

void io_rig_init(struct io_rig *r)
{
    memset(r, 0, sizeof *r);
    struct error err;
    ck_assert_msg(cpu_init(&r->cpu, IO_RIG_STORAGE, &err), "%s", err.message);
    event_queue_init(&r->events);
    struct channel_host host = {
        .context = r, .now = rig_now, .halt_io_issued = rig_halt, .fatal = rig_fatal, .ipl_done = rig_ipl_done};
    channel_subsystem_init(&r->cs, &r->cpu, &r->events, &host);
    cpu_set_io(&r->cpu, &channel_io_ops, &r->cs);
    r->ipl_result = -1;
}

void io_rig_free(struct io_rig *r)
{
    channel_subsystem_free(&r->cs);
    cpu_free(&r->cpu);
}

void io_rig_advance(struct io_rig *r, uint64_t units)
{
    r->now += units;
    event_run_due(&r->events, r->now);
}

void io_rig_settle(struct io_rig *r)
{
    for (unsigned i = 0; i < 10000 && event_next_due(&r->events) != UINT64_MAX; i++) {
        uint64_t due = event_next_due(&r->events);
        if (due > r->now)
            r->now = due;
        event_run_due(&r->events, r->now);
    }
}

int io_rig_sio(struct io_rig *r, uint32_t address)
{
    return channel_io_ops.start_io(&r->cs, address);
}

int io_rig_tio(struct io_rig *r, uint32_t address)
{
    return channel_io_ops.test_io(&r->cs, address);
}

int io_rig_hio(struct io_rig *r, uint32_t address)
{
    return channel_io_ops.halt_io(&r->cs, address);
}

int io_rig_tch(struct io_rig *r, uint32_t address)
{
    return channel_io_ops.test_channel(&r->cs, address);
}

int io_rig_accept_mask(struct io_rig *r, uint32_t channel_mask)
{
    uint16_t address;
    if (!channel_io_ops.accept_interrupt(&r->cs, channel_mask, &address))
        return -1;
    return address;
}

int io_rig_accept(struct io_rig *r)
{
    return io_rig_accept_mask(r, 0x7F);
}

void io_rig_put_hex(struct io_rig *r, uint32_t address, const char *hex)
{
    int high = -1;
    for (const char *p = hex; *p != '\0'; p++) {
        if (isspace((unsigned char)*p))
            continue;
        int v = isdigit((unsigned char)*p) ? *p - '0' : (tolower((unsigned char)*p) - 'a' + 10);
        if (high < 0) {
            high = v;
        } else {
            r->cpu.storage.bytes[address++] = (uint8_t)(high << 4 | v);
            high = -1;
        }
    }
}

void io_rig_put_ccw(struct io_rig *r, uint32_t at, uint8_t command, uint32_t data, uint8_t flags, uint16_t count)
{
    uint8_t *p = r->cpu.storage.bytes + at;
    store_be32(p, ((uint32_t)command << 24) | (data & 0xFFFFFF));
    p[4] = flags;
    p[5] = 0;
    store_be16(p + 6, count);
}

void io_rig_set_caw(struct io_rig *r, uint8_t key, uint32_t address)
{
    store_be32(r->cpu.storage.bytes + LOW_CAW, ((uint32_t)key << 28) | address);
}

uint64_t io_rig_csw(struct io_rig *r)
{
    return load_be64(r->cpu.storage.bytes + LOW_CSW);
}

void io_rig_set_csw(struct io_rig *r, uint64_t value)
{
    store_be64(r->cpu.storage.bytes + LOW_CSW, value);
}

/* The fake device. */

static bool fake_attach(struct device *dev, int argc, char **argv, struct error *err)
{
    (void)argc;
    (void)argv;
    struct fake_device *f = calloc(1, sizeof *f);
    if (f == NULL)
        return error_set(err, "out of memory");
    f->dev = dev;
    dev->state = f;
    return true;
}

static void fake_detach(struct device *dev)
{
    free(dev->state);
    dev->state = NULL;
}

static void fake_start(struct device *dev, struct device_command *cmd)
{
    struct fake_device *f = dev->state;
    if (f->started < sizeof f->log / sizeof f->log[0]) {
        struct fake_command_record *rec = &f->log[f->started];
        rec->code = cmd->code;
        rec->flags = cmd->flags;
        rec->chained = cmd->chained;
        rec->previous_code = cmd->previous_code;
        rec->count = cmd->count;
        enum ccw_class cls = ccw_class_of(cmd->code);
        if (cls == CCW_CLASS_WRITE || cls == CCW_CLASS_CONTROL)
            memcpy(rec->data, cmd->data, cmd->count < sizeof rec->data ? cmd->count : sizeof rec->data);
    }
    f->started++;
    const struct fake_response *resp = &f->response[cmd->code];
    if (resp->set) {
        memcpy(cmd->data, resp->data, resp->data_length);
        cmd->length = resp->length;
        cmd->status = resp->status;
        cmd->delay = resp->delay;
        cmd->pending = resp->pending;
        return;
    }
    switch (ccw_class_of(cmd->code)) {
    case CCW_CLASS_READ:
    case CCW_CLASS_READ_BACKWARD:
        memcpy(cmd->data, f->default_read, f->default_read_length);
        cmd->length = f->default_read_length;
        break;
    case CCW_CLASS_SENSE:
        device_answer_sense(dev, cmd);
        cmd->delay = 10;
        return;
    default:
        cmd->length = cmd->count;
        break;
    }
    cmd->status = UNIT_CHANNEL_END | UNIT_DEVICE_END;
    cmd->delay = 10;
}

static void fake_halt(struct device *dev)
{
    struct fake_device *f = dev->state;
    f->halts++;
    channel_command_done(dev, 0, UNIT_CHANNEL_END | UNIT_DEVICE_END, 0);
}

static void fake_reset(struct device *dev)
{
    struct fake_device *f = dev->state;
    f->resets++;
}

static void fake_describe(struct device *dev, char *buffer, size_t size)
{
    (void)dev;
    snprintf(buffer, size, "fake");
}

const struct device_type fake_device_type = {
    .name = "FAKE",
    .aliases = NULL,
    .description = "a test device",
    .attach = fake_attach,
    .detach = fake_detach,
    .start = fake_start,
    .halt = fake_halt,
    .reset = fake_reset,
    .describe = fake_describe,
};

struct fake_device *io_rig_attach_fake(struct io_rig *r, uint16_t address)
{
    struct error err;
    ck_assert_msg(channel_attach(&r->cs, address, &fake_device_type, 0, NULL, &err), "%s", err.message);
    return channel_device_at(&r->cs, address)->state;
}

void fake_complete(struct fake_device *f, uint32_t length, uint8_t status)
{
    channel_command_done(f->dev, length, status, 0);
}

int io_rig_command(struct io_rig *r, uint16_t address, uint8_t command, uint32_t data, uint8_t flags,
                   uint16_t count)
{
    io_rig_put_ccw(r, 0x100, command, data, flags, count);
    io_rig_set_caw(r, 0, 0x100);
    return io_rig_sio(r, address);
}

int io_rig_command_wait(struct io_rig *r, uint16_t address, uint8_t command, uint32_t data, uint8_t flags,
                        uint16_t count)
{
    int cc = io_rig_command(r, address, command, data, flags, count);
    if (cc == 0) {
        io_rig_settle(r);
        ck_assert_int_eq(io_rig_accept(r), address);
    }
    return cc;
}

struct device *io_rig_attach(struct io_rig *r, uint16_t address, const char *type, ...)
{
    char *argv[16];
    int argc = 0;
    va_list ap;
    va_start(ap, type);
    char *a;
    while ((a = va_arg(ap, char *)) != NULL && argc < 16)
        argv[argc++] = a;
    va_end(ap);
    struct error err;
    ck_assert_msg(io_rig_try_attach(r, address, type, argv, argc, &err), "%s", err.message);
    return channel_device_at(&r->cs, address);
}

bool io_rig_try_attach(struct io_rig *r, uint16_t address, const char *type, char **argv, int argc,
                       struct error *err)
{
    const struct device_type *t = device_type_find(type);
    ck_assert_msg(t != NULL, "no device type %s", type);
    return channel_attach(&r->cs, address, t, argc, argv, err);
}

char *io_test_file_name(void)
{
    char *path = strdup("/tmp/vm67-test-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    unlink(path);
    return path;
}

char *io_test_file(const void *bytes, size_t length)
{
    char *path = strdup("/tmp/vm67-test-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, bytes, length), (ssize_t)length);
    close(fd);
    return path;
}

char *io_test_read_file(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char *text = malloc(1);
    size_t n = 0;
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        text = realloc(text, n + got + 1);
        memcpy(text + n, chunk, got);
        n += got;
    }
    fclose(f);
    text[n] = '\0';
    *length = n;
    return text;
}
