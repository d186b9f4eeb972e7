#!/usr/bin/env python3
"""Differential testing of vm67's CPU against Hercules and SIMH.

    difftest.py run GROUP [--seed S] [--programs P] [--cases N] [--work DIR]
                          [--vm67 PATH] [--no-hercules] [--simh] [--only M1,M2]
    difftest.py gen GROUP SEED N OUT.asm

`run` generates P programs of N random cases each for GROUP (fixed,
logical, branch, decimal, float, align), assembles each with `vm67 asm
--ipl`, runs the deck on vm67, Hercules 3.13 (S/370 mode) and, with
--simh, SIMH's ibm360, and compares the punched results case by case.
Every difference is printed with the case's inputs and classified (see
classify.py); the exit status is 1 if any difference is left
unexplained. The inputs and each oracle's results are kept in the work
directory (cases.json, *.pch) for make_vectors.py.

See README.md in this folder.
"""

import argparse
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import classify  # noqa: E402
import groups  # noqa: E402
import oracles  # noqa: E402
import program  # noqa: E402


def generate(group, seed, count, only=None):
    rng = random.Random("%s-%d" % (group, seed))
    module = groups.GROUPS[group]
    cases = []
    for n in range(count):
        case = module.build(n, rng, rng.choice(only) if only else None)
        case.finish_registers()
        cases.append(case)
    return cases, module.OPERAND_SIZE, getattr(module, "HIGH_SIZE", 0)


def case_to_json(case):
    return {
        "group": case.group, "mnemonic": case.mnemonic, "instruction": case.instruction.hex().upper(),
        "regs": ["%08X" % r for r in case.regs], "fprs": ["%016X" % f for f in case.fprs],
        "cc": case.cc, "program_mask": case.program_mask, "memory": case.memory.hex().upper(),
        "notes": case.notes, "architecture": case.architecture,
    }


def describe_case(n, case):
    lines = ["case %d: %s %s  CC=%d PM=%X%s" % (n, case.mnemonic, case.instruction.hex().upper(), case.cc,
                                                case.program_mask, "  [" + ", ".join(case.notes) + "]" if case.notes else "")]
    lines.append("  in  R: " + " ".join("%08X" % r for r in case.regs))
    lines.append("  in  F: " + " ".join("%016X" % f for f in case.fprs))
    mem = bytes(case.memory)
    used = [i for i in range(0, len(mem), 16) if any(mem[i:i + 16])]
    for i in used[:12]:
        lines.append("  in  M+%03X: %s" % (i, mem[i:i + 16].hex().upper()))
    return "\n".join(lines)


def describe_result(label, result):
    lines = ["  %-5s R: %s" % (label, " ".join("%08X" % r for r in result.regs)),
             "  %-5s F: %s" % (label, " ".join("%016X" % f for f in result.fprs)),
             "  %-5s BALR=%08X fell=%d int=%d oldPSW=%s" % (label, result.balr_word, result.fell_through,
                                                            result.interruption, result.old_psw.hex().upper())]
    return "\n".join(lines)


def differing_fields(a, b):
    fields = []
    for r in range(16):
        if a.regs[r] != b.regs[r]:
            fields.append("R%d" % r)
    for i in range(4):
        if a.fprs[i] != b.fprs[i]:
            fields.append("F%d" % (2 * i))
    if a.balr_word != b.balr_word:
        fields.append("CC/PM")
    if a.fell_through != b.fell_through:
        fields.append("branch")
    if a.interruption != b.interruption or a.old_psw != b.old_psw:
        fields.append("interruption")
    for i in range(len(a.memory)):
        if a.memory[i] != b.memory[i]:
            fields.append("M+%03X" % i)
            break
    return fields


def memory_diff(case, a, b, label_a, label_b):
    out = []
    for i in range(0, len(a.memory), 16):
        if a.memory[i:i + 16] != b.memory[i:i + 16]:
            at = case.area_address(i)
            out.append("  in    %06X: %s" % (at, bytes(case.memory[i:i + 16]).hex().upper()))
            out.append("  %-5s %06X: %s" % (label_a, at, a.memory[i:i + 16].hex().upper()))
            out.append("  %-5s %06X: %s" % (label_b, at, b.memory[i:i + 16].hex().upper()))
    return "\n".join(out)


def assemble(vm67, source_path, deck_path):
    listing = source_path[:-4] + ".lst"
    proc = subprocess.run([vm67, "asm", "--ipl", "-o", deck_path, "-l", listing, source_path],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError("vm67 asm failed on %s:\n%s" % (source_path, proc.stderr[-3000:]))


def layout_for(args, seed):
    if args.layout != "mixed":
        return args.layout
    return "cross" if seed % 3 == 0 else "plain"


def run_program(args, group, seed, directory):
    layout = layout_for(args, seed)
    if args.dat and group == "addressing":
        raise SystemExit("the addressing group needs real addresses: no --dat")
    program.set_layout(layout, getattr(groups.GROUPS[group], "ASCII_MODE", False), args.dat)
    cases, operand_size, high_size = generate(group, seed, args.cases, args.only.split(",") if args.only else None)
    os.makedirs(directory, exist_ok=True)
    source, _ = program.assemble_source("%s-%d" % (group, seed), seed, cases, operand_size, high_size)
    source_path = os.path.join(directory, "prog.asm")
    with open(source_path, "w") as f:
        f.write(source)
    with open(os.path.join(directory, "cases.json"), "w") as f:
        json.dump({"group": group, "seed": seed, "operand_size": operand_size, "high_size": high_size,
                   "layout": layout, "ascii": program.ASCII_MODE, "dat": program.DAT_MODE,
                   "exslot": program.EXSLOT, "landing": program.LANDING,
                   "cases": [case_to_json(c) for c in cases]}, f)
    deck = os.path.join(directory, "prog.deck")
    assemble(args.vm67, source_path, deck)
    results = {}
    punch, _ = oracles.run_vm67(args.vm67, deck, directory)
    results["vm67"] = program.decode_punch(punch, len(cases), operand_size + high_size)
    if not args.no_hercules and not args.dat and group not in groups.NOT_ON_HERCULES:
        punch, _ = oracles.run_hercules(deck, directory)
        results["herc"] = program.decode_punch(punch, len(cases), operand_size + high_size)
    if args.simh:
        punch, _ = oracles.run_simh(deck, directory)
        results["simh"] = program.decode_punch(punch, len(cases), operand_size + high_size)
    return cases, results


def compare(cases, results, report, tally):
    unexplained = 0
    vm = results["vm67"]
    for n, case in enumerate(cases):
        for oracle in ("herc", "simh"):
            if oracle not in results:
                continue
            other = results[oracle][n]
            fields = differing_fields(vm[n], other)
            tally["compared"] += 1
            if not fields:
                continue
            hercules = results["herc"][n] if oracle == "simh" and "herc" in results else None
            verdict = classify.classify(case, vm[n], other, oracle, hercules)
            tally[verdict.key] = tally.get(verdict.key, 0) + 1
            if not verdict.explained:
                unexplained += 1
            report.write("%s vs %s: %s [%s] %s\n" % ("vm67", oracle, ", ".join(fields), verdict.key, verdict.text))
            report.write(describe_case(n, case) + "\n")
            report.write(describe_result("vm67", vm[n]) + "\n")
            report.write(describe_result(oracle, other) + "\n")
            mem = memory_diff(case, vm[n], other, "vm67", oracle)
            if mem:
                report.write(mem + "\n")
            report.write("\n")
    return unexplained


def command_run(args):
    tally = {"compared": 0}
    unexplained = 0
    os.makedirs(args.work, exist_ok=True)
    report_path = os.path.join(args.work, "report-%s%s-%d.txt" % (args.group, "-dat" if args.dat else "", args.seed))
    with open(report_path, "w") as report:
        for p in range(args.programs):
            seed = args.seed + p
            directory = os.path.join(args.work, "%s%s-%d" % (args.group, "-dat" if args.dat else "", seed))
            cases, results = run_program(args, args.group, seed, directory)
            unexplained += compare(cases, results, report, tally)
            print("%s seed %d: %d cases, %s" % (args.group, seed, len(cases),
                                                 ", ".join("%s=%d" % kv for kv in sorted(tally.items()))), flush=True)
    print("report: %s" % report_path)
    print("unexplained differences: %d" % unexplained)
    return 1 if unexplained else 0


def command_gen(args):
    cases, operand_size, high_size = generate(args.group, args.seed, args.count)
    source, _ = program.assemble_source("%s-%d" % (args.group, args.seed), args.seed, cases, operand_size, high_size)
    with open(args.output, "w") as f:
        f.write(source)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("group", choices=sorted(groups.GROUPS))
    run.add_argument("--seed", type=int, default=1)
    run.add_argument("--programs", type=int, default=1)
    run.add_argument("--cases", type=int, default=300)
    run.add_argument("--work", default="/tmp/vm67-difftest")
    run.add_argument("--vm67", default=os.environ.get("VM67", "vm67"))
    run.add_argument("--no-hercules", action="store_true")
    run.add_argument("--simh", action="store_true")
    run.add_argument("--only", help="comma-separated mnemonics of the group to draw from")
    run.add_argument("--dat", action="store_true",
                     help="run the cases in EC mode with translation on, operand pages in scattered frames "
                          "(SIMH only: Hercules has no 67 DAT)")
    run.add_argument("--layout", choices=["plain", "cross", "mixed"], default="mixed",
                     help="where the instruction under test sits (cross: straddling a 2K block boundary)")
    gen = sub.add_parser("gen")
    gen.add_argument("group", choices=sorted(groups.GROUPS))
    gen.add_argument("seed", type=int)
    gen.add_argument("count", type=int)
    gen.add_argument("output")
    args = parser.parse_args()
    return command_run(args) if args.command == "run" else command_gen(args)


if __name__ == "__main__":
    sys.exit(main())
