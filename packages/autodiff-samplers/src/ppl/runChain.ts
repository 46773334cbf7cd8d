/**
 * One MCMC chain of a model (the unit of work shared by the sequential runner and the
 * worker threads): `split(chainKey)` → (init key, sampling key); `initializeModel` finds the
 * potential and a start; `sampleChain` runs NUTS with Stan's window adaptation; every kept
 * draw is mapped back to named constrained values (latent and deterministic sites). The
 * output is plain data (structured-cloneable) and a deterministic function of the model,
 * data, chain key and options.
 */
import { type PRNGKey, split } from "@sidereal/distributions";
import { sizeOf } from "@sidereal/tensor";
import {
  type ChainCheckpoint,
  type InverseMassMatrix,
  type SampleChainOptions,
  type SampleProgress,
  type SampleStats,
  sampleChain,
} from "../mcmc/index.js";
import { InitializationError, ModelError } from "./errors.js";
import type { InitStrategy } from "./initStrategies.js";
import type { Model } from "./model.js";
import {
  type InitializedModel,
  initializeModel,
  type ObservedSiteInfo,
  type SiteInfo,
} from "./potential.js";

/** Options of one chain (all plain data). */
export interface ChainOptions {
  readonly numWarmup: number;
  readonly numSamples: number;
  readonly thinning?: number;
  readonly targetAccept?: number;
  readonly maxTreeDepth?: number;
  readonly denseMass?: boolean;
  /** Warmup algorithm: Stan's windows (default) or PyMC's tuning (see `sampleChain`). */
  readonly warmup?: "stan" | "pymc";
  readonly initStrategy?: InitStrategy;
  /** Iterations between progress reports to `onProgress` (default 100; see `sampleChain`). */
  readonly progressInterval?: number;
}

/**
 * A prescribed start of one chain (e.g. from `init: "advi+adapt_diag"`): the flat
 * unconstrained initial position (replacing the init strategy's point) and/or the initial
 * inverse mass matrix (diagonal, or dense row-major), which Stan's windowed adaptation uses
 * until its first slow window ends.
 */
export interface ChainStart {
  readonly initialPosition?: Float64Array;
  readonly initialInverseMassMatrix?: Float64Array;
  /** PyMC's warmup: initial mean of the metric estimator and its weight in pseudo-draws. */
  readonly initialMean?: Float64Array;
  readonly initialMetricWeight?: number;
}

/**
 * Checkpointing of a chain run in a worker thread (see `mcmc/checkpoint.ts`): `checkpoint`
 * is passed to `sampleChain`; `resume` continues the chain from a checkpoint of an earlier,
 * crashed run of the same chain (same key and options), giving the same output.
 */
export interface ChainRecovery {
  readonly checkpoint?: SampleChainOptions["checkpoint"];
  readonly resume?: ChainCheckpoint;
}

/** Output of one chain (plain data). */
export interface ChainOutput {
  /** Latent sites (constrained shapes, dims) in site order. */
  readonly latent: readonly SiteInfo[];
  readonly deterministic: readonly SiteInfo[];
  readonly observed: readonly ObservedSiteInfo[];
  /** Per site (latent then deterministic): `[numSamples × siteSize]` constrained draws. */
  readonly values: Readonly<Record<string, Float64Array>>;
  readonly stats: SampleStats;
  readonly adapted: { readonly stepSize: number; readonly inverseMassMatrix: InverseMassMatrix };
  /** Init attempts used. */
  readonly initAttempts: number;
  /** Iterations done by an earlier, crashed run of the chain that this run resumed from. */
  readonly resumedFrom?: number;
}

/** A prescribed start must have the model's size and a finite potential and gradient. */
function checkedStart(init: InitializedModel, q: Float64Array): Float64Array {
  if (q.length !== init.flatSize)
    throw new ModelError(
      "bad-argument",
      "",
      `initial position has ${q.length} components; the model has ${init.flatSize} unconstrained latent components`,
    );
  const grad = new Float64Array(q.length);
  const u = init.potential(q, grad);
  if (!Number.isFinite(u) || !grad.every(Number.isFinite))
    throw new InitializationError(
      init.latent.map((s) => s.name),
      1,
      `the prescribed initial position has a non-finite potential (${u}) or gradient`,
    );
  return Float64Array.from(q);
}

const plain = (s: SiteInfo): SiteInfo => ({ name: s.name, shape: [...s.shape], dims: [...s.dims] });

/** Runs one chain (see the module doc). */
export function runChain<D, R>(
  model: Model<D, R>,
  data: D,
  chainKey: PRNGKey,
  options: ChainOptions,
  onProgress?: (progress: SampleProgress) => void,
  start: ChainStart = {},
  recovery: ChainRecovery = {},
): ChainOutput {
  const [initKey, sampleKey] = split(chainKey);
  const init = initializeModel(model, data, {
    key: initKey,
    ...(options.initStrategy ? { initStrategy: options.initStrategy } : {}),
  });
  const position = recovery.resume
    ? recovery.resume.snapshot.position
    : start.initialPosition
      ? checkedStart(init, start.initialPosition)
      : init.initialPosition;
  const res = sampleChain(init.potential, position, {
    numWarmup: options.numWarmup,
    numSamples: options.numSamples,
    key: sampleKey,
    ...(options.thinning !== undefined ? { thinning: options.thinning } : {}),
    ...(options.targetAccept !== undefined ? { targetAccept: options.targetAccept } : {}),
    ...(options.maxTreeDepth !== undefined ? { maxTreeDepth: options.maxTreeDepth } : {}),
    ...(options.denseMass !== undefined ? { denseMass: options.denseMass } : {}),
    ...(start.initialInverseMassMatrix
      ? { initialInverseMassMatrix: start.initialInverseMassMatrix }
      : {}),
    ...(options.warmup === "pymc"
      ? {
          warmup: "pymc" as const,
          ...(start.initialMean ? { initialMean: start.initialMean } : {}),
          ...(start.initialMetricWeight !== undefined
            ? { initialMetricWeight: start.initialMetricWeight }
            : {}),
        }
      : {}),
    ...(onProgress ? { onProgress } : {}),
    ...(recovery.checkpoint ? { checkpoint: recovery.checkpoint } : {}),
    ...(recovery.resume ? { resume: recovery.resume } : {}),
    ...(options.progressInterval !== undefined
      ? { progressInterval: options.progressInterval }
      : {}),
  });
  const n = options.numSamples;
  const d = res.dim;
  const sites = [...init.latent, ...init.deterministic];
  const values: Record<string, Float64Array> = {};
  for (const s of sites) values[s.name] = new Float64Array(n * sizeOf(s.shape));
  for (let i = 0; i < n; i++) {
    const c = init.constrain(res.draws.subarray(i * d, (i + 1) * d));
    for (const s of sites) {
      const size = sizeOf(s.shape);
      values[s.name].set(c[s.name].data.subarray(0, size), i * size);
    }
  }
  return {
    latent: init.latent.map(plain),
    deterministic: init.deterministic.map(plain),
    observed: init.observed.map((o) => ({ ...plain(o), value: o.value })),
    values,
    stats: res.stats,
    adapted: res.adapted,
    initAttempts: init.attempts,
    ...(recovery.resume ? { resumedFrom: recovery.resume.snapshot.completed } : {}),
  };
}
