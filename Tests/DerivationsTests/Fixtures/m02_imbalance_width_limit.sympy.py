# Reference values for m02_imbalance_width_limit.phc: sympy's exact series in d -> infinity.
import sympy as sp
d = sp.symbols('d', positive=True)
A = sp.Matrix([[sp.Rational(2, 3), 1], [sp.Rational(4, 3), 1], [sp.Rational(4, 3), 0]])
B = sp.Matrix([[2, 1], [0, 1]])
B1 = sp.Matrix([[1, 0], [1, 2]])
print("A^T A =", (A.T * A).tolist(), " B^T B =", (B.T * B).tolist(), " B1^T B1 =", (B1.T * B1).tolist())

z = sp.symbols('z', positive=True)

def lead(expr):
    """Leading term (c, e) of expr ~ c*d^e as d -> oo: the leading term in z = 1/d."""
    c, p = sp.simplify(expr.subs(d, 1 / z)).as_leading_term(z).as_coeff_exponent(z)
    return sp.simplify(c), -p

su, sv = (1 + 1/d) / sp.sqrt(d), 1 / sp.sqrt(d)
U0, V0 = su * A, sv * B
Lam = U0.T * U0 - V0.T * V0
print("near_balanced: Lam =", sp.simplify(Lam).tolist())
print("near_balanced: det(Lam) leading", lead(Lam.det()))
print("near_balanced: |Lam|_F leading", lead(sp.sqrt(sum(x**2 for x in Lam))))
print("near_balanced: Lam[1,2] leading", lead(Lam[0, 1]))
ratio = ((U0.T * U0).inv() * (V0.T * V0)).trace()
print("near_balanced: ratio =", sp.simplify(ratio), " limit", sp.limit(ratio, d, sp.oo))
Lam1 = (A.T * A) - (B1.T * B1)
print("equal_unit: |Lam1|_F =", sp.sqrt(sum(x**2 for x in Lam1)))
# Symbolic orders at sample exponents (the claims must hold on the whole grid).
bu, bv = sp.symbols('b_u b_v', rational=True)
for pu, pv in [(-1, 1), (sp.Rational(1, 2), sp.Rational(1, 2)), (1, 0), (0, 0), (sp.Rational(-1, 2), -1)]:
    su, sv = d**(-pu), d**(-pv)
    U0, V0, V1 = su * A, sv * B, sv * B1
    r = ((U0.T * U0).inv() * (V0.T * V0)).trace()
    L1 = U0.T * U0 - V1.T * V1
    c2, e2 = lead(sum(sp.expand(x)**2 for x in L1))  # |Lam1|_F^2, then the square root
    print(f"b_u={pu}, b_v={pv}: ratio = {sp.simplify(r)} (order {2*pu - 2*pv}); |Lam1|_F leading ({sp.sqrt(c2)}, {e2 / 2}) (e_L = {max(-2*pu, -2*pv)})")
