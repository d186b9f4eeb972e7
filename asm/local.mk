# asm/: the System/360 assembler (vm67 asm). One file per job; see
# asm/assembler.h for the entry points.
noinst_LIBRARIES += asm/libasm.a
asm_libasm_a_SOURCES = \
	asm/assembler.c asm/assembler.h \
	asm/assembly.c asm/assembly.h \
	asm/byte_buffer.c asm/byte_buffer.h \
	asm/conditional_expression.c asm/conditional_expression.h \
	asm/constants.c asm/constants.h \
	asm/diagnostics.c asm/diagnostics.h \
	asm/directives.c asm/directives.h \
	asm/expression.c asm/expression.h \
	asm/float_constant.c asm/float_constant.h \
	asm/instruction_encoder.c asm/instruction_encoder.h \
	asm/instruction_table.c asm/instruction_table.h \
	asm/ipl_deck.c asm/ipl_deck.h \
	asm/lexer.c asm/lexer.h \
	asm/listing.c asm/listing.h \
	asm/literal_table.c asm/literal_table.h \
	asm/located_text.c asm/located_text.h \
	asm/macro_definition.c asm/macro_definition.h \
	asm/macro_processor.c asm/macro_processor.h \
	asm/memory.c asm/memory.h \
	asm/object_card.h \
	asm/object_deck.c asm/object_deck.h \
	asm/object_loader.c asm/object_loader.h \
	asm/pass_support.c asm/pass_support.h \
	asm/problem.c asm/problem.h \
	asm/program_image.c asm/program_image.h \
	asm/section_table.c asm/section_table.h \
	asm/self_defining_term.c asm/self_defining_term.h \
	asm/source_set.c asm/source_set.h \
	asm/statement_fields.c asm/statement_fields.h \
	asm/statement_reader.c asm/statement_reader.h \
	asm/substitution.c asm/substitution.h \
	asm/symbol_table.c asm/symbol_table.h \
	asm/using_table.c asm/using_table.h \
	asm/value.c asm/value.h \
	asm/variable_symbols.c asm/variable_symbols.h

# Assembling at build time with the vm67 just built. A part that keeps
# stand-alone programs or modules as .asm sources under tests/ lists the
# decks it wants (build-tree paths, beside their sources):
#
#   VM67_ASM_IPL_DECKS += tests/foo/prog.ipl     IPL deck of tests/foo/prog.asm
#   VM67_ASM_OBJECT_DECKS += tests/foo/mod.obj   object deck of tests/foo/mod.asm
#
# `make` and `make check` build them (before any test runs), and each
# listing lands beside its deck (.lst). Macro and COPY libraries
# go in VM67_ASM_FLAGS (-I $(srcdir)/tests/foo/maclib). A deck is remade
# when its source or vm67 changes; an assembly with errors fails the build
# and leaves no deck.
VM67_ASM_IPL_DECKS =
VM67_ASM_OBJECT_DECKS =
VM67_ASM_FLAGS =
VM67_ASM_DECKS = $(VM67_ASM_IPL_DECKS) $(VM67_ASM_OBJECT_DECKS)
all-local: $(VM67_ASM_DECKS)
$(TEST_LOGS): $(VM67_ASM_DECKS)
SUFFIXES = .asm .ipl .obj
.asm.ipl:
	$(AM_V_GEN)$(MKDIR_P) $(@D) && ./vm67$(EXEEXT) asm --ipl $(VM67_ASM_FLAGS) -o $@ -l $(@:.ipl=.lst) $<
.asm.obj:
	$(AM_V_GEN)$(MKDIR_P) $(@D) && ./vm67$(EXEEXT) asm $(VM67_ASM_FLAGS) -o $@ -l $(@:.obj=.lst) $<
$(VM67_ASM_IPL_DECKS) $(VM67_ASM_OBJECT_DECKS): vm67$(EXEEXT)
CLEANFILES += $(VM67_ASM_IPL_DECKS) $(VM67_ASM_IPL_DECKS:.ipl=.lst) \
	$(VM67_ASM_OBJECT_DECKS) $(VM67_ASM_OBJECT_DECKS:.obj=.lst)
