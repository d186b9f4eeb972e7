# bench/: `make bench` (never part of `make check`: speed is measured, not
# tested). It runs the shared benchmark decks (../shared/bench, or
# VM67_BENCH) and the project's own mixes below through bench/run-bench.

# dat_mix: translated vs untranslated speed of the CPU alone:
# bench/dat_mix [ITERATIONS [REPEATS]].
noinst_PROGRAMS += bench/dat_mix
bench_dat_mix_SOURCES = bench/dat_mix.c
bench_dat_mix_LDADD = cpu/libcpu.a lib/libvm67common.a

BENCH_MIXES = bench/mix_decimal.ipl bench/mix_float.ipl bench/mix_string.ipl bench/mix_branch.ipl
EXTRA_DIST += bench/run-bench $(BENCH_MIXES:.ipl=.asm)
CLEANFILES += $(BENCH_MIXES) $(BENCH_MIXES:.ipl=.lst)

bench/%.ipl: $(srcdir)/bench/%.asm vm67$(EXEEXT)
	@$(MKDIR_P) bench
	$(AM_V_GEN)./vm67$(EXEEXT) asm --ipl -o $@ -l $(@:.ipl=.lst) $<

.PHONY: bench
bench: vm67$(EXEEXT) $(BENCH_MIXES)
	@if [ ! -f "$(VM67_BENCH)/bench.deck" ]; then \
	    echo "note: $(VM67_BENCH)/bench.deck not found: the shared decks are skipped"; fi
	$(SHELL) $(srcdir)/bench/run-bench ./vm67$(EXEEXT) \
	    "$(VM67_BENCH)/bench.deck" "$(VM67_BENCH)/bench_dat.deck" $(BENCH_MIXES)

# machine_loop: the machine loop's cost around cpu_run (a tight loop run
# bare and inside the machine with each timer mode).
noinst_PROGRAMS += bench/machine_loop
bench_machine_loop_SOURCES = bench/machine_loop.c
bench_machine_loop_LDADD = src/libvm67machine.a devices/libdevices.a cpu/libcpu.a lib/libvm67common.a \
	$(LIBEDIT_LIBS) $(ZLIB_LIBS) -lpthread -lm

# dasd_channel: MB/s of DASD reads by channel programs, CKD and CCKD, and
# MB per CPU second: bench/dasd_channel [CYLINDERS [PASSES]]. `make bench`
# runs it first.
noinst_PROGRAMS += bench/dasd_channel
bench_dasd_channel_SOURCES = bench/dasd_channel.c
bench_dasd_channel_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
bench_dasd_channel_LDADD = devices/libdevices.a cpu/libcpu.a lib/libvm67common.a $(ZLIB_LIBS) -lm
.PHONY: bench-dasd
bench-dasd: bench/dasd_channel$(EXEEXT)
	./bench/dasd_channel$(EXEEXT)
bench: bench-dasd
