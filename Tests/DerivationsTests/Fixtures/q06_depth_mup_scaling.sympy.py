# Reference values for Tests/DerivationsTests/Fixtures/q06_depth_mup_scaling.phc (UnseenTrial13Tests); run: python3 q06_depth_mup_scaling.sympy.py > q06_depth_mup_scaling.sympy.out
import sympy as sp
d = sp.symbols('d', positive=True)
u = sp.symbols('u', positive=True)  # u = 1/d
for name, beta2 in [("depth_mup (beta = d^-1/2)", 1/d), ("standard (beta = 1)", sp.Integer(1)), ("inverse (beta = 1/d)", 1/d**2)]:
    lq = d*sp.log(1 + beta2)
    print(name, "lq =", sp.series(lq.subs(d, 1/u), u, 0, 3))
    if beta2 != 1:
        print("   q = exp(lq) =", sp.series(sp.exp(lq.subs(d, 1/u)), u, 0, 3))
    dh = beta2*d
    print("   dh (eta = 1) =", sp.simplify(dh))
print("exp(1) =", sp.N(sp.E, 30), " -e/2 =", sp.N(-sp.E/2, 30))
