# Referee for `phasecheck phase FILE --stability P --grid p=0:3/2:1/4` on a fixed point that the parameter moves
# (Tests/CLITests/ParameterPhaseTests.swift, `theStabilitySweepFollowsAMovingFixedPoint`):
#   x' = (x - p)(x - p + 1) + y/4,   y' = x - 2y,   P = the fixed point through (0, 0) at p = 0.
# Fixed points: y = x/2 and u^2 + 9u/8 + p/8 = 0 with u = x - p, two branches 0.72 apart at p = 3/2 or less. The branch through
# the origin is taken exactly (sympy: the root that is 0 at p = 0), then checked against mpmath findroot
# continued from the previous grid point; its Jacobian's eigenvalues (mpmath eig) give its class. Newton from
# (0, 0) at each p (what a sweep without continuation does) is printed too: it lands on the other branch
# (stable) from p = 3/4 on. Run: python3 moving_fixed_point.mpmath.py > moving_fixed_point.mpmath.out
import sympy as sp, mpmath as mp
mp.mp.dps = 30
x, p = sp.symbols('x p', real=True)
roots = sp.solve((x - p)**2 + sp.Rational(9, 8)*(x - p) + p/8, x)
branch = next(r for r in roots if sp.simplify(r.subs(p, 0)) == 0)
print('branch x(p) =', branch)
def F(p_):
    return lambda X, Y: [(X - p_)*(X - p_ + 1) + Y/4, X - 2*Y]
def J(X, p_):
    return mp.matrix([[2*(X - p_) + 1, mp.mpf(1)/4], [1, -2]])
def classify(ev):
    re = [mp.re(e) for e in ev]
    return 'stable' if all(r < 0 for r in re) else 'unstable' if all(r > 0 for r in re) else 'saddle'
prev = (mp.mpf(0), mp.mpf(0))
for k in range(7):
    p_ = mp.mpf(k)/4
    exact = mp.mpf(sp.N(branch.subs(p, sp.Rational(k, 4)), 40))
    X, Y = mp.findroot(F(p_), prev)
    assert abs(X - exact) < mp.mpf(10)**-25
    prev = (X, Y)
    ev = mp.eig(J(X, p_))[0]
    X0, Y0 = mp.findroot(F(p_), (mp.mpf(0), mp.mpf(0)))
    ev0 = mp.eig(J(X0, p_))[0]
    print(f'p={k}/4 continued: x={mp.nstr(X, 20)} y={mp.nstr(Y, 20)} eig={[mp.nstr(mp.re(e), 12) for e in ev]} {classify(ev)}'
          f' | from (0,0): x={mp.nstr(X0, 12)} {classify(ev0)}')
