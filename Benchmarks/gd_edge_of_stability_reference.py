# References for the two gradient-descent derivations of Tests/DerivationsTests/Fixtures/edge_of_stability.phc and
# catapult_uv.phc (mpmath at 50 digits; GD iterated exactly as written there).
#   Cohen et al. 2021 (arXiv:2103.00065): GD on L = (h1 x^2 + 2 c x y + h2 y^2)/2 - x, h1 = 3, h2 = 2, c = 1:
#     converges to H^-1 (1, 0) = (2/5, -1/5) for eta < 2/lambda_max, diverges above.
#   Lewkowycz et al. 2020 (arXiv:2003.02218): GD on L = (u w)^2/2 from (1, 1/2): converges for
#     eta < 4/lambda0 (lambda0 = u0^2 + w0^2, the catapult phase above 2/lambda0), diverges above.
# Run: python3 Benchmarks/gd_edge_of_stability_reference.py
import mpmath as mp
mp.mp.dps = 50
BOUND = mp.mpf(10)**30

def quadratic(eta, steps, x=mp.mpf(0), y=mp.mpf(0)):
    for k in range(1, steps + 1):
        x, y = x - eta*(3*x + y - 1), y - eta*(x + 2*y)
        if max(abs(x), abs(y)) > BOUND: return k, (x, y)
    return None, (x, y)

def uv(eta, steps, u=mp.mpf(1), w=mp.mpf(1)/2):
    for k in range(1, steps + 1):
        g = u*w
        u, w = u - eta*g*w, w - eta*g*u
        if max(abs(u), abs(w)) > BOUND: return k, (u, w)
    return None, (u, w)

lmax = mp.mpf(5)/2 + mp.sqrt(mp.mpf(5)/4)
print('quadratic: 2/lambda_max =', mp.nstr(2/lmax, 20))
print('  step 1 at eta = 3/10:', quadratic(mp.mpf(3)/10, 1)[1])
_, (x, y) = quadratic(mp.mpf(3)/10, 600)
print('  step 600 at eta = 3/10: x - 2/5 =', mp.nstr(x - mp.mpf(2)/5, 5), ' y + 1/5 =', mp.nstr(y + mp.mpf(1)/5, 5))
for f in ('0.9', '1.1'):
    print(f'  eta = {f} * 2/lambda_max: diverges at step', quadratic(mp.mpf(f)*2/lmax, 600)[0])
print('  eta = 0.6: diverges at step', quadratic(mp.mpf('0.6'), 600)[0])
# GD at step 5/h with eta h against the flow at t = 5 (eta = 3/10): x(t) = x* + exp(-eta H t)(x0 - x*).
H = mp.matrix([[3, 1], [1, 2]]); xs = mp.matrix([mp.mpf(2)/5, -mp.mpf(1)/5])
flow = xs + mp.expm(-mp.mpf(3)/10*H*5)*(mp.matrix([0, 0]) - xs)
errors = [abs(quadratic(mp.mpf(3)/10*h, int(5/h))[1][0] - flow[0]) for h in (mp.mpf(1), mp.mpf(1)/2, mp.mpf(1)/4, mp.mpf(1)/8)]
print('  |x_GD - x_flow| at t = 5, h = 1, 1/2, 1/4, 1/8:', [mp.nstr(e, 5) for e in errors],
      'orders', [mp.nstr(mp.log(errors[i]/errors[i+1], 2), 4) for i in range(3)])

lam0 = mp.mpf(1) + mp.mpf(1)/4
print('uv model: 4/lambda0 =', mp.nstr(4/lam0, 20))
for f in ('3.6', '4.4'):
    print(f'  eta = {f}/lambda0: diverges at step', uv(mp.mpf(f)/lam0, 300)[0])
drifts = []
for h in (mp.mpf(1), mp.mpf(1)/2, mp.mpf(1)/4, mp.mpf(1)/8):
    _, (u, w) = uv(mp.mpf(1)/2*h, int(300/h))
    drifts.append(abs(u**2 - w**2 - mp.mpf(3)/4))
print('  drift of u^2 - w^2 at t = 300 (eta = 1/2), h = 1, 1/2, 1/4, 1/8:', [mp.nstr(e, 5) for e in drifts],
      'orders', [mp.nstr(mp.log(drifts[i]/drifts[i+1], 2), 4) for i in range(3)])
