/**
 * `BaseHiModel`: what bayes_spec's `BaseModel` gives every caribou_hi class (spec §3.2–3.3) —
 * the data, cloud count and baseline degree, `addPriors` / `addLikelihood`, the parameter lists
 * (`cloudFreeRVs`, `cloudDeterministics`, `baselineFreeRVs`, …, in creation order), the number
 * of free parameters and data, TeX labels, the model string, validation, baseline prediction,
 * and the likelihood summaries `meanLnlike`, `bic`, `nullBic`.
 *
 * The model itself is `hiModel` (one importable model of the PPL) run on `modelData()`; this
 * class holds the configuration and the results (`trace`, `solutions`).
 */
import {
  type AdviResult,
  InitializationError,
  initializeModel,
  initToValue,
  seed as seedHandler,
  siteDims,
  trace as traceHandler,
} from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import type { PosteriorSolution, SolvePosteriorResult } from "@sidereal/gmm-solver";
import type { Tensor } from "@sidereal/tensor";
import { Effect } from "effect";
import { HiModelError } from "./errors.js";
import { type FitOptions, fitModel, fitModelEffect } from "./fit.js";
import { hiModel } from "./hi-model.js";
import { initialPoint } from "./initial-point.js";
import { varNameMap } from "./labels.js";
import {
  datasetData,
  type HiModelData,
  type HiModelKind,
  REQUIRED_DATASETS,
} from "./model-data.js";
import { type GraphSite, modelString } from "./model-graph.js";
import { nullBic } from "./null-bic.js";
import {
  type PriorPredictive,
  samplePosteriorPredictive,
  samplePriorPredictive,
} from "./predictive.js";
import {
  type AnyPriorOptions,
  type PriorDefaultsOverride,
  type ResolvedPriors,
  resolvePriors,
} from "./priors.js";
import { type SampleOptions, sampleModelEffect } from "./sample.js";
import { type SolveOptions, solveModel } from "./solve.js";
import { type SpecData, type SpecDataLike, specData } from "./spec-data.js";
import type { HiTrace, VariableGroup } from "./trace.js";

/** Constructor options (bayes_spec's BaseModel arguments plus caribou_hi's). */
export interface HiModelOptions {
  /** Number of clouds (≥ 1). */
  readonly nClouds: number;
  /** Polynomial baseline degree (default 0). */
  readonly baselineDegree?: number;
  /** Background temperature of the emission radiative transfer, K (default 3.77). */
  readonly bgTemp?: number;
  /** Seed of every random step (default 1234, as bayes_spec). */
  readonly seed?: number;
  /** Print progress messages (default false; true when `output` is given). */
  readonly verbose?: boolean;
  /**
   * Where the verbose messages and the ADVI/NUTS progress go, as lines (default: messages on
   * stdout, progress on stderr, as PyMC). Apps pass a Logger-backed stream
   * (`@sidereal/runtime`'s `loggerSink`) so nothing bypasses their Logger.
   */
  readonly output?: HiOutput;
  /** Size–linewidth power of the physical models (default 1/3). */
  readonly depthNthFwhmPower?: number;
}

/** A text stream (`process.stderr`, or a Logger-backed one); see `HiModelOptions.output`. */
export interface HiOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** One site of the model with its dims. */
export interface SiteSummary extends GraphSite {
  readonly dims: readonly string[];
  readonly shape: readonly number[];
}

export abstract class BaseHiModel<P extends object = AnyPriorOptions> {
  readonly kind: HiModelKind;
  /** The spectra by dataset key, in the user's order. */
  readonly data: Readonly<Record<string, SpecData>>;
  readonly nClouds: number;
  readonly baselineDegree: number;
  readonly bgTemp: number;
  readonly seed: number;
  readonly verbose: boolean;
  /** See `HiModelOptions.output` (undefined: the defaults). */
  readonly output: HiOutput | undefined;
  readonly depthNthFwhmPower: number;
  /** The PPL model all classes share (data from {@link modelData}). */
  readonly model = hiModel;
  /** Per-cloud features `solve()` clusters on (caribou_hi's `_cluster_features`). */
  readonly clusterFeatures: readonly string[] = ["velocity", "fwhm2"];
  /** The posterior of the last `fit` / `sample` (null before). */
  trace: HiTrace | null = null;
  /** The ADVI result of the last `fit` (null otherwise). */
  advi: AdviResult | null = null;
  private resolved: ResolvedPriors | null = null;
  private hasLikelihood = false;
  private siteCache: SiteSummary[] | null = null;

  protected constructor(
    kind: HiModelKind,
    data: Readonly<Record<string, SpecData | SpecDataLike>>,
    options: HiModelOptions,
    private readonly defaults: PriorDefaultsOverride = {},
  ) {
    this.kind = kind;
    const decoded: Record<string, SpecData> = {};
    for (const [k, v] of Object.entries(data)) decoded[k] = isSpecData(v) ? v : specData(v, k);
    for (const k of REQUIRED_DATASETS[kind])
      if (!(k in decoded))
        throw new HiModelError({
          method: "constructor",
          argument: "data",
          message: `the ${kind} model needs a dataset named "${k}"`,
        });
    this.data = decoded;
    const int = (name: string, v: number, min: number) => {
      if (!Number.isInteger(v) || v < min)
        throw new HiModelError({
          method: "constructor",
          argument: name,
          message: `${name} must be an integer ≥ ${min}, got ${v}`,
        });
      return v;
    };
    this.nClouds = int("nClouds", options.nClouds, 1);
    this.baselineDegree = int("baselineDegree", options.baselineDegree ?? 0, 0);
    this.bgTemp = options.bgTemp ?? 3.77;
    if (!Number.isFinite(this.bgTemp))
      throw new HiModelError({
        method: "constructor",
        argument: "bgTemp",
        message: `bgTemp must be finite, got ${this.bgTemp}`,
      });
    this.seed = int("seed", options.seed ?? 1234, 0);
    this.output = options.output;
    this.verbose = options.verbose ?? options.output !== undefined;
    this.depthNthFwhmPower = options.depthNthFwhmPower ?? 1 / 3;
  }

  /** A verbose message line: to `output` when given, else stdout (nothing unless `verbose`). */
  say(line: string): void {
    if (!this.verbose) return;
    if (this.output !== undefined) this.output.write(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  }

  /** Sets the priors (caribou_hi's `add_priors`); unknown or impossible values are a `HiModelError`. */
  addPriors(options: P = {} as P): this {
    this.resolved = resolvePriors(
      options as AnyPriorOptions,
      Object.keys(this.data),
      this.baselineDegree,
      this.defaults,
    );
    this.siteCache = null;
    this.resetResults();
    return this;
  }

  /** Adds the observed spectra (caribou_hi's `add_likelihood`). */
  addLikelihood(): this {
    this.priors;
    this.hasLikelihood = true;
    this.siteCache = null;
    return this;
  }

  /** The resolved priors (a `HiModelError` before `addPriors()`). */
  get priors(): ResolvedPriors {
    if (this.resolved === null)
      throw new HiModelError({
        method: "priors",
        argument: "",
        message: "no priors: call addPriors() first",
      });
    return this.resolved;
  }

  /** The model's data: observed spectra (default), or `observed: false` to sample them. */
  modelData(observed = true): HiModelData {
    return {
      kind: this.kind,
      nClouds: this.nClouds,
      baselineDegree: this.baselineDegree,
      bgTemp: this.bgTemp,
      depthNthFwhmPower: this.depthNthFwhmPower,
      priors: this.priors,
      datasets: Object.entries(this.data).map(([k, s]) =>
        datasetData(k, s, this.baselineDegree, observed),
      ),
      likelihood: this.hasLikelihood,
    };
  }

  /** Every site in creation order with its kind, dims and shape (one seeded run of the model). */
  get sites(): readonly SiteSummary[] {
    if (this.siteCache) return this.siteCache;
    const tr = traceHandler(seedHandler(hiModel, key(this.seed))).getTrace(this.modelData(true));
    const out: SiteSummary[] = [];
    for (const msg of tr.values()) {
      if (msg.type === "param") continue;
      const type =
        msg.type === "deterministic" ? "deterministic" : msg.isObserved ? "observed" : "free";
      out.push({ name: msg.name, type, dims: siteDims(msg), shape: msg.value?.shape ?? [] });
    }
    this.siteCache = out;
    return out;
  }

  private names(type: "free" | "deterministic", dim: string | null): string[] {
    return this.sites
      .filter(
        (s) => s.type === type && (dim === null ? s.shape.length === 0 : s.dims.includes(dim)),
      )
      .map((s) => s.name);
  }

  /** All free RVs in creation order. */
  get freeRVs(): string[] {
    return this.sites.filter((s) => s.type === "free").map((s) => s.name);
  }
  get cloudFreeRVs(): string[] {
    return this.names("free", "cloud");
  }
  get cloudDeterministics(): string[] {
    return this.names("deterministic", "cloud");
  }
  get baselineFreeRVs(): string[] {
    return this.names("free", "baseline_coeff");
  }
  get baselineDeterministics(): string[] {
    return this.names("deterministic", "baseline_coeff");
  }
  get hyperFreeRVs(): string[] {
    return this.names("free", null);
  }
  get hyperDeterministics(): string[] {
    return this.names("deterministic", null);
  }

  /** Number of free parameters (Σ sizes of the free RVs; BIC's k). */
  get nParams(): number {
    return this.sites
      .filter((s) => s.type === "free")
      .reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
  }

  /** Number of data points (Σ channels; BIC's n). */
  get nData(): number {
    return Object.values(this.data).reduce((n, s) => n + s.spectral.length, 0);
  }

  /** TeX labels by variable name (caribou_hi's `var_name_map`). */
  get varNameMap(): Record<string, string> {
    return varNameMap(Object.keys(this.data));
  }

  /** PyMC's `model.str_repr()` (tutorial cell [17]). */
  strRepr(): string {
    return modelString(this.kind, this.priors, this.sites);
  }

  /**
   * bayes_spec's `_validate()`: the likelihood was added and the log-density at the initial
   * point (PyMC's support point of each free RV, see `initialPoint`) is finite. Returns true
   * or throws.
   */
  validate(): true {
    if (!this.hasLikelihood)
      throw new HiModelError({
        method: "validate",
        argument: "",
        message: "no observed variables: did you addLikelihood()?",
      });
    try {
      const data = this.modelData(true);
      initializeModel(hiModel, data, {
        key: key(this.seed),
        initStrategy: initToValue(initialPoint(data)),
        maxAttempts: 1,
      });
    } catch (e) {
      if (e instanceof InitializationError)
        throw new HiModelError({
          method: "validate",
          argument: "",
          message: `the log-density at the initial point is not finite: ${e.message}`,
        });
      throw e;
    }
    return true;
  }

  /**
   * bayes_spec's `predict_baseline`: per dataset Σ_i c_i x_norm^i/(i+1)^i · median(noise), with
   * coefficients `params[<key>]` (e.g. `{ emission: [0.1] }`), default zeros.
   */
  predictBaseline(
    params: Readonly<Record<string, readonly number[]>> = {},
  ): Record<string, Float64Array> {
    const out: Record<string, Float64Array> = {};
    for (const ds of this.modelData(false).datasets) {
      const c = params[ds.key] ?? new Array(this.baselineDegree + 1).fill(0);
      const d = this.baselineDegree + 1;
      if (c.length !== d)
        throw new HiModelError({
          method: "predictBaseline",
          argument: ds.key,
          message: `${ds.key} needs ${d} coefficients, got ${c.length}`,
        });
      out[ds.key] = Float64Array.from({ length: ds.spectral.length }, (_, s) =>
        c.reduce((acc, ci, i) => acc + ci * ds.baselineBasis[s * d + i], 0),
      );
    }
    return out;
  }

  /** ADVI (bayes_spec's `fit`, spec §3.5); sets `trace` (one chain) and `advi`. */
  fit(options: FitOptions = {}): AdviResult {
    return fitModel(this, options);
  }

  /** {@link fit} as an Effect that yields the event loop every ~50 ms (interruptible). */
  fitEffect(options: FitOptions = {}) {
    return fitModelEffect(this, options);
  }

  /** NUTS (bayes_spec's `sample`, spec §3.6) as an Effect with typed errors; sets `trace`. */
  sampleEffect(options: SampleOptions = {}) {
    return sampleModelEffect(this, options);
  }

  /** {@link sampleEffect} as a promise (rejects with the typed error). */
  sample(options: SampleOptions = {}): Promise<HiTrace> {
    return Effect.runPromise(sampleModelEffect(this, options));
  }

  /** GMM clustering of the chains into unique solutions (bayes_spec's `solve`, spec §3.8). */
  solve(options: SolveOptions = {}): SolvePosteriorResult {
    return solveModel(this, options);
  }

  /** Prior and prior-predictive draws (bayes_spec's `sample_prior_predictive`). */
  samplePriorPredictive(samples = 50): PriorPredictive {
    return samplePriorPredictive(this, samples);
  }

  /** Posterior-predictive spectra (bayes_spec's `sample_posterior_predictive`). */
  samplePosteriorPredictive(
    options: { readonly solution?: number; readonly thin?: number } = {},
  ): VariableGroup {
    return samplePosteriorPredictive(this, options);
  }

  /** PyMC's initial point of the free RVs (constrained values; see `initial-point.ts`). */
  initialPoint(): Record<string, Tensor> {
    return initialPoint(this.modelData(true));
  }

  /** Forgets the results of fit/sample/solve. */
  resetResults(): void {
    this.trace = null;
    this.advi = null;
  }

  /** Unique solutions of the last `solve()`. */
  get solutions(): readonly PosteriorSolution[] {
    return this.trace?.solutions ?? [];
  }

  /** True when `solve()` found exactly one solution. */
  get uniqueSolution(): boolean {
    return this.solutions.length === 1;
  }

  /**
   * bayes_spec's `mean_lnlike(chain, solution)`: the mean over the selected draws of the
   * log-likelihood summed over channels and datasets. Chains: `chain` if given, else the
   * chains of `solution` (default: the unique solution; a `HiModelError` when there is none
   * and the trace has several chains). A one-chain (ADVI) trace needs neither.
   */
  meanLnlike(
    options: { readonly chain?: number | readonly number[]; readonly solution?: number } = {},
  ): number {
    const trace = this.requireTrace("meanLnlike");
    const ll = trace.logLikelihood;
    const first = Object.values(ll)[0];
    const [nChains, nDraws] = [first.shape[0], first.shape[1]];
    let chains: readonly number[];
    if (options.chain !== undefined)
      chains = typeof options.chain === "number" ? [options.chain] : options.chain;
    else if (options.solution !== undefined || nChains > 1) {
      const sol = options.solution ?? this.uniqueSolutionIndex("meanLnlike");
      const s = trace.solutions[sol];
      if (!s)
        throw new HiModelError({
          method: "meanLnlike",
          argument: "solution",
          message: `no solution ${sol}`,
        });
      chains = s.chains;
    } else chains = [0];
    let total = 0;
    for (const c of chains) {
      if (!(c >= 0 && c < nChains))
        throw new HiModelError({
          method: "meanLnlike",
          argument: "chain",
          message: `no chain ${c}`,
        });
      for (const v of Object.values(ll)) {
        const per = v.shape[2];
        const from = c * nDraws * per;
        for (let i = from; i < from + nDraws * per; i++) total += v.values[i];
      }
    }
    return total / (chains.length * nDraws);
  }

  /**
   * bayes_spec's `bic(chain, solution)` = k ln n − 2 · meanLnlike; +∞ when there is no unique
   * solution to use (bayes_spec prints the error and returns inf).
   */
  bic(
    options: { readonly chain?: number | readonly number[]; readonly solution?: number } = {},
  ): number {
    try {
      return this.nParams * Math.log(this.nData) - 2 * this.meanLnlike(options);
    } catch (e) {
      if (e instanceof HiModelError && e.method === "meanLnlike" && e.argument === "solution") {
        this.say(e.message);
        return Number.POSITIVE_INFINITY;
      }
      throw e;
    }
  }

  /** bayes_spec's `null_bic()`: the BIC of baselines alone (no clouds). */
  nullBic(): number {
    return nullBic(Object.values(this.data), this.baselineDegree);
  }

  /** The trace, or a `HiModelError` naming `method`. */
  requireTrace(method: string): HiTrace {
    if (this.trace === null)
      throw new HiModelError({
        method,
        argument: "",
        message: "no posterior yet: run fit() or sample() first",
      });
    return this.trace;
  }

  private uniqueSolutionIndex(method: string): number {
    if (this.solutions.length !== 1)
      throw new HiModelError({
        method,
        argument: "solution",
        message: `no unique solution (${this.solutions.length} solutions): run solve() or pass a solution/chain`,
      });
    return 0;
  }

  /** The posterior group of `solution` (its chains, clouds relabelled) or of all chains. */
  posteriorOf(solution?: number): VariableGroup {
    const trace = this.requireTrace("posteriorOf");
    if (solution === undefined) return trace.posterior;
    const s = trace.solutions[solution];
    if (!s)
      throw new HiModelError({
        method: "posteriorOf",
        argument: "solution",
        message: `no solution ${solution}`,
      });
    return s.samples as VariableGroup;
  }
}

function isSpecData(v: unknown): v is SpecData {
  return (
    typeof v === "object" &&
    v !== null &&
    (v as SpecData).spectral instanceof Float64Array &&
    "brightnessScale" in v
  );
}
