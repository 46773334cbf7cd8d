/**
 * `McmcResult`: the draws of an `mcmc` run, by site, with ArviZ dims, sampler statistics
 * with ArviZ names, and conversions (`getSamples`, `summary`, `printSummary`,
 * `toInferenceDataInput`).
 */
import { type Tensor, tensor } from "@sidereal/tensor";
import {
  DiagnosticsError,
  formatSummary,
  type SummaryOptions,
  type SummaryTable,
  summary,
} from "../diagnostics/index.js";
import type { InverseMassMatrix } from "../mcmc/index.js";
import type { ChainOutput } from "./runChain.js";

/** Draws of one site: row-major `draws` of `shape = [chain, draw, ...siteShape]`. */
export interface SiteDraws {
  readonly draws: Float64Array;
  readonly shape: readonly number[];
  /** `["chain", "draw", ...plate or default dim names]`. */
  readonly dims: readonly string[];
}

/** One sampler statistic, shape `[chain, draw]`. */
export interface StatDraws {
  readonly draws: Float64Array | Int32Array | Uint8Array;
  readonly shape: readonly [number, number];
  readonly dims: readonly ["chain", "draw"];
}

/** ArviZ names of the sampler statistics. */
export type SampleStatName =
  | "lp"
  | "energy"
  | "acceptance_rate"
  | "step_size"
  | "tree_depth"
  | "n_steps"
  | "diverging";

/** One variable of an InferenceData-shaped group (as `@sidereal/io`'s `Variable`). */
export interface InferenceVariable {
  readonly dims: readonly string[];
  readonly shape: readonly number[];
  readonly data: Float64Array | Int32Array | Uint8Array;
}

/** A plain object shaped like `@sidereal/io`'s `InferenceData` (posterior, sample_stats, observed_data). */
export interface InferenceDataInput {
  readonly posterior: { readonly variables: Record<string, InferenceVariable> };
  readonly sample_stats: { readonly variables: Record<string, InferenceVariable> };
  readonly observed_data: { readonly variables: Record<string, InferenceVariable> };
}

/** Tuning parameters adapted by one chain's warmup. */
export interface AdaptedParameters {
  readonly stepSize: number;
  readonly inverseMassMatrix: InverseMassMatrix;
}

const STAT_FIELDS: ReadonlyArray<readonly [SampleStatName, keyof ChainOutput["stats"]]> = [
  ["lp", "lp"],
  ["energy", "energy"],
  ["acceptance_rate", "acceptanceRate"],
  ["step_size", "stepSize"],
  ["tree_depth", "treeDepth"],
  ["n_steps", "numSteps"],
  ["diverging", "diverging"],
];

/** Options of `McmcResult.summary`: the diagnostics' options and the sites to include. */
export interface ResultSummaryOptions extends SummaryOptions {
  readonly varNames?: readonly string[];
}

/** The result of `mcmc`. */
export class McmcResult {
  /** Constrained draws of every latent and deterministic site. */
  readonly samples: Readonly<Record<string, SiteDraws>>;
  /** Sampler statistics, ArviZ names, shape `[chain, draw]`. */
  readonly sampleStats: Readonly<Record<SampleStatName, StatDraws>>;
  /** Adapted step size and inverse mass matrix, per chain. */
  readonly adapted: readonly AdaptedParameters[];
  /** Observed sites (data, shape, dims without chain/draw). */
  readonly observedData: Readonly<Record<string, InferenceVariable>>;
  readonly numChains: number;
  readonly numSamples: number;
  /** Names of the latent sites, in site order. */
  readonly latentNames: readonly string[];
  /**
   * Per chain: the iterations done by a crashed worker run that the chain resumed from
   * (`null` when it ran from its start).
   */
  readonly resumedFrom: readonly (number | null)[];

  /** Assembles the per-chain outputs (all chains of one model and option set). */
  constructor(chains: readonly ChainOutput[]) {
    const c0 = chains[0];
    const nc = chains.length;
    const n = c0.stats.lp.length;
    this.numChains = nc;
    this.numSamples = n;
    this.latentNames = c0.latent.map((s) => s.name);
    const samples: Record<string, SiteDraws> = {};
    for (const s of [...c0.latent, ...c0.deterministic]) {
      const per = c0.values[s.name].length;
      const draws = new Float64Array(nc * per);
      chains.forEach((c, i) => {
        draws.set(c.values[s.name], i * per);
      });
      samples[s.name] = {
        draws,
        shape: [nc, n, ...s.shape],
        dims: ["chain", "draw", ...s.dims],
      };
    }
    this.samples = samples;
    const stats = {} as Record<SampleStatName, StatDraws>;
    for (const [name, field] of STAT_FIELDS) {
      const first = c0.stats[field];
      const Ctor = first.constructor as new (len: number) => Float64Array | Int32Array | Uint8Array;
      const draws = new Ctor(nc * n);
      chains.forEach((c, i) => {
        draws.set(c.stats[field], i * n);
      });
      stats[name] = { draws, shape: [nc, n], dims: ["chain", "draw"] };
    }
    this.sampleStats = stats;
    this.adapted = chains.map((c) => c.adapted);
    this.resumedFrom = chains.map((c) => c.resumedFrom ?? null);
    const observed: Record<string, InferenceVariable> = {};
    for (const o of c0.observed)
      observed[o.name] = { dims: [...o.dims], shape: [...o.shape], data: o.value };
    this.observedData = observed;
  }

  /**
   * Draws as tensors by site: shape `[chain·draw, ...siteShape]` (chains concatenated), or
   * `[chain, draw, ...siteShape]` with `groupByChain`.
   */
  getSamples(options: { readonly groupByChain?: boolean } = {}): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, s] of Object.entries(this.samples)) {
      const shape = options.groupByChain ? s.shape : [s.shape[0] * s.shape[1], ...s.shape.slice(2)];
      out[name] = tensor(s.draws, shape);
    }
    return out;
  }

  /** Total divergent transitions over all chains. */
  get numDivergences(): number {
    let k = 0;
    for (const v of this.sampleStats.diverging.draws) k += v;
    return k;
  }

  /**
   * ArviZ `az.summary` table (see `summary` in diagnostics) of every site, or of the sites
   * named in `varNames` (ArviZ's `var_names`; an unknown name is a `DiagnosticsError`).
   */
  summary(options: ResultSummaryOptions = {}): SummaryTable {
    const { varNames, ...rest } = options;
    if (varNames === undefined) return summary(this.samples, rest);
    const picked: Record<string, SiteDraws> = {};
    for (const name of varNames) {
      const site = this.samples[name];
      if (site === undefined)
        throw new DiagnosticsError(
          `summary: no site "${name}" (sites: ${Object.keys(this.samples).join(", ")})`,
        );
      picked[name] = site;
    }
    return summary(picked, rest);
  }

  /** The summary as text (`formatSummary`) followed by the number of divergences. */
  summaryText(options?: ResultSummaryOptions): string {
    return `${formatSummary(this.summary(options))}\n\nNumber of divergences: ${this.numDivergences}`;
  }

  /** Prints {@link summaryText} with `console.log` (NumPyro's `print_summary`). */
  printSummary(options?: ResultSummaryOptions): void {
    console.log(this.summaryText(options));
  }

  /** A plain object shaped like `@sidereal/io`'s InferenceData (arrays are shared, not copied). */
  toInferenceDataInput(): InferenceDataInput {
    const posterior: Record<string, InferenceVariable> = {};
    for (const [name, s] of Object.entries(this.samples))
      posterior[name] = { dims: s.dims, shape: s.shape, data: s.draws };
    const sampleStats: Record<string, InferenceVariable> = {};
    for (const [name, s] of Object.entries(this.sampleStats))
      sampleStats[name] = { dims: s.dims, shape: s.shape, data: s.draws };
    return {
      posterior: { variables: posterior },
      sample_stats: { variables: sampleStats },
      observed_data: { variables: { ...this.observedData } },
    };
  }
}
