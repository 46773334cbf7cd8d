/**
 * Binomial(n, p) draws (internal). Every element gets its own key `split(key, size)[i]`
 * and a stream of uniforms (as the Poisson and gamma samplers do). With q = min(p, 1-p):
 * - n q < 10: inversion by summing geometric waiting times (Devroye, "Non-Uniform Random
 *   Variate Generation", 1986, ch. X.4, the "second waiting time method");
 * - n q ≥ 10: W. Hörmann, "The generation of binomial random variates", J. Statist.
 *   Comput. Simul. 46, 101-110 (1993), algorithm BTRS, with the published constants.
 * The draw for q is reflected (n - k) when p > 1/2.
 */
import { streamOpenUnit } from "../random/element-stream.js";
import type { PRNGKey } from "../random/index.js";
import { logFactorial } from "../random/log-factorial.js";
import { splitWords } from "../random/split.js";

function inversion(e0: number, e1: number, n: number, p: number): number {
  const logQ = Math.log1p(-p);
  let x = 0;
  let s = 0;
  let t = 0;
  for (;;) {
    s += Math.ceil(Math.log(streamOpenUnit(e0, e1, t++)) / logQ);
    if (s > n) return x;
    x++;
  }
}

function btrs(e0: number, e1: number, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  let t = 0;
  for (;;) {
    const u = streamOpenUnit(e0, e1, t++) - 0.5;
    const v = streamOpenUnit(e0, e1, t++);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    const lv = Math.log((v * alpha) / (a / (us * us) + b));
    if (lv <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

/** One Binomial(n, p) draw per element (n, p already validated and broadcast). */
export function binomialDraws(key: PRNGKey, n: Float64Array, p: Float64Array): Float64Array {
  const size = n.length;
  const keys = splitWords(key.k0, key.k1, size);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const ni = n[i];
    const flip = p[i] > 0.5;
    const pi = flip ? 1 - p[i] : p[i];
    let k: number;
    if (ni === 0 || pi === 0) k = 0;
    else if (ni * pi < 10) k = inversion(keys[2 * i], keys[2 * i + 1], ni, pi);
    else k = btrs(keys[2 * i], keys[2 * i + 1], ni, pi);
    out[i] = flip ? ni - k : k;
  }
  return out;
}
