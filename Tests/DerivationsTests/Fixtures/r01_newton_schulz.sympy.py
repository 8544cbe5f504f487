# Reference values for Tests/DerivationsTests/Fixtures/r01_newton_schulz.phc (UnseenTrial16Tests); run:
# python3 r01_newton_schulz.sympy.py > r01_newton_schulz.sympy.out
# Newton-Schulz iteration X+ = X (3 I - X^T X)/2 (Higham, Functions of Matrices, 2008, ch. 8; Bernstein's Muon uses a
# quintic of the same kind). On a symmetric X0 = c A every iterate is a polynomial in A, so X^T X = X X.
import sympy as sp
from mpmath import mp, mpf, matrix, sqrt as msqrt
mp.dps = 50
s, c = sp.symbols('s c', real=True)
p = (3*s - s**3)/2
print("p(s) - 1 =", sp.factor(p - 1))
print("p(s) + 1 =", sp.factor(p + 1))
print("p'(s) =", sp.diff(p, s), "at 1:", sp.diff(p, s).subs(s, 1), "at 0:", sp.diff(p, s).subs(s, 0))
A = sp.Matrix([[2, 1], [1, 2]])
X = sp.Rational(1, 4)*A  # c = 1/4: eigenvalues 3/4 and 1/4
I2 = sp.eye(2)
F = lambda Y: Y*(3*I2 - Y.T*Y)/2
Y = X
for k in range(1, 6):
    Y = sp.simplify(F(Y))
    if k <= 2:
        print("X at step", k, "=", Y.tolist())
print("X at step 5 [1,1] =", sp.N(Y[0, 0], 40), " [1,2] =", sp.N(Y[0, 1], 40))
# top singular value after k steps: p^k(3/4), bottom p^k(1/4)
t = sp.Rational(3, 4); b = sp.Rational(1, 4)
for k in range(5):
    t = p.subs(s, t); b = p.subs(s, b)
print("eigenvalues after 5 steps:", sp.N(t, 40), sp.N(b, 40), "(X[1,1] = mean)", sp.N((t + b)/2, 40))
# Jacobian of vec X -> vec F(X) at I and at 0 and at diag(1, -1)
xs = sp.symbols('x11 x12 x21 x22')
Xs = sp.Matrix([[xs[0], xs[1]], [xs[2], xs[3]]])
Fv = sp.Matrix(list(F(Xs)))
J = Fv.jacobian(xs)
for name, pt in [("I", [1, 0, 0, 1]), ("0", [0, 0, 0, 0]), ("diag(1,-1)", [1, 0, 0, -1]), ("rotation R(1/2)", None)]:
    if pt is None:
        th = sp.Rational(1, 2)
        pt = [sp.cos(th), -sp.sin(th), sp.sin(th), sp.cos(th)]
    Jp = J.subs(dict(zip(xs, pt)))
    print("J at", name, "eigenvalues", {sp.nsimplify(sp.simplify(k)): v for k, v in Jp.eigenvals().items()},
          "F(pt) - pt =", sp.simplify(Fv.subs(dict(zip(xs, pt))) - sp.Matrix(pt)).T)
# init-scale threshold: the top eigenvalue 3c of X0 = c A is mapped to 0 (then stays) when 3c = sqrt 3: the sum of X's
# entries at step 1 is 2 p(3c) (top eigenvector [1, 1]/sqrt 2), which changes sign at c = 1/sqrt 3.
print("u^T X1 u =", sp.factor(sp.simplify((sp.Matrix([[1, 1]])*F(c*A)*sp.Matrix([1, 1]))[0]/2)))
print("threshold 1/sqrt(3) =", sp.N(1/sp.sqrt(3), 40))
# the transpose iteration X (3I - X^T X)/2 on a rotation-times-scale: X0 = R/2 tends to R
th = sp.Rational(1, 2)
R = sp.Matrix([[sp.cos(th), -sp.sin(th)], [sp.sin(th), sp.cos(th)]])
print("non-symmetric: X0 = R/2 gives X1 = ", sp.simplify(F(R/2)/R[0, 0]).tolist(), "* cos(1/2) ; p(1/2) =", p.subs(s, sp.Rational(1, 2)))
# The file iterates the sign-function form X+ = X (3 I - X X)/2 (equal on symmetric iterates), whose fixed point I is
# isolated: its Jacobian there is 0 (dX -> (2 dX - dX - dX)/2), and at X = 0 it is 3/2 I.
G = lambda Y: Y*(3*I2 - Y*Y)/2
Gv = sp.Matrix(list(G(Xs)))
JG = Gv.jacobian(xs)
for name, pt in [("I", [1, 0, 0, 1]), ("0", [0, 0, 0, 0]), ("-I", [-1, 0, 0, -1]), ("diag(1,-1)", [1, 0, 0, -1])]:
    Jp = JG.subs(dict(zip(xs, pt)))
    print("sign form: J at", name, "=", Jp.tolist(), "eigenvalues", Jp.eigenvals())
Y = X
for k in range(1, 6):
    Y = G(Y)
print("sign form agrees with the polar form at step 5:", sp.simplify(Y[0, 0] - sp.Rational(1, 2)*(t + b)) == 0)
