/* Helpers shared by the floating-point tests (test_float_*.c). */
#ifndef VM67_TESTS_CPU_TEST_FLOAT_SUPPORT_H
#define VM67_TESTS_CPU_TEST_FLOAT_SUPPORT_H

#include "cpu/cpu.h"
#include "tests/unit/cpu/cpu_test_support.h"

/* Floating-point register N (0, 2, 4 or 6) of a CPU. */
#define FPR(c, n) ((c)->fpr[(n) >> 1])

/* A fresh test CPU whose PSW has condition code `cc` and program mask
 * `progmask` (PROGMASK_* bits), at TEST_CODE. */
static inline void float_cpu_init(struct cpu *c, uint8_t cc, uint8_t progmask)
{
    test_cpu_init(c);
    test_set_psw(c, 0, 0, 0, cc, progmask, TEST_CODE);
}

/* The condition code in the program old PSW (BC mode, bits 34-35). */
static inline unsigned old_psw_cc(struct cpu *c)
{
    return (test_get_word(c, LOW_PROGRAM_OLD + 4) >> 28) & 3;
}

/* Asserts a 64-bit register image, printing both in hex on failure. */
#define ck_assert_fpr(c, n, expected)                                                                   \
    do {                                                                                                \
        uint64_t got_ = FPR(c, n), want_ = (expected);                                                  \
        ck_assert_msg(got_ == want_, "FPR%d = %016llX, expected %016llX", (n), (unsigned long long)got_, \
                      (unsigned long long)want_);                                                       \
    } while (0)

#endif
