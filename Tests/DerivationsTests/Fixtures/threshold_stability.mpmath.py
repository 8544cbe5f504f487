# References of `threshold P where stability of X changes` (ThresholdStabilityChangeTests): the parameter value where
# the leading eigenvalue of the Jacobian at a fixed point crosses the stability boundary, each found here from the
# eigenvalues themselves (sympy for the symbolic Jacobians, mpmath at 50 digits), not by bracketing stability.
#  (1) Hopf: x' = mu x - y - x(x^2 + y^2), y' = x + mu y - y(x^2 + y^2): the origin's eigenvalues are mu +- i, so the
#      stable focus loses stability at mu = 0; with mu^2 - 2 in place of mu, at mu = sqrt 2.
#  (2) Gradient descent on L = (2x^2 + 2xy + y^2)/2 with rate eta: the map's Jacobian at the minimum is I - eta H;
#      its spectral radius reaches 1 at eta = 2/lambda_max(H) = 3 - sqrt 5.
#  (4) the logistic map x -> r x (1 - x): its fixed point 1 - 1/r has the multiplier 2 - r, -1 at r = 3 (a flip).
#  (3) derivations/meng_wang_contrastive.phc, scenario `correlated` (s2 = 1/4, rho = 1/2): the uninformative state
#      (0, R0(tau)) (R0 by findroot of R' on the axis Q = 0) and the larger eigenvalue of the full 2x2 Jacobian there
#      (mpmath eig), whose root in tau is found by findroot; its sign is printed on both sides.
# Run (from the repository root): python3 Tests/DerivationsTests/Fixtures/threshold_stability.mpmath.py
#   > Tests/DerivationsTests/Fixtures/threshold_stability.mpmath.out   (about 20 s)
import sympy as sp, mpmath as mp
mp.mp.dps = 50
x, y, mu, eta = sp.symbols('x y mu eta', real=True)

# (1) Hopf
for label, m in [('mu', mu), ('mu^2 - 2', mu**2 - 2)]:
    F = sp.Matrix([m*x - y - x*(x**2 + y**2), x + m*y - y*(x**2 + y**2)])
    J = F.jacobian([x, y]).subs({x: 0, y: 0})
    print('(1) Hopf with', label, ': eigenvalues at the origin', sorted(J.eigenvals().keys(), key=str))
print('(1) sqrt 2 =', mp.nstr(mp.sqrt(2), 40))

# (2) gradient descent
L = (2*x**2 + 2*x*y + y**2)/2
H = sp.hessian(L, [x, y])
lmax = max(H.eigenvals().keys(), key=lambda v: float(v))
threshold = sp.nsimplify(sp.simplify(2/lmax))
print('(2) H eigenvalues', sorted(H.eigenvals().keys(), key=float), '; 2/lambda_max =', threshold, '=', mp.nstr(mp.mpf(sp.N(threshold, 60)), 40))
for factor in ['0.999999', '1.000001']:
    e = mp.mpf(sp.N(threshold, 60)) * mp.mpf(factor)
    A = mp.eye(2) - e*mp.matrix([[2, 1], [1, 1]])
    print('   spectral radius of I - eta H at eta = threshold *', factor, ':', mp.nstr(max(abs(v) for v in mp.eig(A)[0]), 15))

# (3) Meng-Wang, the `let` lines of the file (meng_wang_common.py)
from meng_wang_common import overlap_field
Q, R, tau, Qdot, Rdot = overlap_field()
field = sp.Matrix([Qdot, Rdot])
jacobian = sp.lambdify((Q, R, tau), field.jacobian([Q, R]), 'mpmath')
rdot_axis = sp.lambdify((R, tau), Rdot.subs(Q, 0), 'mpmath')
def leading(t):
    r0 = mp.findroot(lambda r: rdot_axis(r, t), mp.mpf('0.7687'))
    return max(mp.re(v) for v in mp.eig(mp.matrix(jacobian(0, r0, t)))[0]), r0
tauc = mp.findroot(lambda t: leading(t)[0], mp.mpf('0.5'))
print('(3) Meng-Wang tau_c (leading eigenvalue of the Jacobian at the uninformative state = 0):', mp.nstr(tauc, 40))
print('    R0(tau_c) =', mp.nstr(leading(tauc)[1], 30))
for delta in ['-1e-20', '1e-20']:
    t = tauc*(1 + mp.mpf(delta))
    print('    leading eigenvalue at tau_c (1 + %s):' % delta, mp.nstr(leading(t)[0], 8))
for t in ['0.45', '0.55']:
    print('    leading eigenvalue at tau = %s:' % t, mp.nstr(leading(mp.mpf(t))[0], 12))

# (4) the logistic map
r = sp.symbols('r', positive=True)
fmap = r*x*(1 - x)
fixed = [v for v in sp.solve(sp.Eq(fmap, x), x) if v != 0][0]
multiplier = sp.simplify(sp.diff(fmap, x).subs(x, fixed))
print('(4) logistic: fixed point', fixed, '; multiplier', multiplier, '; |multiplier| = 1 at r =', sp.solve(sp.Eq(multiplier, -1), r))
