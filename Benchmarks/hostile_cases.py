#!/usr/bin/env python3
"""Issue 18's hostile inputs, generated per class and run against a phasecheck binary.

Every case records the exit status, the time and peak memory, and the problems found:
  crash      killed by a signal, or a Swift runtime trap on stderr
  hang       still running past the case's budget (then killed)
  status     an exit status other than the documented 0, 1, 2 (or other than the one the case expects)
  unclear    raw control bytes on stdout/stderr, a Foundation error dump, an input error without
             file:line:column (for errors inside a file), or an empty message
  lost       status 0 with nothing on stdout where a report was due, or a failed write reported as success
  wrong      a printed number that disagrees with mpmath (eval, solve on the logistic closed form)
  nan        `nan`/`inf` printed with status 0

Usage: Benchmarks/hostile_cases.py BINARY [--classes a,b] [--limit N] [--seed S] [--jsonl FILE]
The generator is seeded (default 1), so a run repeats; every failure prints the command that reproduces it.
"""
import argparse, json, os, random, re, shlex, signal, subprocess, sys, tempfile, time
from pathlib import Path

import mpmath
import sympy

sys.set_int_max_str_digits(0)

ROOT = Path(__file__).resolve().parent.parent
DERIVATIONS = sorted((ROOT / "derivations").glob("*.phc"))
CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")
DUMPS = [b"Fatal error", b"Error Domain=", b"NSCocoaErrorDomain", b"Swift runtime failure", b"Stack dump",
         b"CocoaError", b"NSPOSIXErrorDomain", b"UserInfo=", b"Illegal instruction", b"Segmentation fault",
         b"_StringProcessing", b"Foundation.", b"PhasecheckFormat.", b"PhasecheckVerify.", b"PhasecheckDynamics."]
LOCATION = re.compile(rb":\d+:\d+")


class Case:
    def __init__(self, cls, argv, budget=30.0, expect=None, files_with_location=False, needs_output=True,
                 check=None, stdin=None, env=None, prepare=None, note="", cwd=None):
        self.cls, self.argv, self.budget, self.expect = cls, argv, budget, expect
        self.files_with_location, self.needs_output, self.check = files_with_location, needs_output, check
        self.stdin, self.env, self.prepare, self.note, self.cwd = stdin, env, prepare, note, cwd


def run(binary, case, tmp):
    if case.prepare:
        case.prepare()
    timing = os.path.join(tmp, "time.txt")
    argv = ["/usr/bin/time", "-f", "%e %M", "-o", timing, binary] + case.argv
    env = dict(os.environ)
    env.update(case.env or {})
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if case.stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=case.cwd or ROOT, env=env,
                            start_new_session=True)
    hung = False
    try:
        out, err = proc.communicate(case.stdin, timeout=case.budget)
    except subprocess.TimeoutExpired:
        hung = True
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    wall = time.monotonic() - start
    status, memory, signalled = proc.returncode, None, None
    try:
        lines = Path(timing).read_text().splitlines()
        for line in lines:
            m = re.match(r"Command terminated by signal (\d+)", line)
            if m: signalled = int(m.group(1))
            m = re.match(r"Command exited with non-zero status (\d+)", line)
            if m: status = int(m.group(1))
        memory = int(lines[-1].split()[1])
    except Exception:
        pass
    problems = []
    if hung:
        problems.append(f"hang: still running after {case.budget:.0f} s")
    elif signalled:
        problems.append(f"crash: killed by signal {signalled}")
    elif status not in (0, 1, 2):
        problems.append(f"status: exit status {status}")
    elif case.expect is not None and status not in case.expect:
        problems.append(f"status: {status}, expected {sorted(case.expect)}")
    if not hung:
        if b"Fatal error" in err or b"runtime failure" in err:
            problems.append("crash: runtime trap")
        for stream, name in ((out, "stdout"), (err, "stderr")):
            if CONTROL.search(stream):
                problems.append(f"unclear: raw control byte {CONTROL.search(stream).group()!r} on {name}")
            for d in DUMPS:
                if d in stream:
                    problems.append(f"unclear: {d.decode()} on {name}")
        if status == 2 and not err.strip():
            problems.append("unclear: status 2 with an empty message")
        if status == 2 and case.files_with_location and not LOCATION.search(err) and b"no claim" not in err:
            problems.append("unclear: no line:column in the message")
        if status == 0 and case.needs_output and not out.strip():
            problems.append("lost: status 0 and nothing printed")
        # `t = inf` is claim syntax; a printed value is what must not be nan or inf.
        printed_value = re.compile(rb"(?<![A-Za-z_])(nan|NaN)(?![A-Za-z_(])|(?<![=A-Za-z_] )(?<![A-Za-z_])-?inf(?![A-Za-z_(\]])")
        if status == 0 and case.argv[0] in ("eval", "solve", "table", "fixedpoints") and printed_value.search(out):
            problems.append("nan: nan/inf printed with status 0")
        if case.check:
            try:
                msg = case.check(status, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))
                if msg: problems.append(msg)
            except Exception as e:
                problems.append(f"check raised {e!r}")
    return dict(cls=case.cls, argv=case.argv, status=status, signal=signalled, seconds=round(wall, 2),
                kb=memory, problems=problems, note=case.note,
                stderr=err.decode("utf-8", "replace")[-600:], stdout=out.decode("utf-8", "replace")[:300])


# ---------------------------------------------------------------- number checks (mpmath referees)

def correctly_rounded(text, exact, digits):
    """None when `text` is `exact` rounded to `digits` significant digits (half an ulp, with slack for a tie)."""
    text = text.strip()
    if exact == 0:
        return None if mpmath.mpf(text) == 0 else f"wrong: printed {text}, exact 0"
    try:
        shown = mpmath.mpf(text)
    except Exception:
        return f"wrong: cannot read {text!r}"
    e = mpmath.floor(mpmath.log10(abs(exact)))
    ulp = mpmath.mpf(10) ** (e - digits + 1)
    if abs(shown - exact) > ulp * mpmath.mpf("0.5000001"):
        return f"wrong: printed {text}, mpmath {mpmath.nstr(exact, digits + 3)}"
    return None


def eval_check(reference, digits):
    def check(status, out, err):
        if status != 0:
            return None
        # Enough digits that 10^300 and its kin are exact (5^300 has 697 bits).
        with mpmath.workdps(max(digits + 40, 800)):
            return correctly_rounded(out, reference(), digits)
    return check


def logistic_reference(t_text):
    """saxe_logistic.phc at its own values: a = astar E/(E - 1 + astar/a0), E = exp(2 astar t/tau), tau = 1,
    a0 = gamma s0^2 = 1/100, astar = 2; u = sqrt(a)."""
    def value(name, t):
        E = mpmath.exp(4 * t)
        a = 2 * E / (E - 1 + 200)
        return {"a": a, "u": mpmath.sqrt(a), "w": mpmath.sqrt(a)}[name]

    def check(status, out, err):
        if status != 0:
            return None
        with mpmath.workdps(80):
            t = mpmath.mpf(sympy.N(sympy.sympify(t_text.replace("^", "**")), 80))
            for line in out.splitlines():
                f = line.split()
                if len(f) == 2 and f[0] in ("a", "u", "w"):
                    if f[1] in ("uncertified",) or "±" in line:
                        continue
                    bad = correctly_rounded(f[1], value(f[0], t), 30)
                    if bad:
                        return f"{bad} ({f[0]} at t = {t_text})"
        return None
    return check


# ---------------------------------------------------------------- generators per class

HOSTILE_NUMBERS = ["0", "-0", "1e1000", "1e-1000", "10^10^10", "-10^10^10", "1e308*10", "99999999999999999999999",
                   "-1", "1/0", "0/0", "nan", "inf", "-inf", "[1, 2]", "2^64", "2^-1074", "1e26", "sqrt(-1)",
                   "log(0)", "(((((1)))))", "1e", "0x10", "1_000", "１", "1.", ".5", "--1"]
HOSTILE_BYTES = [b"\x00", b"\x1b[31m", b"\x07", b"\x7f", b"\xff", b"\xc3", b"\xef\xbb\xbf", "\u202e".encode(), b"\r", b"\t"]
NUMBER = re.compile(rb"(?<![A-Za-z_0-9.])\d+(\.\d+)?(e-?\d+)?(?![A-Za-z_0-9])")


def mutate(text, rng):
    lines = text.split(b"\n")
    kind = rng.choice(["delete", "duplicate", "truncate", "number", "byte", "lineends", "swap", "misspell",
                       "nest", "horizon", "digits", "width", "junk", "vector", "operator", "unicode"])
    if kind == "delete" and len(lines) > 1:
        del lines[rng.randrange(len(lines))]
    elif kind == "duplicate":
        i = rng.randrange(len(lines)); lines.insert(i, lines[i])
    elif kind == "truncate":
        return kind, text[:rng.randrange(len(text) + 1)]
    elif kind == "number":
        matches = list(NUMBER.finditer(text))
        if matches:
            m = rng.choice(matches)
            return kind, text[:m.start()] + rng.choice(HOSTILE_NUMBERS).encode() + text[m.end():]
    elif kind == "byte":
        i = rng.randrange(len(text) + 1)
        return kind, text[:i] + rng.choice(HOSTILE_BYTES) + text[i:]
    elif kind == "lineends":
        return kind, text.replace(b"\n", rng.choice([b"\r", b"\r\n", b"\n\r"]))
    elif kind == "swap" and len(lines) > 2:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines)); lines[i], lines[j] = lines[j], lines[i]
    elif kind == "misspell":
        words = list(re.finditer(rb"[A-Za-z_]{3,}", text))
        if words:
            m = rng.choice(words); w = m.group()
            k = rng.randrange(len(w))
            return kind, text[:m.start()] + w[:k] + w[k + 1:] + text[m.end():]
    elif kind == "nest":
        candidates = [i for i, l in enumerate(lines) if l.startswith((b"let ", b"claim ", b"ode "))]
        if candidates:
            i = rng.choice(candidates); depth = rng.choice([100, 1000, 100000])
            if b"=" in lines[i]:
                head, _, tail = lines[i].partition(b"= ")
                lines[i] = head + b"= " + b"(" * depth + tail + b")" * depth
    elif kind == "horizon":
        lines.append(b"horizon " + rng.choice([b"0", b"-1", b"1e9", b"10^6", b"[1, 2]", b"inf", b"1/0", b"1e-300"]))
    elif kind == "digits":
        candidates = [i for i, l in enumerate(lines) if l.startswith(b"claim ")]
        if candidates:
            i = rng.choice(candidates)
            lines[i] = lines[i] + b" digits " + rng.choice([b"0", b"-1", b"100000", b"99999999999999999999", b"1.5"])
    elif kind == "width":
        new = rng.choice([b"0", b"-1", b"10^9", b"1000000000000", b"99999999999999999999", b"1.5", b"n"])
        return kind, re.sub(rb"^(width \w+ = )\S+", lambda m: m.group(1) + new, text, count=1, flags=re.M)
    elif kind == "junk":
        lines.insert(rng.randrange(len(lines) + 1), rng.choice([b"claim", b"let = 1", b"state", b"ode x' =", b"param p = 1 in (inf, -inf)",
                                                                 b"param g = [1, 2] in (0, inf)", b"))))", b"[[[[", b"claim \"x\": value 1 at t = inf == 1",
                                                                 b"dim n = 100000", b"let M[n, n] = eye(n) @ eye(n)", b"noise z ~ normal(0, -1)",
                                                                 b"state z[3] ~ normal(0, 1) seed -1", b"descent steps 1000000000000",
                                                                 b"scenario s: nope = 1", b"claim \"f\": fixedpoint p near [1]",
                                                                 b"let e = expect(tanh(q), q ~ normal(0, 1))", b"let e = expect(q, q ~ uniform(1, 1))"]))
    elif kind == "vector":
        return kind, re.sub(rb"^(param \w+ = )(\S+)", rb"\1[\2, \2]", text, count=1, flags=re.M)
    elif kind == "operator":
        ops = [(b"==", b"="), (b"==", b"!="), (b"*", b"**"), (b"increasing", b"decreasing"), (b"@", b"*"), (b"->", b"=>"), (b"~", b"=")]
        a, b = rng.choice(ops)
        idx = [m.start() for m in re.finditer(re.escape(a), text)]
        if idx:
            i = rng.choice(idx)
            return kind, text[:i] + b + text[i + len(a):]
    elif kind == "unicode":
        i = rng.randrange(len(text) + 1)
        return kind, text[:i] + rng.choice(["α", "−", "×", "‘", "é", "\u00a0", "😀"]).encode() + text[i:]
    return kind, b"\n".join(lines)


def mutated_files(rng, tmp, count):
    cases = []
    sources = [p for p in DERIVATIONS] + list((ROOT / "derivations" / "large").glob("*.phc"))
    for n in range(count):
        src = rng.choice(sources)
        kind, text = mutate(src.read_bytes(), rng)
        path = os.path.join(tmp, f"m{n}_{kind}_{src.stem}.phc")
        Path(path).write_bytes(text)
        command = rng.choice(["verify", "verify", "verify", "solve"])
        if command == "verify":
            argv = ["verify", path, "--digits", "10", "--max-seconds", "10"]
        else:
            argv = ["solve", path, "--at", "1", "--method", "both", "--max-seconds", "10"]
        cases.append(Case("mutated-file", argv, budget=150, files_with_location=True, needs_output=False,
                          note=f"{kind} of {src.name}"))
    return cases


def file_kinds(tmp):
    """Empty, CR, CRLF, NUL, non-UTF-8, FIFO, folder, missing, device, no claims, huge comment."""
    saxe = (ROOT / "derivations/saxe_logistic.phc").read_bytes()
    files = {
        "empty": b"", "blank": b"\n\n  \n", "comment-only": b"# nothing\n", "cr": saxe.replace(b"\n", b"\r"),
        "crlf": saxe.replace(b"\n", b"\r\n"), "nul": saxe[:200] + b"\x00" + saxe[200:], "latin1": saxe[:300] + b"\xe9t\xe9" + saxe[300:],
        "bom": b"\xef\xbb\xbf" + saxe, "utf16": saxe.decode().encode("utf-16"), "esc-in-string": saxe.replace(b'title "', b'title "\x1b[2J\x07', 1),
        "no-claims": b"".join(l + b"\n" for l in saxe.split(b"\n") if not l.startswith(b"claim")),
        "only-title": b'title "x"\n', "trailing-backslash": saxe + b"\\", "unterminated-string": b'title "abc\nclaim "x": identity 1 == 1\n',
        "long-line": b"let x = " + b"1+" * 200000 + b"1\n", "deep-parens": b"claim \"d\": identity " + b"(" * 100000 + b"1" + b")" * 100000 + b" == 1\n",
        "rlo-name": "param g\u202eamma = 1\nclaim \"x\": identity 1 == 1\n".encode(),
        "emoji-name": "param 😀 = 1\nclaim \"x\": identity 1 == 1\n".encode(),
        "overlong-utf8": b"title \"\xc0\xaf\"\nclaim \"x\": identity 1 == 1\n",
    }
    cases = []
    for name, data in files.items():
        path = os.path.join(tmp, f"kind_{name}.phc")
        Path(path).write_bytes(data)
        for command in (["verify", path], ["solve", path, "--at", "1"], ["regions", path], ["table", path], ["fixedpoints", path, "--box", "u=0:1,w=0:1"]):
            cases.append(Case("file-kind", command + (["--max-seconds", "20"] if command[0] in ("verify", "solve") else []),
                              budget=120, needs_output=False, note=name))
    empty = os.path.join(tmp, "empty-folder"); os.makedirs(empty)
    fifo = os.path.join(tmp, "fifo.phc")
    os.mkfifo(fifo)
    for special, note in ((fifo, "fifo"), ("/dev/null", "device"), ("/dev/zero", "device zero"), ("/dev/stdin", "stdin"),
                          (empty, "folder without phc"), (os.path.join(tmp, "missing.phc"), "missing"), ("/proc/self/mem", "proc mem"),
                          ("/etc/shadow-", "other file"), ("", "empty path"), ("-", "dash")):
        for command in ("verify", "solve", "regions", "table", "plot", "fixedpoints"):
            extra = {"solve": ["--at", "1"], "plot": ["a", "--at", "1"], "fixedpoints": ["--box", "u=0:1"]}.get(command, [])
            cases.append(Case("file-kind", [command, special] + extra, budget=20, expect={2}, needs_output=False, note=note))
    return cases


def command_lines():
    S, X, K, G, M = ("derivations/saxe_logistic.phc", "derivations/xu_ziyin_linear_network.phc",
                     "derivations/kunin_single_neuron.phc", "derivations/gd_scalar_network.phc", "derivations/meng_wang_contrastive.phc")
    cases = []
    bad_ints = ["", "-1", "0", "abc", "1.5", "99999999999999999999", "-99999999999999999999", "1e3", "0x10", "nan", " 5", "５"]

    def c(argv, expect=None, budget=60, **k):
        cases.append(Case("command-line", argv, budget=budget, expect=expect, needs_output=False, **k))

    for cmd in ["verify", "solve", "phase", "table", "eval", "diff", "plot", "fixedpoints", "init", "regions", "help", "verfy", "Verify", "--verify", "-v", "", "version"]:
        c([cmd] if cmd else [""], budget=60, cwd=tempfile.gettempdir())  # no derivations/ there
        c([cmd, "--no-such-option"], expect={2})
        c([cmd, "--help", "--no-such-option"])
        c([cmd, "-h"])
    for option in ["--digits", "--max-steps", "--max-bits", "--jobs", "--seed"]:
        for value in bad_ints:
            c(["verify", S, option, value, "--max-seconds", "20"], budget=200)
    for value in ["0", "-1", "nan", "inf", "1e-9", "1e308", "abc", ""]:
        c(["verify", S, "--max-seconds", value, "--digits", "10"], budget=200)
        c(["solve", S, "--at", "1", "--max-seconds", value])
    for value in ["1", "2000", "2001", "100000", "0"]:
        c(["solve", S, "--at", "1", "--digits", value], budget=200)
        c(["eval", "pi", "--digits", value], budget=200)
    for at in ["", ",", "1,,2", "0:10:0", "0:1e9:1e-9", "10:0:1", "0:10:-1", "inf", "nan", "-inf", "1e1000", "1:2", "1:2:3:4",
               "[1,2]", "x", "t", "gamma", "0:1:1/3", "10^9", "10^100", "-10^9", "1/0", "sqrt(-1)", "2^-1074", "0:1000000:1",
               "1e-30", "(", "1 +", "0;1", "１", "0:10:0.5,20", "tau*log(2)"]:
        c(["solve", S, "--at", at], budget=120)
        c(["plot", S, "a", "--at", at], budget=120)
    for steps in ["", "-1", "0", "1.5", "10^20", "99999999999999999999", "0:100:0", "0:10:-1", "0:1000000000:1", "1e3", "x", "3,2,1"]:
        c(["solve", G, "--steps", steps], budget=120)
    for item in ["", "=", "x", "x=", "=1", "gamma==1", "gamma=[1,2]", "gamma=1e1000", "gamma=nan", "gamma=1/0", "gamma=-1",
                 "gamma=sqrt(-1)", "gama=1", "kapa=2", "GAMMA=1", "t=1", "pi=3", "u0=[1,2]", "u=1e400", "gamma=x", "gamma=gamma",
                 "s0=0", "eta=1e26", "gamma=1,eta=2", " gamma = 2 "]:
        c(["solve", S, "--at", "1", "--set", item], budget=120)
        c(["verify", S, "--set", item, "--digits", "10", "--max-seconds", "10"], budget=200)
    for scenario in ["", "nope", "notebook", "balanced;", "all"]:
        c(["solve", K, "--at", "1", "--scenario", scenario, "--method", "integrate"], budget=120)
    for method in ["closed", "integrate", "both", "nope", ""]:
        c(["solve", K, "--at", "1", "--method", method], budget=120)
        c(["solve", G, "--steps", "5", "--method", method], budget=120)
    for fmt in ["text", "markdown", "latex", "csv", "json", "svg", "junit", "yaml", ""]:
        c(["verify", S, "--format", fmt, "--digits", "10"], budget=200)
        c(["solve", S, "--at", "1", "--format", fmt])
        c(["table", X, "--format", fmt], budget=300)
        c(["fixedpoints", M, "--format", fmt, "--box", "Q=-1:1,R=-1:1"], budget=200)  # its own default: 120 s
        c(["phase", X, "--format", fmt, "--grid", "alpha=0:1:1/2,b_u=0:1:1/2", "--fix", "b_w=0,c_u=0"], budget=300)
    for grid in ["alpha=0:1:1/2,alpha=0:1:1/2", "alpha=1:0:1/2", "alpha=0:1:0", "alpha=0:1:-1", "alpha=0:10^20:1", "alpha=x:1:1",
                 "nope=0:1:1", "alpha=0:1", "", "alpha=0:1:1/3,b_u=0:1:1/3,b_w=0:1:1/3,c_u=0:1:1/3,c_w=0:1:1/3",
                 "alpha=1e1000:1e1000:1", "alpha=0:1:1e-1000", "alpha=-10^9:10^9:1"]:
        c(["phase", X, "--grid", grid, "--fix", "c_w=0"], budget=300)
    for fix in ["c_w=1e1000", "c_w=-1e1000", "c_w=x", "c_w=", "nope=1", "c_w=1/0", "c_w=[1,2]", "c_w=10^10^10", "c_w=1e-1000", "alpha=1"]:
        c(["phase", X, "--fix", fix, "--grid", "alpha=0:1:1,b_u=0:1:1,b_w=0:1:1,c_u=0:1:1"], budget=300)
    for shard in ["0/1", "1/0", "2/1", "1/1", "a/b", "1", "-1/2", "1/99999999999999999999", "9223372036854775807/9223372036854775807", "1/2/3"]:
        c(["phase", X, "--shard", shard, "--grid", "alpha=0:1:1/2,b_u=0:1:1/2,b_w=0:0:1,c_u=0:0:1"], budget=300)
    for jobs in ["0", "-1", "1000000", "99999999999999999999"]:
        c(["phase", X, "--jobs", jobs, "--grid", "alpha=0:1:1/2,b_u=0:0:1,b_w=0:0:1,c_u=0:0:1"], budget=300)
    for sign in ["", "x", "a", "[a, a]", "1/0", "a - 1", "nope"]:
        c(["phase", S, "--sign", sign, "--grid", "gamma=1:2:1/2", "--at", "1"], budget=300)
    for box in ["", "Q=-1:1", "Q=1:-1,R=0:1", "Q=0:0,R=0:0", "Q=-1e1000:1e1000,R=0:1", "Q=a:b,R=0:1", "Q=-1:1,R=0:1,S=0:1",
                "Q=-1:1,Q=-1:1", "Q=nan:1,R=0:1", "Q=-10^9:10^9,R=-10^9:10^9"]:
        c(["fixedpoints", M, "--box", box, "--max-seconds", "20"], budget=60)
    for mb in ["0", "-1", "1", "99999999999999999999"]:
        c(["fixedpoints", M, "--box", "Q=-1:1,R=-1:1", "--max-boxes", mb, "--max-seconds", "20"], budget=60)
    for only in ["", "nope", "zeta,zeta", ",", "zet"]:
        c(["regions", X, "--only", only], budget=120)
    for expr, sym in [("x^2", "x"), ("x^2", ""), ("x^2", "y"), ("[x, x]", "x"), ("x", "[x]"), ("", "x"), ("x", "t"), ("x", "pi"),
                      ("sin(", "x"), ("-x^2", "x"), ("x", "-x"), ("abs(x)", "x"), ("min(x, 0)", "x"), ("x^x^x^x", "x"), ("det([[x,1],[1,x]])", "x"),
                      ("expm([[x,1],[1,x]])", "x"), ("expect(x*z, z ~ normal(0, 1))", "x")]:
        c(["diff", expr, sym], budget=60)
        c(["diff", expr, sym, "--simplify", "--latex"], budget=60)
    for quantities in ["", "nope", "a,u", "[a]", "t", "gamma", "a,a", "E"]:
        c(["plot", S, quantities, "--at", "0:10:1"], budget=120)
    for yr in ["", "1", "1:0", "0:0", "a:b", "-inf:inf", "nan:1", "1e-1000:1e1000"]:
        c(["plot", S, "a", "--at", "0:10:1", "--y-range", yr], budget=120)
    c(["plot", S, "a", "--at", "0:10:1", "--log-y", "--set", "s0=-0.1"], budget=120)
    c(["plot", S, "a", "--at", "0:10:1", "--scenario", "all"], budget=120)
    c(["plot", G, "a", "--steps", "0:10:1", "--at", "0:1:1"], budget=120)
    for name in ["", "/", "/nonexistent/dir/x", "/dev/full", "/proc/version", "-", "--stdout", "a\nb", "x.phc.phc", "/tmp", "\x1b[2J"]:
        c(["init", name], budget=30, cwd=tempfile.mkdtemp(prefix="hostile-init-"))
    return cases


def eval_cases():
    mp = mpmath
    table = [
        ("exp(1)", lambda: mp.e), ("sqrt(1 + 10^-40) - 1", lambda: mp.sqrt(1 + mp.mpf(10) ** -40) - 1),
        ("sin(10^100)", lambda: mp.sin(mp.mpf(10) ** 100)), ("exp(10^6)", lambda: mp.exp(10 ** 6)),
        ("exp(-10^6)", lambda: mp.exp(-10 ** 6)), ("10^10^10", None), ("2^-1074", lambda: mp.mpf(2) ** -1074),
        ("expm1(1e-30)", lambda: mp.expm1(mp.mpf(10) ** -30)), ("erfc(30)", lambda: mp.erfc(30)), ("erf(1e-300)", lambda: mp.erf(mp.mpf(10) ** -300)),
        ("log1p(-1 + 10^-50)", lambda: mp.log(mp.mpf(10) ** -50)), ("atan2(0, -1)", lambda: mp.pi), ("tan(pi/2)", None),
        ("acosh(0.5)", None), ("0^0", None), ("(-8)^(1/3)", None), ("cbrt(-8)", lambda: mp.mpf(-2)), ("1/0", None), ("log(0)", None),
        ("sqrt(-1)", None), ("0/0", None), ("exp(exp(exp(10)))", None), ("sinh(10^5) - cosh(10^5)", lambda: -mp.exp(-10 ** 5)),
        ("pow(2, 0.5)", lambda: mp.sqrt(2)), ("min(1, nan)", None), ("1e1000 - 1e1000", lambda: mp.mpf(0)),
        ("(1 + 10^-30)^(10^30)", lambda: (1 + mp.mpf(10) ** -30) ** (mp.mpf(10) ** 30)), ("x", None), ("[1, 2]", None),
        ("sum([1,2,3])", lambda: mp.mpf(6)), ("det([[1,2],[3,4]])", lambda: mp.mpf(-2)), ("trace(expm([[0,1],[-1,0]]))", lambda: 2 * mp.cos(1)),
        ("expect(max(x, 0), x ~ normal(0, 1))", lambda: 1 / mp.sqrt(2 * mp.pi)), ("expect(x^64, x ~ normal(0, 1))", lambda: mp.fac2(63)),
        ("expect(x, x ~ normal(0, 0))", None), ("expect(tanh(x), x ~ normal(0, 1))", None), ("atanh(1)", None),
        ("asin(1 + 10^-40)", None), ("gamma", None), ("1 2", None), ("2k", None), ("x**2", None), ("e^x", None), ("ln(2)", None),
        ("epx(1)", None), ("-1 + 2", lambda: mp.mpf(1)), ("--1", lambda: mp.mpf(1)), ("-(-(-1))", lambda: mp.mpf(-1)),
        ("\x1b[31m1", None), ("é", None), ("1 +", None), ("", None), ("   ", None), ("((((((((((1))))))))))", lambda: mp.mpf(1)),
        ("exp(1e5)*exp(-1e5)", lambda: mp.mpf(1)), ("sin(pi)", None), ("10^-10^10", None), ("(2^(1/2))^2 - 2", None),
        ("cos(1e300)", lambda: mp.cos(mp.mpf(10) ** 300)), ("exp(-1e300)", None), ("tanh(1e300)", lambda: mp.mpf(1)),
    ]
    cases = []
    for expr, ref in table:
        for digits in (30,):
            cases.append(Case("eval", ["eval", expr, "--digits", str(digits)], budget=60, needs_output=False,
                              check=eval_check(ref, digits) if ref else None))
    for digits, budget in ((1, 30), (2, 30), (1000, 60), (100000, 300), (100001, 30), (0, 30)):
        cases.append(Case("eval", ["eval", "pi", "--digits", str(digits)], budget=budget, needs_output=False,
                          check=eval_check(lambda: mpmath.pi, digits) if 1 <= digits <= 100000 else None))
    for prec in ["1", "2", "53", "0", "-1", "99999999999", "abc"]:
        cases.append(Case("eval", ["eval", "exp(1)", "--prec", prec], budget=30, needs_output=False))
    for item in ["x=[1,2]", "x=1e1000", "x=", "=1", "x", "x=1/0", "x=sqrt(-1)", "y=1"]:
        cases.append(Case("eval", ["eval", "x + 1", "--set", item], budget=30, needs_output=False))
    return cases


def solve_numbers():
    cases = []
    for t in ["0", "1e-30", "1/3", "1", "pi", "10", "100", "10^5", "10^9", "10^100", "-1", "-10", "-10^9", "tau*log(2)"]:
        tt = t.replace("tau", "1")
        cases.append(Case("solve-numbers", ["solve", "derivations/saxe_logistic.phc", "--at", t], budget=120, needs_output=True,
                          check=logistic_reference(tt)))
    return cases


def output_cases(tmp):
    cases = []
    S, X = "derivations/saxe_logistic.phc", "derivations/xu_ziyin_linear_network.phc"
    commands = [["eval", "exp(1)"], ["diff", "x^2", "x"], ["verify", S, "--digits", "10"], ["solve", S, "--at", "1"],
                ["table", X], ["regions", X], ["phase", X, "--grid", "alpha=0:1:1/2,b_u=0:0:1,b_w=0:0:1,c_u=0:0:1"],
                ["plot", S, "a", "--at", "0:1:1/2"], ["fixedpoints", "derivations/meng_wang_contrastive.phc", "--box", "Q=-1:1,R=-1:1"],
                ["init", "x", "--stdout"], ["--help"], ["verify", "--help"], ["--version"]]
    result = [Case("output-devfull", argv, budget=300, expect={1}, needs_output=False, note="stdout is /dev/full")
              for argv in commands]
    for case in result:
        case.devfull = True
    outdir = os.path.join(tmp, "out"); os.makedirs(outdir, exist_ok=True)
    # Never a real device as --out: a binary that renames over it replaces it (as root, /dev/full was replaced).
    fifo = os.path.join(outdir, "fifo.svg"); os.mkfifo(fifo)
    for target, note in [("/nonexistent/dir/x.svg", "missing folder"), (fifo, "a pipe"), ("/proc/version", "read-only proc"),
                         (outdir, "a folder"), ("", "empty path"), (os.path.join(outdir, "ok.svg"), "ordinary")]:
        result.append(Case("output-out", ["plot", S, "a", "--at", "0:1:1/2", "--out", target], budget=120, needs_output=False, note=note,
                           expect={0} if note == "ordinary" else {1, 2}))
        result.append(Case("output-out", ["phase", X, "--grid", "alpha=0:1:1/2,b_u=0:0:1,b_w=0:0:1,c_u=0:0:1", "--out", target], budget=300,
                           needs_output=False, note=note, expect={0} if note == "ordinary" else {1, 2}))
    return result


def size_cases(tmp):
    cases = []

    def f(name, text):
        p = os.path.join(tmp, name); Path(p).write_text(text); return p

    flat = "+".join(["x"] * 1000000)
    p = f("flat_sum.txt", flat)
    # One argument may hold at most 128 KiB on Linux (MAX_ARG_STRLEN): 60,000 terms fit, 100,000 cannot be passed.
    cases.append(Case("size", ["eval", flat[:120000] + "+1", "--set", "x=1"], budget=120, needs_output=False, note="eval 60001-term sum (argv)",
                      check=eval_check(lambda: mpmath.mpf(60001), 30)))
    cases.append(Case("size", ["diff", "*".join(["x"] * 60000), "x", "--simplify"], budget=120, needs_output=False, note="diff 60000-factor product"))
    cases.append(Case("size", ["verify", f("flat.phc", "param x = 1\nclaim \"s\": identity " + flat + " == 1000000*x\n")], budget=300,
                      needs_output=False, note="verify 10^6-term sum"))
    cases.append(Case("size", ["verify", f("flatprod.phc", "param x = 1\nclaim \"s\": identity " + "*".join(["x"] * 1000000) + " == x^1000000\n")], budget=300,
                      needs_output=False, note="verify 10^6-factor product"))
    cases.append(Case("size", ["verify", f("deep.phc", "param x = 1\nclaim \"d\": identity " + "sin(" * 20000 + "x" + ")" * 20000 + " == x\n")], budget=120,
                      needs_output=False, note="20000 nested sin"))
    cases.append(Case("size", ["verify", f("neg.phc", "param x = 1\nclaim \"d\": identity " + "-" * 100000 + "x == x\n")], budget=120,
                      needs_output=False, note="100000 unary minus"))
    cases.append(Case("size", ["verify", f("pow.phc", "param x = 1\nclaim \"d\": identity " + "^".join(["x"] * 100000) + " == 1\n")], budget=120,
                      needs_output=False, note="100000-level power tower"))
    cases.append(Case("size", ["verify", f("vec.phc", "claim \"v\": identity sum([" + ",".join(["1"] * 1000000) + "]) == 1000000\n")], budget=300,
                      needs_output=False, note="10^6-element vector literal"))
    for width, budget in (("1000000", 60), ("1000000000", 30), ("1000000000000", 30), ("99999999999999999999", 30)):
        cases.append(Case("size", ["verify", f(f"wide{width}.phc", f"width d = {width}\nstate u[d] ~ normal(0, 1) seed 1\node u' = -u\nlet e = dot(u, u)\nclaim \"e\": value e at t = 0 == {width} digits 1\n")],
                          budget=budget, needs_output=False, note=f"normal state width {width}"))
    for dim in ("1000", "100000", "10^9"):
        cases.append(Case("size", ["verify", f(f"dim{dim}.phc", f"dim n = {dim}\nlet M[n, n] = eye(n) @ eye(n)\nclaim \"t\": identity trace(M) == n\n")],
                          budget=120, needs_output=False, note=f"matrix product dim {dim}"))
    for horizon in ("10^6", "10^9"):
        text = (ROOT / "derivations/kunin_single_neuron.phc").read_text().replace("horizon 6", f"horizon {horizon}")
        cases.append(Case("size", ["verify", f(f"kunin_h{horizon}.phc", text), "--max-seconds", "20"], budget=400, needs_output=False,
                          note=f"kunin horizon {horizon}, --max-seconds 20"))
    stiff = (ROOT / "derivations/saxe_logistic.phc").read_text().replace("param eta = 1 in", "param eta = 1e26 in")
    cases.append(Case("size", ["verify", f("stiff.phc", stiff), "--max-seconds", "20"], budget=400, needs_output=False, note="eta = 1e26"))
    cases.append(Case("size", ["solve", f("stiff2.phc", stiff), "--at", "1", "--method", "integrate", "--max-seconds", "20"], budget=60, needs_output=False,
                      note="solve eta = 1e26, --max-seconds 20"))
    chain = ["title \"chain\"", "param p = 1 in (0, inf)", "state u = 1", "ode u' = -u", "horizon 1", "let l0 = p"]
    chain += [f"let l{i} = l{i - 1} + p" for i in range(1, 3000)] + ["claim \"sum\": value l2999 at t = 0 == 3000"]
    cases.append(Case("size", ["verify", f("chain.phc", "\n".join(chain) + "\n")], budget=120, needs_output=False, note="3000 chained lets"))
    cases.append(Case("size", ["verify", "derivations/saxe_logistic.phc", "--digits", "2000", "--max-seconds", "20"], budget=900, needs_output=False,
                      note="--digits 2000 --max-seconds 20"))
    cases.append(Case("size", ["verify", "derivations/xu_ziyin_linear_network.phc", "--max-seconds", "20"], budget=900, needs_output=False,
                      note="flagship --max-seconds 20"))
    cases.append(Case("size", ["verify", "derivations/kunin_get_rich_quick.phc", "--max-seconds", "20", "--format", "json", "--timings"], budget=900,
                      needs_output=False, note="get rich quick --max-seconds 20 (claim times)"))
    return cases


def run_cases(binary, cases, tmp, jsonl=""):
    """Runs every case, printing each one with problems; returns (cases with problems, per-class statistics
    [count, with problems, slowest seconds, peak KB]). Shared with hostile_fresh_cases.py."""
    sink = open(jsonl, "w") if jsonl else None
    failures, by_class = 0, {}
    for case in cases:
        record = run_devfull(binary, case, tmp) if getattr(case, "devfull", False) else run(binary, case, tmp)
        stats = by_class.setdefault(case.cls, [0, 0, 0.0, 0])
        stats[0] += 1; stats[2] = max(stats[2], record["seconds"]); stats[3] = max(stats[3], record["kb"] or 0)
        if record["problems"]:
            stats[1] += 1; failures += 1
            print(f"FAIL [{case.cls}] {case.note} :: {' '.join(shlex.quote(a) for a in case.argv)[:300]}\n"
                  f"     status {record['status']} in {record['seconds']} s, {record['kb']} KB: {'; '.join(record['problems'])}\n"
                  f"     stderr: {record['stderr'][-300:]!r}", flush=True)
        if sink: sink.write(json.dumps(record) + "\n"); sink.flush()
    return failures, by_class


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--classes", default="mutated,files,commands,eval,solve,output,size")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--mutations", type=int, default=250)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jsonl", default="")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    rng = random.Random(args.seed)
    tmp = tempfile.mkdtemp(prefix="hostile-")
    wanted = args.classes.split(",")
    cases = []
    if "mutated" in wanted: cases += mutated_files(rng, tmp, args.mutations)
    if "files" in wanted: cases += file_kinds(tmp)
    if "commands" in wanted: cases += command_lines()
    if "eval" in wanted: cases += eval_cases()
    if "solve" in wanted: cases += solve_numbers()
    if "output" in wanted: cases += output_cases(tmp)
    if "size" in wanted: cases += size_cases(tmp)
    if args.limit: cases = cases[:args.limit]
    failures, by_class = run_cases(binary, cases, tmp, args.jsonl)
    print(f"\n{len(cases)} cases, {failures} with problems")
    for cls, (n, bad, slowest, kb) in by_class.items():
        print(f"  {cls:16} {n:4} cases, {bad:3} with problems, slowest {slowest:7.2f} s, peak {kb / 1024:8.1f} MB")
    return 1 if failures else 0


def run_devfull(binary, case, tmp):
    """Runs with standard output on /dev/full: a report that cannot be written must fail (status 1)."""
    start = time.monotonic()
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([binary] + case.argv, stdout=full, stderr=subprocess.PIPE, cwd=ROOT, timeout=case.budget)
    problems = []
    if proc.returncode < 0:
        problems.append(f"crash: killed by signal {-proc.returncode}")
    elif proc.returncode != 1:
        problems.append(f"lost: exit status {proc.returncode} with stdout on /dev/full")
    elif b"standard output" not in proc.stderr:
        problems.append("unclear: the failed write is not named")
    if CONTROL.search(proc.stderr):
        problems.append("unclear: raw control byte on stderr")
    return dict(cls=case.cls, argv=case.argv, status=proc.returncode, signal=None, seconds=round(time.monotonic() - start, 2),
                kb=None, problems=problems, note=case.note, stderr=proc.stderr.decode("utf-8", "replace")[-600:], stdout="")


if __name__ == "__main__":
    sys.exit(main())
