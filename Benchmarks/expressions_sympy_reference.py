"""Reference derivatives for Tests/ExpressionsTests/DifferentiationTests.swift, computed by SymPy.

Run: python3 Benchmarks/expressions_sympy_reference.py
Prints one Swift array literal entry per expression: the expression in Phasecheck's language and
d/dx at x = 7/10, y = 13/10, z = 2/5 to 40 significant digits.
"""
import sympy as sp

x, y, z = sp.symbols("x y z", real=True)
names = {
    "x": x, "y": y, "z": z,
    "cbrt": lambda a: a ** sp.Rational(1, 3),
    "expm1": lambda a: sp.exp(a) - 1,
    "log1p": lambda a: sp.log(1 + a),
    "abs": sp.Abs, "pow": sp.Pow, "atan2": sp.atan2, "min": sp.Min, "max": sp.Max,
}
expressions = [
    "sqrt(x^2 + y)*cbrt(x + z)",
    "exp(x*y) - expm1(x)/log(x + 2)",
    "log1p(x^3)*sin(x) + cos(x*y)",
    "tan(x/3) + asin(x/2) - acos(x*z)",
    "atan(x^2)*sinh(x)/cosh(y - x)",
    "tanh(x)^3 + asinh(x*y) + acosh(1 + x^2)",
    "atanh(x/2)*abs(x - y)",
    "pow(x, y) + x^x",
    "atan2(x, y) + atan2(y*x, x - 2)",
    "min(x, y)*max(x^2, z)",
    "(x + y)^-2.5 - 1/(x*z)",
    "exp(-x)*sqrt(1 - x^2)/(1 + x)^3",
    "y^x*log(x)^2",
    "-x^2/(1 + abs(sin(x))) + cbrt(y*x)",
    "erf(x*y)*z - erfc(x^2 - y)",
    "sign(x - y)*x^3 + x*sign(z)",
    "(0.125*2.25)*(1.5*((0.6 - 0.2*exp(-z*x)*0.3)/(1 - 0.2*exp(-z*x))) - 0.5/((0.6 - 0.2*exp(-z*x)*0.3)/(1 - 0.2*exp(-z*x))))",
]
point = {x: sp.Rational(7, 10), y: sp.Rational(13, 10), z: sp.Rational(2, 5)}
for text in expressions:
    e = sp.sympify(text.replace("^", "**"), locals=names, rational=True)
    d = sp.diff(e, x).subs(point)
    print(f'        ("{text}", "{sp.N(d, 40)}"),')
