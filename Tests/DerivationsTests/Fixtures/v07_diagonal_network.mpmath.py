# Referee for v07_diagonal_network.phc (UnseenTrial8Tests): mpmath findroot and odefun at 50 digits.
# w = u^2 - v^2, L = (x.w - y)^2/2, x = (1, 2), y = 1, u0 = v0 = alpha: u_i = alpha e^(-2 x_i s), v_i = alpha e^(2 x_i s),
# so w_inf_i = 2 alpha^2 sinh(x_i beta) with 2 alpha^2 sum_i x_i sinh(x_i beta) = y.
# run: python3 v07_diagonal_network.mpmath.py > v07_diagonal_network.mpmath.out
from mpmath import mp, mpf, sinh, findroot, odefun, nstr, log
mp.dps = 50
def show(name, v): print(name, nstr(v, 32))
x, y = [mpf(1), mpf(2)], mpf(1)
for alpha_text in ('0.5', '0.001', '2'):
    alpha = mpf(alpha_text)
    # in logarithms (sinh of a large beta at a small alpha), from the two-term guess
    beta = findroot(lambda b: log(2*alpha**2*sum(xi*sinh(xi*b) for xi in x)) - log(y), max(log(y/alpha**2)/2, mpf('0.1')) if alpha < 1 else y/(2*alpha**2*5))
    w = [2*alpha**2*sinh(xi*beta) for xi in x]
    print(f"alpha = {alpha_text}: beta = {nstr(beta, 32)}"); show("  w_inf[1]", w[0]); show("  w_inf[2]", w[1])
    if alpha_text == '0.5':
        rhs = lambda t, z: [-2*r(z)*x[0]*z[0], -2*r(z)*x[1]*z[1], 2*r(z)*x[0]*z[2], 2*r(z)*x[1]*z[3]]
        r = lambda z: x[0]*(z[0]**2 - z[2]**2) + x[1]*(z[1]**2 - z[3]**2) - y
        sol = odefun(rhs, 0, [alpha]*4)
        z = sol(1); show("  odefun w[1] at t = 1", z[0]**2 - z[2]**2); show("  odefun w[2] at t = 1", z[1]**2 - z[3]**2)
        z = sol(30); show("  odefun w[1] at t = 30", z[0]**2 - z[2]**2); show("  odefun w[2] at t = 30", z[1]**2 - z[3]**2)
        show("  u1 v1 at t = 30 (alpha^2 = 0.25)", z[0]*z[2])
        show("  x2 log u1 - x1 log u2 at t = 30", x[1]*log(z[0]) - x[0]*log(z[1])); show("  at t = 0", x[1]*log(alpha) - x[0]*log(alpha))
print("min-l2 interpolant y x/|x|^2 = (1/5, 2/5); min-l1 interpolant (0, 1/2)")
