"""One test case of a differential program, and the helpers that build it.

A case is the state the driver loads before it runs one instruction (the
sixteen general registers, the four floating-point registers, the
condition code and program mask, and the operand area at OPERAND_AREA)
plus the instruction itself. The group modules (group_fixed.py, ...) fill
it in; program.py turns a list of cases into a stand-alone program.

Register values are chosen per role: the registers an instruction reads
as operands, the base and index registers that must point into the
operand area (or at the landing point of a branch), and the rest, which
get a distinct fill pattern so that an instruction that touches a register
it should not is visible in the results.
"""

OPERAND_AREA = 0xF80        # the operand area's real address (below the program;
                            # it straddles the 2K block boundary at x'1000')
HIGH_AREA = 0x1FFF00        # the last 256 bytes of the 2M of storage every oracle has,
                            # a second area for the groups that test its end
STORAGE_SIZE = 0x200000
EX_TARGET_OFFSET = 0        # EX targets live in the first 8 bytes of the operand area
FIRST_OPERAND_OFFSET = 8    # operands start past the EX target slot

MASK24 = 0xFFFFFF
MASK32 = 0xFFFFFFFF


def fill_register(number):
    """The value of a register no operand uses: distinct per register."""
    return 0x5A5A5A00 | (number * 0x11)


def fill_fpr(index):
    """The value of a floating-point register no operand uses."""
    return 0x5A5A5A5A5A5A5A00 | (index * 0x22)


def area_address(offset, operand_size):
    """The real address of byte `offset` of a case's memory: the operand
    area, then the high area."""
    if offset < operand_size:
        return OPERAND_AREA + offset
    return HIGH_AREA + offset - operand_size


class Case:
    def __init__(self, group, mnemonic, operand_size, rng, high_size=0):
        self.group = group
        self.mnemonic = mnemonic
        self.rng = rng
        self.instruction = b""
        self.regs = [None] * 16          # None: not yet chosen
        self.fprs = [None] * 4
        self.cc = rng.randrange(4)
        self.program_mask = rng.randrange(16)
        self.operand_size = operand_size
        self.memory = bytearray(operand_size + high_size)
        self.notes = []                  # why this case is special
        # Which oracle's answer is the architecture's: "both" (Hercules in
        # S/370 mode agrees with a 360 here), or "360" (a case where S/370
        # differs: alignment, ...; checked against SIMH and the PoO).
        self.architecture = "both"

    # -- registers ---------------------------------------------------------
    def free_registers(self, exclude=()):
        return [r for r in range(1, 16) if self.regs[r] is None and r not in exclude]

    def set_reg(self, number, value):
        if number == 0 and self.regs[0] is not None and self.regs[0] != value & MASK32:
            raise ValueError("register 0 given two values")
        self.regs[number] = value & MASK32

    def pick_register(self, allow_zero=True, exclude=()):
        choices = [r for r in range(0 if allow_zero else 1, 16) if r not in exclude]
        return self.rng.choice(choices)

    def finish_registers(self):
        for r in range(16):
            if self.regs[r] is None:
                self.regs[r] = fill_register(r)
        for i in range(4):
            if self.fprs[i] is None:
                self.fprs[i] = fill_fpr(i)

    # -- operand addresses -------------------------------------------------
    def high_byte(self):
        """Bits 0-7 of a base or index register: ignored by 24-bit
        addressing, so sometimes set to show that they are."""
        return self.rng.randrange(1, 256) << 24 if self.rng.random() < 0.3 else 0

    def address(self, target, allow_index=True, allow_absolute=True, exclude=()):
        """Chooses (x, b, d) so that D(X,B) designates `target`, fixing the
        values of the registers it uses. Returns (x, b, d)."""
        rng = self.rng
        free = self.free_registers(exclude)
        forms = []
        if allow_absolute and target <= 0xFFF:
            forms.append("absolute")
        if free:
            forms.append("base")
            if allow_index and len(free) >= 2:
                forms.append("base+index")
            if allow_index:
                forms.append("index")
        form = rng.choice(forms)
        if form == "absolute":
            return 0, 0, target
        d = rng.randrange(0x1000) if rng.random() < 0.7 else 0
        if form == "base":
            b = rng.choice(free)
            self.set_reg(b, ((target - d) & MASK24) | self.high_byte())
            return 0, b, d
        if form == "index":
            x = rng.choice(free)
            self.set_reg(x, ((target - d) & MASK24) | self.high_byte())
            return x, 0, d
        b, x = rng.sample(free, 2)
        index_value = rng.choice([rng.randrange(0x100), rng.randrange(1 << 24), rng.randrange(1 << 32)])
        self.set_reg(x, index_value)
        self.set_reg(b, ((target - d - index_value) & MASK24) | self.high_byte())
        return x, b, d

    def base_address(self, target, exclude=()):
        """D(B) (no index) designating `target`. Returns (b, d)."""
        x, b, d = self.address(target, allow_index=False, exclude=exclude)
        return b, d

    # -- the operand area ------------------------------------------------------
    def put(self, offset, data):
        self.memory[offset:offset + len(data)] = data

    def area_address(self, offset):
        return area_address(offset, self.operand_size)

    def random_offset(self, length, alignment=1, low=FIRST_OPERAND_OFFSET, high=None, avoid=()):
        """An offset in the operand area for `length` bytes, aligned, not
        overlapping the (offset, length) ranges in `avoid`."""
        high = self.operand_size if high is None else high
        for _ in range(1000):
            offset = self.rng.randrange(low, high - length + 1)
            offset -= offset % alignment
            if offset < low:
                continue
            if all(offset + length <= a or a + n <= offset for a, n in avoid):
                return offset
        raise RuntimeError("no room in the operand area")


# -- encoders ---------------------------------------------------------------
def rr(op, r1, r2):
    return bytes([op, (r1 << 4) | r2])


def rx(op, r1, x2, b2, d2):
    return bytes([op, (r1 << 4) | x2, (b2 << 4) | (d2 >> 8), d2 & 0xFF])


def rs(op, r1, r3, b2, d2):
    return bytes([op, (r1 << 4) | r3, (b2 << 4) | (d2 >> 8), d2 & 0xFF])


def si(op, i2, b1, d1):
    return bytes([op, i2, (b1 << 4) | (d1 >> 8), d1 & 0xFF])


def ss(op, length_byte, b1, d1, b2, d2):
    return bytes([op, length_byte, (b1 << 4) | (d1 >> 8), d1 & 0xFF, (b2 << 4) | (d2 >> 8), d2 & 0xFF])


def instruction_length(op):
    return (2, 4, 4, 6)[op >> 6]


# -- value distributions ------------------------------------------------------
def interesting_word(rng):
    choice = rng.randrange(14)
    if choice == 0:
        return 0
    if choice == 1:
        return rng.choice([1, 2, 0xFFFFFFFF, 0xFFFFFFFE])
    if choice == 2:
        return rng.choice([0x7FFFFFFF, 0x80000000, 0x80000001, 0x7FFFFFFE])
    if choice == 3:
        return rng.randrange(256)
    if choice == 4:
        return (-rng.randrange(1, 256)) & MASK32
    if choice == 5:
        return 1 << rng.randrange(32)
    if choice == 6:
        return ((1 << rng.randrange(32)) - 1) & MASK32
    if choice == 7:
        v = rng.randrange(1 << 16)
        return v | (0xFFFF0000 if v & 0x8000 else 0)
    if choice == 8:
        return (0x40000000 + rng.randrange(-256, 256)) & MASK32
    if choice == 9:
        return (0xC0000000 + rng.randrange(-256, 256)) & MASK32
    return rng.randrange(1 << 32)


def interesting_half(rng):
    return rng.choice([0, 1, 0x7FFF, 0x8000, 0xFFFF, 0x8001, rng.randrange(1 << 16), rng.randrange(1 << 16)])


def word_bytes(value):
    return (value & MASK32).to_bytes(4, "big")


def half_bytes(value):
    return (value & 0xFFFF).to_bytes(2, "big")
