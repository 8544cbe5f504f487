# Reference values for the quadrature of smooth Gaussian and uniform expectations (NumericalExpectation,
# `expectation` claims, derivations/gaussian_expectations.phc, Tests/.../NumericalExpectationTests.swift):
# mpmath quad at 50 digits, and the closed forms that exist, as a second method.
# Run: python3 Benchmarks/expectation_quadrature_reference.py
import mpmath as mp

mp.mp.dps = 50
phi = mp.npdf

def normal(f, m=0, s=1):
    return mp.quad(lambda z: f(m + s*z)*phi(z), [-mp.inf, -5, 0, 5, mp.inf])

def uniform(f, a, b):
    return mp.quad(f, [a, b])/(b - a)

show = lambda label, v: print(f'{label}: {mp.nstr(v, 40)}')
show('E tanh(1 + xi)^2, N(0,1)', normal(lambda x: mp.tanh(1 + x)**2))
show('E sigmoid(xi), N(0,1) (1/2 by symmetry)', normal(lambda x: 1/(1 + mp.exp(-x))))
show('E sigmoid(xi), N(1/2, 2)', normal(lambda x: 1/(1 + mp.exp(-x)), mp.mpf(1)/2, 2))
show('E exp(xi/2), N(0,1)', normal(lambda x: mp.exp(x/2)))
show('   e^(1/8)', mp.exp(mp.mpf(1)/8))
a, b = mp.mpf(1), mp.mpf(1)/2
show('E erf(a xi) erf(b xi), a = 1, b = 1/2', normal(lambda x: mp.erf(a*x)*mp.erf(b*x)))
show('   2/pi asin(2ab/sqrt((1 + 2a^2)(1 + 2b^2)))', 2/mp.pi*mp.asin(2*a*b/mp.sqrt((1 + 2*a**2)*(1 + 2*b**2))))
show('E erf(xi)^2, N(0,1)', normal(lambda x: mp.erf(x)**2))
show('   2/pi asin(2/3)', 2/mp.pi*mp.asin(mp.mpf(2)/3))
show('E tanh(xi)^2, U(0,1)', uniform(lambda x: mp.tanh(x)**2, 0, 1))
show('   1 - tanh(1)', 1 - mp.tanh(1))
show('E sin(xi)^2 exp(-xi^2), N(0,1)', normal(lambda x: mp.sin(x)**2*mp.exp(-x**2)))
show('E log(1 + exp(xi)), N(0,1) (softplus)', normal(lambda x: mp.log(1 + mp.exp(x))))
show('E cos(3 xi), U(-1, 2)', uniform(lambda x: mp.cos(3*x), -1, 2))
show('   (sin 6 + sin 3)/9', (mp.sin(6) + mp.sin(3))/9)
