#!/usr/bin/env python3
"""Turns the results of difftest.py runs into the checked-in vector files
that tests/unit/cpu/test_differential_vectors.c replays through the CPU.

    make_vectors.py WORKDIR GROUP OUT.vec [--budget BYTES] [--seed S]

For every case of GROUP under WORKDIR (cases.json and the punched
results of each program directory) the expected outcome is:
  - Hercules's result when vm67 agrees with it (src=herc; src=herc+simh
    when SIMH agrees too);
  - vm67's result when the difference is one that classify.py explains
    by a rule that checks vm67's side against the 360 PoO (src=the
    rule's key, e.g. "360-vs-370 HALVE");
  - for a 360-only group (no Hercules), SIMH's result when vm67 agrees
    with it, else vm67's result under a classify.py rule.
Unexplained cases are never written. A terminated instruction (data
exception) keeps only the interruption: skip= names what the PoO leaves
unpredictable.

The cases are bucketed by instruction and outcome (interruption code,
condition code, branch), and the file takes every bucket's smallest
cases first, then more, until the byte budget is used, so that the file
stays small and still covers every outcome seen.

Header lines: `area ADDRESS SIZE` (the areas the cases use), `storage
SIZE` (when not 64K), `mode usascii` (PSW bit 12 on for every vector).
Line format (one vector a line; # starts a comment):
  MNEMONIC i=INSTRUCTION at=ADDRESS cc=N pm=X [rN=HEX8] [fN=HEX16]
      [mADDRESS=HEX]... -> [rN=HEX8] [fN=HEX16] [mADDRESS=HEX]...
      (cc=N pm=X next=ADDRESS | pgm=CODE psw=WORD1 | svc=CODE psw=WORD1)
      [skip=mem,r1,cc] src=WHERE
Input registers and FPRs not listed hold the fill pattern of
case_builder.py; output ones not listed are unchanged. Memory is
absolute; after the instruction the whole operand area (the header's
`area ADDRESS SIZE`) must equal the input with the output runs applied.
"""

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import classify  # noqa: E402
import program  # noqa: E402
from case_builder import HIGH_AREA, OPERAND_AREA, STORAGE_SIZE, area_address, fill_fpr, fill_register  # noqa: E402


class Loaded:
    """A case as cases.json keeps it (the attributes classify.py reads)."""

    def __init__(self, data, operand_size):
        self.operand_size = operand_size
        self.group = data["group"]
        self.mnemonic = data["mnemonic"]
        self.instruction = bytes.fromhex(data["instruction"])
        self.regs = [int(r, 16) for r in data["regs"]]
        self.fprs = [int(f, 16) for f in data["fprs"]]
        self.cc = data["cc"]
        self.program_mask = data["program_mask"]
        self.memory = bytearray.fromhex(data["memory"])
        self.notes = data["notes"]
        self.architecture = data["architecture"]


def load_program(directory):
    with open(os.path.join(directory, "cases.json")) as f:
        data = json.load(f)
    cases = [Loaded(c, data["operand_size"]) for c in data["cases"]]
    results = {}
    for oracle, name in (("vm67", "vm67.pch"), ("herc", "herc.pch"), ("simh", "simh.pch")):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                results[oracle] = program.decode_punch(f.read(), len(cases),
                                                       data["operand_size"] + data.get("high_size", 0))
    return data, cases, results


def expected_outcome(case, results, n):
    """(result, source, skip) or None when the case is not usable."""
    vm = results["vm67"][n]
    herc = results["herc"][n] if "herc" in results else None
    simh = results["simh"][n] if "simh" in results else None
    if herc is not None:
        if classify.identical(vm, herc):
            return herc, "herc+simh" if simh is not None and classify.identical(vm, simh) else "herc", ()
        verdict = classify.classify(case, vm, herc, "herc")
    elif simh is not None:
        if classify.identical(vm, simh):
            return simh, "simh", ()
        verdict = classify.classify(case, vm, simh, "simh")
    else:
        return None
    if not verdict.explained:
        return None
    skip = ()
    if verdict.key.startswith("unpredictable"):
        skip = ("mem", "cc") + (("r1",) if case.mnemonic == "EDMK" else ())
    return vm, verdict.key.replace(" ", "_"), skip


def split_areas(memory, operand_size):
    """(real address, bytes) of the operand area and the high area."""
    parts = [(OPERAND_AREA, memory[:operand_size])]
    if len(memory) > operand_size:
        parts.append((area_address(operand_size, operand_size), memory[operand_size:]))
    return parts


def memory_runs(before, after, operand_size):
    runs = []
    for (base, old), (_, new) in zip(split_areas(before, operand_size), split_areas(after, operand_size)):
        i = 0
        while i < len(new):
            if old[i] != new[i]:
                j = i
                while j < len(new) and old[j] != new[j]:
                    j += 1
                runs.append("m%X=%s" % (base + i, bytes(new[i:j]).hex().upper()))
                i = j
            else:
                i += 1
    return runs


def input_memory_runs(memory, operand_size):
    runs = []
    for base, part in split_areas(memory, operand_size):
        i = 0
        while i < len(part):
            if part[i]:
                j = i
                # Keep short zero gaps inside a run: fewer, longer tokens.
                while j < len(part) and (part[j] or any(part[j:j + 4])):
                    j += 1
                runs.append("m%X=%s" % (base + i, bytes(part[i:j]).hex().upper()))
                i = j
            else:
                i += 1
    return runs


def vector_line(case, result, source, skip, exslot):
    tokens = [case.mnemonic, "i=" + case.instruction.hex().upper(), "at=%X" % exslot,
              "cc=%d" % case.cc, "pm=%X" % case.program_mask]
    for r in range(16):
        if case.regs[r] != fill_register(r):
            tokens.append("r%d=%08X" % (r, case.regs[r]))
    for i in range(4):
        if case.fprs[i] != fill_fpr(i):
            tokens.append("f%d=%016X" % (2 * i, case.fprs[i]))
    tokens += input_memory_runs(case.memory, case.operand_size)
    tokens.append("->")
    for r in range(16):
        if result.regs[r] != case.regs[r]:
            tokens.append("r%d=%08X" % (r, result.regs[r]))
    for i in range(4):
        if result.fprs[i] != case.fprs[i]:
            tokens.append("f%d=%016X" % (2 * i, result.fprs[i]))
    if "mem" not in skip:
        tokens += memory_runs(case.memory, result.memory, case.operand_size)
    if result.interruption:
        kind = "pgm" if result.interruption == 1 else "svc"
        tokens.append("%s=%04X" % (kind, int.from_bytes(result.old_psw[2:4], "big")))
        tokens.append("psw=%s" % result.old_psw[4:8].hex().upper())
    else:
        tokens.append("cc=%d" % result.cc)
        tokens.append("pm=%X" % result.program_mask)
        if result.fell_through:
            tokens.append("next=%X" % (exslot + len(case.instruction)))
        else:
            tokens.append("next=%X" % (exslot + 10))
    if skip:
        tokens.append("skip=" + ",".join(skip))
    tokens.append("src=" + source)
    return " ".join(tokens)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("work")
    parser.add_argument("group")
    parser.add_argument("output")
    parser.add_argument("--budget", type=int, default=120000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    buckets = {}
    operand_size = None
    high_size = 0
    ascii_mode = False
    programs = 0
    considered = 0
    for name in sorted(os.listdir(args.work)):
        directory = os.path.join(args.work, name)
        if not name.startswith(args.group + "-") or not os.path.exists(os.path.join(directory, "cases.json")):
            continue
        data, cases, results = load_program(directory)
        if "vm67" not in results or data.get("dat"):
            continue
        programs += 1
        operand_size = data["operand_size"]
        high_size = data.get("high_size", 0)
        ascii_mode = data.get("ascii", False)
        exslot = data.get("exslot", program.EXSLOT)
        for n, case in enumerate(cases):
            considered += 1
            outcome = expected_outcome(case, results, n)
            if outcome is None:
                continue
            result, source, skip = outcome
            line = vector_line(case, result, source, skip, exslot)
            key = (case.mnemonic, result.interruption, int.from_bytes(result.old_psw[2:4], "big"),
                   result.cc if not result.interruption else -1, result.fell_through, source,
                   "EX target across 2K" in case.notes, exslot)
            buckets.setdefault(key, []).append(line)

    rng = random.Random(args.seed)
    for lines in buckets.values():
        rng.shuffle(lines)
        lines.sort(key=len)
    chosen = []
    used = 0
    round_number = 0
    while used < args.budget:
        added = False
        for key in sorted(buckets, key=str):
            lines = buckets[key]
            if round_number < len(lines):
                line = lines[round_number]
                if used + len(line) > args.budget:
                    continue
                chosen.append(line)
                used += len(line) + 1
                added = True
        if not added:
            break
        round_number += 1
    chosen.sort(key=lambda line: line.split()[0])
    with open(args.output, "w") as f:
        f.write("# vm67 differential vectors: group %s.\n" % args.group)
        f.write("# Made by tests/differential/make_vectors.py from %d random programs (%d cases) run on vm67,\n"
                % (programs, considered))
        f.write("# Hercules 3.13 (S/370 mode) and SIMH ibm360; see tests/differential/README.md.\n")
        f.write("# %d vectors in %d outcome buckets.\n" % (len(chosen), len(buckets)))
        f.write("area %X %X\n" % (OPERAND_AREA, operand_size))
        if ascii_mode:
            f.write("mode usascii\n")
        if high_size:
            f.write("area %X %X\n" % (HIGH_AREA, high_size))
            f.write("storage %X\n" % STORAGE_SIZE)
        for line in chosen:
            f.write(line + "\n")
    print("%s: %d vectors, %d bytes, from %d buckets" % (args.output, len(chosen), used, len(buckets)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
