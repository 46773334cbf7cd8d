/**
 * `mcmc(model, data, options)`: NUTS on a model (NumPyro's `MCMC(NUTS(model))`). Chain `c`
 * uses key `split(key(seed), numChains)[c]`; chains run one after another in this thread
 * (`chainMethod: "sequential"`, returns the result) or in `node:worker_threads` workers, one
 * per core (`"parallel"`, returns a promise; the model must be importable: a `ModelRef` or a
 * model defined with one). Results are identical bit for bit either way.
 */
import { key, split } from "@sidereal/distributions";
import type { SampleProgress } from "../mcmc/index.js";
import { ModelError } from "./errors.js";
import type { InitStrategy } from "./initStrategies.js";
import { isModel, type Model, type ModelRef } from "./model.js";
import { runChainsParallel } from "./parallel.js";
import { McmcResult } from "./results.js";
import { type ChainOptions, runChain } from "./runChain.js";

/** Options of {@link mcmc}. */
export interface McmcOptions {
  /** Warmup iterations per chain (default 1000). */
  readonly numWarmup?: number;
  /** Kept draws per chain (default 1000). */
  readonly numSamples?: number;
  /** Number of chains (default 1). */
  readonly numChains?: number;
  /** `"sequential"` (default) or `"parallel"` (worker threads; returns a promise). */
  readonly chainMethod?: "sequential" | "parallel";
  /** Keep every `thinning`-th draw (default 1). */
  readonly thinning?: number;
  /** Target acceptance statistic of dual averaging (default 0.8). */
  readonly targetAccept?: number;
  /** NUTS maximum tree depth (default 10). */
  readonly maxTreeDepth?: number;
  /** Adapt a dense mass matrix (default false). */
  readonly denseMass?: boolean;
  /** Init strategy (default `initToUniform()`). */
  readonly initStrategy?: InitStrategy;
  /** Integer seed of `key(seed)` (default 0). */
  readonly seed?: number;
  /** Print progress lines to stderr (default false). */
  readonly progress?: boolean;
  /** Workers for `"parallel"` (default `os.availableParallelism()`, at most `numChains`). */
  readonly numWorkers?: number;
}

function chainOptions(o: McmcOptions): ChainOptions {
  const numWarmup = o.numWarmup ?? 1000;
  const numSamples = o.numSamples ?? 1000;
  return {
    numWarmup,
    numSamples,
    ...(o.thinning !== undefined ? { thinning: o.thinning } : {}),
    ...(o.targetAccept !== undefined ? { targetAccept: o.targetAccept } : {}),
    ...(o.maxTreeDepth !== undefined ? { maxTreeDepth: o.maxTreeDepth } : {}),
    ...(o.denseMass !== undefined ? { denseMass: o.denseMass } : {}),
    ...(o.initStrategy !== undefined ? { initStrategy: o.initStrategy } : {}),
  };
}

function progressPrinter(chain: number): (p: SampleProgress) => void {
  return (p) => {
    process.stderr.write(
      `chain ${chain + 1} ${p.phase} ${p.iteration}/${p.total} step size ${p.stepSize.toPrecision(3)} divergences ${p.divergences}\n`,
    );
  };
}

function chainCount(o: McmcOptions): number {
  const n = o.numChains ?? 1;
  if (!Number.isInteger(n) || n < 1)
    throw new ModelError("bad-argument", "", `mcmc: numChains must be an integer ≥ 1, got ${n}`);
  return n;
}

/** Runs NUTS chains on `model` (see the module doc). */
export function mcmc<D>(
  model: Model<D>,
  data: D,
  options?: McmcOptions & { readonly chainMethod?: "sequential" },
): McmcResult;
export function mcmc<D>(
  model: Model<D> | ModelRef,
  data: D,
  options: McmcOptions & { readonly chainMethod: "parallel" },
): Promise<McmcResult>;
export function mcmc<D>(
  model: Model<D> | ModelRef,
  data: D,
  options: McmcOptions = {},
): McmcResult | Promise<McmcResult> {
  const numChains = chainCount(options);
  const keys = split(key(options.seed ?? 0), numChains);
  const opts = chainOptions(options);
  if (options.chainMethod === "parallel") {
    const ref: ModelRef | undefined = isModel(model) ? model.ref : (model as ModelRef);
    if (ref === undefined)
      throw new ModelError(
        "model-reference",
        "",
        'mcmc: chainMethod "parallel" needs an importable model: pass { module, export } or define the model with defineModel(body, { module: import.meta.url, export: "name" })',
      );
    return runChainsParallel(ref, data, keys, opts, {
      ...(options.numWorkers !== undefined ? { numWorkers: options.numWorkers } : {}),
      ...(options.progress ? { onProgress: (c, p) => progressPrinter(c)(p) } : {}),
    }).then((outs) => new McmcResult(outs));
  }
  if (!isModel(model))
    throw new ModelError(
      "bad-argument",
      "",
      'mcmc: a model reference can only be run with chainMethod "parallel"; import the model and pass it',
    );
  const m = model as Model<D>;
  const outs = keys.map((k, c) =>
    runChain(m, data, k, opts, options.progress ? progressPrinter(c) : undefined),
  );
  return new McmcResult(outs);
}
