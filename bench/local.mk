# bench/: `make bench`.

# dat_mix: translated vs untranslated speed of the CPU alone (not run by
# `make check`): bench/dat_mix [ITERATIONS [REPEATS]].
noinst_PROGRAMS += bench/dat_mix
bench_dat_mix_SOURCES = bench/dat_mix.c
bench_dat_mix_LDADD = cpu/libcpu.a lib/libvm67common.a

# dasd_channel: MB/s of DASD reads by channel programs, CKD and CCKD, and
# MB per CPU second: bench/dasd_channel [CYLINDERS [PASSES]].
noinst_PROGRAMS += bench/dasd_channel
bench_dasd_channel_SOURCES = bench/dasd_channel.c
bench_dasd_channel_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
bench_dasd_channel_LDADD = devices/libdevices.a cpu/libcpu.a lib/libvm67common.a $(ZLIB_LIBS) -lm

# `make bench` runs every program in BENCH_RUNS (each fragment adds its
# own).
BENCH_RUNS = bench/dasd_channel
.PHONY: bench
bench: $(BENCH_RUNS)
	@for b in $(BENCH_RUNS); do ./$$b || exit 1; done
