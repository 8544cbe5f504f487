# The references of Benchmarks/gd_benchmark.sh: the six gradient-descent runs of
# derivations/large/xu_ziyin_gd_six_parameterizations.phc in vector form (u, w of width d, the same seeded
# initialization), iterated by numpy in float64 and by mpmath at the given digits, each timed.
#
#   python3 Benchmarks/gd_six_benchmark_reference.py D STEPS DIGITS [SCENARIO ...]
#
#   python3 Benchmarks/gd_six_benchmark_reference.py threshold D [STEPS]
#
# The second form bisects (numpy, float64) the value of kappa K0 above which the Kaiming run passes 10^30
# within STEPS (default 400) steps, and checks kappa K0 = 3.6 and 4.4 with mpmath at 30 digits: the reference
# of the threshold claim in the derivation (about 4: the catapult phase, not the linear-stability 2).
#
# The first prints one line per scenario and method: `method scenario steps seconds zeta` where steps is the last step
# done (fewer than STEPS when a component passed 10^30, phasecheck's divergence bound, which ends its run
# too), and zeta = K/K0 - 1 at that step, K = gamma^2 eta (|u|^2 + |w|^2). The last line gives the
# process's peak resident memory.
import resource, sys, time
import mpmath as mp
import numpy as np
from gd_six_parameterizations_reference import settings_for, seeded_normals

BOUND = 10**30


def run_numpy(z1, z2, gamma, eta, su, sw, steps):
    gamma, eta = float(gamma), float(eta)
    u, w = float(su) * np.array(z1), float(sw) * np.array(z2)
    K0 = gamma**2 * eta * (u @ u + w @ w)
    done = 0
    for k in range(1, steps + 1):
        c = eta * gamma * (gamma * (u @ w) - 1.0)     # kappa = astar = 1
        u, w = u - c * w, w - c * u
        done = k
        if max(np.abs(u).max(), np.abs(w).max()) > BOUND:
            break
    return done, gamma**2 * eta * (u @ u + w @ w) / K0 - 1


def run_mpmath(z1, z2, gamma, eta, su, sw, steps):
    u, w = [su * mp.mpf(x) for x in z1], [sw * mp.mpf(x) for x in z2]
    K0 = gamma**2 * eta * (mp.fdot(u, u) + mp.fdot(w, w))
    done = 0
    for k in range(1, steps + 1):
        c = eta * gamma * (gamma * mp.fdot(u, w) - 1)
        u, w = [x - c * y for x, y in zip(u, w)], [y - c * x for x, y in zip(u, w)]
        done = k
        if max(max(abs(x) for x in u), max(abs(y) for y in w)) > BOUND:
            break
    return done, gamma**2 * eta * (mp.fdot(u, u) + mp.fdot(w, w)) / K0 - 1


def threshold(d, steps):
    mp.mp.dps = 30
    gamma, eta, su, sw = settings_for(mp.mpf(d))['Kaiming']
    z1, z2 = seeded_normals(d)
    u, w = float(su) * np.array(z1), float(sw) * np.array(z2)
    K0 = float(gamma)**2 * float(eta) * (u @ u + w @ w)
    diverges = lambda kappa, run: run(z1, z2, gamma * 1, eta * kappa, su, sw, steps)[0] < steps
    # kappa scales the step: eta kappa gamma (gamma C - 1) with kappa folded into eta (astar = 1).
    lo, hi = 1 / K0, 10 / K0
    for _ in range(45):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if diverges(mid, run_numpy) else (mid, hi)
    print(f'd={d} K0={K0:.10g}: numpy: diverges within {steps} steps above kappa K0 = {lo * K0:.10g}')
    K0mp = gamma**2 * eta * (su**2 * mp.fsum(x * x for x in z1) + sw**2 * mp.fsum(x * x for x in z2))
    for factor in (mp.mpf('3.6'), mp.mpf('4.4')):
        print(f'  mpmath at 30 digits, kappa K0 = {factor}: diverges: {diverges(factor / K0mp, run_mpmath)}', flush=True)


def main():
    if sys.argv[1] == 'threshold':
        return threshold(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 400)
    d, steps, digits = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    mp.mp.dps = digits
    settings = settings_for(mp.mpf(d))
    names = sys.argv[4:] or list(settings)
    z1, z2 = seeded_normals(d)
    for name in names:
        gamma, eta, su, sw = settings[name]
        for method, run in (('numpy', run_numpy), ('mpmath', run_mpmath)):
            start = time.process_time()
            done, zeta = run(z1, z2, gamma, eta, su, sw, steps)
            seconds = time.process_time() - start
            print(f'{method} {name} {done} {seconds:.3f} {mp.nstr(mp.mpf(zeta), 20)}', flush=True)
    print(f'peak-rss-kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')


if __name__ == '__main__':
    main()
