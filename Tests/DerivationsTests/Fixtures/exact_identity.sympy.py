"""Reference for Tests/ExpressionsTests/ExactIdentityTests.swift: SymPy expands each expression the tests give
ExactIdentity (the same text, with the same flows) and prints whether it is 0. The identities must print 0; the
planted near-misses must print a nonzero polynomial (shown). Run: python3 exact_identity.sympy.py
(output in exact_identity.sympy.out)."""
import sympy as sp

a, b, c, d, x, t = sp.symbols("a b c d x t")


def show(name, e):
    r = sp.factor(sp.simplify(sp.expand(e)))
    print(f"{name}: {r}")


# Products of sums.
show("product of sums", (a + b) * (c - d) - (a * c - a * d + b * c - b * d))
show("product of sums, planted", (a + b) * (c - d) - (a * c - a * d + b * c - 2 * b * d))
show("cube", (a - b) ** 3 - (a**3 - 3 * a**2 * b + 3 * a * b**2 - b**3))
show("cube, planted", (a - b) ** 3 - (a**3 - 3 * a**2 * b + 2 * a * b**2 - b**3))

# Balancedness of a two-layer linear network, 3x3 layers: W1' = W2^T E, W2' = E W1^T with E = S - W2 W1
# (gradient flow on |S - W2 W1|^2/2). d/dt (W1 W1^T - W2^T W2) expands to 0 entry by entry; the planted flow
# W2' = 2 E W1^T does not.
M = lambda n: sp.Matrix(3, 3, lambda i, j: sp.Symbol(f"{n}[{i + 1},{j + 1}]"))
W1, W2, S = M("W1"), M("W2"), M("S")
E = S - W2 * W1
for label, k in (("balancedness", 1), ("balancedness, planted", 2)):
    W1d, W2d = W2.T * E, k * E * W1.T
    D = (W1d * W1.T + W1 * W1d.T - W2d.T * W2 - W2.T * W2d).applyfunc(sp.expand)
    print(f"{label}: nonzero entries {sum(1 for e in D if e != 0)}; terms of entry [1,1]: {len(sp.Add.make_args(D[0, 0])) if D[0, 0] != 0 else 0}")

# An exp atom: E = x exp(-t) along x' = x is conserved; along x' = 2x it is not.
for label, flow in (("x exp(-t), x' = x", x), ("x exp(-t), x' = 2x, planted", 2 * x)):
    E = x * sp.exp(-t)
    show(label, sp.diff(E, x) * flow + sp.diff(E, t))

# Rational functions.
show("partial fractions", 1 / (a + b) + 1 / (a - b) - 2 * a / (a**2 - b**2))
show("partial fractions, planted", 1 / (a + b) + 1 / (a - b) - 2 * b / (a**2 - b**2))
show("quotient rule", sp.diff(x / (1 + x**2), x) - (1 - x**2) / (1 + x**2) ** 2)
show("quotient rule, planted", sp.diff(x / (1 + x**2), x) - (1 + x**2) / (1 + x**2) ** 2)
show("Laurent", (a**2 * b - a * b**2) / (a * b) - (a - b))

# The term budget: (a + b + c + d + x + t + 1)^14 has C(20, 6) = 38,760 terms, over the 20,000 of ExactIdentity.maximumTerms.
print("terms of (a+b+c+d+x+t+1)^14:", len(sp.Add.make_args(sp.expand((a + b + c + d + x + t + 1) ** 14))))
