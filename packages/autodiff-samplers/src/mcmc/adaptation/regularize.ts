import { McmcParameterError, McmcShapeError } from "../errors.js";

function shrinkWeights(n: number): [number, number] {
  if (!(n >= 1) || !Number.isInteger(n)) {
    throw new McmcParameterError(`regularize: the draw count must be an integer >= 1, got ${n}`);
  }
  return [n / (n + 5), 1e-3 * (5 / (n + 5))];
}

/**
 * Stan's regularisation of a windowed variance estimate from `n` draws:
 * `(n/(n+5))·var + 1e-3·(5/(n+5))`, elementwise. Returns a new array. Throws
 * `McmcParameterError` when `n` is not a positive integer.
 */
export function regularizeVariance(variance: Float64Array, n: number): Float64Array {
  const [a, b] = shrinkWeights(n);
  const out = new Float64Array(variance.length);
  for (let i = 0; i < variance.length; i++) out[i] = a * variance[i] + b;
  return out;
}

/**
 * Stan's regularisation of a windowed covariance estimate (row-major `d×d`) from `n` draws:
 * `(n/(n+5))·Σ + 1e-3·(5/(n+5))·I`. Returns a new array. Throws `McmcShapeError` when the
 * length is not `d²`.
 */
export function regularizeCovariance(
  covariance: Float64Array,
  n: number,
  dim: number,
): Float64Array {
  if (covariance.length !== dim * dim) {
    throw new McmcShapeError(
      `regularizeCovariance: length ${covariance.length} is not ${dim}² = ${dim * dim}`,
    );
  }
  const [a, b] = shrinkWeights(n);
  const out = new Float64Array(dim * dim);
  for (let i = 0; i < dim * dim; i++) out[i] = a * covariance[i];
  for (let i = 0; i < dim; i++) out[i * dim + i] += b;
  return out;
}
