# Referee for v11_abc_two_layer_relu.phc (UnseenTrial8Tests): sympy's Gaussian integrals and limits in d.
# run: python3 v11_abc_two_layer_relu.sympy.py > v11_abc_two_layer_relu.sympy.out
import sympy as sp
z, d = sp.symbols('z'), sp.symbols('d', positive=True)
phi = sp.exp(-z**2/2)/sp.sqrt(2*sp.pi)
Erelu2 = sp.integrate(z**2*phi, (z, 0, sp.oo)); Erelu = sp.integrate(z*phi, (z, 0, sp.oo)); Estep = sp.integrate(phi, (z, 0, sp.oo))
print("E relu(z)^2 =", Erelu2, " E relu(z) =", Erelu, " P(z > 0) =", Estep)
def quantities(mult, sv, eta):
    K0 = mult**2*d*(Erelu2 + sv**2*Estep)
    return {"K0": K0, "df": eta*K0, "dh": eta*mult*sv, "f0": mult*sv*sp.sqrt(d)*Erelu}
for name, (mult, sv, eta) in {"ntk": (1/sp.sqrt(d), 1, 1), "mup": (1/d, 1, d), "sp": (1, 1/sp.sqrt(d), 1)}.items():
    q = quantities(mult, sv, eta)
    print(name, {k: sp.simplify(v) for k, v in q.items()})
    for k, v in q.items():
        e = sp.limit(sp.log(v)/sp.log(d), d, sp.oo); c = sp.limit(v/d**e, d, sp.oo)
        print(f"  {k} ~ {c} d^{e}")
a, b, c = sp.symbols('a b c', real=True)
print("exponents: K0 ~ d^(1 - 2a + max(0, -2b)), df ~ d^(1 - 2a - c + max(0, -2b)), dh ~ d^(-a - b - c), f0 ~ d^(1/2 - a - b)")
