"""For each claim of each user-corpus file: a file holding the model and that claim alone, with one planted
error (a small relative or absolute change, a flipped direction, a changed last digit), and whether
`phasecheck verify` FAILS it. Usage: python3 plant.py BINARY FILE..."""
import re, subprocess, sys, json, os

def plant(stmt):
    """The planted variant of a claim statement (after `claim "name":`)."""
    m = re.match(r'\s*value (.*) at (t = .*?) == (.*) digits (\d+)\s*$', stmt)
    if m:
        v = m.group(3).strip()
        last = int(v[-1]); v2 = v[:-1] + str((last + 1) % 10) if last != 9 else v[:-1] + "8"
        return f' value {m.group(1)} at {m.group(2)} == {v2} digits {m.group(4)}'
    m = re.match(r'\s*value (.*) at (t = .*?) == (.*)$', stmt)
    if m:
        rhs = m.group(3).strip()
        return f' value {m.group(1)} at {m.group(2)} == {rhs} + 10^-20' if rhs in ("0",) else f' value {m.group(1)} at {m.group(2)} == ({rhs})*(1 + 10^-12)'
    m = re.match(r'\s*(identity|rate) (.*) == (.*)$', stmt)
    if m:
        rhs = m.group(3).strip()
        return f' {m.group(1)} {m.group(2)} == {rhs} + 10^-20' if rhs == "0" else f' {m.group(1)} {m.group(2)} == ({rhs})*(1 + 10^-12)'
    m = re.match(r'\s*invariant (.*)$', stmt)
    if m: return f' invariant {m.group(1)} + t/10^12'
    m = re.match(r'\s*monotone (.*) (increasing|decreasing) on (.*)$', stmt)
    if m: return f' monotone {m.group(1)} {"decreasing" if m.group(2) == "increasing" else "increasing"} on {m.group(3)}'
    m = re.match(r'\s*fixedpoint (\w+) = \[(.*?), (.*)\] digits (\d+)$', stmt)
    if m: return f' fixedpoint {m.group(1)} = [({m.group(2)})*(1 + 10^-12), {m.group(3)}] digits {m.group(4)}'
    m = re.match(r'\s*limit (\w+) -> (.*?) under (.*)$', stmt)
    if m: return f' limit {m.group(1)} -> ' + ('10^-12' if m.group(2).strip() == '0' else f'({m.group(2)})*(1 + 10^-12)') + f' under {m.group(3)}'
    m = re.match(r'\s*limit (\w+) ~ d\^\((.*)\)(.*)$', stmt)
    if m: return f' limit {m.group(1)} ~ d^({m.group(2)} + 1/4){m.group(3)}'
    m = re.match(r'\s*limit (\w+) ~ d\^(.*?) under (.*)$', stmt)
    if m: return f' limit {m.group(1)} ~ d^({m.group(2)} + 1/4) under {m.group(3)}'
    if stmt.strip() == "solves ode": return None
    raise ValueError(stmt)

def variants(path):
    lines = open(path).read().splitlines()
    claims = [i for i, l in enumerate(lines) if l.startswith("claim ")]
    model = [l for i, l in enumerate(lines) if i not in claims]
    for i in claims:
        head, stmt = re.match(r'(claim "[^"]*":)(.*)$', lines[i]).groups()
        stmt = re.sub(r'\s+#.*$', '', stmt)
        planted = plant(stmt)
        if planted is None:  # solves ode: perturb the first solution line by t^2/10^12
            j = next(k for k, l in enumerate(model) if l.startswith("solution "))
            m2 = list(model); m2[j] = m2[j] + " + t^2/10^12"
            yield head, m2 + [lines[i]], m2[j]
        else:
            yield head, model + [head + planted], planted
    for j, l in enumerate(model):
        if l.startswith("region ") and "<" in l:
            m2 = list(model); m2[j] = l.replace("<", "<=") if "<=" not in l else l.replace("<=", "<")
            yield l, m2, m2[j]

binary = sys.argv[1]
total = caught = 0
for path in sys.argv[2:]:
    for n, (head, text, what) in enumerate(variants(path)):
        out = f"planted/{os.path.basename(path)[:-4]}_p{n}.phc"
        open(out, "w").write("\n".join(text) + "\n")
        r = subprocess.run([binary, "verify", out, "--format", "json"], capture_output=True, text=True, timeout=900)
        try:
            claims = json.loads(r.stdout)["files"][0]["claims"]
            statuses = [c["status"] for c in claims]
        except Exception:
            statuses = ["unreadable: " + r.stderr.strip()[:200]]
        ok = "fails" in statuses
        total += 1; caught += ok
        print(f"{'caught ' if ok else 'MISSED '} {statuses} {out}: {what.strip()}", flush=True)
print(f"{caught}/{total} planted errors caught")
