import { choleskyInPlace, choleskySolve, dot } from "./denseLinalg.js";
import { type InverseHessianOperator, lbfgsInverseHessian } from "./inverseHessian.js";

/**
 * Compact limited-memory BFGS matrix (Byrd, Nocedal & Schnabel, "Representations
 * of quasi-Newton matrices and their use in limited memory methods", Math.
 * Prog. 63, 1994; used by Byrd, Lu, Nocedal & Zhu 1995):
 *
 *   B = θI − W M Wᵀ,   W = [Y  θS],   M = [[−D, Lᵀ], [L, θSᵀS]]⁻¹,
 *
 * where S, Y hold the last `col ≤ m` corrections (oldest first), D = diag(sᵢᵀyᵢ)
 * and L is the strictly lower triangle of SᵀY. Products with M use the
 * block elimination M⁻¹[a; b] = [p; q] ⇒ T b = q + L D⁻¹ p, a = D⁻¹(Lᵀb − p)
 * with T = θSᵀS + L D⁻¹ Lᵀ factorised by Cholesky.
 */
export class CompactLbfgsMatrix {
  /** Problem dimension. */
  readonly n: number;
  /** Maximum number of stored corrections. */
  readonly m: number;
  /** Stored steps sᵢ, oldest first. */
  readonly s: Float64Array[] = [];
  /** Stored gradient differences yᵢ, oldest first. */
  readonly y: Float64Array[] = [];
  /** Scaling θ of the initial matrix θI. */
  theta = 1;
  /** sy[i*m + j] = sᵢᵀyⱼ. */
  private readonly sy: Float64Array;
  /** ss[i*m + j] = sᵢᵀsⱼ. */
  private readonly ss: Float64Array;
  /** yy[i*m + j] = yᵢᵀyⱼ (for the subspace step when every variable is free). */
  private readonly yy: Float64Array;
  /** Cholesky factor of T (col×col, row-major). */
  private tChol = new Float64Array(0);

  /**
   * @param n dimension
   * @param m memory size (number of correction pairs kept)
   */
  constructor(n: number, m: number) {
    this.n = n;
    this.m = m;
    this.sy = new Float64Array(m * m);
    this.ss = new Float64Array(m * m);
    this.yy = new Float64Array(m * m);
  }

  /** Number of stored correction pairs. */
  get col(): number {
    return this.s.length;
  }

  /** Discards all corrections (θ = 1). */
  reset(): void {
    this.s.length = 0;
    this.y.length = 0;
    this.theta = 1;
    this.tChol = new Float64Array(0);
  }

  /** sᵢᵀyⱼ for stored pairs i, j. */
  sTy(i: number, j: number): number {
    return this.sy[i * this.m + j];
  }

  /** sᵢᵀsⱼ for stored pairs i, j. */
  sTs(i: number, j: number): number {
    return this.ss[i * this.m + j];
  }

  /** yᵢᵀyⱼ for stored pairs i, j. */
  yTy(i: number, j: number): number {
    return this.yy[i * this.m + j];
  }

  /**
   * Adds the pair (s, y) (dropping the oldest when full), sets θ = yᵀy/sᵀy and
   * refactorises T. Returns false when T is not positive definite (the caller
   * should then reset the memory).
   */
  push(s: Float64Array, y: Float64Array): boolean {
    const m = this.m;
    if (this.s.length === m) {
      this.s.shift();
      this.y.shift();
      for (let i = 0; i < m - 1; i++) {
        for (let j = 0; j < m - 1; j++) {
          this.sy[i * m + j] = this.sy[(i + 1) * m + j + 1];
          this.ss[i * m + j] = this.ss[(i + 1) * m + j + 1];
          this.yy[i * m + j] = this.yy[(i + 1) * m + j + 1];
        }
      }
    }
    this.s.push(Float64Array.from(s));
    this.y.push(Float64Array.from(y));
    const k = this.s.length - 1;
    for (let i = 0; i <= k; i++) {
      this.sy[k * m + i] = dot(s, this.y[i]);
      this.sy[i * m + k] = dot(this.s[i], y);
      const v = dot(s, this.s[i]);
      this.ss[k * m + i] = v;
      this.ss[i * m + k] = v;
      const w = dot(y, this.y[i]);
      this.yy[k * m + i] = w;
      this.yy[i * m + k] = w;
    }
    this.theta = dot(y, y) / this.sy[k * m + k];
    return this.factor();
  }

  private factor(): boolean {
    const col = this.col;
    const t = new Float64Array(col * col);
    for (let i = 0; i < col; i++) {
      for (let j = 0; j <= i; j++) {
        // (L D⁻¹ Lᵀ)ᵢⱼ = Σ_{k < min(i,j)} Lᵢₖ Lⱼₖ / Dₖₖ, Lᵢₖ = sᵢᵀyₖ (i > k)
        let acc = this.theta * this.sTs(i, j);
        for (let k = 0; k < j; k++) acc += (this.sTy(i, k) * this.sTy(j, k)) / this.sTy(k, k);
        t[i * col + j] = acc;
        t[j * col + i] = acc;
      }
    }
    if (!choleskyInPlace(t, col)) return false;
    this.tChol = t;
    return true;
  }

  /**
   * Returns M·v for a vector v of length 2·col (the `bmv` product of L-BFGS-B),
   * or null when a pivot vanished.
   */
  middleTimes(v: Float64Array): Float64Array | null {
    const col = this.col;
    const out = new Float64Array(2 * col);
    if (col === 0) return out;
    // rhs = q + L D⁻¹ p
    const rhs = new Float64Array(col);
    for (let i = 0; i < col; i++) {
      let acc = v[col + i];
      for (let k = 0; k < i; k++) acc += (this.sTy(i, k) * v[k]) / this.sTy(k, k);
      rhs[i] = acc;
    }
    const b = choleskySolve(this.tChol, col, rhs);
    for (let i = 0; i < col; i++) {
      // a = D⁻¹ (Lᵀ b − p); (Lᵀb)ᵢ = Σ_{k > i} sₖᵀyᵢ bₖ
      let acc = -v[i];
      for (let k = i + 1; k < col; k++) acc += this.sTy(k, i) * b[k];
      out[i] = acc / this.sTy(i, i);
      out[col + i] = b[i];
    }
    for (let i = 0; i < 2 * col; i++) if (!Number.isFinite(out[i])) return null;
    return out;
  }

  /** Writes row i of W = [Y θS] (length 2·col) into `out`. */
  wRow(i: number, out: Float64Array): Float64Array {
    const col = this.col;
    for (let j = 0; j < col; j++) {
      out[j] = this.y[j][i];
      out[col + j] = this.theta * this.s[j][i];
    }
    return out;
  }

  /** B⁻¹ as a linear operator (see {@link lbfgsInverseHessian}). */
  inverseHessian(): InverseHessianOperator {
    return lbfgsInverseHessian(this.n, this.s, this.y, this.col > 0 ? 1 / this.theta : 1);
  }
}
