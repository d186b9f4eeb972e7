"""The decimal instructions with the PSW's USASCII-8 bit (bit 12) on: the
results carry the ASCII preferred signs (1010 plus, 1011 minus) and zone
(0101) instead of EBCDIC's (A22-6821-0 p.35). System/370 gave bit 12 to
EC mode, so Hercules cannot run these; SIMH is the oracle.
"""

import group_decimal

OPERAND_SIZE = group_decimal.OPERAND_SIZE
ASCII_MODE = True
MNEMONICS = ["AP", "SP", "ZAP", "MP", "DP", "CVD", "UNPK", "ED", "EDMK", "PACK", "CVB"]


def build(case_number, rng, mnemonic=None):
    case = group_decimal.build(case_number, rng, mnemonic or rng.choice(MNEMONICS))
    case.group = "ascii"
    case.architecture = "360"
    return case
