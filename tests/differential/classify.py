"""Classification of a difference between vm67 and an oracle.

Every rule here encodes a difference that has been read in the
Principles of Operation (the source is in the verdict's text), and
checks vm67's side of it against the 360 rule, so that a rule never
hides a vm67 bug that happens to touch the same instruction.

Three kinds of verdict:
  360-vs-370   Hercules runs S/370, and S/370 changed the rule.
  unpredictable  the PoO leaves the result open (a terminated
               instruction); only the interruption is compared.
  simh-...     SIMH's ibm360 disagrees with vm67 and Hercules both,
               and the PoO sides with them.
Anything else is "unexplained" and makes difftest.py fail.
"""

import operands
from case_builder import STORAGE_SIZE

FLOAT_ADD = {"AD", "SD", "AE", "SE", "ADR", "SDR", "AER", "SER", "AW", "SW", "AU", "SU", "AWR", "SWR",
             "AUR", "SUR"}
FLOAT_MULTIPLY_DIVIDE = {"MD", "ME", "MDR", "MER", "DD", "DE", "DDR", "DER"}
FLOAT_SHORT = {"AE", "SE", "AER", "SER", "AU", "SU", "AUR", "SUR", "ME", "MER", "DE", "DER", "HER", "LE", "LER",
               "CE", "CER", "LPER", "LNER", "LTER", "LCER", "STE"}


class Verdict:
    def __init__(self, key, explained, text):
        self.key = key
        self.explained = explained
        self.text = text


def same_except(vm, other, registers=(), fprs=(), memory=False, cc=False, old_psw_cc=False, old_psw_ilc=False):
    """True when vm and other agree on everything but the named parts."""
    for r in range(16):
        if r not in registers and vm.regs[r] != other.regs[r]:
            return False
    for i in range(4):
        if 2 * i not in fprs and vm.fprs[i] != other.fprs[i]:
            return False
    if not memory and vm.memory != other.memory:
        return False
    if not cc and vm.balr_word != other.balr_word:
        return False
    if vm.fell_through != other.fell_through or vm.interruption != other.interruption:
        return False
    a, b = bytearray(vm.old_psw), bytearray(other.old_psw)
    ignore = (0x30 if old_psw_cc else 0) | (0xC0 if old_psw_ilc else 0)
    a[4] &= ~ignore & 0xFF
    b[4] &= ~ignore & 0xFF
    return a == b


def r1_fpr(case):
    return case.instruction[1] >> 4


def r2_fpr(case):
    return case.instruction[1] & 0xF


def input_fpr(case, number):
    return case.fprs[number // 2]


def halve_360(case):
    """HER/HDR on a 360 (A22-6821-0 p.47): the fraction shifted right one
    bit, sign and characteristic unchanged, no normalization, no zero
    test; HER leaves the low half of R1 alone."""
    source = input_fpr(case, r2_fpr(case))
    if case.mnemonic == "HDR":
        return (source & 0xFF00000000000000) | ((source & 0x00FFFFFFFFFFFFFF) >> 1)
    high = source >> 32
    high = (high & 0xFF000000) | ((high & 0x00FFFFFF) >> 1)
    return (high << 32) | (input_fpr(case, r1_fpr(case)) & 0xFFFFFFFF)


def rule_halve(case, vm, other, oracle):
    """S/370 normalizes the halved fraction, which can underflow (an
    interruption a 360 never takes here), so only vm67's result against
    the 360 rule and the untouched state are compared."""
    if case.mnemonic not in ("HER", "HDR") or vm.interruption:
        return None
    r1 = r1_fpr(case)
    if vm.fprs[r1 // 2] != halve_360(case) or vm.cc != case.cc:
        return None
    if vm.regs != other.regs or vm.memory != other.memory:
        return None
    if any(vm.fprs[i] != other.fprs[i] for i in range(4) if i != r1 // 2):
        return None
    return Verdict("360-vs-370 HALVE", True,
                   "a 360's HALVE shifts the fraction right one bit with no normalization and no zero test "
                   "(A22-6821-0 p.47); S/370 normalizes (GA22-7000); SIMH normalizes too")


def rule_underflow_true_zero(case, vm, other, oracle):
    """Exponent underflow with the mask on: a 360 sets the result to a
    true zero and interrupts (A22-6821-0 p.41 and p.48); S/370 keeps the
    fraction with the characteristic 128 too large."""
    if case.mnemonic not in FLOAT_ADD | FLOAT_MULTIPLY_DIVIDE:
        return None
    if vm.interruption_code() != 0x0D or other.interruption_code() != 0x0D:
        return None
    r1 = r1_fpr(case)
    vm_result = vm.fprs[r1 // 2]
    expected_zero = 0 if case.mnemonic not in FLOAT_SHORT else vm_result & 0xFFFFFFFF
    if vm_result != expected_zero:
        return None
    if not same_except(vm, other, fprs=(r1,), old_psw_cc=True):
        return None
    return Verdict("360-vs-370 underflow", True,
                   "exponent underflow forces a true zero on a 360 even when the mask lets the interruption "
                   "happen (A22-6821-0 p.41, p.48); S/370 keeps the result with the characteristic 128 larger "
                   "(GA22-7000 'Exponent-Underflow Exception'); SIMH follows S/370 here")


def rule_overflow_cc3(case, vm, other, oracle):
    """Exponent overflow in add/subtract sets CC 3 on a 360 (A22-6821-0
    'Add Normalized' and the other adds: 'Resulting Condition Code: 3 Result
    exponent overflows');
    S/370 has no CC 3 for it."""
    if case.mnemonic not in FLOAT_ADD:
        return None
    if vm.interruption_code() != 0x0C or other.interruption_code() != 0x0C:
        return None
    if vm.old_psw_cc() != 3 or not same_except(vm, other, old_psw_cc=True):
        return None
    return Verdict("360-vs-370 overflow CC3", True,
                   "a 360 sets CC 3 when an add or subtract result's exponent overflows (A22-6821-0 "
                   "'Add Normalized'); S/370 sets the CC from the result's sign (GA22-7000 'ADD NORMALIZED')")


def rule_data_exception_terminates(case, vm, other, oracle):
    """A data exception terminates the instruction on a 360 (A22-6821-0
    p.79): the result field (and for EDMK GR1, the CC) are whatever the
    model left. Only the interruption itself is compared."""
    if vm.interruption_code() != 0x07 or other.interruption_code() != 0x07:
        return None
    registers = (1,) if case.mnemonic == "EDMK" else ()
    if not same_except(vm, other, registers=registers, memory=True, old_psw_cc=True):
        return None
    return Verdict("unpredictable (terminated)", True,
                   "data exception: 'the operation is terminated' (A22-6821-0 p.79), so the result field "
                   "is unpredictable; vm67 stores nothing")


def effective_mnemonic(case):
    """The instruction that ran: for EX, its subject instruction."""
    for note in case.notes:
        if note.startswith("EX ") and note != "EX of EX":
            return note[3:]
    return case.mnemonic


def rule_simh_decimal_divide(case, vm, other, oracle):
    if oracle != "simh" or case.mnemonic != "DP":
        return None
    if vm.interruption_code() != 0x0B or other.interruption:
        return None
    return Verdict("simh-decimal-divide", True,
                   "DP: a quotient longer than L1-L2 bytes allow is a decimal divide exception, the operation "
                   "suppressed (A22-6821-0 'Divide Decimal', p.79); SIMH stores a truncated quotient; vm67 agrees with "
                   "Hercules")


def packed_value(data):
    """The value of a valid packed decimal field, or None."""
    digits = 0
    for i, byte in enumerate(data):
        high, low = byte >> 4, byte & 0xF
        if high > 9:
            return None
        digits = digits * 10 + high
        if i < len(data) - 1:
            if low > 9:
                return None
            digits = digits * 10 + low
        elif low < 0xA:
            return None
        else:
            return -digits if low in (0xB, 0xD) else digits
    return None


def ss_operands(case):
    """(address offset in the operand area, length) of both operands of
    an SS decimal instruction, from the case's registers."""
    from case_builder import OPERAND_AREA
    ins = case.instruction
    out = []
    for at, length in ((2, (ins[1] >> 4) + 1), (4, (ins[1] & 0xF) + 1)):
        b = ins[at] >> 4
        d = ((ins[at] & 0xF) << 8) | ins[at + 1]
        address = (d + (case.regs[b] if b else 0)) & 0xFFFFFF
        out.append((address - OPERAND_AREA, length))
    return out


def rule_simh_decimal_compare(case, vm, other, oracle):
    if oracle != "simh" or case.mnemonic != "CP" or vm.interruption or other.interruption:
        return None
    (a, l1), (b, l2) = ss_operands(case)
    first, second = packed_value(bytes(case.memory[a:a + l1])), packed_value(bytes(case.memory[b:b + l2]))
    if first is None or second is None:
        return None
    expected = 0 if first == second else 1 if first < second else 2
    if vm.cc != expected or not same_except(vm, other, cc=True):
        return None
    return Verdict("simh-decimal-compare", True,
                   "CP %d with %d sets CC %d (A22-6821-0 'Compare Decimal'); SIMH sets CC %d; vm67 agrees with Hercules"
                   % (first, second, expected, other.cc))


def rule_simh_divide_overflow(case, vm, other, oracle):
    if oracle != "simh" or effective_mnemonic(case) not in ("D", "DR"):
        return None
    if vm.interruption_code() != 0x09 or other.interruption:
        return None
    return Verdict("simh-divide-overflow", True,
                   "SIMH does not recognize a quotient that needs more than 32 bits; the PoO does "
                   "(A22-6821-0 p.79 'Fixed-Point-Divide Exception'); vm67 agrees with Hercules")


def rule_simh_zero_fraction_product(case, vm, other, oracle):
    if oracle != "simh" or case.mnemonic not in FLOAT_MULTIPLY_DIVIDE:
        return None
    if vm.interruption or other.interruption_code() not in (0x0C, 0x0D):
        return None
    return Verdict("simh-zero-fraction", True,
                   "a product or quotient with a zero fraction is a true zero with no exponent overflow or "
                   "underflow (A22-6821-0 p.41 'Whenever a result has a zero fraction...'); SIMH interrupts; "
                   "vm67 agrees with Hercules")


def rule_simh_zero_result_cc(case, vm, other, oracle):
    if oracle != "simh" or case.mnemonic not in FLOAT_ADD:
        return None
    r1 = r1_fpr(case)
    result = vm.fprs[r1 // 2]
    zero = (result >> 32 if case.mnemonic in FLOAT_SHORT else result) & 0x00FFFFFFFFFFFFFF
    if case.mnemonic in FLOAT_SHORT:
        zero = (result >> 32) & 0x00FFFFFF
    if zero != 0 or vm.interruption or vm.cc != 0 or not same_except(vm, other, cc=True):
        return None
    return Verdict("simh-zero-result-cc", True,
                   "an add/subtract with a zero result fraction sets CC 0 (A22-6821-0 'Add Normalized': 'Resulting "
                   "Condition Code: 0 Result fraction is zero'); SIMH sets it from the sign; vm67 agrees "
                   "with Hercules")


def rule_simh_specification_before_data(case, vm, other, oracle):
    if oracle != "simh" or case.mnemonic not in ("MP", "DP"):
        return None
    if vm.interruption_code() != 0x06 or other.interruption_code() != 0x07:
        return None
    return Verdict("simh-exception-order", True,
                   "MP/DP with L2 > 8 or L1 <= L2 is a specification exception found in the instruction "
                   "itself (A22-6821-0 p.79, items 4-5), before any operand is examined; SIMH checks the "
                   "data first; vm67 agrees with Hercules")


def rule_hercules_execute_ilc(case, vm, other, oracle):
    if oracle != "herc" or case.mnemonic != "EX" or not vm.interruption:
        return None
    if vm.old_psw_ilc() != 2 or other.old_psw_ilc() == 2:
        return None
    if not same_except(vm, other, old_psw_ilc=True):
        return None
    return Verdict("hercules-execute-ilc", True,
                   "an interruption in the subject instruction of EX records the ILC of EXECUTE, 2 "
                   "(A22-6821-0 p.65: the subject executes as in sequence 'except for instruction address and "
                   "instruction-length recording'); Hercules 3.13 stores the subject instruction's length")


def rule_simh_convert_to_binary(case, vm, other, oracle):
    if oracle != "simh" or case.mnemonic != "CVB":
        return None
    if vm.interruption_code() != 0x09 or other.interruption:
        return None
    return Verdict("simh-cvb-range", True,
                   "CVB of a value outside -2**31..2**31-1 is a fixed-point divide exception, the "
                   "conversion completed (A22-6821-0 p.79); SIMH lets +2147483648 through; vm67 agrees "
                   "with Hercules")


def rule_simh_compare_alignment(case, vm, other, oracle):
    if oracle != "simh" or case.mnemonic not in ("CD", "CE", "CDR", "CER"):
        return None
    if vm.interruption or not same_except(vm, other, cc=True):
        return None
    return Verdict("simh-compare-alignment", True,
                   "floating-point compare follows normalized subtraction: digits shifted out past the guard "
                   "digit during alignment do not count, and a zero intermediate result compares equal "
                   "(A22-6821-0 p.47); SIMH compares the exact values; vm67 agrees with Hercules")


def case_bytes(case, address, n):
    """Bytes of the case's input memory at a real address, or None when
    they are not all in the recorded areas."""
    from case_builder import HIGH_AREA, OPERAND_AREA
    out = bytearray()
    for a in range(address, address + n):
        if OPERAND_AREA <= a < OPERAND_AREA + case.operand_size:
            out.append(case.memory[a - OPERAND_AREA])
        elif HIGH_AREA <= a < HIGH_AREA + len(case.memory) - case.operand_size:
            out.append(case.memory[case.operand_size + a - HIGH_AREA])
        else:
            return None
    return bytes(out)


def subject_instruction(case):
    """The instruction EX executes (its second byte ORed with R1), or
    None when the case is no EX or its subject is not recorded."""
    ins = case.instruction
    if ins[0] != 0x44:
        return None
    ranges = operands.operand_ranges(ins, case.regs)
    address = ranges[0][0]
    first = case_bytes(case, address, 2)
    if first is None:
        return None
    subject = case_bytes(case, address, (2, 4, 4, 6)[first[0] >> 6])
    if subject is None:
        return None
    r1 = ins[1] >> 4
    subject = bytearray(subject)
    if r1:
        subject[1] |= case.regs[r1] & 0xFF
    return bytes(subject)


def misaligned_operand(ins, regs):
    """True when an RX operand of `ins` that the 360 wants on a boundary
    (halfword, word, doubleword: its width) is not."""
    if ins[0] not in operands.RX_WIDTH or ins[0] in (0x42, 0x43):
        return False
    (address, width), = operands.operand_ranges(ins, regs)
    return address % width != 0


def rule_alignment_under_execute(case, vm, other, oracle):
    """EX of an instruction whose operand is misaligned: the 360's
    specification exception (A22-6821-0 p.79 item 1), which S/370 does
    not have; the other model reports what it found instead."""
    subject = subject_instruction(case)
    if subject is None or vm.interruption_code() != 0x06 or other.interruption_code() == 0x06:
        return None
    if not misaligned_operand(subject, case.regs) or vm.regs != case.regs or not vm67_suppressed(case, vm):
        return None
    return Verdict("360-vs-370 alignment", True,
                   "the subject of EX has a misaligned operand: a specification exception on a 360 "
                   "(A22-6821-0 p.79 item 1), not on S/370")


def rule_alignment(case, vm, other, oracle):
    """A misaligned operand is a specification exception on a 360
    (A22-6821-0 p.79, 'Specification Exception' item 1); S/370 dropped
    the rule for most instructions."""
    if case.group != "align" or "aligned control" in case.notes or case.mnemonic.endswith("-odd"):
        return None
    if vm.interruption_code() != 0x06 or other.interruption_code() == 0x06:
        return None
    if oracle == "herc":
        return Verdict("360-vs-370 alignment", True,
                       "operands must be on integral boundaries on a 360, else a specification exception "
                       "(A22-6821-0 p.79 item 1); S/370's byte-oriented operands dropped that "
                       "(GA22-7000 'Data Format')")
    return Verdict("simh-alignment", True,
                   "operands must be on integral boundaries on a 360, else a specification exception "
                   "(A22-6821-0 p.79 item 1); SIMH does not check this instruction's operand")


def rule_odd_instruction_address(case, vm, other, oracle):
    """A branch to an odd address: the specification exception comes
    with the next instruction fetch, 'the instruction address stored ...
    has been updated by the number of halfwords indicated by the
    instruction length code' (A22-6821-0 p.62), and the ILC for a
    specification exception may be 1, 2 or 3 (p.148). The models differ
    in the ILC; all keep the rule."""
    if not case.mnemonic.endswith("-odd"):
        return None
    if vm.interruption_code() != 0x06 or other.interruption_code() != 0x06:
        return None
    if vm.old_psw_address() - 2 * vm.old_psw_ilc() != other.old_psw_address() - 2 * other.old_psw_ilc():
        return None
    if not same_except(vm, other, old_psw_ilc=True) and vm.old_psw[5:8] == other.old_psw[5:8]:
        return None
    return Verdict("model-dependent ILC", True,
                   "odd instruction address: old PSW address minus 2 x ILC is the odd branch address in "
                   "both (A22-6821-0 p.62); the ILC value itself is model-dependent (p.148: 1, 2 or 3)")


def rule_unassigned_specification(case, vm, other, oracle):
    if case.group != "unassigned" or vm.interruption_code() != 0x01 or other.interruption_code() not in (0x05, 0x06):
        return None
    if vm.regs != other.regs or vm.fprs != other.fprs or vm.memory != other.memory or vm.old_psw[4:] != other.old_psw[4:]:
        return None
    return Verdict("model-dependent unassigned", True,
                   "an unassigned opcode may give a specification or addressing exception instead of the "
                   "operation exception when its register or address fields break the rules of its "
                   "instruction class (A22-6821-0 p.62 Programming Notes); vm67 always gives the operation "
                   "exception")


def rule_odd_or_unavailable_fetch_address(case, vm, other, oracle):
    """A branch past the end of storage: the addressing exception comes
    with the next instruction fetch (A22-6821-0 p.62), the old PSW
    address 'updated by the number of halfwords indicated by the
    instruction length code'; the ILC value is the model's (p.148)."""
    if case.group != "addressing" or case.mnemonic not in ("BC", "BCR"):
        return None
    if vm.interruption_code() != 0x05 or other.interruption_code() != 0x05:
        return None
    if vm.old_psw_address() - 2 * vm.old_psw_ilc() != other.old_psw_address() - 2 * other.old_psw_ilc():
        return None
    if vm.regs != other.regs or vm.memory != other.memory:
        return None
    return Verdict("model-dependent ILC", True,
                   "instruction fetch past the end of storage: old PSW address minus 2 x ILC is the branch "
                   "address in both (A22-6821-0 p.62); the ILC value is model-dependent (p.148)")


def vm67_suppressed(case, vm):
    return bytes(vm.memory) == bytes(case.memory)


def rule_exception_order(case, vm, other, oracle):
    """Two exceptions at once: 'which of several causes is identified may
    vary from one occasion to the next and from one model to another'
    (A22-6821-0 p.78). vm67 checks every operand's addresses before it
    looks at the data; the addressing exception it reports is checked to
    be real."""
    if vm.interruption_code() != 0x05 or not other.interruption or other.interruption_code() == 0x05:
        return None
    if not operands.reaches_past(case.instruction, case.regs, STORAGE_SIZE) or not vm67_suppressed(case, vm):
        return None
    if vm.regs != case.regs:
        return None
    return Verdict("model-dependent exception order", True,
                   "an operand lies past the end of storage and the data are invalid too: which exception "
                   "is reported is model-dependent (A22-6821-0 p.78); vm67 checks addresses first")


def rule_addressing_terminated(case, vm, other, oracle):
    """An addressing exception may terminate the instruction (A22-6821-0
    p.148 'suppress/terminate'; for decimal instructions p.39: 'the
    result data and the condition code are unpredictable'): what the
    other model stored before it is not compared. vm67 suppresses."""
    if vm.interruption_code() != 0x05 or other.interruption_code() != 0x05:
        return None
    if not vm67_suppressed(case, vm) or not operands.reaches_past(case.instruction, case.regs, STORAGE_SIZE):
        return None
    registers = (1, 2) if case.mnemonic in ("TRT", "EDMK") else ()
    if not same_except(vm, other, registers=registers, memory=True, old_psw_cc=True):
        return None
    return Verdict("unpredictable (terminated)", True,
                   "addressing exception: the operation is suppressed or terminated (A22-6821-0 p.148; p.39 "
                   "for decimal: 'the result data and the condition code are unpredictable'); the other "
                   "model stored part of the result, vm67 stores nothing")


def rule_compare_ends_early(case, vm, other, oracle):
    """CLC compares left to right and 'ends as soon as an inequality is
    found' (A22-6821-0 'Compare Logical'): whether bytes past that point,
    past the end of storage, still raise the addressing exception is the
    model's choice (the S/370 PoO says so outright: 'it is unpredictable
    whether the access exception for the inaccessible part is
    recognized'). vm67 checks the whole operands first."""
    if case.mnemonic != "CLC" or vm.interruption_code() != 0x05 or other.interruption:
        return None
    if not operands.reaches_past(case.instruction, case.regs, STORAGE_SIZE) or vm.regs != other.regs:
        return None
    return Verdict("model-dependent compare end", True,
                   "CLC ends at the first unequal byte (A22-6821-0 'Compare Logical'; S/370: the access "
                   "exception for an inaccessible part is unpredictable); the other model does not look at "
                   "the bytes past the end of storage after it, vm67 checks both operands whole first")


def rule_simh_table_whole(case, vm, other, oracle):
    if oracle != "simh" or case.mnemonic not in ("TR", "TRT") or vm.interruption or other.interruption_code() != 0x05:
        return None
    ranges = operands.operand_ranges(case.instruction, case.regs)
    first, _ = ranges
    if first[0] + first[1] > STORAGE_SIZE:
        return None
    return Verdict("simh-translate-table", True,
                   "TR/TRT reference only the table bytes the argument bytes select (A22-6821-0 'Translate', 'Translate and Test'); "
                   "SIMH checks the whole 256-byte table against the end of storage; vm67 agrees with "
                   "Hercules")


def rule_simh_spurious_addressing(case, vm, other, oracle):
    if oracle != "simh" or vm.interruption or other.interruption_code() != 0x05:
        return None
    if not operands.all_inside(case.instruction, case.regs, STORAGE_SIZE):
        return None
    return Verdict("simh-spurious-addressing", True,
                   "every operand byte lies inside storage, so there is no addressing exception (A22-6821-0 "
                   "p.79); SIMH raises one; vm67 agrees with Hercules")


RULES = [rule_alignment_under_execute, rule_odd_or_unavailable_fetch_address, rule_exception_order, rule_addressing_terminated,
         rule_compare_ends_early, rule_simh_table_whole, rule_simh_spurious_addressing, rule_unassigned_specification, rule_simh_decimal_compare, rule_simh_decimal_divide, rule_alignment, rule_odd_instruction_address, rule_hercules_execute_ilc, rule_simh_convert_to_binary, rule_simh_compare_alignment, rule_halve, rule_underflow_true_zero, rule_overflow_cc3, rule_data_exception_terminates,
         rule_simh_divide_overflow, rule_simh_zero_fraction_product, rule_simh_zero_result_cc,
         rule_simh_specification_before_data]


def identical(a, b):
    return (a.regs == b.regs and a.fprs == b.fprs and a.balr_word == b.balr_word and a.memory == b.memory
            and a.fell_through == b.fell_through and a.interruption == b.interruption and a.old_psw == b.old_psw)


def classify(case, vm, other, oracle, hercules=None):
    """`hercules`: Hercules's result for the case when `oracle` is SIMH; a
    simh-... verdict needs vm67 and Hercules to agree, or to differ only
    in a way another rule explains."""
    for rule in RULES:
        verdict = rule(case, vm, other, oracle)
        if verdict is None:
            continue
        if (verdict.key.startswith("simh-") and case.architecture != "360" and hercules is not None
                and not identical(vm, hercules) and not classify(case, vm, hercules, "herc").explained):
            continue
        return verdict
    return Verdict("unexplained", False, "")
