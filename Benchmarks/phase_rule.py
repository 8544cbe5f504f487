"""The flagship's exact exponent rule in a plain Python loop with Fraction (Benchmarks/README.md, "Phase
sweep benchmark"): the reference `phasecheck phase` is timed against, with phase_rule.c.

Per point of the grid alpha, b_u, b_w in [-1, 2], c_u in [-2, 2] (step 1/STEP_DENOMINATOR), c_w = 0, it
computes the file's named exponents, the leading exponent of zeta_inf_typ = sqrt(1 + R - B xi^2/d) - 1
(e_R/2 when e_R > 0, 0 when e_R = 0, max(e_R, -|e_X| - 1) when e_R < 0: R ~ d^e_R, B/d ~ d^(-|e_X| - 1)),
the claimed and found regions and the three flags, and writes the CSV columns phasecheck writes for them.
No numeric confirmation, no coefficient: this is the floor for the exact part of the sweep.

Usage: python3 phase_rule.py [STEP_DENOMINATOR] > out.csv   # default 4 (37349 points)
"""
import sys
from fractions import Fraction as Q


def axis(lo, hi, step):
    n = int((hi - lo) / step)
    return [lo + i * step for i in range(n + 1)]


def text(q):
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def main():
    step = Q(1, int(sys.argv[1]) if len(sys.argv) > 1 else 4)
    out = sys.stdout
    out.write("alpha,b_u,b_w,c_u,c_w,e_Gamma,e_X,e_R,e_f,e_K,exponent,claimed,found,divergent_output,ntk_blows_up,ntk_vanishes\n")
    cw = Q(0)
    names = {-1: "kernel", 0: "feature_learning", 1: "ultra_rich"}
    for alpha in axis(Q(-1), Q(2), step):
        for bu in axis(Q(-1), Q(2), step):
            for bw in axis(Q(-1), Q(2), step):
                for cu in axis(Q(-2), Q(2), step):
                    e_gamma = 1 - alpha - bu - bw
                    e_x = cu - cw + 2 * bu - 2 * bw
                    e_r = -2 * e_gamma - abs(e_x)
                    e_f = e_gamma - Q(1, 2)
                    e_k = 1 - 2 * alpha + max(cu - 2 * bw, cw - 2 * bu)
                    exponent = e_r / 2 if e_r > 0 else (Q(0) if e_r == 0 else max(e_r, -abs(e_x) - 1))
                    sign = (exponent > 0) - (exponent < 0)
                    region = names[(e_r > 0) - (e_r < 0)]
                    found = names[sign]
                    out.write(",".join([text(alpha), text(bu), text(bw), text(cu), text(cw), text(e_gamma), text(e_x),
                                        text(e_r), text(e_f), text(e_k), text(exponent), region, found,
                                        "yes" if e_f > 0 else "no", "yes" if e_k > 0 else "no",
                                        "yes" if e_k < 0 else "no"]) + "\n")


main()
