/**
 * Running NUTS on a PPL model: chains in worker threads (`chainMethod: "parallel"`) when the
 * model's module is built JavaScript that workers can import, otherwise in this thread;
 * the draws are identical either way (same keys, same code). Progress goes to stderr.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type McmcResult, type Model, mcmc } from "@sidereal/autodiff-samplers";
import { Effect } from "effect";
import { InferenceError } from "./errors.js";

/** Sampler settings of one run. */
export interface SampleSettings {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  /** Worker threads (default one per chain, at most the cores). */
  readonly workers?: number;
  /** Progress lines on stderr (default true). */
  readonly progress?: boolean;
}

/** True when worker threads can import `model` (its ref names an existing .js module). */
export function importableByWorkers(model: Model<unknown>): boolean {
  const mod = model.ref?.module;
  if (mod === undefined || !/\.m?js$/.test(mod)) return false;
  try {
    return existsSync(mod.startsWith("file:") ? fileURLToPath(mod) : mod);
  } catch {
    return false;
  }
}

/** NUTS on `model` with `data` (see the module doc); fails with an InferenceError naming `stage`. */
export function runNuts<D>(
  stage: string,
  model: Model<D>,
  data: D,
  s: SampleSettings,
): Effect.Effect<{ result: McmcResult; seconds: number; parallel: boolean }, InferenceError> {
  const options = {
    numWarmup: s.warmup,
    numSamples: s.draws,
    numChains: s.chains,
    seed: s.seed,
    progress: s.progress ?? true,
    ...(s.workers !== undefined ? { numWorkers: s.workers } : {}),
  };
  const parallel = importableByWorkers(model as Model<unknown>);
  return Effect.tryPromise({
    try: async () => {
      const t0 = performance.now();
      const result = parallel
        ? await mcmc(model, data, { ...options, chainMethod: "parallel" })
        : mcmc(model, data, options);
      return { result, seconds: (performance.now() - t0) / 1000, parallel };
    },
    catch: (e) => new InferenceError({ stage, reason: e instanceof Error ? e.message : String(e) }),
  });
}
