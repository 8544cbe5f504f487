# Reference for i09_region.phc (+ planted region): mpmath at 2600 digits, zeta_inf_typ at d = 10^100..10^1000,
# under the six parameterizations and at points of the exponent grid (regime read off the measured exponent).
import mpmath as mp, sympy as sp
mp.mp.dps = 2600  # zeta ~ d^-2 at d = 1e1000 cancels 2000 digits
xi = mp.mpf(1)/2
def quantities(d, gamma, su, sw, eu, ew, astar=1):
    Gamma = gamma*d*su*sw; X = eu*sw**2/(ew*su**2); B = 4*X/(1 + X)**2; R = B*astar**2/Gamma**2
    zeta = mp.sqrt(1 + R - B*xi**2/d) - 1
    a0 = gamma*mp.sqrt(d)*su*sw*xi
    return zeta, a0, R
P = {
 "NTK": lambda d: (d**-mp.mpf(0.5), 1, 1, 1, 1),
 "mean_field": lambda d: (1/d, 1, 1, d, d),
 "standard": lambda d: (1, d**-mp.mpf(0.5), 1, 1/d, 1/d),
 "kaiming_plus": lambda d: (1/d, d**-mp.mpf(0.5), 1, d, d),
 "xavier": lambda d: (1, mp.sqrt(2/(d + 1)), mp.sqrt(2/(d + 1)), 1, 1),
 "xavier_large": lambda d: (d, mp.sqrt(2/(d + 1)), mp.sqrt(2/(d + 1)), d**-2, d**-2),
}
claims = {"NTK": ("d*zeta", lambda z, d: z*d, mp.mpf(3)/8), "mean_field": ("zeta", lambda z, d: z, mp.sqrt(2) - 1),
          "standard": ("d^2*zeta", lambda z, d: z*d**2, mp.mpf(3)/2), "kaiming_plus": ("zeta", lambda z, d: z, mp.sqrt(5) - 1),
          "xavier": ("zeta", lambda z, d: z, mp.sqrt(mp.mpf(5)/4) - 1), "xavier_large": ("d*zeta", lambda z, d: z*d, -mp.mpf(1)/8)}
for name, f in P.items():
    label, g, lim = claims[name]
    vals = []
    for e in (100, 300, 1000):
        d = mp.mpf(10)**e
        z, a0, R = quantities(d, *f(d))
        vals.append(g(z, d))
    err = abs(vals[-1] - lim)
    print(f"{name}: {label} at d=1e100,1e300,1e1000 = {[mp.nstr(v, 25) for v in vals]}; claimed limit {mp.nstr(lim, 25)}; |diff| at 1e1000 = {mp.nstr(err, 3)} (next order ~ 1/d) -> {'TRUE' if err < mp.mpf(10)**-500 else 'FALSE'}")
for name in ("xavier_large", "mean_field"):
    d1, d2 = mp.mpf(10)**100, mp.mpf(10)**200
    a1 = quantities(d1, *P[name](d1))[1]; a2 = quantities(d2, *P[name](d2))[1]
    print(f"{name}: a0_typ exponent measured {mp.nstr(mp.log10(a2/a1)/100, 10)} (claim: xavier_large -> inf (+1/2), mean_field -> 0 (-1/2))")
# the regions: read the regime off zeta at d = 1e200 vs 1e400 at exponent points
def zeta_at(alpha, bu, bw, cu, cw, e):
    d = mp.mpf(10)**e
    return quantities(d, d**-alpha, d**-bu, d**-bw, d**cu, d**cw)[0]
def regime(pt):
    z1, z2 = abs(zeta_at(*pt, 200)), abs(zeta_at(*pt, 400))
    slope = mp.log10(z2/z1)/200
    return ("kernel" if slope < -0.01 else "ultra_rich" if slope > 0.01 else "feature_learning"), slope
def eR(alpha, bu, bw, cu, cw):
    eG = 1 - alpha - bu - bw; eX = cu - cw + 2*bu - 2*bw
    return -2*eG - abs(eX)
F = mp.mpf
for pt in [(F(1), F(0), F(0), F(0), F(0)), (F(1)/2, F(1)/2, F(0), F(-1), F(0)), (F(1)/2, F(0), F(0), F(0), F(0)), (F(3)/2, F(0), F(0), F(0), F(0)), (F(5)/4, F(-1)/4, F(0), F(1)/2, F(0))]:
    r, sl = regime(pt)
    print(f"point alpha,b_u,b_w,c_u,c_w = {[mp.nstr(v, 3) for v in pt]}: e_R = {mp.nstr(eR(*pt), 4)}, measured zeta exponent {mp.nstr(sl, 6)} -> {r}")
print("=> on e_R = 0 the regime is feature_learning: `region kernel: e_R < 0` (original) TRUE; `region kernel: e_R <= 0` (PLANTED) FALSE")
# exponents symbolically (sympy): R = B/Gamma^2 with B ~ 4 X/(1+X)^2 ~ d^-|e_X|
al, bu, bw, cu, cw = sp.symbols('alpha b_u b_w c_u c_w', real=True)
print("sympy: log_d Gamma =", sp.simplify(1 - al - bu - bw), "; log_d X =", sp.expand(cu - cw - 2*bw + 2*bu), "; a0 exponent =", sp.Rational(1, 2) - al - bu - bw)
print("K0 = gamma^2 d (eta_u sigma_w^2 + eta_w sigma_u^2): exponent 1 - 2 alpha + max(c_u - 2 b_w, c_w - 2 b_u) (a sum of positive terms: no cancellation)")
