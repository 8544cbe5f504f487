# Reference values for Tests/DerivationsTests/Fixtures/q01_dirac_gan.phc (UnseenTrial13Tests); run: python3 q01_dirac_gan.mpmath.py > q01_dirac_gan.mpmath.out
from mpmath import mp, mpf, sqrt, exp, matrix, eig, findroot
mp.dps = 50
fp = lambda s: 1/(1+exp(s))
def step(th, ps, h, gam, alt):
    thn = th - h*ps*fp(th*ps)
    T = th + alt*(thn - th)
    psn = ps + h*(T*fp(T*ps) - gam*ps)
    return thn, psn
h = mpf(3)/2; gam = mpf(1)/2
th, ps = mpf(1), mpf(1)/2
for k in range(10): th, ps = step(th, ps, h, gam, 0)
print("reg th at step 10", th)
th, ps = mpf(1), mpf(1)/2
for k in range(10): th, ps = step(th, ps, h, 0, 0)
print("unreg th at step 10", th, "norm2", th**2+ps**2)
th1, ps1 = step(mpf(1), mpf(1)/2, h, 0, 0)
print("unreg step1 norm2", th1**2+ps1**2, "formula", (1+mpf(1)/4)*(1+h**2*fp(mpf(1)/2)**2))
J = matrix([[1, -h/2],[h/2, 1-h*gam]])
print("eig reg", eig(J)[0])
print("5/8, 3sqrt3/8", mpf(5)/8, 3*sqrt(3)/8)
J = matrix([[1, -h/2],[h/2, 1-h**2/4]])
print("eig alt", eig(J)[0], [abs(z) for z in eig(J)[0]], mpf(23)/32, sqrt(495)/32)
# threshold: modulus^2 = 1 - h gam + h^2/4 = 1
print("h_c", findroot(lambda hh: 1 - hh*gam + hh**2/4 - 1, 1.9))
th, ps = mpf(1), mpf(1)/2
for k in range(300): th, ps = step(th, ps, h, gam, 0)
print("reg after 300 steps", th, ps)
