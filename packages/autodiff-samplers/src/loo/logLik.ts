/**
 * The pointwise log-likelihood that `loo`, `waic` and `compare` read: a chain-major array
 * `data[(c·draws + d)·n + i] = log p(y_i | θ^(c,d))` of shape `[chains, draws, n]` (ArviZ's
 * `log_likelihood` group with the observation dims flattened), or anything that can produce
 * one (an `McmcResult`, through {@link LogLikSource}).
 */
import { LooError } from "./errors.js";

/** A pointwise log-likelihood array, shape `[chains, draws, n]`, row-major. */
export interface LogLikMatrix {
  readonly shape: readonly [number, number, number];
  readonly data: Float64Array;
}

/**
 * Something that holds a pointwise log-likelihood (an `McmcResult`): `varName` picks the
 * observed site when there are several (ArviZ's `var_name`).
 */
export interface LogLikSource {
  logLikelihoodMatrix(varName?: string): LogLikMatrix;
}

/** A log-likelihood input of `loo`, `waic` and `compare`. */
export type LogLikInput = LogLikMatrix | LogLikSource;

/** The validated `[chains, draws, n]` array of an input (see the module doc). */
export function logLikMatrix(input: LogLikInput, argument: string, varName?: string): LogLikMatrix {
  if (typeof input !== "object" || input === null)
    throw new LooError({
      argument,
      reason: `expected { shape: [chains, draws, n], data: Float64Array } or an McmcResult, got ${String(input)}`,
    });
  const m =
    typeof (input as LogLikSource).logLikelihoodMatrix === "function"
      ? (input as LogLikSource).logLikelihoodMatrix(varName)
      : (input as LogLikMatrix);
  const shape = m?.shape;
  if (!Array.isArray(shape) || shape.length !== 3 || !(m.data instanceof Float64Array))
    throw new LooError({
      argument,
      reason: "expected { shape: [chains, draws, n], data: Float64Array } or an McmcResult",
    });
  const [chains, draws, n] = shape;
  for (const v of shape)
    if (!Number.isInteger(v) || v < 1)
      throw new LooError({
        argument,
        reason: `shape [${shape.join(", ")}] must be positive integers`,
      });
  if (m.data.length !== chains * draws * n)
    throw new LooError({
      argument,
      reason: `data has ${m.data.length} values, shape [${shape.join(", ")}] needs ${chains * draws * n}`,
    });
  if (chains * draws < 2) throw new LooError({ argument, reason: "needs at least 2 draws" });
  for (let j = 0; j < m.data.length; j++)
    if (!Number.isFinite(m.data[j]))
      throw new LooError({
        argument,
        reason: `value ${m.data[j]} at draw ${Math.floor(j / n)}, observation ${j % n} (log-likelihoods must be finite, as in R's loo)`,
      });
  return { shape: [chains, draws, n], data: m.data };
}

/** Column `i` (observation i) of the matrix: its `chains·draws` values, chain-major. */
export function observationColumn(m: LogLikMatrix, i: number, out?: Float64Array): Float64Array {
  const [chains, draws, n] = m.shape;
  const s = chains * draws;
  const col = out ?? new Float64Array(s);
  for (let j = 0; j < s; j++) col[j] = m.data[j * n + i];
  return col;
}

/** log Σ exp(x) without overflow (matrixStats' `logSumExp`: max + log Σ exp(x − max)). */
export function logSumExp(x: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < x.length; j++) if (x[j] > max) max = x[j];
  if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) return max;
  let s = 0;
  for (let j = 0; j < x.length; j++) s += Math.exp(x[j] - max);
  return max + Math.log(s);
}

/** Sample variance with denominator n − 1 (R's `var`). */
export function sampleVariance(x: ArrayLike<number>): number {
  const n = x.length;
  let mean = 0;
  for (let j = 0; j < n; j++) mean += x[j];
  mean /= n;
  let ss = 0;
  for (let j = 0; j < n; j++) ss += (x[j] - mean) ** 2;
  return ss / (n - 1);
}

/** Σ x and √(n · var(x)): an estimate over observations and its standard error (loo's table). */
export function estimateAndSe(pointwise: Float64Array): { estimate: number; se: number } {
  let estimate = 0;
  for (const v of pointwise) estimate += v;
  return { estimate, se: Math.sqrt(pointwise.length * sampleVariance(pointwise)) };
}
