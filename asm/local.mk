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
