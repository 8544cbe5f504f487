# What the Meng-Wang mpmath scripts beside it share: the Gaussian moments their exact derivations of L and
# Lambda use (meng_wang, meng_wang_two_features), and the overlap ODEs read back from the bundled file
# (meng_wang_threshold, threshold_stability; these run from the repository root).
import sympy as sp


def double_factorial(j):
    """E X^j / s^j for a centred Gaussian X of deviation s and even j: (j - 1)!!."""
    return sp.factorial2(j - 1) if j > 0 else 1


def bivariate_moment(p, q, V, Cv):
    """E Xp^p Xm^q for centred jointly Gaussian Xp, Xm of variance V and covariance Cv (Isserlis)."""
    out = 0
    for k in range(min(p, q) + 1):
        if (p - k) % 2 or (q - k) % 2: continue
        out += sp.binomial(p, k)*sp.binomial(q, k)*sp.factorial(k)*Cv**k*double_factorial(p - k)*double_factorial(q - k)*V**sp.Rational(p + q - 2*k, 2)
    return out


def overlap_field():
    """(Q, R, tau, Qdot, Rdot) of derivations/meng_wang_contrastive.phc, read from the file's own `let` lines
    (sympified), at the values of its scenario `correlated` (s2 = 1/4, rho = 1/2, lam = 1/2, Rademacher c: every
    moment m_j = 1)."""
    lines = open('derivations/meng_wang_contrastive.phc').read().split('\n')
    lets, i = {}, 0
    while i < len(lines):
        if lines[i].startswith('let '):
            name, rhs = lines[i][4:].split(' = ', 1)
            while rhs.count('(') > rhs.count(')'):
                i += 1
                rhs += lines[i]
            lets[name.strip()] = rhs.split('#')[0].strip()
        i += 1
    env = {n: sp.Symbol(n) for n in 'Q R tau lam s2 rho m2 m4 m6 m8 m10 m12'.split()}
    for name in ['V', 'Cv', 'L', 'L_Q', 'L_V', 'L_C', 'Lambda', 'L_R', 'Qdot', 'Rdot']:
        env[name] = sp.sympify(lets[name].replace('^', '**'), locals=env)
    values = {env['s2']: sp.Rational(1, 4), env['rho']: sp.Rational(1, 2), env['lam']: sp.Rational(1, 2)}
    values.update({env['m%d' % j]: 1 for j in range(2, 13, 2)})
    return env['Q'], env['R'], env['tau'], env['Qdot'].subs(values), env['Rdot'].subs(values)
