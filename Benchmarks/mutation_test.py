#!/usr/bin/env python3
"""Mutation testing of a bundled derivation (issue 16): one operator changed per mutant.

Each mutant replaces one arithmetic operator of one line (`+` <-> `-`, `*` <-> `/`, `^` -> `*`) or one comparison
in the file's model lines (`let`, `solution`, `ode`, initial values) and claim lines, and runs
`phasecheck verify` on it. A mutant is caught when some claim FAILS or the file is rejected; one that only
makes claims undecided, or leaves every claim holding, survives and is listed for review (an equivalent
mutant, such as `x*1` -> `x/1`, cannot be caught and is counted apart when named with --equivalent).

    python3 Benchmarks/mutation_test.py derivations/kunin_get_rich_quick.phc [--only-claims PREFIX] [--every K]
        [--binary .build/debug/phasecheck] [--equivalent LINE:COL,...]

--only-claims PREFIX keeps only the claims whose name starts with PREFIX (and mutates only those lines, plus the
model lines): the flagship file has many slow claims the mutants would not reach. --every K takes every K-th
mutant (a deterministic sample). Prints one line per mutant and the catch rate.
"""
import argparse
import re
import subprocess
import sys
import tempfile
import os

SWAPS = {"+": "-", "-": "+", "*": "/", "/": "*", "^": "*"}
MUTABLE = re.compile(r"^(let|solution|ode|claim|state|scenario)\b")


def code_part(line):
    """The part of a line that is code: up to a comment, with claim names (strings) masked."""
    out, in_string = [], False
    for ch in line:
        if ch == '"':
            in_string = not in_string
            out.append(" ")
        elif in_string:
            out.append(" ")
        elif ch == "#":
            break
        else:
            out.append(ch)
    return "".join(out)


def mutants(lines):
    for i, line in enumerate(lines):
        if not MUTABLE.match(line):
            continue
        code = code_part(line)
        for j, ch in enumerate(code):
            if ch not in SWAPS:
                continue
            prev = code[:j].rstrip()
            # A unary minus or a sign in an exponent (1e-5) changes nothing an operator swap tests.
            if ch in "+-" and (not prev or prev[-1] in "=(,[:*/^<>" or re.search(r"\d[eE]$", prev)):
                continue
            # The `'` of `ode x' = ...` and `->` are syntax, not operators.
            if ch == "-" and code[j + 1:j + 2] == ">":
                continue
            yield i, j, line[:j] + SWAPS[ch] + line[j + 1:]


def verify(binary, text):
    with tempfile.NamedTemporaryFile("w", suffix=".phc", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        r = subprocess.run([binary, "verify", path, "--max-seconds", "60"], capture_output=True, text=True, timeout=900)
    finally:
        os.unlink(path)
    out = r.stdout + r.stderr
    if re.search(r"^\s+FAILS\b", out, re.M) or r.returncode == 2 or "error:" in out:
        return "caught"
    if re.search(r"^\s+(undecided|ERROR)\b", out, re.M):
        return "undecided"
    return "survived"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--binary", default=".build/debug/phasecheck")
    p.add_argument("--only-claims")
    p.add_argument("--every", type=int, default=1)
    p.add_argument("--equivalent", default="", help="LINE:COL of mutants reviewed as equivalent")
    a = p.parse_args()
    lines = open(a.file).read().split("\n")
    if a.only_claims:
        lines = [l for l in lines if not l.startswith("claim ") or l.startswith('claim "' + a.only_claims)]
    equivalent = {tuple(map(int, x.split(":"))) for x in a.equivalent.split(",") if x}
    counts = {"caught": 0, "undecided": 0, "survived": 0, "equivalent": 0}
    all_mutants = list(mutants(lines))[:: a.every]
    for k, (i, j, mutated) in enumerate(all_mutants):
        text = "\n".join(lines[:i] + [mutated] + lines[i + 1:])
        outcome = verify(a.binary, text)
        if outcome != "caught" and (i + 1, j + 1) in equivalent:
            outcome = "equivalent"
        counts[outcome] += 1
        print(f"[{k + 1}/{len(all_mutants)}] {outcome:10} {i + 1}:{j + 1}: {mutated.strip()[:150]}", flush=True)
    considered = counts["caught"] + counts["undecided"] + counts["survived"]
    rate = counts["caught"] / considered if considered else 1.0
    print(f"mutants {len(all_mutants)}: caught {counts['caught']}, undecided {counts['undecided']}, "
          f"survived {counts['survived']}, equivalent {counts['equivalent']}; "
          f"caught / non-equivalent = {rate:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
