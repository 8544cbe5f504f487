# Reference of Tests/DynamicsTests/PolynomialFormTests.swift (taylorCoefficientsAreTheExactOnes): run with python3; prints k, Q_k, R_k.
# Exact Taylor coefficients of the solution of a polynomial ODE with 1/R factors, by truncated power series in
# exact rationals (Python fractions): x_{k+1} = f(x)_k / (k + 1), order by order.
from fractions import Fraction as F
N = 10
tau, s2, rho, lam, m = F(1,2), F(1,4), F(-1,2), F(1,2), F(3)
def mul(a, b): return [sum(a[j]*b[k-j] for j in range(k+1)) for k in range(N+1)]
def add(*xs): return [sum(x[k] for x in xs) for k in range(N+1)]
def sc(c, a): return [c*x for x in a]
def const(c): return [F(c)] + [F(0)]*N
def inv(a):
    r = [F(1)/a[0]] + [F(0)]*N
    for k in range(1, N+1): r[k] = -sum(a[j]*r[k-j] for j in range(1, k+1))/a[0]
    return r
def pw(a, n):
    r = const(1)
    for _ in range(n): r = mul(r, a)
    return r
def rhs(Q, R):
    V = sc(1+s2, R); Cv = sc(1+rho*s2, R); iR = inv(R)
    Qd = sc(-tau, add(mul(add(sc(F(1,24), pw(Cv,3)), sc(F(-5,16), pw(V,2))), pw(Q,3)),
                      sc(m, mul(mul(Q, add(V, const(-2))), iR)), sc(lam, Q), sc(0, pw(Q,5)),
                      sc(-1, mul(mul(mul(Cv, pw(V,2)), pw(Q,7)), pw(iR,2)))))
    Rd = add(sc(tau**2, add(mul(sc(F(1,7), add(mul(pw(Cv,2), V), sc(-3, pw(V,4)))), iR),
                            mul(pw(add(const(2), sc(-1, V)), 3), pw(Q,2)))), sc(-2*lam, R))
    return Qd, Rd
Q = [F(3,10)] + [F(0)]*N; R = [F(3,5)] + [F(0)]*N
for k in range(N):
    Qd, Rd = rhs(Q, R)
    Q[k+1] = Qd[k]/(k+1); R[k+1] = Rd[k]/(k+1)
for k in range(N+1): print(k, Q[k], R[k], float(Q[k]), float(R[k]))
