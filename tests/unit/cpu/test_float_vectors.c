/* Floating-point results cross-checked against an independent
 * implementation. The operands were drawn at random (mixed
 * characteristics, leading zeros, near-cancelling pairs, zero fractions,
 * all four program masks); each vector was run both here and on Hercules
 * 3.13 in S/370 mode, and only vectors whose rules are the same on a
 * System/360 with the guard-digit change and on a System/370 are kept:
 * no HALVE (a 360 does not normalize it), no exponent underflow with the
 * mask on (a 360 forces a true zero), no exponent overflow (a 360 sets CC
 * 3 in addition). Of 2000 random vectors, every difference between the
 * two fell into one of those three classes.
 *
 * Each vector: the instruction (first operand FPR0, second FPR2 or the
 * doubleword at 24 bytes past GR10), FPR0, FPR2, the storage operand, the
 * program mask, then the expected FPR0, condition code (in the old PSW
 * when an interruption was taken) and interruption code (0 for none). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/cpu/test_float_support.h"

struct float_vector {
    const char *instruction;
    uint64_t fpr0, fpr2, storage_operand;
    uint8_t program_mask;
    uint64_t expected_fpr0;
    uint8_t expected_cc;
    uint16_t expected_code;
};

static const struct float_vector vectors[] = {
    {"6A00A018", 0x4212880000000000ull, 0xBE000F5390000000ull, 0x2E00000000000000ull, 1, 0x4212880000000000ull, 2, 0x00}, /* AD */
    {"6A00A018", 0x4330855800000000ull, 0x7A80000000000000ull, 0x3F000000A6C30405ull, 0, 0x433085580000A6C3ull, 2, 0x00}, /* AD */
    {"2A02", 0xC300BF2957134732ull, 0x4300BF2957134733ull, 0x44000000A96732D4ull, 0, 0x3610000000000000ull, 2, 0x00}, /* ADR */
    {"2A02", 0x7F68D23DFC9312CAull, 0x7F68D23DFC9312C8ull, 0x7F68D23DFC704633ull, 3, 0x7FD1A47BF9262592ull, 2, 0x00}, /* ADR */
    {"7A00A018", 0x1778A4D2EF8C68AEull, 0xBC0004163DD0C433ull, 0xB10000000000000Bull, 0, 0x00000000EF8C68AEull, 0, 0x00}, /* AE */
    {"7A00A018", 0x3D0DBABFD4F4D1D2ull, 0xBE0DBABFD4F4D1D2ull, 0xC2A919E521E23342ull, 3, 0xC2A919E4D4F4D1D2ull, 1, 0x00}, /* AE */
    {"3A02", 0x827F0B4382B4DBA1ull, 0x8F0000000000000Cull, 0x827F0B43822B5428ull, 3, 0x0F00000082B4DBA1ull, 0, 0x0E}, /* AER */
    {"3A02", 0xC335C40096A96FC0ull, 0x3D0009762D2BAD18ull, 0xC435C434EC462B9Dull, 0, 0xC335C40096A96FC0ull, 1, 0x00}, /* AER */
    {"7E00A018", 0xC2BE5250A1389005ull, 0x43B9A25E608B6508ull, 0xC4BE5250A1C9AD1Full, 3, 0xC4BF10A2A1389005ull, 1, 0x00}, /* AU */
    {"7E00A018", 0xFF00000000000000ull, 0xC477AC4350000000ull, 0xA2001740B69BCDDBull, 0, 0x0000000000000000ull, 0, 0x00}, /* AU */
    {"3E02", 0x6700000000000000ull, 0x3100000000000000ull, 0x3C000E0804C33156ull, 1, 0x6700000000000000ull, 0, 0x0E}, /* AUR */
    {"3E02", 0x550000000000000Aull, 0xC4F4BFBA80000000ull, 0xC100A0BD359C842Aull, 0, 0x000000000000000Aull, 0, 0x00}, /* AUR */
    {"6E00A018", 0x9B8ABC631639C838ull, 0x430000005B8C958Aull, 0x3C0C194ECE9BA481ull, 0, 0x3C0C194ECE9BA481ull, 2, 0x00}, /* AW */
    {"6E00A018", 0xD836ADBCC5EEE918ull, 0x420078C82C7F28ECull, 0x690004393EF330BEull, 3, 0x690004393EF330BEull, 2, 0x00}, /* AW */
    {"2E02", 0xCFA52B1C17940000ull, 0x50A52B1C17940001ull, 0x41AB8DD63DCDA000ull, 0, 0x509AD86A561AC001ull, 2, 0x00}, /* AWR */
    {"2E02", 0x3E00000000000000ull, 0x76108E2BBE08C61Cull, 0x3E0000000000003Aull, 2, 0x76108E2BBE08C61Cull, 2, 0x00}, /* AWR */
    {"6900A018", 0xC174315E4A8592CBull, 0xC174315E4A8592CAull, 0xC14FD4B3AE36E1F8ull, 1, 0xC174315E4A8592CBull, 1, 0x00}, /* CD */
    {"6900A018", 0x3D00085900000000ull, 0xFDC8B22592C90F9Aull, 0xBE000859001D6BBEull, 2, 0x3D00085900000000ull, 2, 0x00}, /* CD */
    {"2902", 0x720092C1FCEF72C8ull, 0xF3009241828842E4ull, 0x3E08D61746B6B773ull, 1, 0x720092C1FCEF72C8ull, 2, 0x00}, /* CDR */
    {"2902", 0xBF00000000000000ull, 0x41000000008B7CC4ull, 0xC1C302408ADA540Bull, 3, 0xBF00000000000000ull, 1, 0x00}, /* CDR */
    {"7900A018", 0x6EFA749000000000ull, 0x4600000000000000ull, 0x6EFA749000000001ull, 1, 0x6EFA749000000000ull, 0, 0x00}, /* CE */
    {"7900A018", 0x81ABC5788F966920ull, 0x01ABC5788F966927ull, 0x02ABC5788F96692Bull, 1, 0x81ABC5788F966920ull, 1, 0x00}, /* CE */
    {"3902", 0x1CD780BF5B400000ull, 0xBE00FEEAF586FE77ull, 0x8D613224AE41EF17ull, 0, 0x1CD780BF5B400000ull, 2, 0x00}, /* CER */
    {"3902", 0x26410A8A8D540000ull, 0x4300083769E577BBull, 0x26410A8A8D540001ull, 2, 0x26410A8A8D540000ull, 1, 0x00}, /* CER */
    {"6D00A018", 0x420000001FD70514ull, 0xBE998B6000000000ull, 0xC349FC676E8E5B67ull, 3, 0xB96E2B79EE219EB1ull, 0, 0x00}, /* DD */
    {"6D00A018", 0x0E00000000000000ull, 0x8F0000AA89DE11C5ull, 0xC108DDE500000000ull, 1, 0x0000000000000000ull, 0, 0x00}, /* DD */
    {"2D02", 0x3E9E8487959C8352ull, 0xC09E8426BE4FF5C4ull, 0x3D9E84879582C1D8ull, 1, 0xBF100009C655EF85ull, 0, 0x00}, /* DDR */
    {"2D02", 0xC4EAE6D43C62C83Dull, 0xC003050000000000ull, 0x3E1BE9BF4538A01Full, 1, 0x464DCB4944AE7550ull, 0, 0x00}, /* DDR */
    {"7D00A018", 0x410000F000000000ull, 0x44000000F5CB2A74ull, 0x420000F000000078ull, 0, 0x4010000000000000ull, 0, 0x00}, /* DE */
    {"7D00A018", 0x89016FD3CAB8941Bull, 0xC2B11AE535693A5Aull, 0x446412E75E500000ull, 2, 0x843ACEF6CAB8941Bull, 0, 0x00}, /* DE */
    {"3D02", 0xBF00000000000000ull, 0x3E00170000000000ull, 0x41C503BDD0FD7D42ull, 3, 0x0000000000000000ull, 0, 0x00}, /* DER */
    {"3D02", 0x5002E4B6B7D65A7Aull, 0xD002E4B6B7D65A44ull, 0x5102E4B6B7D65A7Bull, 1, 0xC1100000B7D65A7Aull, 0, 0x00}, /* DER */
    {"6C00A018", 0xC1A372A7BD14E571ull, 0x6961F00000000000ull, 0xC0A372A7BD14E570ull, 0, 0x41685B34F49AEB06ull, 0, 0x00}, /* MD */
    {"6C00A018", 0xDF79CBB75D63E6F0ull, 0xC30C2709E3F97549ull, 0x9B00000000000009ull, 2, 0x2D448297248831E7ull, 0, 0x00}, /* MD */
    {"2C02", 0x3C00000000000006ull, 0xE900000000000004ull, 0x2C0000008C179DE0ull, 2, 0xCB18000000000000ull, 0, 0x00}, /* MDR */
    {"2C02", 0xF3005D411BF9E324ull, 0xC1000000DA963A00ull, 0x6B00000000000009ull, 1, 0x6C4FA02B19F02E5Cull, 0, 0x00}, /* MDR */
    {"7C00A018", 0xC000000000000000ull, 0x430000BF84E00000ull, 0xC0000000D7905A9Cull, 0, 0x0000000000000000ull, 0, 0x00}, /* ME */
    {"7C00A018", 0x3D72DF94A508AD48ull, 0xC40000000000000Dull, 0x4300000000000000ull, 0, 0x0000000000000000ull, 0, 0x00}, /* ME */
    {"3C02", 0x12C6D316613F4209ull, 0xFE3463E000000000ull, 0x92C6D316613F4208ull, 0, 0xD028B07212354000ull, 0, 0x00}, /* MER */
    {"3C02", 0xC10D554C5A1328EEull, 0x430D554C5A1328E5ull, 0x0000000000000000ull, 0, 0xC2B1C6238E900000ull, 0, 0x00}, /* MER */
    {"6B00A018", 0x42EE4C899C45A694ull, 0x3C003042113BCC57ull, 0x4000000000000000ull, 3, 0x42EE4C899C45A694ull, 2, 0x00}, /* SD */
    {"6B00A018", 0x3C00000000000000ull, 0xBD00081435E7B0F3ull, 0x0400000000000000ull, 0, 0x0000000000000000ull, 0, 0x00}, /* SD */
    {"2B02", 0xBFE962E4FB06FD5Aull, 0xBE05000000000000ull, 0xBFE962E4FB06FD23ull, 0, 0xBFE912E4FB06FD5Aull, 1, 0x00}, /* SDR */
    {"2B02", 0x42000000B0F5053Eull, 0x7F001967034E71E0ull, 0x42000000B0F5053Eull, 0, 0xFD1967034E71E000ull, 1, 0x00}, /* SDR */
    {"7B00A018", 0x3F000000A9C7B000ull, 0xBCD007945E000000ull, 0xB40395450842D12Eull, 1, 0x3F000000A9C7B000ull, 0, 0x0E}, /* SE */
    {"7B00A018", 0xBC000000850D633Dull, 0x3D00000C2F998E08ull, 0x3C00000055B62E41ull, 0, 0x00000000850D633Dull, 0, 0x00}, /* SE */
    {"3B02", 0x3E0000000000000Full, 0xBD00000000F6A913ull, 0xBD000000000000B2ull, 2, 0x000000000000000Full, 0, 0x00}, /* SER */
    {"3B02", 0x41666E90DA9BB8FBull, 0x43666E90DABD8AF4ull, 0x42666E90DA9BB8FBull, 1, 0xC3660821DA9BB8FBull, 1, 0x00}, /* SER */
    {"7F00A018", 0xBC00000000000000ull, 0xBD868D0BB3728444ull, 0xC1B2CAD4499430DBull, 0, 0x41B2CAD400000000ull, 2, 0x00}, /* SU */
    {"7F00A018", 0x3D22FA8A8AF20000ull, 0x9C929BB8E46BCAA1ull, 0xC2685FE03EAD410Full, 0, 0x42685FE28AF20000ull, 2, 0x00}, /* SU */
    {"3F02", 0x3FBE4F3A7DC77B56ull, 0x42000000DD0EFFDFull, 0x3FBE4F3A7DC77B5Full, 0, 0x42000BE47DC77B56ull, 2, 0x00}, /* SUR */
    {"3F02", 0x3FD25B6346EC672Eull, 0xBD5A0DA85DDCC373ull, 0x7E59636F669E0000ull, 2, 0x3FD2B57046EC672Eull, 2, 0x00}, /* SUR */
    {"6F00A018", 0xBC0000008F183FA3ull, 0x40B0000000000000ull, 0x3D0000008FC96766ull, 0, 0xBD00000098BAEB60ull, 1, 0x00}, /* SW */
    {"6F00A018", 0x8200000000000000ull, 0x8724BA8C7132E11Eull, 0xC2002157B48FD000ull, 0, 0x42002157B48FD000ull, 2, 0x00}, /* SW */
    {"2F02", 0xFF8921CC3568BDB1ull, 0xFF8921CC358C980Dull, 0xC000000000000000ull, 2, 0x7F0000000023DA5Cull, 2, 0x00}, /* SWR */
    {"2F02", 0x40EBBE68E6724E9Bull, 0x441752B29F83B408ull, 0x42EBBEF670423C3Cull, 2, 0xC41751C6E11ACD95ull, 1, 0x00}, /* SWR */
};

#define OPERAND_BASE 0x0800u

START_TEST(test_arithmetic_matches_values_cross_checked_with_hercules)
{
    const struct float_vector *v = &vectors[_i];
    struct cpu c;
    float_cpu_init(&c, 0, v->program_mask);
    FPR(&c, 0) = v->fpr0;
    FPR(&c, 2) = v->fpr2;
    c.gpr[10] = OPERAND_BASE;
    test_put_double(&c, OPERAND_BASE + 24, v->storage_operand);
    test_execute(&c, v->instruction);
    unsigned ilc = strlen(v->instruction) / 4;
    if (v->expected_code == 0) {
        test_assert_no_interrupt(&c, TEST_CODE + 2 * ilc);
        ck_assert_uint_eq(c.cc, v->expected_cc);
    } else {
        test_assert_program_interrupt(&c, v->expected_code, ilc, TEST_CODE + 2 * ilc);
        ck_assert_uint_eq(old_psw_cc(&c), v->expected_cc);
    }
    ck_assert_msg(FPR(&c, 0) == v->expected_fpr0, "vector %d (%s): FPR0 = %016llX, expected %016llX", _i,
                  v->instruction, (unsigned long long)FPR(&c, 0), (unsigned long long)v->expected_fpr0);
    ck_assert_fpr(&c, 2, v->fpr2);
    cpu_free(&c);
}
END_TEST

static Suite *float_vectors_suite(void)
{
    Suite *s = suite_create("float_vectors");
    TCase *t = tcase_create("cross_checked");
    tcase_add_loop_test(t, test_arithmetic_matches_values_cross_checked_with_hercules, 0,
                        (int)(sizeof vectors / sizeof vectors[0]));
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return test_run_suite(float_vectors_suite());
}
