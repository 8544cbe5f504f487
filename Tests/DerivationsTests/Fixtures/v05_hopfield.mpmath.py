# Referee for v05_hopfield.phc (UnseenTrial8Tests): mpmath at 50 digits (findroot, odefun, eigenvalues).
# x' = -x + W tanh(beta x), W = [[0, w], [w, 0]]: the memory x1 = x2 = m, m = w tanh(beta m).
# run: python3 v05_hopfield.mpmath.py > v05_hopfield.mpmath.out
from mpmath import mp, mpf, tanh, sech, findroot, odefun, matrix, eig, nstr, log
mp.dps = 50
def show(name, v): print(name, nstr(v, 32))
w, beta = mpf(2), mpf(1)
m = findroot(lambda z: z - w*tanh(beta*z), mpf(2))
show("memory m", m)
g = beta*w*sech(beta*m)**2
show("eigenvalue -1 - beta w sech^2(beta m)", -1 - g); show("eigenvalue -1 + beta w sech^2(beta m)", -1 + g)
J = matrix([[-1, beta*w*sech(beta*m)**2], [beta*w*sech(beta*m)**2, -1]])
E, _ = eig(J); print("eig of the Jacobian:", [nstr(e, 25) for e in E])
print("origin eigenvalues at beta = 1:", -1 - beta*w, -1 + beta*w, "; threshold beta = 1/w =", 1/w)
sol = odefun(lambda t, z: [-z[0] + w*tanh(beta*z[1]), -z[1] + w*tanh(beta*z[0])], 0, [mpf('0.3'), mpf('0.1')])
x1, x2 = sol(40); show("x1 at t = 40 (odefun)", x1); show("x2 at t = 40 (odefun)", x2)
x1, x2 = sol(2); show("x1 at t = 2 (odefun)", x1)
def energy(x1, x2):
    s1, s2 = tanh(beta*x1), tanh(beta*x2)
    return -w*s1*s2 + s1*x1 + s2*x2 + (log(1 - s1**2) + log(1 - s2**2))/(2*beta)
show("energy at the memory", energy(m, m))
show("energy at t = 2", energy(x1, x2))
