# Referee for v09_langevin_gibbs.phc (UnseenTrial8Tests): mpmath quad at 40 digits.
# Langevin dynamics dx = -U'(x) dt + sqrt(2 T) dW in the double well U = x^4/4 - x^2/2 samples the Gibbs density
# e^(-U/T)/Z. Written against xi ~ N(0, T): e^(-U/T) = sqrt(2 pi T) phi_T(x) e^(-x^4/(4T) + x^2/T).
# run: python3 v09_langevin_gibbs.mpmath.py > v09_langevin_gibbs.mpmath.out
from mpmath import mp, mpf, quad, exp, inf, nstr, sqrt, pi
mp.dps = 40
def show(name, v): print(name, nstr(v, 32))
for T in (mpf(1)/2, mpf(1)/5):
    U = lambda x: x**4/4 - x**2/2
    Z = quad(lambda x: exp(-U(x)/T), [-inf, -1, 0, 1, inf])
    m2 = quad(lambda x: x**2*exp(-U(x)/T), [-inf, -1, 0, 1, inf])/Z
    m4 = quad(lambda x: x**4*exp(-U(x)/T), [-inf, -1, 0, 1, inf])/Z
    show(f"T = {nstr(T, 3)}: Z", Z); show(f"T = {nstr(T, 3)}: E x^2", m2); show(f"T = {nstr(T, 3)}: E x^4", m4)
    g = lambda x: exp(-x**4/(4*T) + x**2/T)
    phi = lambda x: exp(-x**2/(2*T))/sqrt(2*pi*T)
    show(f"T = {nstr(T, 3)}: E_N(0,T) g", quad(lambda x: g(x)*phi(x), [-inf, -1, 0, 1, inf]))
    show(f"T = {nstr(T, 3)}: stationarity E[U'(x)^2] - T E[U''(x)] (0 for the Gibbs law)",
         quad(lambda x: ((x**3 - x)**2 - T*(3*x**2 - 1))*exp(-U(x)/T), [-inf, -1, 0, 1, inf])/Z)
