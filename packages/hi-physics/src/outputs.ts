/**
 * What an application writes after a fit, computed from a model's results: ArviZ-shaped
 * InferenceData groups (structurally `@sidereal/io`'s `InferenceData`), the `az.summary`-like
 * table of a solution, the per-cloud summary and BIC records, the velocity matching of
 * posterior clouds to simulation truths (tutorial cell [41]), and the `simulated.json` layout.
 */
import { type SummaryKind, type SummaryTable, summary } from "@sidereal/autodiff-samplers";
import type { BaseHiModel } from "./base-model.js";
import { HiModelError } from "./errors.js";
import type { PriorPredictive } from "./predictive.js";
import type { SeedSimulation } from "./simulate.js";
import type { VariableGroup } from "./trace.js";

/** One variable of an InferenceData group. */
export interface InferenceVariableOut {
  readonly dims: readonly string[];
  readonly shape: readonly number[];
  readonly data: Float64Array | Int32Array | Uint8Array;
}

/** An InferenceData group. */
export interface DatasetOut {
  readonly variables: Record<string, InferenceVariableOut>;
}

/** A variable group as an InferenceData dataset. */
export function toDataset(group: VariableGroup): DatasetOut {
  const variables: Record<string, InferenceVariableOut> = {};
  for (const [name, v] of Object.entries(group))
    variables[name] = { dims: v.dims, shape: v.shape, data: v.values };
  return { variables };
}

/**
 * InferenceData groups of a fitted model: `posterior` (of `solution` when given, else all
 * chains), `sample_stats` (NUTS), `log_likelihood` (of the same chains), `observed_data`, and the
 * optional `prior`, `prior_predictive`, `posterior_predictive`.
 */
export function inferenceData(
  model: BaseHiModel<object>,
  options: {
    readonly solution?: number;
    readonly prior?: PriorPredictive;
    readonly posteriorPredictive?: VariableGroup;
  } = {},
): Record<string, DatasetOut> {
  const trace = model.requireTrace("inferenceData");
  const chains = options.solution === undefined ? null : trace.solutions[options.solution]?.chains;
  if (options.solution !== undefined && !chains)
    throw new HiModelError({
      method: "inferenceData",
      argument: "solution",
      message: `no solution ${options.solution}`,
    });
  const pick = (g: VariableGroup): VariableGroup => (chains ? selectChains(g, chains) : g);
  const out: Record<string, DatasetOut> = {
    posterior: toDataset(model.posteriorOf(options.solution)),
    log_likelihood: toDataset(pick(trace.logLikelihood)),
  };
  if (Object.keys(trace.sampleStats).length > 0) {
    const stats: Record<string, InferenceVariableOut> = {};
    for (const [name, s] of Object.entries(trace.sampleStats))
      stats[name] = chains ? selectStat(s, chains) : { dims: s.dims, shape: s.shape, data: s.data };
    out.sample_stats = { variables: stats };
  }
  const observed: Record<string, InferenceVariableOut> = {};
  for (const [key, s] of Object.entries(model.data))
    observed[key] = { dims: [`${key}_dim_0`], shape: [s.brightness.length], data: s.brightness };
  out.observed_data = { variables: observed };
  if (options.prior) {
    out.prior = toDataset(options.prior.prior);
    out.prior_predictive = toDataset(options.prior.priorPredictive);
  }
  if (options.posteriorPredictive)
    out.posterior_predictive = toDataset(options.posteriorPredictive);
  return out;
}

/** The chains `chains` of every variable of a group (in that order). */
export function selectChains(group: VariableGroup, chains: readonly number[]): VariableGroup {
  const out: VariableGroup = {};
  for (const [name, v] of Object.entries(group)) {
    const per = v.values.length / v.shape[0];
    const values = new Float64Array(chains.length * per);
    chains.forEach((c, i) => {
      values.set(v.values.subarray(c * per, (c + 1) * per), i * per);
    });
    out[name] = { values, dims: v.dims, shape: [chains.length, ...v.shape.slice(1)] };
  }
  return out;
}

function selectStat(
  s: {
    readonly data: Float64Array | Int32Array | Uint8Array;
    readonly dims: readonly string[];
    readonly shape: readonly number[];
  },
  chains: readonly number[],
): InferenceVariableOut {
  const per = s.shape[1];
  const Ctor = s.data.constructor as new (n: number) => Float64Array | Int32Array | Uint8Array;
  const data = new Ctor(chains.length * per);
  chains.forEach((c, i) => {
    data.set(s.data.subarray(c * per, (c + 1) * per), i * per);
  });
  return { dims: s.dims, shape: [chains.length, per], data };
}

/** Options of {@link posteriorSummary}. */
export interface PosteriorSummaryOptions {
  /** Summarise solution k (default: all chains). */
  readonly solution?: number;
  /** Variables in this order (default: all). */
  readonly varNames?: readonly string[];
  readonly hdiProb?: number;
  readonly kind?: SummaryKind;
}

/** ArviZ `az.summary` of the posterior (or of a solution): rows `name` or `name[k]`. */
export function posteriorSummary(
  model: BaseHiModel<object>,
  options: PosteriorSummaryOptions = {},
): SummaryTable {
  const group = model.posteriorOf(options.solution);
  const names = options.varNames ?? Object.keys(group);
  const posterior: Record<string, { draws: Float64Array; shape: readonly number[] }> = {};
  for (const name of names) {
    const v = group[name];
    if (!v)
      throw new HiModelError({
        method: "posteriorSummary",
        argument: name,
        message: `no variable "${name}" in the posterior`,
      });
    posterior[name] = { draws: v.values, shape: v.shape };
  }
  return summary(posterior, {
    ...(options.hdiProb !== undefined ? { hdiProb: options.hdiProb } : {}),
    ...(options.kind !== undefined ? { kind: options.kind } : {}),
  });
}

/** Per-cloud statistics of one variable (the app's `summary.json` entries). */
export type CloudStats = Readonly<Record<string, number>>;

/**
 * Variable → list (one entry per cloud, or one for non-cloud variables) of the summary columns
 * `columns` (default mean, sd, hdi_3%, hdi_97%, r_hat, ess_bulk; "all": every column computed).
 */
export function perCloudSummary(
  model: BaseHiModel<object>,
  options: PosteriorSummaryOptions & { readonly columns?: readonly string[] | "all" } = {},
): Record<string, CloudStats[]> {
  const table = posteriorSummary(model, options);
  const first = Object.values(table)[0] ?? {};
  const columns =
    options.columns === "all"
      ? Object.keys(first)
      : (options.columns ?? ["mean", "sd", "hdi_3%", "hdi_97%", "r_hat", "ess_bulk"]);
  const out: Record<string, CloudStats[]> = {};
  for (const [row, stats] of Object.entries(table)) {
    const name = row.replace(/\[.*\]$/, "");
    const picked: Record<string, number> = {};
    for (const c of columns) if (c in stats) picked[c] = stats[c];
    (out[name] ??= []).push(picked);
  }
  return out;
}

/** The BIC record `{ k, n, mean_lnlike, bic }` (bayes_spec's bic of a chain set or solution). */
export function bicSummary(
  model: BaseHiModel<object>,
  options: { readonly chain?: number | readonly number[]; readonly solution?: number } = {},
): { k: number; n: number; mean_lnlike: number; bic: number } {
  const meanLnlike = model.meanLnlike(options);
  return { k: model.nParams, n: model.nData, mean_lnlike: meanLnlike, bic: model.bic(options) };
}

/**
 * Tutorial cell [41]: for each posterior cloud i (of `solution`, or all chains), the index of the
 * truth whose velocity is nearest to the posterior mean velocity.
 */
export function matchCloudsByVelocity(
  model: BaseHiModel<object>,
  truthVelocity: ArrayLike<number>,
  solution?: number,
): number[] {
  const v = model.posteriorOf(solution).velocity;
  if (!v)
    throw new HiModelError({
      method: "matchCloudsByVelocity",
      argument: "velocity",
      message: "no velocity in the posterior",
    });
  const n = v.shape[2];
  const draws = v.values.length / n;
  return Array.from({ length: n }, (_, k) => {
    let s = 0;
    for (let d = 0; d < draws; d++) s += v.values[d * n + k];
    const mean = s / draws;
    let best = 0;
    for (let j = 1; j < truthVelocity.length; j++)
      if (Math.abs(truthVelocity[j] - mean) < Math.abs(truthVelocity[best] - mean)) best = j;
    return best;
  });
}

/** The `simulated.json` layout: spectra as arrays, params name → value or per-cloud array. */
export interface SimulatedJson {
  readonly emission: {
    spectral: number[];
    brightness: number[];
    noise: number[];
    xlabel: string;
    ylabel: string;
  };
  readonly absorption: {
    spectral: number[];
    brightness: number[];
    noise: number[];
    xlabel: string;
    ylabel: string;
  };
  readonly params: Record<string, number | number[]>;
}

/** A simulation as plain JSON (see {@link SimulatedJson}); decode it back with `decodeSpecDataMap`. */
export function simulatedJson(sim: SeedSimulation): SimulatedJson {
  const spectrum = (s: SeedSimulation["emission"]) => ({
    spectral: Array.from(s.spectral),
    brightness: Array.from(s.brightness),
    noise: Array.from(s.noise),
    xlabel: s.xlabel,
    ylabel: s.ylabel,
  });
  const params: Record<string, number | number[]> = {};
  for (const [k, v] of Object.entries(sim.params))
    params[k] = v.length === 1 && k.startsWith("baseline_") ? v[0] : Array.from(v);
  return { emission: spectrum(sim.emission), absorption: spectrum(sim.absorption), params };
}

/** One posterior cloud against the simulation cloud it matches (see {@link biasRows}). */
export interface BiasRow {
  /** Posterior cloud index. */
  readonly cloud: number;
  /** Index of the matched truth cloud (nearest velocity). */
  readonly truthIndex: number;
  /** Truth of each requested variable present in `truths`. */
  readonly truth: Record<string, number>;
  /** Posterior statistics (mean, sd, HDI bounds) of each requested variable in the posterior. */
  readonly posterior: Record<string, CloudStats>;
}

/**
 * The bias study's table (tutorial's closing note): per posterior cloud, matched to the truths
 * by velocity, the true values and the posterior statistics of `names` (default tspin,
 * tau_total, absorption_weight, log10_NHI; a name missing from the posterior, such as
 * absorption_weight under the constant-column-density assumption, is left out).
 */
export function biasRows(
  model: BaseHiModel<object>,
  truths: Readonly<Record<string, ArrayLike<number>>>,
  options: {
    readonly solution?: number;
    readonly names?: readonly string[];
    readonly hdiProb?: number;
  } = {},
): BiasRow[] {
  if (!truths.velocity)
    throw new HiModelError({
      method: "biasRows",
      argument: "truths",
      message: "truths need the cloud velocities",
    });
  const match = matchCloudsByVelocity(model, truths.velocity, options.solution);
  const group = model.posteriorOf(options.solution);
  const requested = options.names ?? ["tspin", "tau_total", "absorption_weight", "log10_NHI"];
  const names = requested.filter((n) => n in group);
  const stats = perCloudSummary(model, {
    varNames: names,
    kind: "stats",
    columns: "all",
    ...(options.solution !== undefined ? { solution: options.solution } : {}),
    ...(options.hdiProb !== undefined ? { hdiProb: options.hdiProb } : {}),
  });
  return match.map((truthIndex, cloud) => {
    const truth: Record<string, number> = {};
    const posterior: Record<string, CloudStats> = {};
    for (const n of requested) if (truths[n]) truth[n] = truths[n][truthIndex];
    for (const n of names) posterior[n] = stats[n][cloud];
    return { cloud, truthIndex, truth, posterior };
  });
}
