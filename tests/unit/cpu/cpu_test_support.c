#include "tests/unit/cpu/cpu_test_support.h"

#include <ctype.h>
#include <stdlib.h>

#include "lib/bytes.h"

static void put_wait_psw(struct cpu *c, uint32_t at, uint32_t ia)
{
    /* BC PSW: system mask 0, key 0, W=1, instruction address ia. */
    store_be32(c->storage.bytes + at, 0x00020000);
    store_be32(c->storage.bytes + at + 4, ia);
}

void test_cpu_init_size(struct cpu *c, uint32_t storage_bytes)
{
    struct error err;
    ck_assert_msg(cpu_init(c, storage_bytes, &err), "cpu_init: %s", err.message);
    put_wait_psw(c, LOW_EXTERNAL_NEW, TEST_WAIT_EXTERNAL);
    put_wait_psw(c, LOW_SVC_NEW, TEST_WAIT_SVC);
    put_wait_psw(c, LOW_PROGRAM_NEW, TEST_WAIT_PROGRAM);
    put_wait_psw(c, LOW_MACHINE_CHECK_NEW, TEST_WAIT_MACHINE_CHECK);
    put_wait_psw(c, LOW_IO_NEW, TEST_WAIT_IO);
    test_set_psw(c, 0, 0, 0, 0, 0, TEST_CODE);
}

void test_cpu_init(struct cpu *c)
{
    test_cpu_init_size(c, TEST_STORAGE);
}

void test_cpu_reinit(struct cpu *c)
{
    cpu_free(c);
    test_cpu_init(c);
}

unsigned test_put_hex(struct cpu *c, uint32_t address, const char *hex)
{
    unsigned n = 0;
    int high = -1;
    for (const char *p = hex; *p != '\0'; p++) {
        if (isspace((unsigned char)*p))
            continue;
        ck_assert_msg(isxdigit((unsigned char)*p), "bad hex digit '%c' in \"%s\"", *p, hex);
        int v = isdigit((unsigned char)*p) ? *p - '0' : (tolower((unsigned char)*p) - 'a' + 10);
        if (high < 0) {
            high = v;
        } else {
            ck_assert_uint_lt(address + n, c->storage.size);
            c->storage.bytes[address + n] = (uint8_t)(high << 4 | v);
            n++;
            high = -1;
        }
    }
    ck_assert_msg(high < 0, "odd number of hex digits in \"%s\"", hex);
    return n;
}

void test_put_word(struct cpu *c, uint32_t address, uint32_t value)
{
    store_be32(c->storage.bytes + address, value);
}

void test_put_double(struct cpu *c, uint32_t address, uint64_t value)
{
    store_be64(c->storage.bytes + address, value);
}

uint32_t test_get_word(struct cpu *c, uint32_t address)
{
    return load_be32(c->storage.bytes + address);
}

uint16_t test_get_half(struct cpu *c, uint32_t address)
{
    return load_be16(c->storage.bytes + address);
}

uint64_t test_get_double(struct cpu *c, uint32_t address)
{
    return load_be64(c->storage.bytes + address);
}

void test_set_psw(struct cpu *c, uint8_t sysmask, uint8_t key, uint8_t amwp, uint8_t cc,
                  uint8_t progmask, uint32_t ia)
{
    uint8_t psw[8];
    store_be32(psw, ((uint32_t)sysmask << 24) | ((uint32_t)key << 20) | ((uint32_t)amwp << 16));
    store_be32(psw + 4, ((uint32_t)cc << 28) | ((uint32_t)progmask << 24) | ia);
    ck_assert(cpu_load_psw(c, psw));
}

enum cpu_exit test_execute(struct cpu *c, const char *instruction_hex)
{
    test_put_hex(c, TEST_CODE, instruction_hex);
    c->ia = TEST_CODE;
    return cpu_run(c, 1);
}

enum cpu_exit test_run(struct cpu *c, uint64_t limit)
{
    return cpu_run(c, limit);
}

void test_assert_program_interrupt_at(struct cpu *c, uint16_t code, unsigned ilc, uint32_t ia,
                                      const char *file, int line)
{
    uint32_t word0 = test_get_word(c, LOW_PROGRAM_OLD);
    uint32_t word1 = test_get_word(c, LOW_PROGRAM_OLD + 4);
    ck_assert_msg(c->wait && c->ia == TEST_WAIT_PROGRAM,
                  "%s:%d: expected a program interruption, CPU is at %06X (wait=%d)", file, line, c->ia,
                  c->wait);
    ck_assert_msg((word0 & 0xFFFF) == code, "%s:%d: interruption code %04X, expected %04X", file, line,
                  word0 & 0xFFFF, code);
    ck_assert_msg(word1 >> 30 == ilc, "%s:%d: ILC %u, expected %u", file, line, word1 >> 30, ilc);
    ck_assert_msg((word1 & 0xFFFFFF) == ia, "%s:%d: old PSW address %06X, expected %06X", file, line,
                  word1 & 0xFFFFFF, ia);
}

void test_assert_no_interrupt_at(struct cpu *c, uint32_t ia, const char *file, int line)
{
    ck_assert_msg(!c->wait && c->ia == ia, "%s:%d: expected no interruption and address %06X, CPU at %06X%s",
                  file, line, ia, c->ia, c->wait ? " in wait state" : "");
}

uint32_t test_old_psw_word0(struct cpu *c, uint32_t location)
{
    return test_get_word(c, location);
}

uint32_t test_old_psw_word1(struct cpu *c, uint32_t location)
{
    return test_get_word(c, location + 4);
}

void test_put_psw(struct cpu *c, uint32_t location, uint32_t word0, uint32_t word1)
{
    test_put_word(c, location, word0);
    test_put_word(c, location + 4, word1);
}

static int test_io_record(void *ctx, char what, uint32_t address)
{
    struct test_io *io = ctx;
    io->calls++;
    io->last = what;
    io->last_address = address;
    return io->cc;
}

static int test_io_start(void *ctx, uint32_t address)
{
    return test_io_record(ctx, 'S', address);
}

static int test_io_test(void *ctx, uint32_t address)
{
    return test_io_record(ctx, 'T', address);
}

static int test_io_halt(void *ctx, uint32_t address)
{
    return test_io_record(ctx, 'H', address);
}

static int test_io_test_channel(void *ctx, uint32_t address)
{
    return test_io_record(ctx, 'C', address);
}

static bool test_io_accept(void *ctx, uint32_t channel_mask, uint16_t *io_address)
{
    struct test_io *io = ctx;
    io->last_mask = channel_mask;
    for (unsigned i = 0; i < io->pending_count; i++) {
        unsigned channel = (io->pending[i] >> 8) & 7;
        if (channel_mask & (1u << channel)) {
            *io_address = io->pending[i];
            for (unsigned j = i + 1; j < io->pending_count; j++)
                io->pending[j - 1] = io->pending[j];
            io->pending_count--;
            test_put_double(io->cpu, LOW_CSW, io->csw);
            return true;
        }
    }
    return false;
}

static const struct cpu_io_ops test_io_ops = {
    .start_io = test_io_start,
    .test_io = test_io_test,
    .halt_io = test_io_halt,
    .test_channel = test_io_test_channel,
    .accept_interrupt = test_io_accept,
};

void test_io_attach(struct cpu *c, struct test_io *io)
{
    io->cpu = c;
    cpu_set_io(c, &test_io_ops, io);
}

void test_io_queue(struct cpu *c, struct test_io *io, uint16_t device)
{
    ck_assert_uint_lt(io->pending_count, 8);
    io->pending[io->pending_count++] = device;
    cpu_signal_io(c);
}

int test_run_suite(Suite *s)
{
    SRunner *runner = srunner_create(s);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
