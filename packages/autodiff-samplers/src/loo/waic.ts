/**
 * WAIC (Watanabe 2010; R loo's `waic`, ArviZ's `az.waic`) on the log scale:
 *
 *   lpd_i = log( (1/S) Σ_s p(y_i|θ^s) ),  p_waic,i = var_s log p(y_i|θ^s)  (denominator S − 1)
 *   elpd_waic = Σ_i (lpd_i − p_waic,i),  waic = −2 elpd_waic,  se = √(n · var_i(elpd_waic,i))
 *
 * `warning` is true when some p_waic,i > 0.4, where WAIC is known to be unreliable and PSIS-LOO
 * should be used (Vehtari, Gelman & Gabry 2017).
 */
import {
  estimateAndSe,
  type LogLikInput,
  logLikMatrix,
  logSumExp,
  observationColumn,
  sampleVariance,
} from "./logLik.js";

/** Options of {@link waic}. */
export interface WaicOptions {
  /** Observed site to use when an `McmcResult` has several (ArviZ's `var_name`). */
  readonly varName?: string;
}

/** The result of {@link waic}. */
export interface WaicResult {
  readonly elpd: number;
  readonly se: number;
  readonly pWaic: number;
  readonly sePWaic: number;
  /** −2 · elpd. */
  readonly waic: number;
  readonly elpdI: Float64Array;
  readonly pWaicI: Float64Array;
  /** Some p_waic,i > 0.4. */
  readonly warning: boolean;
  readonly numDraws: number;
  readonly numObservations: number;
}

/** WAIC of a pointwise log-likelihood (see the module doc). */
export function waic(logLik: LogLikInput, options: WaicOptions = {}): WaicResult {
  const m = logLikMatrix(logLik, "waic", options.varName);
  const [chains, draws, n] = m.shape;
  const s = chains * draws;
  const elpdI = new Float64Array(n);
  const pWaicI = new Float64Array(n);
  const col = new Float64Array(s);
  for (let i = 0; i < n; i++) {
    observationColumn(m, i, col);
    pWaicI[i] = sampleVariance(col);
    elpdI[i] = logSumExp(col) - Math.log(s) - pWaicI[i];
  }
  const elpd = estimateAndSe(elpdI);
  const p = estimateAndSe(pWaicI);
  return {
    elpd: elpd.estimate,
    se: elpd.se,
    pWaic: p.estimate,
    sePWaic: p.se,
    waic: -2 * elpd.estimate,
    elpdI,
    pWaicI,
    warning: pWaicI.some((v) => v > 0.4),
    numDraws: s,
    numObservations: n,
  };
}
