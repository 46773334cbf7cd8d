/**
 * Test helpers: the one-sample Kolmogorov–Smirnov statistic with the asymptotic
 * Kolmogorov p-value, double-exponential quadrature, numerically integrated CDFs, sample
 * moments and central finite differences.
 */

/** D = sup |F_n(x) - F(x)| of a sample against a continuous CDF. */
export function ksStatistic(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const s = Float64Array.from(sample).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * P(D_n ≥ d) from Kolmogorov's limit distribution, Q(λ) = 2 Σ_{k≥1} (-1)^(k-1) e^(-2k²λ²),
 * with Stephens' (1970) small-sample correction λ = (√n + 0.12 + 0.11/√n) d.
 */
export function kolmogorovPValue(d: number, n: number): number {
  const sn = Math.sqrt(n);
  const lambda = (sn + 0.12 + 0.11 / sn) * d;
  if (lambda < 0.2) return 1;
  let total = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    total += k % 2 === 1 ? term : -term;
    if (term < 1e-18) break;
  }
  return Math.min(1, Math.max(0, 2 * total));
}

/** Nodes x(t) and weights dx/dt of a double-exponential substitution on a uniform t grid. */
export interface Substitution {
  x: Float64Array;
  w: Float64Array;
}

/**
 * Double-exponential quadrature (Takahasi & Mori 1974): tanh-sinh on [a, b], exp-sinh on
 * [a, ∞), sinh-sinh on ℝ, trapezoid rule in t with step h over |t| ≤ tMax. Endpoint
 * singularities and heavy tails are integrated to near machine precision.
 */
export function deNodes(
  kind: "interval" | "half" | "real",
  a = 0,
  b = 1,
  h = 1 / 64,
  tMax = 4,
): Substitution {
  const n = Math.round((2 * tMax) / h) + 1;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const hp = Math.PI / 2;
  for (let i = 0; i < n; i++) {
    const t = -tMax + i * h;
    const s = hp * Math.sinh(t);
    const ds = hp * Math.cosh(t);
    if (kind === "interval") {
      const half = (b - a) / 2;
      x[i] = a + half * (1 + Math.tanh(s));
      w[i] = (half * ds) / Math.cosh(s) ** 2;
    } else if (kind === "half") {
      x[i] = a + Math.exp(s);
      w[i] = Math.exp(s) * ds;
    } else {
      x[i] = Math.sinh(s);
      w[i] = Math.cosh(s) * ds;
    }
    w[i] *= h;
  }
  return { x, w };
}

/** Σ w exp(logp), skipping zero-density nodes (whose weights may overflow). */
export function integrate(nodes: Substitution, logp: Float64Array): number {
  let total = 0;
  for (let i = 0; i < logp.length; i++) {
    if (logp[i] === Number.NEGATIVE_INFINITY || nodes.w[i] === 0) continue;
    total += nodes.w[i] * Math.exp(logp[i]);
  }
  return total;
}

/** A CDF by cumulative trapezoid of exp(logp) on a uniform grid, linearly interpolated. */
export function numericCdf(grid: Float64Array, logp: Float64Array): (x: number) => number {
  const n = grid.length;
  const c = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    c[i] = c[i - 1] + 0.5 * (grid[i] - grid[i - 1]) * (Math.exp(logp[i]) + Math.exp(logp[i - 1]));
  }
  const total = c[n - 1];
  const step = grid[1] - grid[0];
  return (x) => {
    if (x <= grid[0]) return 0;
    if (x >= grid[n - 1]) return 1;
    const j = Math.min(n - 2, Math.floor((x - grid[0]) / step));
    const f = (x - grid[j]) / step;
    return (c[j] + f * (c[j + 1] - c[j])) / total;
  };
}

/** Sample mean, unbiased variance and the standard errors of both. */
export function moments(x: ArrayLike<number>): {
  mean: number;
  variance: number;
  seMean: number;
  seVariance: number;
} {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d2 = (x[i] - mean) ** 2;
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

/** Central finite difference of a scalar function of one coordinate. */
export function centralDiff(
  f: (v: number) => number,
  v: number,
  h = 1e-6 * Math.max(1, Math.abs(v)),
): number {
  return (f(v + h) - f(v - h)) / (2 * h);
}
