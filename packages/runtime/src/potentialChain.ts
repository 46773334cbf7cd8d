/**
 * NUTS chains on a plain potential `U(q, gradOut) = −ln p(q)` (models that are not PPL
 * models, such as spline densities compiled to a flat vector). A potential is built from a
 * module and plain data (`PotentialRef` + data), so that a worker thread can build its own
 * copy. Chain `c` of `n` is a pure function of `split(key(seed), n)[c]` — the start is
 * `start + jitter · normal(foldIn(k, 1))` and NUTS uses `foldIn(k, 2)` — so the draws are
 * the same in any thread and for any number of workers.
 */
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type SampleChainResult,
  type SampleProgress,
  sampleChain,
} from "@sidereal/autodiff-samplers";
import { foldIn, key, normal, split } from "@sidereal/distributions";

/** A potential as the sampler calls it, with its dimension. */
export interface PotentialModel {
  readonly dim: number;
  /** Writes ∂U/∂q into `gradOut` and returns U(q) = −ln p(q). */
  readonly potential: (q: Float64Array, gradOut: Float64Array) => number;
}

/** Where a worker finds the builder of a potential: `module` exports `export(data)`. */
export interface PotentialRef {
  /** Module URL or absolute path (built JavaScript, so that workers can import it). */
  readonly module: string;
  /** Name of the export: a function `(data) => PotentialModel`. */
  readonly export: string;
}

/** Sampler settings of a potential run (plain data: sent to workers). */
export interface PotentialSettings {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  readonly maxTreeDepth?: number;
  readonly targetAccept?: number;
  /** Standard deviation of the per-chain jitter of the start (default 0.01). */
  readonly jitter?: number;
  readonly initialInverseMassMatrix?: Float64Array;
}

/** A potential run: builder, its data, the start point and the settings. */
export interface PotentialJob<D = unknown> {
  readonly ref: PotentialRef;
  /** Structured-cloneable data handed to the builder. */
  readonly data: D;
  readonly start: Float64Array;
  readonly settings: PotentialSettings;
  /** Progress task prefix (default the export's name). */
  readonly label?: string;
}

/** Imports the builder of `ref` and builds the potential of `data`. */
export async function buildPotential(ref: PotentialRef, data: unknown): Promise<PotentialModel> {
  const spec = isAbsolute(ref.module) ? pathToFileURL(ref.module).href : ref.module;
  const mod = (await import(spec)) as Record<string, unknown>;
  const build = mod[ref.export];
  if (typeof build !== "function")
    throw new Error(
      `export "${ref.export}" of ${ref.module} is not a function (data) => potential`,
    );
  return (build as (d: unknown) => PotentialModel)(data);
}

/** Runs chain `c` (see the module doc). Throws the sampler's errors. */
export function runPotentialChain(
  model: PotentialModel,
  start: Float64Array,
  s: PotentialSettings,
  c: number,
  onProgress?: (p: SampleProgress) => void,
): SampleChainResult {
  const k = split(key(s.seed), s.chains)[c];
  const eps = normal(foldIn(k, 1), [model.dim]);
  const init = start.map((v, i) => v + (s.jitter ?? 0.01) * eps[i]);
  return sampleChain(model.potential, init, {
    numWarmup: s.warmup,
    numSamples: s.draws,
    ...(s.maxTreeDepth !== undefined ? { maxTreeDepth: s.maxTreeDepth } : {}),
    ...(s.targetAccept !== undefined ? { targetAccept: s.targetAccept } : {}),
    ...(s.initialInverseMassMatrix !== undefined
      ? { initialInverseMassMatrix: s.initialInverseMassMatrix }
      : {}),
    key: foldIn(k, 2),
    progressInterval: 100,
    ...(onProgress ? { onProgress } : {}),
  });
}
