"""Fixed-point cases: loads and stores, signed and logical add, subtract
and compare, multiply, divide (with the divide exception), load address,
load/store multiple, the eight shifts, SPM. Overflow cases appear with
the fixed-point overflow mask both on and off (the program mask is random).
"""

from case_builder import (Case, MASK32, interesting_half, interesting_word, half_bytes, rr, rs, rx,
                          word_bytes)

OPERAND_SIZE = 128

RR_OPS = {
    "LPR": 0x10, "LNR": 0x11, "LTR": 0x12, "LCR": 0x13, "NR": 0x14, "CLR": 0x15, "OR": 0x16,
    "XR": 0x17, "LR": 0x18, "CR": 0x19, "AR": 0x1A, "SR": 0x1B, "ALR": 0x1E, "SLR": 0x1F,
}
RX_WORD_OPS = {
    "N": 0x54, "CL": 0x55, "O": 0x56, "X": 0x57, "L": 0x58, "C": 0x59, "A": 0x5A, "S": 0x5B,
    "AL": 0x5E, "SL": 0x5F,
}
RX_HALF_OPS = {"LH": 0x48, "CH": 0x49, "AH": 0x4A, "SH": 0x4B, "MH": 0x4C}
SHIFT_SINGLE = {"SRL": 0x88, "SLL": 0x89, "SRA": 0x8A, "SLA": 0x8B}
SHIFT_DOUBLE = {"SRDL": 0x8C, "SLDL": 0x8D, "SRDA": 0x8E, "SLDA": 0x8F}

MNEMONICS = (list(RR_OPS) + list(RX_WORD_OPS) + list(RX_HALF_OPS) + list(SHIFT_SINGLE) +
             list(SHIFT_DOUBLE) + ["MR", "M", "DR", "D", "ST", "STH", "LA", "IC", "STC", "LM", "STM",
                                   "SPM"])


def near_pair(rng):
    """Two operands whose sum or difference lands near the overflow edge."""
    a = rng.choice([0x7FFFFFFF, 0x80000000, 0x40000000, 0xC0000000, rng.randrange(1 << 32)])
    b = rng.choice([1, 0xFFFFFFFF, a, (-a) & MASK32, (0x7FFFFFFF - a) & MASK32,
                    (0x80000000 - a) & MASK32, rng.randrange(1 << 32)])
    return a, b


def operand_values(rng):
    return near_pair(rng) if rng.random() < 0.35 else (interesting_word(rng), interesting_word(rng))


def even_odd_register(case, odd_chance=0.08):
    """R1 of a pair instruction: even, or now and then odd (specification)."""
    r1 = case.rng.randrange(0, 16, 2)
    if case.rng.random() < odd_chance:
        r1 += 1
        case.notes.append("odd R1")
    return r1


def build_rr(case, op):
    rng = case.rng
    r1, r2 = rng.randrange(16), rng.randrange(16)
    a, b = operand_values(rng)
    case.set_reg(r1, a)
    if r2 != r1:
        case.set_reg(r2, b)
    case.instruction = rr(op, r1, r2)


def build_rx_word(case, op, aligned=True):
    rng = case.rng
    r1 = rng.randrange(16)
    a, b = operand_values(rng)
    offset = case.random_offset(4, 4 if aligned else 1)
    if not aligned and offset % 4 == 0:
        offset += rng.randrange(1, 4)
    case.put(offset, word_bytes(b))
    x, base, d = case.address(case.area_address(offset))
    if case.regs[r1] is None:
        case.set_reg(r1, a)
    case.instruction = rx(op, r1, x, base, d)
    return offset


def build_rx_half(case, op, aligned=True):
    rng = case.rng
    r1 = rng.randrange(16)
    offset = case.random_offset(2, 2 if aligned else 1)
    if not aligned and offset % 2 == 0:
        offset += 1
    case.put(offset, half_bytes(interesting_half(rng)))
    x, base, d = case.address(case.area_address(offset))
    if case.regs[r1] is None:
        case.set_reg(r1, interesting_word(rng))
    case.instruction = rx(op, r1, x, base, d)


def divide_operands(rng):
    """A dividend (two words) and a divisor for D/DR: ordinary, zero
    divisor, and quotients at and just past the 32-bit limits."""
    kind = rng.randrange(6)
    divisor = interesting_word(rng)
    if kind == 0:
        divisor = 0
    signed_divisor = divisor - (1 << 32) if divisor & 0x80000000 else divisor
    if kind in (1, 2) and signed_divisor != 0:
        quotient = rng.choice([0x7FFFFFFF, -0x80000000, 0x80000000, -0x80000001])
        remainder = rng.randrange(abs(signed_divisor)) if rng.random() < 0.5 else 0
        if quotient < 0:
            remainder = -remainder
        dividend = quotient * signed_divisor + remainder
    elif kind == 3:
        dividend = rng.randrange(-(1 << 31), 1 << 31)
    else:
        dividend = rng.randrange(-(1 << 63), 1 << 63)
    dividend &= (1 << 64) - 1
    return dividend >> 32, dividend & MASK32, divisor


def build_multiply_divide(case, mnemonic):
    rng = case.rng
    r1 = even_odd_register(case)
    high, low, other = divide_operands(rng) if mnemonic in ("D", "DR") else \
        (interesting_word(rng), interesting_word(rng), interesting_word(rng))
    case.set_reg(r1, high)
    if r1 + 1 < 16 and r1 % 2 == 0:
        case.set_reg(r1 + 1, low)
    if mnemonic in ("MR", "DR"):
        r2 = rng.randrange(16)
        if case.regs[r2] is None:
            case.set_reg(r2, other)
        case.instruction = rr(0x1C if mnemonic == "MR" else 0x1D, r1, r2)
    else:
        offset = case.random_offset(4, 4)
        case.put(offset, word_bytes(other))
        if r1 % 2 == 0 and rng.random() < 0.15:
            # The pair's odd register as the base: the address is formed
            # from its value before the instruction replaces it.
            base, x, d = r1 + 1, 0, rng.randrange(0x100)
            case.set_reg(base, (case.area_address(offset) - d) & 0xFFFFFF)
            case.notes.append("base in pair")
        else:
            x, base, d = case.address(case.area_address(offset))
        case.instruction = rx(0x5C if mnemonic == "M" else 0x5D, r1, x, base, d)


def shift_amount_operand(case):
    """D2(B2) for a shift: the amount is the address's low six bits."""
    rng = case.rng
    amount = rng.choice([0, 1, 31, 32, 33, 63, rng.randrange(64), rng.randrange(64)])
    if rng.random() < 0.5:
        return 0, (rng.randrange(64) << 6 | amount) & 0xFFF
    free = case.free_registers()
    b = rng.choice(free)
    d = rng.randrange(0x1000)
    case.set_reg(b, (rng.randrange(1 << 32) & ~0x3F) | ((amount - d) & 0x3F))
    return b, d


def build_shift(case, mnemonic):
    rng = case.rng
    if mnemonic in SHIFT_DOUBLE:
        r1 = even_odd_register(case)
        case.set_reg(r1, interesting_word(rng))
        if r1 % 2 == 0:
            case.set_reg(r1 + 1, interesting_word(rng))
        op = SHIFT_DOUBLE[mnemonic]
    else:
        r1 = rng.randrange(16)
        case.set_reg(r1, interesting_word(rng))
        op = SHIFT_SINGLE[mnemonic]
    b, d = shift_amount_operand(case)
    case.instruction = rs(op, r1, rng.randrange(16), b, d)


def build_multiple(case, mnemonic):
    rng = case.rng
    r1, r3 = rng.randrange(16), rng.randrange(16)
    count = ((r3 - r1) & 15) + 1
    offset = case.random_offset(4 * count, 4)
    case.put(offset, bytes(rng.randrange(256) for _ in range(4 * count)))
    b, d = case.base_address(case.area_address(offset))
    for r in range(16):
        if case.regs[r] is None and rng.random() < 0.5:
            case.set_reg(r, interesting_word(rng))
    case.instruction = rs(0x98 if mnemonic == "LM" else 0x90, r1, r3, b, d)


def build(case_number, rng, mnemonic=None):
    mnemonic = mnemonic or rng.choice(MNEMONICS)
    case = Case("fixed", mnemonic, OPERAND_SIZE, rng)
    if mnemonic in RR_OPS:
        build_rr(case, RR_OPS[mnemonic])
    elif mnemonic in RX_WORD_OPS:
        build_rx_word(case, RX_WORD_OPS[mnemonic])
    elif mnemonic in RX_HALF_OPS:
        build_rx_half(case, RX_HALF_OPS[mnemonic])
    elif mnemonic in ("MR", "M", "DR", "D"):
        build_multiply_divide(case, mnemonic)
    elif mnemonic in SHIFT_SINGLE or mnemonic in SHIFT_DOUBLE:
        build_shift(case, mnemonic)
    elif mnemonic in ("LM", "STM"):
        build_multiple(case, mnemonic)
    elif mnemonic == "ST":
        build_rx_word(case, 0x50)
    elif mnemonic == "STH":
        build_rx_half(case, 0x40)
    elif mnemonic in ("IC", "STC"):
        r1 = rng.randrange(16)
        offset = case.random_offset(1)
        case.put(offset, bytes([rng.randrange(256)]))
        x, b, d = case.address(case.area_address(offset))
        if case.regs[r1] is None:
            case.set_reg(r1, interesting_word(rng))
        case.instruction = rx(0x43 if mnemonic == "IC" else 0x42, r1, x, b, d)
    elif mnemonic == "LA":
        r1 = rng.randrange(16)
        x, b, d = rng.randrange(16), rng.randrange(16), rng.randrange(0x1000)
        for r in (x, b):
            if r and case.regs[r] is None:
                case.set_reg(r, interesting_word(rng))
        case.instruction = rx(0x41, r1, x, b, d)
    elif mnemonic == "SPM":
        r1 = rng.randrange(16)
        case.set_reg(r1, rng.randrange(1 << 32))
        case.instruction = rr(0x04, r1, rng.randrange(16))
    else:
        raise ValueError(mnemonic)
    return case
