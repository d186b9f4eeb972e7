# cpu/: the 2067 CPU.
noinst_LIBRARIES += cpu/libcpu.a
cpu_libcpu_a_SOURCES = \
	cpu/access.c cpu/access.h \
	cpu/cpu.c cpu/cpu.h \
	cpu/dat.c cpu/dat.h \
	cpu/float_arith.c cpu/float_arith.h \
	cpu/decimal.c cpu/decimal.h cpu/decimal_insn.h \
	cpu/decimal_edit.c \
	cpu/decimal_format.c \
	cpu/insn.h \
	cpu/insn_branch.c \
	cpu/insn_decimal.c \
	cpu/insn_fixed.c \
	cpu/insn_float.c \
	cpu/insn_logical.c \
	cpu/insn_model67.c \
	cpu/insn_system.c \
	cpu/insn_table.c \
	cpu/interrupt.c cpu/interrupt.h \
	cpu/psw.c \
	cpu/storage.c cpu/storage.h \
	cpu/store_status.c \
	cpu/timer.c
