# mpmath/sympy referee for Tests/DerivationsTests/Fixtures/z01_exact_zeros.phc
import mpmath as mp, sympy as sp
mp.mp.dps = 50
pdf = mp.npdf
odd = lambda f: mp.quad(lambda x: f(x)*pdf(x), [-mp.inf, -1, 0, 1, mp.inf])
print("E erf(erf(xi))           =", mp.nstr(odd(lambda x: mp.erf(mp.erf(x))), 5), "(odd: exactly 0)")
print("E |erf(erf(xi))|         =", mp.nstr(2*mp.quad(lambda x: mp.erf(mp.erf(x))*pdf(x), [0, 1, mp.inf]), 20))
print("E erf(erf(xi))^2         =", mp.nstr(mp.quad(lambda x: mp.erf(mp.erf(x))**2*pdf(x), [-mp.inf, 0, mp.inf]), 20))
print("E sin(xi) tanh(xi)^2     =", mp.nstr(odd(lambda x: mp.sin(x)*mp.tanh(x)**2), 5))
print("E 1/(1+e^-xi) - 1/2      =", mp.nstr(odd(lambda x: 1/(1+mp.exp(-x))) - mp.mpf(1)/2, 5))
print("E tanh(1+xi)^2           =", mp.nstr(mp.quad(lambda x: mp.tanh(1+x)**2*pdf(x), [-mp.inf, -1, 0, mp.inf]), 45))
print("uniform(-1,1) E tanh(xi/2)=", mp.nstr(mp.quad(lambda x: mp.tanh(x/2), [-1, 1])/2, 5))
n = sp.Integer(3); w = sp.Rational(13, 10)
print("sin(3 pi)                =", sp.sin(n*sp.pi))
print("cos(w pi/(2w))           =", sp.cos(w*sp.pi/(2*w)), " -w sin(w pi/w) =", -w*sp.sin(w*sp.pi/w))
print("expm(pi [[0,1],[-1,0]])  =", sp.simplify((sp.pi*sp.Matrix([[0,1],[-1,0]])).exp()))
print("sin(x(pi)), x' = 1, x0=0 =", sp.sin(sp.pi))
# balanced layers u0 = w0: u - w obeys (u - w)' = (a - ystar)(u - w), so it stays 0 exactly
u, w_ = sp.symbols('u w'); ystar = 2
print("d/dt (u - w) at u = w    =", sp.simplify((-(u*w_ - ystar)*w_ + (u*w_ - ystar)*u).subs(w_, u)))
# fixed point at the origin of x' = -x + y^2, y' = -2y + x y
x, y = sp.symbols('x y')
print("fixed points             =", sp.solve([-x + y**2, -2*y + x*y], [x, y]))
