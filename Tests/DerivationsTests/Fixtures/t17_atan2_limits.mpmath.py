# Referee for UnseenTrial17Tests.atan2InWidthLimits: atan2 of width-dependent arguments in each quadrant, at
# d = 10^30 and 10^60 with mpmath (100 digits): the limit and d times the gap to it.
import mpmath as mp
mp.mp.dps = 100
cases = {
    "atan2(1/d, -1) - pi": (lambda d: mp.atan2(1/d, -1) - mp.pi),
    "atan2(-1/d, -1) + pi": (lambda d: mp.atan2(-1/d, -1) + mp.pi),
    "atan2(1, 1/d) - pi/2": (lambda d: mp.atan2(1, 1/d) - mp.pi/2),
    "atan2(d^2, -d) - pi/2": (lambda d: mp.atan2(d**2, -d) - mp.pi/2),
    "atan2(-d, 0) + pi/2": (lambda d: mp.atan2(-d, 0) + mp.pi/2),
}
for name, f in cases.items():
    print(name, [mp.nstr(f(mp.mpf(10)**k)*mp.mpf(10)**k, 20) for k in (30, 60)], "(times d)")
