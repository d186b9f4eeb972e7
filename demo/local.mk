# demo/: the default demo, a stand-alone program IPLed from a card deck that
# the just-built assembler makes from demo/primes.asm. `make demo` runs it
# (the README's first command).
noinst_DATA = demo/primes.ipl
CLEANFILES += demo/primes.ipl demo/primes.lst demo/demo.cnf
EXTRA_DIST += demo/primes.asm

demo/primes.ipl: $(srcdir)/demo/primes.asm vm67$(EXEEXT)
	@$(MKDIR_P) demo
	$(AM_V_GEN)./vm67$(EXEEXT) asm --ipl -o $@ -l demo/primes.lst $(srcdir)/demo/primes.asm

demo/demo.cnf: Makefile
	@$(MKDIR_P) demo
	$(AM_V_GEN)printf '%s\n' '# The default demo: the IPL deck in the reader, the 1052 console.' \
	    'MAINSIZE 64K' '000C 2540R demo/primes.ipl ebcdic eof' '001F 1052' > $@

.PHONY: demo
demo: demo/primes.ipl demo/demo.cnf
	./vm67$(EXEEXT) run demo/demo.cnf --ipl 00C --batch --stats
