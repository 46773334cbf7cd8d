/**
 * `McmcResult`: the draws of an `mcmc` run, by site, with ArviZ dims, sampler statistics
 * with ArviZ names, the pointwise log-likelihood of the observed sites (computed on demand
 * from the model), and conversions (`getSamples`, `summary`, `printSummary`,
 * `logLikelihoodMatrix` for `loo`/`waic`, `toInferenceDataInput`).
 */
import { sizeOf, type Tensor, tensor } from "@sidereal/tensor";
import {
  DiagnosticsError,
  formatSummary,
  type SummaryOptions,
  type SummaryTable,
  summary,
} from "../diagnostics/index.js";
import type { LogLikMatrix, LogLikSource } from "../loo/index.js";
import type { InverseMassMatrix } from "../mcmc/index.js";
import { ModelError } from "./errors.js";
import type { LogLikelihoodOptions, PointwiseLogLik } from "./logLikelihood.js";
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

/** One group of an {@link InferenceDataInput}. */
export interface InferenceGroup {
  readonly variables: Record<string, InferenceVariable>;
}

/**
 * A plain object shaped like `@sidereal/io`'s `InferenceData`: posterior, sample_stats and
 * observed_data always; log_likelihood, prior, prior_predictive and posterior_predictive when
 * asked for (see `McmcResult.toInferenceDataInput`).
 */
export interface InferenceDataInput {
  readonly posterior: InferenceGroup;
  readonly sample_stats: InferenceGroup;
  readonly observed_data: InferenceGroup;
  readonly log_likelihood?: InferenceGroup;
  readonly prior?: InferenceGroup;
  readonly prior_predictive?: InferenceGroup;
  readonly posterior_predictive?: InferenceGroup;
}

/** Options of `McmcResult.toInferenceDataInput`. */
export interface InferenceDataOptions {
  /**
   * Write the `log_likelihood` group (default true when the result knows its model and the
   * model has observed sites). Costs one pass of the model over the draws and, stored,
   * 8 bytes per draw and observation.
   */
  readonly logLikelihood?: boolean;
  /**
   * Prior predictive draws, `Predictive(model, { numSamples })(key, dataWithoutObs)`: the
   * observed sites go to `prior_predictive`, the others to `prior`, with chain = 1.
   */
  readonly prior?: Readonly<Record<string, Tensor>>;
  /**
   * Posterior predictive draws, `Predictive(model, { posteriorSamples: result.getSamples() })`:
   * the `posterior_predictive` group, `[chain, draw, ...]` as the posterior.
   */
  readonly posteriorPredictive?: Readonly<Record<string, Tensor>>;
}

/** What `mcmc` gives an `McmcResult` so that it can evaluate its model's log-likelihood. */
export interface McmcResultSource {
  readonly logLikelihood: (
    latentDraws: Readonly<Record<string, Tensor>>,
    options: LogLikelihoodOptions,
  ) => Record<string, PointwiseLogLik>;
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
export class McmcResult implements LogLikSource {
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

  readonly #source: McmcResultSource | undefined;
  #logLikelihood: Readonly<Record<string, SiteDraws>> | undefined;

  /**
   * Assembles the per-chain outputs (all chains of one model and option set); `source` (given
   * by `mcmc`) lets the result evaluate the model's pointwise log-likelihood.
   */
  constructor(chains: readonly ChainOutput[], source?: McmcResultSource) {
    this.#source = source;
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

  /**
   * Pointwise log-likelihood of every observed site per draw (`logLikelihood` of
   * `ppl/logLikelihood.ts`: vectorised in chunks where the model broadcasts), shape
   * `[chain, draw, ...siteBatchShape]`, dims `["chain", "draw", ...site dims]`. Computed on
   * the first call and kept. A `ModelError` when the result was assembled without its model.
   */
  logLikelihood(
    options: Omit<LogLikelihoodOptions, "sites"> = {},
  ): Readonly<Record<string, SiteDraws>> {
    if (this.#logLikelihood !== undefined) return this.#logLikelihood;
    if (this.#source === undefined)
      throw new ModelError(
        "bad-argument",
        "",
        "McmcResult.logLikelihood: this result was assembled without its model (results of mcmc/mcmcEffect have it)",
      );
    const sites = Object.keys(this.observedData);
    const out: Record<string, SiteDraws> = {};
    if (sites.length > 0) {
      const nc = this.numChains;
      const n = this.numSamples;
      const latent: Record<string, Tensor> = {};
      for (const name of this.latentNames) {
        const s = this.samples[name];
        latent[name] = tensor(s.draws, [nc * n, ...s.shape.slice(2)]);
      }
      const pointwise = this.#source.logLikelihood(latent, { ...options, sites });
      for (const [name, p] of Object.entries(pointwise))
        out[name] = {
          draws: p.data,
          shape: [nc, n, ...p.shape],
          dims: ["chain", "draw", ...p.dims],
        };
    }
    this.#logLikelihood = out;
    return out;
  }

  /**
   * The log-likelihood of one observed site as `{ shape: [chains, draws, n], data }` (the
   * site's dims flattened), the input of `loo`, `waic` and `compare`, which also accept the
   * result itself. `varName` is needed when the model has several observed sites.
   */
  logLikelihoodMatrix(varName?: string): LogLikMatrix {
    const all = this.logLikelihood();
    const names = Object.keys(all);
    const name = varName ?? (names.length === 1 ? names[0] : undefined);
    if (name === undefined || all[name] === undefined)
      throw new ModelError(
        "bad-argument",
        varName ?? "",
        varName === undefined
          ? `logLikelihoodMatrix: the model has ${names.length} observed sites (${names.join(", ")}): name one`
          : `logLikelihoodMatrix: no observed site "${varName}" (observed: ${names.join(", ")})`,
      );
    const s = all[name];
    return { shape: [this.numChains, this.numSamples, sizeOf(s.shape.slice(2))], data: s.draws };
  }

  /**
   * A plain object shaped like `@sidereal/io`'s InferenceData (arrays of the posterior and
   * statistics are shared, not copied): posterior, sample_stats, observed_data, and (see
   * {@link InferenceDataOptions}) log_likelihood, prior, prior_predictive and
   * posterior_predictive.
   */
  toInferenceDataInput(options: InferenceDataOptions = {}): InferenceDataInput {
    const posterior: Record<string, InferenceVariable> = {};
    for (const [name, s] of Object.entries(this.samples))
      posterior[name] = { dims: s.dims, shape: s.shape, data: s.draws };
    const sampleStats: Record<string, InferenceVariable> = {};
    for (const [name, s] of Object.entries(this.sampleStats))
      sampleStats[name] = { dims: s.dims, shape: s.shape, data: s.draws };
    const groups: {
      -readonly [K in keyof InferenceDataInput]: InferenceDataInput[K];
    } = {
      posterior: { variables: posterior },
      sample_stats: { variables: sampleStats },
      observed_data: { variables: { ...this.observedData } },
    };
    const wantLogLik =
      options.logLikelihood ??
      (this.#source !== undefined && Object.keys(this.observedData).length > 0);
    if (wantLogLik) {
      const variables: Record<string, InferenceVariable> = {};
      for (const [name, s] of Object.entries(this.logLikelihood()))
        variables[name] = { dims: s.dims, shape: s.shape, data: s.draws };
      groups.log_likelihood = { variables };
    }
    if (options.posteriorPredictive !== undefined)
      groups.posterior_predictive = this.#predictiveGroup(options.posteriorPredictive, "posterior");
    if (options.prior !== undefined) {
      const latent: Record<string, Tensor> = {};
      const observed: Record<string, Tensor> = {};
      for (const [name, t] of Object.entries(options.prior))
        (name in this.observedData ? observed : latent)[name] = t;
      groups.prior = this.#predictiveGroup(latent, "prior");
      groups.prior_predictive = this.#predictiveGroup(observed, "prior");
    }
    return groups;
  }

  /**
   * Predictive draws `[draws, ...shape]` as a group: `[chain, draw, ...shape]` with the
   * posterior's chains when the count is chains × draws (posterior predictive), else one chain
   * (prior: ArviZ's convention). Dims as the observed or posterior site of the same name and
   * shape, else ArviZ's `${name}_dim_${i}`.
   */
  #predictiveGroup(
    draws: Readonly<Record<string, Tensor>>,
    kind: "prior" | "posterior",
  ): InferenceGroup {
    const variables: Record<string, InferenceVariable> = {};
    for (const [name, t] of Object.entries(draws)) {
      const count = t.shape[0];
      const rest = t.shape.slice(1);
      const lead =
        kind === "posterior" && count === this.numChains * this.numSamples
          ? [this.numChains, this.numSamples]
          : [1, count];
      const known =
        this.observedData[name]?.dims ??
        this.samples[name]?.dims.slice(2) ??
        rest.map((_, i) => `${name}_dim_${i}`);
      const knownShape = this.observedData[name]?.shape ?? this.samples[name]?.shape.slice(2);
      const sameShape =
        knownShape !== undefined &&
        knownShape.length === rest.length &&
        knownShape.every((v, i) => v === rest[i]);
      const dims = sameShape ? known : rest.map((_, i) => `${name}_dim_${i}`);
      variables[name] = {
        dims: ["chain", "draw", ...dims],
        shape: [...lead, ...rest],
        data: t.data,
      };
    }
    return { variables };
  }
}
