# Referee of t18_woodworth_diagonal.phc (UnseenTrial18Tests): python3 t18_woodworth_diagonal.mpmath.py > t18_woodworth_diagonal.mpmath.out
# Diagonal linear network beta = u*u - v*v on one example (x, y), L = (x . beta - y)^2/2, gradient flow from u = v = alpha:
# u_i' = -2 r x_i u_i, v_i' = 2 r x_i v_i (r = x . beta - y), so u_i v_i = alpha^2 and, with S(t) = int_0^t r,
# u_i = alpha e^(-2 x_i S), v_i = alpha e^(2 x_i S), beta_i = -2 alpha^2 sinh(4 x_i S) (Woodworth et al. 2020, sec. 4).
# The limit S* solves x . beta(S*) = y: beta* minimises the hyperbolic entropy Q = alpha^2 sum q(beta_i/alpha^2),
# q(z) = 2 - sqrt(4 + z^2) + z asinh(z/2), among interpolators (q'(z) = asinh(z/2) = -4 x_i S* is proportional to x_i).
from mpmath import mp, mpf, sinh, asinh, sqrt, exp, findroot, odefun, nstr, quad
mp.dps = 40
x1, x2, y, al = mpf(1), mpf(1)/2, mpf(1), mpf(1)/2
def beta(S): return [-2*al**2*sinh(4*x1*S), -2*al**2*sinh(4*x2*S)]
def fit(S): b = beta(S); return x1*b[0] + x2*b[1] - y
Sstar = findroot(fit, -0.3)
print("S* =", nstr(Sstar, 35))
b = beta(Sstar)
print("beta1* =", nstr(b[0], 35), " beta2* =", nstr(b[1], 35))
q = lambda z: 2 - sqrt(4 + z**2) + z*asinh(z/2)
print("Q(beta*) =", nstr(al**2*(q(b[0]/al**2) + q(b[1]/al**2)), 35))
# Q is smallest at beta* along the interpolating line beta = beta* + s (x2, -x1):
Qs = lambda s: al**2*(q((b[0] + s*x2)/al**2) + q((b[1] - s*x1)/al**2))
print("Q(beta* +- 10^-3 along the line) - Q(beta*):", nstr(Qs(mpf(10)**-3) - Qs(0), 5), nstr(Qs(-mpf(10)**-3) - Qs(0), 5))
print("min-norm interpolator beta1 =", nstr(y*x1/(x1**2 + x2**2), 10))
# S(t) by the reduced ODE S' = fit(S), and the full flow in (u1, u2, v1, v2) as a second method:
fS = odefun(lambda t, S: fit(S), 0, mpf(0))
def rhs(t, z):
    r = x1*(z[0]**2 - z[2]**2) + x2*(z[1]**2 - z[3]**2) - y
    return [-2*r*x1*z[0], -2*r*x2*z[1], 2*r*x1*z[2], 2*r*x2*z[3]]
fz = odefun(rhs, 0, [al, al, al, al])
z = fz(mpf(1)); S1 = fS(mpf(1))
print("u1 at t = 1:", nstr(z[0], 35), " from S:", nstr(al*exp(-2*x1*S1), 35))
print("v2 at t = 1:", nstr(z[3], 35), " from S:", nstr(al*exp(2*x2*S1), 35))
print("L at t = 1:", nstr(fit(S1)**2/2, 35))
print("S at t = 8 minus S*:", nstr(fS(mpf(8)) - Sstar, 5))
