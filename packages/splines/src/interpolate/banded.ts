/**
 * Banded LU factorisation without pivoting, O(n·p·q) to factor and O(n·(p+q)) per
 * solve, for an n×n matrix with p sub- and q super-diagonals (Golub & Van Loan,
 * "Matrix Computations", 4th ed., Alg. 4.3.1 and 4.3.2).
 *
 * Used for B-spline collocation matrices, which are totally positive, so elimination
 * without pivoting is stable (de Boor, "A Practical Guide to Splines", 1978, ch. XIII),
 * and for the diagonally dominant slope systems of cubic splines.
 */

export class BandedMatrix {
  /** Row-major band storage: entry (i, j) lives at `i * (p + q + 1) + (j - i + p)`. */
  readonly band: Float64Array;
  private factored = false;

  constructor(
    readonly n: number,
    readonly p: number,
    readonly q: number,
  ) {
    this.band = new Float64Array(n * (p + q + 1));
  }

  /** Sets entry (i, j); |i - j| must lie within the band. */
  set(i: number, j: number, v: number): void {
    const off = j - i + this.p;
    if (off < 0 || off > this.p + this.q) throw new RangeError(`(${i}, ${j}) outside the band`);
    this.band[i * (this.p + this.q + 1) + off] = v;
  }

  /** In-place LU (unit lower L below the diagonal, U on and above it). */
  factor(): this {
    const { n, p, q, band } = this;
    const w = p + q + 1;
    for (let k = 0; k < n; k++) {
      const piv = band[k * w + p];
      const iEnd = Math.min(n - 1, k + p);
      const jEnd = Math.min(n - 1, k + q);
      for (let i = k + 1; i <= iEnd; i++) {
        const ik = i * w + (k - i + p);
        const l = band[ik] / piv;
        band[ik] = l;
        if (l === 0) continue;
        for (let j = k + 1; j <= jEnd; j++)
          band[i * w + (j - i + p)] -= l * band[k * w + (j - k + p)];
      }
    }
    this.factored = true;
    return this;
  }

  /** Solves A z = rhs in place (rhs is overwritten with z); call `factor()` first. */
  solveInPlace(rhs: Float64Array): Float64Array {
    if (!this.factored) this.factor();
    const { n, p, q, band } = this;
    const w = p + q + 1;
    for (let i = 0; i < n; i++) {
      let s = rhs[i];
      for (let j = Math.max(0, i - p); j < i; j++) s -= band[i * w + (j - i + p)] * rhs[j];
      rhs[i] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = rhs[i];
      const jEnd = Math.min(n - 1, i + q);
      for (let j = i + 1; j <= jEnd; j++) s -= band[i * w + (j - i + p)] * rhs[j];
      rhs[i] = s / band[i * w + p];
    }
    return rhs;
  }
}
