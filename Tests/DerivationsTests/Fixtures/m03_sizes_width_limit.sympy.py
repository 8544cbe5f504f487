# Reference values for m03_sizes_width_limit.phc at n_h = 3 (the file's), 5 and 10 (`--set n_h=...`):
# sympy's exact leading terms as d -> infinity of trace, det and Frobenius norm of
# Lam = U0^T U0 - V0^T V0 with U0 = sigma_u A, V0 = sigma_v A, A = I + J/2 (J: all ones), under
# sigma_u = (1 + 1/d)/sqrt(d), sigma_v = 1/sqrt(d).
import sympy as sp
d, z = sp.symbols('d z', positive=True)

def lead(expr):
    """Leading term (c, e) of expr ~ c*d^e as d -> oo: the leading term in z = 1/d."""
    c, p = sp.simplify(expr.subs(d, 1 / z)).as_leading_term(z).as_coeff_exponent(z)
    return sp.nsimplify(sp.simplify(c)), -p

su, sv = (1 + 1/d) / sp.sqrt(d), 1 / sp.sqrt(d)
for n in [3, 5, 10]:
    A = sp.eye(n) + sp.ones(n, n) / 2
    U0, V0 = su * A, sv * A
    Lam = (U0.T * U0 - V0.T * V0).applyfunc(sp.expand)
    print(f"n_h = {n}: trace(Lam) leading {lead(Lam.trace())}, |Lam|_F leading {lead(sp.sqrt(sum(x**2 for x in Lam)))}"
          + (f", det(Lam) leading {lead(Lam.det(method='berkowitz'))}" if n <= 5 else ""))

# expm in the width-limit section (the file's `expm` quantities), at s = sigma_u = (1 + 1/d)/sqrt(d):
s = su
C = sp.Matrix([[2, 1], [1, 2]])
J = sp.Matrix([[1, 1], [0, 1]])
N = sp.Matrix([[0, 1, 2], [0, 0, 3], [0, 0, 0]])
print("trace(expm(s C)) limit", sp.limit((s * C).exp().trace(), d, sp.oo), "; trace(expm(s C)) - 2 leading", lead((s * C).exp().trace() - 2))
print("expm(s J)[1,2] leading", lead(sp.simplify((s * J).exp()[0, 1])))
print("expm(s N)[1,3] leading", lead((s * N).exp()[0, 2]))
print("trace(expm([[0, 1], [1, 0]])) =", sp.simplify(sp.Matrix([[0, 1], [1, 0]]).exp().trace()))
