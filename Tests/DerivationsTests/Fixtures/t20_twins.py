# Writes the PLANTED twins of the t20_ fixtures (UnseenTrial20Tests); run in Fixtures/: python3 t20_twins.py
# Each listed claim of the true file is replaced by a subtly wrong one (an exponent, a coefficient, a sign, q for
# q - 1, a min for a max, the no-cancellation order) and marked PLANTED; every other line is the true file's.
from plant_twins import write_twins
plants = {
 "t20_renormalized_ridge": [
  ('limit kappa -> 1 under over', 'limit kappa -> 2 under over'),
  ('limit kappa - 1 ~ 2*d^(-1) under over', 'limit kappa - 1 ~ d^(-1) under over'),
  ('limit Eg -> 3/4 under over', 'limit Eg -> 1/2 under over'),
  ('limit Eg - 3/4 ~ -d^(-1) under over', 'limit Eg - 3/4 ~ d^(-1) under over'),
  ('limit kappa ~ 2*d^(-1) under under', 'limit kappa ~ 2/3*d^(-1) under under'),
  ('limit Eg -> 1/4 under under', 'limit Eg -> 1/8 under under'),
  ('limit kappa ~ d^(-1/2) under critical', 'limit kappa ~ d^(-1) under critical'),
  ('limit Eg ~ 1/8*d^(1/2) under critical', 'limit Eg ~ 1/4*d^(1/2) under critical'),
  ('limit Eg - 1/8*d^(1/2) -> -1/8 under critical', 'limit Eg - 1/8*d^(1/2) -> 1/8 under critical'),
  ('limit kappa ~ (1 + sqrt(5))/2*d^(-1/2) under boundary', 'limit kappa ~ (sqrt(5) - 1)/2*d^(-1/2) under boundary'),
  ('limit kappa ~ d^(e_kappa)', 'limit kappa ~ d^(max(-s, -l))'),
  ('limit 1 - gam ~ d^(e_kappa)', 'limit 1 - gam ~ d^(-s)'),
  ('limit Eg ~ d^(-e_kappa)', 'limit Eg ~ d^(min(s, l))'),
  ('limit kappab ~ d^(min(s - l, -l/2))', 'limit kappab ~ d^(max(s - l, -l/2))'),
  ('limit Egb ~ 1/4*d^(1/2) under below', 'limit Egb ~ 1/4*d under below'),
 ],
 "t20_ridgeless_double_descent": [
  ('== sqrt(snr)/(sqrt(snr) - 1) digits 25', '== snr/(snr - 1) digits 25'),
  ('limit Runder -> 1 under half', 'limit Runder -> 1/2 under half'),
  ('limit Runder - 1 ~ 2*d^(-1) under half', 'limit Runder - 1 ~ d^(-1) under half'),
  ('limit Rover -> 3 under double', 'limit Rover -> 2 under double'),
  ('limit Rover - 3 ~ d^(-1) under double', 'limit Rover - 3 ~ -d^(-1) under double'),
  ('limit Rover - 4 ~ -30*d^(-1) under wide', 'limit Rover - 4 ~ -40*d^(-1) under wide'),
  ('limit Rover -> 2*sqrt(3) - 1 under optimal', 'limit Rover -> 2*sqrt(3) + 1 under optimal'),
  ('limit Rpeak_below ~ d^(1 - a)', 'limit Rpeak_below ~ d^(1 - a/2)'),
  ('limit Rpeak_above ~ d^(1 - a)', 'limit Rpeak_above ~ d^(-a)'),
  ('limit bias_above ~ d^(a - 1)', 'limit bias_above ~ d^(-a)'),
 ],
 "t20_lin_linear_regression_scaling": [
  ('limit R2 ~ 2*d^(-1/3) under optimal2', 'limit R2 ~ d^(-1/3) under optimal2'),
  ('limit R3 ~ 2*d^(-1/2) under optimal3', 'limit R3 ~ 2*d^(-2/3) under optimal3'),
  ('limit R2 ~ d^(-1/4) under square', 'limit R2 ~ d^(-1/2) under square'),
  ('limit V2 ~ d^(-1/4) under square', 'limit V2 -> 1 under square'),
  ('limit R2 ~ d^(e_R2)', 'limit R2 ~ d^(max(-m, m - 1))'),
  ('limit V2 ~ d^(min(m, (1 - m)/2) + m - 1)', 'limit V2 ~ d^(max(m, (1 - m)/2) + m - 1)'),
  ('- max(-m, (m - 1)/2))', '- max(-m, m - 1))'),
 ],
}
write_twins(plants, "UnseenTrial20Tests")
