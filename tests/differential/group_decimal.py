"""Decimal cases: AP SP ZAP CP MP DP with valid and invalid operands
(bad digits, bad signs, the length rules of MP and DP, overflow, divide
by zero and quotient overflow), PACK UNPK MVO (some overlapping), ED and
EDMK with random patterns, CVB (including the fixed-point divide on a
value too large) and CVD.
"""

from case_builder import FIRST_OPERAND_OFFSET, Case, interesting_word, rx, ss

OPERAND_SIZE = 256
PLUS_SIGNS = [0xC, 0xC, 0xC, 0xA, 0xE, 0xF, 0xF]
MINUS_SIGNS = [0xD, 0xD, 0xD, 0xB]


def packed(rng, length, digits=None, negative=None, invalid=0.0):
    """A packed decimal field of `length` bytes. `digits`: how many
    significant digits (the rest leading zeros); `invalid`: the chance of
    putting a bad digit or a bad sign somewhere."""
    total = 2 * length - 1
    if digits is None:
        digits = rng.choice([0, 1, 2, total, total, rng.randrange(total + 1), rng.randrange(total + 1)])
    digits = max(0, min(digits, total))
    nibbles = [0] * (total - digits) + [rng.randrange(10) for _ in range(digits)]
    if 0 < digits <= total and rng.random() < 0.7:
        nibbles[total - digits] = rng.randrange(1, 10)
    if rng.random() < 0.1:
        nibbles = [rng.choice([0, 9]) for _ in nibbles]
    if negative is None:
        negative = rng.random() < 0.45
    sign = rng.choice(MINUS_SIGNS if negative else PLUS_SIGNS)
    if rng.random() < invalid:
        if rng.random() < 0.5 and total:
            nibbles[rng.randrange(total)] = rng.randrange(10, 16)
        else:
            sign = rng.randrange(10)
    nibbles.append(sign)
    return bytes((nibbles[2 * i] << 4) | nibbles[2 * i + 1] for i in range(length))


def place_two(case, l1, l2, allow_same_right=True, bad_overlap=0.0):
    """Offsets of two operands: disjoint, or now and then sharing their
    rightmost byte (the only overlap the PoO allows for AP and the like),
    or with `bad_overlap` chance overlapping some other way (a data
    exception on a 360, A22-6821-0 p.79 item 2)."""
    rng = case.rng
    if rng.random() < bad_overlap:
        a = rng.randrange(FIRST_OPERAND_OFFSET + 16, 100)
        b = a + rng.randrange(-l2 + 1, l1)
        if b + l2 == a + l1:
            b -= 1
        b = max(FIRST_OPERAND_OFFSET, b)
        case.notes.append("overlap %+d" % (b - a))
        return a, b
    if allow_same_right and rng.random() < 0.08:
        end = rng.randrange(FIRST_OPERAND_OFFSET + max(l1, l2), 120)
        case.notes.append("same rightmost byte")
        return end - l1, end - l2
    a = case.random_offset(l1, high=128)
    b = case.random_offset(l2, high=128, avoid=[(a, l1)])
    return a, b


def ss2(case, op, l1, l2, a, b):
    b1, d1 = case.base_address(case.area_address(a))
    b2, d2 = case.base_address(case.area_address(b))
    return ss(op, ((l1 - 1) << 4) | (l2 - 1), b1, d1, b2, d2)


def decimal_length(rng):
    return rng.choice([1, 2, 3, 4, 5, 8, 8, 16, rng.randrange(1, 17), rng.randrange(1, 17)])


def nines(length, negative, rng):
    """A field of all nines (the overflow edge), or minus zero."""
    total = 2 * length - 1
    nib = [9] * total + [rng.choice(MINUS_SIGNS if negative else PLUS_SIGNS)]
    return bytes((nib[2 * i] << 4) | nib[2 * i + 1] for i in range(length))


def build_add_edge(case, op):
    """Sums at the overflow edge (999 + 1, -999 - 1: the zero result of
    an overflow keeps the sign of the true sum) and minus zeros."""
    rng = case.rng
    l1 = rng.choice([1, 2, 3, 8, 16])
    l2 = rng.choice([1, l1, min(16, l1 + 1)])
    a, b = place_two(case, l1, l2, allow_same_right=False)
    negative = rng.random() < 0.5
    kind = rng.randrange(3)
    if kind == 0:
        first = nines(l1, negative, rng)
        second = packed(rng, l2, digits=1, negative=negative if op != 0xFB else not negative)
    elif kind == 1:
        first = packed(rng, l1, digits=0, negative=True)          # minus zero
        second = packed(rng, l2, digits=rng.choice([0, 1]), negative=rng.random() < 0.5)
    else:
        first = packed(rng, l1, negative=negative)
        second = nines(l2, rng.random() < 0.5, rng)
    case.put(a, first)
    case.put(b, second)
    case.notes.append("edge")
    case.instruction = ss2(case, op, l1, l2, a, b)


def build_add_family(case, op):
    rng = case.rng
    if rng.random() < 0.2:
        build_add_edge(case, op)
        return
    l1, l2 = decimal_length(rng), decimal_length(rng)
    a, b = place_two(case, l1, l2, bad_overlap=0.06)
    invalid = 0.08
    if "overlap" in " ".join(case.notes):
        case.put(FIRST_OPERAND_OFFSET, b"".join(packed(rng, 8, invalid=0.02) for _ in range(15)))
        if op == 0xF8:
            # ZAP does not check its first operand: with a valid second
            # operand only the overlap rule is at stake.
            case.put(b, packed(rng, l2))
    elif a + l1 == b + l2:
        value = packed(rng, max(l1, l2), invalid=invalid)
        case.put(min(a, b), value)
    else:
        case.put(a, packed(rng, l1, invalid=invalid if op != 0xF8 else 0.3))
        case.put(b, packed(rng, l2, invalid=invalid))
    case.instruction = ss2(case, op, l1, l2, a, b)


def build_multiply(case):
    rng = case.rng
    l2 = rng.choice([1, 2, 3, 4, 8, rng.randrange(1, 9)])
    l1 = rng.randrange(l2 + 1, 17) if l2 < 16 else 16
    kind = rng.random()
    if kind < 0.05:
        l2 = rng.randrange(9, 17)
        l1 = rng.randrange(1, 17)
        case.notes.append("L2 > 8")
    elif kind < 0.1:
        l1 = rng.randrange(1, l2 + 1)
        case.notes.append("L1 <= L2")
    a, b = place_two(case, l1, l2, allow_same_right=False)
    # The multiplicand needs L2 bytes of leading zeros (else data exception).
    room = max(0, 2 * (l1 - l2) - 1)
    digits = room if rng.random() < 0.5 else rng.randrange(room + 1)
    if rng.random() < 0.07:
        digits = room + rng.randrange(1, 3)
        case.notes.append("multiplicand too long")
    case.put(a, packed(rng, l1, digits=digits, invalid=0.04))
    case.put(b, packed(rng, l2, invalid=0.04))
    case.instruction = ss2(case, 0xFC, l1, l2, a, b)


def build_divide(case):
    rng = case.rng
    l2 = rng.choice([1, 2, 3, 4, 8, rng.randrange(1, 9)])
    l1 = rng.randrange(l2 + 1, 17) if l2 < 16 else 16
    kind = rng.random()
    if kind < 0.05:
        l2 = rng.randrange(9, 17)
        l1 = rng.randrange(1, 17)
        case.notes.append("L2 > 8")
    elif kind < 0.1:
        l1 = rng.randrange(1, l2 + 1)
        case.notes.append("L1 <= L2")
    a, b = place_two(case, l1, l2, allow_same_right=False)
    divisor = packed(rng, l2, invalid=0.04)
    if rng.random() < 0.1:
        divisor = packed(rng, l2, digits=0, invalid=0)
        case.notes.append("divide by zero")
    # Dividends whose leading digits are smaller than the divisor's give
    # a quotient that fits; others a decimal divide exception.
    case.put(a, packed(rng, l1, digits=rng.choice([2 * (l1 - l2) - 1, 2 * l1 - 1, rng.randrange(2 * l1)]),
                       invalid=0.04))
    case.put(b, divisor)
    case.instruction = ss2(case, 0xFD, l1, l2, a, b)


def zoned(rng, n):
    return bytes(rng.choice([0xF0, 0xF0, 0xC0, 0xD0, rng.randrange(16) << 4]) | rng.randrange(16)
                 if rng.random() < 0.3 else 0xF0 | rng.randrange(10) for _ in range(n))


def build_pack_family(case, mnemonic):
    rng = case.rng
    l1, l2 = rng.randrange(1, 17), rng.randrange(1, 17)
    overlap = rng.random() < 0.12
    if overlap:
        a = rng.randrange(FIRST_OPERAND_OFFSET + 16, 100)
        b = a + rng.randrange(-l2 + 1, l1)
        b = max(FIRST_OPERAND_OFFSET, b)
        case.put(FIRST_OPERAND_OFFSET, zoned(rng, 120))
        case.notes.append("overlap")
    else:
        a, b = place_two(case, l1, l2, allow_same_right=False)
        source = zoned(rng, l2) if mnemonic == "PACK" else bytes(rng.randrange(256) for _ in range(l2))
        case.put(b, source)
        case.put(a, bytes(rng.randrange(256) for _ in range(l1)))
    op = {"PACK": 0xF2, "UNPK": 0xF3, "MVO": 0xF1}[mnemonic]
    case.instruction = ss2(case, op, l1, l2, a, b)


def edit_pattern(rng, n):
    pattern = [rng.choice([0x40, 0x5C, 0x00, 0xF0])]
    for _ in range(n - 1):
        r = rng.random()
        if r < 0.55:
            pattern.append(0x20)
        elif r < 0.65:
            pattern.append(0x21)
        elif r < 0.72:
            pattern.append(0x22)
        else:
            pattern.append(rng.choice([0x4B, 0x6B, 0xC3, 0xD9, 0x60, 0x40, rng.randrange(256)]))
    if rng.random() < 0.2:
        pattern[0] = rng.choice([0x20, 0x21, 0x22])
    return bytes(pattern)


def build_edit(case, mnemonic):
    rng = case.rng
    n = rng.choice([1, 2, 4, 6, 8, 12, 16, 20, rng.randrange(1, 40)])
    pattern = edit_pattern(rng, n)
    digits_needed = sum(1 for p in pattern if p in (0x20, 0x21))
    source_length = max(1, (digits_needed + 2) // 2 + rng.randrange(2))
    # The source: packed numbers one after another (a field separator in
    # the pattern starts the next), sometimes a bad digit.
    source = bytearray()
    while len(source) < source_length:
        source += packed(rng, rng.randrange(1, 6), invalid=0.05)
    source = bytes(source[:source_length])
    if rng.random() < 0.3:
        source = bytes(rng.randrange(256) if rng.random() < 0.1 else (rng.randrange(10) << 4 | rng.randrange(10))
                       for _ in range(source_length))
    a = case.random_offset(n, high=OPERAND_SIZE)
    b = case.random_offset(source_length, high=OPERAND_SIZE, avoid=[(a, n)])
    case.put(a, pattern)
    case.put(b, source)
    if mnemonic == "EDMK" and case.regs[1] is None:
        case.set_reg(1, rng.randrange(1 << 32))
    b1, d1 = case.base_address(case.area_address(a), exclude=(1,) if mnemonic == "EDMK" else ())
    b2, d2 = case.base_address(case.area_address(b), exclude=(1,) if mnemonic == "EDMK" else ())
    case.instruction = ss(0xDE if mnemonic == "ED" else 0xDF, n - 1, b1, d1, b2, d2)


def build_convert(case, mnemonic):
    rng = case.rng
    r1 = rng.randrange(16)
    offset = case.random_offset(8, 8)
    if mnemonic == "CVB":
        digits = rng.choice([1, 5, 9, 10, 10, 11, 15, rng.randrange(16)])
        value = packed(rng, 8, digits=digits, invalid=0.1)
        if rng.random() < 0.2:
            # Near the 32-bit limits: 2147483647 and 2147483648.
            magnitude = rng.choice([2147483647, 2147483648, 2147483649, 2147483646])
            negative = rng.random() < 0.5
            text = "%015d" % magnitude
            nib = [int(ch) for ch in text] + [rng.choice(MINUS_SIGNS if negative else PLUS_SIGNS)]
            value = bytes((nib[2 * i] << 4) | nib[2 * i + 1] for i in range(8))
        case.put(offset, value)
    else:
        case.put(offset, bytes(rng.randrange(256) for _ in range(8)))
    x, b, d = case.address(case.area_address(offset))
    if case.regs[r1] is None:
        case.set_reg(r1, interesting_word(rng))
    case.instruction = rx(0x4F if mnemonic == "CVB" else 0x4E, r1, x, b, d)


MNEMONICS = ["AP", "AP", "SP", "SP", "ZAP", "ZAP", "CP", "CP", "MP", "MP", "DP", "DP", "PACK", "UNPK", "MVO",
             "ED", "ED", "EDMK", "EDMK", "CVB", "CVB", "CVD"]


def build(case_number, rng, mnemonic=None):
    mnemonic = mnemonic or rng.choice(MNEMONICS)
    case = Case("decimal", mnemonic, OPERAND_SIZE, rng)
    if mnemonic in ("AP", "SP", "ZAP", "CP"):
        build_add_family(case, {"AP": 0xFA, "SP": 0xFB, "ZAP": 0xF8, "CP": 0xF9}[mnemonic])
    elif mnemonic == "MP":
        build_multiply(case)
    elif mnemonic == "DP":
        build_divide(case)
    elif mnemonic in ("PACK", "UNPK", "MVO"):
        build_pack_family(case, mnemonic)
    elif mnemonic in ("ED", "EDMK"):
        build_edit(case, mnemonic)
    elif mnemonic in ("CVB", "CVD"):
        build_convert(case, mnemonic)
    else:
        raise ValueError(mnemonic)
    return case
