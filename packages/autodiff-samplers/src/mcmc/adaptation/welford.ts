import { McmcShapeError, McmcValueError } from "../errors.js";

/**
 * Streaming per-coordinate mean and variance (Welford 1962). Mutable accumulator:
 * `add` updates in place without allocation.
 */
export interface WelfordVariance {
  /** Dimension `d`. */
  readonly dim: number;
  /** Number of vectors added. */
  readonly count: number;
  /** Adds one vector `x` (length `d`; throws `McmcShapeError` otherwise). */
  add(x: Float64Array): void;
  /** Running mean (a copy). */
  mean(): Float64Array;
  /**
   * Unbiased sample variances `M₂/(n − 1)` into `out` (new array if omitted). Throws
   * `McmcValueError` when fewer than 2 vectors were added.
   */
  variance(out?: Float64Array): Float64Array;
  /** Forgets everything (count back to 0). */
  reset(): void;
  /** A copy of the accumulator's state (to resume a chain). */
  snapshot(): WelfordSnapshot;
  /** Replaces the state by `s` (from `snapshot` of an accumulator of the same kind and size). */
  restore(s: WelfordSnapshot): void;
}

/** The state of a Welford accumulator: count, mean and M₂ (length d, or d² for covariance). */
export interface WelfordSnapshot {
  readonly count: number;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
}

/** Streaming mean and covariance matrix (Welford's update on outer products). */
export interface WelfordCovariance {
  /** Dimension `d`. */
  readonly dim: number;
  /** Number of vectors added. */
  readonly count: number;
  /** Adds one vector `x` (length `d`); `O(d²)`, no allocation. */
  add(x: Float64Array): void;
  /** Running mean (a copy). */
  mean(): Float64Array;
  /** Unbiased sample covariance `M₂/(n − 1)`, row-major `d×d`; needs at least 2 vectors. */
  covariance(out?: Float64Array): Float64Array;
  /** Forgets everything. */
  reset(): void;
  /** A copy of the accumulator's state (to resume a chain). */
  snapshot(): WelfordSnapshot;
  /** Replaces the state by `s` (from `snapshot` of an accumulator of the same kind and size). */
  restore(s: WelfordSnapshot): void;
}

function restoreInto(m: Float64Array, m2: Float64Array, s: WelfordSnapshot): number {
  if (s.mean.length !== m.length || s.m2.length !== m2.length) {
    throw new McmcShapeError(
      `welford: snapshot of sizes (${s.mean.length}, ${s.m2.length}) does not fit (${m.length}, ${m2.length})`,
    );
  }
  m.set(s.mean);
  m2.set(s.m2);
  return s.count;
}

function checkLength(x: Float64Array, d: number): void {
  if (x.length !== d) {
    throw new McmcShapeError(`welford: expected a vector of length ${d}, got ${x.length}`);
  }
}

/**
 * Creates a {@link WelfordVariance} for dimension `dim`:
 * `n ← n+1; δ = x − m; m ← m + δ/n; M₂ ← M₂ + δ (x − m)`.
 */
export function welfordVariance(dim: number): WelfordVariance {
  const m = new Float64Array(dim);
  const m2 = new Float64Array(dim);
  let n = 0;
  return {
    dim,
    get count() {
      return n;
    },
    add(x) {
      checkLength(x, dim);
      n++;
      for (let i = 0; i < dim; i++) {
        const delta = x[i] - m[i];
        m[i] += delta / n;
        m2[i] += delta * (x[i] - m[i]);
      }
    },
    mean() {
      return m.slice();
    },
    variance(out = new Float64Array(dim)) {
      if (n < 2) throw new McmcValueError(`welford: variance needs >= 2 draws, have ${n}`);
      checkLength(out, dim);
      for (let i = 0; i < dim; i++) out[i] = m2[i] / (n - 1);
      return out;
    },
    reset() {
      n = 0;
      m.fill(0);
      m2.fill(0);
    },
    snapshot: () => ({ count: n, mean: m.slice(), m2: m2.slice() }),
    restore(s) {
      n = restoreInto(m, m2, s);
    },
  };
}

/**
 * Creates a {@link WelfordCovariance} for dimension `dim`:
 * `δ = x − m_old; m ← m + δ/n; M₂ ← M₂ + δ (x − m)ᵀ` (symmetric by construction up to rounding;
 * the output is symmetrised).
 */
export function welfordCovariance(dim: number): WelfordCovariance {
  const m = new Float64Array(dim);
  const m2 = new Float64Array(dim * dim);
  const delta = new Float64Array(dim);
  let n = 0;
  return {
    dim,
    get count() {
      return n;
    },
    add(x) {
      checkLength(x, dim);
      n++;
      for (let i = 0; i < dim; i++) {
        delta[i] = x[i] - m[i];
        m[i] += delta[i] / n;
      }
      for (let i = 0; i < dim; i++) {
        const di = delta[i];
        const row = i * dim;
        for (let j = 0; j < dim; j++) m2[row + j] += di * (x[j] - m[j]);
      }
    },
    mean() {
      return m.slice();
    },
    covariance(out = new Float64Array(dim * dim)) {
      if (n < 2) throw new McmcValueError(`welford: covariance needs >= 2 draws, have ${n}`);
      if (out.length !== dim * dim) {
        throw new McmcShapeError(`welford: covariance output must have length ${dim * dim}`);
      }
      for (let i = 0; i < dim; i++) {
        for (let j = 0; j < dim; j++) {
          out[i * dim + j] = (0.5 * (m2[i * dim + j] + m2[j * dim + i])) / (n - 1);
        }
      }
      return out;
    },
    reset() {
      n = 0;
      m.fill(0);
      m2.fill(0);
    },
    snapshot: () => ({ count: n, mean: m.slice(), m2: m2.slice() }),
    restore(s) {
      n = restoreInto(m, m2, s);
    },
  };
}
