# Reference values for derivations/shi_spring_block.phc and its tests, beyond those of
# ../shared/spec/seed-systems-checks/spring_block.py (the stuck states S2, S3, the mean field at T = 100):
#  (1) the drift g(F) = E move(F + s xi), xi ~ N(0, 1), at the forces of the file's scenario `drift`
#      (x = (0, 0, 0, 0, 0, 0, 0.475): F = (0, 0, 0, 0, 0, 0.475, 0.05)), closed form (erfc) and quadrature;
#  (3) the stationary states of the mean-field ODE x' = g(F(x)) (S6: mu_l = 0.12; S7: mu_l = mu_r = 0.1) found
#      by mpmath's findroot from x = 0 (not from the closed form), and the eigenvalues of the Jacobian there
#      (mpmath's eig of the numerical Jacobian, S8) against -g'(F*) k (2 - 2 cos(j pi/(L + 1)));
#  (4) with --phase: the sign of the mean-field curvature c(T = 100; s) (mu_l = 0.12) at the two ends of the
#      rounding interval of s_c = 0.068382111796 (11 digits), by mpmath's Taylor-series solver odefun at 25
#      digits (about 10 minutes each): S12's reference, independent of the scipy root in spring_block_phase.py;
#      first (seconds) the same by scipy's DOP853 at rtol 1e-12 and 1e-13 (their difference estimates the error);
#  (2) with --bias: how far the Monte Carlo mean of the authors' update is from the mean-field ODE at T = 100
#      (numpy, 16000 paths; a few minutes), the systematic gap the file's S11 comment quotes.
# Run: python3 Benchmarks/shi_spring_block_reference.py [--bias] [--phase]
import sys
import mpmath as mp

mp.mp.dps = 30
M = mp.mpf
s, mr, ml = M('0.1'), M('0.1'), M('0.12')
Q = lambda z: mp.ncdf(-z)

def g(F):
    a, b = (mr - F)/s, (ml + F)/s
    return s*(mp.npdf(a) - a*Q(a)) - s*(mp.npdf(b) - b*Q(b))

def move(z):
    return z - mr if z > mr else (z + ml if z < -ml else M(0))

forces = [M(0)]*5 + [M('0.475'), M('0.05')]
print('(1) g(F) at F =', [mp.nstr(F, 4) for F in forces])
for F in sorted(set(forces)):
    quad = mp.quad(lambda z: move(F + s*z)*mp.npdf(z), [-mp.inf, (-ml - F)/s, (mr - F)/s, mp.inf])
    print(f'   F = {mp.nstr(F, 4)}: closed form {mp.nstr(g(F), 25)}; quadrature {mp.nstr(quad, 25)}')

def stationary(mu_l):
    global ml
    saved, ml = ml, mu_l
    def field(*x):
        xx = [M(0)] + list(x) + [M(1)]
        return [g(xx[i + 2] - 2*xx[i + 1] + xx[i]) for i in range(7)]
    x = mp.findroot(field, [M(i + 1)/8 for i in range(7)], tol=mp.mpf(10)**-28)
    x = [x[i] for i in range(7)]
    J = mp.matrix(7, 7)
    for j in range(7):
        for i in range(7):
            J[i, j] = mp.diff(lambda h: field(*[x[m] + (h if m == j else 0) for m in range(7)])[i], 0)
    eigenvalues = sorted(mp.re(e) for e in mp.eig(J)[0])
    Fs = (mr - ml)/2
    gp = Q((mr - Fs)/s) + Q((ml + Fs)/s)
    closed = sorted(-gp*(2 - 2*mp.cos(j*mp.pi/8)) for j in range(1, 8))
    ml = saved
    return x, eigenvalues, closed, gp

for label, mu_l in [('S6, mu_l = 0.12', M('0.12')), ('S7, mu_l = 0.1', M('0.1'))]:
    x, eigenvalues, closed, gp = stationary(mu_l)
    print(f'(3) {label}: stationary load curve y - x =', [mp.nstr(1 - v, 20) for v in x])
    print(f"    g'(F*) = {mp.nstr(gp, 25)}; eigenvalues (eig of the numerical Jacobian):", [mp.nstr(e, 22) for e in eigenvalues])
    print("    -g'(F*) (2 - 2 cos(j pi/8)):", [mp.nstr(e, 22) for e in closed])

if '--phase' in sys.argv:
    import numpy as np
    from scipy.integrate import solve_ivp
    from scipy.special import erfc as erfc_double
    def curvature_at_100_double(sbar, rtol):
        def drift(F):
            a, b = (0.1 - F)/sbar, (0.12 + F)/sbar
            density = lambda z: np.exp(-z*z/2)/np.sqrt(2*np.pi)
            tail = lambda z: erfc_double(z/np.sqrt(2))/2
            return sbar*(density(a) - a*tail(a)) - sbar*(density(b) - b*tail(b))
        def field(t, x):
            xx = np.concatenate(([0.0], x, [1.0]))
            return drift(xx[2:] - 2*xx[1:-1] + xx[:-2])
        x = solve_ivp(field, (0, 100), np.zeros(7), method='DOP853', rtol=rtol, atol=rtol*1e-2).y[:, -1]
        return x[0] - (1 - x[-1])
    for sbar in [0.0683821117955, 0.0683821117965]:
        print(f'(4) scipy DOP853 c(T = 100) at s = {sbar}: rtol 1e-12 {curvature_at_100_double(sbar, 1e-12):.6e}, '
              f'rtol 1e-13 {curvature_at_100_double(sbar, 1e-13):.6e}', flush=True)
    mp.mp.dps = 25
    def curvature_at_100(sbar):
        global s
        saved, s = s, sbar
        def field(t, x):
            xx = [M(0)] + list(x) + [M(1)]
            return [g(xx[i + 2] - 2*xx[i + 1] + xx[i]) for i in range(7)]
        x = mp.odefun(field, 0, [M(0)]*7)(M(100))
        s = saved
        return x[0] - (1 - x[-1])
    for sbar in ['0.0683821117955', '0.0683821117965']:
        print(f'(4) c(T = 100) at s = {sbar}: {mp.nstr(curvature_at_100(M(sbar)), 8)}', flush=True)

if '--bias' in sys.argv:
    import numpy as np
    L, runs = 7, 16000
    mean_field = [0.8436456468, 0.6967362521, 0.5588013075, 0.4295264596, 0.3088013259, 0.196736278, 0.09364566513]
    rng = np.random.default_rng(7)
    X = np.zeros((runs, L))
    for _ in range(10000):
        xx = np.concatenate((np.zeros((runs, 1)), X, np.full((runs, 1), 1.0)), axis=1)
        F = (xx[:, 2:] - 2*xx[:, 1:-1] + xx[:, :-2]) + rng.standard_normal((runs, L))*0.1
        X = X + 0.01*(np.maximum(F - 0.1, 0) + np.minimum(F + 0.12, 0))
    load = 1 - X
    m, se = load.mean(0), load.std(0, ddof=1)/np.sqrt(runs)
    print('(2) Monte Carlo (16000 paths) minus mean field at T = 100, load curve:', np.round(m - mean_field, 6).tolist())
    print('    standard errors:', np.round(se, 7).tolist(), '; z:', np.round((m - mean_field)/se, 2).tolist())
