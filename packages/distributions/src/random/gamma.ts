// Marsaglia & Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3),
// 363-372 (2000), including the squeeze constant 0.0331 and the boost
// Gamma(a) = Gamma(a + 1) * U^(1/a) for a < 1.

import { streamNormal, streamOpenUnit } from "./element-stream.js";
import type { PRNGKey } from "./key.js";
import { isPositiveFinite, type ParamSampler, paramArray } from "./params.js";
import { shapeSize } from "./shape.js";
import { splitWords } from "./split.js";

/**
 * One Marsaglia–Tsang draw of `Gamma(alpha, 1)` from the per-element stream keyed by
 * `(e0, e1)` (see `streamOpenUnit`). Stream draw 0 is the boost uniform (used only when
 * `alpha < 1`); then each attempt draws normals until `v = 1 + c x > 0` and one uniform.
 * Returns the log of the draw when `logSpace`, which avoids underflow for tiny `alpha`.
 */
function gammaOne(e0: number, e1: number, alpha: number, logSpace: boolean): number {
  const boost = alpha < 1;
  const a = boost ? alpha + 1 : alpha;
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  let t = 0;
  const logBoost = Math.log(streamOpenUnit(e0, e1, t++)) / alpha;
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = streamNormal(e0, e1, t++);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = streamOpenUnit(e0, e1, t++);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
      if (logSpace) return Math.log(d) + Math.log(v) + (boost ? logBoost : 0);
      return boost ? d * v * Math.exp(logBoost) : d * v;
    }
  }
}

/**
 * Fills `out[0..n)` with `Gamma(alpha[i % alpha.length], 1)` draws (or their logs when
 * `logSpace`) for key `(k0, k1)`. Element `i` uses its own key `split(key, n)[i]`, so its value
 * does not depend on the rejections of other elements. Internal: shared by gamma, loggamma,
 * beta and dirichlet; `alpha` must already be validated.
 */
export function fillGamma(
  k0: number,
  k1: number,
  alpha: Float64Array,
  n: number,
  logSpace: boolean,
  out: Float64Array,
): void {
  const keys = splitWords(k0, k1, n);
  const len = alpha.length;
  for (let i = 0; i < n; i++) {
    out[i] = gammaOne(keys[2 * i]!, keys[2 * i + 1]!, alpha[i % len]!, logSpace);
  }
}

/**
 * Gamma draws with shape `alpha` and unit scale (divide by a rate to rescale), by
 * Marsaglia–Tsang (2000) with the `U^(1/alpha)` boost for `alpha < 1`.
 *
 * `alpha` is a positive finite number, or a `Float64Array` with one shape per output element
 * (length = product of `shape`). Element `i` draws from its own subkey `split(key, n)[i]`
 * (a stream of Threefry blocks `(0, t)` under that subkey), so it is independent of how many
 * rejections the other elements needed. For very small `alpha` the draw may underflow to 0;
 * use {@link loggamma} there.
 */
export const gamma: ParamSampler<Float64Array> = (k, alpha, shape) =>
  gammaDraws("gamma", k, alpha, shape, false);

/**
 * Logarithms of Gamma(alpha, 1) draws, like `jax.random.loggamma`: the same draws as
 * {@link gamma} for the same key, but computed as `log(d v) + log(U) / alpha` so they stay
 * finite for tiny `alpha`.
 */
export const loggamma: ParamSampler<Float64Array> = (k, alpha, shape) =>
  gammaDraws("loggamma", k, alpha, shape, true);

function gammaDraws(
  name: string,
  k: PRNGKey,
  alpha: number | Float64Array,
  shape: readonly number[],
  logSpace: boolean,
): Float64Array {
  const n = shapeSize(shape);
  const a = paramArray(name, "alpha", alpha, n, isPositiveFinite, "positive and finite");
  const out = new Float64Array(n);
  fillGamma(k.k0, k.k1, a, n, logSpace, out);
  return out;
}
