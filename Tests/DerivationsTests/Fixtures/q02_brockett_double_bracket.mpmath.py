# Reference values for Tests/DerivationsTests/Fixtures/q02_brockett_double_bracket.phc (UnseenTrial13Tests); run: python3 q02_brockett_double_bracket.mpmath.py > q02_brockett_double_bracket.mpmath.out
from mpmath import mp, mpf, matrix, odefun, diag, eye, eigsy
mp.dps = 40
Q = matrix([[1,-2,2],[2,-1,-2],[2,2,1]])/3
print("Q^T Q", Q.T*Q)
H0 = Q*diag([1,2,4])*Q.T
print("H0*9", H0*9)
N = diag([1,2,3])
def f(t, y):
    H = matrix(3,3)
    for i in range(3):
        for j in range(3): H[i,j] = y[3*i+j]
    M = H*N - N*H
    D = H*M - M*H
    return [D[i,j] for i in range(3) for j in range(3)]
sol = odefun(f, 0, [H0[i,j] for i in range(3) for j in range(3)])
for T in [1, 2]:
    y = sol(T)
    H = matrix(3,3)
    for i in range(3):
        for j in range(3): H[i,j] = y[3*i+j]
    print("t =", T, "tr(HN) =", (H*N)[0,0]+(H*N)[1,1]+(H*N)[2,2], "H[1,2] =", H[0,1], "H[3,3] =", H[2,2])
print("tr(H0 N)", sum((H0*N)[i,i] for i in range(3)))
print("limit tr(HN) sorted", 1*1+2*2+4*3)
# linearisation at diag(lam): dE_ij = (lam_i - lam_j)(n_j - n_i) E_ij
lam = [1,2,4]; n=[1,2,3]
print("sorted eigs", sorted([(lam[i]-lam[j])*(n[j]-n[i]) for i in range(3) for j in range(3)]))
lam = [4,2,1]
print("reversed eigs", sorted([(lam[i]-lam[j])*(n[j]-n[i]) for i in range(3) for j in range(3)]))
