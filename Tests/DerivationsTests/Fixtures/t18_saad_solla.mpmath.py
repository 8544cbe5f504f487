# Referee of t18_saad_solla.phc (UnseenTrial18Tests): python3 t18_saad_solla.mpmath.py > t18_saad_solla.mpmath.out
# On-line learning of a teacher erf unit by a student erf unit (Saad and Solla 1995, K = M = 1, T = 1), g(u) = erf(u/sqrt 2),
# in the small-rate limit (time = eta alpha, the eta^2 term dropped). Student field x, teacher field y, jointly normal
# with E x^2 = Q, E x y = R, E y^2 = 1; I3(a, b, c) = E g'(a) b g(c) = (2/pi) (C_bc (1 + C_aa) - C_ab C_ac) /
# ((1 + C_aa) sqrt((1 + C_aa)(1 + C_cc) - C_ac^2)). R' = I3(x, y, y) - I3(x, y, x), Q' = 2 (I3(x, x, y) - I3(x, x, x)).
# Checked: the closed forms against 2-d Gauss-Hermite quadrature (mpmath quad), the fixed point (1, 1), its Jacobian's
# eigenvalues (sympy, exact), and the flow by mpmath's Taylor method.
import sympy as sp
from mpmath import mp, mpf, quad, workdps, erf, exp, sqrt, pi, asin, inf, odefun, nstr
mp.dps = 30
Q0, R0 = mpf(1)/2, mpf(1)/4
def pair(f, Q, R):
    # x = sqrt(Q) z1, y = R/sqrt(Q) z1 + sqrt(1 - R^2/Q) z2
    a, b, c = sqrt(Q), R/sqrt(Q), sqrt(1 - R**2/Q)
    w = lambda z: exp(-z**2/2)/sqrt(2*pi)
    with workdps(18):  # 2-d quadrature: 18 digits suffice to confirm each closed form (which is then evaluated at 30)
        return quad(lambda z1, z2: f(a*z1, b*z1 + c*z2)*w(z1)*w(z2), [-inf, inf], [-inf, inf])
g = lambda u: erf(u/sqrt(2)); dg = lambda u: sqrt(2/pi)*exp(-u**2/2)
print("E g(x) g(y) =", nstr(pair(lambda x, y: g(x)*g(y), Q0, R0), 28), " closed:", nstr(2/pi*asin(R0/sqrt(2*(1 + Q0))), 28))
Iyy = lambda Q, R: 2/pi*(1 + Q - R**2)/((1 + Q)*sqrt(2*(1 + Q) - R**2))
Iyx = lambda Q, R: 2/pi*R/((1 + Q)*sqrt(1 + 2*Q))
Ixy = lambda Q, R: 2/pi*R/((1 + Q)*sqrt(2*(1 + Q) - R**2))
Ixx = lambda Q, R: 2/pi*Q/((1 + Q)*sqrt(1 + 2*Q))
print("I3(x,y,y) =", nstr(pair(lambda x, y: dg(x)*y*g(y), Q0, R0), 28), " closed:", nstr(Iyy(Q0, R0), 28))
print("I3(x,y,x) =", nstr(pair(lambda x, y: dg(x)*y*g(x), Q0, R0), 28), " closed:", nstr(Iyx(Q0, R0), 28))
print("I3(x,x,y) =", nstr(pair(lambda x, y: dg(x)*x*g(y), Q0, R0), 28), " closed:", nstr(Ixy(Q0, R0), 28))
print("I3(x,x,x) =", nstr(pair(lambda x, y: dg(x)*x*g(x), Q0, R0), 28), " closed:", nstr(Ixx(Q0, R0), 28))
eps = lambda Q, R: (asin(Q/(1 + Q)) + asin(mpf(1)/2) - 2*asin(R/sqrt(2*(1 + Q))))/pi
print("E g(x)^2 =", nstr(pair(lambda x, y: g(x)**2, Q0, R0), 28), " closed:", nstr(2/pi*asin(Q0/(1 + Q0)), 28))
print("eps_g = (E g(x)^2 + E g(y)^2)/2 - E g(x) g(y):", nstr(eps(Q0, R0), 28), " from the averages:",
      nstr(asin(Q0/(1 + Q0))/pi + asin(mpf(1)/2)/pi - 2/pi*asin(R0/sqrt(2*(1 + Q0))), 28))
Q, R = sp.symbols('Q R', positive=True)
fR = 2/sp.pi*((1 + Q - R**2)/((1 + Q)*sp.sqrt(2*(1 + Q) - R**2)) - R/((1 + Q)*sp.sqrt(1 + 2*Q)))
fQ = 4/sp.pi*(R/((1 + Q)*sp.sqrt(2*(1 + Q) - R**2)) - Q/((1 + Q)*sp.sqrt(1 + 2*Q)))
print("drift at (1, 1):", sp.simplify(fR.subs({Q: 1, R: 1})), sp.simplify(fQ.subs({Q: 1, R: 1})))
J = sp.Matrix([fR, fQ]).jacobian([R, Q]).subs({Q: 1, R: 1}).applyfunc(sp.nsimplify).applyfunc(sp.simplify)
print("Jacobian at (1, 1) (rows R', Q'; columns R, Q):", J)
ev = [sp.nsimplify(sp.simplify(v)) for v in J.eigenvals()]
print("eigenvalues:", ev, [sp.N(v, 35) for v in ev])
f = odefun(lambda t, z: [Iyy(z[1], z[0]) - Iyx(z[1], z[0]), 2*(Ixy(z[1], z[0]) - Ixx(z[1], z[0]))], 0, [R0, Q0])
for t in (1, 5):
    z = f(mpf(t)); print("t =", t, " R =", nstr(z[0], 30), " Q =", nstr(z[1], 30), " eps =", nstr(eps(z[1], z[0]), 30))
