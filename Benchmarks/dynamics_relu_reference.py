"""Reference for the piecewise-linear ReLU network of Tests/DynamicsTests/KinkTests.swift (mpmath).

f(x) = a1 relu(w1 x + b1) + a2 relu(w2 x + b2) trained by gradient flow on L = 1/2 sum_s (f(x_s) - y_s)^2
over the samples (x, y) = (1, 2) and (-1/2, 1):
    a_i' = -sum_s r_s relu(z_is),  w_i' = -sum_s r_s a_i H(z_is) x_s,  b_i' = -sum_s r_s a_i H(z_is),
with z_is = w_i x_s + b_i, r_s = f(x_s) - y_s, H the unit step. The initial state is
(a1, a2, w1, w2, b1, b2) = (0.5, -0.3, 1, -0.5, 0.4, 0.1).

mpmath.odefun does not handle kinks, so the flow is integrated piecewise: on each activation pattern the
right-hand side is smooth (odefun); the first sign change of any z_is is bracketed on a grid of 1/64 and
located with mpmath.findroot (Anderson's method on the bracket); the next piece starts there.

Usage: python3 Benchmarks/dynamics_relu_reference.py [DIGITS [T]]   (default 40 digits, T = 3)
Prints each switching time (which z, new sign) and the state at T.
"""
import sys

import mpmath
from mpmath import mp

SAMPLES = [(1, 2), (mpmath.mpf(-1) / 2, 1)]


def field(pattern):
    def f(t, y):
        a, w, b = y[0:2], y[2:4], y[4:6]
        r = []
        for s, (x, target) in enumerate(SAMPLES):
            out = sum(a[i] * (w[i] * x + b[i]) for i in range(2) if pattern[2 * i + s] > 0)
            r.append(out - target)
        da = [-sum(r[s] * (w[i] * x + b[i]) for s, (x, _) in enumerate(SAMPLES) if pattern[2 * i + s] > 0) for i in range(2)]
        dw = [-sum(r[s] * a[i] * x for s, (x, _) in enumerate(SAMPLES) if pattern[2 * i + s] > 0) for i in range(2)]
        db = [-sum(r[s] * a[i] for s, (x, _) in enumerate(SAMPLES) if pattern[2 * i + s] > 0) for i in range(2)]
        return da + dw + db
    return f


def z(y, i, s):
    return y[2 + i] * SAMPLES[s][0] + y[4 + i]


def main():
    mp.dps = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    end = mpmath.mpf(sys.argv[2]) if len(sys.argv) > 2 else mpmath.mpf(3)
    y = [mpmath.mpf(v) for v in ("0.5", "-0.3", "1", "-0.5", "0.4", "0.1")]
    t = mpmath.mpf(0)
    pattern = [1 if z(y, i, s) > 0 else -1 for i in range(2) for s in range(2)]
    grid = mpmath.mpf(1) / 64
    while True:
        solution = mpmath.odefun(field(pattern), t, y)
        crossing = None
        left = t
        while left < end and crossing is None:
            right = min(left + grid, end)
            for k in range(4):
                i, s = divmod(k, 2)
                if pattern[k] * z(solution(right), i, s) < 0:
                    root = mpmath.findroot(lambda u: z(solution(u), i, s), (left, right), solver="anderson")
                    if crossing is None or root < crossing[0]:
                        crossing = (root, k)
            left = right
        if crossing is None:
            y = solution(end)
            break
        t, k = crossing
        y = solution(t)
        pattern[k] = -pattern[k]
        print("switch t = %s z%d%d -> %+d" % (mpmath.nstr(t, mp.dps - 5), k // 2 + 1, k % 2 + 1, pattern[k]))
    for name, v in zip(("a1", "a2", "w1", "w2", "b1", "b2"), y):
        print(name, mpmath.nstr(v, mp.dps - 5))


if __name__ == "__main__":
    main()
