import { checkDim, checkSpan } from "./checks.js";

/** Sweeps after which the cyclic Jacobi iteration is declared not converged. */
const MAX_SWEEPS = 60;
const EPS = 2 ** -52;

/**
 * Eigen-decomposition `A = V · diag(values) · Vᵀ` of a real symmetric matrix by the
 * cyclic Jacobi method with the relative off-diagonal threshold of Demmel & Veselić
 * (1992) and the stable rotation of Rutishauser (1966) / Golub & Van Loan Alg. 8.5.2.
 * Jacobi is slower than tridiagonal QL but gives eigenvalues with high relative accuracy,
 * which matters for ill-conditioned mass matrices.
 *
 * Layout: A is n×n row-major at `a[aOff ..]`; only its lower triangle (with diagonal) is
 * read and A is not modified. `values` (≥ n) receives the eigenvalues in ascending order;
 * `vectors` (≥ n², row-major at `vOff`) receives the orthonormal eigenvectors as
 * columns, like `numpy.linalg.eigh` (column j pairs with `values[j]`; each column's sign
 * is arbitrary). `work` (≥ n², optional) is scratch for the rotated matrix.
 *
 * Complexity: O(n³) per sweep, typically 5–10 sweeps; allocates n² elements only when
 * `work` is not supplied.
 *
 * Bad input: returns `false` if A contains NaN/±Inf (values and vectors are then filled
 * with NaN) or if the iteration has not converged after 60 sweeps (outputs hold the
 * current approximation, sorted ascending). Returns `true` on success.
 * Throws `RangeError` for a bad size, offset or too-short buffer.
 */
export function symmetricEigen(
  a: Float64Array,
  n: number,
  values: Float64Array,
  vectors: Float64Array,
  aOff = 0,
  vOff = 0,
  work: Float64Array = new Float64Array(n * n),
): boolean {
  checkDim("n", n);
  checkSpan("a", a, aOff, n * n);
  checkSpan("values", values, 0, n);
  checkSpan("vectors", vectors, vOff, n * n);
  checkSpan("work", work, 0, n * n);
  const w = work;
  // Symmetrise from the lower triangle; V = I.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = a[aOff + i * n + j];
      if (!Number.isFinite(v)) {
        values.fill(Number.NaN, 0, n);
        vectors.fill(Number.NaN, vOff, vOff + n * n);
        return false;
      }
      w[i * n + j] = v;
      w[j * n + i] = v;
      vectors[vOff + i * n + j] = i === j ? 1 : 0;
      vectors[vOff + j * n + i] = i === j ? 1 : 0;
    }
  }
  let converged = n <= 1;
  for (let sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = w[p * n + q];
        if (apq === 0) continue;
        const app = w[p * n + p];
        const aqq = w[q * n + q];
        // Relative threshold: |a_pq| negligible against sqrt(|a_pp·a_qq|).
        if (Math.abs(apq) <= EPS * Math.sqrt(Math.abs(app)) * Math.sqrt(Math.abs(aqq))) {
          w[p * n + q] = 0;
          w[q * n + p] = 0;
          continue;
        }
        rotated = true;
        rotate(w, vectors, vOff, n, p, q, app, aqq, apq);
      }
    }
    converged = !rotated;
  }
  for (let i = 0; i < n; i++) values[i] = w[i * n + i];
  sortAscending(values, vectors, vOff, n);
  return converged;
}

/** Applies the Jacobi rotation that annihilates w[p,q] to W (both sides) and to V (right). */
function rotate(
  w: Float64Array,
  v: Float64Array,
  vOff: number,
  n: number,
  p: number,
  q: number,
  app: number,
  aqq: number,
  apq: number,
): void {
  const tau = (aqq - app) / (2 * apq);
  // t = sign(tau) / (|tau| + sqrt(1 + tau²)), the smaller root of t² + 2τt − 1 = 0.
  const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.hypot(1, tau));
  const c = 1 / Math.sqrt(1 + t * t);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    if (k === p || k === q) continue;
    const wkp = w[k * n + p];
    const wkq = w[k * n + q];
    const np = c * wkp - s * wkq;
    const nq = s * wkp + c * wkq;
    w[k * n + p] = np;
    w[p * n + k] = np;
    w[k * n + q] = nq;
    w[q * n + k] = nq;
  }
  w[p * n + p] = app - t * apq;
  w[q * n + q] = aqq + t * apq;
  w[p * n + q] = 0;
  w[q * n + p] = 0;
  for (let k = 0; k < n; k++) {
    const r = vOff + k * n;
    const vkp = v[r + p];
    const vkq = v[r + q];
    v[r + p] = c * vkp - s * vkq;
    v[r + q] = s * vkp + c * vkq;
  }
}

/** Selection sort of eigenvalues, swapping the matching eigenvector columns. O(n²). */
function sortAscending(values: Float64Array, v: Float64Array, vOff: number, n: number): void {
  for (let i = 0; i < n - 1; i++) {
    let min = i;
    for (let j = i + 1; j < n; j++) {
      if (values[j] < values[min]) min = j;
    }
    if (min === i) continue;
    const tv = values[i];
    values[i] = values[min];
    values[min] = tv;
    for (let k = 0; k < n; k++) {
      const r = vOff + k * n;
      const tmp = v[r + i];
      v[r + i] = v[r + min];
      v[r + min] = tmp;
    }
  }
}
