"""
Far-tail reference values for test/continuous/far-tails.test.ts.

Run: python3 packages/distributions/scripts/far-tails.py  (needs mpmath; `python3 -c "import mpmath"`)
Writes packages/distributions/test/fixtures/far-tails.json.

How: every argument is a float64 (converted to mpmath exactly, bit for bit), and every
value is evaluated with mpmath at 400 significant digits from the textbook formula (log-density,
cdf from mpmath's ncdf / gammainc / atan, quantile from the closed form or by findroot on the
cdf in log space), so the references do not share code or cancellation with the TypeScript.
The result is rounded to the nearest float64 and stored as a string ("Infinity", "-Infinity"
and values that underflow to 0 included) so that JSON keeps every digit.
Arguments span +-1e-300 ... +-1e300 and the support's edges; probabilities span 1e-300 ... 1 - 2^-53.
"""
import json
import math
import os

import mpmath as mp

mp.mp.dps = 400
pi = mp.pi


def F(x):
    # exact binary value of the float64 (a decimal repr would be read as a different number)
    return mp.mpf(float(x)) if not isinstance(x, mp.mpf) else x


def out(v):
    """float64 rounding of an mpf as a string (overflow to +-Infinity)."""
    if v == mp.inf:
        return "Infinity"
    if v == -mp.inf:
        return "-Infinity"
    if mp.isnan(v):
        return "NaN"
    if abs(v) > mp.mpf("1.7976931348623157e308"):
        return "Infinity" if v > 0 else "-Infinity"
    return repr(float(mp.nstr(v, 30, strip_zeros=False)) if abs(v) > mp.mpf("1e-320") else 0.0 * float(mp.sign(v)) if v != 0 else 0.0)


EXPS = list(range(-300, 301, 25)) + [300]
MAGS = sorted({float(f"1e{k}") for k in EXPS})
REAL_X = sorted({s * m for m in MAGS for s in (-1, 1)} | {0.0})
POS_X = [m for m in MAGS] + [0.0, -1.0, -1e300]
PROBS = sorted({float(f"1e-{k}") for k in range(1, 301, 23)} | {1e-300, 0.5, 0.9}
               | {1 - 2.0 ** -k for k in (2, 10, 20, 30, 40, 50, 53)})


def qfind(logcdf, q, x0):
    lq = mp.log(F(q))
    return mp.findroot(lambda x: logcdf(x) - lq, F(x0), tol=mp.mpf(10) ** -380, maxsteps=200)


BIG = mp.mpf(10) ** 8


def ncdf(z):
    """Phi(z); beyond |z| = 1e8 the far tail exp(-z^2/2) is below 1e-(10^15), so Phi rounds to 0 or 1."""
    if z > BIG:
        return mp.mpf(1)
    if z < -BIG:
        return mp.mpf(0)
    return mp.ncdf(z)


def log_ncdf(z):
    """log Phi(z); for z < -1e8 the asymptotic series -z^2/2 - log(-z) - log(2 pi)/2 + log1p(-1/z^2)
    (the omitted terms are below 1e-48 relative)."""
    if z < -BIG:
        return -z * z / 2 - mp.log(-z) - mp.log(2 * pi) / 2 + mp.log1p(-1 / (z * z))
    if z > BIG:
        return mp.mpf(0) * z
    return mp.log(mp.ncdf(z))


def erf(x):
    return mp.mpf(1) if x > BIG else mp.erf(x)


def gammainc_lower(a, x):
    return mp.mpf(1) if x > BIG else mp.gammainc(a, 0, x, regularized=True)


def gammainc_upper(a, x):
    return mp.mpf(0) if x > BIG else mp.gammainc(a, x, mp.inf, regularized=True)


def normal(loc, s):
    loc, s = F(loc), F(s)
    lp = lambda x: -((F(x) - loc) / s) ** 2 / 2 - mp.log(s) - mp.log(2 * pi) / 2
    cdf = lambda x: ncdf((F(x) - loc) / s)
    icdf = lambda q: loc + s * normal_quantile(q)
    return lp, cdf, icdf, lambda x: log_ncdf((F(x) - loc) / s), lambda x: log_ncdf(-(F(x) - loc) / s)


def normal_quantile(q):
    q = F(q)
    if q == mp.mpf(0.5):
        return mp.mpf(0)
    if q < mp.mpf(0.5):
        return qfind(log_ncdf, q, -mp.sqrt(-2 * mp.log(q)))
    # upper half: Phi(-z) = 1 - q, exact in 400 digits
    return -qfind(log_ncdf, 1 - q, -mp.sqrt(-2 * mp.log(1 - q)))


def cauchy(loc, s):
    loc, s = F(loc), F(s)
    lp = lambda x: -mp.log(pi) - mp.log(s) - mp.log1p(((F(x) - loc) / s) ** 2)
    cdf = lambda x: mp.mpf(0.5) + mp.atan((F(x) - loc) / s) / pi
    icdf = lambda q: loc + s * mp.tan(pi * (F(q) - mp.mpf(0.5)))
    # log(1/2 + atan(z)/pi) and log(1/2 - atan(z)/pi) directly at 400 digits (|z| <= 1.25e300,
    # so 1/2 -+ atan(z)/pi ~ 1/(pi |z|) keeps ~100 digits)
    lcdf = lambda x: mp.log(mp.mpf(0.5) + mp.atan((F(x) - loc) / s) / pi)
    lsurv = lambda x: mp.log(mp.mpf(0.5) - mp.atan((F(x) - loc) / s) / pi)
    return lp, cdf, icdf, lcdf, lsurv


def laplace(loc, s):
    loc, s = F(loc), F(s)
    lp = lambda x: -abs(F(x) - loc) / s - mp.log(2 * s)
    def cdf(x):
        z = (F(x) - loc) / s
        return mp.exp(z) / 2 if z < 0 else 1 - mp.exp(-z) / 2
    def icdf(q):
        q = F(q)
        return loc + s * mp.log(2 * q) if q < mp.mpf(0.5) else loc - s * mp.log(2 * (1 - q))
    # each tail from its exponential (1 - cdf would lose e^(-z)/2 below 1e-400)
    def lcdf(x):
        z = (F(x) - loc) / s
        return z - mp.log(2) if z < 0 else mp.log1p(-mp.exp(-z) / 2)
    lsurv = lambda x: -((F(x) - loc) / s) - mp.log(2) if F(x) > loc else mp.log1p(-mp.exp((F(x) - loc) / s) / 2)
    return lp, cdf, icdf, lcdf, lsurv


def logistic(loc, s):
    loc, s = F(loc), F(s)
    def lp(x):
        z = (F(x) - loc) / s
        return -z - 2 * mp.log1p(mp.exp(-z)) - mp.log(s)
    cdf = lambda x: 1 / (1 + mp.exp(-(F(x) - loc) / s))
    icdf = lambda q: loc + s * mp.log(F(q) / (1 - F(q)))
    lcdf = lambda x: -mp.log1p(mp.exp(-(F(x) - loc) / s))
    lsurv = lambda x: -mp.log1p(mp.exp((F(x) - loc) / s))
    return lp, cdf, icdf, lcdf, lsurv


def student_t(df, loc, s):
    df, loc, s = F(df), F(loc), F(s)
    c = mp.loggamma((df + 1) / 2) - mp.loggamma(df / 2) - mp.log(df * pi) / 2 - mp.log(s)
    lp = lambda x: c - (df + 1) / 2 * mp.log1p(((F(x) - loc) / s) ** 2 / df)
    return (lp,)


def positive(f):
    """Wraps a log-density / cdf on x > 0 (or x >= 0) with the value below the support."""
    return f


def half_normal(s):
    s = F(s)
    lp = lambda x: (mp.log(2) - mp.log(s) - mp.log(2 * pi) / 2 - (F(x) / s) ** 2 / 2) if F(x) >= 0 else -mp.inf
    cdf = lambda x: erf(F(x) / (s * mp.sqrt(2))) if F(x) > 0 else mp.mpf(0)
    icdf = lambda q: s * normal_quantile((1 + F(q)) / 2)
    lcdf = lambda x: mp.log(erf(F(x) / (s * mp.sqrt(2)))) if F(x) > 0 else -mp.inf
    lsurv = lambda x: (mp.log(2) + log_ncdf(-F(x) / s)) if F(x) > 0 else mp.mpf(0)
    return lp, cdf, icdf, lcdf, lsurv


def half_cauchy(s):
    s = F(s)
    lp = lambda x: (mp.log(2) - mp.log(pi) - mp.log(s) - mp.log1p((F(x) / s) ** 2)) if F(x) >= 0 else -mp.inf
    cdf = lambda x: 2 / pi * mp.atan(F(x) / s) if F(x) > 0 else mp.mpf(0)
    icdf = lambda q: s * mp.tan(pi * F(q) / 2)
    lcdf = lambda x: mp.log(2 / pi * mp.atan(F(x) / s)) if F(x) > 0 else -mp.inf
    lsurv = lambda x: mp.log(1 - 2 / pi * mp.atan(F(x) / s)) if F(x) > 0 else mp.mpf(0)
    return lp, cdf, icdf, lcdf, lsurv


def log_normal(loc, s):
    loc, s = F(loc), F(s)
    def lp(x):
        x = F(x)
        if x <= 0:
            return -mp.inf
        z = (mp.log(x) - loc) / s
        return -z * z / 2 - mp.log(s) - mp.log(x) - mp.log(2 * pi) / 2
    cdf = lambda x: ncdf((mp.log(F(x)) - loc) / s) if F(x) > 0 else mp.mpf(0)
    icdf = lambda q: mp.exp(loc + s * normal_quantile(q))
    lcdf = lambda x: log_ncdf((mp.log(F(x)) - loc) / s) if F(x) > 0 else -mp.inf
    lsurv = lambda x: log_ncdf(-(mp.log(F(x)) - loc) / s) if F(x) > 0 else mp.mpf(0)
    return lp, cdf, icdf, lcdf, lsurv


def exponential(r):
    r = F(r)
    lp = lambda x: mp.log(r) - r * F(x) if F(x) >= 0 else -mp.inf
    cdf = lambda x: -mp.expm1(-r * F(x)) if F(x) > 0 else mp.mpf(0)
    icdf = lambda q: -mp.log1p(-F(q)) / r
    lcdf = lambda x: mp.log(-mp.expm1(-r * F(x))) if F(x) > 0 else -mp.inf
    lsurv = lambda x: -r * F(x) if F(x) > 0 else mp.mpf(0)
    return lp, cdf, icdf, lcdf, lsurv


def gamma(a, b):
    a, b = F(a), F(b)
    def lp(x):
        x = F(x)
        if x < 0:
            return -mp.inf
        if x == 0:
            return -mp.inf if a > 1 else (mp.log(b) if a == 1 else mp.inf)
        return (a - 1) * mp.log(x) - b * x + a * mp.log(b) - mp.loggamma(a)
    cdf = lambda x: gammainc_lower(a, b * F(x)) if F(x) > 0 else mp.mpf(0)
    lcdf = lambda x: log_gammainc_lower(a, b * F(x)) if F(x) > 0 else -mp.inf
    lsurv = lambda x: log_gammainc_upper(a, b * F(x)) if F(x) > 0 else mp.mpf(0)
    return lp, cdf, None, lcdf, lsurv


def inverse_gamma(a, b):
    a, b = F(a), F(b)
    def lp(x):
        x = F(x)
        if x <= 0:
            return -mp.inf
        return a * mp.log(b) - mp.loggamma(a) - (a + 1) * mp.log(x) - b / x
    cdf = lambda x: gammainc_upper(a, b / F(x)) if F(x) > 0 else mp.mpf(0)
    lcdf = lambda x: log_gammainc_upper(a, b / F(x)) if F(x) > 0 else -mp.inf
    lsurv = lambda x: log_gammainc_lower(a, b / F(x)) if F(x) > 0 else mp.mpf(0)
    return lp, cdf, None, lcdf, lsurv


def log_gammainc_upper(a, x):
    """log Q(a, x); beyond x = 1e8 from the asymptotic series
    Gamma(a, x) ~ x^(a-1) e^(-x) sum_k (a-1)(a-2)...(a-k) / x^k, summed to 40 terms (the
    remainder is below (a/x)^40 < 1e-280 relative)."""
    if x > BIG:
        term, tot = mp.mpf(1), mp.mpf(1)
        for k in range(1, 41):
            term *= (a - k) / x
            tot += term
        return (a - 1) * mp.log(x) - x - mp.loggamma(a) + mp.log(tot)
    return mp.log(mp.gammainc(a, x, mp.inf, regularized=True))


def log_gammainc_lower(a, x):
    """log P(a, x) = log1p(-Q) (Q from the same asymptotic series beyond x = 1e8)."""
    if x > BIG:
        return mp.log1p(-mp.exp(log_gammainc_upper(a, x)))
    return mp.log(mp.gammainc(a, 0, x, regularized=True))


def beta(a, b):
    a, b = F(a), F(b)
    def lp(x):
        x = F(x)
        if x < 0 or x > 1:
            return -mp.inf
        return (a - 1) * mp.log(x) + (b - 1) * mp.log1p(-x) - (mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b))
    return (lp,)


def weibull(lam, k):
    lam, k = F(lam), F(k)
    def lp(x):
        x = F(x)
        if x < 0:
            return -mp.inf
        y = x / lam
        return mp.log(k / lam) + (k - 1) * mp.log(y) - y ** k
    cdf = lambda x: -mp.expm1(-((F(x) / lam) ** k)) if F(x) > 0 else mp.mpf(0)
    icdf = lambda q: lam * (-mp.log1p(-F(q))) ** (1 / k)
    lcdf = lambda x: mp.log(-mp.expm1(-((F(x) / lam) ** k))) if F(x) > 0 else -mp.inf
    lsurv = lambda x: -((F(x) / lam) ** k) if F(x) > 0 else mp.mpf(0)
    return lp, cdf, icdf, lcdf, lsurv


def pareto(xm, al):
    xm, al = F(xm), F(al)
    lp = lambda x: mp.log(al) + al * mp.log(xm) - (al + 1) * mp.log(F(x)) if F(x) >= xm else -mp.inf
    cdf = lambda x: 1 - (xm / F(x)) ** al if F(x) > xm else mp.mpf(0)
    icdf = lambda q: xm * mp.exp(-mp.log1p(-F(q)) / al)
    lcdf = lambda x: mp.log(1 - (xm / F(x)) ** al) if F(x) > xm else -mp.inf
    lsurv = lambda x: al * mp.log(xm / F(x)) if F(x) > xm else mp.mpf(0)
    return lp, cdf, icdf, lcdf, lsurv


def uniform(lo, hi):
    lo, hi = F(lo), F(hi)
    lp = lambda x: -mp.log(hi - lo) if lo <= F(x) <= hi else -mp.inf
    cdf = lambda x: min(max((F(x) - lo) / (hi - lo), mp.mpf(0)), mp.mpf(1))
    icdf = lambda q: lo + F(q) * (hi - lo)
    return lp, cdf, icdf


def truncated_normal(loc, s, low=None, high=None):
    loc, s = F(loc), F(s)
    a = -mp.inf if low is None else (F(low) - loc) / s
    b = mp.inf if high is None else (F(high) - loc) / s
    phi = lambda z: mp.mpf(0) if z == -mp.inf else (mp.mpf(1) if z == mp.inf else ncdf(z))
    Z = phi(b) - phi(a)
    lo_x = F(low) if low is not None else loc - 60 * s
    hi_x = F(high) if high is not None else loc + 60 * s

    def inside(x):
        return (low is None or F(x) >= F(low)) and (high is None or F(x) <= F(high))

    def lp(x):
        if not inside(x):
            return -mp.inf
        z = (F(x) - loc) / s
        return -z * z / 2 - mp.log(2 * pi) / 2 - mp.log(s) - mp.log(Z)

    def cdf(x):
        x = F(x)
        if low is not None and x <= F(low):
            return mp.mpf(0)
        if high is not None and x >= F(high):
            return mp.mpf(1)
        return (phi((x - loc) / s) - phi(a)) / Z

    def icdf(q):
        q = F(q)
        if q < mp.mpf(0.5):
            f = lambda x: (phi((x - loc) / s) - phi(a)) - q * Z
        else:
            f = lambda x: (phi(b) - phi((x - loc) / s)) - (1 - q) * Z
        # bisection to ~1e-30 (f is monotone on the bracket), then Newton with f' = ±pdf,
        # which doubles the digits each step
        lo, hi = lo_x, hi_x
        increasing = q < mp.mpf(0.5)
        for _ in range(120):
            mid = (lo + hi) / 2
            if (f(mid) < 0) == increasing:
                lo = mid
            else:
                hi = mid
        x = (lo + hi) / 2
        pdf = lambda x: mp.exp(-((x - loc) / s) ** 2 / 2) / (s * mp.sqrt(2 * pi))
        for _ in range(12):
            x = x - f(x) / (pdf(x) if increasing else -pdf(x))
        return x

    return lp, cdf, icdf


def von_mises(loc, k):
    loc, k = F(loc), F(k)
    lp = lambda x: k * mp.cos(F(x) - loc) - mp.log(2 * pi * mp.besseli(0, k))
    return (lp,)


def chi2(df):
    return gamma(F(df) / 2, mp.mpf(0.5))


FAMILIES = [
    ("Normal", [0.3, 1.7], normal, REAL_X, ["logProb", "cdf", "icdf", "logCdf", "logSurvival"]),
    ("Cauchy", [0, 1], cauchy, REAL_X, ["logProb", "cdf", "icdf", "logCdf", "logSurvival"]),
    ("Cauchy", [0.3, 0.8], cauchy, REAL_X, ["logProb", "cdf", "icdf", "logCdf", "logSurvival"]),
    ("Laplace", [-0.4, 0.9], laplace, REAL_X, ["logProb", "cdf", "icdf", "logCdf", "logSurvival"]),
    ("Logistic", [1.1, 0.6], logistic, REAL_X, ["logProb", "cdf", "icdf", "logCdf", "logSurvival"]),
    ("StudentT", [7, -0.5, 1.5], student_t, REAL_X, ["logProb"]),
    ("StudentT", [1.5, 0, 1e-3], student_t, REAL_X, ["logProb"]),
    ("HalfNormal", [1.4], half_normal, POS_X, ["logProb", "cdf", "icdf", "logCdf", "logSurvival"]),
    ("HalfCauchy", [1.2], half_cauchy, POS_X, ["logProb", "cdf", "icdf", "logCdf", "logSurvival"]),
    ("LogNormal", [0.2, 0.6], log_normal, POS_X, ["logProb", "cdf", "icdf", "logCdf", "logSurvival"]),
    ("Exponential", [1.9], exponential, POS_X, ["logProb", "cdf", "icdf", "logCdf", "logSurvival"]),
    ("Gamma", [2.3, 1.6], gamma, POS_X, ["logProb", "cdf", "logCdf", "logSurvival"]),
    ("InverseGamma", [6.5, 2.5], inverse_gamma, POS_X, ["logProb", "cdf", "logCdf", "logSurvival"]),
    ("Beta", [2.5, 1.7], beta, [0.0, 1.0, 0.5, -1e-300, 1.5] + [m for m in MAGS if m < 1] + [1 - 2.0 ** -k for k in (10, 30, 53)], ["logProb"]),
    ("Weibull", [1.3, 1.8], weibull, POS_X, ["logProb", "cdf", "icdf", "logCdf", "logSurvival"]),
    ("Pareto", [0.8, 5.5], pareto, POS_X + [0.8], ["logProb", "cdf", "icdf", "logCdf", "logSurvival"]),
    ("Uniform", [-1.5, 2.5], uniform, REAL_X + [-1.5, 2.5], ["logProb", "cdf", "icdf"]),
    ("Chi2", [3.5], chi2, POS_X, ["logProb", "cdf", "logCdf", "logSurvival"]),
    ("VonMises", [0.6, 2.2], von_mises, [x for x in REAL_X if abs(x) <= 3] + [-math.pi, math.pi, 1e300], ["logProb"]),
    ("TruncatedNormal", [0.4, 1.2, {"low": -0.5, "high": 2.5}], truncated_normal, REAL_X + [-0.5, 2.5], ["logProb", "cdf", "icdf"]),
    ("TruncatedNormal", [0.4, 1.2, {"low": 1.1}], truncated_normal, REAL_X + [1.1], ["logProb", "cdf", "icdf"]),
    ("TruncatedNormal", [0, 1, {"low": 4, "high": 6}], truncated_normal, REAL_X + [4, 6], ["logProb", "cdf", "icdf"]),
]


def main():
    cases = []
    for name, params, make, xs, methods in FAMILIES:
        bounds = params[-1] if isinstance(params[-1], dict) else None
        fns = make(*params[:-1], **bounds) if bounds else make(*params)
        entry = {"name": name, "params": params[:-1] if bounds else params, "points": {}}
        if bounds:
            entry["bounds"] = bounds
        for i, m in enumerate(methods):
            fn = fns[i] if m in ("logProb", "cdf", "icdf") and i < len(fns) else None
            if m == "logCdf":
                fn = fns[3]
            if m == "logSurvival":
                fn = fns[4]
            args = PROBS if m == "icdf" else xs
            entry["points"][m] = [[repr(float(a)), out(fn(a))] for a in args]
        cases.append(entry)
    here = os.path.dirname(os.path.abspath(__file__))
    dest = os.path.join(here, "..", "test", "fixtures", "far-tails.json")
    tmp = dest + ".tmp"
    with open(tmp, "w") as f:
        json.dump({"generator": "scripts/far-tails.py (mpmath %s, 400 digits)" % mp.__version__, "cases": cases}, f, indent=1)
    os.replace(tmp, dest)


if __name__ == "__main__":
    main()
