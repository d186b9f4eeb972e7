#include "tests/unit/cpu/model67_test_support.h"

#include <check.h>

#include "lib/bytes.h"
#include "tests/unit/cpu/cpu_test_support.h"

void m67_set_ec_psw(struct cpu *c, uint32_t word0, uint32_t word1)
{
    uint8_t psw[8];
    ck_assert(c->ec_mode);
    store_be32(psw, word0);
    store_be32(psw + 4, word1);
    ck_assert_msg(cpu_load_psw(c, psw), "invalid EC PSW %08X %08X", word0, word1);
}

void m67_enter_ec_mode(struct cpu *c, uint32_t word0, uint32_t word1)
{
    c->cr[6] |= CR6_EXTENDED_CONTROL;
    cpu_set_extended_control_mode(c, true);
    m67_set_ec_psw(c, word0, word1);
}

void m67_build_tables(struct cpu *c)
{
    for (unsigned s = 0; s < 16; s++)
        test_put_word(c, M67_SEGMENT_TABLE + 4 * s, 0x00000001);
    for (unsigned s = 0; s < 4; s++) {
        test_put_word(c, M67_SEGMENT_TABLE + 4 * s, 0xFF000000u | M67_PAGE_TABLE(s));
        for (unsigned p = 0; p < 256; p++)
            store_be16(c->storage.bytes + M67_PAGE_TABLE(s) + 2 * p, 0x0008);
    }
    c->cr[0] = M67_CR0;
    cpu_tlb_purge(c);
}

uint32_t m67_pte_address(uint32_t va)
{
    uint32_t segment = (va >> 20) & 0xFFF;
    ck_assert_uint_lt(segment, 4);
    return M67_PAGE_TABLE(segment) + 2 * ((va >> 12) & 0xFF);
}

void m67_map(struct cpu *c, uint32_t va, uint32_t real)
{
    store_be16(c->storage.bytes + m67_pte_address(va), (uint16_t)((real >> 12) << 4));
}

void m67_unmap(struct cpu *c, uint32_t va)
{
    store_be16(c->storage.bytes + m67_pte_address(va), 0x0008);
}

void m67_assert_program_interrupt_at(struct cpu *c, uint16_t code, unsigned ilc, uint32_t ia,
                                     const char *file, int line)
{
    uint32_t word0 = test_get_word(c, LOW_PROGRAM_OLD);
    uint32_t word1 = test_get_word(c, LOW_PROGRAM_OLD + 4);
    uint16_t stored_code = test_get_half(c, EC_CODE_AT_PROGRAM);
    ck_assert_msg(c->wait && c->ia == TEST_WAIT_PROGRAM,
                  "%s:%d: expected a program interruption, CPU is at %06X (wait=%d)", file, line, c->ia,
                  c->wait);
    ck_assert_msg(stored_code == code, "%s:%d: code at x'12' %04X, expected %04X", file, line, stored_code,
                  code);
    ck_assert_msg(((word0 >> 14) & 3) == ilc, "%s:%d: ILC %u, expected %u (old PSW %08X %08X)", file, line,
                  (word0 >> 14) & 3, ilc, word0, word1);
    ck_assert_msg(word1 == ia, "%s:%d: old PSW address %08X, expected %08X", file, line, word1, ia);
}
