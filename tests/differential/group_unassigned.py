"""Opcodes a 360/67 does not have: the unassigned ones of S/360 and the
System/370 additions (MVCL, CLCL, ICM, STCM, CLM, SRP, CS, CDS, the
extended-precision floating point of the Model 85...). Each is an
operation exception on a 67 (A22-6821-0 p.62, 'Operation: The operation
code is not assigned'), with the ILC from the opcode's first two bits.
Hercules runs S/370 and would execute many of them, so only SIMH (a
360/67) is the oracle here.
"""

from case_builder import Case, interesting_word

OPERAND_SIZE = 64

ASSIGNED = set([0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0D] + list(range(0x10, 0x25)) + list(range(0x28, 0x35)) +
               list(range(0x38, 0x51)) + list(range(0x54, 0x61)) + list(range(0x68, 0x71)) +
               list(range(0x78, 0x81)) + list(range(0x82, 0x99)) + [0x9C, 0x9D, 0x9E, 0x9F, 0xB0, 0xB1, 0xB8] +
               list(range(0xD1, 0xD8)) + [0xDC, 0xDD, 0xDE, 0xDF, 0xF1, 0xF2, 0xF3] + list(range(0xF8, 0xFE)))
# 84/85 (WRD/RDD) belong to the optional direct control feature.
UNASSIGNED = [op for op in range(256) if op not in ASSIGNED and op not in (0x84, 0x85)]
MNEMONICS = ["unassigned"]


def build(case_number, rng, mnemonic=None):
    case = Case("unassigned", "op%02X" % 0, OPERAND_SIZE, rng)
    case.architecture = "360"
    op = rng.choice(UNASSIGNED)
    case.mnemonic = "op%02X" % op
    length = (2, 4, 4, 6)[op >> 6]
    case.instruction = bytes([op] + [rng.randrange(256) for _ in range(length - 1)])
    for r in range(16):
        if rng.random() < 0.5:
            case.set_reg(r, interesting_word(rng))
    return case
