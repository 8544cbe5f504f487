# Meng-Wang reconstruction with TWO orthogonal features (../shared/spec/seed-systems.md section 3.5, M11; the
# model of seed-systems-checks/mw_two_features.py): c1 Rademacher, c2 sparse (P(c2 = +-2) = 1/8, m2 = 1, m4 = 4),
# y = (c1 xi1 + c2 xi2)/sqrt(n) + a, state (Q1, Q2, R), tau = 1/2, s2 = 1/4, rho = 0, b = 1/4, lam = 1/2.
# Derives L and Lambda exactly (sympy, Isserlis moments, in the variances V and Cv), then:
#  (1) checks symbolically the reduction derivations/meng_wang_contrastive.phc uses: at Q1 = 0,
#      d^2 L/dQ1^2 = 2 m2(c1) (dL/dV + dL/dCv), the other feature's one-feature L (a shift c1 Q1 of both views
#      is, to second order, a change m2 Q1^2 of V and Cv), and that L and Lambda are even in Q1 (so Q1 = 0 is
#      invariant and the Jacobian there is block diagonal);
#  (2) finds the two "feature selected" fixed points (mpmath findroot, 40 digits) and the eigenvalues of the
#      full 3x3 Jacobian (mpmath eig), against which the file's transverse rate
#      -tau (2 m2 (L_V + L_C) + 2 L_R + lam) is compared.
# Run: (python3 meng_wang_two_features.mpmath.py 1; python3 meng_wang_two_features.mpmath.py 2) > meng_wang_two_features.mpmath.out
# (about 20 s each; the argument scales both hidden variables by sqrt(m2), so both have second moment m2)
import sympy as sp, mpmath as mp
mp.mp.dps = 40
Q1, Q2, R = sp.symbols('Q1 Q2 R', real=True)
V, Cv = sp.symbols('V Cv', positive=True)
c1, c2, d1, d2, Xp, Xm, Xt = sp.symbols('c1 c2 d1 d2 Xp Xm Xt', real=True)
b = sp.Rational(1, 4); s2 = sp.Rational(1, 4); rho = sp.Integer(0); lam = sp.Rational(1, 2); tau = sp.Rational(1, 2)
import sys
M2 = sp.Integer(sys.argv[1]) if len(sys.argv) > 1 else sp.Integer(1)   # both c's scaled by sqrt(M2): equal m2 = M2
rademacher = lambda j: M2**(j//2)
sparse = lambda j: M2**(j//2)*sp.Integer(2)**j/4 if j else 1
f = lambda z: z - b*z**3/3
fp = lambda z: 1 - b*z**2
from meng_wang_common import double_factorial as df, bivariate_moment
def biv(p, q): return bivariate_moment(p, q, V, Cv)
def E(expr):
    p = sp.Poly(sp.expand(expr), c1, c2, d1, d2, Xp, Xm, Xt)
    out = 0
    for (i1, i2, j1, j2, k1, k2, k3), coef in p.terms():
        if i1 % 2 or i2 % 2 or j1 % 2 or j2 % 2 or k3 % 2 or (k1 + k2) % 2: continue
        out += coef*rademacher(i1)*sparse(i2)*rademacher(j1)*sparse(j2)*biv(k1, k2)*df(k3)*V**sp.Rational(k3, 2)
    return sp.expand(out)
zp = c1*Q1 + c2*Q2 + Xp; zm = c1*Q1 + c2*Q2 + Xm; zt = d1*Q1 + d2*Q2 + Xt
L = sp.expand(-E(f(zp)*f(zm)) + sp.Rational(1, 2)*E(f(zp)**2)**2)
Eft2 = E(f(zt)**2)
Elp2 = E(fp(zp)**2*f(zm)**2) - 2*E(fp(zp)*f(zm)*f(zp)*fp(zp))*Eft2 + E(f(zp)**2*fp(zp)**2)*E(f(zt)**4)
Elplm = E(fp(zp)*f(zm)*f(zp)*fp(zm)) - E(f(zp)**2*fp(zp)*fp(zm))*Eft2
Elm2 = E(f(zp)**2*fp(zm)**2)
Elt2 = E(f(zp)**4)*E(f(zt)**2*fp(zt)**2)
Lam = sp.expand((V/R)*Elp2 + 2*(Cv/R)*Elplm + (V/R)*Elm2 + (V/R)*Elt2)
# (1) the reduction, exactly
second = sp.diff(L, Q1, 2).subs(Q1, 0)
print(f'== m2 = {M2} for both features')
print('(1) d2L/dQ1^2 - 2 m2 (dL/dV + dL/dCv) at Q1 = 0:', sp.expand(second - 2*M2*(sp.diff(L, V) + sp.diff(L, Cv)).subs(Q1, 0)))
print('(1) dL/dQ1 and dLambda/dQ1 at Q1 = 0 (L, Lambda even in Q1):', sp.expand(sp.diff(L, Q1).subs(Q1, 0)), sp.expand(sp.diff(Lam, Q1).subs(Q1, 0)))
# (2) the dynamics, V = R (1 + s2), Cv = R (1 + rho s2)
onR = {V: R*(1 + s2), Cv: R*(1 + rho*s2)}
LR = (1 + s2)*sp.diff(L, V) + (1 + rho*s2)*sp.diff(L, Cv)
Q1d = -tau*(sp.diff(L, Q1) + 2*Q1*LR + lam*Q1)
Q2d = -tau*(sp.diff(L, Q2) + 2*Q2*LR + lam*Q2)
Rd = -tau*(2*Q1*sp.diff(L, Q1) + 2*Q2*sp.diff(L, Q2) + 4*R*LR + 2*lam*R) + tau**2*Lam
F = sp.Matrix([Q1d, Q2d, Rd]).subs(onR)
Jm = sp.lambdify((Q1, Q2, R), F.jacobian([Q1, Q2, R]), 'mpmath')
Fm = sp.lambdify((Q1, Q2, R), list(F), 'mpmath')
transverse = sp.lambdify((Q2, R), (-tau*(2*M2*(sp.diff(L, V) + sp.diff(L, Cv)) + 2*LR + lam)).subs(Q1, 0).subs(onR), 'mpmath')
R0 = mp.findroot(lambda r: Fm(0, 0, r)[2], mp.mpf('0.7'))
ev = sorted(mp.re(e) for e in mp.eig(mp.matrix(Jm(0, 0, R0)))[0])
print(f'(2) uninformative: R0={mp.nstr(R0, 30)}; eigenvalues of the 3x3 Jacobian: {[mp.nstr(e, 30) for e in ev]} (Q1, Q2 grow alike: m2 only)')
print(f'    transverse rate -tau (2 m2 (L_V + L_C) + 2 L_R + lam) at (0, R0): {mp.nstr(transverse(0, R0), 30)}')
if M2 != 1: sys.exit()   # the selected states are checked at m2 = 1 only
for name, guess in [('feature 1 selected', (mp.mpf('0.27'), 0, mp.mpf('0.67'))), ('feature 2 selected', (0, mp.mpf('0.22'), mp.mpf('0.67')))]:
    x = mp.findroot(lambda a, b_, c_: Fm(a, b_, c_), guess)
    ev = sorted(mp.re(e) for e in mp.eig(mp.matrix(Jm(*x)))[0])
    print(f'(2) {name}: Q1={mp.nstr(x[0], 30)} Q2={mp.nstr(x[1], 30)} R={mp.nstr(x[2], 30)}')
    print(f'    eigenvalues of the 3x3 Jacobian: {[mp.nstr(e, 30) for e in ev]}')
    if name == 'feature 2 selected':
        print(f'    transverse rate -tau (2 m2 (L_V + L_C) + 2 L_R + lam) at (Q2, R): {mp.nstr(transverse(x[1], x[2]), 30)}')
