/**
 * The hierarchical M67 model of seed 004 ("gaia_cluster_model"), as a potential on
 * the unconstrained space that NUTS samples.
 *
 * Sites (constrained):   log_L ~ N(ln 370, 2), log_D ~ N(ln 920, 2), log_sigma ~ N(0, 2),
 *                        Q ~ U(0, 1), r_n ~ Q·LogNormal(log_D, σ) + (1-Q)·(L/2)·χ²₆,
 *                        plx_n ~ N(1000/r_n + zp_n, σ_plx,n).
 * Unconstrained vector:  [log_L, log_D, log_sigma, logit Q, log r_1 … log r_N], with the
 * log-Jacobians log Q + log(1-Q) (sigmoid) and Σ log r_n (exp) added, as NumPyro does
 * through `biject_to(support)`.
 */
import {
  add,
  compile,
  div,
  exp,
  log,
  logaddexp,
  logSigmoid,
  mul,
  neg,
  scalar,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
} from "@sidereal/tensor";
import type { M67Catalogue } from "./data.js";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
/** log of the χ²₆ normaliser 2³Γ(3) = 16. */
const LOG16 = Math.log(16);

export const PARAMETER_NAMES = ["log_L", "log_D", "log_sigma", "Q"] as const;

function normalLogpdf(x: Tensor, loc: number, scale: number): Tensor {
  return sub(mul(square(sub(x, loc)), -0.5 / (scale * scale)), Math.log(scale) + HALF_LOG_2PI);
}

/** Log-probability of the mixture components for each star, in distance r = e^z. */
export function componentLogProbs(z: Tensor, logL: Tensor, logD: Tensor, logSigma: Tensor) {
  // foreground: LogNormal(log_D, σ) in r: N(z | log_D, σ) - z
  const fg = sub(
    sub(sub(mul(square(div(sub(z, logD), exp(logSigma))), -0.5), logSigma), HALF_LOG_2PI),
    z,
  );
  // background: χ²₆ scaled by L/2: log χ²₆(r/(L/2)) - log(L/2), log χ²₆(u) = 2 log u - u/2 - log 16
  const logHalfL = sub(logL, Math.LN2);
  const u = sub(z, logHalfL);
  const bg = sub(sub(sub(mul(u, 2), mul(exp(u), 0.5)), LOG16), logHalfL);
  return { fg, bg };
}

/** log p(q) + log|J| for the unconstrained parameters (one argument per site). */
export function logDensity(cat: M67Catalogue): (...args: Tensor[]) => Tensor {
  const plx = tensor(cat.parallax);
  const err = tensor(cat.parallaxError);
  const zp = tensor(cat.zeroPoint);
  const logErr = log(err);
  return (logL, logD, logSigma, uQ, z) => {
    const logQ = logSigmoid(uQ);
    const log1mQ = logSigmoid(neg(uQ));
    const prior = add(
      add(normalLogpdf(logL, Math.log(370), 2), normalLogpdf(logD, Math.log(920), 2)),
      add(normalLogpdf(logSigma, 0, 2), add(logQ, log1mQ)),
    );
    const { fg, bg } = componentLogProbs(z, logL, logD, logSigma);
    const mixture = add(logaddexp(add(logQ, fg), add(log1mQ, bg)), z);
    const plxTrue = add(div(1000, exp(z)), zp);
    const likelihood = sub(
      sub(mul(square(div(sub(plx, plxTrue), err)), -0.5), logErr),
      HALF_LOG_2PI,
    );
    return add(sum(prior), add(sum(mixture), sum(likelihood)));
  };
}

/** The compiled potential U(q) = -log p(q) in the flat form samplers call. */
export function compilePotential(cat: M67Catalogue): {
  potential: (q: Float64Array, grad: Float64Array) => number;
  logDensityValue: (q: Float64Array) => number;
  dim: number;
} {
  const n = cat.parallax.length;
  const f = logDensity(cat);
  const negF = (...a: Tensor[]) => neg(f(...a));
  const compiled = compile(negF, [
    scalar(0),
    scalar(0),
    scalar(0),
    scalar(0),
    tensor(new Float64Array(n)),
  ]);
  return {
    potential: compiled.flat,
    logDensityValue: (q) => -compiled.flatValue(q),
    dim: n + 4,
  };
}

/** A starting point: prior medians for the population, inverse parallax for distances. */
export function initialPosition(cat: M67Catalogue): Float64Array {
  const n = cat.parallax.length;
  const q = new Float64Array(n + 4);
  q[0] = Math.log(370);
  q[1] = Math.log(920);
  q[2] = 0;
  q[3] = 0;
  for (let i = 0; i < n; i++) q[4 + i] = Math.log(1000 / Math.max(cat.parallax[i], 0.25));
  return q;
}

/** Constrained values of the population parameters for one unconstrained vector. */
export function constrainPopulation(q: Float64Array) {
  const [logL, logD, logSigma, u] = q;
  return {
    log_L: logL,
    log_D: logD,
    log_sigma: logSigma,
    Q: 1 / (1 + Math.exp(-u)),
    L: Math.exp(logL),
    D: Math.exp(logD),
    approx_size: Math.exp(logSigma + logD),
  };
}
