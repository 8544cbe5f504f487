# Writes the PLANTED twins of the t17_ fixtures (UnseenTrial17Tests); run in Fixtures/: python3 t17_twins.py
# Each listed claim of the true file is replaced by a subtly wrong one (a coefficient, a sign, a missing log d, a wrong
# exponent or norm, a digit) and marked PLANTED; every other line is the true file's.
import re
plants = {
 "t17_depth_width_fluctuations": [
  ('limit V ~ 5*d^(-1/2) under shallow', 'limit V ~ 4*d^(-1/2) under shallow'),
  ('limit V ~ 50*d^(-1) under fixed_depth', 'limit V ~ 5*d^(-1) under fixed_depth'),
  ('limit V -> exp(5) - 1 under proportional', 'limit V -> exp(5) under proportional'),
  ('limit V - exp(5) + 1 ~ -25/2*exp(5)*d^(-1)', 'limit V - exp(5) + 1 ~ 25/2*exp(5)*d^(-1)'),
  ('limit Vres ~ 4*d^(-1) under resnet_deep', 'limit Vres ~ 5*d^(-1) under resnet_deep'),
  ('limit Vres - 4/d ~ 8*d^(-2)', 'limit Vres - 4/d ~ 6*d^(-2)'),
  ('limit Lstar - log(2)/5*d -> log(2)/2', 'limit Lstar - log(2)/5*d -> log(2)/4'),
  ('limit logV ~ d^(p - q)', 'limit logV ~ d^(p - 2*q)'),
  ('identity (n*er4 + n*(n - 1)*er2^2)/(n*er2)^2 == 1 + 5/n', 'identity (n*er4 + n*(n - 1)*er2^2)/(n*er2)^2 == 1 + 3/n'),
 ],
 "t17_yang_hu_deep_abc": [
  ('limit dx -> 4 under muP', 'limit dx -> 2 under muP'),
  ('limit df -> 5 under muP', 'limit df -> 4 under muP'),
  ('limit df -> 3 under NTK', 'limit df -> 2 under NTK'),
  ('limit df - 3 ~ 2*d^(-1/2) under NTK', 'limit df - 3 ~ -2*d^(-1/2) under NTK'),
  ('limit dx ~ d under SP', 'limit dx ~ d^(1/2) under SP'),
  ('limit dx ~ d^(-1/2) under SP_small_rate', 'limit dx ~ d^(-1) under SP_small_rate'),
  ('limit df ~ d^(e_df)', 'limit df ~ d^(1 - 2*a3 - c)'),
  ('limit f0 ~ d^(1/2 - a3 - b3)', 'limit f0 ~ d^(1 - a3 - b3)'),
 ],
 "t17_woodworth_implicit_bias": [
  ('limit 4*alpha^2*Q -> 5 under kernel', 'limit 4*alpha^2*Q -> 3 under kernel'),
  ('limit 4*alpha^2*Q - 5 ~ -17/48*d^(-4)', 'limit 4*alpha^2*Q - 5 ~ -17/192*d^(-4)'),
  ('limit Q - 6*log(d) -> 2*log(2) - 3', 'limit Q - 6*log(d) -> 2*log(2) - 2'),
  ('limit Q/log(1/alpha^2) -> 3', 'limit Q/log(1/alpha^2) -> sqrt(5)'),
  ('limit Q ~ 3*log(d) under rich_sqrt', 'limit Q ~ 6*log(d) under rich_sqrt'),
  ('limit Qn ~ 6*d^2*log(d)', 'limit Qn ~ 6*d^2'),
  ('limit mirror - 2*log(d) ~ d^(-4)', 'limit mirror - 2*log(d) ~ d^(-2)'),
  ('invariant x[2]*asinh(w[1]/(2*alpha^2)) - x[1]*asinh(w[2]/(2*alpha^2))', 'invariant x[1]*asinh(w[1]/(2*alpha^2)) - x[2]*asinh(w[2]/(2*alpha^2))'),
  ('== asinh(z/2)', '== asinh(z)'),
 ],
 "t17_catapult_width": [
  ('converges lam to 0.99950018975040353187489164835 digits 30', 'converges lam to 0.99950018975040353187489164845 digits 30'),
  ('to -4.999981000249995957596072 digits 25 under wide', 'to -5 digits 25 under wide'),
  ('value f at step 6 == 28.360091449724672831', 'value f at step 6 == 28.360091449724672841'),
  ('converges lam to 0.0749748606129542367193634006336 digits 30', 'converges lam to 0.0749748606129542367193634006346 digits 30'),
  ('limit dlam ~ -5*d^(-1) under fixed_rate', 'limit dlam ~ 5*d^(-1) under fixed_rate'),
  ('limit dlam -> -2 under edge', 'limit dlam -> -3 under edge'),
  ('limit dlam ~ d^(e_lam)', 'limit dlam ~ d^(g + s - 1)'),
  ('limit tstar ~ 1/(2*log(2))*log(d)', 'limit tstar ~ 1/log(2)*log(d)'),
  ('limit tstar ~ 1/2*d*log(d) under edge', 'limit tstar ~ 1/2*d under edge'),
  ('diverges under too_fast', 'diverges under catapult'),
 ],
 "t17_everett_adam_epsilon": [
  ('limit dh - 1 ~ -d^(-1)', 'limit dh - 1 ~ d^(-1)'),
  ('limit dh -> 1/2 under eps_one_over_width', 'limit dh -> 1 under eps_one_over_width'),
  ('limit dh ~ 10^8*d^(-1) under fixed_eps', 'limit dh -> 1 under fixed_eps'),
  ('limit dh ~ d^(e_dh)', 'limit dh ~ d^(al - c)'),
  ('limit upd_atan -> atan(1/sqrt(5))', 'limit upd_atan -> pi/4'),
  ('limit upd_atan_eps -> atan(1/2)', 'limit upd_atan_eps -> pi/8'),
  ('limit upd_atan_eps - pi/4 ~ -1/2*d^(-1)', 'limit upd_atan_eps - pi/4 ~ -1/4*d^(-1)'),
  ('limit dh ~ d under sgd_mup', 'limit dh ~ d^(1/2) under sgd_mup'),
 ],
}
for name, pl in plants.items():
    lines = open(name + ".phc").read().split("\n")
    for orig, new in pl:
        hits = [i for i, l in enumerate(lines) if l.startswith("claim ") and orig in l]
        assert len(hits) == 1, (name, orig, hits)
        i = hits[0]
        lines[i] = re.sub(r'^claim "([^"]*)"', lambda m: 'claim "' + m.group(1) + ' (PLANTED)"', lines[i].replace(orig, new))
    head = "# PLANTED twin of " + name + ".phc (UnseenTrial17Tests): each claim marked PLANTED is subtly wrong and must FAIL.\n"
    open(name + "_planted.phc", "w").write(head + "\n".join(lines))
    print(name, len(pl))
