/**
 * A starting metric for NUTS from the Laplace approximation at the optimum: the marginal
 * variances diag(H⁻¹) of the Gaussian with precision H = ∇²U(x̂), U = −ln p. The GD-1
 * posterior's scales differ by two orders of magnitude between knots (track knots
 * inside the data vs. density knots outside it), so starting Stan's warmup from the unit
 * metric spends hundreds of leapfrog steps per iteration until the first slow window
 * has adapted it; starting from diag(H⁻¹) avoids that.
 */

/**
 * Hessian of U at x by central differences of its gradient, symmetrised:
 * H_ij = ½ [(∂_i U(x + h_j e_j) − ∂_i U(x − h_j e_j)) / 2h_j + (i ↔ j)], with
 * h_j = step · max(1, |x_j|). `potential(q, grad)` returns U(q) and writes ∇U(q).
 */
export function finiteDifferenceHessian(
  potential: (q: Float64Array, grad: Float64Array) => number,
  x: Float64Array,
  step = 1e-5,
): Float64Array {
  const d = x.length;
  const h = new Float64Array(d * d);
  const gp = new Float64Array(d);
  const gm = new Float64Array(d);
  const q = Float64Array.from(x);
  for (let j = 0; j < d; j++) {
    const hj = step * Math.max(1, Math.abs(x[j]));
    q[j] = x[j] + hj;
    potential(q, gp);
    q[j] = x[j] - hj;
    potential(q, gm);
    q[j] = x[j];
    for (let i = 0; i < d; i++) h[i * d + j] = (gp[i] - gm[i]) / (2 * hj);
  }
  for (let i = 0; i < d; i++)
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (h[i * d + j] + h[j * d + i]);
      h[i * d + j] = s;
      h[j * d + i] = s;
    }
  return h;
}

/**
 * diag(H⁻¹) of a symmetric d×d matrix (row-major) by its Cholesky factor H = L Lᵀ:
 * (H⁻¹)_ii = Σ_k (L⁻¹)_ki². Returns null when H is not positive definite (or not finite).
 */
export function inverseDiagonal(hess: Float64Array, d: number): Float64Array | null {
  if (hess.length !== d * d) throw new RangeError(`inverseDiagonal: expected ${d * d} entries`);
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = hess[j * d + j];
    for (let k = 0; k < j; k++) s -= l[j * d + k] ** 2;
    if (!(s > 0) || !Number.isFinite(s)) return null;
    const ljj = Math.sqrt(s);
    l[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = hess[i * d + j];
      for (let k = 0; k < j; k++) t -= l[i * d + k] * l[j * d + k];
      l[i * d + j] = t / ljj;
    }
  }
  // H⁻¹ = L⁻ᵀ L⁻¹, so (H⁻¹)_cc = Σ_i (L⁻¹)_ic² = |y|² with L y = e_c (y_i = 0 for i < c)
  const out = new Float64Array(d);
  const y = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    for (let i = c; i < d; i++) {
      let t = i === c ? 1 : 0;
      for (let k = c; k < i; k++) t -= l[i * d + k] * y[k];
      y[i] = t / l[i * d + i];
      out[c] += y[i] * y[i];
    }
  }
  return out;
}

/**
 * The Laplace starting metric: diag(H⁻¹) at x, or null when the finite-difference
 * Hessian is not positive definite (the caller then keeps the unit metric).
 */
export function laplaceInverseMassMatrix(
  potential: (q: Float64Array, grad: Float64Array) => number,
  x: Float64Array,
): Float64Array | null {
  return inverseDiagonal(finiteDifferenceHessian(potential, x), x.length);
}
