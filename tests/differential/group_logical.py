"""Logical cases: the storage-to-storage moves and connectives (MVC MVN
MVZ NC OC XC CLC, with overlapping operands), TR and TRT, the SI group
(MVI TM NI OI XI CLI TS), the logical compares and connectives with a
register (CL CLR N O X NR OR XR), IC and STC.

Operand area: two 256-byte fields (offsets 8 and 264; overlapping cases
put both in the first 512 bytes) and a 256-byte translate table at 520.
"""

from case_builder import Case, interesting_word, rr, rx, si, ss, word_bytes

OPERAND_SIZE = 776
FIELD_A = 8
FIELD_B = 264
TABLE = 520

SS_OPS = {"MVN": 0xD1, "MVC": 0xD2, "MVZ": 0xD3, "NC": 0xD4, "CLC": 0xD5, "OC": 0xD6, "XC": 0xD7}
SI_OPS = {"TM": 0x91, "MVI": 0x92, "TS": 0x93, "NI": 0x94, "CLI": 0x95, "OI": 0x96, "XI": 0x97}
RR_OPS = {"NR": 0x14, "CLR": 0x15, "OR": 0x16, "XR": 0x17}
RX_OPS = {"N": 0x54, "CL": 0x55, "O": 0x56, "X": 0x57}
MNEMONICS = (list(SS_OPS) * 3 + ["TR", "TR", "TRT", "TRT", "TRT"] + list(SI_OPS) + list(RR_OPS) +
             list(RX_OPS) + ["IC", "STC"])


def random_bytes(rng, n, style=None):
    style = style or rng.choice(["random", "random", "few", "equal", "zones"])
    if style == "random":
        return bytes(rng.randrange(256) for _ in range(n))
    if style == "few":
        return bytes(rng.choice([0x00, 0xFF, 0x0F, 0xF0, 0x40, 0xC1]) for _ in range(n))
    if style == "zones":
        return bytes(rng.choice([0xF0, 0xC0, 0xD0]) | rng.randrange(10) for _ in range(n))
    value = rng.randrange(256)
    return bytes([value]) * n


def length_code(rng):
    """The SS length code (length - 1): short, long, and the edges."""
    return rng.choice([0, 0, 1, 2, 3, 7, 15, 255, 254, 127, 128, rng.randrange(256), rng.randrange(16)])


def build_ss(case, mnemonic):
    rng = case.rng
    l_code = length_code(rng)
    n = l_code + 1
    overlap = rng.random() < 0.3
    if overlap:
        # The second operand starts a little before or after the first,
        # so one destroys the other as the move goes left to right.
        a = rng.randrange(FIELD_A, FIELD_A + 200)
        b = a + rng.choice([1, -1, 2, -2, 3, 7, -7, 8, 0, rng.randrange(-8, 9)])
        b = max(FIELD_A, min(b, TABLE - n))
        a = max(FIELD_A, min(a, TABLE - n))
        case.put(FIELD_A, random_bytes(rng, TABLE - FIELD_A))
        case.notes.append("overlap %+d" % (b - a))
    else:
        a = rng.randrange(FIELD_A, FIELD_B - n + 1) if n <= FIELD_B - FIELD_A else FIELD_A
        b = rng.randrange(FIELD_B, TABLE - n + 1) if n <= TABLE - FIELD_B else FIELD_B
        if rng.random() < 0.5:
            a, b = b, a
        first = random_bytes(rng, n)
        second = bytearray(first) if mnemonic == "CLC" and rng.random() < 0.5 else bytearray(random_bytes(rng, n))
        if mnemonic == "CLC" and rng.random() < 0.5 and n > 1:
            second[rng.randrange(n)] = rng.randrange(256)
        case.put(a, first)
        case.put(b, bytes(second))
    b1, d1 = case.base_address(case.area_address(a))
    b2, d2 = case.base_address(case.area_address(b))
    case.instruction = ss(SS_OPS[mnemonic], l_code, b1, d1, b2, d2)


def build_translate(case, mnemonic):
    """The table sits anywhere (often across the 2K block boundary that
    the operand area straddles); for TR the first operand sometimes
    overlaps the table, so that later bytes are translated through
    already translated ones (the PoO processes left to right)."""
    rng = case.rng
    l_code = length_code(rng)
    n = l_code + 1
    table_at = rng.choice([TABLE, FIELD_A + rng.randrange(0, 0x100), rng.randrange(FIELD_A, TABLE + 1)])
    case.put(FIELD_A, random_bytes(rng, OPERAND_SIZE - FIELD_A, "random"))
    if mnemonic == "TR" and rng.random() < 0.2:
        a = max(FIELD_A, min(table_at + rng.randrange(-n, 256), OPERAND_SIZE - n))
        case.notes.append("overlaps table")
    else:
        spaces = [start for start in range(FIELD_A, OPERAND_SIZE - n + 1)
                  if start + n <= table_at or start >= table_at + 256]
        a = rng.choice(spaces) if spaces else FIELD_A
        if not spaces:
            table_at = OPERAND_SIZE - 256
            a = FIELD_A
    if mnemonic == "TR":
        table = bytes(rng.randrange(256) for _ in range(256))
    else:
        # Mostly zero function bytes, so that TRT scans some way.
        density = rng.choice([0.0, 0.01, 0.05, 0.3, 1.0])
        table = bytes(rng.randrange(1, 256) if rng.random() < density else 0 for _ in range(256))
    case.put(table_at, table)
    if mnemonic == "TRT":
        # GR1 and GR2 are result registers: fill them with random bits that
        # must survive where TRT does not replace them.
        for r in (1, 2):
            if case.regs[r] is None:
                case.set_reg(r, rng.randrange(1 << 32))
    b1, d1 = case.base_address(case.area_address(a))
    # The table address: any address works; the function byte is table+byte.
    b2, d2 = case.base_address(case.area_address(table_at))
    case.instruction = ss(0xDC if mnemonic == "TR" else 0xDD, l_code, b1, d1, b2, d2)


def build_si(case, mnemonic):
    rng = case.rng
    offset = case.random_offset(1)
    case.put(offset, bytes([rng.choice([0, 0xFF, rng.randrange(256), rng.randrange(256)])]))
    i2 = rng.choice([0, 0xFF, 0x80, 0x01, rng.randrange(256), rng.randrange(256)])
    b1, d1 = case.base_address(case.area_address(offset))
    case.instruction = si(SI_OPS[mnemonic], 0 if mnemonic == "TS" else i2, b1, d1)


def build(case_number, rng, mnemonic=None):
    mnemonic = mnemonic or rng.choice(MNEMONICS)
    case = Case("logical", mnemonic, OPERAND_SIZE, rng)
    if mnemonic in SS_OPS:
        build_ss(case, mnemonic)
    elif mnemonic in ("TR", "TRT"):
        build_translate(case, mnemonic)
    elif mnemonic in SI_OPS:
        build_si(case, mnemonic)
    elif mnemonic in RR_OPS:
        r1, r2 = rng.randrange(16), rng.randrange(16)
        case.set_reg(r1, interesting_word(rng))
        if r2 != r1:
            case.set_reg(r2, interesting_word(rng))
        case.instruction = rr(RR_OPS[mnemonic], r1, r2)
    elif mnemonic in RX_OPS or mnemonic in ("IC", "STC"):
        r1 = rng.randrange(16)
        width = 4 if mnemonic in RX_OPS else 1
        offset = case.random_offset(width, width)
        case.put(offset, word_bytes(interesting_word(rng))[:width])
        x, b, d = case.address(case.area_address(offset))
        if case.regs[r1] is None:
            case.set_reg(r1, interesting_word(rng))
        op = RX_OPS.get(mnemonic) or (0x43 if mnemonic == "IC" else 0x42)
        case.instruction = rx(op, r1, x, b, d)
    else:
        raise ValueError(mnemonic)
    return case
