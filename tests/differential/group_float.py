"""Floating-point cases, short and long: loads (LER..LNDR, LE, LD, STE,
STD), halve, add and subtract normalized and unnormalized, compare,
multiply, divide. Operands: normalized, unnormalized, zero fractions with
any characteristic, true zeros of both signs, characteristics near both
ends (overflow, underflow), and near-cancelling pairs; the program mask
(exponent underflow and significance) is random. Now and then an odd
floating-point register number (specification exception).
"""

from case_builder import Case, rr, rx

OPERAND_SIZE = 128

RR_OPS = {
    "LPDR": 0x20, "LNDR": 0x21, "LTDR": 0x22, "LCDR": 0x23, "HDR": 0x24, "LDR": 0x28, "CDR": 0x29,
    "ADR": 0x2A, "SDR": 0x2B, "MDR": 0x2C, "DDR": 0x2D, "AWR": 0x2E, "SWR": 0x2F,
    "LPER": 0x30, "LNER": 0x31, "LTER": 0x32, "LCER": 0x33, "HER": 0x34, "LER": 0x38, "CER": 0x39,
    "AER": 0x3A, "SER": 0x3B, "MER": 0x3C, "DER": 0x3D, "AUR": 0x3E, "SUR": 0x3F,
}
RX_OPS = {
    "STD": 0x60, "LD": 0x68, "CD": 0x69, "AD": 0x6A, "SD": 0x6B, "MD": 0x6C, "DD": 0x6D, "AW": 0x6E,
    "SW": 0x6F, "STE": 0x70, "LE": 0x78, "CE": 0x79, "AE": 0x7A, "SE": 0x7B, "ME": 0x7C, "DE": 0x7D,
    "AU": 0x7E, "SU": 0x7F,
}
ARITHMETIC = {"AD", "SD", "AW", "SW", "AE", "SE", "AU", "SU", "ADR", "SDR", "AWR", "SWR", "AER", "SER",
              "AUR", "SUR", "MD", "ME", "MDR", "MER", "DD", "DE", "DDR", "DER", "CD", "CE", "CDR", "CER"}
MNEMONICS = list(RR_OPS) + list(RX_OPS) + sorted(ARITHMETIC)   # arithmetic twice as often


def is_long(mnemonic):
    op = RR_OPS.get(mnemonic, RX_OPS.get(mnemonic))
    return (op & 0x10) == 0


def random_float(rng, long):
    """A 64-bit register image (a short value keeps random low bits, which
    short instructions must leave alone or ignore as the PoO says)."""
    sign = rng.randrange(2) << 63
    kind = rng.random()
    if kind < 0.08:
        return sign | (rng.randrange(1 << 32) if rng.random() < 0.3 else 0)        # true zero (short)
    if kind < 0.2:
        characteristic = rng.choice([0, 1, 2, 0x7F, 0x7E, 0x7D, 3])
    elif kind < 0.3:
        characteristic = rng.randrange(0x3C, 0x45)
    else:
        characteristic = rng.randrange(128)
    fraction = rng.randrange(1 << 56)
    shape = rng.random()
    if shape < 0.15:
        fraction = 0                                        # zero fraction
    elif shape < 0.35:
        fraction >>= 4 * rng.randrange(1, 14)               # unnormalized
    elif shape < 0.45:
        fraction = (0xF << 52) | (rng.randrange(1 << 52) if rng.random() < 0.5 else 0)
    elif shape < 0.55:
        fraction = (1 << 52) | (rng.randrange(16) if rng.random() < 0.5 else 0)
    elif fraction >> 52 == 0:
        fraction |= rng.randrange(1, 16) << 52              # normalized
    return sign | (characteristic << 56) | fraction


def near(rng, value):
    """A second operand close to `value`: same or near characteristic,
    fraction differing in the last digits (cancellation)."""
    sign = (value >> 63) ^ rng.randrange(2)
    characteristic = ((value >> 56) & 0x7F) + rng.choice([0, 0, 0, 1, -1, 2, -2, 14, -14])
    characteristic &= 0x7F
    fraction = (value & ((1 << 56) - 1)) + rng.randrange(-16, 17) * rng.choice([1, 1 << 32])
    fraction &= (1 << 56) - 1
    return (sign << 63) | (characteristic << 56) | fraction


def fpr_number(case):
    if case.rng.random() < 0.04:
        case.notes.append("invalid FPR")
        return case.rng.choice([1, 3, 5, 7, 8, 10, 12, 14, 9, 15])
    return case.rng.choice([0, 2, 4, 6])


def build(case_number, rng, mnemonic=None):
    mnemonic = mnemonic or rng.choice(MNEMONICS)
    case = Case("float", mnemonic, OPERAND_SIZE, rng)
    long = is_long(mnemonic)
    first = random_float(rng, long)
    roll = rng.random()
    if roll < 0.1:
        # Exact cancellation: a zero intermediate fraction (significance,
        # the sign and characteristic of a zero result).
        second = first ^ ((1 << 63) if mnemonic in ARITHMETIC and "S" not in mnemonic[:1] else 0)
    elif roll < 0.4:
        second = near(rng, first)
    else:
        second = random_float(rng, long)
    for i in range(4):
        case.fprs[i] = random_float(rng, long)
    r1 = fpr_number(case)
    if r1 in (0, 2, 4, 6):
        case.fprs[r1 // 2] = first
    if mnemonic in RR_OPS:
        r2 = fpr_number(case)
        if r2 in (0, 2, 4, 6) and r2 != r1:
            case.fprs[r2 // 2] = second
        case.instruction = rr(RR_OPS[mnemonic], r1, r2)
    else:
        width = 8 if long else 4
        offset = case.random_offset(width, width)
        image = second.to_bytes(8, "big")[:width]
        case.put(offset, image)
        x, b, d = case.address(case.area_address(offset))
        case.instruction = rx(RX_OPS[mnemonic], r1, x, b, d)
    return case
