/* The sample programs under tests/asm/ that `make check` assembled with
 * the vm67 just built (the rule in asm/local.mk): the IPL deck of
 * ipl_sum.asm (which uses a macro and a COPY member from tests/asm/maclib)
 * IPLs and runs to its success wait PSW, and the object deck of module.asm
 * loads and relocates. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/object_loader.h"
#include "cpu/cpu.h"
#include "lib/bytes.h"
#include "tests/unit/asm/asm_test_support.h"

static uint8_t *read_built(const char *name, size_t *len)
{
    const char *dir = getenv("VM67_BUILDDIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/asm/%s", dir != NULL ? dir : ".", name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s was not built (make check builds it from tests/asm/)", path);
    static uint8_t buf[1 << 20];
    *len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return buf;
}

START_TEST(test_ipl_sum_deck_built_by_make_runs_to_its_600d_wait)
{
    size_t len;
    uint8_t *deck = read_built("ipl_sum.ipl", &len);
    struct cpu c;
    struct error err;
    ck_assert(cpu_init(&c, 64 * 1024, &err));
    ck_assert_uint_eq(asm_test_simulate_ipl(deck, len, c.storage.bytes, c.storage.size), len / 80);
    ck_assert(cpu_load_psw_from(&c, 0));
    for (int i = 0; i < 100 && !c.wait; i++)
        cpu_run(&c, 10000);
    ck_assert(c.wait);
    ck_assert_uint_eq(c.ia, 0x600D);
    ck_assert_uint_eq(c.gpr[5], 5050);
    ck_assert_uint_eq(c.gpr[6], 0);
    cpu_free(&c);
}
END_TEST

START_TEST(test_module_deck_built_by_make_loads_and_relocates)
{
    size_t len;
    uint8_t *deck = read_built("module.obj", &len);
    struct storage st;
    struct error err;
    ck_assert(storage_init(&st, 64 * 1024, &err));
    struct object_load_result r;
    /* module.asm refers to OTHER, which no module defines. */
    ck_assert(!object_deck_load(&st, deck, len, 0x2000, &r, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "external symbol OTHER"));
    storage_free(&st);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("asm decks built by make");
    TCase *t = tcase_create("built");
    tcase_add_test(t, test_ipl_sum_deck_built_by_make_runs_to_its_600d_wait);
    tcase_add_test(t, test_module_deck_built_by_make_loads_and_relocates);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return asm_test_run_suite(suite());
}
