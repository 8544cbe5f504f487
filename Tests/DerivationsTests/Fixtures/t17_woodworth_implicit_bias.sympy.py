# Referee for t17_woodworth_implicit_bias.phc (UnseenTrial17Tests): sympy for q' and for the series of Q_alpha as
# alpha -> inf and alpha -> 0 (alpha = d^-k), mpmath at d = 10^50 for each limit the file claims and the gradient
# flow's limit for the claims along the flow. Run: python3 t17_woodworth_implicit_bias.sympy.py
import sympy as sp
import mpmath as mp

zz = sp.symbols('z', real=True)
q = lambda e: 2 - sp.sqrt(4 + e**2) + e*sp.asinh(e/2)
print("q'(z) - asinh(z/2) =", sp.simplify(sp.diff(q(zz), zz) - sp.asinh(zz/2)))
print("q(z) near 0:", sp.series(q(zz), zz, 0, 7))

x = sp.symbols('x', positive=True)   # x = 1/d
b = [1, 2]
def Q(alpha): return sum(alpha**2*q(sp.Integer(bi)/alpha**2) for bi in b)
print("kernel (alpha = d): 4 alpha^2 Q =", sp.series(4*Q(1/x)/x**2, x, 0, 5))
print("kernel: Q/alpha^2 =", sp.series(Q(1/x)*x**2, x, 0, 5))
print("unit: Q =", sp.nsimplify(Q(sp.Integer(1))), "=", sp.N(Q(sp.Integer(1)), 30))
mp.mp.dps = 1200
def Qm(alpha): return sum(alpha**2*(2 - mp.sqrt(4 + (bi/alpha**2)**2) + bi/alpha**2*mp.asinh(bi/(2*alpha**2))) for bi in b)
for D in [mp.mpf(10)**50, mp.mpf(10)**100]:
    a = 1/D
    print("rich d = 1e%d: Q - 6 log d =" % int(mp.log10(D)), mp.nstr(Qm(a) - 6*mp.log(D), 25), " 2 log 2 - 3 =", mp.nstr(2*mp.log(2) - 3, 25))
    print("   Q/log(1/alpha^2) - 3 =", mp.nstr(Qm(a)/mp.log(1/a**2) - 3, 10), "(~ (2 log 2 - 3)/(2 log d))")
    print("   Q/alpha^2/(d^2 log d) =", mp.nstr(Qm(a)/a**2/(D**2*mp.log(D)), 10))
    print("   rich_sqrt: Q/log d =", mp.nstr(Qm(1/mp.sqrt(D))/mp.log(D), 10))
    m = mp.asinh(1/(2*a**2))
    print("   (mirror - 2 log d) d^4 =", mp.nstr((m - 2*mp.log(D))*D**4, 15))
    print("kernel d = 1e%d: (4 alpha^2 Q - 5) d^4 =" % int(mp.log10(D)), mp.nstr((4*D**2*Qm(D) - 5)*D**4, 15), " -17/48 =", mp.nstr(mp.mpf(-17)/48, 15))
    print("   2 alpha^2 mirror =", mp.nstr(2*D**2*mp.asinh(1/(2*D**2)), 20))
# Regime of Q/alpha^2 on the grid k = -2:2:1/4 (alpha = d^-k): slope of log(Q/alpha^2) in log d at d = 1e50, 1e100.
for i in range(-8, 9):
    k = mp.mpf(i)/4
    vals = [Qm(D**(-k))/D**(-2*k) for D in (mp.mpf(10)**50, mp.mpf(10)**100)]
    slope = (mp.log(vals[1]) - mp.log(vals[0]))/(50*mp.log(10))
    regime = "kernel" if slope < -0.1 else ("intermediate" if abs(slope) < 0.1 else "rich")
    assert regime == ("kernel" if k < 0 else "intermediate" if k == 0 else "rich"), (k, slope)
print("grid k = -2:2:1/4: Q/alpha^2 ~ d^(4k) (k < 0), Theta(1) at k = 0, ~ d^(2k) log d (k > 0)")
# The flow for the claims along it: u_i = alpha e^(-2 x_i s), v_i = alpha e^(2 x_i s), s' = r; r -> 0.
mp.mp.dps = 30
xs = [1, 2]
f = lambda t, S: [sum(xi*(-2*mp.mpf(0.25)*mp.sinh(4*xi*S[0])) for xi in xs) - 1]
S = mp.odefun(f, 0, [0])
s20 = S(20)[0]
w = [-2*mp.mpf(0.25)*mp.sinh(4*xi*s20) for xi in xs]
print("flow at t = 20 (alpha = 1/2): w =", [mp.nstr(v, 15) for v in w], " r =", mp.nstr(sum(xi*wi for xi, wi in zip(xs, w)) - 1, 5))
print("   x2 asinh(w1/(2 alpha^2)) - x1 asinh(w2/(2 alpha^2)) =", mp.nstr(2*mp.asinh(w[0]/mp.mpf(0.5)) - mp.asinh(w[1]/mp.mpf(0.5)), 5))
