import type { BoundPair } from "../../src/optim/index.js";

/** Chained Rosenbrock function and gradient (scipy.optimize.rosen / rosen_der). */
export function rosen(x: Float64Array): [number, Float64Array] {
  const n = x.length;
  const g = new Float64Array(n);
  let f = 0;
  for (let i = 0; i < n - 1; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
    g[i] += -400 * x[i] * a - 2 * b;
    g[i + 1] += 200 * a;
  }
  return [f, g];
}

/** -1.2, 1, -1.2, 1, … (the classical Rosenbrock start, repeated). */
export function altX0(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
}

/** Weights, centres and bounds of the separable quadratic ½Σwᵢ(xᵢ − cᵢ)². */
export const SEP_W = [1, 2, 3, 4, 5, 6];
export const SEP_C = [2, -3, 0.5, -1, 4, 0.25];
export const SEP_BOUNDS: BoundPair[] = [
  [0, 1],
  [-1, null],
  [null, 0],
  [null, null],
  [null, 3],
  [0, 0],
];
/** Known solution clip(c, lower, upper). */
export const SEP_SOLUTION = [1, -1, 0, -1, 3, 0];

/** Separable quadratic ½Σwᵢ(xᵢ − cᵢ)². */
export function separable(x: Float64Array): { value: number; grad: Float64Array } {
  const grad = new Float64Array(x.length);
  let value = 0;
  for (let i = 0; i < x.length; i++) {
    const r = x[i] - SEP_C[i];
    value += 0.5 * SEP_W[i] * r * r;
    grad[i] = SEP_W[i] * r;
  }
  return { value, grad };
}

/** Tridiagonal SPD matrix: diagonal 2 + (i+1)/n, off-diagonals −1 (row-major). */
export function triA(n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = 2 + (i + 1) / n;
    if (i > 0) {
      a[i * n + i - 1] = -1;
      a[(i - 1) * n + i] = -1;
    }
  }
  return a;
}

/** ½xᵀAx − bᵀx for a dense row-major A. */
export function quadratic(a: Float64Array, b: Float64Array) {
  const n = b.length;
  return (x: Float64Array): [number, Float64Array] => {
    const ax = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
      ax[i] = s;
    }
    let f = 0;
    for (let i = 0; i < n; i++) f += 0.5 * x[i] * ax[i] - b[i] * x[i];
    const g = new Float64Array(n);
    for (let i = 0; i < n; i++) g[i] = ax[i] - b[i];
    return [f, g];
  };
}
