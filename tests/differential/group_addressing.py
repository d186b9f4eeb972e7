"""The end of storage: operands that lie just below it, straddle it or
lie past it (2M of storage on all three emulators), so an addressing
exception, and what the instruction did before it (A22-6821-0 p.79:
addressing is 'suppress/terminate'). The last 256 bytes of storage are
recorded as a second area. Also EX of a subject past the end, and
branches there (the exception comes with the next instruction fetch).
"""

from case_builder import HIGH_AREA, STORAGE_SIZE, Case, interesting_word, rr, rs, rx, si, ss
import group_decimal

OPERAND_SIZE = 64
HIGH_SIZE = 256

SS_OPS = {"MVC": 0xD2, "CLC": 0xD5, "NC": 0xD4, "OC": 0xD6, "XC": 0xD7, "MVN": 0xD1, "MVZ": 0xD3, "TR": 0xDC,
          "TRT": 0xDD, "ED": 0xDE}
DECIMAL_OPS = {"AP": 0xFA, "ZAP": 0xF8, "CP": 0xF9, "PACK": 0xF2, "UNPK": 0xF3, "MVO": 0xF1}
RX_OPS = {"L": (0x58, 4), "ST": (0x50, 4), "A": (0x5A, 4), "IC": (0x43, 1), "STC": (0x42, 1), "LH": (0x48, 2),
          "STH": (0x40, 2), "LD": (0x68, 8), "STD": (0x60, 8), "CVB": (0x4F, 8), "CVD": (0x4E, 8),
          "LE": (0x78, 4)}
SI_OPS = {"MVI": 0x92, "CLI": 0x95, "TS": 0x93, "NI": 0x94}
MNEMONICS = list(SS_OPS) + list(DECIMAL_OPS) + list(RX_OPS) + list(SI_OPS) + ["LM", "STM", "EX", "BC", "BCR"]


def high_offset(case, address):
    """The index in case.memory of a real address in the high area."""
    return case.operand_size + address - HIGH_AREA


def near_end(rng, length, alignment=1):
    """An address for `length` bytes: inside and ending at the last byte,
    straddling the end, or wholly past it."""
    kind = rng.random()
    if kind < 0.25:
        start = STORAGE_SIZE - length - rng.randrange(0, 16)
    elif kind < 0.85:
        start = STORAGE_SIZE - rng.randrange(1, max(2, length))
    else:
        start = STORAGE_SIZE + rng.randrange(0, 64)
    start -= start % alignment
    return max(start, HIGH_AREA)


def build(case_number, rng, mnemonic=None):
    mnemonic = mnemonic or rng.choice(MNEMONICS)
    case = Case("addressing", mnemonic, OPERAND_SIZE, rng, HIGH_SIZE)
    case.put(case.operand_size, bytes(rng.randrange(256) for _ in range(HIGH_SIZE)))
    if mnemonic in SS_OPS:
        n = rng.choice([1, 2, 8, 16, 64, 200, 256, rng.randrange(1, 257)])
        far = near_end(rng, n)
        if mnemonic == "ED":
            case.put(high_offset(case, HIGH_AREA), group_decimal.edit_pattern(rng, 64))
        source = HIGH_AREA + rng.randrange(0, 64)
        first, second = (far, source) if rng.random() < 0.6 else (source, far)
        if mnemonic in ("TR", "TRT"):
            first, second = source, far          # the table past the end
            n = min(n, 64)
        b1, d1 = case.base_address(first)
        b2, d2 = case.base_address(second)
        case.instruction = ss(SS_OPS[mnemonic], n - 1, b1, d1, b2, d2)
    elif mnemonic in DECIMAL_OPS:
        l1, l2 = rng.randrange(1, 17), rng.randrange(1, 17)
        far = near_end(rng, l1 if rng.random() < 0.5 else l2)
        near = HIGH_AREA + rng.randrange(0, 96)
        case.put(high_offset(case, near), group_decimal.packed(rng, 16))
        if far + 16 <= STORAGE_SIZE:
            case.put(high_offset(case, far), group_decimal.packed(rng, min(16, STORAGE_SIZE - far)))
        first, second = (far, near) if rng.random() < 0.5 else (near, far)
        b1, d1 = case.base_address(first)
        b2, d2 = case.base_address(second)
        case.instruction = ss(DECIMAL_OPS[mnemonic], ((l1 - 1) << 4) | (l2 - 1), b1, d1, b2, d2)
    elif mnemonic in RX_OPS:
        op, width = RX_OPS[mnemonic]
        r1 = rng.choice([0, 2, 4, 6]) if mnemonic in ("LD", "STD", "LE") else rng.randrange(16)
        address = near_end(rng, width, width)
        if mnemonic == "CVB" and address + 8 <= STORAGE_SIZE:
            case.put(high_offset(case, address), bytes.fromhex("000000000054321D"))
        x, b, d = case.address(address)
        if case.regs[r1] is None:
            case.set_reg(r1, interesting_word(rng))
        case.instruction = rx(op, r1, x, b, d)
    elif mnemonic in SI_OPS:
        address = near_end(rng, 1)
        b, d = case.base_address(address)
        case.instruction = si(SI_OPS[mnemonic], rng.randrange(256), b, d)
    elif mnemonic in ("LM", "STM"):
        r1, r3 = rng.randrange(16), rng.randrange(16)
        count = ((r3 - r1) & 15) + 1
        address = near_end(rng, 4 * count, 4)
        b, d = case.base_address(address)
        for r in range(16):
            if case.regs[r] is None and rng.random() < 0.5:
                case.set_reg(r, interesting_word(rng))
        case.instruction = rs(0x98 if mnemonic == "LM" else 0x90, r1, r3, b, d)
    elif mnemonic == "EX":
        address = STORAGE_SIZE - rng.choice([2, 4]) if rng.random() < 0.5 else STORAGE_SIZE + 2 * rng.randrange(8)
        if address < STORAGE_SIZE:
            # A 4- or 6-byte subject whose tail is past the end.
            case.put(high_offset(case, address), bytes([rng.choice([0x58, 0xD2, 0x41]), 0x00]))
        x, b, d = case.address(address)
        case.instruction = rx(0x44, 0, x, b, d)
    else:
        # A branch past the end: the exception comes with the fetch.
        target = STORAGE_SIZE + 2 * rng.randrange(0, 32)
        if mnemonic == "BC":
            x, b, d = case.address(target)
            case.instruction = rx(0x47, 15, x, b, d)
        else:
            r2 = rng.choice(case.free_registers())
            case.set_reg(r2, target)
            case.instruction = rr(0x07, 15, r2)
    return case
