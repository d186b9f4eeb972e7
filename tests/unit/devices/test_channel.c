/* The channel engine: START I/O, TEST I/O, HALT I/O, TEST CHANNEL, the CCW
 * rules, data and command chaining, the CSW and interruptions (POO
 * A22-6821 "Input/Output Operations"; S360-67.md §3). Every test checks
 * the condition code and the CSW bytes exactly. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "lib/bytes.h"
#include "tests/unit/devices/io_test_support.h"

#define CSW(key, address, unit, channel, count)                                                       \
    (((uint64_t)(key) << 60) | ((uint64_t)(address) << 32) | ((uint64_t)(unit) << 24) |               \
     ((uint64_t)(channel) << 16) | (uint64_t)(count))
#define CE_DE (UNIT_CHANNEL_END | UNIT_DEVICE_END)

static struct io_rig rig;

static void setup(void)
{
    io_rig_init(&rig);
}

static void teardown(void)
{
    io_rig_free(&rig);
}

static uint8_t *mem(uint32_t address)
{
    return rig.cpu.storage.bytes + address;
}

/* ---- Addressing and not operational. */

START_TEST(test_sio_to_an_address_without_device_is_cc3)
{
    io_rig_attach_fake(&rig, 0x00C);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00D), 3);
    ck_assert_int_eq(io_rig_tio(&rig, 0x00D), 3);
    ck_assert_int_eq(io_rig_hio(&rig, 0x00D), 3);
}
END_TEST

START_TEST(test_channel_7_is_not_operational_for_all_four_instructions)
{
    ck_assert_int_eq(io_rig_sio(&rig, 0x70C), 3);
    ck_assert_int_eq(io_rig_tio(&rig, 0x70C), 3);
    ck_assert_int_eq(io_rig_hio(&rig, 0x70C), 3);
    ck_assert_int_eq(io_rig_tch(&rig, 0x700), 3);
}
END_TEST

START_TEST(test_address_bits_above_21_are_ignored)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, 0, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0xFF000800u | 0x00C), 0);
    ck_assert_uint_eq(f->started, 1);
}
END_TEST

/* ---- START I/O and the CSW of a normal operation. */

START_TEST(test_sio_write_starts_with_cc0_and_the_interruption_stores_ce_de_csw)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00E);
    memcpy(mem(0x200), "\xC1\xC2\xC3\xC4", 4);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, 0, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00E), 0);
    ck_assert_uint_eq(f->started, 1);
    ck_assert_uint_eq(f->log[0].code, 0x01);
    ck_assert_uint_eq(f->log[0].count, 4);
    ck_assert_mem_eq(f->log[0].data, "\xC1\xC2\xC3\xC4", 4);
    ck_assert_int_eq(io_rig_accept(&rig), -1); /* not before the delay */
    ck_assert(!rig.cpu.io_pending);
    io_rig_advance(&rig, 10);
    ck_assert(rig.cpu.io_pending);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    ck_assert(!rig.cpu.io_pending);
}
END_TEST

START_TEST(test_csw_carries_the_caw_key)
{
    io_rig_attach_fake(&rig, 0x00E);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, 0, 4);
    io_rig_set_caw(&rig, 0x3, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00E), 0);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(3, 0x108, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_immediate_command_without_chaining_stores_csw_at_sio_with_cc1)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x01F);
    f->response[0x03] = (struct fake_response){.set = true, .status = CE_DE};
    io_rig_put_ccw(&rig, 0x100, 0x03, 0x200, 0, 1);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x01F), 1);
    /* Immediate: no incorrect length although nothing was transferred. */
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 1));
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), -1);
    ck_assert_int_eq(io_rig_tio(&rig, 0x01F), 0);
}
END_TEST

START_TEST(test_immediate_command_with_chaining_gives_cc0_and_runs_the_chain)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x01F);
    f->response[0x03] = (struct fake_response){.set = true, .status = CE_DE};
    io_rig_put_ccw(&rig, 0x100, 0x03, 0x200, CCW_CHAIN_COMMAND, 1);
    io_rig_put_ccw(&rig, 0x108, 0x01, 0x200, 0, 2);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x01F), 0);
    io_rig_settle(&rig);
    ck_assert_uint_eq(f->started, 2);
    ck_assert(f->log[1].chained);
    ck_assert_uint_eq(f->log[1].previous_code, 0x03);
    ck_assert_int_eq(io_rig_accept(&rig), 0x01F);
    io_rig_assert_csw(&rig, CSW(0, 0x110, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_data_transfer_ending_at_once_is_not_immediate_cc0_and_an_interruption)
{
    /* POO "Immediate Operations": only a command that transfers nothing
     * ends inside START I/O; a sense answered at once still interrupts. */
    struct fake_device *f = io_rig_attach_fake(&rig, 0x01F);
    f->response[0x04] = (struct fake_response){.set = true, .status = CE_DE, .length = 1, .data = {0x80},
                                               .data_length = 1};
    io_rig_put_ccw(&rig, 0x100, 0x04, 0x200, 0, 1);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x01F), 0);
    ck_assert(rig.cpu.io_pending);
    ck_assert_int_eq(io_rig_accept(&rig), 0x01F);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    ck_assert_uint_eq(*mem(0x200), 0x80);
}
END_TEST

START_TEST(test_immediate_channel_end_only_leaves_device_busy_until_device_end)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00E);
    f->response[0x0B] = (struct fake_response){.set = true, .status = UNIT_CHANNEL_END};
    io_rig_put_ccw(&rig, 0x100, 0x0B, 0, 0, 1);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00E), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, UNIT_CHANNEL_END, 0, 1));
    /* TEST I/O: the device is working: busy in the status portion only. */
    io_rig_set_csw(&rig, 0x1111111122222222ull);
    ck_assert_int_eq(io_rig_tio(&rig, 0x00E), 1);
    io_rig_assert_csw(&rig, 0x1111111110002222ull);
    channel_device_status(f->dev, UNIT_DEVICE_END);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(0, 0, UNIT_DEVICE_END, 0, 0));
    ck_assert_int_eq(io_rig_tio(&rig, 0x00E), 0);
}
END_TEST

/* ---- The CAW and CCW checks: program check, CC 1, CSW stored. */

START_TEST(test_caw_address_not_on_a_doubleword_is_program_check)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    io_rig_set_caw(&rig, 0, 0x104);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x10C, 0, CHANNEL_PROGRAM_CHECK, 0));
    ck_assert_uint_eq(f->started, 0);
    ck_assert_int_eq(io_rig_tio(&rig, 0x00C), 0);
}
END_TEST

START_TEST(test_caw_bits_4_to_7_not_zero_is_program_check)
{
    io_rig_attach_fake(&rig, 0x00C);
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, 0, 80);
    store_be32(mem(LOW_CAW), 0x21000100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 1);
    io_rig_assert_csw(&rig, CSW(2, 0x108, 0, CHANNEL_PROGRAM_CHECK, 0));
}
END_TEST

START_TEST(test_first_ccw_being_a_tic_is_program_check)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    io_rig_put_ccw(&rig, 0x100, 0x08, 0x200, 0, 0);
    io_rig_put_ccw(&rig, 0x200, 0x02, 0x300, 0, 80);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, 0, CHANNEL_PROGRAM_CHECK, 0));
    ck_assert_uint_eq(f->started, 0);
}
END_TEST

START_TEST(test_tic_to_tic_in_command_chaining_is_program_check_at_second_tic)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x300, CCW_CHAIN_COMMAND, 4);
    io_rig_put_ccw(&rig, 0x108, 0x08, 0x200, 0, 0);
    io_rig_put_ccw(&rig, 0x200, 0x08, 0x100, 0, 0);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 0);
    io_rig_settle(&rig);
    ck_assert_uint_eq(f->started, 1);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    /* Concluded at initiation of the chained command: no CE, no DE. */
    io_rig_assert_csw(&rig, CSW(0, 0x208, 0, CHANNEL_PROGRAM_CHECK, 0));
}
END_TEST

START_TEST(test_tic_in_command_chaining_transfers_to_the_next_ccw)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x300, CCW_CHAIN_COMMAND, 4);
    io_rig_put_ccw(&rig, 0x108, 0x08, 0x200, 0, 0);
    io_rig_put_ccw(&rig, 0x200, 0x01, 0x300, 0, 2);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 0);
    io_rig_settle(&rig);
    ck_assert_uint_eq(f->started, 2);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x208, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_tic_to_an_address_not_on_a_doubleword_is_program_check_at_the_tic)
{
    io_rig_attach_fake(&rig, 0x00C);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x300, CCW_CHAIN_COMMAND, 4);
    io_rig_put_ccw(&rig, 0x108, 0x08, 0x204, 0, 0);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 0);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x110, 0, CHANNEL_PROGRAM_CHECK, 0));
}
END_TEST

START_TEST(test_invalid_command_code_is_program_check)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    io_rig_put_ccw(&rig, 0x100, 0x10, 0x200, 0, 80); /* xxxx0000 */
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, 0, CHANNEL_PROGRAM_CHECK, 80));
    ck_assert_uint_eq(f->started, 0);
}
END_TEST

START_TEST(test_zero_count_is_program_check)
{
    io_rig_attach_fake(&rig, 0x00C);
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, 0, 0);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, 0, CHANNEL_PROGRAM_CHECK, 0));
}
END_TEST

START_TEST(test_ccw_flag_bits_37_to_39_not_zero_is_program_check)
{
    io_rig_attach_fake(&rig, 0x00C);
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, 0x04, 80);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, 0, CHANNEL_PROGRAM_CHECK, 80));
}
END_TEST

START_TEST(test_ccw_address_beyond_storage_is_program_check)
{
    io_rig_attach_fake(&rig, 0x00C);
    io_rig_set_caw(&rig, 0, 0x20000);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x20008, 0, CHANNEL_PROGRAM_CHECK, 0));
}
END_TEST

START_TEST(test_ccw_in_fetch_protected_block_is_protection_check)
{
    io_rig_attach_fake(&rig, 0x00C);
    rig.cpu.storage.keys[0x800 >> 11] = 0x50 | STORAGE_KEY_FETCH;
    io_rig_put_ccw(&rig, 0x800, 0x02, 0x200, 0, 80);
    io_rig_set_caw(&rig, 3, 0x800);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 1);
    io_rig_assert_csw(&rig, CSW(3, 0x808, 0, CHANNEL_PROTECTION_CHECK, 0));
}
END_TEST

/* ---- Data chaining, incorrect length, SLI, skip, read backward. */

START_TEST(test_data_chaining_gathers_write_data_from_every_ccw)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00D);
    memcpy(mem(0x200), "AB", 2);
    memcpy(mem(0x300), "CDE", 3);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, CCW_CHAIN_DATA, 2);
    io_rig_put_ccw(&rig, 0x108, 0x00, 0x300, 0, 3); /* command ignored */
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00D), 0);
    ck_assert_uint_eq(f->log[0].count, 5);
    ck_assert_mem_eq(f->log[0].data, "ABCDE", 5);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00D);
    io_rig_assert_csw(&rig, CSW(0, 0x110, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_data_chaining_scatters_read_data_across_ccws)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    memcpy(f->default_read, "0123456789", 10);
    f->default_read_length = 10;
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, CCW_CHAIN_DATA, 4);
    io_rig_put_ccw(&rig, 0x108, 0x08, 0x180, 0, 0); /* a TIC inside a data chain */
    io_rig_put_ccw(&rig, 0x180, 0x02, 0x300, 0, 6);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 0);
    io_rig_settle(&rig);
    ck_assert_mem_eq(mem(0x200), "0123", 4);
    ck_assert_mem_eq(mem(0x300), "456789", 6);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x188, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_short_record_sets_incorrect_length_with_the_residual_count)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    memcpy(f->default_read, "HELLO", 5);
    f->default_read_length = 5;
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, 0, 80);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 0);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_INCORRECT_LENGTH, 75));
    ck_assert_mem_eq(mem(0x200), "HELLO", 5);
}
END_TEST

START_TEST(test_long_record_sets_incorrect_length_with_zero_residual_and_stores_only_count)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    memcpy(f->default_read, "HELLO", 5);
    f->default_read_length = 5;
    memset(mem(0x200), 0xEE, 8);
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, 0, 3);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 0);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_INCORRECT_LENGTH, 0));
    ck_assert_mem_eq(mem(0x200), "HEL\xEE", 4);
}
END_TEST

START_TEST(test_sli_suppresses_incorrect_length)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    f->default_read_length = 5;
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, CCW_SUPPRESS_LENGTH, 80);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x00C);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 75));
}
END_TEST

START_TEST(test_incorrect_length_stops_command_chaining)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    f->default_read_length = 5;
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, CCW_CHAIN_COMMAND, 80);
    io_rig_put_ccw(&rig, 0x108, 0x02, 0x300, 0, 80);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x00C);
    io_rig_settle(&rig);
    ck_assert_uint_eq(f->started, 1);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_INCORRECT_LENGTH, 75));
}
END_TEST

START_TEST(test_sli_with_command_chaining_lets_the_chain_continue)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    f->default_read_length = 5;
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, CCW_CHAIN_COMMAND | CCW_SUPPRESS_LENGTH, 80);
    io_rig_put_ccw(&rig, 0x108, 0x02, 0x300, CCW_SUPPRESS_LENGTH, 80);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x00C);
    io_rig_settle(&rig);
    ck_assert_uint_eq(f->started, 2);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x110, CE_DE, 0, 75));
}
END_TEST

START_TEST(test_device_ending_at_the_end_of_a_data_chained_ccw_points_to_the_next)
{
    /* The count ran out with chain data: the next CCW was fetched and is
     * the CCW in use; its whole count is left and its SLI decides. */
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    f->default_read_length = 4;
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, CCW_CHAIN_DATA, 4);
    io_rig_put_ccw(&rig, 0x108, 0x02, 0x300, 0, 6);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x00C);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x110, CE_DE, CHANNEL_INCORRECT_LENGTH, 6));
}
END_TEST

START_TEST(test_skip_flag_counts_bytes_without_storing_them)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    memcpy(f->default_read, "ABCDEFGH", 8);
    f->default_read_length = 8;
    memset(mem(0x200), 0xEE, 8);
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, CCW_CHAIN_DATA | CCW_SKIP, 3);
    io_rig_put_ccw(&rig, 0x108, 0x02, 0x300, 0, 5);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x00C);
    io_rig_settle(&rig);
    ck_assert_mem_eq(mem(0x200), "\xEE\xEE\xEE\xEE", 4);
    ck_assert_mem_eq(mem(0x300), "DEFGH", 5);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x110, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_read_backward_stores_the_record_ending_at_the_data_address)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x0C0);
    memcpy(f->default_read, "ABCDEF", 6);
    f->default_read_length = 6;
    memset(mem(0x2F8), 0xEE, 16);
    io_rig_put_ccw(&rig, 0x100, 0x0C, 0x305, 0, 6);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x0C0);
    io_rig_settle(&rig);
    ck_assert_mem_eq(mem(0x2FF), "\xEE" "ABCDEF" "\xEE", 8);
    ck_assert_int_eq(io_rig_accept(&rig), 0x0C0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_read_backward_with_short_count_receives_the_last_bytes_of_the_record)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x0C0);
    memcpy(f->default_read, "ABCDEF", 6);
    f->default_read_length = 6;
    memset(mem(0x2F8), 0xEE, 16);
    io_rig_put_ccw(&rig, 0x100, 0x0C, 0x302, CCW_SUPPRESS_LENGTH, 3);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x0C0);
    io_rig_settle(&rig);
    ck_assert_mem_eq(mem(0x2FF), "\xEE" "DEF" "\xEE", 5);
    ck_assert_int_eq(io_rig_accept(&rig), 0x0C0);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_data_chained_read_backward_continues_below_the_next_address)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x0C0);
    memcpy(f->default_read, "ABCDEF", 6);
    f->default_read_length = 6;
    io_rig_put_ccw(&rig, 0x100, 0x0C, 0x301, CCW_CHAIN_DATA, 2);
    io_rig_put_ccw(&rig, 0x108, 0x0C, 0x403, 0, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x0C0);
    io_rig_settle(&rig);
    ck_assert_mem_eq(mem(0x300), "EF", 2);
    ck_assert_mem_eq(mem(0x400), "ABCD", 4);
}
END_TEST

/* ---- Storage protection and addressing for data. */

START_TEST(test_read_into_a_block_of_another_key_is_protection_check)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    memcpy(f->default_read, "ABCDEFGH", 8);
    f->default_read_length = 8;
    rig.cpu.storage.keys[0x1000 >> 11] = 0x30; /* key 3 at 1000-17FF */
    rig.cpu.storage.keys[0x1800 >> 11] = 0x50; /* key 5 at 1800-1FFF */
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x17FC, 0, 8);
    io_rig_set_caw(&rig, 3, 0x100);
    io_rig_sio(&rig, 0x00C);
    io_rig_settle(&rig);
    ck_assert_mem_eq(mem(0x17FC), "ABCD", 4);
    ck_assert_uint_eq(*mem(0x1800), 0);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(3, 0x108, CE_DE, CHANNEL_PROTECTION_CHECK, 4));
}
END_TEST

START_TEST(test_channel_key_zero_stores_into_any_block_and_sets_reference_and_change)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    memcpy(f->default_read, "ABCD", 4);
    f->default_read_length = 4;
    rig.cpu.storage.keys[0x1000 >> 11] = 0x70;
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x1000, 0, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x00C);
    io_rig_settle(&rig);
    ck_assert_mem_eq(mem(0x1000), "ABCD", 4);
    ck_assert_uint_eq(rig.cpu.storage.keys[0x1000 >> 11], 0x70 | STORAGE_KEY_REFERENCE | STORAGE_KEY_CHANGE);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_write_from_a_fetch_protected_block_is_protection_check)
{
    io_rig_attach_fake(&rig, 0x00E);
    rig.cpu.storage.keys[0x1000 >> 11] = 0x70 | STORAGE_KEY_FETCH;
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x1000, 0, 4);
    io_rig_set_caw(&rig, 3, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00E), 0);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(3, 0x108, CE_DE, CHANNEL_PROTECTION_CHECK, 4));
}
END_TEST

START_TEST(test_write_from_a_store_protected_block_is_allowed)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00E);
    rig.cpu.storage.keys[0x1000 >> 11] = 0x70;
    memcpy(mem(0x1000), "WXYZ", 4);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x1000, 0, 4);
    io_rig_set_caw(&rig, 3, 0x100);
    io_rig_sio(&rig, 0x00E);
    ck_assert_mem_eq(f->log[0].data, "WXYZ", 4);
    ck_assert_uint_eq(rig.cpu.storage.keys[0x1000 >> 11], 0x70 | STORAGE_KEY_REFERENCE);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(3, 0x108, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_read_beyond_storage_is_program_check_with_the_residual)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    memcpy(f->default_read, "ABCDEFGH", 8);
    f->default_read_length = 8;
    io_rig_put_ccw(&rig, 0x100, 0x02, IO_RIG_STORAGE - 2, 0, 8);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x00C);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    /* Two bytes were stored before the address ran out of storage. */
    ck_assert_mem_eq(mem(IO_RIG_STORAGE - 2), "AB", 2);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_PROGRAM_CHECK, 6));
}
END_TEST

START_TEST(test_data_address_of_an_immediate_command_is_not_checked)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x01F);
    f->response[0x03] = (struct fake_response){.set = true, .status = CE_DE};
    io_rig_put_ccw(&rig, 0x100, 0x03, 0xFFFFF0, 0, 1);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x01F), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 1));
}
END_TEST

START_TEST(test_bad_ccw_later_in_a_data_chain_is_found_when_the_transfer_reaches_it)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    memcpy(f->default_read, "ABCDEFGH", 8);
    f->default_read_length = 8;
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, CCW_CHAIN_DATA, 4);
    io_rig_put_ccw(&rig, 0x108, 0x02, 0x300, 0, 0); /* zero count */
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 0);
    ck_assert_uint_eq(f->log[0].count, 4);
    io_rig_settle(&rig);
    ck_assert_mem_eq(mem(0x200), "ABCD", 4);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x110, CE_DE, CHANNEL_PROGRAM_CHECK, 0));
}
END_TEST

START_TEST(test_bad_ccw_in_a_data_chain_is_harmless_if_the_device_stops_before)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    f->default_read_length = 2;
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, CCW_CHAIN_DATA | CCW_SUPPRESS_LENGTH, 4);
    io_rig_put_ccw(&rig, 0x108, 0x02, 0x300, 0, 0);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x00C);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 2));
}
END_TEST

/* ---- Command chaining and status. */

START_TEST(test_command_chaining_runs_each_command_and_the_csw_names_the_last)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00E);
    io_rig_put_ccw(&rig, 0x100, 0x09, 0x200, CCW_CHAIN_COMMAND, 4);
    io_rig_put_ccw(&rig, 0x108, 0x11, 0x200, CCW_CHAIN_COMMAND, 5);
    io_rig_put_ccw(&rig, 0x110, 0x01, 0x200, 0, 6);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00E), 0);
    io_rig_settle(&rig);
    ck_assert_uint_eq(f->started, 3);
    ck_assert_uint_eq(f->log[2].previous_code, 0x11);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(0, 0x118, CE_DE, 0, 0));
    ck_assert_int_eq(io_rig_accept(&rig), -1);
}
END_TEST

START_TEST(test_status_modifier_skips_one_ccw)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x130);
    f->response[0x31] = (struct fake_response){.set = true, .status = CE_DE | UNIT_STATUS_MODIFIER, .length = 5,
                                               .delay = 10};
    io_rig_put_ccw(&rig, 0x100, 0x31, 0x200, CCW_CHAIN_COMMAND, 5); /* search */
    io_rig_put_ccw(&rig, 0x108, 0x08, 0x100, 0, 0);                 /* TIC *-8 */
    io_rig_put_ccw(&rig, 0x110, 0x06, 0x300, 0, 4);                 /* read */
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x130), 0);
    io_rig_settle(&rig);
    ck_assert_uint_eq(f->started, 2);
    ck_assert_uint_eq(f->log[1].code, 0x06);
    ck_assert_int_eq(io_rig_accept(&rig), 0x130);
    io_rig_assert_csw(&rig, CSW(0, 0x118, CE_DE, CHANNEL_INCORRECT_LENGTH, 4));
}
END_TEST

START_TEST(test_search_loop_without_status_modifier_repeats_through_the_tic)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x130);
    f->response[0x31] = (struct fake_response){.set = true, .status = CE_DE, .length = 5, .delay = 10};
    io_rig_put_ccw(&rig, 0x100, 0x31, 0x200, CCW_CHAIN_COMMAND, 5);
    io_rig_put_ccw(&rig, 0x108, 0x08, 0x100, 0, 0);
    io_rig_put_ccw(&rig, 0x110, 0x06, 0x300, 0, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x130);
    for (int i = 0; i < 5; i++)
        io_rig_advance(&rig, 11);
    ck_assert_uint_ge(f->started, 3);
    ck_assert_uint_eq(f->log[2].code, 0x31);
    /* HALT I/O ends the loop (selector channel: CC 2). */
    ck_assert_int_eq(io_rig_hio(&rig, 0x130), 2);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x130);
    ck_assert_uint_eq((io_rig_csw(&rig) >> 24) & 0xFF, CE_DE);
}
END_TEST

START_TEST(test_unit_check_ends_the_chain)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    f->response[0x02] = (struct fake_response){.set = true, .status = CE_DE | UNIT_CHECK, .delay = 10};
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, CCW_CHAIN_COMMAND | CCW_SUPPRESS_LENGTH, 80);
    io_rig_put_ccw(&rig, 0x108, 0x02, 0x300, 0, 80);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 0);
    io_rig_settle(&rig);
    ck_assert_uint_eq(f->started, 1);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 80));
}
END_TEST

START_TEST(test_unit_check_at_once_without_data_stores_csw_at_sio)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    f->response[0x02] = (struct fake_response){.set = true, .status = CE_DE | UNIT_CHECK};
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, 0, 80);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE | UNIT_CHECK, 0, 80));
}
END_TEST

START_TEST(test_chaining_waits_for_device_end_after_channel_end)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x0C0);
    f->response[0x07] = (struct fake_response){.set = true, .status = UNIT_CHANNEL_END, .length = 1, .delay = 5};
    io_rig_put_ccw(&rig, 0x100, 0x07, 0x200, CCW_CHAIN_COMMAND, 1);
    io_rig_put_ccw(&rig, 0x108, 0x01, 0x200, 0, 2);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x0C0);
    io_rig_settle(&rig);
    ck_assert_uint_eq(f->started, 1);
    ck_assert_int_eq(io_rig_tio(&rig, 0x0C0), 2); /* still working */
    channel_device_status(f->dev, UNIT_DEVICE_END);
    io_rig_settle(&rig);
    ck_assert_uint_eq(f->started, 2);
    ck_assert_int_eq(io_rig_accept(&rig), 0x0C0);
    io_rig_assert_csw(&rig, CSW(0, 0x110, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_nop_tic_loop_runs_one_command_per_time_unit_and_hio_ends_it)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    f->response[0x03] = (struct fake_response){.set = true, .status = CE_DE};
    io_rig_put_ccw(&rig, 0x100, 0x03, 0, CCW_CHAIN_COMMAND, 1);
    io_rig_put_ccw(&rig, 0x108, 0x08, 0x100, 0, 0);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 0);
    io_rig_advance(&rig, 100);
    ck_assert_uint_ge(f->started, 50);
    ck_assert_uint_le(f->started, 102);
    ck_assert_int_eq(io_rig_hio(&rig, 0x00C), 1);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 1));
}
END_TEST

START_TEST(test_data_chain_that_loops_is_cut_at_the_largest_transfer)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, CCW_CHAIN_DATA, 1000);
    io_rig_put_ccw(&rig, 0x108, 0x08, 0x100, 0, 0);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 0);
    ck_assert_uint_eq(f->log[0].count, DEVICE_BUFFER_SIZE);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00C);
    ck_assert_uint_eq((io_rig_csw(&rig) >> 16) & 0xFF, CHANNEL_INCORRECT_LENGTH);
}
END_TEST

/* ---- PCI. */

START_TEST(test_pci_gives_an_interruption_while_the_operation_goes_on)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00E);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, CCW_PCI, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00E), 0);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(0, 0x108, 0, CHANNEL_PCI, 4));
    ck_assert_int_eq(io_rig_tio(&rig, 0x00E), 2);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    (void)f;
}
END_TEST

START_TEST(test_pci_not_taken_before_the_end_is_in_the_final_csw)
{
    io_rig_attach_fake(&rig, 0x00E);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, CCW_PCI, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x00E);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, CHANNEL_PCI, 0));
    ck_assert_int_eq(io_rig_accept(&rig), -1);
}
END_TEST

/* ---- TEST I/O. */

START_TEST(test_tio_gives_cc0_for_an_available_device)
{
    io_rig_attach_fake(&rig, 0x00C);
    io_rig_set_csw(&rig, 0x1122334455667788ull);
    ck_assert_int_eq(io_rig_tio(&rig, 0x00C), 0);
    io_rig_assert_csw(&rig, 0x1122334455667788ull);
}
END_TEST

START_TEST(test_tio_gives_cc2_while_the_subchannel_works_then_cc1_with_the_csw)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x01F);
    f->response[0x0A] = (struct fake_response){.set = true, .pending = true};
    io_rig_put_ccw(&rig, 0x100, 0x0A, 0x200, CCW_SUPPRESS_LENGTH, 80);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x01F), 0);
    ck_assert_int_eq(io_rig_tio(&rig, 0x01F), 2);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_tio(&rig, 0x01F), 2);
    fake_complete(f, 0, CE_DE);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_tio(&rig, 0x01F), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 80));
    ck_assert_int_eq(io_rig_tio(&rig, 0x01F), 0);
    ck_assert(!rig.cpu.io_pending);
}
END_TEST

/* ---- START I/O refused. */

START_TEST(test_sio_with_attention_pending_gives_cc1_busy_and_attention_in_status_portion_only)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x01F);
    channel_device_status(f->dev, UNIT_ATTENTION);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, 0, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_set_csw(&rig, 0x1122334455667788ull);
    ck_assert_int_eq(io_rig_sio(&rig, 0x01F), 1);
    io_rig_assert_csw(&rig, 0x1122334490007788ull);
    ck_assert_uint_eq(f->started, 0);
    ck_assert_int_eq(io_rig_accept(&rig), -1); /* cleared */
    ck_assert_int_eq(io_rig_sio(&rig, 0x01F), 0);
}
END_TEST

START_TEST(test_sio_on_multiplexer_with_ending_status_pending_is_cc2)
{
    io_rig_attach_fake(&rig, 0x00E);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, 0, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x00E);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00E), 2);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00E), 0);
}
END_TEST

START_TEST(test_multiplexer_devices_work_at_the_same_time)
{
    io_rig_attach_fake(&rig, 0x00C);
    io_rig_attach_fake(&rig, 0x00E);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, 0, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00C), 0);
    ck_assert_int_eq(io_rig_sio(&rig, 0x00E), 0);
    ck_assert_int_eq(io_rig_tch(&rig, 0x000), 0);
}
END_TEST

START_TEST(test_selector_channel_working_refuses_other_devices_with_cc2)
{
    io_rig_attach_fake(&rig, 0x130);
    io_rig_attach_fake(&rig, 0x131);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, 0, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x130), 0);
    ck_assert_int_eq(io_rig_sio(&rig, 0x131), 2);
    ck_assert_int_eq(io_rig_tio(&rig, 0x131), 2);
    ck_assert_int_eq(io_rig_tch(&rig, 0x100), 2);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_tch(&rig, 0x100), 1);
    ck_assert_int_eq(io_rig_sio(&rig, 0x131), 0);
}
END_TEST

START_TEST(test_selector_is_free_after_channel_end_but_the_device_is_busy_until_device_end)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x180);
    io_rig_attach_fake(&rig, 0x181);
    f->response[0x07] = (struct fake_response){.set = true, .status = UNIT_CHANNEL_END, .delay = 5};
    io_rig_put_ccw(&rig, 0x100, 0x07, 0x200, 0, 1);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x180), 0);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x180);
    io_rig_assert_csw(&rig, CSW(0, 0x108, UNIT_CHANNEL_END, CHANNEL_INCORRECT_LENGTH, 1));
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, 0, 4);
    io_rig_set_csw(&rig, 0);
    ck_assert_int_eq(io_rig_sio(&rig, 0x180), 1);
    io_rig_assert_csw(&rig, CSW(0, 0, UNIT_BUSY, 0, 0));
    ck_assert_int_eq(io_rig_sio(&rig, 0x181), 0);
    channel_device_status(f->dev, UNIT_DEVICE_END);
    ck_assert_int_eq(io_rig_accept(&rig), 0x180);
    io_rig_assert_csw(&rig, CSW(0, 0, UNIT_DEVICE_END, 0, 0));
}
END_TEST

START_TEST(test_device_end_joins_a_channel_end_not_yet_taken)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00E);
    f->response[0x01] = (struct fake_response){.set = true, .status = UNIT_CHANNEL_END, .length = 4, .delay = 5};
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, 0, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x00E);
    io_rig_settle(&rig);
    channel_device_status(f->dev, UNIT_DEVICE_END);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    ck_assert_int_eq(io_rig_accept(&rig), -1);
}
END_TEST

/* ---- HALT I/O. */

START_TEST(test_hio_to_an_idle_device_is_cc0)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    io_rig_set_csw(&rig, 0x1122334455667788ull);
    ck_assert_int_eq(io_rig_hio(&rig, 0x00C), 0);
    io_rig_assert_csw(&rig, 0x1122334455667788ull);
    ck_assert_uint_eq(f->halts, 0);
    ck_assert_uint_eq(rig.halts_seen, 1);
}
END_TEST

START_TEST(test_hio_of_a_pending_multiplexer_read_is_cc1_with_zero_status_and_ends_it)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x01F);
    f->response[0x0A] = (struct fake_response){.set = true, .pending = true};
    io_rig_put_ccw(&rig, 0x100, 0x0A, 0x200, CCW_SUPPRESS_LENGTH, 80);
    io_rig_set_caw(&rig, 0, 0x100);
    ck_assert_int_eq(io_rig_sio(&rig, 0x01F), 0);
    io_rig_set_csw(&rig, 0x1122334455667788ull);
    ck_assert_int_eq(io_rig_hio(&rig, 0x01F), 1);
    io_rig_assert_csw(&rig, 0x1122334400007788ull);
    ck_assert_uint_eq(f->halts, 1);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_tio(&rig, 0x01F), 1);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 80));
    ck_assert_int_eq(io_rig_tio(&rig, 0x01F), 0);
}
END_TEST

START_TEST(test_hio_suppresses_command_chaining)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00E);
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, CCW_CHAIN_COMMAND, 4);
    io_rig_put_ccw(&rig, 0x108, 0x01, 0x200, 0, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x00E);
    ck_assert_int_eq(io_rig_hio(&rig, 0x00E), 1);
    io_rig_settle(&rig);
    ck_assert_uint_eq(f->started, 1);
    ck_assert_int_eq(io_rig_accept(&rig), 0x00E);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
}
END_TEST

START_TEST(test_hio_on_a_working_selector_channel_is_cc2_whatever_the_device)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x130);
    io_rig_attach_fake(&rig, 0x131);
    f->response[0x02] = (struct fake_response){.set = true, .pending = true};
    io_rig_put_ccw(&rig, 0x100, 0x02, 0x200, CCW_SUPPRESS_LENGTH, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    io_rig_sio(&rig, 0x130);
    ck_assert_int_eq(io_rig_hio(&rig, 0x131), 2);
    ck_assert_uint_eq(f->halts, 1);
    io_rig_settle(&rig);
    ck_assert_int_eq(io_rig_accept(&rig), 0x130);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 4));
}
END_TEST

/* ---- TEST CHANNEL and interruption priority. */

START_TEST(test_tch_reports_pending_interruptions_in_the_channel_with_cc1)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    ck_assert_int_eq(io_rig_tch(&rig, 0x000), 0);
    channel_device_status(f->dev, UNIT_ATTENTION);
    ck_assert_int_eq(io_rig_tch(&rig, 0x0FF), 1);
    ck_assert_int_eq(io_rig_tch(&rig, 0x100), 0);
}
END_TEST

START_TEST(test_interruptions_are_taken_lowest_channel_first_then_in_arrival_order)
{
    struct fake_device *a = io_rig_attach_fake(&rig, 0x20C);
    struct fake_device *b = io_rig_attach_fake(&rig, 0x10D);
    struct fake_device *c = io_rig_attach_fake(&rig, 0x10E);
    channel_device_status(a->dev, UNIT_ATTENTION);
    channel_device_status(c->dev, UNIT_ATTENTION);
    channel_device_status(b->dev, UNIT_ATTENTION);
    ck_assert_int_eq(io_rig_accept_mask(&rig, 1u << 2), 0x20C);
    ck_assert(rig.cpu.io_pending);
    ck_assert_int_eq(io_rig_accept_mask(&rig, 1u << 2), -1);
    ck_assert_int_eq(io_rig_accept(&rig), 0x10E);
    ck_assert_int_eq(io_rig_accept(&rig), 0x10D);
    io_rig_assert_csw(&rig, CSW(0, 0, UNIT_ATTENTION, 0, 0));
    ck_assert(!rig.cpu.io_pending);
}
END_TEST

/* ---- Through the CPU: SIO, the wait, the I/O interruption. */

START_TEST(test_io_interruption_stores_csw_and_device_address_in_the_old_psw)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00E);
    (void)f;
    /* Program at 0x1000: SIO X'00E'; LPSW of an enabled wait. */
    io_rig_put_hex(&rig, 0x1000, "9C00 000E 8200 0800");
    io_rig_put_hex(&rig, 0x0800, "8002 0000 0000 2000");       /* wait, channel 0 enabled */
    io_rig_put_hex(&rig, LOW_IO_NEW, "0002 0000 0000 3000");    /* disabled wait */
    io_rig_put_ccw(&rig, 0x100, 0x01, 0x200, 0, 4);
    io_rig_set_caw(&rig, 0, 0x100);
    uint8_t psw[8] = {0, 0, 0, 0, 0, 0, 0x10, 0x00};
    ck_assert(cpu_load_psw(&rig.cpu, psw));
    ck_assert_int_eq(cpu_run(&rig.cpu, 100), CPU_EXIT_WAIT);
    ck_assert_uint_eq(rig.cpu.ia, 0x2000);
    ck_assert_uint_eq(rig.cpu.cc, 0);
    io_rig_settle(&rig);
    ck_assert_int_eq(cpu_run(&rig.cpu, 100), CPU_EXIT_WAIT);
    ck_assert_uint_eq(rig.cpu.ia, 0x3000);
    ck_assert_uint_eq(load_be32(mem(LOW_IO_OLD)), 0x8002000E);
    io_rig_assert_csw(&rig, CSW(0, 0x108, CE_DE, 0, 0));
    ck_assert(!rig.cpu.io_pending);
}
END_TEST

/* ---- IPL. */

START_TEST(test_ipl_reads_24_bytes_into_location_0_and_chains_to_the_ccw_at_8)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    /* Card 1: PSW, CCW1 = read 80 into 0x2000, chained (SLI); card 2 data. */
    uint8_t card[24] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x00, 0x02, 0x00, 0x20, 0x00,
                        0x20, 0x00, 0x00, 0x50, 0x00, 0, 0, 0, 0, 0, 0, 0};
    memcpy(f->default_read, card, 24);
    f->default_read_length = 24;
    struct error err;
    ck_assert(channel_ipl_start(&rig.cs, 0x00C, &err));
    ck_assert_uint_eq(f->log[0].code, 0x02);
    ck_assert_uint_eq(f->log[0].count, 24);
    io_rig_settle(&rig);
    ck_assert_uint_eq(f->started, 2);
    ck_assert_uint_eq(f->log[1].count, 80);
    ck_assert_int_eq(rig.ipl_result, 1);
    ck_assert_mem_eq(mem(0), card, 24);
    ck_assert(!channel_ipl_in_progress(&rig.cs));
    ck_assert_int_eq(io_rig_accept(&rig), -1); /* no interruption for the IPL */
}
END_TEST

START_TEST(test_ipl_with_unit_check_fails_and_says_so)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    f->response[0x02] = (struct fake_response){.set = true, .status = CE_DE | UNIT_CHECK};
    f->dev->sense[0] = SENSE_INTERVENTION_REQUIRED;
    f->dev->sense_length = 1;
    struct error err;
    ck_assert(channel_ipl_start(&rig.cs, 0x00C, &err));
    io_rig_settle(&rig);
    ck_assert_int_eq(rig.ipl_result, 0);
    ck_assert_str_eq(rig.ipl_message, "IPL from 00C failed: CSW 00000008 0E000018, sense 40");
}
END_TEST

START_TEST(test_ipl_from_an_address_without_device_is_an_error)
{
    struct error err;
    ck_assert(!channel_ipl_start(&rig.cs, 0x00C, &err));
    ck_assert_str_eq(err.message, "IPL: no device at address 00C");
}
END_TEST

/* ---- Reset and configuration. */

START_TEST(test_reset_clears_operations_and_pending_interruptions)
{
    struct fake_device *f = io_rig_attach_fake(&rig, 0x00C);
    channel_device_status(f->dev, UNIT_ATTENTION);
    ck_assert(rig.cpu.io_pending);
    channel_reset(&rig.cs);
    ck_assert(!rig.cpu.io_pending);
    ck_assert_int_eq(io_rig_accept(&rig), -1);
    ck_assert_uint_eq(f->resets, 1);
    ck_assert_int_eq(io_rig_tio(&rig, 0x00C), 0);
}
END_TEST

START_TEST(test_attach_refuses_an_address_in_use_and_one_beyond_channel_6)
{
    struct error err;
    io_rig_attach_fake(&rig, 0x00C);
    ck_assert(!channel_attach(&rig.cs, 0x00C, &fake_device_type, 0, NULL, &err));
    ck_assert_str_eq(err.message, "device address 00C is already in use (a FAKE)");
    ck_assert(!channel_attach(&rig.cs, 0x700, &fake_device_type, 0, NULL, &err));
    ck_assert_str_eq(err.message, "device address 700: channels are 0-6 (addresses 000-6FF)");
    ck_assert(channel_detach(&rig.cs, 0x00C, &err));
    ck_assert(!channel_detach(&rig.cs, 0x00C, &err));
    ck_assert_str_eq(err.message, "no device at address 00C");
}
END_TEST


/* ---- Hostile channel programs. */

static uint32_t fuzz_state;

static uint32_t fuzz_next(void)
{
    /* xorshift32: a fixed seed, so a failure repeats. */
    fuzz_state ^= fuzz_state << 13;
    fuzz_state ^= fuzz_state >> 17;
    fuzz_state ^= fuzz_state << 5;
    return fuzz_state;
}

START_TEST(test_random_channel_programs_keep_the_channel_consistent)
{
    /* Random CCWs (any command, flags, addresses near and beyond the end
     * of storage, TICs anywhere), random device answers, and SIO, TIO,
     * HIO, TCH and interruptions in random order. After every step: the
     * CPU's io_pending says exactly whether a condition is queued, every
     * condition code is 0-3, and no CSW names a key other than the CAW's
     * or zero. (The sanitizer build checks every storage access.) */
    struct fake_device *f[3];
    f[0] = io_rig_attach_fake(&rig, 0x00C);
    f[1] = io_rig_attach_fake(&rig, 0x130);
    f[2] = io_rig_attach_fake(&rig, 0x131);
    static const uint16_t addresses[] = {0x00C, 0x130, 0x131, 0x00D};
    fuzz_state = 0x6706706u;
    for (unsigned step = 0; step < 20000; step++) {
        uint32_t r = fuzz_next();
        if (step % 64 == 0) {
            for (uint32_t a = 0x104; a < 0x180; a += 8) {
                /* Mostly valid flags (bits 37-39 zero) and small counts. */
                uint32_t x = fuzz_next();
                if (x & 3)
                    x = (x & 0xF8000000u) | ((x >> 8) % 300);
                store_be32(mem(a), x);
            }
            for (uint32_t a = 0x100; a < 0x180; a += 8) {
                uint32_t kind = fuzz_next() % 4;
                uint32_t data = kind == 0 ? IO_RIG_STORAGE - (fuzz_next() % 64)
                                          : kind == 1 ? 0x100 + (fuzz_next() % 0x80) : 0x2000 + (fuzz_next() % 0x100);
                store_be32(mem(a), (fuzz_next() & 0xFF000000u) | data);
            }
            for (unsigned d = 0; d < 3; d++) {
                for (unsigned code = 0; code < 256; code++) {
                    uint32_t x = fuzz_next();
                    f[d]->response[code] = (struct fake_response){
                        .set = (x & 1) != 0,
                        .status = (uint8_t)(x >> 8),
                        .length = (x >> 16) % 300,
                        .delay = (x >> 24) % 4 == 0 ? 0 : (x >> 24) % 50,
                        .pending = (x >> 28) == 0,
                        .data_length = 200,
                    };
                }
            }
        }
        uint16_t address = addresses[r % 4];
        int cc = -1;
        switch ((r >> 8) % 8) {
        case 0:
        case 1:
            io_rig_set_caw(&rig, (uint8_t)((r >> 16) % 3), 0x100 + 8 * ((r >> 20) % 16) + ((r >> 28) == 1 ? 4 : 0));
            cc = io_rig_sio(&rig, address);
            break;
        case 2:
            cc = io_rig_tio(&rig, address);
            break;
        case 3:
            cc = io_rig_hio(&rig, address);
            break;
        case 4:
            cc = io_rig_tch(&rig, address);
            break;
        case 5:
            io_rig_accept_mask(&rig, (r >> 16) & 0x7F);
            break;
        case 6:
            io_rig_advance(&rig, (r >> 16) % 40);
            break;
        case 7:
            for (unsigned d = 0; d < 3; d++)
                if ((r >> (16 + d)) & 1)
                    fake_complete(f[d], (r >> 20) % 100, (uint8_t)(r >> 24));
            break;
        }
        if (cc >= 0)
            ck_assert_int_le(cc, 3);
        ck_assert_msg(rig.cpu.io_pending == (channel_pending_mask(&rig.cs) != 0), "step %u: io_pending %d", step,
                      rig.cpu.io_pending);
        ck_assert_uint_le(mem(LOW_CSW)[0] >> 4, 2);
    }
    /* Everything can still be brought to rest. */
    channel_reset(&rig.cs);
    ck_assert(!rig.cpu.io_pending);
    for (unsigned i = 0; i < 4; i++)
        ck_assert_int_eq(io_rig_tio(&rig, addresses[i] == 0x00D ? 0x00C : addresses[i]), 0);
}
END_TEST

static Suite *channel_suite(void)
{
    Suite *s = suite_create("channel");
    TCase *tc = tcase_create("channel");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_sio_to_an_address_without_device_is_cc3);
    tcase_add_test(tc, test_channel_7_is_not_operational_for_all_four_instructions);
    tcase_add_test(tc, test_address_bits_above_21_are_ignored);
    tcase_add_test(tc, test_sio_write_starts_with_cc0_and_the_interruption_stores_ce_de_csw);
    tcase_add_test(tc, test_csw_carries_the_caw_key);
    tcase_add_test(tc, test_immediate_command_without_chaining_stores_csw_at_sio_with_cc1);
    tcase_add_test(tc, test_immediate_command_with_chaining_gives_cc0_and_runs_the_chain);
    tcase_add_test(tc, test_data_transfer_ending_at_once_is_not_immediate_cc0_and_an_interruption);
    tcase_add_test(tc, test_immediate_channel_end_only_leaves_device_busy_until_device_end);
    tcase_add_test(tc, test_caw_address_not_on_a_doubleword_is_program_check);
    tcase_add_test(tc, test_caw_bits_4_to_7_not_zero_is_program_check);
    tcase_add_test(tc, test_first_ccw_being_a_tic_is_program_check);
    tcase_add_test(tc, test_tic_to_tic_in_command_chaining_is_program_check_at_second_tic);
    tcase_add_test(tc, test_tic_in_command_chaining_transfers_to_the_next_ccw);
    tcase_add_test(tc, test_tic_to_an_address_not_on_a_doubleword_is_program_check_at_the_tic);
    tcase_add_test(tc, test_invalid_command_code_is_program_check);
    tcase_add_test(tc, test_zero_count_is_program_check);
    tcase_add_test(tc, test_ccw_flag_bits_37_to_39_not_zero_is_program_check);
    tcase_add_test(tc, test_ccw_address_beyond_storage_is_program_check);
    tcase_add_test(tc, test_ccw_in_fetch_protected_block_is_protection_check);
    tcase_add_test(tc, test_data_chaining_gathers_write_data_from_every_ccw);
    tcase_add_test(tc, test_data_chaining_scatters_read_data_across_ccws);
    tcase_add_test(tc, test_short_record_sets_incorrect_length_with_the_residual_count);
    tcase_add_test(tc, test_long_record_sets_incorrect_length_with_zero_residual_and_stores_only_count);
    tcase_add_test(tc, test_sli_suppresses_incorrect_length);
    tcase_add_test(tc, test_incorrect_length_stops_command_chaining);
    tcase_add_test(tc, test_sli_with_command_chaining_lets_the_chain_continue);
    tcase_add_test(tc, test_device_ending_at_the_end_of_a_data_chained_ccw_points_to_the_next);
    tcase_add_test(tc, test_skip_flag_counts_bytes_without_storing_them);
    tcase_add_test(tc, test_read_backward_stores_the_record_ending_at_the_data_address);
    tcase_add_test(tc, test_read_backward_with_short_count_receives_the_last_bytes_of_the_record);
    tcase_add_test(tc, test_data_chained_read_backward_continues_below_the_next_address);
    tcase_add_test(tc, test_read_into_a_block_of_another_key_is_protection_check);
    tcase_add_test(tc, test_channel_key_zero_stores_into_any_block_and_sets_reference_and_change);
    tcase_add_test(tc, test_write_from_a_fetch_protected_block_is_protection_check);
    tcase_add_test(tc, test_write_from_a_store_protected_block_is_allowed);
    tcase_add_test(tc, test_read_beyond_storage_is_program_check_with_the_residual);
    tcase_add_test(tc, test_data_address_of_an_immediate_command_is_not_checked);
    tcase_add_test(tc, test_bad_ccw_later_in_a_data_chain_is_found_when_the_transfer_reaches_it);
    tcase_add_test(tc, test_bad_ccw_in_a_data_chain_is_harmless_if_the_device_stops_before);
    tcase_add_test(tc, test_command_chaining_runs_each_command_and_the_csw_names_the_last);
    tcase_add_test(tc, test_status_modifier_skips_one_ccw);
    tcase_add_test(tc, test_search_loop_without_status_modifier_repeats_through_the_tic);
    tcase_add_test(tc, test_unit_check_ends_the_chain);
    tcase_add_test(tc, test_unit_check_at_once_without_data_stores_csw_at_sio);
    tcase_add_test(tc, test_chaining_waits_for_device_end_after_channel_end);
    tcase_add_test(tc, test_nop_tic_loop_runs_one_command_per_time_unit_and_hio_ends_it);
    tcase_add_test(tc, test_data_chain_that_loops_is_cut_at_the_largest_transfer);
    tcase_add_test(tc, test_pci_gives_an_interruption_while_the_operation_goes_on);
    tcase_add_test(tc, test_pci_not_taken_before_the_end_is_in_the_final_csw);
    tcase_add_test(tc, test_tio_gives_cc0_for_an_available_device);
    tcase_add_test(tc, test_tio_gives_cc2_while_the_subchannel_works_then_cc1_with_the_csw);
    tcase_add_test(tc, test_sio_with_attention_pending_gives_cc1_busy_and_attention_in_status_portion_only);
    tcase_add_test(tc, test_sio_on_multiplexer_with_ending_status_pending_is_cc2);
    tcase_add_test(tc, test_multiplexer_devices_work_at_the_same_time);
    tcase_add_test(tc, test_selector_channel_working_refuses_other_devices_with_cc2);
    tcase_add_test(tc, test_selector_is_free_after_channel_end_but_the_device_is_busy_until_device_end);
    tcase_add_test(tc, test_device_end_joins_a_channel_end_not_yet_taken);
    tcase_add_test(tc, test_hio_to_an_idle_device_is_cc0);
    tcase_add_test(tc, test_hio_of_a_pending_multiplexer_read_is_cc1_with_zero_status_and_ends_it);
    tcase_add_test(tc, test_hio_suppresses_command_chaining);
    tcase_add_test(tc, test_hio_on_a_working_selector_channel_is_cc2_whatever_the_device);
    tcase_add_test(tc, test_tch_reports_pending_interruptions_in_the_channel_with_cc1);
    tcase_add_test(tc, test_interruptions_are_taken_lowest_channel_first_then_in_arrival_order);
    tcase_add_test(tc, test_io_interruption_stores_csw_and_device_address_in_the_old_psw);
    tcase_add_test(tc, test_ipl_reads_24_bytes_into_location_0_and_chains_to_the_ccw_at_8);
    tcase_add_test(tc, test_ipl_with_unit_check_fails_and_says_so);
    tcase_add_test(tc, test_ipl_from_an_address_without_device_is_an_error);
    tcase_add_test(tc, test_reset_clears_operations_and_pending_interruptions);
    tcase_add_test(tc, test_attach_refuses_an_address_in_use_and_one_beyond_channel_6);
    tcase_add_test(tc, test_random_channel_programs_keep_the_channel_consistent);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(channel_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
