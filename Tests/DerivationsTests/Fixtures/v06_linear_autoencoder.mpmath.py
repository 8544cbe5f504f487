# Referee for v06_linear_autoencoder.phc (UnseenTrial8Tests): mpmath at 50 digits (Hessian by exact differentiation
# of the quadratic-quartic loss via finite formulas; eigenvalues with mpmath.eig).
# L = tr((I - W2 W1) S (I - W2 W1)^T)/2 + lam (|W1|^2 + |W2|^2)/2, S = diag(3, 2, 1/4), W1: 1x3, W2: 3x1.
# run: python3 v06_linear_autoencoder.mpmath.py > v06_linear_autoencoder.mpmath.out
from mpmath import mp, mpf, matrix, eig, sqrt, nstr, diff
mp.dps = 50
S = [mpf(3), mpf(2), mpf(1)/4]; lam = mpf(1)/2
def loss(z):
    W1 = z[0:3]; W2 = z[3:6]
    tot = mpf(0)
    for i in range(3):
        for j in range(3):
            M = (1 if i == j else 0) - W2[i]*W1[j]
            tot += M*M*S[j]
    return tot/2 + lam*(sum(a*a for a in W1) + sum(b*b for b in W2))/2
def hessian(z):
    n = len(z); H = matrix(n, n)
    for i in range(n):
        for j in range(n):
            def f(a, b):
                w = list(z); w[i] += a; w[j] += b
                return loss(w)
            H[i, j] = diff(f, (0, 0), (1, 1)) if i != j else diff(lambda a: loss([z[k] + (a if k == i else 0) for k in range(n)]), 0, 2)
    return H
def grad(z):
    return [diff(lambda a: loss([z[k] + (a if k == i else 0) for k in range(len(z))]), 0) for i in range(len(z))]
for i, name in ((0, "top"), (1, "second")):
    c = sqrt(1 - lam/S[i])
    z = [mpf(0)]*6; z[i] = c; z[3 + i] = c
    print(name, "c = sqrt(1 - lam/s_i) =", nstr(c, 32), " |grad| =", nstr(max(abs(g) for g in grad(z)), 5))
    E, _ = eig(-hessian(z))
    print(name, "eigenvalues of the flow's Jacobian (-Hessian), sorted:", [nstr(e.real, 30) for e in sorted(E, key=lambda e: e.real)])
z = [mpf(0)]*6
E, _ = eig(-hessian(z)); print("origin: eigenvalues", sorted([nstr(e.real, 20) for e in E]))
print("origin at lam = 1/2 eigenvalues are -lam +- s_i: ", sorted([-lam - s for s in S] + [-lam + s for s in S]))
