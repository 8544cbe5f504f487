# Referee for lotka_volterra.phc: Lotka-Volterra x' = alpha x - beta x y, y' = delta x y - gamma y with
# alpha = 2/3, beta = 4/3, gamma = 1, delta = 1, x(0) = 1, y(0) = 2, integrated by mpmath's Taylor
# integrator (odefun) at 50 digits, and checked against the conserved
# V = delta x - gamma log x + beta y - alpha log y.
from mpmath import mp, mpf, odefun, log, nstr
mp.dps = 50
alpha, beta, gamma, delta = mpf(2)/3, mpf(4)/3, mpf(1), mpf(1)
f = odefun(lambda t, z: [alpha*z[0] - beta*z[0]*z[1], delta*z[0]*z[1] - gamma*z[1]], 0, [mpf(1), mpf(2)])
V = lambda z: delta*z[0] - gamma*log(z[0]) + beta*z[1] - alpha*log(z[1])
for t in [5, 10]:
    z = f(t)
    print("t = %d: x = %s, y = %s, V - V(0) = %s" % (t, nstr(z[0], 40), nstr(z[1], 40), nstr(V(z) - V([mpf(1), mpf(2)]), 5)))
