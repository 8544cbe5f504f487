# Referee for t17_depth_width_fluctuations.phc (UnseenTrial17Tests): sympy series in x = 1/d and mpmath at
# d = 10^60 for every width limit the file claims, exact Gaussian moments for its expectations, and the regime
# (leading exponent) of V at every point of the file's grid. Run: python3 t17_depth_width_fluctuations.sympy.py
import sympy as sp
import mpmath as mp

x = sp.symbols('x', positive=True)          # x = 1/d
z, z1, z2 = sp.symbols('z z1 z2', real=True)
s, nn = sp.symbols('s n', positive=True)

def gauss(e, var, sd):
    return sp.simplify(sp.integrate(e*sp.exp(-var**2/(2*sd**2))/(sp.sqrt(2*sp.pi)*sd), (var, -sp.oo, sp.oo)))

er2 = sp.simplify(sp.integrate(z**2*sp.exp(-z**2/(2*s**2))/(sp.sqrt(2*sp.pi)*s), (z, 0, sp.oo)))
er4 = sp.simplify(sp.integrate(z**4*sp.exp(-z**2/(2*s**2))/(sp.sqrt(2*sp.pi)*s), (z, 0, sp.oo)))
print("E relu(z)^2 =", er2, " E relu(z)^4 =", er4)
print("one layer ratio - 1 - 5/n =", sp.simplify((nn*er4 + nn*(nn - 1)*er2**2)/(nn*er2)**2 - 1 - 5/nn))
print("E (z1 (z1 + z2))^2 =", gauss(gauss((z1*(z1 + z2))**2, z2, 1), z1, 1))
print("log(1 + V) at n = d^q, L = d^p:", sp.series(sp.log(1 + 5*x), x, 0, 2), "times d^p: ~ 5 d^(p - q)")

def V(n, L): return (1 + 5/n)**L - 1
def Vres(n, L, beta=1): return (1 + (4*beta**2/(L*n) + 2*beta**4/(L**2*n))/(1 + beta**2/L)**2)**L - 1
def Lstar(n): return sp.log(2)/sp.log(1 + 5/n)

def series(e, order=3):
    return sp.series(e, x, 0, order)

d = 1/x
print("shallow  V:", series(V(d, sp.sqrt(d)).rewrite(sp.exp), 1))
print("fixed    V:", series(V(d, 10), 3))
print("prop     V:", series(V(d, d), 2))
print("2x       V:", sp.limit(V(d, 2*d), x, 0))
print("prop  Vres:", series(Vres(d, d), 3))
print("L=n^2 Vres:", series(Vres(d, d**2), 4))
y = sp.symbols('y', positive=True)         # n = y^-2 = sqrt(d), L = d = y^-4
print("n=sqrt(L) Vres:", sp.series(Vres(y**-2, y**-4), y, 0, 4))
print("Lstar:", series(Lstar(d), 2))

mp.mp.dps = 400
D = mp.mpf(10)**60
print("mpmath d=1e60: V(prop) - e^5 + 1 =", mp.nstr(((1 + 5/D)**D - 1) - (mp.e**5 - 1), 15), " -25e^5/(2d) =", mp.nstr(-25*mp.e**5/(2*D), 15))
print("mpmath d=1e60: Lstar - d log2/5 =", mp.nstr(mp.log(2)/mp.log(1 + 5/D) - D*mp.log(2)/5, 20), " log(2)/2 =", mp.nstr(mp.log(2)/2, 20))
Dm = mp.mpf(10)**20
print("mpmath d=1e20: (Vres - 4/d) d^2 at L = d^2 =", mp.nstr(((1 + (4/(Dm**2*Dm) + 2/(Dm**4*Dm))/(1 + 1/Dm**2)**2)**(Dm**2) - 1 - 4/Dm)*Dm**2, 15))

# The regime of V over the grid p = 0:2:1/4, q = 1/4:2:1/4: log(1 + V) = d^p log(1 + 5 d^-q) ~ 5 d^(p - q).
for i in range(9):
    for j in range(1, 9):
        p, q = sp.Rational(i, 4), sp.Rational(j, 4)
        lv = mp.mpf(10)**(60*p) * mp.log(1 + 5/mp.mpf(10)**(60*q))
        regime = "deterministic" if p < q else ("log_normal" if p == q else "chaotic")
        # vanishing: log(1 + V) -> 0; bounded: -> 5; diverging: log(1 + V) -> inf (V grows like exp(5 d^(p - q)))
        assert (regime == "deterministic" and lv < 1e-10) or (regime == "log_normal" and abs(lv - 5) < 1e-10) or (regime == "chaotic" and lv > 1e10)
print("grid: the regime of V is deterministic for p < q, log_normal for p = q, chaotic for p > q (72 points)")
