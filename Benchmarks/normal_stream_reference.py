# Reference values for Tests/NumbersTests/NormalStreamTests.swift: an independent Python implementation of
# PhasecheckNumbers' NormalStream (SplitMix64 keyed by seed and path, Marsaglia's polar Box-Muller) and
# PortableMath.log. Python floats are IEEE 754 doubles with the same rounding, so the same operations give
# the same bits: the draws printed here must equal Swift's exactly (that is what "portable" means).
# PortableMath.log is also compared with mpmath at 40 digits.
# Run: python3 Benchmarks/normal_stream_reference.py
import math
import mpmath as mp

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15

def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)

def portable_log(x):
    m, e = math.frexp(x)          # x = m 2^e, m in [1/2, 1): Swift's significand is 2m, exponent e - 1
    m, e = 2 * m, e - 1
    if m > 1.4142135623730951:
        m *= 0.5
        e += 1
    f = (m - 1) / (m + 1)
    s = f * f
    series = 1.0 / 23.0
    for k in range(10, 0, -1):
        series = 1.0 / float(2 * k + 1) + s * series
    ln_m = 2 * f + 2 * f * (s * series)
    scaled = float(e)
    return scaled * 6.93147180369123816490e-01 + (ln_m + scaled * 1.90821492927058770002e-10)

class NormalStream:
    def __init__(self, seed, path):
        self.state = mix((mix(seed) + path) & MASK)
        self.spare = None
    def uniform(self):
        self.state = (self.state + GAMMA) & MASK
        return float(mix(self.state) >> 11) * 2.0 ** -53
    def next(self):
        if self.spare is not None:
            s, self.spare = self.spare, None
            return s
        while True:
            u = 2 * self.uniform() - 1
            v = 2 * self.uniform() - 1
            s = u * u + v * v
            if 0 < s < 1:
                break
        r = math.sqrt(-2 * portable_log(s) / s)
        self.spare = v * r
        return u * r

for seed, path in [(1, 0), (1, 1), (20261206, 399)]:
    stream = NormalStream(seed, path)
    draws = [stream.next() for _ in range(6)]
    print(f'seed {seed} path {path}:', ', '.join(float.hex(d) for d in draws))
    print('   as decimals:', ', '.join(repr(d) for d in draws))

mp.mp.dps = 40
worst = 0
for x in [1e-300, 2.0 ** -53, 1e-5, 0.1, 0.5, 0.7071067811865476, 0.75, 0.999999, 1.0, 1.5, 2.0, 10.0, 1e300]:
    err = abs(mp.mpf(portable_log(x)) - mp.log(mp.mpf(x))) / max(abs(mp.log(mp.mpf(x))), mp.mpf(2.0 ** -1074))
    worst = max(worst, err)
print('portable log: largest relative error over the sample points against mpmath:', mp.nstr(worst, 3))
print('portable log(0.1) =', float.hex(portable_log(0.1)), '; mpmath:', mp.nstr(mp.log(mp.mpf(0.1)), 25))
