# Reference values for Tests/DerivationsTests/Fixtures/q04_triple_momentum.phc (UnseenTrial13Tests); run: python3 q04_triple_momentum.mpmath.py > q04_triple_momentum.mpmath.out
from mpmath import mp, mpf, matrix, eig, sqrt, polyroots, findroot
mp.dps = 50
m, L = mpf(1), mpf(16)
kap = L/m; rho = 1 - 1/sqrt(kap)
alpha = (1+rho)/L; beta = rho**2/(2-rho); gamma = rho**2/((1+rho)*(2-rho)); delta = rho**2/(1-rho**2)
print("rho alpha beta gamma delta", rho, alpha, beta, gamma, delta)
def roots(lam):
    # z^2 - (1 + beta - alpha lam (1+gamma)) z + (beta - alpha lam gamma)
    return polyroots([1, -(1 + beta - alpha*lam*(1+gamma)), beta - alpha*lam*gamma], extraprec=100)
for lam in [m, L]:
    z = roots(lam); print("lam", lam, "roots", z, "moduli", [abs(w) for w in z])
Q = matrix([[3,-4],[4,3]])/5
H = Q*matrix([[m,0],[0,L]])*Q.T
print("H", H)
bv = matrix([1, 2])
xs = H**-1*bv
print("x* =", xs)
xi = matrix([0,0]); xip = matrix([0,0])
for k in range(1, 6):
    y = (1+gamma)*xi - gamma*xip
    xin = (1+beta)*xi - beta*xip - alpha*(H*y - bv)
    xip, xi = xi, xin
    x = (1+delta)*xi - delta*xip
    if k in (1,2,5): print("step", k, "xi", xi.T, "x", x.T)
lamc = 2*(1+beta)/(alpha*(1+2*gamma))
print("lam_c", lamc, "check", roots(lamc))
from fractions import Fraction as F
rho = F(3,4); L = F(16)
alpha = (1+rho)/L; beta = rho**2/(2-rho); gamma = rho**2/((1+rho)*(2-rho)); delta = rho**2/(1-rho**2)
Hq = [[F(53,5), F(-36,5)], [F(-36,5), F(32,5)]]
bq = [F(1), F(2)]
xi = [F(0)]*2; xip = [F(0)]*2
for k in range(1, 6):
    y = [(1+gamma)*xi[i] - gamma*xip[i] for i in range(2)]
    g = [sum(Hq[i][j]*y[j] for j in range(2)) - bq[i] for i in range(2)]
    xin = [(1+beta)*xi[i] - beta*xip[i] - alpha*g[i] for i in range(2)]
    xip, xi = xi, xin
    x = [(1+delta)*xi[i] - delta*xip[i] for i in range(2)]
    print("exact step", k, "x", x)
