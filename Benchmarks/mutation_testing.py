#!/usr/bin/env python3
"""Mutation testing of derivation files: how many planted errors does `phasecheck verify` catch?

Each mutant changes one binary operator (`+` <-> `-`, `*` <-> `/`, `^` -> `*`; unary signs, `->`, `==` and the
exponent of a number such as `1e-3` are left alone) in one line of a file: a claim, or a model line (`let`,
`solution`, `ode`, `map`, `loss`, `state`, `scenario`, `param`, `noise`). Continuation lines of a multi-line
expression are not mutated (in meng_wang_contrastive.phc they are the polynomials a script generates).

- A mutant of a claim line is verified on a file holding the model and that claim alone (with the claims that
  define the points it names: `stationary P`, `fixedpoint P` for `stable at P`); it is caught when the claim FAILS. The claim must hold alone first (its baseline), or its mutants are skipped and said so.
- A mutant of a model line is verified on the whole file (its claims as kept by --only-claims; `region`
  lines, claims of their own, are left out); it is caught when some claim that holds on the unmutated file
  FAILS.

Outcomes: FAILS (caught); rejected (the file no longer reads: a clear error, but not a FAILS verdict);
error/undecided (no claim fails but one that held no longer holds: a value became undefined, say); timeout;
survived (every claim still holds). A survivor is checked with SymPy: when the mutated expression minus the
original simplifies to 0 (positive symbols) the mutant is equivalent and cannot be caught; when it does at
the file's parameter values only, that is said, but the mutant still counts. The rates are taken over the
non-equivalent mutants (equivalent: SymPy's, plus those named with --equivalent after review).

    python3 Benchmarks/mutation_testing.py [FILES...] [--binary PATH] [--jobs N] [--every K]
        [--only-claims REGEX] [--lines N,...] [--equivalent FILE:LINE:COL,...] [--max-seconds S] [--verbose]

FILES default to every derivations/*.phc; --binary defaults to the release build when it exists, else the
debug build. --every K keeps every K-th mutant of each file (a deterministic sample); --only-claims REGEX keeps
the claims whose name matches REGEX from its start (a plain prefix such as `K` works; the model-line mutants are
then judged by those claims alone); --lines keeps the mutants of the given lines. Prints each mutant that is not
FAILS (all of them with --verbose), then a Markdown row per file with the counts and rates.
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
MODEL_LINE = re.compile(r"^(let|solution|ode|map|loss|state|scenario|param|noise)\b")
CLAIM_LINE = re.compile(r'^claim\s+"([^"]*)"')
POINT_CLAIM = re.compile(r":\s*(stationary|fixedpoint)\s+([A-Za-z_][A-Za-z_0-9]*)")


def code_part(line):
    """The code of a line: up to a comment, with strings (claim names) blanked out, same length as the line."""
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


def operator_positions(line):
    """Columns (0-based) of the binary operators of a line's code."""
    code = code_part(line)
    if CLAIM_LINE.match(line):
        # Only the statement, after `claim "name" [tags]:`.
        m = re.match(r'claim\s*(\[[^\]]*\])?\s*:', code)
        start = m.end() if m else len(code)
    else:
        start = 0
    positions = []
    for j in range(start, len(code)):
        ch = code[j]
        if ch not in SWAPS:
            continue
        previous = code[start:j].rstrip()
        if ch in "+-" and (not previous or previous[-1] in "=(,[:*/^<>~+-" or re.search(r"[0-9.][eE]$", previous)):
            continue  # a unary sign or a number's exponent
        if ch == "-" and code[j + 1:j + 2] == ">":
            continue  # `->`
        positions.append(j)
    return positions


class Mutant:
    def __init__(self, path, number, column, line, mutated, claim):
        self.path, self.number, self.column = path, number, column
        self.line, self.mutated = line, mutated
        self.claim = claim  # the claim's name for a claim line, None for a model line

    @property
    def where(self):
        return f"{os.path.basename(self.path)}:{self.number}:{self.column + 1}"

    @property
    def statement(self):
        """The mutated line's code, a claim's without its name."""
        code = code_part(self.mutated)
        return re.sub(r'^claim\s*(\[[^\]]*\])?\s*:', "", code).strip() if self.claim is not None else code.strip()

    @property
    def change(self):
        return f"`{self.line[self.column]}` -> `{self.mutated[self.column]}`"


class DerivationFile:
    """A derivation's lines split into model, claims and regions, and the files the mutants are verified on."""

    def __init__(self, path, only_claims=None):
        self.path = path
        self.lines = open(path).read().split("\n")
        self.kept = [True] * len(self.lines)
        for i, line in enumerate(self.lines):
            m = CLAIM_LINE.match(line)
            if line.startswith("region") or (m and only_claims and not re.match(only_claims, m.group(1))):
                self.kept[i] = False
        self.claims = {i: CLAIM_LINE.match(l).group(1) for i, l in enumerate(self.lines) if self.kept[i] and CLAIM_LINE.match(l)}
        # Claims that name a point (`stationary P = ...`, `fixedpoint P near ...`), which later claims use
        # (`stable at P`, `eigenvalues of jacobian at P`): a claim verified alone keeps the claims of its points.
        self.point_claims = {}
        for i in self.claims:
            m = POINT_CLAIM.search(code_part(self.lines[i]))
            if m:
                self.point_claims[m.group(2)] = i

    def companions(self, i):
        """The claims that claim i needs beside itself: those that define the points it names."""
        code = code_part(self.lines[i])
        return {j for name, j in self.point_claims.items() if j != i and re.search(r"\bat\s+" + name + r"\b", code)}

    def text(self, replace=None, claim_only=None):
        """The file with line `replace[0]` replaced by `replace[1]`; with `claim_only` (a line index), that
        claim alone among the claims."""
        out = []
        for i, line in enumerate(self.lines):
            if not self.kept[i] or (claim_only is not None and i in self.claims and i != claim_only
                                    and i not in self.companions(claim_only)):
                continue
            out.append(replace[1] if replace and replace[0] == i else line)
        return "\n".join(out) + "\n"

    def mutants(self):
        for i, line in enumerate(self.lines):
            if not self.kept[i] or not (i in self.claims or MODEL_LINE.match(line)):
                continue
            for j in operator_positions(line):
                mutated = line[:j] + SWAPS[line[j]] + line[j + 1:]
                yield Mutant(self.path, i + 1, j, line, mutated, self.claims.get(i))


def verify(binary, text, max_seconds):
    """{claim name: (status, detail)} of a verification, or None when the file is rejected, "timeout" when it
    did not finish; and the first error line."""
    with tempfile.NamedTemporaryFile("w", suffix=".phc", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        r = subprocess.run([binary, "verify", path, "--format", "json", "--max-seconds", str(max_seconds)],
                           capture_output=True, text=True, timeout=30 * max_seconds)
    except subprocess.TimeoutExpired:
        return "timeout", ""
    finally:
        os.unlink(path)
    message = next((l for l in r.stderr.splitlines() if "error" in l), r.stderr.strip()[:200])
    try:
        files = json.loads(r.stdout)["files"]
    except ValueError:
        return None, message
    if not files:
        return None, message
    return {c["name"]: (c["status"], c["detail"]) for c in files[0]["claims"]}, message


def sympy_equivalence(original, mutated, parameters):
    """'equivalent' when SymPy shows the mutated statement's expressions equal to the original's (positive
    symbols), 'equal at the file's values' when it does with the parameters at their values, 'different', or
    None when SymPy cannot read them."""
    try:
        import sympy as sp
    except ImportError:
        return None

    def sides(s):
        s = code_part(s)
        s = re.sub(r'^claim\s*(\[[^\]]*\])?\s*:', " ", s)
        s = re.sub(r"^(let|solution|ode|map|loss)\s+[A-Za-z_][A-Za-z_0-9]*'?\s*=", " ", s)
        s = re.sub(r"\bat\s+(t\s*=\s*\S+|step\s+\S+)", " ", s)
        s = re.sub(r"\b(identity|value|invariant|rate|limit|monotone|converges|to|digits \d+|under \w+)\b", " ", s)
        return [p.strip() for p in re.split(r"==|~|->", s) if p.strip()]

    try:
        a, b = sides(original), sides(mutated)
        if len(a) != len(b) or not a:
            return None
        verdict = "equivalent"
        for x, y in zip(a, b):
            ex, ey = (sp.sympify(e.replace("^", "**")) for e in (x, y))
            positive = {s: sp.Symbol(s.name, positive=True) for s in ex.free_symbols | ey.free_symbols}
            gap = ex.subs(positive) - ey.subs(positive)
            if sp.simplify(gap) == 0:
                continue
            values = {positive[s]: v for s, v in ((sp.Symbol(k), v) for k, v in parameters.items()) if s in positive}
            if values and sp.simplify(gap.subs(values)) == 0:
                verdict = "equal at the file's values"
                continue
            return "different"
        return verdict
    except Exception:
        return None


def parameter_values(lines):
    values = {}
    for line in lines:
        m = re.match(r"param\s+([A-Za-z_][A-Za-z_0-9]*)\s*=\s*([^#]*?)(\s+in\s+.*)?(#.*)?$", line)
        if m:
            try:
                import sympy as sp
                values[m.group(1)] = sp.nsimplify(sp.sympify(m.group(2).replace("^", "**")))
            except Exception:
                pass
    return values


def run_file(path, args, pool, equivalent_reviewed):
    source = DerivationFile(path, args.only_claims)
    mutants = list(source.mutants())[::args.every]
    if args.lines:
        mutants = [m for m in mutants if m.number in args.lines]
    claim_lines = sorted({m.number - 1 for m in mutants if m.claim is not None})
    baseline_jobs = {"file": pool.submit(verify, args.binary, source.text(), args.max_seconds)}
    for i in claim_lines:
        baseline_jobs[i] = pool.submit(verify, args.binary, source.text(claim_only=i), args.max_seconds)
    baselines = {k: job.result()[0] for k, job in baseline_jobs.items()}
    whole = baselines["file"]
    if not isinstance(whole, dict):
        print(f"{path}: the unmutated file does not verify ({whole}); skipped", flush=True)
        return None
    holding = {name for name, (status, _) in whole.items() if status == "holds"}
    live, skipped = [], 0
    for m in mutants:
        if m.claim is None:
            live.append(m)
            continue
        alone = baselines[m.number - 1]
        if isinstance(alone, dict) and alone.get(m.claim, ("",))[0] == "holds":
            live.append(m)
        else:
            skipped += 1
    if skipped:
        print(f"{path}: {skipped} mutants skipped (their claim does not hold on its own)", flush=True)

    def outcome(m):
        if m.claim is not None:
            result, message = verify(args.binary, source.text((m.number - 1, m.mutated), claim_only=m.number - 1), args.max_seconds)
            watched = {m.claim}
        else:
            result, message = verify(args.binary, source.text((m.number - 1, m.mutated)), args.max_seconds)
            watched = holding
        if result == "timeout":
            return "timeout", ""
        if result is None:
            return "rejected", message
        statuses = {name: result[name] for name in watched if name in result}
        failing = [name for name, (status, _) in statuses.items() if status == "fails"]
        if failing:
            return "FAILS", failing[0] + ": " + result[failing[0]][1]
        broken = [(name, s, d) for name, (s, d) in statuses.items() if s != "holds"]
        if broken or len(statuses) < len(watched):
            name, status, detail = broken[0] if broken else ("?", "missing", "")
            return status, f"{name}: {detail}"
        return "survived", ""

    parameters = parameter_values(source.lines)
    counts = {}
    print(f"{path}: {len(live)} mutants ({sum(m.claim is None for m in live)} in model lines)", file=sys.stderr, flush=True)
    for k, (m, (status, detail)) in enumerate(zip(live, pool.map(outcome, live)), 1):
        if k % 10 == 0:
            print(f"  {k}/{len(live)}", file=sys.stderr, flush=True)
        if status == "survived":
            if m.where in equivalent_reviewed:
                status = "equivalent"
                detail = "reviewed (--equivalent)"
            else:
                verdict = sympy_equivalence(m.line, m.mutated, parameters)
                if verdict == "equivalent":
                    status = "equivalent"
                detail = f"SymPy: {verdict or 'cannot tell'}"
        counts[status] = counts.get(status, 0) + 1
        if status != "FAILS" or args.verbose:
            print(f"{status:10} {m.where} {m.change}: {m.statement[:140]}  [{detail[:200]}]", flush=True)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*")
    default = ".build/release/phasecheck" if os.path.exists(".build/release/phasecheck") else ".build/debug/phasecheck"
    parser.add_argument("--binary", default=default)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--every", type=int, default=1, help="keep every K-th mutant of each file")
    parser.add_argument("--only-claims", help="keep only the claims whose name matches this regular expression from its start")
    parser.add_argument("--equivalent", default="", help="FILE:LINE:COL of mutants reviewed as equivalent, comma-separated")
    parser.add_argument("--lines", type=lambda text: {int(x) for x in text.split(",")}, help="mutate only these line numbers (LINE,LINE,...)")
    parser.add_argument("--max-seconds", type=int, default=60, help="verify's budget per run")
    parser.add_argument("--verbose", action="store_true", help="print every mutant, FAILS included")
    args = parser.parse_args()
    files = args.files or sorted(glob.glob("derivations/*.phc"))
    reviewed = {x.strip() for x in args.equivalent.split(",") if x.strip()}
    rows = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for path in files:
            counts = run_file(path, args, pool, reviewed)
            if counts is not None:
                rows.append((path, counts))
    print()
    print("| file | mutants | FAILS | rejected | error/undecided | survived | equivalent | FAILS / non-equivalent | detected / non-equivalent |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    total = {}
    for path, counts in rows + [("all", None)]:
        if counts is None:
            counts = total
        else:
            for k, v in counts.items():
                total[k] = total.get(k, 0) + v
        n = sum(counts.values())
        fails, rejected = counts.get("FAILS", 0), counts.get("rejected", 0)
        other = sum(v for k, v in counts.items() if k in ("error", "undecided", "timeout", "missing"))
        equivalent = counts.get("equivalent", 0)
        considered = max(n - equivalent, 1)
        print(f"| {os.path.basename(path)} | {n} | {fails} | {rejected} | {other} | {counts.get('survived', 0)} | {equivalent} | "
              f"{100 * fails / considered:.1f}% | {100 * (fails + rejected + other) / considered:.1f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
