"""The instruction groups the generator knows, by name."""

import group_addressing
import group_align
import group_ascii
import group_branch
import group_decimal
import group_fixed
import group_float
import group_logical
import group_unassigned

GROUPS = {
    "addressing": group_addressing,
    "align": group_align,
    "ascii": group_ascii,
    "fixed": group_fixed,
    "logical": group_logical,
    "branch": group_branch,
    "decimal": group_decimal,
    "float": group_float,
    "unassigned": group_unassigned,
}

# Groups whose cases only a System/360 answers (Hercules runs S/370).
NOT_ON_HERCULES = {"unassigned", "ascii"}
