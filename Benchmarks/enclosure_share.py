#!/usr/bin/env python3
"""Issue 15: the share of a run's CPU time spent inside BigInterval operations, from a perf profile.

    perf record -F 250 --call-graph dwarf,16384 -o run.data -- .build/debug/phasecheck verify derivations/*.phc
    perf script -i run.data -F tid,period,ip,sym,dso --no-inline > run.script
    python3 Benchmarks/enclosure_share.py run.script

A sample counts as "in a BigInterval operation" when some frame of its stack is a function of BigInterval
itself (`BigInterval.apply`, `BigInterval.multiply`, a `Scalar` witness of BigInterval, ...), not a generic
function merely specialized for BigInterval (a Taylor kernel `<BigInterval>` is the caller, not the cost).
Each such sample is charged to its outermost BigInterval frame (the operation the caller asked for), and the
part of it inside libmpfr/libgmp is counted apart: that part is what an Arb ball would replace; the rest is
Swift bookkeeping around the two MPFR calls. Symbols are demangled with `swift demangle --simplified`.

GMP's assembly kernels (mpn_mul_basecase, mpn_add_n, ...) carry no unwind tables, so a sample taken inside
one has no caller (at 300 digits a third of the samples). They are reported apart, with two figures: the
bounds (none of them, all of them in BigInterval operations), and an estimate that charges them, window by
window of WINDOW consecutive samples (perf script's order is the run's order), in the proportion of the
window's GMP/MPFR samples whose stack is known. Run with --window N to change WINDOW (default 100).
"""
import collections
import re
import subprocess
import sys


def samples(path):
    """Yield each sample's frames, innermost first, as (symbol, library)."""
    frames = []
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                if frames:
                    yield frames
                frames = []
                continue
            if not line.startswith("\t"):
                continue
            m = re.match(r"\s*[0-9a-f]+ (.*) \((.*)\)$", line)
            if m:
                frames.append((m.group(1), m.group(2).rsplit("/", 1)[-1]))
    if frames:
        yield frames


def demangled(symbols):
    names = sorted(s for s in symbols if s.startswith("$s"))
    out = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(names), capture_output=True,
                         text=True, check=True).stdout.splitlines()
    table = dict(zip(names, out))
    return lambda s: table.get(s, s)


OWN = re.compile(r"^(specialized |merged |outlined .*? of )*(static )?BigInterval[.(]"
                 r"|protocol witness for .* in conformance BigInterval\b")


def label(name):
    """`static BigInterval.apply(_:_:into:)` -> `BigInterval.apply(_:_:into:)`."""
    name = re.sub(r"^(specialized |merged |static )+", "", name)
    return name.split(" -> ")[0]


def main(path, window):
    all_samples = list(samples(path))
    symbols = {s for frames in all_samples for s, _ in frames}
    name = demangled(symbols)
    total = len(all_samples)
    in_op = 0
    in_op_mpfr = 0
    by_op = collections.Counter()
    by_op_mpfr = collections.Counter()
    mpfr_anywhere = 0
    stackless = 0
    estimated = 0.0
    unplaced = 0
    # Per window: known GMP/MPFR samples inside BigInterval operations, outside them, and stackless ones.
    counts = [0, 0, 0]
    for k, frames in enumerate(all_samples):
        libs = [lib for _, lib in frames]
        leaf_in_mpfr = libs[0].startswith(("libmpfr", "libgmp"))
        mpfr_anywhere += leaf_in_mpfr
        own = [i for i, (s, _) in enumerate(frames) if OWN.search(name(s))]
        if leaf_in_mpfr and len(frames) == 1:
            stackless += 1
            counts[2] += 1
        elif leaf_in_mpfr:
            counts[0 if own else 1] += 1
        if (k + 1) % window == 0 or k + 1 == len(all_samples):
            if counts[0] + counts[1]:
                estimated += counts[2] * counts[0] / (counts[0] + counts[1])
            else:
                unplaced += counts[2]
            counts = [0, 0, 0]
        if not own:
            continue
        outer = [i for i in own if not name(frames[i][0]).startswith("protocol witness")] or own
        op = label(name(frames[outer[-1]][0]))
        in_op += 1
        by_op[op] += 1
        if leaf_in_mpfr:
            in_op_mpfr += 1
            by_op_mpfr[op] += 1
    print(f"{path}: {total} samples")
    print(f"  leaf in libmpfr/libgmp (any caller):      {100 * mpfr_anywhere / total:5.1f}%")
    print(f"  inside BigInterval operations:             {100 * in_op / total:5.1f}%")
    print(f"    of which in libmpfr/libgmp:              {100 * in_op_mpfr / total:5.1f}%")
    print(f"  stackless GMP assembly samples (no caller): {100 * stackless / total:5.1f}%")
    print(f"  BigInterval operations, bounds:             {100 * in_op / total:5.1f}% - {100 * (in_op + stackless) / total:5.1f}%")
    print(f"  BigInterval operations, windowed estimate:  {100 * (in_op + estimated) / total:5.1f}%"
          f" ({100 * unplaced / total:.1f}% in windows with no known GMP/MPFR caller)")
    print("  by operation (outermost BigInterval frame): share of all samples, of which in MPFR")
    for op, n in by_op.most_common(15):
        print(f"    {100 * n / total:5.1f}%  {100 * by_op_mpfr[op] / total:5.1f}%  {op}")


if __name__ == "__main__":
    args = sys.argv[1:]
    window = 100
    if args[:1] == ["--window"]:
        window, args = int(args[1]), args[2:]
    for p in args:
        main(p, window)
