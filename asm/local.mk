# asm/: the System/360 assembler (vm67 asm).
