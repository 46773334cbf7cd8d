// Test-only statistics helpers: special functions for reference CDFs (Numerical-Recipes-style
// series and Lentz continued fractions, written from the textbook formulas), the
// Kolmogorov–Smirnov statistic with its asymptotic p-value, chi-square p-values and moments.

/** log Gamma(x) for x > 0: shift to x >= 10, then the Stirling series. */
export function lgamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift += Math.log(x);
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  const series =
    r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188)))));
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
}

/** Regularized lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const logPrefix = a * Math.log(x) - x - lgamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(logPrefix);
  }
  return 1 - gammaQContinuedFraction(a, x, logPrefix);
}

function gammaQContinuedFraction(a: number, x: number, logPrefix: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}

/** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = a * Math.log(x) - x - lgamma(a);
  if (x < a + 1) return 1 - gammaP(a, x);
  return gammaQContinuedFraction(a, x, logPrefix);
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function betaI(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Standard normal CDF: Phi(x) = Q(1/2, x^2/2) / 2 for x < 0 (accurate in the lower tail). */
export function normalCdf(x: number): number {
  const h = (x * x) / 2;
  return x >= 0 ? 0.5 + 0.5 * gammaP(0.5, h) : 0.5 * gammaQ(0.5, h);
}

/** One-sample Kolmogorov–Smirnov statistic D of `sample` against a continuous `cdf`. */
export function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(sample).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * Asymptotic p-value of the KS statistic: Q_KS(lambda) = 2 sum_{k>=1} (-1)^(k-1) e^(-2 k^2
 * lambda^2) with Stephens' correction lambda = (sqrt(n) + 0.12 + 0.11 / sqrt(n)) D.
 */
export function ksPValue(d: number, n: number): number {
  const sn = Math.sqrt(n);
  const lambda = (sn + 0.12 + 0.11 / sn) * d;
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-18) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** KS statistic and p-value in one call. */
export function ksTest(sample: Float64Array, cdf: (x: number) => number): { d: number; p: number } {
  const d = ksStatistic(sample, cdf);
  return { d, p: ksPValue(d, sample.length) };
}

/** Upper-tail p-value of a chi-square statistic with `df` degrees of freedom. */
export function chiSquarePValue(stat: number, df: number): number {
  return gammaQ(df / 2, stat / 2);
}

/** Pearson chi-square statistic and p-value for observed counts against expected counts. */
export function chiSquareTest(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): { stat: number; df: number; p: number } {
  let stat = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i]!;
    stat += (observed[i]! - e) ** 2 / e;
  }
  const df = observed.length - 1;
  return { stat, df, p: chiSquarePValue(stat, df) };
}

/** Sample mean, variance, and the standard errors of both (variance SE from the 4th moment). */
export function moments(x: ArrayLike<number>): {
  mean: number;
  variance: number;
  seMean: number;
  seVariance: number;
} {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  const mean = s / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  m2 /= n;
  m4 /= n;
  return {
    mean,
    variance: (m2 * n) / (n - 1),
    seMean: Math.sqrt(m2 / n),
    seVariance: Math.sqrt(Math.max(m4 - m2 * m2, 0) / n),
  };
}

/** Pearson correlation coefficient of two equal-length samples. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}
