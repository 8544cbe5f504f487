# Reference for dpowm(A, p, E) = d/ds powm(A + s E, p) at s = 0 (of the symmetric parts), by mpmath's powm
# (expm(p logm)) and sqrtm differentiated numerically (mpmath.diff) at 60 digits; 35 digits printed. Used by
# Tests/NumbersTests/MatrixFunctionTests.swift.
from mpmath import mp, matrix, mpf, powm, sqrtm, diff, nstr
mp.dps = 60
def m(rows): return matrix([[mpf(x) for x in row] for row in rows])
A = m([['2', '0.5', '-0.25'], ['0.5', '1.5', '0.3'], ['-0.25', '0.3', '1']])
E = m([['0.4', '-0.2', '0.1'], ['0.6', '0.3', '0'], ['0.1', '-0.5', '-0.2']])
sym = lambda X: (X + X.T) / 2
for label, f in [("1/2", lambda X: sqrtm(X)), ("1/3", lambda X: powm(X, mpf(1)/3)), ("-2/3", lambda X: powm(X, mpf(-2)/3)),
                 ("3/2", lambda X: powm(X, mpf(3)/2)), ("0.37", lambda X: powm(X, mpf('0.37')))]:
    print(label, [nstr(diff(lambda s: f(sym(A + s*E))[i, j], 0), 35) for i in range(3) for j in range(3)])
