# Reference values for lw01_log_width_limits.phc and its planted twin (LogWidthLimitTests); run:
#   python3 lw01_log_width_limits.sympy.py > lw01_log_width_limits.sympy.out
# Every limit and leading term the files state is computed here by sympy (limits and series in d -> oo),
# its numbers by mpmath at 30 digits.
import sympy as sp
import mpmath as mp
mp.mp.dps = 30
d = sp.symbols('d', positive=True)
x = sp.symbols('x', positive=True)   # x = 1/d for the series at d = oo

def lead(expr, order=4):
    """The leading term of expr as d -> oo, from sympy's series in x = 1/d (log terms kept as log(1/x))."""
    s = sp.series(expr.subs(d, 1/x), x, 0, order).removeO()
    return sp.simplify(sp.expand(s).as_leading_term(x).subs(x, 1/d))

cases = [
    ("(1 + 1/d)^d -> e", (1 + 1/d)**d, None),
    ("gain product (1 + 1/(2d))^d -> e^(1/2)", (1 + sp.Rational(1, 2)/d)**d, None),
    ("gd (1 - 1/(2d))^(6d) -> e^-3", (1 - sp.Rational(1, 2)/d)**(6*d), None),
    ("d log(1 + 3/(2d)) -> 3/2", d*sp.log(1 + sp.Rational(3, 2)/d), None),
    ("d (exp(1/d) - 1) -> 1", d*(sp.exp(1/d) - 1), None),
    ("d^(1/d) -> 1", d**(1/d), None),
    ("d^(1/d) - 1 ~ log(d)/d", d**(1/d) - 1, "lead"),
    ("d (d^(1/d) - 1) - log(d) ~ log(d)^2/(2d)", d*(d**(1/d) - 1) - sp.log(d), "lead"),
    ("log(d)/d^(1/4) -> 0", sp.log(d)/d**sp.Rational(1, 4), None),
    ("log(d) -> oo", sp.log(d), None),
    ("entropy of uniform attention: log(d) - log(d - 1) ~ 1/d", sp.log(d) - sp.log(d - 1), "lead"),
    ("depth scaling beta = d: d log(1 + d^2) ~ 2 d log(d)", d*sp.log(1 + d**2), "lead"),
    ("log(2 d^2)/log(d) -> 2", sp.log(2*d**2)/sp.log(d), None),
    ("(log(d) + 1)/log(d) -> 1", (sp.log(d) + 1)/sp.log(d), None),
    ("exp(-2 log(d) + 1/d) d^2 -> 1", sp.exp(-2*sp.log(d) + 1/d)*d**2, None),
]
for name, expr, kind in cases:
    lim = sp.limit(expr, d, sp.oo)
    line = f"{name}: limit = {lim}"
    if lim.is_finite:
        line += f" = {mp.nstr(mp.mpf(sp.N(lim, 40)), 25)}"
    if kind == "lead":
        line += f"; leading term {lead(expr)}"
    print(line)
