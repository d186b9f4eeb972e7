"""Where an instruction's storage operands lie, from its bytes and the
registers: used by classify.py to check that an addressing exception
vm67 reports is real (some operand byte lies past the end of storage)
or that an oracle's is not.
"""

from case_builder import MASK24

RX_WIDTH = {
    0x40: 2, 0x42: 1, 0x43: 1, 0x44: 2, 0x48: 2, 0x49: 2, 0x4A: 2, 0x4B: 2, 0x4C: 2, 0x4E: 8, 0x4F: 8,
    0x50: 4, 0x54: 4, 0x55: 4, 0x56: 4, 0x57: 4, 0x58: 4, 0x59: 4, 0x5A: 4, 0x5B: 4, 0x5C: 4, 0x5D: 4,
    0x5E: 4, 0x5F: 4, 0x60: 8, 0x68: 8, 0x69: 8, 0x6A: 8, 0x6B: 8, 0x6C: 8, 0x6D: 8, 0x6E: 8, 0x6F: 8,
    0x70: 4, 0x78: 4, 0x79: 4, 0x7A: 4, 0x7B: 4, 0x7C: 4, 0x7D: 4, 0x7E: 4, 0x7F: 4,
}
SI_OPS = {0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97}
SS_ONE_LENGTH = {0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xDC, 0xDD, 0xDE, 0xDF}
SS_TWO_LENGTHS = {0xF1, 0xF2, 0xF3, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD}


def base_displacement(ins, at, regs):
    b = ins[at] >> 4
    d = ((ins[at] & 0xF) << 8) | ins[at + 1]
    return (d + (regs[b] if b else 0)) & MASK24


def operand_ranges(ins, regs):
    """[(address, length)] of the storage operands, or None for an
    instruction this module does not know. For TR/TRT the whole table
    (256 bytes) is given, and for ED/EDMK a source as long as the
    pattern: the most the instruction can reference."""
    op = ins[0]
    if op in RX_WIDTH:
        x = ins[1] & 0xF
        address = (base_displacement(ins, 2, regs) + (regs[x] if x else 0)) & MASK24
        return [(address, RX_WIDTH[op])]
    if op in SI_OPS:
        return [(base_displacement(ins, 2, regs), 1)]
    if op in (0x90, 0x98):
        count = (((ins[1] & 0xF) - (ins[1] >> 4)) & 15) + 1
        return [(base_displacement(ins, 2, regs), 4 * count)]
    if op in SS_ONE_LENGTH:
        n = ins[1] + 1
        second = 256 if op in (0xDC, 0xDD) else n
        return [(base_displacement(ins, 2, regs), n), (base_displacement(ins, 4, regs), second)]
    if op in SS_TWO_LENGTHS:
        return [(base_displacement(ins, 2, regs), (ins[1] >> 4) + 1),
                (base_displacement(ins, 4, regs), (ins[1] & 0xF) + 1)]
    return None


def reaches_past(ins, regs, storage_size):
    """True if some operand byte lies at or past `storage_size`; None if
    the instruction is unknown."""
    ranges = operand_ranges(ins, regs)
    if ranges is None:
        return None
    return any(address + length > storage_size for address, length in ranges)


def all_inside(ins, regs, storage_size):
    ranges = operand_ranges(ins, regs)
    if ranges is None:
        return None
    return all(address + length <= storage_size for address, length in ranges)
