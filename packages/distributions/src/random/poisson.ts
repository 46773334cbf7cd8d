// Small rates: Knuth's multiplication method (TAOCP vol. 2, 3.4.1), in log space.
// Large rates: W. Hörmann, "The transformed rejection method for generating Poisson random
// variables", Insurance: Mathematics and Economics 12, 39-45 (1993), algorithm PTRS, with the
// published constants.

import { streamOpenUnit } from "./element-stream.js";
import { logFactorial } from "./log-factorial.js";
import { type ParamSampler, paramArray } from "./params.js";
import { shapeSize } from "./shape.js";
import { splitWords } from "./split.js";

/** Rates at or above this use PTRS; below it, Knuth's method. */
const PTRS_THRESHOLD = 10;

/** Knuth: count uniforms until their product falls below `exp(-rate)` (sum of logs). */
function knuth(e0: number, e1: number, rate: number): number {
  let t = 0;
  let k = 0;
  let logProd = Math.log(streamOpenUnit(e0, e1, t++));
  while (logProd >= -rate) {
    k++;
    logProd += Math.log(streamOpenUnit(e0, e1, t++));
  }
  return k;
}

/** Hörmann's PTRS transformed rejection for `rate >= 10`. */
function ptrs(e0: number, e1: number, rate: number): number {
  const logRate = Math.log(rate);
  const b = 0.931 + 2.53 * Math.sqrt(rate);
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  let t = 0;
  for (;;) {
    const u = streamOpenUnit(e0, e1, t++) - 0.5;
    const v = streamOpenUnit(e0, e1, t++);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + rate + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
    if (lhs <= -rate + k * logRate - logFactorial(k)) return k;
  }
}

const isRate = (x: number): boolean => x >= 0 && x < 2 ** 40;

/**
 * Poisson draws returned as float64 counts. `rate` is a number or a `Float64Array` with one rate
 * per element, each in `[0, 2^40)`. Rates below 10 use Knuth's method; rates of 10 and above
 * use Hörmann's PTRS (1993) transformed rejection with a local `log k!` (table below 10,
 * Stirling series above). Element `i` draws from its own subkey `split(key, n)[i]`, so it does
 * not depend on the rejections of other elements.
 */
export const poisson: ParamSampler<Float64Array> = (k, rate, shape) => {
  const n = shapeSize(shape);
  const r = paramArray("poisson", "rate", rate, n, isRate, "in [0, 2^40)");
  const keys = splitWords(k.k0, k.k1, n);
  const out = new Float64Array(n);
  const len = r.length;
  for (let i = 0; i < n; i++) {
    const lam = r[i % len]!;
    const e0 = keys[2 * i]!;
    const e1 = keys[2 * i + 1]!;
    out[i] = lam === 0 ? 0 : lam < PTRS_THRESHOLD ? knuth(e0, e1, lam) : ptrs(e0, e1, lam);
  }
  return out;
};
