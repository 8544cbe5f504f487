"""Shared helpers for the trial reference scripts: high-precision ODE values checked at two precisions."""
import mpmath as mp

def ode_at(rhs, y0, times, dps=50, extra=15):
    """Integrate y' = rhs(t, y) with mpmath.odefun (Taylor) at dps and dps+extra; return values at
    `times` from the higher precision run and the digits of agreement between the two runs (relative to max(|y|, 1))."""
    out = {}
    runs = []
    for p in (dps, dps + extra):
        with mp.workdps(p):
            f = mp.odefun(rhs, 0, [mp.mpf(v) for v in y0])
            runs.append([[+c for c in f(mp.mpf(T))] for T in times])
    with mp.workdps(dps + extra):
        agree = None
        for a, b in zip(runs[0], runs[1]):
            for x, y in zip(a, b):
                if x == y: continue
                d = -mp.log10(abs(x - y) / max(abs(y), 1))
                agree = d if agree is None else min(agree, d)
    return runs[1], agree

def digits(x, y):
    """Relative digits of agreement (absolute when y == 0)."""
    if x == y: return mp.inf
    return -mp.log10(abs(x - y) / (abs(y) if y != 0 else 1))

def show(name, value, claimed=None, note=""):
    s = f"{name}: {mp.nstr(value, 40)}"
    if claimed is not None:
        d = digits(value, claimed)
        s += f"   claimed {mp.nstr(claimed, 40)}   agreement {mp.nstr(d, 4)} digits -> {'TRUE' if d > 45 else 'FALSE'}"
    if note: s += "   " + note
    print(s)
