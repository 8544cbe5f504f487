# Reference for i08_identities_only.phc (+ planted twin): sympy symbolic simplification and mpmath at 60 digits
# at the file's values and at fixed-seed random draws.
import mpmath as mp, sympy as sp, random
mp.mp.dps = 60
x, y = sp.symbols('x y', real=True); a = sp.symbols('a', positive=True)
checks = {
 "cosh^2 - sinh^2 = 1": (sp.cosh(x)**2 - sp.sinh(x)**2, sp.Integer(1)),
 "tanh double angle": (sp.tanh(2*x), 2*sp.tanh(x)/(1 + sp.tanh(x)**2)),
 "sinh addition": (sp.sinh(x + y), sp.sinh(x)*sp.cosh(y) + sp.cosh(x)*sp.sinh(y)),
 "atanh as a log": (sp.atanh(sp.tanh(x)), sp.log((1 + sp.tanh(x))/(1 - sp.tanh(x)))/2),
 "balanced NTK": (sp.sqrt(a)**2 + sp.sqrt(a)**2, 2*a),
 "asinh as a log": (sp.asinh(x), sp.log(x + sp.sqrt(x**2 + 1))),
 "PLANTED sinh(x+y) = sinh x cosh y - cosh x sinh y": (sp.sinh(x + y), sp.sinh(x)*sp.cosh(y) - sp.cosh(x)*sp.sinh(y)),
}
rng = random.Random(3)
pts = [(sp.Rational(7, 10), sp.Rational(3, 10), sp.Rational(3, 2))] + [(sp.Float(rng.choice([-1, 1])*2**rng.uniform(-3, 3), 60), sp.Float(rng.choice([-1, 1])*2**rng.uniform(-3, 3), 60), sp.Float(2**rng.uniform(-3, 3), 60)) for _ in range(5)]
for name, (L, R) in checks.items():
    simp = sp.simplify(sp.expand_trig((L - R).rewrite(sp.exp)))
    worst = mp.inf
    for xv, yv, av in pts:
        Lv = mp.mpf(sp.N(L.subs({x: xv, y: yv, a: av}), 70)); Rv = mp.mpf(sp.N(R.subs({x: xv, y: yv, a: av}), 70))
        d = mp.inf if Lv == Rv else -mp.log10(abs(Lv - Rv)/max(abs(Rv), 1))
        worst = min(worst, d)
    print(f"{name}: sympy simplify(L - R) = {simp};  worst agreement over 6 points = {mp.nstr(worst, 5)} digits -> {'TRUE' if worst > 45 else 'FALSE'}")
