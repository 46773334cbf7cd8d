/**
 * `compare({ name: logLik, … })`: ranks models by expected log predictive density, as ArviZ's
 * `az.compare` (and R loo's `loo_compare` for the differences): rows sorted by elpd, best
 * first, with `elpdDiff` = elpd_best − elpd_model (≥ 0) and `dse` its standard error
 * √(n · var_i(elpd_best,i − elpd_model,i)) — the paired difference, which is much smaller than
 * either model's own `se` when the models agree on most observations — and the models'
 * stacking (default) or pseudo-BMA weights. All models must be fitted to the same n
 * observations.
 */
import { LooError } from "./errors.js";
import { type LogLikInput, sampleVariance } from "./logLik.js";
import { type LooOptions, type LooResult, loo } from "./loo.js";
import { pseudoBmaWeights, stackingWeights } from "./stackingWeights.js";
import { type WaicResult, waic } from "./waic.js";

/** Options of {@link compare}. */
export interface CompareOptions {
  /** Information criterion (default `"loo"`). */
  readonly ic?: "loo" | "waic";
  /** Weighting method (default `"stacking"`). */
  readonly method?: "stacking" | "pseudo-BMA";
  /** Relative efficiency per model name, passed to `loo` (default: from each model's chains). */
  readonly rEff?: Readonly<Record<string, LooOptions["rEff"]>>;
  /** Observed site per model name when an `McmcResult` has several. */
  readonly varName?: Readonly<Record<string, string>>;
}

/** One row of {@link compare}'s table. */
export interface CompareRow {
  readonly name: string;
  /** 0 for the best model. */
  readonly rank: number;
  readonly elpd: number;
  /** p_loo or p_waic. */
  readonly p: number;
  /** elpd_best − elpd (0 for the best). */
  readonly elpdDiff: number;
  readonly weight: number;
  /** Standard error of `elpd`. */
  readonly se: number;
  /** Standard error of `elpdDiff` (0 for the best). */
  readonly dse: number;
  /** The model's own loo/waic warning. */
  readonly warning: boolean;
  /** The full loo or waic result. */
  readonly result: LooResult | WaicResult;
}

/** Compares models by PSIS-LOO or WAIC (see the module doc). Rows are best first. */
export function compare(
  models: Readonly<Record<string, LogLikInput>>,
  options: CompareOptions = {},
): CompareRow[] {
  if (typeof models !== "object" || models === null)
    throw new LooError({
      argument: "compare",
      reason: `expected { name: logLik, … }, got ${String(models)}`,
    });
  const names = Object.keys(models);
  if (names.length < 2)
    throw new LooError({
      argument: "compare",
      reason: `needs at least 2 models, got ${names.length}`,
    });
  const ic = options.ic ?? "loo";
  const method = options.method ?? "stacking";
  if (ic !== "loo" && ic !== "waic")
    throw new LooError({ argument: "ic", reason: `must be "loo" or "waic", got ${String(ic)}` });
  if (method !== "stacking" && method !== "pseudo-BMA")
    throw new LooError({
      argument: "method",
      reason: `must be "stacking" or "pseudo-BMA", got ${String(method)}`,
    });
  const results = names.map((name) => {
    const varName = options.varName?.[name];
    const rEff = options.rEff?.[name];
    if (ic === "waic") return waic(models[name], varName !== undefined ? { varName } : {});
    return loo(models[name], {
      ...(varName !== undefined ? { varName } : {}),
      ...(rEff !== undefined ? { rEff } : {}),
    });
  });
  const n = results[0].numObservations;
  results.forEach((r, k) => {
    if (r.numObservations !== n)
      throw new LooError({
        argument: names[k],
        reason: `has ${r.numObservations} observations, ${names[0]} has ${n}: models must be compared on the same data`,
      });
  });
  const weights =
    method === "stacking"
      ? stackingWeights(results.map((r) => r.elpdI))
      : pseudoBmaWeights(results.map((r) => r.elpd));
  const order = names.map((_, k) => k).sort((a, b) => results[b].elpd - results[a].elpd);
  const best = results[order[0]];
  const diff = new Float64Array(n);
  return order.map((k, rank) => {
    const r = results[k];
    for (let i = 0; i < n; i++) diff[i] = best.elpdI[i] - r.elpdI[i];
    return {
      name: names[k],
      rank,
      elpd: r.elpd,
      p: "pLoo" in r ? r.pLoo : r.pWaic,
      elpdDiff: best.elpd - r.elpd,
      weight: weights[k],
      se: r.se,
      dse: rank === 0 ? 0 : Math.sqrt(n * sampleVariance(diff)),
      warning: r.warning,
      result: r,
    };
  });
}
