# Reference for x' = 1 + |x|, x(0) = -2 (issue 10 item 4; ValidatedVerdictTests, ValidatedFlowTests): mpmath at
# 50 digits integrates each branch with odefun and locates the switch with findroot, against the closed forms
# x = 1 - 3 e^-t (x < 0), x = e^t/3 - 1 (x > 0), switch at t = ln 3.
from mpmath import mp, mpf, exp, log, odefun, findroot
mp.dps = 50
negative = odefun(lambda t, x: 1 - x, 0, mpf(-2))
switch = findroot(lambda t: negative(t), 1)
positive = odefun(lambda t, x: 1 + x, switch, mpf(0))
print("switch t =", switch, "  ln 3 =", log(3))
print("x(1) =", negative(1), "  1 - 3/e =", 1 - 3*exp(-1))
print("x(2) =", positive(2), "  e^2/3 - 1 =", exp(2)/3 - 1)
