"""The stand-alone program that runs a list of cases, and the layout of
what it punches.

The program (assembled by `vm67 asm --ipl`, so the same deck runs on vm67,
Hercules and SIMH) keeps a table of case records. For each record it
copies the operand area to OPERAND_AREA (x'F80', so that operands
often cross the 2K storage-key block boundary at x'1000'), the instruction into
EXSLOT, loads the floating-point registers, sets the condition code and
program mask with SPM, loads all sixteen general registers with LM and
falls into EXSLOT. The instruction under test either falls through (the
MVI after EXSLOT marks that), branches to LANDING (every branch case
aims there), or takes a program interruption, whose handler records the
old PSW and resumes at LANDING with LPSW. From LANDING on the driver
stores the registers (STM first, before anything can change them), the
condition code and program mask (BALR) and the FPRs, copies them and the
operand area back into the record, and goes on with the next one.

Everything the driver touches between LM and STM is addressed with base
register 0 (low storage), since every general register then holds test
data. When all cases have run, the whole table is punched on 00D, 80
bytes a card, and the program loads a disabled wait PSW x'600D'. Other
endings: x'BAD1' a program interruption outside a test instruction
(the driver lost control), x'EEEE' a punch error, x'BAD2' the
layout check below failed.

Record layout (RECORD_FIXED bytes, then the operand area):
  +0    instruction (6 bytes, 2 spare)
  +8    general registers in (64)
  +72   FPRs 0, 2, 4, 6 in (32)
  +104  SPM word: bits 2-3 CC, 4-7 program mask (4, then 4 spare)
  +112  general registers out (64)
  +176  FPRs out (32)
  +208  BALR word after the instruction: ILC, CC, program mask, address
  +212  fell-through flag, interruption flag (1 program, 2 SVC), 2 spare
  +216  old PSW of the interruption (8), zero when none
  +224  operand area in, replaced by the operand area out
"""

from case_builder import HIGH_AREA, OPERAND_AREA, instruction_length

PROGRAM_ORIGIN = 0x2000
# Where PREPARE (and so EXSLOT, 50 bytes further) sits, per layout:
# "plain" keeps the instruction inside one 2K block, "cross" puts EXSLOT
# 2 bytes before the block boundary at x'2800', so that a 4- or 6-byte
# instruction under test straddles it.
# In USASCII-8 mode (PSW bit 12, a 360 feature S/370 dropped) the block
# is 14 bytes longer: it enters the test with LPSW instead of SPM.
LAYOUTS = {"plain": 0x180, "cross": 0x7FE - 50}
PREPARE_SIZE = 50
PREPARE_OFFSET = LAYOUTS["plain"]
ASCII_MODE = False
EXSLOT = PROGRAM_ORIGIN + PREPARE_OFFSET + PREPARE_SIZE   # checked at run time (BAD2)
LANDING = EXSLOT + 6 + 4


DAT_MODE = False


def set_layout(name, ascii_mode=False, dat_mode=False):
    """Chooses where EXSLOT sits for the programs generated next, whether
    their instructions run with the PSW's USASCII-8 bit on, and whether
    they run in the 67's EC mode with translation on (see dat_source)."""
    global PREPARE_OFFSET, PREPARE_SIZE, ASCII_MODE, DAT_MODE, EXSLOT, LANDING
    ASCII_MODE = ascii_mode
    DAT_MODE = dat_mode
    PREPARE_SIZE = 64 if ascii_mode else 50
    PREPARE_OFFSET = LAYOUTS[name] - (14 if ascii_mode and name == "cross" else 0)
    EXSLOT = PROGRAM_ORIGIN + PREPARE_OFFSET + PREPARE_SIZE
    LANDING = EXSLOT + 6 + 4
RECORD_FIXED = 224
CARD = 80

# Low-storage work areas (absolute addresses, base register 0).
LOW = {
    "SAVEREGS": 0x200, "SAVEFPR": 0x240, "SAVECC": 0x260, "FELL": 0x264, "PGMFLAG": 0x265,
    "PGMOLD": 0x268, "BASEWORD": 0x270, "CASEPTR": 0x274, "LANDPSW": 0x278, "INTEST": 0x280,
}


def record_size(operand_size):
    return RECORD_FIXED + operand_size


def pad_instruction(instruction):
    """The 6-byte slot: the instruction, then NOPR (BCR 0,0) halfwords."""
    return instruction + b"\x07\x00" * ((6 - len(instruction)) // 2)


def record_input_bytes(case):
    out = bytearray()
    out += pad_instruction(case.instruction) + b"\0\0"
    for r in case.regs:
        out += r.to_bytes(4, "big")
    for f in case.fprs:
        out += f.to_bytes(8, "big")
    spm = (case.cc << 28) | (case.program_mask << 24)
    out += spm.to_bytes(4, "big") + b"\0" * 4
    out += b"\0" * (RECORD_FIXED - len(out))
    out += case.memory
    return bytes(out)


def dc_lines(data, comment=None):
    lines = []
    for i in range(0, len(data), 24):
        chunk = data[i:i + 24]
        if chunk == bytes(len(chunk)):
            lines.append("         DC    XL%d'00'" % len(chunk))
        else:
            lines.append("         DC    X'%s'" % chunk.hex().upper())
    if comment and lines:
        lines[0] = lines[0].ljust(60) + " " + comment[:10]
    return lines


def mvc_lines(target, target_base, source, source_base, length):
    """MVCs of at most 256 bytes each for a longer copy."""
    lines = []
    done = 0
    while done < length:
        n = min(256, length - done)
        lines.append("         MVC   %d(%d,%s),%d(%s)" % (target + done, n, target_base, source + done, source_base))
        done += n
    return lines


def assemble_source(name, seed, cases, operand_size, high_size=0):
    """`operand_size` + `high_size` bytes of memory per case: the operand
    area at OPAREA, then (when high_size is not 0) the area at HIGH_AREA,
    the end of storage."""
    size = record_size(operand_size + high_size)
    table_bytes = size * len(cases) + 4
    cards = (table_bytes + CARD - 1) // CARD
    pad = cards * CARD - table_bytes
    equ = ["%-8s EQU   X'%03X'" % (k, v) for k, v in LOW.items()]
    src = []
    src.append("*" + "-" * 69 + "*")
    src.append("*  DIFFERENTIAL TEST PROGRAM %s" % name.upper()[:40])
    src.append("*  SEED %d, %d CASES, RECORD %d BYTES, %d CARDS" % (seed, len(cases), size, cards))
    src.append("*  GENERATED BY TESTS/DIFFERENTIAL/DIFFTEST.PY")
    src.append("*" + "-" * 69 + "*")
    src.append("DIFF     START X'%X'" % PROGRAM_ORIGIN)
    src.extend(equ)
    src.append("OPAREA   EQU   X'%03X'" % OPERAND_AREA)
    src += """\
         BALR  12,0
         USING *,12
         B     INIT
         ORG   DIFF+X'100'
*        THE CASE LOOP. NEXT, EXSLOT AND LANDING MUST STAY WHERE THEY
*        ARE: THE CASES AIM THEIR BRANCHES AT LANDING.
NEXT     L     15,CASEPTR
         CLC   0(4,15),ENDMARK
         BE    FINISH
""".rstrip("\n").split("\n")
    src.append("         L     14,=A(OPAREA)")
    src += mvc_lines(0, 14, RECORD_FIXED, 15, operand_size)
    if high_size:
        src.append("         L     14,=A(X'%X')" % HIGH_AREA)
        src += mvc_lines(0, 14, RECORD_FIXED + operand_size, 15, high_size)
    src += ("""\
         B     PREPARE
         ORG   DIFF+X'%X'
PREPARE  MVC   EXSLOT(6),0(15)""" % PREPARE_OFFSET).split("\n")
    src += """\
         LD    0,72(15)
         LD    2,80(15)
         LD    4,88(15)
         LD    6,96(15)
         MVI   FELL,0
         MVI   PGMFLAG,0
         XC    PGMOLD(8),PGMOLD
         L     1,104(15)
         MVI   INTEST,1
         SPM   1
""".rstrip("\n").split("\n")
    if ASCII_MODE:
        src += """\
         ST    1,MODEPSW+4
         MVC   MODEPSW+5(3),MODEADDR+1
         LPSW  MODEPSW
""".rstrip("\n").split("\n")
    src += """\
LMSTEP   LM    0,15,8(15)
EXSLOT   DC    XL6'00'
         MVI   FELL,1
LANDING  STM   0,15,SAVEREGS
         MVI   INTEST,0
         BALR  1,0
         ST    1,SAVECC
         STD   0,SAVEFPR
         STD   2,SAVEFPR+8
         STD   4,SAVEFPR+16
         STD   6,SAVEFPR+24
         L     12,BASEWORD
         L     15,CASEPTR
         MVC   112(64,15),SAVEREGS
         MVC   176(32,15),SAVEFPR
         MVC   208(4,15),SAVECC
         MVC   212(2,15),FELL
         MVC   216(8,15),PGMOLD
""".rstrip("\n").split("\n")
    src.append("         L     14,=A(OPAREA)")
    src += mvc_lines(RECORD_FIXED, 15, 0, 14, operand_size)
    if high_size:
        src.append("         L     14,=A(X'%X')" % HIGH_AREA)
        src += mvc_lines(RECORD_FIXED + operand_size, 15, 0, 14, high_size)
    src += ("""\
         A     15,RECSIZE
         ST    15,CASEPTR
         B     NEXT
*        PROGRAM AND SVC INTERRUPTIONS: RECORD THE OLD PSW, RESUME AT
*        LANDING. ONE OUTSIDE A TEST ENDS THE RUN (X'BAD1').
PGMH     CLI   INTEST,1
         BNE   PGMLOST
         MVC   PGMOLD(8),X'28'
         MVI   PGMFLAG,1
         LPSW  LANDPSW
PGMLOST  LPSW  LOSTPSW
SVCH     MVC   PGMOLD(8),X'20'
         MVI   PGMFLAG,2
         LPSW  LANDPSW
INIT     ST    12,BASEWORD
         LA    1,EXSLOT
         C     1,=A(X'%X')
         BNE   BADLAYOUT
         MVC   X'58'(8),EXTNEW
         MVC   X'60'(8),SVCNEW
         MVC   X'68'(8),PGMNEW
         MVC   X'70'(8),MCKNEW
         MVC   X'78'(8),IONEW
         MVC   LANDPSW(8),LANDPSWC
         MVI   INTEST,0
         LA    15,CASES
         ST    15,CASEPTR
STARTRUN B     NEXT
BADLAYOUT LPSW BADLAYPSW
*        PUNCH THE TABLE ON 00D, ONE CARD AT A TIME.
FINISH   L     12,BASEWORD
         MVC   X'68'(8),LOSTPSW
         MVC   X'78'(8),PUNCHIO
         LA    2,CASES
PUNCH    ST    2,CCW
         MVI   CCW,X'01'
         MVC   CCW+4(4),=X'00000050'
         LA    1,CCW
         ST    1,X'48'
         SIO   X'00D'
         BC    7,PUNCHERR
PWAIT    LPSW  WAITPSW
PUNCHED  CLC   X'3A'(2),=X'000D'
         BNE   PWAIT
         TM    X'44',X'F3'
         BNZ   PUNCHERR
         TM    X'45',X'FF'
         BNZ   PUNCHERR
         TM    X'44',X'04'
         BZ    PWAIT
         LA    2,80(2)
         C     2,=A(TABLEEND)
         BL    PUNCH
         LPSW  DONEPSW
PUNCHERR LPSW  ERRPSW
         LTORG
         DS    0D
EXTNEW   DC    X'00020000',A(X'BAD3')
SVCNEW   DC    X'00000000',A(SVCH)
PGMNEW   DC    X'00000000',A(PGMH)
MCKNEW   DC    X'00020000',A(X'BAD4')
IONEW    DC    X'00020000',A(X'BAD5')
PUNCHIO  DC    X'00000000',A(PUNCHED)
LANDPSWC DC    X'00000000',A(LANDING)
LOSTPSW  DC    X'00020000',A(X'BAD1')
BADLAYPSW DC   X'00020000',A(X'BAD2')
WAITPSW  DC    X'80020000',A(0)
DONEPSW  DC    X'00020000',A(X'600D')
ERRPSW   DC    X'00020000',A(X'EEEE')
MODEPSW  DC    X'00080000',A(0)
MODEADDR DC    A(LMSTEP)
CCW      DC    D'0'
RECSIZE  DC    F'%d'
ENDMARK  DC    X'FFFFFFFF'
         DS    0D
CASES    DS    0D
""" % (EXSLOT, size)).rstrip("\n").split("\n")
    for n, case in enumerate(cases):
        src.append("*        CASE %d: %s %s" % (n, case.mnemonic, case.instruction.hex().upper()))
        src += dc_lines(record_input_bytes(case))
    src.append("         DC    X'FFFFFFFF'")
    if pad:
        src.append("         DC    XL%d'00'" % pad)
    src.append("TABLEEND EQU   *")
    src.append("         END   DIFF")
    if DAT_MODE:
        src = dat_source(src)
    return "\n".join(src) + "\n", cards


# Translation tables of the DAT mode, in real storage below the program:
# the segment table (16 entries) and the page tables of segments 0 and 1
# (2M of storage). Every page maps to itself but two: virtual page 1
# (x'1000'-x'1FFF', the upper part of the operand area) lives in real
# frame x'1F0000' and virtual x'1F0000' in frame x'1000', so an operand
# that crosses x'1000' is split between two frames far apart.
SEGMENT_TABLE = 0x300
PAGE_TABLE_0 = 0x400
PAGE_TABLE_1 = 0x600
SWAPPED_PAGE = 0x1F0


def dat_source(lines):
    """The program of `lines` made to run its cases in EC mode with the T
    bit on (CR6 bit 8, CR0 pointing at the tables above, S360-67.md
    2.1-2.3). Interruption handlers store the old PSW in the record in BC
    layout (code from x'12'/x'10', ILC, CC and program mask from EC PSW
    bits 16-23, address), so that the records compare as in BC mode.
    LPSW (T off) and LMC return to BC mode before the table is punched."""
    out = []
    for line in lines:
        if line == "         MVC   PGMOLD(8),X'28'":
            out += ["         XC    PGMOLD(8),PGMOLD", "         MVC   PGMOLD+2(2),X'12'",
                    "         MVC   PGMOLD+4(1),X'2A'", "         MVC   PGMOLD+5(3),X'2D'"]
        elif line == "         MVC   PGMOLD(8),X'20'":
            out += ["         XC    PGMOLD(8),PGMOLD", "         MVC   PGMOLD+2(2),X'10'",
                    "         MVC   PGMOLD+4(1),X'22'", "         MVC   PGMOLD+5(3),X'25'"]
        elif line == "STARTRUN B     NEXT":
            out += ("""\
         LA    1,0                 PAGE TABLES: EVERY PAGE TO ITSELF
         LA    2,X'%X'
         LA    3,512
PTLOOP   STH   1,0(2)
         LA    1,16(1)
         LA    2,2(2)
         BCT   3,PTLOOP
         MVC   X'%X'(2),=X'%04X'
         MVC   X'%X'(2),=X'%04X'
         LA    1,X'%X'
         LA    2,16
STLOOP   MVC   0(4,1),=X'00000001'
         LA    1,4(1)
         BCT   2,STLOOP
         MVC   X'%X'(8),STES
         LMC   0,6,ECMODE
STARTRUN LPSW  ECGO""" % (PAGE_TABLE_0, PAGE_TABLE_0 + 2, SWAPPED_PAGE << 4, PAGE_TABLE_1 + 2 * (SWAPPED_PAGE & 0xFF),
                                0x0010, SEGMENT_TABLE, SEGMENT_TABLE)).split("\n")
        elif line == "FINISH   L     12,BASEWORD":
            # Translation off first (an EC PSW with T=0), then BC mode:
            # SIMH keeps translating after an LMC that clears CR6 alone.
            out += [line, "         LPSW  ECREAL", "FINISH2  LMC   0,6,BCMODE"]
        elif line.startswith("PGMNEW   DC") or line.startswith("SVCNEW   DC") or line.startswith("LANDPSWC DC"):
            out.append(line.replace("X'00000000'", "X'04000000'"))
        elif line == "CCW      DC    D'0'":
            out += [line, "ECGO     DC    X'04000000',A(NEXT)", "STES     DC    X'FF%06X',X'FF%06X'"
                    % (PAGE_TABLE_0, PAGE_TABLE_1),
                    "ECMODE   DC    A(X'%X'),F'0,0,0,0,0',X'00800000'" % SEGMENT_TABLE,
                    "BCMODE   DC    7F'0'", "ECREAL   DC    X'00000000',A(FINISH2)"]
        else:
            out.append(line)
    return out


class Result:
    """What one emulator punched for one case."""

    def __init__(self, record, operand_size):
        r = record
        self.regs = [int.from_bytes(r[112 + 4 * i:116 + 4 * i], "big") for i in range(16)]
        self.fprs = [int.from_bytes(r[176 + 8 * i:184 + 8 * i], "big") for i in range(4)]
        balr = int.from_bytes(r[208:212], "big")
        self.balr_word = balr
        self.cc = (balr >> 28) & 3
        self.program_mask = (balr >> 24) & 15
        self.fell_through = r[212]
        self.interruption = r[213]
        self.old_psw = r[216:224]
        self.memory = r[RECORD_FIXED:RECORD_FIXED + operand_size]

    def interruption_code(self):
        return int.from_bytes(self.old_psw[2:4], "big") if self.interruption else 0

    def old_psw_ilc(self):
        return self.old_psw[4] >> 6

    def old_psw_cc(self):
        return (self.old_psw[4] >> 4) & 3

    def old_psw_address(self):
        return int.from_bytes(self.old_psw[5:8], "big")


def decode_punch(data, ncases, operand_size):
    size = record_size(operand_size)
    need = size * ncases
    if len(data) < need:
        raise ValueError("punch output has %d bytes, %d expected" % (len(data), need))
    return [Result(data[i * size:(i + 1) * size], operand_size) for i in range(ncases)]


def next_address(case, result):
    """Where the instruction left the CPU, if no interruption: LANDING for
    a branch, or just past the slot's instruction."""
    if result.fell_through:
        return EXSLOT + instruction_length(case.instruction[0])
    return LANDING
