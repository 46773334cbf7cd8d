"""Near-minimax (Chebyshev) polynomial coefficients for the wasm f64x2 math kernels.

Run: python3 scripts/wasm-math-coefficients.py (needs mpmath). Prints the coefficients
(lowest degree first, rounded to double) and the fit's max absolute error, for
  exp:  g(r) = (e^r - 1 - r) / r^2             on |r| <= ln(2)/2 (+ slack)
  log:  h(z) = (2 atanh(sqrt z)/sqrt z - 2)/z   on 0 <= z <= (3 - 2 sqrt 2)^2 (s = f/(2+f))
"""
import mpmath as mp

mp.mp.dps = 60


def fit(f, a, b, degree):
    coeffs, err = mp.chebyfit(f, [a, b], degree + 1, error=True)
    return [float(c) for c in reversed(coeffs)], float(err)


def g(r):
    return mp.mpf(1) / 2 if r == 0 else (mp.exp(r) - 1 - r) / r**2


def h(z):
    if z == 0:
        return mp.mpf(2) / 3
    s = mp.sqrt(z)
    return (2 * mp.atanh(s) / s - 2) / z


half_ln2 = float(mp.log(2) / 2) * (1 + 2**-40)
smax = 3 - 2 * mp.sqrt(2)  # s at f = sqrt(2) - 1
for d in range(8, 13):
    c, e = fit(g, -half_ln2, half_ln2, d)
    print("exp degree", d, "err", e, c)
for d in range(4, 9):
    c, e = fit(h, 0, float(smax**2) * (1 + 2**-40), d)
    print("log degree", d, "err", e, c)
