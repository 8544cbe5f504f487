#!/usr/bin/env python3
"""A second round of issue 18's hostile inputs: about 100 inputs of the same classes as
Benchmarks/hostile_cases.py, but new ones (other sizes, shapes, bytes, numbers and paths), since the issue's
authors run the same kinds of input again, not the same inputs.

Classes: wrong values with status 0 (huge and tiny times and parameters, domain errors on the command line),
crashes (flat and deep expressions of up to 10^6 terms through eval, diff, diff --simplify, verify, the LaTeX
printer and --format json; bad shapes on the command line), inputs that must be refused (shapes, degenerate
domains, horizons and digits, line ends, files without claims, bad bytes, special files), work that must end
within its budget, and output (a full disk for every command, --out into a read-only folder, through a symlink,
and interrupted).

Usage: Benchmarks/hostile_fresh_cases.py BINARY [--classes a,b] [--jsonl FILE]
Each failure prints the command that reproduces it; the summary gives cases and problems per class.
"""
import argparse, json, os, shlex, signal, subprocess, sys, tempfile, time
from pathlib import Path

import mpmath

from hostile_cases import Case, ROOT, run_cases, eval_check, logistic_reference

S, X, K, G = ("derivations/saxe_logistic.phc", "derivations/xu_ziyin_linear_network.phc",
              "derivations/kunin_single_neuron.phc", "derivations/gd_scalar_network.phc")
SAXE = (ROOT / S).read_text()


def write(tmp, name, data):
    path = os.path.join(tmp, name)
    Path(path).write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def refused(*words):
    """A check that the command was refused (status 2) with a message containing every word."""
    def check(status, out, err):
        if status != 2:
            return f"refused: status {status}, expected 2"
        missing = [w for w in words if w.lower() not in err.lower()]
        return f"unclear: the message lacks {missing}" if missing else None
    return check


def budget_said(status, out, err):
    """A run stopped by its budget says so and names the option to raise."""
    text = out + err
    if "budget" in text and "--max-" not in text:
        return "unclear: a budget was exhausted without naming the option to raise"
    return None


def values(tmp):
    """Wrong values with status 0: the logistic at times the double range cannot hold, parameters at the edges."""
    cases = []
    for t in ["10^15", "-10^12", "1e-400", "2^2000", "-(10^9 + 1/3)", "10^9/7", "log(10^300)", "exp(-700)"]:
        cases.append(Case("values", ["solve", S, "--at", t], budget=120, check=logistic_reference(t)))
    for item in ["s0=1e-200", "s0=1 - 1e-40", "gamma=1e-300", "astar=1e300", "kappa=1e-30"]:
        cases.append(Case("values", ["solve", S, "--at", "1", "--set", item], budget=120, needs_output=False))
    for t in ["acosh(0)", "log(-2)", "1/(1 - 1)", "(-1)^(1/2)", "atanh(2)", "exp(10^20)", "0^(-2)"]:
        cases.append(Case("values", ["solve", S, "--at", t], budget=60, expect={2}, needs_output=False))
    for item in ["gamma=log(0)", "gamma=acos(3)", "gamma=1/(2-2)", "gamma=exp(10^30)"]:
        cases.append(Case("values", ["verify", S, "--set", item], budget=60, expect={2}, needs_output=False))
    mp = mpmath
    for expr, ref in [("exp(10^9)", lambda: mp.exp(10 ** 9)), ("exp(-10^9)", lambda: mp.exp(-10 ** 9)),
                      ("log(exp(-10^9))", lambda: mp.mpf(-10 ** 9)), ("sin(10^1000)", lambda: mp.sin(mp.mpf(10) ** 1000)),
                      ("(1 + 10^-100)^(10^100)", lambda: (1 + mp.mpf(10) ** -100) ** (mp.mpf(10) ** 100)),
                      ("10^-(10^9)", lambda: mp.mpf(10) ** (-10 ** 9)), ("cosh(10^8)/sinh(10^8)", lambda: mp.coth(10 ** 8))]:
        cases.append(Case("values", ["eval", expr, "--digits", "25"], budget=120, needs_output=False, check=eval_check(ref, 25)))
    return cases


def crashes(tmp):
    """Flat and deep expressions of up to 10^6 terms through every printer and walk; bad shapes on the command line."""
    cases = []
    n = 1000000
    # A command line holds at most 2 MB of arguments (128 KiB each): a 500,000-term sum in 50 arguments.
    pieces = ["+".join(["x"] * 10000) + "+" for _ in range(49)] + ["+".join(["x"] * 10000)]
    cases.append(Case("crash", ["eval"] + pieces + ["--set", "x=1/3"], budget=300, needs_output=False,
                      check=eval_check(lambda: mpmath.mpf(500000) / 3, 30), note="eval 500,000-term sum in 50 arguments"))
    mixed = "-".join(["x*y"] * 8000)
    cases.append(Case("crash", ["diff", mixed, "x"], budget=120, needs_output=False, note="diff of 8000 products"))
    cases.append(Case("crash", ["diff", mixed, "x", "--simplify", "--latex"], budget=120, needs_output=False))
    cases.append(Case("crash", ["diff", "/".join(["x"] * 20000), "x", "--simplify"], budget=120, needs_output=False))
    cases.append(Case("crash", ["diff", "sqrt(" * 5000 + "x" + ")" * 5000, "x", "--latex"], budget=120, needs_output=False))
    cases.append(Case("crash", ["diff", "-(" * 20000 + "x" + ")" * 20000, "x", "--simplify"], budget=120, needs_output=False))
    for name, text in [
        ("diffsum", "param x = 1\nclaim \"s\": identity " + "-".join(["x"] * n) + f" == {2 - n}*x\n"),
        ("alt", "param x = 1\nparam y = 2\nclaim \"s\": identity " + "+".join(["x*y"] * (n // 2)) + f" == {n // 2}*x*y\n"),
        ("quot", "param x = 2\nclaim \"q\": identity " + "/".join(["x"] * 100000) + " == x^(-99998)\n"),
        ("nestneg", "param x = 1\nclaim \"n\": identity " + "-(" * 200000 + "x" + ")" * 200000 + " == x\n"),
        ("let-flat", "param x = 1\nlet big = " + "+".join(["x"] * n) + f"\nclaim \"b\": value big at t = 0 == {n}\n"),
        ("vector", "claim \"v\": identity dot([" + ",".join(["1"] * 300000) + "], [" + ",".join(["2"] * 300000) + "]) == 600000\n"),
        ("nested-vector", "claim \"v\": identity sum(" + "[" * 5000 + "1" + "]" * 5000 + ") == 1\n"),
        ("wrong-sum", "param x = 1\nclaim \"w\": identity " + "+".join(["x"] * n) + f" == {n + 1}*x\n"),
    ]:
        path = write(tmp, f"crash_{name}.phc", text)
        for extra in ([], ["--format", "json"]):
            cases.append(Case("crash", ["verify", path] + extra, budget=300, needs_output=False, note=name,
                              check=(lambda s, o, e: None if s == 1 else f"wrong: status {s}, the identity is false") if name == "wrong-sum" else None))
    for expr in ["[1, 2] @ [1, 2, 3]", "dot([1, 2], [1, 2, 3])", "det([[1, 2]])", "[1, 2][3]", "[1, 2][0]", "eye(0)",
                 "eye(-1)", "eye(10^9)", "zeros(10^6, 10^6)", "[[1, 2], [3]]", "inv([[0, 0], [0, 0]])", "powm([[1, 2], [3, 4]], 1/2)",
                 "trace([1, 2])", "[[1]][1, 1, 1]", "sum(1)"]:
        cases.append(Case("crash", ["eval", expr], budget=60, needs_output=False, note="shape"))
    for item in ["x=[[1, 2], [3, 4]]", "x=eye(2)", "x=[]"]:
        cases.append(Case("crash", ["eval", "x + 1", "--set", item], budget=30, needs_output=False, note="shape"))
    for at in ["[[1, 2]]", "eye(1)", "[]", "zeros(2)"]:
        cases.append(Case("crash", ["solve", S, "--at", at], budget=60, expect={2}, needs_output=False, note="shape"))
    cases.append(Case("crash", ["diff", "x^2", "[x, y]"], budget=30, expect={2}, needs_output=False, note="shape"))
    return cases


def refusals(tmp):
    """Inputs that must be refused with their place: shapes, degenerate settings, line ends, special files."""
    cases = []

    def file_case(name, text, *words, command=("verify",)):
        path = write(tmp, f"refuse_{name}.phc", text)
        cases.append(Case("refuse", [*command, path], budget=60, files_with_location=True, needs_output=False,
                          check=refused(*words), note=name))

    claim = 'claim "k": identity 1 == 1\n'
    # A value of one component (`[[1]]`, `eye(1)`) is that component: accepted where a scalar goes, by design.
    file_case("param-matrix", "param gamma = [[1, 2], [3, 4]]\n" + claim, "scalar")
    file_case("horizon-matrix", SAXE.replace("horizon 10", "horizon [[1, 2]]"), "horizon")
    file_case("horizon-tiny", SAXE.replace("horizon 10", "horizon 1e-320"), "horizon")
    file_case("horizon-negative-zero", SAXE.replace("horizon 10", "horizon -0"), "horizon")
    file_case("horizon-underflow", SAXE.replace("horizon 10", "horizon 10^-(10^6)"), "horizon")
    file_case("domain-empty", "param p = 1 in (1, 1)\n" + claim, "domain")
    file_case("domain-reversed", "param p = 1 in [2, 1]\n" + claim, "domain")
    file_case("digits-huge", SAXE.replace('== astar/2', '== astar/2 digits 10^6'), "digits")
    file_case("digits-fraction", SAXE.replace('== astar/2', '== astar/2 digits 5/2'), "digits")
    file_case("width-vector", "width n = [3, 4]\nstate u[n] = 1\node u' = -u\n" + claim, "width")
    file_case("seed-huge", "width n = 3\nstate u[n] ~ normal(0, 1) seed 99999999999999999999999\node u' = -u\n" + claim, "seed")
    # Old-Mac CR and LF CR line ends are line ends: each claim is read and checked.
    for name, text in [("lf-cr", SAXE.replace("\n", "\n\r")), ("cr-only", SAXE.replace("\n", "\r"))]:
        cases.append(Case("refuse", ["verify", write(tmp, f"lines_{name}.phc", text)], budget=120, needs_output=True, note=name,
                          check=lambda s, o, e: None if "7 claims in 1 file: 7 hold" in o else "refused: the claims were not all read"))
    file_case("commented-claims", "".join("# " + l + "\n" if l.startswith("claim") else l + "\n" for l in SAXE.splitlines()), "no claim")
    file_case("scenario-no-claim", "param x = 1 in (0, inf)\nscenario big: x = 10\n", "no claim")
    file_case("bad-byte-in-name", b"param g\xffamma = 1\n" + claim.encode(), "UTF-8")
    file_case("nul-in-claim", 'claim "a\x00b": identity 1 == 1\n', "control")
    file_case("bidi-in-title", 'title "abc\u202edef"\n' + claim, "")
    fifo = os.path.join(tmp, "refuse_fifo.phc"); os.mkfifo(fifo)
    folder = os.path.join(tmp, "refuse_folder.phc"); os.makedirs(folder)
    loop = os.path.join(tmp, "refuse_loop.phc"); os.symlink(loop, loop)
    dangling = os.path.join(tmp, "refuse_dangling.phc"); os.symlink(os.path.join(tmp, "nowhere.phc"), dangling)
    for path, note in [(fifo, "fifo"), (folder, "folder named .phc"), (loop, "symlink loop"), (dangling, "dangling symlink"),
                       ("/dev/urandom", "endless device"), ("/proc/self/status", "proc file")]:
        for command in (["verify", path], ["solve", path, "--at", "1"], ["table", path]):
            cases.append(Case("refuse", command, budget=20, expect={2}, needs_output=False, note=note))
    for grid in ["alpha=0:1:0", "alpha=1:0:1/2,b_u=0:0:1,b_w=0:0:1,c_u=0:0:1", "alpha=0:1:1/2,alpha=0:1:1/2,b_u=0:0:1,b_w=0:0:1,c_u=0:0:1"]:
        cases.append(Case("refuse", ["phase", X, "--grid", grid], budget=60, expect={2}, needs_output=False, note="grid"))
    for at in [" ", "1,", ",1", "1:1:1"]:
        cases.append(Case("refuse", ["solve", S, "--at", at], budget=60, needs_output=False, note="time list"))
    return cases


def budgets(tmp):
    """Work that must end within its budget and say which option raises it."""
    cases = []
    stiff = SAXE.replace("param kappa = 1 in", "param kappa = 1e30 in")
    long_ = (ROOT / K).read_text().replace("horizon 6", "horizon 10^12")
    for name, text in [("stiff-kappa", stiff), ("kunin-horizon-1e12", long_)]:
        path = write(tmp, f"budget_{name}.phc", text)
        cases.append(Case("budget", ["verify", path, "--max-seconds", "10"], budget=120, needs_output=False, check=budget_said, note=name))
        cases.append(Case("budget", ["solve", path, "--at", "10^6", "--method", "integrate", "--max-seconds", "10"], budget=60,
                          needs_output=False, check=budget_said, note=name))
    cases.append(Case("budget", ["verify", K, "--digits", "2000", "--max-seconds", "10"], budget=120, needs_output=False, check=budget_said))
    cases.append(Case("budget", ["verify", X, "--max-steps", "1", "--max-seconds", "10"], budget=120, needs_output=False, check=budget_said))
    cases.append(Case("budget", ["verify", S, "--max-bits", "64", "--digits", "100"], budget=120, needs_output=False, check=budget_said))
    cases.append(Case("budget", ["eval", "exp(pi*sqrt(163))", "--digits", "100000"], budget=300, needs_output=False))
    cases.append(Case("budget", ["solve", G, "--steps", "10^7", "--max-seconds", "10"], budget=60, needs_output=False, check=budget_said))
    return cases


def outputs(tmp):
    """A full disk for every command and format, --out into a read-only folder, through symlinks, interrupted."""
    result = []
    for argv in [["verify", S, "--format", "json"], ["verify", S, "--format", "junit"], ["solve", S, "--at", "1", "--format", "csv"],
                 ["solve", S, "--at", "1", "--format", "json"], ["table", X, "--format", "csv"], ["regions", X],
                 ["diff", "x^3", "x", "--latex"], ["eval", "[1, 2]"], ["solve", G, "--steps", "3"], ["help", "verify"]]:
        case = Case("output", argv, budget=300, expect={1}, needs_output=False, note="stdout is /dev/full")
        case.devfull = True
        result.append(case)
    readonly = "/proc/sys"   # writable by no one, root included (unlike a chmod'ed folder)
    target = os.path.join(tmp, "real.svg"); Path(target).write_text("old")
    link = os.path.join(tmp, "link.svg"); os.symlink(target, link)
    dangling = os.path.join(tmp, "dangling.svg"); os.symlink(os.path.join(tmp, "missing-dir", "x.svg"), dangling)
    plot = ["plot", S, "a", "--at", "0:1:1/2", "--out"]

    def through_link(status, out, err):
        if status != 0: return f"status {status}"
        if not os.path.islink(link): return "lost: the symlink was replaced by a file"
        return None if Path(target).read_text().startswith("<") else "lost: the symlink's target was not written"
    result.append(Case("output", plot + [os.path.join(readonly, "x.svg")], budget=60, expect={1, 2}, needs_output=False, note="read-only folder"))
    result.append(Case("output", plot + [link], budget=60, expect={0}, needs_output=False, check=through_link, note="symlink"))
    result.append(Case("output", plot + [dangling], budget=60, expect={1, 2}, needs_output=False, note="dangling symlink"))
    result.append(Case("output", ["phase", X, "--grid", "alpha=0:1:1/2,b_u=0:0:1,b_w=0:0:1,c_u=0:0:1", "--out", "/proc/sys/x.csv"],
                       budget=120, expect={1, 2}, needs_output=False, note="read-only folder"))
    return result


def interrupted(binary, tmp):
    """SIGINT and SIGTERM while a sweep writes --out: status 130/143 or 1, the old file kept, no temporary left."""
    problems = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        folder = tempfile.mkdtemp(dir=tmp)
        out = os.path.join(folder, "sweep.csv"); Path(out).write_text("old\n")
        # Default dispositions, as at a terminal: a background job of a script starts with SIGINT ignored, and
        # phasecheck keeps a signal its caller ignores.
        proc = subprocess.Popen([binary, "phase", X, "--out", out], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                preexec_fn=lambda: [signal.signal(s, signal.SIG_DFL) for s in (signal.SIGINT, signal.SIGTERM)])
        time.sleep(3)
        proc.send_signal(sig)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill(); problems.append(f"hang: still running 30 s after {sig.name}")
        left = sorted(set(os.listdir(folder)) - {"sweep.csv"})
        if left: problems.append(f"lost: {sig.name} left {left}")
        if Path(out).read_text() != "old\n" and proc.returncode != 0: problems.append(f"lost: {sig.name} replaced the old file")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--classes", default="values,crash,refuse,budget,output,interrupt")
    ap.add_argument("--jsonl", default="")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    tmp = tempfile.mkdtemp(prefix="hostile-fresh-")
    wanted = args.classes.split(",")
    generators = {"values": values, "crash": crashes, "refuse": refusals, "budget": budgets, "output": outputs}
    cases = [c for name, make in generators.items() if name in wanted for c in make(tmp)]
    failures, by_class = run_cases(binary, cases, tmp, args.jsonl)
    if "interrupt" in wanted:
        problems = interrupted(binary, tmp)
        by_class["interrupt"] = [2, len(problems), 0.0, 0]
        failures += len(problems)
        for p in problems: print(f"FAIL [interrupt] {p}", flush=True)
    total = sum(s[0] for s in by_class.values())
    print(f"\n{total} cases, {failures} with problems")
    for cls, (count, bad, slowest, kb) in by_class.items():
        print(f"  {cls:10} {count:4} cases, {bad:3} with problems, slowest {slowest:7.2f} s, peak {kb / 1024:8.1f} MB")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
