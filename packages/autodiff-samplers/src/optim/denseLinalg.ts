/**
 * Small dense linear-algebra kernels (row-major `Float64Array`, size k×k with
 * k ≤ 2m) used by the compact L-BFGS-B matrices.
 */

/** Dot product of two equally long vectors. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * In-place Cholesky factorisation A = LLᵀ of a symmetric positive-definite
 * k×k matrix (lower triangle used and overwritten with L). Returns false when
 * the matrix is not numerically positive definite.
 */
export function choleskyInPlace(a: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j];
    for (let p = 0; p < j; p++) d -= a[j * k + p] * a[j * k + p];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    a[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j];
      for (let p = 0; p < j; p++) s -= a[i * k + p] * a[j * k + p];
      a[i * k + j] = s / ljj;
    }
  }
  return true;
}

/** Solves LLᵀx = b given the Cholesky factor from {@link choleskyInPlace}; returns x. */
export function choleskySolve(l: Float64Array, k: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < k; i++) {
    let s = x[i];
    for (let p = 0; p < i; p++) s -= l[i * k + p] * x[p];
    x[i] = s / l[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = x[i];
    for (let p = i + 1; p < k; p++) s -= l[p * k + i] * x[p];
    x[i] = s / l[i * k + i];
  }
  return x;
}

/**
 * Solves the general k×k system Ax = b by Gaussian elimination with partial
 * pivoting. `a` is copied, not modified. Returns null when A is singular.
 */
export function luSolve(a: Float64Array, k: number, b: Float64Array): Float64Array | null {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < k; col++) {
    let piv = col;
    let best = Math.abs(m[col * k + col]);
    for (let r = col + 1; r < k; r++) {
      const v = Math.abs(m[r * k + col]);
      if (v > best) {
        best = v;
        piv = r;
      }
    }
    if (!(best > 0) || !Number.isFinite(best)) return null;
    if (piv !== col) {
      for (let c = 0; c < k; c++) {
        const t = m[col * k + c];
        m[col * k + c] = m[piv * k + c];
        m[piv * k + c] = t;
      }
      const t = x[col];
      x[col] = x[piv];
      x[piv] = t;
    }
    const d = m[col * k + col];
    for (let r = col + 1; r < k; r++) {
      const f = m[r * k + col] / d;
      if (f === 0) continue;
      for (let c = col; c < k; c++) m[r * k + c] -= f * m[col * k + c];
      x[r] -= f * x[col];
    }
  }
  for (let r = k - 1; r >= 0; r--) {
    let s = x[r];
    for (let c = r + 1; c < k; c++) s -= m[r * k + c] * x[c];
    x[r] = s / m[r * k + r];
  }
  for (let i = 0; i < k; i++) if (!Number.isFinite(x[i])) return null;
  return x;
}
