# bench/: `make bench`.

# dat_mix: translated vs untranslated speed of the CPU alone (not run by
# `make check`): bench/dat_mix [ITERATIONS [REPEATS]].
noinst_PROGRAMS += bench/dat_mix
bench_dat_mix_SOURCES = bench/dat_mix.c
bench_dat_mix_LDADD = cpu/libcpu.a lib/libvm67common.a
