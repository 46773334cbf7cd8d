/**
 * PSIS-LOO (Vehtari, Gelman & Gabry 2017, Stat. Comput. 27; R loo's `loo`, ArviZ's `az.loo`):
 * the expected log pointwise predictive density of leave-one-out prediction, estimated from
 * one posterior sample by Pareto smoothed importance sampling with ratios 1/p(y_i|θ):
 *
 *   elpd_loo,i = log Σ_s w_i^s p(y_i|θ^s)   (w normalised PSIS weights)
 *   lpd_i = log( (1/S) Σ_s p(y_i|θ^s) ),  p_loo,i = lpd_i − elpd_loo,i,  looic = −2 elpd_loo
 *   se = √(n · var_i(elpd_loo,i))
 *
 * `rEff` (one number or one per observation) sets the tail length; by default it is computed
 * from the chains per observation (`relativeEff`, as loo's `relative_eff(exp(ll), chain_id)`);
 * pass 1 for independent draws. `warning` is true when some k̂ exceeds ArviZ's threshold
 * min(1 − 1/log10(S), 0.7): those observations' estimates are unreliable.
 */
import { LooError } from "./errors.js";
import {
  estimateAndSe,
  type LogLikInput,
  logLikMatrix,
  logSumExp,
  observationColumn,
} from "./logLik.js";
import { psisSmooth } from "./psis.js";
import { relativeEff } from "./relativeEff.js";

/** Options of {@link loo}. */
export interface LooOptions {
  /** Relative efficiency, one value or one per observation (default: from the chains). */
  readonly rEff?: number | ArrayLike<number>;
  /** Observed site to use when an `McmcResult` has several (ArviZ's `var_name`). */
  readonly varName?: string;
}

/** The result of {@link loo}. */
export interface LooResult {
  /** Σ_i elpd_loo,i. */
  readonly elpd: number;
  /** Standard error of `elpd`. */
  readonly se: number;
  /** Effective number of parameters Σ_i p_loo,i. */
  readonly pLoo: number;
  /** Standard error of `pLoo`. */
  readonly sePLoo: number;
  /** −2 · elpd (deviance scale). */
  readonly looic: number;
  /** Pointwise elpd_loo,i. */
  readonly elpdI: Float64Array;
  /** Pointwise p_loo,i. */
  readonly pLooI: Float64Array;
  /** Pareto k̂ of each observation. */
  readonly paretoK: Float64Array;
  /** The k̂ above which an observation's estimate is unreliable: min(1 − 1/log10(S), 0.7). */
  readonly kThreshold: number;
  /** Some k̂ > `kThreshold`. */
  readonly warning: boolean;
  /** The relative efficiencies used. */
  readonly rEff: Float64Array;
  /** Number of draws S (chains × draws) and of observations n. */
  readonly numDraws: number;
  readonly numObservations: number;
}

function rEffOf(option: LooOptions["rEff"], n: number, compute: () => Float64Array): Float64Array {
  if (option === undefined) return compute();
  const r =
    typeof option === "number" ? new Float64Array(n).fill(option) : Float64Array.from(option);
  if (r.length !== n)
    throw new LooError({
      argument: "rEff",
      reason: `has ${r.length} values for ${n} observations`,
    });
  for (const v of r)
    if (!(v > 0) || !Number.isFinite(v))
      throw new LooError({ argument: "rEff", reason: `values must be finite and > 0, got ${v}` });
  return r;
}

/** PSIS-LOO of a pointwise log-likelihood (see the module doc). */
export function loo(logLik: LogLikInput, options: LooOptions = {}): LooResult {
  const m = logLikMatrix(logLik, "loo", options.varName);
  const [chains, draws, n] = m.shape;
  const s = chains * draws;
  const rEff = rEffOf(options.rEff, n, () => relativeEff(m));
  const elpdI = new Float64Array(n);
  const pLooI = new Float64Array(n);
  const paretoK = new Float64Array(n);
  const col = new Float64Array(s);
  const negated = new Float64Array(s);
  const weighted = new Float64Array(s);
  for (let i = 0; i < n; i++) {
    observationColumn(m, i, col);
    for (let j = 0; j < s; j++) negated[j] = -col[j];
    const { logWeights, paretoK: k } = psisSmooth(negated, rEff[i]);
    for (let j = 0; j < s; j++) weighted[j] = col[j] + logWeights[j];
    elpdI[i] = logSumExp(weighted);
    pLooI[i] = logSumExp(col) - Math.log(s) - elpdI[i];
    paretoK[i] = k;
  }
  const elpd = estimateAndSe(elpdI);
  const p = estimateAndSe(pLooI);
  const kThreshold = Math.min(1 - 1 / Math.log10(s), 0.7);
  return {
    elpd: elpd.estimate,
    se: elpd.se,
    pLoo: p.estimate,
    sePLoo: p.se,
    looic: -2 * elpd.estimate,
    elpdI,
    pLooI,
    paretoK,
    kThreshold,
    warning: paretoK.some((k) => k > kThreshold),
    rEff,
    numDraws: s,
    numObservations: n,
  };
}
