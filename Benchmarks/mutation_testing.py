"""Mutation testing of the bundled derivations (issue 10): how many wrong claims does `verify` catch?

Each mutant changes one operator in one claim line or one `solution` line of a derivation: a binary
`+` <-> `-`, `*` <-> `/`, or `^` -> `*`. A claim mutant is checked on a file holding the model and that
claim alone; a solution mutant on the model with its `solves ode` claim. A mutant is caught when the
claim does not hold (FAILS; undecided and ERROR are counted apart). Mutants that survive are listed
with a SymPy verdict on whether they are equivalent to the original (the mutated expression minus the
original simplifies to 0 for positive symbols); the score is caught / (mutants - equivalent ones).

Run: python3 Benchmarks/mutation_testing.py [--binary .build/release/phasecheck] [--jobs 2] [FILES...]
(default: every derivations/*.phc). Prints one line per surviving mutant, then the totals.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

SWAPS = {"+": "-", "-": "+", "*": "/", "/": "*", "^": "*"}


def operator_positions(text, start):
    """Indices (from `start`) of binary operators outside quotes: not a unary minus, not part of `->`, `==`,
    a number's exponent (`1e-3`), or a derivative's prime."""
    positions = []
    previous = ""
    i = start
    while i < len(text):
        c = text[i]
        if c == "#":
            break
        if c in SWAPS:
            after = text[i + 1] if i + 1 < len(text) else ""
            unary = c == "-" and previous in ("", "(", "[", ",", "=", "+", "-", "*", "/", "^", "~", ">", "<")
            arrow = c == "-" and after == ">"
            exponent = c in "+-" and re.search(r"[0-9.]e$", text[start:i]) is not None
            if not (unary or arrow or exponent):
                positions.append(i)
        if not c.isspace():
            previous = c
        i += 1
    return positions


def statement_start(line):
    """Where a claim's statement begins (after `claim "name":`), or a solution's right side."""
    if line.startswith("claim"):
        m = re.match(r'claim\s+"[^"]*"\s*(\[[^\]]*\])?\s*:', line)
        return m.end() if m else None
    if line.startswith("solution"):
        return line.index("=") + 1 if "=" in line else None
    return None


def run(binary, text, claim_name):
    """The status of one claim of `text` (holds, fails, undecided, error) or `invalid` (not read), and its detail."""
    with tempfile.NamedTemporaryFile("w", suffix=".phc", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        out = subprocess.run([binary, "verify", path, "--format", "json", "--max-seconds", "60"],
                             capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return "timeout", ""
    finally:
        os.unlink(path)
    try:
        claims = json.loads(out.stdout)["files"][0]["claims"]
    except (ValueError, KeyError, IndexError):
        return "invalid", out.stderr.strip()
    for c in claims:
        if c["name"] == claim_name:
            return c["status"], c["detail"]
    return "invalid", ""


def sympy_equivalent(original, mutated):
    """True when SymPy shows the two statements' expressions equal (each side of `==` compared), False when it
    shows them different, None when it cannot read them."""
    try:
        import sympy as sp
    except ImportError:
        return None
    def sides(s):
        s = re.sub(r"\b(identity|value|at t =|invariant|rate|limit|monotone|converges|to|digits \d+)\b", " ", s)
        return [part.strip() for part in re.split(r"==|~|->", s) if part.strip()]
    try:
        a, b = sides(original), sides(mutated)
        if len(a) != len(b):
            return None
        for x, y in zip(a, b):
            ex = sp.sympify(x.replace("^", "**"))
            ey = sp.sympify(y.replace("^", "**"))
            positive = {s: sp.Symbol(s.name, positive=True) for s in (ex.free_symbols | ey.free_symbols)}
            if sp.simplify(ex.subs(positive) - ey.subs(positive)) != 0:
                return False
        return True
    except Exception:
        return None


def mutants_of(path):
    """(description, mutant file text, claim name, original statement, mutated statement) for each mutant,
    and the baselines to check first: (claim name, text)."""
    lines = open(path).read().split("\n")
    is_claim = [l.startswith("claim") for l in lines]
    # `region` lines are claims of their own in verify: left out of single-claim files.
    model = [l for l, c in zip(lines, is_claim) if not c and not l.startswith("region")]
    solves = next((l for l in lines if l.startswith("claim") and l.rstrip().endswith("solves ode")), None)
    baselines, mutants = [], []
    for number, line in enumerate(lines, 1):
        start = statement_start(line)
        if start is None or not (line.startswith("claim") or solves):
            continue
        if line.startswith("claim"):
            name = re.match(r'claim\s+"([^"]*)"', line).group(1)
            def file_with(claim_line):
                return "\n".join(model + [claim_line]) + "\n"
        else:
            name = re.match(r'claim\s+"([^"]*)"', solves).group(1)
            def file_with(solution_line, number=number):
                return "\n".join((solution_line if i + 1 == number else l) for i, l in enumerate(lines)
                                 if not lines[i].startswith("region") and (not is_claim[i] or l == solves)) + "\n"
        baselines.append((name, file_with(line)))
        for i in operator_positions(line, start):
            mutated = line[:i] + SWAPS[line[i]] + line[i + 1:]
            mutants.append((f"{os.path.basename(path)}:{number}:{i + 1} `{line[i]}` -> `{SWAPS[line[i]]}`",
                            file_with(mutated), name, line[start:], mutated[start:]))
    return baselines, mutants


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=".build/release/phasecheck")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    files = args.files or sorted(glob.glob("derivations/*.phc"))
    counts = {}
    survivors = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for path in files:
            baselines, mutants = mutants_of(path)
            base = dict(zip([b[0] for b in baselines], (status for status, _ in pool.map(lambda b: run(args.binary, b[1], b[0]), baselines))))
            live = [m for m in mutants if base.get(m[2]) == "holds"]
            skipped = len(mutants) - len(live)
            if skipped:
                print(f"{path}: {skipped} mutants skipped (their claim does not hold on its own: "
                      f"{sorted(set(base[m[2]] for m in mutants if base.get(m[2]) != 'holds'))})", flush=True)
            for m, (status, detail) in zip(live, pool.map(lambda m: run(args.binary, m[1], m[2]), live)):
                counts[status] = counts.get(status, 0) + 1
                if status in ("error", "undecided", "timeout", "invalid"):
                    print(f"caught as {status}: {m[0]}: {m[4].strip()}: {detail[:160]}", flush=True)
                if status == "holds":
                    equivalent = sympy_equivalent(m[3], m[4])
                    survivors.append((m, equivalent))
                    print(f"survived: {m[0]}: {m[4].strip()}  (SymPy: "
                          f"{'equivalent' if equivalent else 'different' if equivalent is False else 'cannot tell'})", flush=True)
    valid = sum(v for k, v in counts.items() if k != "invalid")
    equivalent = sum(1 for _, e in survivors if e)
    caught = valid - counts.get("holds", 0)
    print(f"mutants: {valid} read ({counts.get('invalid', 0)} not readable, left out); outcomes {dict(sorted(counts.items()))}")
    print(f"caught {caught} of {valid} ({100 * caught / max(valid, 1):.1f}%), {counts.get('fails', 0)} of them as FAILS; "
          f"{equivalent} surviving mutants SymPy shows equivalent; "
          f"non-equivalent caught: {caught} of {valid - equivalent} ({100 * caught / max(valid - equivalent, 1):.1f}%)")


if __name__ == "__main__":
    main()
