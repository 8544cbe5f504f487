# References of Fixtures/smooth_let_expectation.phc: expectations without a closed form written in `let` and `ode`
# lines, constants of the model enclosed by quadrature, used in claims and in ODE right-hand sides.
#   chi = E tanh(a + s xi)^2, xi ~ N(0, 1)   (the mean squared activation of a tanh unit with a Gaussian input)
#   kappa = E 1/(1 + exp(-xi)) for xi ~ uniform(-1, 2)
#   x' = chi - x^2 + kappa sin(x), x(0) = 0, integrated to t = 2 by mpmath's Taylor solver odefun.
#   y' = E erf(s xi)^2 - y, y(0) = 0: y(t) = c (1 - e^-t) with c = (2/pi) asin(2 s^2/(1 + 2 s^2)) (the arcsine
#   kernel of erf units, Williams 1997), checked here against mpmath quad.
# Run (from the repository root): python3 Tests/DerivationsTests/Fixtures/smooth_let_expectation.mpmath.py
#   > Tests/DerivationsTests/Fixtures/smooth_let_expectation.mpmath.out
# The values to 65 digits (last block) serve the 60-digit measurement in Benchmarks/README.md.
import mpmath as mp

def references(dps, shown):
    mp.mp.dps = dps
    a, s = mp.mpf(1), mp.mpf(1)/2
    chi = mp.quad(lambda z: mp.tanh(a + s*z)**2 * mp.npdf(z), [-mp.inf, -a/s, 0, mp.inf])
    kappa = mp.quad(lambda u: 1/(1 + mp.exp(-u)), [-1, 2]) / 3
    kappa_closed = (mp.log(1 + mp.e**2) - mp.log(1 + mp.exp(-1)))/3
    c = mp.quad(lambda z: mp.erf(s*z)**2 * mp.npdf(z), [-mp.inf, 0, mp.inf])
    c_closed = 2/mp.pi * mp.asin(2*s**2/(1 + 2*s**2))
    out = {'chi': chi, 'kappa': kappa, 'kappa closed form': kappa_closed, 'E erf(s xi)^2': c, 'its closed form': c_closed,
           'y(1)': c_closed*(1 - mp.exp(-1))}
    x = mp.odefun(lambda t, x: chi - x**2 + kappa*mp.sin(x), 0, mp.mpf(0))
    out['x(2)'] = x(2)
    s = mp.mpf(3)/10     # a different s, as `--set s=0.3` or a scenario gives it
    out['chi(s = 0.3)'] = mp.quad(lambda z: mp.tanh(a + s*z)**2 * mp.npdf(z), [-mp.inf, -a/s, 0, mp.inf])
    for name, v in out.items():
        print(f'{name:18s} =', mp.nstr(v, shown))

references(50, 42)
print('to 65 digits:')
references(80, 65)
