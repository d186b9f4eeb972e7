/* The macro processor: reads the source statements (with COPY members),
 * keeps macro definitions, expands macro calls (positional and keyword
 * parameters, &SYSNDX, &SYSLIST, sublists), runs conditional assembly
 * (SETA/SETB/SETC, GBLx/LCLx, AIF/AGO/ANOP, ACTR, MEXIT, MNOTE) in
 * macros and in open code, and hands the statements to assemble to the
 * passes, in order, with the source cards and macro expansions to list. */
#ifndef VM67_ASM_MACRO_PROCESSOR_H
#define VM67_ASM_MACRO_PROCESSOR_H

#include "asm/assembly.h"

void macro_processor_run(struct assembly *a);

#endif
