/**
 * The M67 cluster log-density of seed 004 (4 population parameters + one distance
 * per star) in unconstrained space, written three ways for the benchmark: with
 * tensor ops (eager and compiled) and as a hand-derived fused gradient loop.
 *
 * Parameters q = [log_L, log_D, log_sigma, logit_Q, z_1..z_n] with r_i = exp(z_i).
 * log p = N(log_L | ln 370, 2) + N(log_D | ln 920, 2) + N(log_sigma | 0, 2)
 *       + log Q + log(1-Q)                                  (logit Jacobian)
 *       + Σ_i [ logaddexp(log Q + fg_i, log(1-Q) + bg_i) + z_i ]   (mixture + exp Jacobian)
 *       + Σ_i N(plx_i | 1000/r_i + zp_i, err_i)
 * fg_i = N(z_i | log_D, e^{log_sigma}) - z_i  (log-normal in r)
 * bg_i = chi2_6(r_i / (L/2)) - log(L/2), chi2_6(u) = 2 log u - u/2 - log 16.
 */
import {
  add,
  div,
  exp,
  log,
  logaddexp,
  logSigmoid,
  mul,
  neg,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
} from "@sidereal/tensor";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const LOG16 = Math.log(16);

export interface M67Data {
  readonly plx: Float64Array;
  readonly plxErr: Float64Array;
  readonly zp: Float64Array;
}

/** Deterministic synthetic data of the M67 size (n stars) for timing. */
export function syntheticM67(n: number, seed = 1): M67Data {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const plx = new Float64Array(n);
  const plxErr = new Float64Array(n);
  const zp = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const member = rand() < 0.3;
    const r = member ? 880 + 40 * (rand() - 0.5) : 300 + 3000 * rand();
    plxErr[i] = 0.02 + 0.2 * rand();
    plx[i] = 1000 / r + plxErr[i] * (rand() - 0.5) * 2;
    zp[i] = -0.02 * rand();
  }
  return { plx, plxErr, zp };
}

/**
 * The log-density written with tensor ops, one argument per site (as the PPL's
 * potential is): f(logL, logD, logSigma, u, z) with scalars and z of length n.
 * `compile(...).flat` concatenates the arguments into the sampler's vector.
 */
export function m67LogDensity(data: M67Data): (...args: Tensor[]) => Tensor {
  const plx = tensor(data.plx);
  const err = tensor(data.plxErr);
  const zp = tensor(data.zp);
  const logErr = log(err);
  return (logL, logD, logSigma, u, z) => {
    const r = exp(z);
    const logQ = logSigmoid(u);
    const log1mQ = logSigmoid(neg(u));
    const sigma = exp(logSigma);
    const prior = add(
      add(normal(logL, Math.log(370), 2), normal(logD, Math.log(920), 2)),
      add(normal(logSigma, 0, 2), add(logQ, log1mQ)),
    );
    // foreground: log-normal in r
    const fg = sub(
      sub(sub(mul(square(div(sub(z, logD), sigma)), -0.5), logSigma), HALF_LOG_2PI),
      z,
    );
    // background: Chi2(6) scaled by L/2
    const logHalfL = sub(logL, Math.LN2);
    const w = exp(sub(z, logHalfL));
    const bg = sub(sub(sub(mul(sub(z, logHalfL), 2), mul(w, 0.5)), LOG16), logHalfL);
    const mix = add(logaddexp(add(logQ, fg), add(log1mQ, bg)), z);
    const plxTrue = add(div(1000, r), zp);
    const like = sub(sub(mul(square(div(sub(plx, plxTrue), err)), -0.5), logErr), HALF_LOG_2PI);
    return add(sum(prior), add(sum(mix), sum(like)));
  };
}
function normal(x: Tensor, mu: number, sigma: number): Tensor {
  return sub(mul(square(sub(x, mu)), -0.5 / (sigma * sigma)), Math.log(sigma) + HALF_LOG_2PI);
}

/** Hand-derived value and gradient in one fused loop (the physical baseline). */
export function m67HandGradient(data: M67Data): (q: Float64Array, g: Float64Array) => number {
  const { plx, plxErr, zp } = data;
  const n = plx.length;
  const lnErr = new Float64Array(n);
  for (let i = 0; i < n; i++) lnErr[i] = Math.log(plxErr[i]);
  const ln370 = Math.log(370);
  const ln920 = Math.log(920);
  return (q, g) => {
    const logL = q[0];
    const logD = q[1];
    const logSigma = q[2];
    const u = q[3];
    const logQ = u >= 0 ? -Math.log1p(Math.exp(-u)) : u - Math.log1p(Math.exp(u));
    const log1mQ = logQ - u;
    const Q = Math.exp(logQ);
    const sigma = Math.exp(logSigma);
    const inv2 = 1 / (sigma * sigma);
    const logHalfL = logL - Math.LN2;
    const invHalfL = Math.exp(-logHalfL);
    let lp =
      -0.5 * ((logL - ln370) / 2) ** 2 -
      0.5 * ((logD - ln920) / 2) ** 2 -
      0.5 * (logSigma / 2) ** 2 -
      3 * (Math.log(2) + HALF_LOG_2PI) +
      logQ +
      log1mQ;
    let gL = -(logL - ln370) / 4;
    let gD = -(logD - ln920) / 4;
    let gS = -logSigma / 4;
    let gU = 1 - 2 * Q; // d/du [log Q + log(1-Q)]
    for (let i = 0; i < n; i++) {
      const z = q[4 + i];
      const d = z - logD;
      const fg = -0.5 * d * d * inv2 - logSigma - HALF_LOG_2PI - z;
      const w = Math.exp(z) * invHalfL;
      const bg = 2 * (z - logHalfL) - 0.5 * w - LOG16 - logHalfL;
      const a = logQ + fg;
      const b = log1mQ + bg;
      const m = Math.max(a, b);
      const ea = Math.exp(a - m);
      const eb = Math.exp(b - m);
      const s = ea + eb;
      const mix = m + Math.log(s);
      const pa = ea / s;
      const pb = eb / s;
      const invR = Math.exp(-z);
      const resid = (plx[i] - 1000 * invR - zp[i]) / plxErr[i];
      lp += mix + z - 0.5 * resid * resid - lnErr[i] - HALF_LOG_2PI;
      // d/dz
      const dfg = -d * inv2 - 1;
      const dbg = 2 - 0.5 * w;
      g[4 + i] = pa * dfg + pb * dbg + 1 + (resid / plxErr[i]) * (-1000 * invR);
      gD += pa * d * inv2;
      gS += pa * (d * d * inv2 - 1);
      gL += pb * (-2 + 0.5 * w - 1);
      gU += pa * (1 - Q) - pb * Q;
    }
    g[0] = gL;
    g[1] = gD;
    g[2] = gS;
    g[3] = gU;
    return lp;
  };
}
