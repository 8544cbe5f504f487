# Referee of t18_tarmoun_riccati.phc (UnseenTrial18Tests): python3 t18_tarmoun_riccati.mpmath.py > t18_tarmoun_riccati.mpmath.out
# Gradient flow of L = |W2 W1 - Y|^2/2 (W1, W2 2 x 2) from a lam-balanced start W1 = al R, W2 = be I (R a rotation):
# W1 W1^T - W2^T W2 = lam I for ever (lam = al^2 - be^2), Q = [W1^T; W2] obeys Q' = A Q - Q Q^T Q/2 with
# A = [[lam/2 I, Y^T], [Y, -lam/2 I]], and P = Q Q^T the Riccati equation P' = A P + P A - P^2, solved by
# P(t) = E Q0 (I + Q0^T M Q0)^-1 Q0^T E, E = expm(t A), M = (expm(2 t A) - I) (2 A)^-1 (Tarmoun et al. 2021, Thm 1).
# Checked here: the ODE integrated by mpmath's Taylor method against the closed form at t = 1/2, 1, 2, and the values.
from mpmath import mp, mpf, matrix, expm, inverse, eye, odefun, nstr
mp.dps = 40
al, be = mpf(1), mpf(1)/2
y11, y12, y22 = mpf(2), mpf(1)/2, mpf(1)
Y = matrix([[y11, y12], [0, y22]])
R = matrix([[mpf(3)/5, mpf(4)/5], [-mpf(4)/5, mpf(3)/5]])
W10, W20 = al*R, be*eye(2)
lam = al**2 - be**2
A = matrix(4, 4)
for i in range(2):
    A[i, i] = lam/2; A[i+2, i+2] = -lam/2
    for j in range(2):
        A[i, j+2] = Y[j, i]; A[i+2, j] = Y[i, j]
Q0 = matrix(4, 2)
for i in range(2):
    for j in range(2):
        Q0[i, j] = W10[j, i]; Q0[i+2, j] = W20[i, j]
def closed(t):
    E = expm(t*A); M = (expm(2*t*A) - eye(4)) * inverse(2*A)
    return E*Q0*inverse(eye(2) + Q0.T*M*Q0)*Q0.T*E
def rhs(t, z):
    W1 = matrix([[z[0], z[1]], [z[2], z[3]]]); W2 = matrix([[z[4], z[5]], [z[6], z[7]]])
    Er = Y - W2*W1
    d1 = W2.T*Er; d2 = Er*W1.T
    return [d1[0,0], d1[0,1], d1[1,0], d1[1,1], d2[0,0], d2[0,1], d2[1,0], d2[1,1]]
z0 = [W10[0,0], W10[0,1], W10[1,0], W10[1,1], W20[0,0], W20[0,1], W20[1,0], W20[1,1]]
f = odefun(rhs, 0, z0)
for t in [mpf(1)/2, mpf(1), mpf(2)]:
    z = f(t)
    W1 = matrix([[z[0], z[1]], [z[2], z[3]]]); W2 = matrix([[z[4], z[5]], [z[6], z[7]]])
    Q = matrix(4, 2)
    for i in range(2):
        for j in range(2):
            Q[i, j] = W1[j, i]; Q[i+2, j] = W2[i, j]
    gap = max(abs(x) for x in (Q*Q.T - closed(t)))
    imb = max(abs(x) for x in (W1*W1.T - W2.T*W2 - lam*eye(2)))
    P = W2*W1
    L = sum(x**2 for x in (P - Y))/2
    print("t =", t, " |QQ^T - closed form| =", nstr(gap, 3), " |imbalance - lam I| =", nstr(imb, 3))
    print("  (W2 W1)[1,1] =", nstr(P[0,0], 35), " (W2 W1)[2,1] =", nstr(P[1,0], 35), " L =", nstr(L, 35))
# The planted Riccati with +lam/2 and -lam/2 swapped differs at t = 1:
A2 = A.copy()
for i in range(2):
    A2[i, i] = -lam/2; A2[i+2, i+2] = lam/2
E = expm(A2); M = (expm(2*A2) - eye(4)) * inverse(2*A2)
print("swapped-sign Riccati at t = 1 differs by", nstr(max(abs(x) for x in (E*Q0*inverse(eye(2) + Q0.T*M*Q0)*Q0.T*E - closed(1))), 5))
z = f(mpf(12)); W1 = matrix([[z[0], z[1]], [z[2], z[3]]]); W2 = matrix([[z[4], z[5]], [z[6], z[7]]])
print("t = 12: |W2 W1 - Y| =", nstr(max(abs(x) for x in (W2*W1 - Y)), 5))
