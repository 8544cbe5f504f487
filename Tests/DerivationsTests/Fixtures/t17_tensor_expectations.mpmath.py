# mpmath 1.3 references for t17_tensor_expectations.phc and TensorExpectationTests (issue 17): expectations over two
# variables with no closed form in Phasecheck's reader (the tensor rule), products of steps at different places, and
# uniform laws with exp and erf factors. Every value is a direct quadrature (mp.quad, tanh-sinh, split at the jumps),
# nested over both variables where noted, and where an inner integral has a closed form, the one-variable quadrature of
# it at higher precision beside the nested one. Run: python3 t17_tensor_expectations.mpmath.py
import mpmath as mp
def show(name, v, n=34): print(name, '|', mp.nstr(v, n, strip_zeros=False))
q = mp.mpf
phi = mp.npdf
def N1(f, kinks=()):
    return mp.quad(lambda x: f(x)*phi(x), [-mp.inf] + sorted(kinks) + [mp.inf])
def N2(f):   # E over xi, eta ~ N(0, 1) independent, nested
    return mp.quad(lambda x: mp.quad(lambda y: f(x, y)*phi(y), [-mp.inf, 0, mp.inf])*phi(x), [-mp.inf, 0, mp.inf])
def NU(f, a, b):   # xi ~ N(0, 1), u ~ U(a, b), nested
    return mp.quad(lambda x: mp.quad(lambda u: f(x, u), [a, b])/(b - a)*phi(x), [-mp.inf, 0, mp.inf])

# Saad and Solla (1995), soft committee with g(x) = erf(x/sqrt 2): E g(J1.x) g(J2.x) = 2/pi asin(C12/sqrt((1 + C11)(1 + C22))),
# x ~ N(0, I_2), J1 = (1, 1/2), J2 = (-1/3, 1): C11 = 5/4, C22 = 10/9, C12 = 1/6.
mp.mp.dps = 15
g = lambda u: mp.erf(u/mp.sqrt(2))
show('nested E g(xi + eta/2) g(-xi/3 + eta) (15 digits)', N2(lambda x, y: g(x + y/2)*g(-x/3 + y)), 13)
mp.mp.dps = 35
show('2/pi asin((1/6)/sqrt((9/4)(19/9)))', 2/mp.pi*mp.asin((q(1)/6)/mp.sqrt(q(9)/4*q(19)/9)))
# Rahimi and Recht (2007), random Fourier features: E 2 cos(w x + b) cos(w y + b) = exp(-(x - y)^2/2), w ~ N(0, 1), b ~ U(0, 2 pi).
mp.mp.dps = 15
x0, y0 = q(1)/2, -q(1)/4
show('nested E 2 cos(w/2 + b) cos(-w/4 + b) (15 digits)', NU(lambda w, b: 2*mp.cos(w*x0 + b)*mp.cos(w*y0 + b), 0, 2*mp.pi), 13)
mp.mp.dps = 35
show('exp(-(3/4)^2/2)', mp.exp(-(q(3)/4)**2/2))
# E exp(-xi^2 eta^2/2): the inner Gaussian integral is (1 + xi^2)^(-1/2).
mp.mp.dps = 15
show('nested E exp(-xi^2 eta^2/2) (15 digits)', N2(lambda x, y: mp.exp(-x**2*y**2/2)), 13)
mp.mp.dps = 35
show('E (1 + xi^2)^(-1/2)', N1(lambda x: 1/mp.sqrt(1 + x**2), [0]))
# Normal x uniform: E tanh(xi + u)^2, u ~ U(0, 1): the inner integral is 1 - (tanh(xi + 1) - tanh(xi)).
mp.mp.dps = 15
show('nested E tanh(xi + u)^2, u ~ U(0, 1) (15 digits)', NU(lambda x, u: mp.tanh(x + u)**2, 0, 1), 13)
mp.mp.dps = 35
show('E [1 - tanh(xi + 1) + tanh(xi)]', N1(lambda x: 1 - mp.tanh(x + 1) + mp.tanh(x), [0]))
# A hierarchical law: eta ~ N(xi, 1) given xi ~ N(0, 1) is N(0, 2).
show('E tanh(eta)^2, xi ~ N(0, 1), eta ~ N(xi, 1): eta ~ N(0, 2)', N1(lambda z: mp.tanh(mp.sqrt(2)*z)**2, [0]))
# E tanh(xi eta)^2 (no inner closed form): nested at 20 digits.
mp.mp.dps = 20
show('nested E tanh(xi eta)^2 (20 digits)', N2(lambda x, y: mp.tanh(x*y)**2), 18)
# Normal x Rademacher: E tanh(r xi + 1/2)^2 = E tanh(xi + 1/2)^2 (xi and -xi have the same law).
mp.mp.dps = 35
show('E tanh(xi + 1/2)^2', N1(lambda x: mp.tanh(x + q(1)/2)**2, [0]))
# Steps at different places and opposite steps (item 2), a.e. identities checked by direct quadrature.
show('E sign(xi - 1/2) sign(xi + 1/2), N(0, 1)', N1(lambda x: mp.sign(x - q(1)/2)*mp.sign(x + q(1)/2), [-q(1)/2, q(1)/2]))
show('   1 - 2 erf(1/(2 sqrt 2))', 1 - 2*mp.erf(1/(2*mp.sqrt(2))))
show('E max(xi - 1/2, 0) sign(1/2 - xi), N(0, 1)', N1(lambda x: max(x - q(1)/2, 0)*mp.sign(q(1)/2 - x), [q(1)/2]))
H = lambda y: (1 + mp.sign(y))/2
show('E [H(xi - 1/3) xi^2 + H(1/3 - xi) exp(xi)], N(1/5, 6/5)',
     mp.quad(lambda x: (H(x - q(1)/3)*x**2 + H(q(1)/3 - x)*mp.exp(x))*mp.npdf(x, q(1)/5, q(6)/5), [-mp.inf, q(1)/3, mp.inf]))
show('E max(xi, 0) max(xi - 1, 0), N(0, 1)', N1(lambda x: max(x, 0)*max(x - 1, 0), [0, 1]))
show('   erfc(1/sqrt 2)/2', mp.erfc(1/mp.sqrt(2))/2)
show('E max(xi - 1/2, 0) H(3/2 - xi) (xi + 1), N(0, 1) (a window)', N1(lambda x: max(x - q(1)/2, 0)*H(q(3)/2 - x)*(x + 1), [q(1)/2, q(3)/2]))
# Uniform laws with exp and erf factors (item 3).
U = lambda f, a, b, kinks=(): mp.quad(f, [a] + sorted(kinks) + [b])/(b - a)
show('E sign(xi) exp(xi), U(-1, 2)', U(lambda x: mp.sign(x)*mp.exp(x), -1, 2, [0]))
show('   (e^2 - 2 + e^-1)/3', (mp.e**2 - 2 + 1/mp.e)/3)
show('E max(xi - 1/2, 0) sign(xi + 1/2) cosh(xi), U(-1, 2)', U(lambda x: max(x - q(1)/2, 0)*mp.sign(x + q(1)/2)*mp.cosh(x), -1, 2, [-q(1)/2, q(1)/2]))
show('E xi^2 exp(-xi/2) sign(xi - 1/3), U(-1, 2)', U(lambda x: x**2*mp.exp(-x/2)*mp.sign(x - q(1)/3), -1, 2, [q(1)/3]))
show('E erf(2 xi - 1) exp(xi), U(0, 1)', U(lambda x: mp.erf(2*x - 1)*mp.exp(x), 0, 1))
show('E 3 erf(xi/2 + 1/4), U(-1, 2)', U(lambda x: 3*mp.erf(x/2 + q(1)/4), -1, 2))
