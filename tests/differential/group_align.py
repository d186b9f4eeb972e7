"""Operand alignment: the 360 rule that halfword, word and doubleword
operands sit on their boundary, else a specification exception
(A22-6821-0 p.79, item 1). System/370 dropped it for most instructions
(byte-oriented operands), so Hercules performs these; SIMH, a 360/67,
is the oracle. Every case here has a misaligned operand, plus a few
aligned controls, and branches to odd addresses (a specification
exception on both).
"""

from case_builder import Case, interesting_word, rs, rx
import program

OPERAND_SIZE = 128

# mnemonic: (opcode, operand width)
RX_OPS = {
    "L": (0x58, 4), "ST": (0x50, 4), "A": (0x5A, 4), "S": (0x5B, 4), "C": (0x59, 4), "N": (0x54, 4),
    "O": (0x56, 4), "X": (0x57, 4), "CL": (0x55, 4), "AL": (0x5E, 4), "SL": (0x5F, 4), "M": (0x5C, 4),
    "D": (0x5D, 4), "LH": (0x48, 2), "STH": (0x40, 2), "AH": (0x4A, 2), "SH": (0x4B, 2), "CH": (0x49, 2),
    "MH": (0x4C, 2), "CVB": (0x4F, 8), "CVD": (0x4E, 8), "LE": (0x78, 4), "STE": (0x70, 4), "AE": (0x7A, 4),
    "CE": (0x79, 4), "ME": (0x7C, 4), "LD": (0x68, 8), "STD": (0x60, 8), "AD": (0x6A, 8), "CD": (0x69, 8),
    "DD": (0x6D, 8), "EX": (0x44, 2),
}
RS_OPS = {"LM": (0x98, 4), "STM": (0x90, 4)}
MNEMONICS = list(RX_OPS) + list(RS_OPS) + ["BC-odd", "BCR-odd"]


def build(case_number, rng, mnemonic=None):
    mnemonic = mnemonic or rng.choice(MNEMONICS)
    case = Case("align", mnemonic, OPERAND_SIZE, rng)
    case.architecture = "360"
    if mnemonic in ("BC-odd", "BCR-odd"):
        target = program.LANDING + 1
        if mnemonic == "BC-odd":
            x, b, d = case.address(target)
            case.instruction = rx(0x47, rng.choice([15, 15, 8, 7]), x, b, d)
        else:
            r2 = rng.choice(case.free_registers())
            case.set_reg(r2, target)
            case.instruction = bytes([0x07, 0xF0 | r2])
        return case
    op, width = RX_OPS.get(mnemonic) or RS_OPS[mnemonic]
    aligned = rng.random() < 0.15
    offset = case.random_offset(width + 8, 8, low=16, high=112)
    if not aligned:
        offset += rng.randrange(1, width) if width > 1 else 0
    else:
        case.notes.append("aligned control")
    case.put(offset, bytes(rng.randrange(256) for _ in range(width)))
    if mnemonic == "CVB":
        case.put(offset, bytes.fromhex("000000000012345C"))
    if mnemonic in ("D", "M"):
        r1 = rng.randrange(0, 16, 2)
        case.set_reg(r1, rng.randrange(256))
        case.set_reg(r1 + 1, interesting_word(rng))
    elif mnemonic in ("LE", "STE", "AE", "CE", "ME", "LD", "STD", "AD", "CD", "DD"):
        r1 = rng.choice([0, 2, 4, 6])
        for i in range(4):
            case.fprs[i] = 0x4110000000000000 | rng.randrange(1 << 52)
    else:
        r1 = rng.randrange(16)
    if mnemonic == "EX":
        case.put(offset, bytes.fromhex("1A00"))          # AR 0,0 as the target
        r1 = 0
    if mnemonic in RS_OPS:
        r3 = (r1 + rng.randrange(3)) & 15
        b, d = case.base_address(case.area_address(offset))
        case.instruction = rs(op, r1, r3, b, d)
    else:
        x, b, d = case.address(case.area_address(offset))
        case.instruction = rx(op, r1, x, b, d)
    for r in range(16):
        if case.regs[r] is None and rng.random() < 0.5:
            case.set_reg(r, interesting_word(rng))
    return case
