# Reference values for derivations/large/xu_ziyin_gd_six_parameterizations.phc at a smaller width (the test suite
# runs it with d = 100): the same seeded Gaussian initialization as phasecheck (SplitMix64 + Box-Muller,
# Sources/PhasecheckVerify/Model/Model.swift, SeededRandom), then gradient descent on
# L = kappa/2 (gamma u.w - astar)^2 with rate eta in mpmath at 60 digits, in the Gram variables.
# Run: python3 Benchmarks/gd_six_parameterizations_reference.py [d]
import math, sys
import mpmath as mp
from fractions import Fraction

MASK = (1 << 64) - 1
class SeededRandom:
    def __init__(self, seed):
        self.state = (seed + 0x9E3779B97F4A7C15) & MASK
        self.spare = None
    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)
    def uniform(self):
        return ((self.next() >> 11) + 0.5) / 9007199254740992.0
    def normal(self):
        if self.spare is not None:
            s, self.spare = self.spare, None
            return s
        u1, u2 = self.uniform(), self.uniform()
        r = math.sqrt(-2 * math.log(u1))
        self.spare = r * math.sin(2 * math.pi * u2)
        return r * math.cos(2 * math.pi * u2)

def settings_for(D, M=mp.mpf):
    """The six parameterizations at width D as (gamma, eta, sigma_u, sigma_w), model.md section 9 with the
    derivation's reading (NTK gamma = 1/sqrt(d), Kaiming eta = 0.05*100/d)."""
    return {
        'NTK':          (1/mp.sqrt(D), M(1)/20,            M(1),              M(1)),
        'mean_field':   (10/D,         M(1)/20*D/100,      M(1),              M(1)),
        'Kaiming':      (M(1),         M(1)/20*100/D,      1/mp.sqrt(D),      M(1)),
        'Kaiming_plus': (100/D,        M(1)/20*D/100,      1/mp.sqrt(D),      M(1)),
        'Xavier_plus':  (M(1),         M(1)/20,            mp.sqrt(2/(D+1)),  mp.sqrt(2/(D+1))),
        'Xavier':       (D/100,        M(1)/20*(100/D)**2, mp.sqrt(2/(D+1)),  mp.sqrt(2/(D+1))),
    }

def seeded_normals(d):
    """The standard normal draws behind `state u[d] ~ normal(0, s) seed 1` and `w[d] ... seed 2`, as floats."""
    g1, g2 = SeededRandom(1), SeededRandom(2)
    return [g1.normal() for _ in range(d)], [g2.normal() for _ in range(d)]

def main():
    mp.mp.dps = 60
    d = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    M = mp.mpf
    D = M(d)
    settings = settings_for(D)
    z1, z2 = seeded_normals(d)
    n1, n2 = [mp.mpf(x) for x in z1], [mp.mpf(x) for x in z2]
    kappa = astar = M(1)
    dot = lambda x, y: mp.fsum(a*b for a, b in zip(x, y))
    N11, N22, N12 = dot(n1, n1), dot(n2, n2), dot(n1, n2)
    for name, (gamma, eta, su, sw) in settings.items():
        # Gradient descent in the Gram variables U = |u|^2, W = |w|^2, C = u.w, which it maps exactly
        # (seed-systems-checks/xz_six_params.py): c = eta gamma kappa (gamma C - astar),
        # U' = U - 2cC + c^2 W, W' = W - 2cC + c^2 U, C' = (1 + c^2) C - c (U + W).
        U, W, C = su**2*N11, sw**2*N22, su*sw*N12
        K0 = gamma**2*eta*(U + W); a0 = gamma*C; lam = gamma*eta
        zinf = mp.sqrt(1 + 4*lam**2*(astar**2 - a0**2)/K0**2) - 1
        out = [f'{name}: kappa*K0={mp.nstr(kappa*K0, 10)} zeta_inf(flow)={mp.nstr(zinf, 25)}']
        for k in range(1, 401):
            c = eta*gamma*kappa*(gamma*C - astar)
            U, W, C = U - 2*c*C + c**2*W, W - 2*c*C + c**2*U, (1 + c**2)*C - c*(U + W)
            if k in (10, 200, 400):
                out.append(f'zeta(step {k})={mp.nstr(gamma**2*eta*(U + W)/K0 - 1, 25)}')
            if max(abs(U), abs(W)) > 10**30:
                out.append(f'diverges at step {k}'); break
        print('  '.join(out))

if __name__ == '__main__':
    main()
