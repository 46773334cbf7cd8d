/** Nodes and weights of an n-point Gauss–Legendre rule on [−1, 1], nodes ascending. */
export interface GaussLegendreRule {
  readonly x: Float64Array;
  readonly w: Float64Array;
}

/**
 * Gauss–Legendre nodes and weights on [−1, 1], as scipy's `roots_legendre`: Newton iteration on
 * P_n from Tricomi's initial guess cos(π(i + 3/4)/(n + 1/2)), with w_i = 2 / ((1 − x_i²) P_n′(x_i)²).
 * The rule integrates polynomials of degree ≤ 2n − 1 exactly. Rules are cached per n (they are
 * read-only by convention: the callers are quadratures that only read them).
 */
export function gaussLegendre(n: number): GaussLegendreRule {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`gaussLegendre: the number of nodes must be a positive integer, got ${n}`);
  }
  const cached = cache.get(n);
  if (cached !== undefined) return cached;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      // Three-term recurrence: p1 = P_n(z), p0 = P_{n−1}(z).
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[n - 1 - i] = z;
    w[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
  }
  const rule = { x, w };
  cache.set(n, rule);
  return rule;
}

const cache = new Map<number, GaussLegendreRule>();
