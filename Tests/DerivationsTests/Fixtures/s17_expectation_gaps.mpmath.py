# mpmath 1.3 references for s17_expectation_gaps.phc and Issue17GapsTests (issue 17). Every value is a direct
# quadrature (mp.quad, tanh-sinh, split at the jumps and kinks), nested over both variables for two: none uses the
# unit-step closed forms or the rotation Phasecheck uses, except where noted. Run: python3 s17_expectation_gaps.mpmath.py
import mpmath as mp
def show(name, v, n=34): print(name, '|', mp.nstr(v, n, strip_zeros=False))
def E1(f, m, s, kinks=()):
    return mp.quad(lambda x: f(x) * mp.npdf(x, m, s), [-mp.inf] + sorted(kinks) + [mp.inf])
mp.mp.dps = 40
q = mp.mpf
show('E sign(xi + 0.3), N(0,1)', E1(lambda x: mp.sign(x + q('0.3')), 0, 1, [-q('0.3')]))
show('erf(0.3/sqrt 2)', mp.erf(q('0.3') / mp.sqrt(2)))
show('E sign(0.5 - 2 xi) xi^2, N(0.2, 0.9)', E1(lambda x: mp.sign(q('0.5') - 2*x) * x**2, q('0.2'), q('0.9'), [q('0.25')]))
show('E sign(xi - 0.5) xi^2, U(-1, 2)', mp.quad(lambda x: mp.sign(x - q('0.5')) * x**2, [-1, q('0.5'), 2]) / 3)
show('E sign(xi + 0.2) exp(0.5 xi) abs(xi + 0.2), N(0.1, 1.3)', E1(lambda x: mp.sign(x + q('0.2')) * mp.exp(x/2) * abs(x + q('0.2')), q('0.1'), q('1.3'), [-q('0.2')]))
# Two variables: nested quadrature, the inner split at its kink.
def E2(f, m1, s1, m2, s2, kink):
    return mp.quad(lambda x: E1(lambda y: f(x, y), m2, s2, [kink(x)]) * mp.npdf(x, m1, s1), [-mp.inf, m1, mp.inf])
mp.mp.dps = 34
show('E max(xi + 2 eta - 0.5, 0), xi N(0.3, 0.7), eta N(-0.1, 1.2)',
     E2(lambda x, y: max(x + 2*y - q('0.5'), 0), q('0.3'), q('0.7'), -q('0.1'), q('1.2'), lambda x: (q('0.5') - x)/2))
mp.mp.dps = 20   # a check of the closed form -1/(2 sqrt pi) to about 18 digits (34 take too long nested)
show('E xi eta max(xi - eta, 0), N(0,1) x N(0,1) (20 digits)', E2(lambda x, y: x*y*max(x - y, 0), 0, 1, 0, 1, lambda x: x), 18)
mp.mp.dps = 34
show('-1/(2 sqrt pi)', -1/(2*mp.sqrt(mp.pi)))
show('1/pi (E max(xi + eta, 0) max(xi - eta, 0): orthogonal combinations are independent)', 1/mp.pi)
# Smooth functions of one combination: xi + 2 eta ~ N(0, 5), xi + eta ~ N(0, 2) (sums of independent normals) in one
# variable at 45 digits, confirmed by a nested two-variable quadrature at 15 digits.
mp.mp.dps = 45
for label, var in [('E tanh(xi + 2 eta)^2', 5), ('E tanh(xi + eta)^2', 2)]:
    show(label, mp.quad(lambda z: mp.tanh(mp.sqrt(var)*z)**2 * mp.npdf(z), [-mp.inf, 0, mp.inf]))
for T in ['1', '0.5']:
    T = q(T)
    show('E exp(-xi^4/(4T) + xi^2/T), T = %s' % T, mp.quad(lambda x: mp.exp(-x**4/(4*T) + x**2/T) * mp.npdf(x), [-mp.inf, -2, 0, 2, mp.inf]))
# The Langevin mean drift m' = -E sin(m + s xi) = -exp(-s^2/2) sin m, m(0) = 1, s = 1/2: exact solution at t = 1.
s = q(1)/2
show('m(1) = 2 atan(tan(1/2) exp(-exp(-s^2/2)))', 2*mp.atan(mp.tan(q(1)/2)*mp.exp(-mp.exp(-s**2/2))))
mp.mp.dps = 15
show('nested E tanh(xi + 2 eta)^2 (15 digits)', mp.quad(lambda x: mp.quad(lambda y: mp.tanh(x + 2*y)**2 * mp.npdf(y), [-mp.inf, -x/2, mp.inf]) * mp.npdf(x), [-mp.inf, 0, mp.inf]), 13)
