/* Interruption behaviour (POO A22-6821 "Interruptions"; S360-67.md
 * §1.3-§1.5): priority of simultaneous requests, the interrupt key and
 * the interval timer, masking, the wait state and its exit, storage
 * protection with fetch protection, and the manual operations: CPU reset,
 * clear reset, IPL PSW load and the 67 operator's store status. */
#include <check.h>
#include <string.h>

#include "cpu/cpu.h"
#include "tests/unit/cpu/cpu_test_support.h"

#define BEGIN              \
    struct cpu cpu_;       \
    struct cpu *c = &cpu_; \
    test_cpu_init(c)
#define END cpu_free(c)

/* "BC 15,*" at TEST_CODE: a program that runs until interrupted. */
static void put_idle_loop(struct cpu *c)
{
    test_put_hex(c, TEST_CODE, "47F0 C000");
    c->gpr[12] = TEST_CODE;
}

/* ---- Priority --------------------------------------------------------- */

START_TEST(test_external_is_taken_before_io_and_masked_io_stays_pending)
{
    BEGIN;
    struct test_io io = {.csw = 0x000010080C000000ull};
    test_io_attach(c, &io);
    put_idle_loop(c);
    test_set_psw(c, 0xFF, 0, 0, 0, 0, TEST_CODE);
    test_io_queue(c, &io, 0x000C);
    cpu_raise_external(c, EXTERNAL_INTERRUPT_KEY);
    ck_assert_int_eq(cpu_run(c, 10), CPU_EXIT_WAIT);
    ck_assert_uint_eq(c->ia, TEST_WAIT_EXTERNAL);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_EXTERNAL_OLD), 0xFF000040);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_EXTERNAL_OLD) & 0xFFFFFF, TEST_CODE);
    /* The external new PSW disables I/O: the request is still there. */
    ck_assert_uint_eq(io.pending_count, 1);
    ck_assert_uint_eq(test_get_word(c, LOW_IO_OLD), 0);
    ck_assert(cpu_in_disabled_wait(c));
    END;
}
END_TEST

START_TEST(test_external_new_psw_enabling_io_lets_pending_io_follow_at_once)
{
    BEGIN;
    struct test_io io = {.csw = 0x000010080C000000ull};
    test_io_attach(c, &io);
    put_idle_loop(c);
    test_put_psw(c, LOW_EXTERNAL_NEW, 0x80020000, 0x00000A00); /* wait, channel 0 on */
    test_set_psw(c, 0x81, 0, 0, 0, 0, TEST_CODE);
    test_io_queue(c, &io, 0x000C);
    cpu_raise_external(c, EXTERNAL_TIMER);
    ck_assert_int_eq(cpu_run(c, 10), CPU_EXIT_WAIT);
    ck_assert_uint_eq(c->ia, TEST_WAIT_IO);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_EXTERNAL_OLD), 0x81000080);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_IO_OLD), 0x8002000C);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_IO_OLD) & 0xFFFFFF, 0x0A00);
    ck_assert_uint_eq(test_get_double(c, LOW_CSW), 0x000010080C000000ull);
    ck_assert_uint_eq(io.pending_count, 0);
    END;
}
END_TEST

START_TEST(test_program_interruption_comes_first_then_external_enabled_by_its_new_psw)
{
    BEGIN;
    test_put_psw(c, LOW_PROGRAM_NEW, 0x01000000, 0x00000A00); /* external on */
    test_put_hex(c, 0x0A00, "0000");
    cpu_raise_external(c, EXTERNAL_INTERRUPT_KEY); /* pending, masked */
    test_execute(c, "0000");
    ck_assert_uint_eq(c->ia, TEST_WAIT_EXTERNAL);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_PROGRAM_OLD), 0x00000001);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_PROGRAM_OLD), 0x40000000 | (TEST_CODE + 2));
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_EXTERNAL_OLD), 0x01000040);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_EXTERNAL_OLD) & 0xFFFFFF, 0x0A00);
    END;
}
END_TEST

START_TEST(test_svc_comes_first_then_external_enabled_by_its_new_psw)
{
    BEGIN;
    test_put_psw(c, LOW_SVC_NEW, 0x01000000, 0x00000A00);
    cpu_raise_external(c, EXTERNAL_TIMER);
    test_execute(c, "0A07");
    ck_assert_uint_eq(c->ia, TEST_WAIT_EXTERNAL);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_SVC_OLD), 0x00000007);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_EXTERNAL_OLD), 0x01000080);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_EXTERNAL_OLD) & 0xFFFFFF, 0x0A00);
    END;
}
END_TEST

START_TEST(test_machine_check_comes_first_then_external_enabled_by_its_new_psw)
{
    BEGIN;
    test_put_psw(c, LOW_MACHINE_CHECK_NEW, 0x01000000, 0x00000A00);
    test_set_psw(c, 0, 0, PSW_MACHINE_CHECK_MASK, 0, 0, TEST_CODE);
    cpu_raise_external(c, EXTERNAL_INTERRUPT_KEY);
    test_execute(c, "8300 0000"); /* DIAGNOSE: a machine check on vm67 */
    ck_assert_uint_eq(c->ia, TEST_WAIT_EXTERNAL);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_MACHINE_CHECK_OLD), 0x00040000);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_EXTERNAL_OLD) & 0xFFFFFF, 0x0A00);
    END;
}
END_TEST

START_TEST(test_external_enabled_by_lpsw_is_taken_before_fetch_at_odd_new_address)
{
    BEGIN;
    /* LPSW of an enabled PSW with an odd address while the interrupt key
     * request waits: the interruption comes at the end of LPSW, before
     * the next instruction (whose fetch would fail) is fetched. */
    cpu_raise_external(c, EXTERNAL_INTERRUPT_KEY);
    test_put_psw(c, 0x0800, 0x01000000, 0x00000A01);
    test_execute(c, "8200 0800");
    ck_assert_uint_eq(c->ia, TEST_WAIT_EXTERNAL);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_EXTERNAL_OLD) & 0xFFFFFF, 0x0A01);
    ck_assert_uint_eq(test_get_word(c, LOW_PROGRAM_OLD), 0);
    END;
}
END_TEST

START_TEST(test_io_from_masked_channel_stays_pending_until_ssm_enables_it)
{
    BEGIN;
    struct test_io io = {.csw = 0};
    test_io_attach(c, &io);
    put_idle_loop(c);
    test_set_psw(c, 0x80, 0, 0, 0, 0, TEST_CODE); /* channel 0 only */
    test_io_queue(c, &io, 0x0190);               /* channel 1 */
    ck_assert_int_eq(cpu_run(c, 10), CPU_EXIT_BUDGET);
    ck_assert_uint_eq(io.pending_count, 1);
    ck_assert_uint_eq(io.last_mask, 0x1);
    test_put_hex(c, 0x0800, "40");
    test_put_hex(c, 0x0A00, "8000 0800 47F0 0A04"); /* SSM X'800' */
    c->ia = 0x0A00;
    ck_assert_int_eq(cpu_run(c, 10), CPU_EXIT_WAIT);
    ck_assert_uint_eq(c->ia, TEST_WAIT_IO);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_IO_OLD), 0x40000190);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_IO_OLD) & 0xFFFFFF, 0x0A04);
    END;
}
END_TEST

/* ---- External sources -------------------------------------------------- */

START_TEST(test_interrupt_key_gives_external_code_0040)
{
    BEGIN;
    put_idle_loop(c);
    test_set_psw(c, 0x01, 0, 0, 0, 0, TEST_CODE);
    cpu_raise_external(c, EXTERNAL_INTERRUPT_KEY);
    cpu_run(c, 5);
    ck_assert_uint_eq(c->ia, TEST_WAIT_EXTERNAL);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_EXTERNAL_OLD), 0x01000040);
    ck_assert_uint_eq(c->external_pending, 0);
    END;
}
END_TEST

START_TEST(test_timer_and_interrupt_key_are_presented_together_once)
{
    BEGIN;
    put_idle_loop(c);
    test_put_psw(c, LOW_EXTERNAL_NEW, 0x01000000, TEST_CODE); /* back, enabled */
    test_set_psw(c, 0x01, 0, 0, 0, 0, TEST_CODE);
    cpu_raise_external(c, EXTERNAL_INTERRUPT_KEY | EXTERNAL_TIMER);
    ck_assert_int_eq(cpu_run(c, 5), CPU_EXIT_BUDGET);
    ck_assert_uint_eq(c->interruptions, 1);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_EXTERNAL_OLD), 0x010000C0);
    ck_assert_uint_eq(c->external_pending, 0);
    END;
}
END_TEST

START_TEST(test_masked_external_request_stays_pending_until_enabled)
{
    BEGIN;
    put_idle_loop(c);
    cpu_raise_external(c, EXTERNAL_INTERRUPT_KEY);
    ck_assert_int_eq(cpu_run(c, 20), CPU_EXIT_BUDGET);
    ck_assert_uint_eq(c->external_pending, EXTERNAL_INTERRUPT_KEY);
    ck_assert_uint_eq(c->interruptions, 0);
    test_put_hex(c, 0x0800, "01");
    test_put_hex(c, 0x0A00, "8000 0800");
    c->ia = 0x0A00;
    cpu_run(c, 5);
    ck_assert_uint_eq(c->ia, TEST_WAIT_EXTERNAL);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_EXTERNAL_OLD) & 0xFFFFFF, 0x0A04);
    END;
}
END_TEST

/* ---- Interval timer ---------------------------------------------------- */

START_TEST(test_timer_counts_down_and_requests_once_on_positive_to_negative)
{
    BEGIN;
    test_put_word(c, LOW_TIMER, 300 * 256); /* one second */
    cpu_timer_decrement(c, 256);            /* 1/300 s: bit 23 loses one */
    ck_assert_uint_eq(test_get_word(c, LOW_TIMER), 299 * 256);
    ck_assert_uint_eq(c->external_pending, 0);
    cpu_timer_decrement(c, 299 * 256);
    ck_assert_uint_eq(test_get_word(c, LOW_TIMER), 0);
    ck_assert_uint_eq(c->external_pending, 0);
    cpu_timer_decrement(c, 1);
    ck_assert_uint_eq(test_get_word(c, LOW_TIMER), 0xFFFFFFFF);
    ck_assert_uint_eq(c->external_pending, EXTERNAL_TIMER);
    c->external_pending = 0;
    cpu_timer_decrement(c, 1000); /* already negative: no new request */
    ck_assert_uint_eq(test_get_word(c, LOW_TIMER), 0xFFFFFFFF - 1000);
    ck_assert_uint_eq(c->external_pending, 0);
    END;
}
END_TEST

START_TEST(test_timer_interruption_reaches_enabled_program_with_code_0080)
{
    BEGIN;
    put_idle_loop(c);
    test_set_psw(c, 0x01, 0, 0, 0, 0, TEST_CODE);
    test_put_word(c, LOW_TIMER, 10);
    ck_assert_int_eq(cpu_run(c, 5), CPU_EXIT_BUDGET);
    cpu_timer_decrement(c, 11);
    cpu_run(c, 5);
    ck_assert_uint_eq(c->ia, TEST_WAIT_EXTERNAL);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_EXTERNAL_OLD), 0x01000080);
    END;
}
END_TEST

START_TEST(test_mvc_of_timer_area_reads_current_value_and_reloads_it)
{
    BEGIN;
    /* CP-67's MVC X'4C'(8),X'50': the current value to x'4C', the
     * reload value kept at x'54' into the timer. */
    test_put_word(c, LOW_TIMER, 0x00001234);
    test_put_word(c, LOW_TIMER + 4, 0x00005678);
    cpu_timer_decrement(c, 0x34);
    test_execute(c, "D207 004C 0050");
    ck_assert_uint_eq(test_get_word(c, 0x4C), 0x00001200);
    ck_assert_uint_eq(test_get_word(c, LOW_TIMER), 0x00005678);
    END;
}
END_TEST

START_TEST(test_disabled_timer_does_not_count)
{
    BEGIN;
    c->timer_enabled = false;
    test_put_word(c, LOW_TIMER, 5);
    cpu_timer_decrement(c, 10);
    ck_assert_uint_eq(test_get_word(c, LOW_TIMER), 5);
    ck_assert_uint_eq(c->external_pending, 0);
    END;
}
END_TEST

/* ---- Wait state --------------------------------------------------------- */

START_TEST(test_enabled_wait_returns_wait_and_is_left_by_an_external_interruption)
{
    BEGIN;
    test_put_hex(c, 0x0A00, "47F0 0A00");
    test_put_psw(c, LOW_EXTERNAL_NEW, 0x00000000, 0x00000A00); /* runs */
    test_put_psw(c, 0x0800, 0x01020000, 0x00000B00);          /* wait */
    ck_assert_int_eq(test_execute(c, "8200 0800"), CPU_EXIT_WAIT);
    uint64_t executed = c->icount;
    ck_assert_int_eq(cpu_run(c, 100), CPU_EXIT_WAIT);
    ck_assert_uint_eq(c->icount, executed);
    ck_assert(!cpu_in_disabled_wait(c));
    cpu_raise_external(c, EXTERNAL_INTERRUPT_KEY);
    ck_assert_int_eq(cpu_run(c, 100), CPU_EXIT_BUDGET);
    ck_assert(!c->wait);
    ck_assert_uint_eq(c->icount, executed + 100);
    /* The old PSW is the wait PSW itself: W bit on, its address. */
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_EXTERNAL_OLD), 0x01020040);
    ck_assert_uint_eq(test_old_psw_word1(c, LOW_EXTERNAL_OLD) & 0xFFFFFF, 0x0B00);
    END;
}
END_TEST

START_TEST(test_wait_enabled_for_io_is_left_by_io_interruption)
{
    BEGIN;
    struct test_io io = {.csw = 0};
    test_io_attach(c, &io);
    test_put_psw(c, 0x0800, 0x02020000, 0x00000B00); /* channel 6 and up */
    ck_assert_int_eq(test_execute(c, "8200 0800"), CPU_EXIT_WAIT);
    test_io_queue(c, &io, 0x0080); /* channel 0: masked, stays */
    ck_assert_int_eq(cpu_run(c, 10), CPU_EXIT_WAIT);
    ck_assert_uint_eq(c->ia, 0x0B00);
    test_io_queue(c, &io, 0x0701); /* channel 7: bit 6 covers it */
    ck_assert_int_eq(cpu_run(c, 10), CPU_EXIT_WAIT);
    ck_assert_uint_eq(c->ia, TEST_WAIT_IO);
    ck_assert_uint_eq(test_old_psw_word0(c, LOW_IO_OLD), 0x02020701);
    ck_assert_uint_eq(io.pending_count, 1);
    END;
}
END_TEST

START_TEST(test_disabled_wait_is_reported_as_such)
{
    BEGIN;
    test_put_psw(c, 0x0800, 0x00020000, 0x0000600D);
    ck_assert_int_eq(test_execute(c, "8200 0800"), CPU_EXIT_WAIT);
    ck_assert(cpu_in_disabled_wait(c));
    cpu_raise_external(c, EXTERNAL_INTERRUPT_KEY);
    ck_assert_int_eq(cpu_run(c, 10), CPU_EXIT_WAIT);
    ck_assert_uint_eq(c->ia, 0x600D);
    END;
}
END_TEST

/* ---- Protection --------------------------------------------------------- */

START_TEST(test_protection_matrix_of_psw_key_block_key_and_fetch_bit)
{
    /* Block x'1800' has key 3; PSW keys 0 (master), 3 (match), 5. */
    static const struct {
        uint8_t psw_key;
        bool fetch_protected;
        bool fetch_ok, store_ok;
    } cases[] = {
        {0, false, true, true}, {0, true, true, true},  {3, false, true, true},
        {3, true, true, true},  {5, false, true, false}, {5, true, false, false},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (unsigned problem = 0; problem < 2; problem++) {
            BEGIN;
            c->storage.keys[3] = 0x30 | (cases[i].fetch_protected ? STORAGE_KEY_FETCH : 0);
            test_set_psw(c, 0, cases[i].psw_key, problem ? PSW_PROBLEM : 0, 0, 0, TEST_CODE);
            c->gpr[9] = 0x1800;
            test_put_word(c, 0x1800, 0xAB);
            test_execute(c, "5839 0000"); /* L 3,0(9) */
            if (cases[i].fetch_ok) {
                test_assert_no_interrupt(c, TEST_CODE + 4);
                ck_assert_uint_eq(c->gpr[3], 0xAB);
            } else {
                test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
            }
            test_set_psw(c, 0, cases[i].psw_key, problem ? PSW_PROBLEM : 0, 0, 0, TEST_CODE);
            c->gpr[3] = 0xCD;
            test_execute(c, "5039 0000"); /* ST 3,0(9) */
            if (cases[i].store_ok) {
                test_assert_no_interrupt(c, TEST_CODE + 4);
                ck_assert_uint_eq(test_get_word(c, 0x1800), 0xCD);
            } else {
                test_assert_program_interrupt(c, PIC_PROTECTION, 2, TEST_CODE + 4);
                ck_assert_uint_eq(test_get_word(c, 0x1800), 0xAB);
            }
            END;
        }
    }
}
END_TEST

START_TEST(test_new_psw_at_address_beyond_storage_checkstops_instead_of_looping)
{
    BEGIN;
    test_put_psw(c, LOW_PROGRAM_NEW, 0x00000000, TEST_STORAGE + 0x100);
    test_execute(c, "0000");
    ck_assert_int_eq(cpu_run(c, 10), CPU_EXIT_CHECKSTOP);
    ck_assert(c->checkstop);
    ck_assert_ptr_nonnull(strstr(c->checkstop_reason, "010100"));
    END;
}
END_TEST

/* ---- Manual operations ------------------------------------------------ */

START_TEST(test_cpu_reset_clears_psw_and_requests_but_keeps_registers_and_storage)
{
    BEGIN;
    test_set_psw(c, 0xFF, 7, PSW_PROBLEM | PSW_MACHINE_CHECK_MASK, 2, 0xF, 0x0A00);
    c->gpr[3] = 0x33;
    c->fpr[1] = 0x4110000000000000ull;
    c->cr[0] = 0x1000;
    c->cr[6] = CR6_EXTENDED_CONTROL;
    c->ec_mode = true;
    c->storage.keys[3] = 0x36;
    test_put_word(c, 0x0800, 0x12345678);
    cpu_raise_external(c, EXTERNAL_INTERRUPT_KEY);
    cpu_reset(c);
    uint8_t psw[8];
    cpu_store_psw(c, psw, 0);
    static const uint8_t zero[8];
    ck_assert(memcmp(psw, zero, 8) == 0);
    ck_assert(!c->ec_mode);
    ck_assert_uint_eq(c->cr[6], 0);
    ck_assert_uint_eq(c->external_pending, 0);
    ck_assert_uint_eq(c->gpr[3], 0x33);
    ck_assert_uint_eq(c->fpr[1], 0x4110000000000000ull);
    ck_assert_uint_eq(c->cr[0], 0x1000);
    ck_assert_uint_eq(c->storage.keys[3], 0x36);
    ck_assert_uint_eq(test_get_word(c, 0x0800), 0x12345678);
    END;
}
END_TEST

START_TEST(test_clear_reset_also_zeroes_registers_storage_and_keys)
{
    BEGIN;
    c->gpr[3] = 0x33;
    c->fpr[1] = 1;
    c->cr[0] = 0x1000;
    c->storage.keys[3] = 0x36;
    test_put_word(c, 0x0800, 0x12345678);
    cpu_clear_reset(c);
    ck_assert_uint_eq(c->gpr[3], 0);
    ck_assert_uint_eq(c->fpr[1], 0);
    ck_assert_uint_eq(c->cr[0], 0);
    ck_assert_uint_eq(c->storage.keys[3], 0);
    ck_assert_uint_eq(test_get_word(c, 0x0800), 0);
    ck_assert_uint_eq(test_get_word(c, LOW_PROGRAM_NEW + 4), 0);
    END;
}
END_TEST

START_TEST(test_ipl_psw_load_from_location_0_starts_the_program)
{
    BEGIN;
    cpu_reset(c);
    test_put_psw(c, LOW_IPL_PSW, 0x00000000, 0x00000A00);
    test_put_hex(c, 0x0A00, "4130 0007");
    ck_assert(cpu_load_psw_from(c, LOW_IPL_PSW));
    ck_assert_int_eq(cpu_run(c, 1), CPU_EXIT_BUDGET);
    ck_assert_uint_eq(c->gpr[3], 7);
    ck_assert_uint_eq(c->ia, 0x0A04);
    ck_assert(!cpu_load_psw_from(c, TEST_STORAGE - 4));
    ck_assert_uint_eq(c->ia, 0x0A04);
    END;
}
END_TEST

START_TEST(test_ipl_psw_with_odd_address_faults_at_first_fetch_ilc1)
{
    BEGIN;
    test_put_psw(c, LOW_IPL_PSW, 0x00000000, 0x00000A03);
    ck_assert(cpu_load_psw_from(c, LOW_IPL_PSW));
    cpu_run(c, 1);
    test_assert_program_interrupt(c, PIC_SPECIFICATION, 1, 0x0A05);
    END;
}
END_TEST

START_TEST(test_store_status_writes_psw_gprs_and_fprs_at_operator_chosen_area)
{
    BEGIN;
    test_set_psw(c, 0x81, 5, PSW_PROBLEM, 1, 0x3, 0x0A00);
    for (unsigned r = 0; r < 16; r++)
        c->gpr[r] = 0x01010101u * r;
    for (unsigned f = 0; f < 4; f++)
        c->fpr[f] = 0x4100000000000000ull | f;
    c->storage.keys[3] = 0x30 | STORAGE_KEY_FETCH; /* no key is checked */
    struct error err;
    ck_assert(cpu_store_status(c, 0x1800, &err));
    ck_assert_uint_eq(test_get_word(c, 0x1800), 0x81510000);
    ck_assert_uint_eq(test_get_word(c, 0x1804) & 0x3FFFFFFF, 0x13000A00);
    for (unsigned r = 0; r < 16; r++)
        ck_assert_uint_eq(test_get_word(c, 0x1808 + 4 * r), 0x01010101u * r);
    for (unsigned f = 0; f < 4; f++)
        ck_assert_uint_eq(test_get_double(c, 0x1848 + 8 * f), 0x4100000000000000ull | f);
    ck_assert_uint_eq(test_get_word(c, 0x1868), 0);
    ck_assert_uint_eq(c->storage.keys[3], 0x30 | STORAGE_KEY_FETCH | STORAGE_KEY_REFERENCE | STORAGE_KEY_CHANGE);
    END;
}
END_TEST

START_TEST(test_store_status_refuses_unaligned_or_out_of_storage_area_and_stores_nothing)
{
    BEGIN;
    c->gpr[0] = 0xFFFFFFFF;
    struct error err;
    ck_assert(!cpu_store_status(c, 0x1804, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "001804"));
    ck_assert_uint_eq(test_get_word(c, 0x180C), 0);
    ck_assert(!cpu_store_status(c, TEST_STORAGE - 96, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "00FFA0"));
    ck_assert_uint_eq(test_get_word(c, TEST_STORAGE - 96 + 8), 0);
    ck_assert(cpu_store_status(c, TEST_STORAGE - CPU_STORE_STATUS_SIZE, &err));
    ck_assert_uint_eq(test_get_word(c, TEST_STORAGE - CPU_STORE_STATUS_SIZE + 8), 0xFFFFFFFF);
    END;
}
END_TEST


/* ---- Hostile programs ---------------------------------------------------- */

static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1103515245u + 12345u;
    return *state >> 8;
}

/* Random bytes as programs, random storage keys, random new PSWs: every
 * instruction path and interruption runs on garbage. Whatever happens,
 * cpu_run must come back with a defined exit and a consistent PSW, and
 * (in the sanitizer build) touch no host memory outside the machine. */
START_TEST(test_random_programs_keep_the_cpu_consistent_and_inside_its_storage)
{
    uint32_t state = 0x67;
    for (unsigned round = 0; round < 60; round++) {
        BEGIN;
        for (uint32_t a = 0; a < TEST_STORAGE; a++)
            c->storage.bytes[a] = (uint8_t)next_random(&state);
        for (uint32_t b = 0; b < TEST_STORAGE / STORAGE_BLOCK_SIZE; b++)
            c->storage.keys[b] = (uint8_t)(next_random(&state) & 0xF8);
        /* New PSWs with key 0 or random, the W bit off and an even
         * address inside storage, so that programs keep running rather
         * than check-stop at once on an unusable new PSW. */
        for (uint32_t psw = LOW_EXTERNAL_NEW; psw <= LOW_IO_NEW; psw += 8) {
            c->storage.bytes[psw + 1] &= (round & 1) ? 0xFD : 0x05;
            c->storage.bytes[psw + 5] = 0;
            c->storage.bytes[psw + 7] &= 0xFE;
        }
        c->ia = next_random(&state) & 0x00FFFE;
        for (unsigned slice = 0; slice < 20; slice++) {
            enum cpu_exit e = cpu_run(c, 500);
            ck_assert(e == CPU_EXIT_BUDGET || e == CPU_EXIT_WAIT || e == CPU_EXIT_CHECKSTOP);
            ck_assert_uint_le(c->cc, 3);
            ck_assert_uint_le(c->ilc, 3);
            ck_assert_uint_le(c->key, 15);
            ck_assert_uint_eq(c->ia & ~c->amask, 0);
            if (e == CPU_EXIT_CHECKSTOP)
                break;
            if (e == CPU_EXIT_WAIT)
                cpu_raise_external(c, EXTERNAL_INTERRUPT_KEY);
            cpu_timer_decrement(c, 0x2000);
        }
        END;
    }
}
END_TEST

static Suite *interruptions_suite(void)
{
    Suite *s = suite_create("interruptions");
    TCase *t = tcase_create("priority");
    tcase_add_test(t, test_external_is_taken_before_io_and_masked_io_stays_pending);
    tcase_add_test(t, test_external_new_psw_enabling_io_lets_pending_io_follow_at_once);
    tcase_add_test(t, test_program_interruption_comes_first_then_external_enabled_by_its_new_psw);
    tcase_add_test(t, test_svc_comes_first_then_external_enabled_by_its_new_psw);
    tcase_add_test(t, test_machine_check_comes_first_then_external_enabled_by_its_new_psw);
    tcase_add_test(t, test_external_enabled_by_lpsw_is_taken_before_fetch_at_odd_new_address);
    tcase_add_test(t, test_io_from_masked_channel_stays_pending_until_ssm_enables_it);
    suite_add_tcase(s, t);

    t = tcase_create("external and timer");
    tcase_add_test(t, test_interrupt_key_gives_external_code_0040);
    tcase_add_test(t, test_timer_and_interrupt_key_are_presented_together_once);
    tcase_add_test(t, test_masked_external_request_stays_pending_until_enabled);
    tcase_add_test(t, test_timer_counts_down_and_requests_once_on_positive_to_negative);
    tcase_add_test(t, test_timer_interruption_reaches_enabled_program_with_code_0080);
    tcase_add_test(t, test_mvc_of_timer_area_reads_current_value_and_reloads_it);
    tcase_add_test(t, test_disabled_timer_does_not_count);
    suite_add_tcase(s, t);

    t = tcase_create("wait and protection");
    tcase_add_test(t, test_enabled_wait_returns_wait_and_is_left_by_an_external_interruption);
    tcase_add_test(t, test_wait_enabled_for_io_is_left_by_io_interruption);
    tcase_add_test(t, test_disabled_wait_is_reported_as_such);
    tcase_add_test(t, test_protection_matrix_of_psw_key_block_key_and_fetch_bit);
    tcase_add_test(t, test_new_psw_at_address_beyond_storage_checkstops_instead_of_looping);
    suite_add_tcase(s, t);

    t = tcase_create("manual operations");
    tcase_add_test(t, test_cpu_reset_clears_psw_and_requests_but_keeps_registers_and_storage);
    tcase_add_test(t, test_clear_reset_also_zeroes_registers_storage_and_keys);
    tcase_add_test(t, test_ipl_psw_load_from_location_0_starts_the_program);
    tcase_add_test(t, test_ipl_psw_with_odd_address_faults_at_first_fetch_ilc1);
    tcase_add_test(t, test_store_status_writes_psw_gprs_and_fprs_at_operator_chosen_area);
    tcase_add_test(t, test_store_status_refuses_unaligned_or_out_of_storage_area_and_stores_nothing);
    suite_add_tcase(s, t);

    t = tcase_create("hostile programs");
    tcase_add_test(t, test_random_programs_keep_the_cpu_consistent_and_inside_its_storage);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(interruptions_suite());
}
