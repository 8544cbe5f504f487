# M1 of ../shared/spec/seed-systems.md 3.5: the ODE side of the SGD Monte Carlo of seed-systems-checks/mw_sgd_onestep.py
# (n = 2000, w fixed at Q = 0.3, R = 0.6, tau = 1/2, s2 = 1/4; its output: rho = 0: E[n dQ] = 0.01150 +- 0.00139,
# E[n dR] = 0.05805 +- 0.00186, E|dw|^2 = 0.22294 +- 0.00047; rho = -1/2: 0.00260 +- 0.00140, 0.00045 +- 0.00182,
# 0.23119 +- 0.00041; and its ODE column 0.01464, 0.05934, 0.22345 and 0.00267, 0.00009, 0.23157).
# Evaluates Q', R' and tau^2 Lambda exactly (sympy rationals) from the generated polynomials of
# derivations/meng_wang_contrastive.phc (meng_wang.phc-block, written by meng_wang.mpmath.py), Rademacher c.
# Run: python3 meng_wang_sgd_point.mpmath.py > meng_wang_sgd_point.mpmath.out
import re, sympy as sp, mpmath as mp
mp.mp.dps = 40
text = open('meng_wang.phc-block').read().replace('^', '**')
Q, R, V, Cv, s2, rho, tau, lam = sp.symbols('Q R V Cv s2 rho tau lam')
names = {str(x): x for x in (Q, R, V, Cv)}
defs = {}
for name, body in re.findall(r'let (\w+) = \((.*?)\)\n(?=let|\Z)', text.rstrip() + '\n', re.S):
    defs[name] = sp.sympify(body.replace('\n', ' '), locals=names)
moments = {sp.Symbol(f'm{j}'): 1 for j in range(2, 13, 2)}
for r in [sp.Integer(0), sp.Rational(-1, 2)]:
    at = {tau: sp.Rational(1, 2), s2: sp.Rational(1, 4), rho: r, lam: sp.Rational(1, 2)}
    onR = {V: R*(1 + s2), Cv: R*(1 + rho*s2)}
    point = {Q: sp.Rational(3, 10), R: sp.Rational(3, 5)}
    ev = lambda e: sp.nsimplify(e.subs(moments).subs(onR).subs(at).subs(point))
    LQ, LV, LC, Lam = (ev(defs[k]) for k in ('L_Q', 'L_V', 'L_C', 'Lambda'))
    LR = ev((1 + s2)*sp.Symbol('LV') + (1 + rho*s2)*sp.Symbol('LC')).subs({sp.Symbol('LV'): LV, sp.Symbol('LC'): LC})
    t, l, q, rr = sp.Rational(1, 2), sp.Rational(1, 2), sp.Rational(3, 10), sp.Rational(3, 5)
    Qd = -t*(LQ + 2*q*LR + l*q)
    Rd = -t*(2*q*LQ + 4*rr*LR + 2*l*rr) + t**2*Lam
    print(f'rho={r}: Qdot={mp.nstr(mp.mpf(sp.Rational(Qd)), 40)} Rdot={mp.nstr(mp.mpf(sp.Rational(Rd)), 40)} tau^2 Lambda={mp.nstr(mp.mpf(sp.Rational(t**2*Lam)), 40)}')
