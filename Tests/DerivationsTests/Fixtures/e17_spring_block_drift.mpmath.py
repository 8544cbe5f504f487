# Reference values for e17_spring_block_drift.phc, mpmath 45 digits (independent of Phasecheck's expect).
# The drift g(F) = E phi(F + s xi) by quadrature split at the dead zone's kinks, checked against the seed's
# closed form. The mean-field block x' = g(k (y - 2 x)), x(0) = 0, is autonomous: x(T) solves
# int_0^x(T) du / g(k (y - 2 u)) = T (quadrature and findroot at 45 digits; mpmath's odefun agrees to 28 digits at 30).
import mpmath as mp
mp.mp.dps = 45
q = mp.mpf
k, y, s, mr, ml = q(1), q(1), q('0.1'), q('0.1'), q('0.12')
phi = lambda z, mr, ml: z - mr if z > mr else (z + ml if z < -ml else q(0))
def g_quad(F):
    return mp.quad(lambda x: phi(F + s*x, mr, ml)*mp.npdf(x), [-mp.inf, (-ml - F)/s, (mr - F)/s, mp.inf])
def g(F):
    a, b = (mr - F)/s, (ml + F)/s
    return s*(mp.npdf(a) - a*mp.ncdf(-a)) - s*(mp.npdf(b) - b*mp.ncdf(-b))
print('g(0.05): closed form', mp.nstr(g(q('0.05')), 25), ' quadrature', mp.nstr(g_quad(q('0.05')), 25))
print('g(F*) at F* = (mr - ml)/2:', mp.nstr(g((mr - ml)/2), 5))
time_to = lambda X: mp.quad(lambda u: 1/g(k*(y - 2*u)), [0, X])
x5 = mp.findroot(lambda X: time_to(X) - 5, q('0.4963'))
print('x(5) =', mp.nstr(x5, 38), ' time to reach it:', mp.nstr(time_to(x5), 40))
print('rest point (y - (mr - ml)/(2k))/2 =', mp.nstr((y - (mr - ml)/(2*k))/2, 28))
