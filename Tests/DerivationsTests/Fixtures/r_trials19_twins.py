# Writes the PLANTED twins of the t19_ fixtures (UnseenTrial19Tests); run in Fixtures/: python3 r_trials19_twins.py
# Each t19_*_planted.phc is its true file with the listed claims replaced by subtly wrong ones marked PLANTED (a digit,
# a sign, a factor, an exponent, a missing square, the ridge or exponential-loss formula where the paper's differs, GD
# believed to converge past its edge of stability); the fixed points the stability claims name stay declared.
from plant_twins import write_twins
plants = {
 "t19_ziyin_weight_decay": [
  ('rate u^2 - w^2 == -2*gam*(u^2 - w^2)', 'rate u^2 - w^2 == -gam*(u^2 - w^2)'),
  ('== (u0^2 - w0^2)*exp(-2*gam*t)', '== (u0^2 - w0^2)*exp(-gam*t)'),
  ('== 0.7427841326765330664636543790925628871878', '== 0.7427841326765330664636543790935628871878'),
  ('== [-2*(y - gam), -2*gam]', '== [-2*(y - gam), -gam]'),
  ('value u*w at t = inf == y - gam', 'value u*w at t = inf == y/(1 + gam)'),
  ('saddle at o', 'stable at o'),
  ('== [y - gam, -(y + gam)]', '== [y - gam, -(y - gam)]'),
  ('== 1 digits 20 under collapse', '== 1.000000000000001 digits 20 under collapse'),
 ],
 "t19_ziyin_gd": [
  ('value u at step 1 == 311/1000', 'value u at step 1 == 31/100'),
  ('== (u^2 - w^2)*((1 - eta*gam)^2 - eta^2*(u*w - y)^2)', '== (u^2 - w^2)*((1 - eta*gam) - eta^2*(u*w - y)^2)'),
  ('converges u*w to y - gam', 'converges u*w to y/(1 + gam)'),
  ('converges to u = sqrt(y - gam), w = sqrt(y - gam)', 'converges to u = sqrt(y - gam), w = sqrt(y - gam) under edge'),
  ('== [1 - 2*eta*(y - gam), 1 - 2*eta*gam]', '== [1 - eta*(y - gam), 1 - 2*eta*gam]'),
  ('unstable at me under edge', 'stable at me under edge'),
  ('== 4/3 digits 20 under edge', '== 7/5 digits 20 under edge'),
 ],
 "t19_bgj_matrix": [
  ('rate m == 2*lam*m*(1 - m^2)', 'rate m == 2*lam*m*(1 - m)'),
  ('invariant b/c', 'invariant b^2 + c^2'),
  ('value m at t = log((1 - m0^2)/(3*m0^2))/(4*lam) == 1/2', 'value m at t = log((1 - m0^2)/(3*m0^2))/(2*lam) == 1/2'),
  ('== 0.2635396737805913031702823921265514437615', '== 0.2635396737805913031702823921275514437615'),
  ('== [-4*lam, -2*lam, -2*lam]', '== [-2*lam, -2*lam, -2*lam]'),
 ],
 "t19_bgj_tensor": [
  ('identity atanh(m) - 1/m - 3*lam*t == atanh(m0) - 1/m0', 'identity atanh(m) - 1/m - 2*lam*t == atanh(m0) - 1/m0'),
  ('== 18.4992644150555635774518373442223369038', '== 18.4992644150555635774528373442223369038'),
  ('== 0.09950453533485529599218553038778062710257', '== 0.09950453533485529599218553038788062710257'),
  ('== [-6*lam]', '== [-3*lam]'),
  ('monotone m increasing on [0, 25]', 'monotone m decreasing on [0, 25]'),
 ],
 "t19_lyu_li_margin": [
  ('invariant u^2 - w^2', 'invariant u^2 + w^2'),
  ('rate u*w == (u^2 + w^2)/(1 + exp(u*w))', 'rate u*w == (u^2 + w^2)/(1 + exp(-u*w))'),
  ('== (u0^2 - w0^2)^2 + 4*(u*w)^2', '== (u0^2 - w0^2)^2 + 2*(u*w)^2'),
  ('monotone smooth increasing on [0, 100]', 'monotone log(1/L)/(u^2 + w^2) increasing on [0, 100]'),
  ('== 3.943528083379334889946548939362178080823', '== 3.943528083379334889946548939462178080823'),
  ('== 0.499293121050890677969329578603', '== 0.499293121050890677979329578603'),
 ],
 "t19_chou_factorization": [
  ('value P[1, 1] + P[1, 2] at t = log((3 - al^2)/al^2)/6 == 3/2', 'value P[1, 1] + P[1, 2] at t = log((3 - al^2)/al^2)/3 == 3/2'),
  ('== 0.06327070003680142958019202141555470784158', '== 0.06327070003680142958029202141555470784158'),
  ('value P[1, 1] - P[1, 2] at t = log((1 - al^2)/al^2)/2 == 1/2', 'value P[1, 1] - P[1, 2] at t = log((1 - al^2)/al^2) == 1/2'),
  ('== 0.5245460615327763776217657931202164322557', '== 0.5245460615327763776217657931212164322557'),
  ('value P at t = inf == Y', 'value P at t = inf == [[2, 1], [1, 2.000001]]'),
 ],
 "t19_chou_depth3": [
  ('identity G - t == G0', 'identity G - 3*t == G0'),
  ('== 1.248337717809419788597904181628287811145', '== 1.248337717809419788597904181638287811145'),
  ('== [-9*s^4]', '== [-3*s^4]'),
  ('value v^3 at t = 0.7354952748361912964512902275664958910813 == s^3/2', 'value v^3 at t = 0.7354952748361912964512902275664958910813 == s^3/3'),
  ('value v at t = inf == s', 'value v at t = inf == s^3'),
 ],
 "t19_sam_ravine": [
  ('== 0.468667313390088289917925177325408685835264826', '== 0.468667313390088289917925177335408685835264826'),
  ('identity eta*l1*(1 + rho*l1/(l1*xs)) == 2', 'identity eta*l1*(1 + rho/(l1*xs)) == 2'),
  ('stable at cycle', 'unstable at cycle'),
  ('(1 - eta*l2*(1 + rho*l2/(l1*xs)))^2]', '(1 - eta*l2*(1 + rho*l1/(l1*xs)))^2]'),
  ('== [1/4, 361/1024]', '== [1/2, 361/1024]'),
  ('converges to x = 3/10, y = 0', 'converges to x = 3/20, y = 0'),
  ('converges (l1*x^2 + l2*y^2)/2 to l1*xs^2/2', 'converges (l1*x^2 + l2*y^2)/2 to l1*xs^2'),
 ],
}
write_twins(plants, "UnseenTrial19Tests")
