/**
 * The limited-memory BFGS inverse-Hessian approximation as a linear operator,
 * the analogue of scipy's `LbfgsInvHessProduct`.
 *
 * Products use the two-loop recursion (Nocedal & Wright, "Numerical
 * Optimization", 2nd ed., Algorithm 7.4) over the stored correction pairs in
 * chronological order. Unlike scipy (which uses H₀ = I), the initial matrix is
 * H₀ = γI with γ = sᵀy / yᵀy of the newest pair — i.e. exactly B⁻¹ for the
 * compact matrix B = θI − WMWᵀ (θ = 1/γ) that L-BFGS-B used at its last
 * iteration. With no stored pairs the operator is the identity.
 */
export interface InverseHessianOperator {
  /** Dimension n of the operator. */
  readonly n: number;
  /** Number of correction pairs used. */
  readonly nCorrections: number;
  /** Returns H·v for a vector v of length n. */
  matvec(v: Float64Array): Float64Array;
  /** Returns H as a dense row-major n×n `Float64Array`. */
  toDense(): Float64Array;
}

/**
 * Builds the operator from correction pairs (oldest first). `gamma` is the
 * scaling of H₀ (defaults to sᵀy/yᵀy of the newest pair, or 1 if none).
 * The arrays are copied.
 */
export function lbfgsInverseHessian(
  n: number,
  s: ReadonlyArray<Float64Array>,
  y: ReadonlyArray<Float64Array>,
  gamma?: number,
): InverseHessianOperator {
  const k = s.length;
  const sk = s.map((v) => Float64Array.from(v));
  const yk = y.map((v) => Float64Array.from(v));
  const rho = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sy = 0;
    for (let j = 0; j < n; j++) sy += sk[i][j] * yk[i][j];
    rho[i] = 1 / sy;
  }
  let g0 = 1;
  if (gamma !== undefined) g0 = gamma;
  else if (k > 0) {
    let yy = 0;
    for (let j = 0; j < n; j++) yy += yk[k - 1][j] * yk[k - 1][j];
    g0 = 1 / (rho[k - 1] * yy);
  }
  const matvec = (v: Float64Array): Float64Array => {
    if (v.length !== n) throw new RangeError(`matvec expects length ${n}, got ${v.length}`);
    const q = Float64Array.from(v);
    const alpha = new Float64Array(k);
    for (let i = k - 1; i >= 0; i--) {
      let a = 0;
      for (let j = 0; j < n; j++) a += sk[i][j] * q[j];
      a *= rho[i];
      alpha[i] = a;
      for (let j = 0; j < n; j++) q[j] -= a * yk[i][j];
    }
    for (let j = 0; j < n; j++) q[j] *= g0;
    for (let i = 0; i < k; i++) {
      let b = 0;
      for (let j = 0; j < n; j++) b += yk[i][j] * q[j];
      b *= rho[i];
      const c = alpha[i] - b;
      for (let j = 0; j < n; j++) q[j] += c * sk[i][j];
    }
    return q;
  };
  const toDense = (): Float64Array => {
    const out = new Float64Array(n * n);
    const e = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      e.fill(0);
      e[c] = 1;
      const col = matvec(e);
      for (let r = 0; r < n; r++) out[r * n + c] = col[r];
    }
    return out;
  };
  return { n, nCorrections: k, matvec, toDense };
}
