"""How often a true `mean of x^2 ... within k standard errors` claim fails when x has heavy tails (issue 17 trials,
sixth session). SGD with multiplicative noise on a quadratic, x -> (1 - eta (h + s zeta)) x - eta sigma xi (the model of
st04_multiplicative_monte_carlo.phc), has a stationary E x^2 = eta sigma^2/(2h - eta(h^2 + s^2)) while q = (1 - eta h)^2
+ eta^2 s^2 < 1, but E x^4 is infinite once (1 - eta h)^4 + 6 (1 - eta h)^2 eta^2 s^2 + 3 eta^4 s^4 >= 1 (power-law
tails). The z-test of `mean of` (mean over N paths, its standard error from the sample) is run on 1000 independent
batches with the true V; the printed rate is how often |z| > k, against the normal approximation's 2 (1 - Phi(k)):
0.27% at k = 3, 0.0063% at k = 4. numpy; output in st_heavy_tail_false_alarms.out."""
import numpy as np

def false_alarms(s, N, k, eta=0.5, h=1.0, sigma=1.0, steps=40, batches=1000, seed=1):
    rng = np.random.default_rng(seed)
    x = np.ones((batches, N))
    for _ in range(steps):
        x = (1 - eta*(h + s*rng.standard_normal(x.shape)))*x - eta*sigma*rng.standard_normal(x.shape)
    q = (1 - eta*h)**2 + eta**2*s**2
    a = 1 - eta*h
    fourth = a**4 + 6*a**2*eta**2*s**2 + 3*eta**4*s**4
    V = eta**2*sigma**2/(1 - q)
    y = x**2
    z = (y.mean(1) - V)/(y.std(1, ddof=1)/np.sqrt(N))
    return fourth, np.mean(np.abs(z) > k)

for s in [0.0, 1.0, 1.3, 1.6]:
    for N in [400, 4000]:
        for k in [3, 4]:
            fourth, rate = false_alarms(s, N, k)
            tail = "finite" if fourth < 1 else "infinite"
            print(f"s = {s}: E x^4 {tail} (multiplier's 4th moment {fourth:.3f}), N = {N}, k = {k}: true claim fails in {100*rate:.1f}% of 1000 runs")
