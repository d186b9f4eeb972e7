"""Branching cases: BC BCR BAL BALR BCT BCTR BXH BXLE, and EX of
instructions from the other groups (plus EX of EX, an odd EX target and
EX of a branch). Every branch aims at the driver's LANDING point, so a
taken branch and a fall-through both come back; which one happened is in
the record. BAS and BASR (new on the 67, and also in later System/370
models) are in the set as well.
"""

import group_fixed
import group_logical
from case_builder import EX_TARGET_OFFSET, Case, interesting_word, rr, rs, rx
import program

OPERAND_SIZE = 776   # large enough for EX of a logical instruction

MNEMONICS = ["BC", "BCR", "BAL", "BALR", "BCT", "BCTR", "BXH", "BXLE", "BAS", "BASR", "SVC", "EX", "EX", "EX",
             "EX"]


def branch_register(case, exclude=()):
    """A register holding the landing address (high byte random), for an
    RR branch; or 0 (no branch) now and then."""
    rng = case.rng
    if rng.random() < 0.12:
        return 0
    free = case.free_registers(exclude)
    r2 = rng.choice(free)
    case.set_reg(r2, program.LANDING | case.high_byte())
    return r2


def build_bxh(case, op):
    rng = case.rng
    r1, r3 = rng.randrange(16), rng.randrange(16)
    # R3 is the increment; R3|1 the comparand. Values near each other so
    # that both outcomes happen, and near the overflow edge (the sum
    # wraps: BXH/BXLE never overflow).
    start = interesting_word(rng)
    step = rng.choice([1, 0xFFFFFFFF, 4, 0x7FFFFFFF, 0x80000000, interesting_word(rng)])
    compare = (start + step + rng.randrange(-2, 3)) & 0xFFFFFFFF
    case.set_reg(r1, start)
    if case.regs[r3] is None:
        case.set_reg(r3, step)
    if case.regs[r3 | 1] is None:
        case.set_reg(r3 | 1, compare)
    b, d = case.base_address(program.LANDING)
    case.instruction = rs(op, r1, r3, b, d)


def ex_target(case, rng):
    """The instruction EX executes: mostly fixed-point and logical cases
    built by those groups (their operands are laid out in this case's
    operand area), sometimes a branch, EX itself, or BCR."""
    kind = rng.random()
    if kind < 0.05:
        case.notes.append("EX of EX")
        return rx(0x44, rng.randrange(16), 0, 0, 0x800)
    if kind < 0.1:
        case.notes.append("EX SVC")
        return bytes([0x0A, rng.randrange(256)])
    if kind < 0.3:
        # A branch under EX: it links with the EX's ILC and address.
        inner = build(0, rng, rng.choice(["BC", "BCR", "BAL", "BALR", "BAS", "BASR", "BCT", "BCTR", "BXH",
                                          "BXLE"]))
        for r in range(16):
            if inner.regs[r] is not None:
                case.regs[r] = inner.regs[r]
        case.notes.append("EX " + inner.mnemonic)
        return inner.instruction
    module = group_fixed if kind < 0.65 else group_logical
    inner = module.build(0, rng)
    # Adopt the inner case's state: it was built with the same layout.
    if len(inner.memory) > len(case.memory):
        raise RuntimeError("operand area too small for EX")
    for r in range(16):
        if inner.regs[r] is not None:
            case.regs[r] = inner.regs[r]
    case.memory[:len(inner.memory)] = inner.memory
    case.notes.append("EX " + inner.mnemonic)
    return inner.instruction


def build_ex(case):
    rng = case.rng
    target = ex_target(case, rng)
    # EX R1: its bits 24-31 are ORed into the target's second byte. Split
    # that byte between the stored target and the register.
    used = [r for r in range(16) if case.regs[r] is not None]
    r1 = 0 if rng.random() < 0.3 else rng.choice([r for r in range(1, 16) if r not in used] or [0])
    stored = bytearray(target)
    if r1:
        or_bits = target[1] & rng.randrange(256)
        stored[1] = target[1] & ~or_bits & 0xFF | (target[1] & rng.randrange(256))
        case.set_reg(r1, (rng.randrange(1 << 24) << 8) | or_bits)
    # The target sits in the EX slot at the start of the operand area, or
    # now and then where it straddles the 2K block boundary at x'1000'
    # (any operand of the subject instruction placed there was fetched,
    # or is stored, after the EX fetched the subject: no harm).
    at = EX_TARGET_OFFSET
    if rng.random() < 0.25:
        at = (0x1000 - case.area_address(0)) - rng.choice([2, 4])
        case.notes.append("EX target across 2K")
    case.put(at, bytes(stored) + b"\x07\x00" * ((8 - len(stored)) // 2))
    odd = rng.random() < 0.04
    if odd:
        case.notes.append("odd EX target")
    # EX's own operand must not use registers the target relies on.
    x, b, d = case.address(case.area_address(at) + (1 if odd else 0), exclude=(r1,))
    case.instruction = rx(0x44, r1, x, b, d)


def build(case_number, rng, mnemonic=None):
    mnemonic = mnemonic or rng.choice(MNEMONICS)
    case = Case("branch", mnemonic, OPERAND_SIZE, rng)
    if mnemonic in ("BC", "BAL", "BAS"):
        r1 = rng.randrange(16)
        x, b, d = case.address(program.LANDING)
        op = {"BC": 0x47, "BAL": 0x45, "BAS": 0x4D}[mnemonic]
        if case.regs[r1] is None:
            case.set_reg(r1, interesting_word(rng))
        case.instruction = rx(op, r1, x, b, d)
    elif mnemonic in ("BCR", "BALR", "BASR"):
        r1 = rng.randrange(16)
        r2 = branch_register(case)
        if case.regs[r1] is None:
            case.set_reg(r1, interesting_word(rng))
        op = {"BCR": 0x07, "BALR": 0x05, "BASR": 0x0D}[mnemonic]
        case.instruction = rr(op, r1, r2)
    elif mnemonic == "BCT":
        r1 = rng.randrange(16)
        case.set_reg(r1, rng.choice([0, 1, 2, 0x80000000, 0xFFFFFFFF, interesting_word(rng)]))
        x, b, d = case.address(program.LANDING)
        case.instruction = rx(0x46, r1, x, b, d)
    elif mnemonic == "BCTR":
        r1 = rng.randrange(16)
        case.set_reg(r1, rng.choice([0, 1, 2, 0x80000000, 0xFFFFFFFF, interesting_word(rng)]))
        r2 = branch_register(case)
        if r2 == r1:
            r2 = 0
        case.instruction = rr(0x06, r1, r2)
    elif mnemonic in ("BXH", "BXLE"):
        build_bxh(case, 0x86 if mnemonic == "BXH" else 0x87)
    elif mnemonic == "EX":
        build_ex(case)
    elif mnemonic == "SVC":
        case.instruction = bytes([0x0A, rng.randrange(256)])
    else:
        raise ValueError(mnemonic)
    return case


