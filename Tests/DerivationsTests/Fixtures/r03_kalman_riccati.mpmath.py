# Reference values for Tests/DerivationsTests/Fixtures/r03_kalman_riccati.phc (UnseenTrial16Tests); run:
# python3 r03_kalman_riccati.mpmath.py > r03_kalman_riccati.mpmath.out
# The Kalman filter's prediction covariance for x+ = A x + w (w ~ N(0, Q)), y = H x + v (v ~ N(0, r)) follows the
# discrete Riccati recursion P+ = A P A^T + Q - A P H^T (H P H^T + r)^-1 H P A^T (Kalman 1960). With the constant-velocity
# model A = [[1, 1], [0, 1]], H = [1, 0], Q = q I it converges to the stabilising solution P* of the algebraic equation;
# the linearised recursion at P* is dP -> Acl dP Acl^T, Acl = A - K H, K = A P* H^T/(H P* H^T + r), whose eigenvalues are
# the products l_i l_j of Acl's (on the 4 entries of P: l1^2, l1 l2 twice, l2^2).
import sympy as sp
from mpmath import mp, mpf, matrix, findroot, eig, sqrt
mp.dps = 60
q, r = sp.Rational(1, 10), sp.Integer(1)
A = sp.Matrix([[1, 1], [0, 1]]); H = sp.Matrix([[1, 0]]); Q = q*sp.eye(2)
def ric(P):
    # written for any square P as A P H^T (H P A^T): for a symmetric P this is g g^T, g = A P H^T
    return A*P*A.T + Q - (A*P*H.T)*(H*P*A.T)/((H*P*H.T)[0, 0] + r)
P = sp.eye(2)
for k in range(1, 4):
    P = sp.simplify(ric(P))
    print("P at step", k, "=", P.tolist())
# the algebraic equation: solve exactly for the symmetric P* = [[a, b], [b, c]]
a, b, c = sp.symbols('a b c', real=True)
Ps = sp.Matrix([[a, b], [b, c]])
eqs = [sp.numer(sp.together(e_)) for e_ in (ric(Ps) - Ps)]
sol = sp.solve([eqs[0], eqs[1], eqs[3]], [a, b, c], dict=True)
good = None
for s_ in sol:
    vals = [sp.N(s_[v], 50) for v in (a, b, c)]
    if all(sp.im(x) == 0 for x in vals) and vals[0] > 0 and vals[2] > 0 and vals[0]*vals[2] - vals[1]**2 > 0:
        good = s_
        print("P* =", [sp.nsimplify(sp.simplify(s_[v])) for v in (a, b, c)], "=", vals)
Pst = Ps.subs(good)
K = A*Pst*H.T/((H*Pst*H.T)[0, 0] + r)
Acl = sp.simplify(A - K*H)
print("Acl =", [[sp.N(x, 40) for x in row] for row in Acl.tolist()])
ev = list(Acl.eigenvals().keys())
print("Acl eigenvalues:", [sp.N(x, 40) for x in ev])
prods = [ev[0]**2, ev[0]*ev[1], ev[0]*ev[1], ev[1]**2]
print("products l_i l_j:", [sp.N(sp.expand(x), 40) for x in prods])
print("|l|^2 = det Acl =", sp.N(Acl.det(), 40), " trace Acl =", sp.N(Acl.trace(), 40))
# check the Jacobian of the recursion on the 4 entries directly
x = sp.symbols('p11 p12 p21 p22')
Px = sp.Matrix([[x[0], x[1]], [x[2], x[3]]])
J = sp.Matrix(list(ric(Px))).jacobian(x).subs(dict(zip(x, [Pst[0, 0], Pst[0, 1], Pst[1, 0], Pst[1, 1]])))
Jn = matrix([[sp.N(J[i, j], 50) for j in range(4)] for i in range(4)])
print("eigenvalues of the 4 x 4 Jacobian (numerically):", eig(Jn)[0])
# iterate to step 200 at 60 digits
Pm = matrix([[1, 0], [0, 1]]); Am = matrix([[1, 1], [0, 1]])
for k in range(200):
    g = Am*Pm*matrix([[1], [0]])
    Pm = Am*Pm*Am.T + mpf(1)/10*matrix([[1, 0], [0, 1]]) - g*g.T/(Pm[0, 0] + 1)
print("P at step 200:", Pm)
# the scalar Riccati recursion p+ = a^2 p r/(p + r) + q (H = 1) has the positive fixed point
# p* = (q + (a^2 - 1) r + sqrt((q + (a^2 - 1) r)^2 + 4 q r))/2 and multiplier (a r/(p* + r))^2
aa, qq, rr, p = sp.symbols('aa qq rr p', positive=True)
f = aa**2*p*rr/(p + rr) + qq
pst = (qq + (aa**2 - 1)*rr + sp.sqrt((qq + (aa**2 - 1)*rr)**2 + 4*qq*rr))/2
print("scalar: f(p*) - p* =", sp.simplify(sp.expand(f.subs(p, pst) - pst)), " f'(p*) - (a r/(p* + r))^2 =", sp.simplify(sp.diff(f, p).subs(p, pst) - (aa*rr/(pst + rr))**2))
# the (2, 2) entry of the algebraic equation reads q = b^2/(a + r), so a = b^2/q - r; the steady gain K = [a + b, b]/(a + r)
av, bv, cv = [sp.N(good[v], 50) for v in (a, b, c)]
bc = sp.Rational(1, 40) + sp.sqrt(6 + 2*sp.sqrt(165))/40 + sp.sqrt(165)/40
cc = sp.Rational(1, 10) + sp.sqrt(6 + 2*sp.sqrt(165))/20
print("closed forms: b - bc =", sp.N(bv - bc, 50), " c - cc =", sp.N(cv - cc, 50), " a - (b^2/q - r) =", sp.N(av - (bc**2/q - r), 50))
print("steady gain K1 =", sp.N((av + bv)/(av + r), 40), " K2 =", sp.N(bv/(av + r), 40))
# the eigenvalues of the linearised recursion to 60 digits (a double eigenvalue is matched through the characteristic
# polynomial, which places it to about half the digits its claimed value is given to)
print("l1^2 =", sp.N(sp.expand(ev[0]**2), 62), " l1 l2 =", sp.N(sp.expand(ev[0]*ev[1]), 62))
