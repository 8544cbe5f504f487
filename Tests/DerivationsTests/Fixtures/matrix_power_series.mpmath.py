# Reference Taylor coefficients of S(t)^p, S = (A + A^T)/2, A(t) = A0 + C1 t + C2 t^2 (3 x 3), at t = 0, for
# p = 1/2 (sqrtm), -2/3 and 3/2 (powm), by mpmath's own matrix functions (sqrtm: Denman-Beavers; powm:
# expm(p logm)) differentiated numerically with mpmath.taylor at 60 digits. Used by
# Tests/DynamicsTests/MatrixFunctionRecurrenceTests.swift (coefficients of orders 0..5).
from mpmath import mp, matrix, mpf, sqrtm, powm, taylor, nstr
mp.dps = 60
def m(rows): return matrix([[mpf(x) for x in row] for row in rows])   # decimal strings, not binary floats
A0 = m([['2', '0.5', '-0.25'], ['0.5', '1.5', '0.3'], ['-0.25', '0.3', '1']])
C1 = m([['0.4', '-0.2', '0.1'], ['0.6', '0.3', '0'], ['0.1', '-0.5', '-0.2']])
C2 = m([['0.1', '0.05', '0'], ['0.05', '-0.2', '0.1'], ['0', '0.1', '0.3']])
def S(t):
    A = A0 + C1*t + C2*t**2
    return (A + A.T)/2
for name, f in [("sqrtm", lambda t: sqrtm(S(t))), ("powm(-2/3)", lambda t: powm(S(t), mpf(-2)/3)),
                ("powm(3/2)", lambda t: powm(S(t), mpf(3)/2))]:
    cache = {}
    def entry(i, j):
        return lambda t: f(t)[i, j]
    coeffs = [taylor(entry(i, j), 0, 5) for i in range(3) for j in range(3)]
    print(name)
    for k in range(6):
        print(k, [nstr(c[k], 30) for c in coeffs])
