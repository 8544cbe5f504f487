"""Referee for x01_logistic_separable.phc and x02_homogeneous_logistic.phc (Tests/DerivationsTests/ExactPointwiseTests.swift):
SymPy differentiates each rate claim's quantity along the flow and prints the difference with its right side, simplified:
0 for the true claims, a nonzero expression for each PLANTED one. It also integrates the awake unit (w = 1/10) to t = 2
with mpmath's odefun to show it moves. Run: python3 exact_pointwise.sympy.py > exact_pointwise.sympy.out"""
import sympy as sp
import mpmath as mp


def show(name, e):
    print(f"{name}: {sp.simplify(e)}")


# x01: w' = eta sigma(-m) x, m = a w1 + b w2.
eta, a, b, w1, w2 = sp.symbols("eta a b w1 w2", positive=True)
m = a * w1 + b * w2
g = sp.exp(-m) / (1 + sp.exp(-m))
flow = {w1: eta * g * a, w2: eta * g * b}


def rate(q):
    return sum(sp.diff(q, s) * f for s, f in flow.items())


show("x01 loss", rate(sp.log(1 + sp.exp(-m))) + eta * (a**2 + b**2) * g**2)
show("x01 loss PLANTED", rate(sp.log(1 + sp.exp(-m))) + eta * (a**2 + b**2) * g)
norm = sp.sqrt(w1**2 + w2**2)
show("x01 norm", rate(norm) - eta * g * m / norm)
show("x01 norm PLANTED", rate(norm) - eta * g * m / norm**2)
show("x01 ratio", rate(w2 / w1) - eta * g * (b * w1 - a * w2) / w1**2)
show("x01 ratio PLANTED", rate(w2 / w1) - eta * g * (a * w1 - b * w2) / w1**2)
show("x01 log ratio", rate(sp.log(w2 / w1)) - eta * g * (b / w2 - a / w1))
show("x01 Lagrange", (m**2 + (a * w2 - b * w1) ** 2) / ((w1**2 + w2**2) * (a**2 + b**2)) - 1)
show("x01 Lagrange PLANTED", (m**2 - (a * w2 - b * w1) ** 2) / ((w1**2 + w2**2) * (a**2 + b**2)) - 1)

# x02: p = u v + w^2, gradient flow on log(1 + e^-p).
u, v, w = sp.symbols("u v w", positive=True)
p = u * v + w**2
g = sp.exp(-p) / (1 + sp.exp(-p))
loss = sp.log(1 + sp.exp(-p))
flow = {u: eta * g * v, v: eta * g * u, w: 2 * eta * g * w}
show("x02 ode u = -eta dL/du", flow[u] + eta * sp.diff(loss, u))
show("x02 ode v = -eta dL/dv", flow[v] + eta * sp.diff(loss, v))
show("x02 ode w = -eta dL/dw", flow[w] + eta * sp.diff(loss, w))
show("x02 balance", rate(u**2 - v**2))
show("x02 ratio", rate(sp.log(u / v)) - eta * g * (v**2 - u**2) / (u * v))
show("x02 ratio PLANTED", rate(sp.log(u / v)) - eta * g * (u**2 - v**2) / (u * v))
show("x02 margin", rate(p) - eta * g * (u**2 + v**2 + 4 * w**2))
show("x02 margin PLANTED", rate(p) - eta * g * (u**2 + v**2 + 2 * w**2))
show("x02 w' at w = 0", flow[w].subs(w, 0))

# The awake unit: w(2) from w(0) = 1/10 (eta = 1), mpmath odefun.
mp.mp.dps = 30


def f(t, y):
    uu, vv, ww = y
    gg = mp.exp(-(uu * vv + ww**2)) / (1 + mp.exp(-(uu * vv + ww**2)))
    return [gg * vv, gg * uu, 2 * gg * ww]


sol = mp.odefun(f, 0, [mp.mpf(1), mp.mpf(1) / 2, mp.mpf(1) / 10])
print("x02 awake w(2) =", sol(2)[2])

# derivations/meng_wang_contrastive.phc: its `let` lines read as SymPy (the generated polynomials), then the rate claim
# "L_Q and L_R are the partial derivatives of L" (dL/dt = L_Q Q' + L_R R' for all Q, R: both partials expand to 0) and
# "Q = 0 is invariant" (Q' at Q = 0 is 0 for all R and parameters).
import pathlib
import re

text = (pathlib.Path(__file__).parents[3] / "derivations" / "meng_wang_contrastive.phc").read_text().split("\n")
env = {n: sp.Symbol(n) for n in "tau lam s2 rho m2 m4 m6 m8 m10 m12 Q R".split()}
i = 0
while i < len(text):
    found = re.match(r"let (\w+) = (.*)", text[i])
    if found:
        name, expr = found.group(1), found.group(2).split("#")[0]
        while expr.count("(") > expr.count(")"):
            i += 1
            expr += text[i].split("#")[0]
        env[name] = sp.sympify(expr.replace("^", "**"), locals=env)
    i += 1
Q, R = env["Q"], env["R"]
print("meng_wang dL/dQ - L_Q:", sp.expand(sp.diff(env["L"], Q) - env["L_Q"]))
print("meng_wang dL/dR - L_R:", sp.expand(sp.diff(env["L"], R) - env["L_R"]))
print("meng_wang Q' at Q = 0:", sp.expand(env["Qdot"].subs(Q, 0)))
