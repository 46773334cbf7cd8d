/**
 * Locating evaluation points among breakpoints, once per fixed set of points: the
 * interval index i (clamped to the end intervals, so points outside are extrapolated
 * by the end polynomials) and the local coordinate dt = x - b_i. Uniform breakpoints
 * use an O(1) index guess; others a binary search. Periodic splines first map x to
 * x - T·floor((x - b_0)/T) with period T = b_end - b_0.
 */

export interface Located {
  /** Interval index of each point (integer-valued, for gathers). */
  readonly index: Float64Array;
  /** Local coordinate x - breaks[index]. */
  readonly dt: Float64Array;
  /** Whole periods subtracted (periodic splines), else null. */
  readonly periods: Float64Array | null;
}

/** Relative spacing tolerance under which breakpoints are treated as a uniform grid. */
const UNIFORM_RTOL = 1e-12;

export function isUniform(breaks: Float64Array): boolean {
  const m = breaks.length - 1;
  const h = (breaks[m] - breaks[0]) / m;
  const tol = UNIFORM_RTOL * Math.abs(breaks[m] - breaks[0]);
  for (let i = 1; i < m; i++) if (Math.abs(breaks[i] - (breaks[0] + i * h)) > tol) return false;
  return true;
}

export function locate(breaks: Float64Array, periodic: boolean, xs: Float64Array): Located {
  const nInt = breaks.length - 1;
  const b0 = breaks[0];
  const period = breaks[nInt] - b0;
  const uniform = isUniform(breaks);
  const invH = nInt / period;
  const m = xs.length;
  const index = new Float64Array(m);
  const dt = new Float64Array(m);
  const periods = periodic ? new Float64Array(m) : null;
  for (let j = 0; j < m; j++) {
    let u = xs[j];
    if (periods !== null) {
      const p = Math.floor((u - b0) / period);
      periods[j] = p;
      u -= period * p;
    }
    let i = 0;
    if (!Number.isFinite(u)) i = 0;
    else if (uniform) {
      i = Math.min(Math.max(Math.floor((u - b0) * invH), 0), nInt - 1);
      while (i > 0 && u < breaks[i]) i--;
      while (i < nInt - 1 && u >= breaks[i + 1]) i++;
    } else {
      // largest i in [0, nInt-1] with breaks[i] <= u (0 when u < breaks[0])
      let lo = 0;
      let hi = nInt - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (breaks[mid] <= u) lo = mid;
        else hi = mid - 1;
      }
      i = lo;
    }
    index[j] = i;
    dt[j] = u - breaks[i];
  }
  return { index, dt, periods };
}
