"""Referee for Tests/ExpressionsTests/CanonicalEqualitySoundnessTests.swift: which pairs of expressions are
equal as real functions wherever both sides are defined (the meaning of `exact` in an identity claim).

Run: python3 Benchmarks/canonical_equality_reference.py
For each pair it prints `equal` or `differs at x=..., y=...` with both values. A pair "differs" when
SymPy, evaluating both sides in real arithmetic as Phasecheck does (a non-integer power of a negative
number is undefined; cbrt is the real cube root), finds a point where both sides are real and finite and
disagree beyond 1e-30 (50-digit evaluation at 400 seeded points in [-3, 3]^2 plus small integers and halves).
"equal" also requires sympy.simplify(l - r) == 0 for positive symbols (a check that the sides are the same
function where everything is defined).
"""
import random
import mpmath as mp
import sympy as sp

mp.mp.dps = 50

x, y = sp.symbols("x y", real=True)
xp, yp = sp.symbols("x y", positive=True)

class Undefined(Exception):
    pass

def real_value(e, point):
    """e (a SymPy tree read without evaluation) at the point, in 50-digit real arithmetic as Phasecheck
    evaluates it: a^b for a non-integer b needs a >= 0 (MPFR pow), log needs > 0, sqrt >= 0, cbrt is real."""
    if e.is_Symbol:
        return point[e.name]
    if e.is_Number:
        return mp.mpf(e.p) / e.q if e.is_Rational else mp.mpf(e)
    args = [real_value(a, point) for a in e.args]
    if e.is_Add:
        return mp.fsum(args)
    if e.is_Mul:
        return mp.fprod(args)
    if e.is_Pow:
        a, b = args
        if b == int(b):
            if a == 0 and b < 0:
                raise Undefined
            return a ** int(b)
        if a < 0:
            raise Undefined
        if a == 0 and b < 0:
            raise Undefined
        return a ** b
    name = type(e).__name__
    table = {"Abs": lambda a: abs(a), "atan2": lambda a, b: mp.atan2(a, b), "Min": min, "Max": max,
             "exp": mp.exp, "log": lambda a: mp.log(a) if a > 0 else (_ for _ in ()).throw(Undefined())}
    return table[name](*args)

def real_eval(text, values):
    """The value at the point, or None where a side is undefined."""
    env = {"x": x, "y": y, "abs": sp.Abs, "atan2": sp.atan2, "min": sp.Min, "max": sp.Max,
           "sqrt": lambda a, **_: sp.Pow(a, sp.Rational(1, 2), evaluate=False),
           "pow": lambda a, b, **_: sp.Pow(a, b, evaluate=False)}
    expr = sp.parse_expr(text.replace("^", "**"), local_dict=env, evaluate=False)
    try:
        v = real_value(expr, {"x": mp.mpf(values[0].p) / values[0].q, "y": mp.mpf(values[1].p) / values[1].q})
    except (Undefined, ZeroDivisionError):
        return None
    return v if mp.isfinite(v) else None

def symbolic_difference(l, r):
    env = {"x": xp, "y": yp, "cbrt": lambda a: a ** sp.Rational(1, 3), "abs": sp.Abs, "atan2": sp.atan2,
           "pow": sp.Pow, "min": sp.Min, "max": sp.Max}
    return sp.simplify(sp.sympify(l.replace("^", "**"), locals=env) - sp.sympify(r.replace("^", "**"), locals=env))

PAIRS = [
    ("(x^2)^(3/2)", "x^3"), ("(x^2)^(1/2)", "x"), ("sqrt(x^2)", "x"), ("(x^-2)^(-1/2)", "x"),
    ("(x^2*y)^(1/2)", "x*y^(1/2)"), ("(x^y)^(1/2)", "x^(y/2)"), ("x - y", "y - x"), ("atan2(x, y)", "atan2(y, x)"),
    ("pow(x, y)", "pow(y, x)"), ("x^2^3", "x^6"), ("(x - y)^3", "(y - x)^3"), ("(x - y)^(1/2)", "(y - x)^(1/2)"),
    ("abs(x)", "x"), ("(-x)^3", "x^3"), ("x/(y*x)", "x/y"), ("min(x, y)", "max(x, y)"),
    ("x^(1/2)*x^(1/2)", "x"), ("(x^(1/2))^2", "x"), ("x^(1/3)*x^(2/3)", "x"), ("x^2/x", "x"), ("x^2^3", "x^8"),
    ("(x^2)^3", "x^6"), ("(x - y)^2", "(y - x)^2"), ("(x - y)^3 + (y - x)^3", "0"), ("x^(3/2)/x^(1/2)", "x"),
    ("(x*y)^2", "x^2*y^2"), ("(2*x)^(-1)", "1/(2*x)"), ("(x^(1/2))^(1/2)", "x^(1/4)"), ("min(x, y)", "min(y, x)"),
    ("(x^2)^(1/2)*(x^2)^(1/2)", "x^2"), ("(x^3)^(2/3)", "x^2"), ("x^(1/2)/x^(1/2)", "1"),
]

def main():
    rng = random.Random(20261206)
    points = [(sp.Rational(a, 2), sp.Rational(b, 2)) for a in range(-6, 7) for b in range(-6, 7)]
    points += [(sp.Rational(rng.randint(-3000, 3000), 1000), sp.Rational(rng.randint(-3000, 3000), 1000)) for _ in range(400)]
    for l, r in PAIRS:
        verdict = "equal"
        for p in points:
            a, b = real_eval(l, p), real_eval(r, p)
            if a is None or b is None:
                continue
            if abs(a - b) > mp.mpf("1e-30") * (1 + abs(a) + abs(b)):
                verdict = f"differs at x={p[0]}, y={p[1]}: {mp.nstr(a, 12)} vs {mp.nstr(b, 12)}"
                break
        if verdict == "equal" and symbolic_difference(l, r) != 0:
            verdict = "not shown equal by sympy.simplify"
        print(f'("{l}", "{r}"): {verdict}')

main()
