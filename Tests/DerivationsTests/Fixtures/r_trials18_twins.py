# Writes the PLANTED twins of the t18_ fixtures (UnseenTrial18Tests); run in Fixtures/: python3 r_trials18_twins.py
# Each t18_*_planted.phc is its true file with the listed claims replaced by subtly wrong ones marked PLANTED (a digit,
# a sign, a factor, a transpose or the textbook's guess where the paper's result differs); the true fixed points the
# stability claims name stay declared.
from plant_twins import write_twins
plants = {
 "t18_tarmoun_riccati": [
  ('invariant W1 @ transpose(W1) - transpose(W2) @ W2', 'invariant W1 @ transpose(W1) - W2 @ transpose(W2)'),
  ('== lam*eye(2)', '== lam*eye(2) + be^4/10^6*eye(2)'),
  ('- Q @ transpose(Q) @ Q @ transpose(Q)', '- Q @ transpose(Q) @ Q @ transpose(Q)/2'),
  ('identity Wp == [[P[3, 1], P[3, 2]], [P[4, 1], P[4, 2]]]', 'identity Wp == [[P[1, 3], P[1, 4]], [P[2, 3], P[2, 4]]]'),
  ('== 1.894277675398607398412336230930 digits 30', '== 1.894277675398617398412336230930 digits 30'),
  ('== 0.0001492291557695866911082518451354 digits 25', '== 0.0001492291557696866911082518451354 digits 25'),
  ('value Wp at t = inf == Y digits 10', 'value Wp at t = inf == transpose(Y) digits 10'),
 ],
 "t18_woodworth_diagonal": [
  ('invariant u1*v1', 'invariant u1*v2'),
  ('== 2*alpha^2', '== 2*alpha^2 + alpha^8/10^9'),
  ('invariant x2*log(u1) - x1*log(u2)', 'invariant x1*log(u1) - x2*log(u2)'),
  ('identity x2*asinh(b1/(2*alpha^2)) == x1*asinh(b2/(2*alpha^2))', 'identity x2*asinh(b1/alpha^2) == x1*asinh(b2/alpha^2)'),
  ('rate L == -4*r^2', 'rate L == -2*r^2'),
  ('value b1 at t = inf == 0.8289595382513148227210682919264 digits 20', 'value b1 at t = inf == 4/5 digits 20'),
  ('== -0.3198215904896540819358896286337 digits 25', '== -0.3198215904896540819368896286337 digits 25'),
  ('value v2 at t = 1 == 0.3652523683576016030213028993228', 'value v2 at t = 1 == 0.3652523683576016030223028993228'),
 ],
 "t18_minimalist_eos": [
  ('identity x1^2 - y1^2 == (x^2 - y^2)*(1 - eta^2*g^2*x^2*y^2)', 'identity x1^2 - y1^2 == (x^2 - y^2)*(1 - eta^2*g^2*x*y)'),
  ('identity hxx + hyy == 2*(x^2 + 1/x^2)', 'identity hxx + hyy == 2*x^2 + 1/x^2'),
  ('value x at step 1 == 2.029249042869923266691072', 'value x at step 1 == 2.029249042869923266691073'),
  ('converges 2*(x^2 + y^2) to 7.924518999934431585099462990300 digits 20', 'converges 2*(x^2 + y^2) to 2/eta digits 20'),
  ('stable at p2 under orbit', 'unstable at p2 under orbit'),
  ('eigenvalues of jacobian at q2 == [0.1963529349572342389208979588643416473447,', 'eigenvalues of jacobian at q2 == [0.1963529349572342389208989588643416473447,'),
  ('== 0.6235846362181720552354972871854 digits 25', '== 5/8 digits 25'),
 ],
 "t18_saad_solla": [
  ('== 2/pi*asin(rr/sqrt(2*(1 + qq)))', '== 2/pi*asin(rr/sqrt(2 + qq))'),
  ('== 2/pi*qq/((1 + qq)*sqrt(1 + 2*qq))', '== 2/pi*qq/(sqrt(1 + qq)*sqrt(1 + 2*qq))'),
  ('stable at perfect', 'unstable at perfect'),
  ('value R at t = 1 == 0.4758637898618376368813519', 'value R at t = 1 == 0.4758637898618376368813529'),
  ('== [-4*sqrt(3)/(3*pi), -2*sqrt(3)/(9*pi)]', '== [-4*sqrt(3)/(3*pi), -sqrt(3)/(3*pi)]'),
  ('value eps at t = inf == 0', 'value eps at t = inf == 1/10^6'),
  ('converges to R = 1, Q = 1', 'converges to R = 1, Q = 9/10'),
 ],
 "t18_gidel_discrete": [
  ('+ eta^2*(transpose(W2)', '+ eta*(transpose(W2)'),
  ('to order 1\n', None),
  ('== 79208942234098029223090904925136727633190510909176198211509680474116051/', '== 79208942234098029224090904925136727633190510909176198211509680474116051/'),
  ('value Wp[2, 2] at step 20 == 0.20899478837180960472560172453232634', 'value Wp[2, 2] at step 20 == 0.20899478837180960472570172453232634'),
  ('value sign(Wp[1, 1] - s1/2) at step 8 == -1', 'value sign(Wp[1, 1] - s1/2) at step 8 == 1'),
  ('converges Wp to S', 'converges Wp to [[s1, 0], [0, s1]]'),
  ('converges W1[1, 1]^2 - W2[1, 1]^2 to 0.014745672943247231605662658685443435', 'converges W1[1, 1]^2 - W2[1, 1]^2 to 0.014745672943247231615662658685443435'),
  ('invariant W1 @ transpose(W1) - transpose(W2) @ W2 to order 1', 'invariant W1 @ transpose(W1) - transpose(W2) @ W2 to order 2'),
 ],
}
# values that depend on the referee's output are filled in by hand below (a digit changed in each)
write_twins(plants, "UnseenTrial18Tests")
