# Writes the PLANTED twins of the r0*_ fixtures (UnseenTrial16Tests); run in Fixtures/: python3 r_trials16_twins.py
# Writes each r0*_planted.phc from its true file: the listed claims are replaced by subtly wrong ones marked PLANTED
# (fixed points the stability claims name stay declared by their true claims).
from plant_twins import write_twins
plants = {
 "r01_newton_schulz": [
  ('identity 1 - (3*z - z^3)/2 == (1 - z)^2*(2 + z)/2', 'identity 1 - (3*z - z^3)/2 == (1 - z)^2*(1 + z)/2'),
  ('identity R @ (3*eye(2) - transpose(R) @ R)/2 == R', 'identity R @ (3*eye(2) - transpose(R) @ R)/2 == transpose(R)'),
  ('value X at step 1 == [[41/64, 35/128], [35/128, 41/64]]', 'value X at step 1 == [[41/64, 35/128], [35/128, 43/64]]'),
  ('digits 30\n', None),
  ('invariant X @ A - A @ X', 'invariant X @ A'),
  ('eigenvalues of jacobian at id == [0, 0, 0, 0]', 'eigenvalues of jacobian at id == [0, 0, 0, 1/1000]'),
  ('eigenvalues of jacobian at origin == [3/2, 3/2, 3/2, 3/2]', 'eigenvalues of jacobian at origin == [3/2, 3/2, 3/2, 7/5]'),
  ('unstable at origin', 'stable at origin'),
  ('converges X[1, 2] to 0', 'converges X[1, 2] to 1/10^20'),
  ('== 1/sqrt(3) digits 25', '== 1/sqrt(3) + 1/10^20 digits 25'),
 ],
 "r02_em_two_gaussians": [
  ('== 0.749356100617097500215527368376089850006 digits 30\nclaim "Gaussian noise: Stein', '== 0.749356100617097500215527368386089850006 digits 30\nclaim "Gaussian noise: Stein'),
  ('tanh(1 + z), z ~ normal(0, 1)) == 1 digits 30', 'tanh(1 + z), z ~ normal(0, 1)) == 1 + 1/10^25 digits 30'),
  ('value theta at step 3 == 0.587055254803467905862067964208893419092', 'value theta at step 3 == 0.587055254803467905862067964218893419092'),
  ('eigenvalues of jacobian at good == [0.628415486100973557448044458458119447577]', 'eigenvalues of jacobian at good == [0.628330552816802125503825283610515304604]'),
  ('eigenvalues of jacobian at zero == [ts^2 + s^2]', 'eigenvalues of jacobian at zero == [ts^2 + s]'),
  ('unstable at zero', 'stable at zero'),
  ('converges theta to 0.628330552816802125503825283610515304604 digits 30', 'converges theta to ts'),
  ('== sqrt(3)/2 digits 25 under weak', '== sqrt(3)/2 + 1/10^15 digits 25 under weak'),
 ],
 "r03_kalman_riccati": [
  ('identity aa^2*ps*r/(ps + r) + q == ps', 'identity aa^2*ps*r/(ps + r) + q == ps + q^3/10^6'),
  ('value P at step 1 == [[8/5, 1], [1, 11/10]]', 'value P at step 1 == [[8/5, 1], [1, 6/5]]'),
  ('value P[2, 2] at step 3 == 447/832', 'value P[2, 2] at step 3 == 447/833'),
  ('invariant P - transpose(P)', 'invariant P[1, 2] - P[2, 1] + P[1, 1]'),
  ('0.421871479841985953181051473942993677938242288470248422844513, 0.421871479841985953181051473942993677938242288470248422844513] digits 25', '0.421871479841985953181051473942993677938242288470248422844513, 0.421871479841985953181061473942993677938242288470248422844513] digits 25'),
  ('stable at steady', 'unstable at steady'),
  ('converges P[1, 2] to pb', 'converges P[1, 2] to pc'),
  ('to 0.783523622300685879611119722822015137525 digits 30', 'to 0.783523622300685879611119722832015137525 digits 30'),
 ],
 "r04_sinkhorn": [
  ('identity xplus*xminus == -b1/(1 - b1)', 'identity xplus*xminus == -b1/(1 - a1)'),
  ('value x at step 1 == 3*(1 + 2*exp(1))/(2 + exp(1))', 'value x at step 1 == 3*(1 + 2*exp(1))/(2 + exp(1)) + 1/10^28'),
  ('eigenvalues of jacobian at opt_num == [0.0905257435185757137679025846180925476235]', 'eigenvalues of jacobian at opt_num == [0.0905257435185757137679025846190925476235]'),
  ('unstable at neg', 'stable at neg'),
  ('eigenvalues of jacobian at neg == [11.0465814599446163586190193106938132484]', 'eigenvalues of jacobian at neg == [11.0465814599446163586190193116938132484]'),
  ('converges a1*x/(x + k) + (1 - a1)*k*x/(k*x + 1) to b1', 'converges a1*x/(x + k) + (1 - a1)*k*x/(k*x + 1) to a1'),
  ('eigenvalues of jacobian at one == [tanh(1/(2*eps))^2]', 'eigenvalues of jacobian at one == [tanh(1/(4*eps))^2]'),
 ],
 "r05_rmsprop_period_two": [
  ('identity c - eta*lam*c/(sqrt(beta*lam^2*c^2 + (1 - beta)*(lam*c)^2) + eps) == -c', 'identity c - eta*lam*c/(sqrt(beta*lam^2*c^2 + (1 - beta)*(lam*c)^2) + eps) == -c + eps^3/10^9'),
  ('value v at step 3 == 0.253834794339676723112635873843718663763', 'value v at step 3 == 0.253834794339676723112635873853718663763'),
  ('eigenvalues of jacobian at orbit_num == [3069/5000 - 261*sqrt(159)/5000*i, 3069/5000 + 261*sqrt(159)/5000*i]', 'eigenvalues of jacobian at orbit_num == [3069/5000 - 261*sqrt(158)/5000*i, 3069/5000 + 261*sqrt(158)/5000*i]'),
  ('stable at mirror', 'unstable at mirror'),
  ('converges v to lam^2*c^2', 'converges v to lam^2*c^2*(1 + eps^12)'),
  ('== (34 + 12*sqrt(10))/355 digits 25', '== (34 + 12*sqrt(11))/355 digits 25'),
 ],
 "r06_sgd_linear_stability": [
  ('identity (1 - eta*a)^2 + eta^2*b^2 - 1 == eta*((a^2 + b^2)*eta - 2*a)', 'identity (1 - eta*a)^2 + eta^2*b^2 - 1 == eta*((a^2 - b^2)*eta - 2*a)'),
  ('value S[2, 2] at step 4 == 1799049/16777216', 'value S[2, 2] at step 4 == 1799049/16777215'),
  ('invariant S - transpose(S)', 'invariant S[1, 2]'),
  ('0.410277778460444740175495081134692837110] digits 30', '0.410277778460444740175495081144692837110] digits 30'),
  ('stable at origin_edge under edge', 'unstable at origin_edge under edge'),
  ('== 1.50251344829809122964388527901035816494 digits 25 under edge', '== 2 digits 25 under edge'),
  ('converges S[1, 1] + S[2, 2] to 0', 'converges S[1, 1] + S[2, 2] to 1/10^20'),
 ],
}
write_twins(plants, "UnseenTrial16Tests")
