# Writes the planted twins l0N_*_planted.phc of the fifteenth trials from the true files: every claim is replaced by a
# subtly wrong one (a sign, a factor 2, a wrong exponent, a digit, a dropped term), its name ending in PLANTED; a claim
# about the model itself (solves ode, ode follows from loss) is planted by the model line it checks. A wrong point is
# planted beside the true one, which stays as the support of the stability claims. Run: python3 l_trials15_planted.py
import re
plants = {
 "l01_geshkovski_two_tokens": [
  ('scenario sharp: beta = 1\n', 'scenario sharp: beta = 1\nscenario warm: beta = 1/2\n'),
  ('solves ode', 'solves ode under warm'),
  ('invariant p1 + p2', 'invariant p1 - p2'),
  ('invariant dot(x, x) under sharp', 'invariant dot(x, y) under sharp'),
  ('invariant (x[1] + y[1])*sin(th0/2) - (x[2] + y[2])*cos(th0/2)', 'invariant (x[1] + y[1])*cos(th0/2) - (x[2] + y[2])*sin(th0/2)'),
  ('exp(beta*c)*(1 - c^2) under sharp', 'exp(beta*c)*(1 - c^2)/2 under sharp'),
  ('identity c == cos(p2 - p1) under sharp', 'identity c == 1 - (p2 - p1)^2/2 under sharp'),
  ('identity c == tanh(t + atanh(cos(th0)))', 'identity c == tanh(2*t + atanh(cos(th0)))'),
  ('0.5241791620638345742192131458649 digits 31', '0.5241791620638345742192131458659 digits 31'),
  ('at t = log(tan(th0/2)) == pi/2', 'at t = 2*log(tan(th0/2)) == pi/2'),
  ('value c at t = inf == 1 under sharp', 'value c at t = inf == -1 under sharp'),
  ('monotone c increasing', 'monotone c decreasing'),
  ('== 2.43656581003455524352092353783 digits 30', '== 2*atan(exp(1/2))'),
  ('limit tmeet -> log(3)/2', 'limit tmeet -> log(3)'),
  ('limit tgap -> -1', 'limit tgap -> 1'),
 ],
 "l02_barrett_dherin_igr": [
  ('solution u = u0*exp(-h*(lam + h*lam^2/2)*t)', 'solution u = u0*exp(-h*(lam + h*lam^2/4)*t)'),
  ('loss Lm = lam*u^2/2 + mu*v^2/2 + h/4*(', 'loss Lm = lam*u^2/2 + mu*v^2/2 + h/2*('),
  ('- h^2/2*(lam^3*u^2 + mu^3*v^2)', '- h^2*(lam^3*u^2 + mu^3*v^2)'),
  ('monotone L decreasing', 'monotone L increasing'),
  ('0.01227733990306844117893938623654 digits 31', '0.01831563888873418029371802127324 digits 31'),
  ('== (1 - h*lam)^20', '== (1 - h*lam)^21'),
  ('converges L to 0', 'converges L to h'),
  ('value Lm at t = inf == 0', 'value Lm at t = inf == lam*h/4'),
  ('claim "the origin of the map": fixedpoint origin = [0, 0]\n', 'claim "the origin of the map": fixedpoint origin = [0, 0]\nclaim "a point off the origin": fixedpoint other = [0, 1]\n'),
  ('stable at origin', 'unstable at origin'),
  ('== [4/5, 19/20]', '== [4/5, 9/10]'),
  ('in (1/2, 3/2) == 1 digits 20', 'in (1/2, 3/2) == 2/(lam + mu) digits 20'),
  ('limit emod -> -8/3', 'limit emod -> -4/3'),
  ('limit eplain -> -2', 'limit eplain -> -1'),
 ],
 "l03_stoger_small_init": [
  ('let E1 = exp(2*l1*t)', 'let E1 = exp(l1*t)'),
  ('== 2*trace((M - X) @ X)', '== trace((M - X) @ X)'),
  ('invariant U[1, 2]', 'invariant U[1, 1] - U[2, 2]'),
  ('0.1995216065458204027025038782761 digits 31', '0.1995216065458204027025038782771 digits 31'),
  ('at t = log(l1/alpha^2 - 1)/(2*l1) == l1/2', 'at t = log(l1/alpha^2)/(2*l1) == l1/2'),
  ('== [[sqrt(l1), 0], [0, sqrt(l2)]]', '== [[l1, 0], [0, l2]]'),
  ('== 0.0861270542274860518881199530703 digits 30', '== sqrt(l1/(1 + exp(l1)))'),
  ('claim "the origin is a fixed point": fixedpoint origin = [0, 0, 0, 0]\n', 'claim "the origin is a fixed point": fixedpoint origin = [0, 0, 0, 0]\nclaim "half the first eigenvalue": fixedpoint half = [sqrt(l1/2), 0, 0, sqrt(l2)]\n'),
  ('unstable at origin', 'stable at origin'),
  ('~ 3^(1/3)*d^(-2/3)', '~ 3^(1/3)*d^(-1/3)'),
  ('limit tgap -> -log(3)', 'limit tgap -> -log(3)/2'),
 ],
 "l04_gurbuzbalaban_heavy_tail": [
  ('== (1 - eta)^10 within', '== (1 - eta)^8 within'),
  ('== m2 within', '== m2 + eta^2*sb^2 within'),
  ('== m4 within', '== 2*m4 within'),
  ('== 3014719/9765625', '== 3014718/9765625'),
  ('== 568036093551664397951/4656612873077392578125', '== 568036093551664397961/4656612873077392578125'),
  ('converges m2 to eta*sb^2/(2 - 3*eta)', 'converges m2 to eta*sb^2/(2 - eta)'),
  ('averaged over noise\n', 'averaged over noise\nclaim "the point of SGD without multiplicative noise": stationary S2 = [0, 1/9, 129/1715] averaged over noise\n'),
  ('== [76/125, 18/25, 4/5]', '== [76/125, 16/25, 4/5]'),
  ('stable at S', 'unstable at S'),
  ('== 1 - 2*eta + 3*eta^2', '== 1 - 2*eta + eta^2'),
  ('== 0.8180242203637567261622352692711 digits 31', '== 0.8180242203637567261622352692721 digits 31'),
  ('== 1.055870419669206716850432527193 digits 31', '== 1.055870419669206716850432527183 digits 31'),
  ('== 2.903966228916331887164040377027 digits 31', '== 2.913966228916331887164040377027 digits 31'),
  ('== 0.3834510058644118886309671927607 digits 31', '== 0.3834510058644118886309671927617 digits 31'),
 ],
 "l05_bordelon_pehlevan_sgd_curves": [
  ('at step 10 over 4000 paths == c1 within', 'at step 10 over 4000 paths == (1 - eta*l1)^20 within'),
  ('== (l1*c1 + l2*c2)/2 within', '== (l1*c1 + l2*c2) within'),
  ('== [(1 - eta*l1)^5, (1 - eta*l2)^5]', '== [(1 - eta*l1)^5, (1 - eta*l1)^5]'),
  ('== 49655/131072', '== 49655/131071'),
  ('== 146805/262144', '== 146805/262143'),
  ('converges l1*c1 + l2*c2 to 0', 'converges l1*c1 + l2*c2 to eta^2'),
  ('claim "the origin of the averaged map": fixedpoint zero = [0, 0, 0, 0] averaged over noise\n', 'claim "the origin of the averaged map": fixedpoint zero = [0, 0, 0, 0] averaged over noise\nclaim "a floor of the moments": fixedpoint one = [0, 0, 1, 1] averaged over noise\n'),
  ('stable at zero', 'unstable at zero'),
  ('0.805173888658582419159114165862, 7/8]', '0.805173888658582419159114165862, 15/16]'),
  ('== 0.609611796797792431272323768003 digits 30', '== 2/3'),
  ('limit curve -> exp(-3/4)', 'limit curve -> exp(-1)'),
 ],
 "l06_malladi_rmsprop_sde": [
  ('solution s = sinf + (s0 - sinf)*exp(-2*lam*t/(sig + eps))', 'solution s = sinf + (s0 - sinf)*exp(-lam*t/(sig + eps))'),
  ('invariant u', 'invariant m'),
  ('(s - m^2)/P + eta*sig^2/P^2', '(s - m^2)/P + eta*sig^2/P'),
  ('0.0837006327006962201422816742464 digits 30', '0.0837006327006962201422816742474 digits 30'),
  ('value s at t = inf == sinf', 'value s at t = inf == eta*sig/(2*lam)'),
  ('converges to m = 0, s = sinf, u = sig^2', 'converges to m = 0, s = eta*sig^2/(2*lam), u = sig^2'),
  ('monotone s decreasing', 'monotone s increasing'),
  ('claim "the stationary point": stationary S = [0, 1/22, 1]\n', 'claim "the stationary point": stationary S = [0, 1/22, 1]\nclaim "the point without eps": stationary S2 = [0, 1/20, 1]\n'),
  ('== [-3, -20/11, -10/11]', '== [-3, -2, -1]'),
  ('stable at S', 'unstable at S'),
  ('identity (eta*sqrt(kap))*', 'identity (eta*kap)*'),
  ('limit sfixed -> 1/2', 'limit sfixed -> 1/4'),
  ('limit sscaled -> 1/22', 'limit sscaled -> 1/20'),
 ],
}
for name, pairs in plants.items():
    text = open(name + ".phc").read()
    lines = text.split("\n")
    for old, new in pairs:
        hits = [i for i, l in enumerate(lines) if old.rstrip("\n").split("\n")[0] in l]
        assert len(hits) == 1, (name, old, hits)
        i = hits[0]
        first_old, first_new = old.split("\n")[0], new.split("\n")
        line = lines[i].replace(first_old, first_new[0])
        if line.startswith("claim") and line != lines[i]:
            line = re.sub(r'^claim "([^"]*)"', r'claim "\1 PLANTED"', line)
        extra = [re.sub(r'^claim "([^"]*)"', r'claim "\1 PLANTED"', l) for l in first_new[1:] if l]
        lines[i:i + 1] = [line] + extra
    lines[0] = "# The planted twin of " + name + ".phc (written by l_trials15_planted.py): every claim named PLANTED must FAIL."
    # the model-line plants: rename the claim that checks that line
    out = "\n".join(lines)
    for old, claim in [("solution u = u0*exp(-h*(lam + h*lam^2/4)*t)", '"the modified flow\'s closed form"'),
                       ("+ h/2*(", '"the modified flow is the gradient flow of L + h/4 |grad L|^2"'),
                       ("let E1 = exp(l1*t)", '"the logistic closed form"'),
                       ("*exp(-lam*t/(sig + eps))", '"the moments\' closed form"')]:
        if old in out: out = out.replace("claim " + claim + ":", "claim " + claim[:-1] + ' PLANTED":')
    open(name + "_planted.phc", "w").write(out)
    print(name, out.count(" PLANTED\""), "planted of", text.count("\nclaim "), "claims")
