# Reference values for i04_value_at_kink.phc (sympy, exact; mpmath 50 digits for y after the switch).
import sympy as sp, mpmath as mp
t = sp.symbols('t', real=True)
x = sp.exp(t)/2
print("x' - x =", sp.simplify(sp.diff(x, t) - x), "; x(0) =", x.subs(t, 0))
T = sp.log(2)
print("x(log 2) =", sp.simplify(x.subs(t, T)), "(the kink of max(x - 1, 0), min(1 - x, 0), max(x, 1))")
print("relu(x - 1) at log 2 =", sp.Max(x - 1, 0).subs(t, T).simplify(), "; max(x, 1) =", sp.Max(x, 1).subs(t, T).simplify())
# y' = max(x, 1): y = t before log 2 (x < 1), y = log 2 + (e^t/2 - 1) after.
before, after = t, sp.log(2) + sp.exp(t)/2 - 1
print("before: y' - 1 =", sp.diff(before, t) - 1, "; after: y' - x =", sp.simplify(sp.diff(after, t) - x), "; continuous at log 2:", sp.simplify(before.subs(t, T) - after.subs(t, T)) == 0)
print("y(log 2) =", before.subs(t, T), "; y(2) =", after.subs(t, 2))
mp.mp.dps = 50
# y(2) = integral of max(e^s/2, 1) over [0, 2], by quadrature split at the kink (odefun's Taylor steps do not
# see the kink and miss by 5e-2).
y2 = mp.quad(lambda s: max(mp.exp(s)/2, 1), [0, mp.log(2), 2])
print("mpmath quad y(2) =", mp.nstr(y2, 40), "; closed form", mp.nstr(mp.log(2) + mp.e**2/2 - 1, 40))
print("PLANTED: relu(x - 1) = 10^-25 and y(log 2) = log 2 + 10^-25 at t = log 2: FALSE")
