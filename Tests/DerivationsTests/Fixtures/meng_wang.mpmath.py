# The Meng-Wang contrastive-learning reconstruction (../shared/spec/seed-systems.md section 3.2, model of
# seed-systems-checks/mw_derive.py): derives the population loss L and the Ito term Lambda exactly (sympy,
# Isserlis moments), with b = 1/4 (f(z) = z - z^3/12), in the variances V = R(1 + s2) and Cv = R(1 + rho s2);
# writes their .phc text (the block of derivations/meng_wang_contrastive.phc between the GENERATED markers)
# to meng_wang.phc-block, and prints reference values (mpmath findroot and eig, 40 digits) for the tests.
# Run: python3 meng_wang.mpmath.py > meng_wang.mpmath.out   (about a minute)
import sympy as sp, mpmath as mp
mp.mp.dps = 40
Q, R, s2, rho = sp.symbols('Q R s2 rho', real=True)
c, ct, Xp, Xm, Xt = sp.symbols('c ct Xp Xm Xt', real=True)
V, Cv = sp.symbols('V Cv', positive=True)
mj = {j: sp.Symbol(f'm{j}', positive=True) for j in range(2, 13, 2)}
b = sp.Rational(1, 4)
f = lambda z: z - b*z**3/3
fp = lambda z: 1 - b*z**2
zp = c*Q + Xp; zm = c*Q + Xm; zt = ct*Q + Xt
from meng_wang_common import double_factorial as df, bivariate_moment
def biv(p, q): return bivariate_moment(p, q, V, Cv)
def E(expr):
    p = sp.Poly(sp.expand(expr), c, ct, Xp, Xm, Xt)
    out = 0
    for (i1, i2, k1, k2, k3), coef in p.terms():
        if i1 % 2 or i2 % 2 or k3 % 2 or (k1 + k2) % 2: continue
        out += coef*(1 if i1 == 0 else mj[i1])*(1 if i2 == 0 else mj[i2])*biv(k1, k2)*df(k3)*V**sp.Rational(k3, 2)
    return sp.expand(out)
L = sp.expand(-E(f(zp)*f(zm)) + sp.Rational(1, 2)*E(f(zp)**2)**2)
lp = -fp(zp)*f(zm) + f(zp)*fp(zp)*f(zt)**2
Elp2 = E(fp(zp)**2*f(zm)**2) - 2*E(fp(zp)*f(zm)*f(zp)*fp(zp))*E(f(zt)**2) + E(f(zp)**2*fp(zp)**2)*E(f(zt)**4)
Elplm = E(fp(zp)*f(zm)*f(zp)*fp(zm)) - E(f(zp)**2*fp(zp)*fp(zm))*E(f(zt)**2)
Elm2 = E(f(zp)**2*fp(zm)**2)
Elt2 = E(f(zp)**4)*E(f(zt)**2*fp(zt)**2)
# (1 + s2) = V/R and (1 + rho s2) = Cv/R: Lambda in V, Cv and R.
Lam = sp.expand((V/R)*Elp2 + 2*(Cv/R)*Elplm + (V/R)*Elm2 + (V/R)*Elt2)

def phc(e):
    text = sp.sstr(e).replace('**', '^')
    return text
def by_powers_of_Q(e, name):
    """A let NAME = sum of Q^k * (...), one power of Q per line (an open parenthesis continues the line)."""
    poly = sp.Poly(sp.expand(e), Q)
    parts = []
    for (k,), coef in sorted(poly.terms()):
        parts.append(f'    ({phc(sp.factor_terms(coef))})' + ('' if k == 0 else f'*Q^{k}'))
    return f'let {name} = (\n' + ' +\n'.join(parts) + ')'
block = '\n'.join([
    by_powers_of_Q(L, 'L'),
    by_powers_of_Q(sp.diff(L, Q), 'L_Q'),
    by_powers_of_Q(sp.diff(L, V), 'L_V'),
    by_powers_of_Q(sp.diff(L, Cv), 'L_C'),
    by_powers_of_Q(Lam, 'Lambda'),
])
open('meng_wang.phc-block', 'w').write(block + '\n')

# The ODEs with V = R(1 + s2), Cv = R(1 + rho s2); L_R by the chain rule.
lam, tau = sp.symbols('lam tau', positive=True)
sub = {V: R*(1 + s2), Cv: R*(1 + rho*s2)}
LQ = sp.diff(L, Q).subs(sub); LR = ((1 + s2)*sp.diff(L, V) + (1 + rho*s2)*sp.diff(L, Cv)).subs(sub)
Qdot = -tau*(LQ + 2*Q*LR + lam*Q)
Rdot = -tau*(2*Q*LQ + 4*R*LR + 2*lam*R) + tau**2*Lam.subs(sub)
rad = {mj[j]: 1 for j in mj}
sparse = {mj[j]: sp.Integer(2)**j/4 for j in mj}
def report(label, values):
    print(label, *[mp.nstr(v, 30) for v in values])
for name, TAU, S2, RHO, dist, guess in [
        ('tau=1/10 s2=0 rho=0 rademacher', sp.Rational(1, 10), 0, 0, rad, (0.67, 0.57)),
        ('tau=1/10 s2=0 rho=0 sparse', sp.Rational(1, 10), 0, 0, sparse, (0.63, 0.56)),
        ('tau=1/2 s2=1/4 rho=0 rademacher', sp.Rational(1, 2), sp.Rational(1, 4), 0, rad, (0.265, 0.667)),
        ('tau=1/2 s2=1/4 rho=-1/2 rademacher', sp.Rational(1, 2), sp.Rational(1, 4), -sp.Rational(1, 2), rad, (0.32, 0.6)),
        ('tau=1/2 s2=1/4 rho=1/2 rademacher', sp.Rational(1, 2), sp.Rational(1, 4), sp.Rational(1, 2), rad, (0.0535, 0.7667))]:
    s = {lam: sp.Rational(1, 2), tau: TAU, s2: S2, rho: RHO}; s.update(dist)
    F = sp.Matrix([Qdot, Rdot]).subs(s); J = F.jacobian(sp.Matrix([Q, R]))
    Fm = sp.lambdify((Q, R), list(F), 'mpmath'); Jm = sp.lambdify((Q, R), J, 'mpmath')
    R0 = mp.findroot(lambda r: Fm(0, r)[1], mp.mpf('0.7'))
    J0 = mp.matrix(Jm(0, R0))
    print('==', name)
    report('  uninformative R0', [R0])
    report('  uninformative eigenvalues (dQ/dQ = g0, dR/dR; dR/dQ, dQ/dR)', [J0[0, 0], J0[1, 1], J0[1, 0], J0[0, 1]])
    x = mp.findroot(lambda q, r: Fm(q, r), (mp.mpf(guess[0]), mp.mpf(guess[1])))
    ev = sorted(mp.re(e) for e in mp.eig(mp.matrix(Jm(x[0], x[1])))[0])
    report('  informative Q* R* m*', [x[0], x[1], x[0]/mp.sqrt(x[1])])
    report('  informative eigenvalues', ev)
print('== Lambda(0.3, 0.6), s2 = 1/4, Rademacher')
for RHO in [-1, 0, 1]:
    val = Lam.subs(sub).subs(rad).subs({s2: sp.Rational(1, 4), rho: RHO, Q: sp.Rational(3, 10), R: sp.Rational(3, 5)})
    print(f'  rho={RHO}: Lambda =', sp.N(val, 30))
