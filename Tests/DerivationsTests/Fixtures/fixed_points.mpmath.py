# References for Tests/DerivationsTests/FixedPointClaimTests.swift and Tests/CLITests/FixedPointsCommandTests.swift
# (mpmath 1.3, 40 digits). Run: python3 fixed_points.mpmath.py > fixed_points.mpmath.out
import mpmath as mp
mp.mp.dps = 40
print('== damped Duffing x\' = y, y\' = -y/2 + x - x^3: fixed points (0,0), (+-1, 0)')
for x0 in [0, 1, -1]:
    J = mp.matrix([[0, 1], [1 - 3*x0**2, -mp.mpf(1)/2]])
    print(f'  ({x0}, 0) eigenvalues', [mp.nstr(e, 30) for e in mp.eig(J)[0]])
print('== logistic map x -> r x (1 - x) (May 1976): fixed point 1 - 1/r, multiplier 2 - r')
for r in [mp.mpf('2.5'), mp.mpf('3.2')]:
    print(f'  r={r}: x* =', mp.nstr(1 - 1/r, 30), ' multiplier', mp.nstr(2 - r, 30))
print('== Lotka-Volterra competition u\' = u (1 - u - a v), v\' = v (1 - v - b u), a = 1/2, b = 1/3')
a, b = mp.mpf(1)/2, mp.mpf(1)/3
u = (1 - a)/(1 - a*b); v = (1 - b)/(1 - a*b)
J = mp.matrix([[1 - 2*u - a*v, -a*u], [-b*v, 1 - 2*v - b*u]])
print('  coexistence', mp.nstr(u, 30), mp.nstr(v, 30), 'eigenvalues', [mp.nstr(mp.re(e), 30) for e in sorted(mp.eig(J)[0], key=mp.re)])
