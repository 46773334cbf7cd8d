/** What every model run returns to the pipeline (for the overview report and the CLI). */
import type { LbfgsBOptions } from "@sidereal/autodiff-samplers";
import { attemptStage, Progress, RunError } from "@sidereal/runtime";
import { Effect, Option } from "effect";
import type { CompiledModel } from "../compiled.js";
import { fitMap, type OptimizationRecord } from "../fit.js";

export interface ModelRun {
  readonly model: "gaussian" | "spline" | "gd1";
  readonly outDir: string;
  readonly optimization: OptimizationRecord;
  /** The seed's reported optimum (objective, evaluations, iterations). */
  readonly seed: { readonly fun: number; readonly nfev: number; readonly nit: number };
  /** Short human-readable result lines. */
  readonly lines: readonly string[];
  /** Whether NUTS ran (idata.nc and draws.csv written). */
  readonly sampled: boolean;
}

/** Runs a synchronous numerical stage, mapping a throw to RunError(stage). */
export const attempt = attemptStage;

/**
 * `fitMap` as the stage `stage`: its L-BFGS-B iterations are shown as that Progress task
 * (the callback only watches: it never stops the optimiser, so the result is unchanged).
 */
export const mapStage = (
  stage: string,
  compiled: CompiledModel,
  x0: Float64Array,
  options: LbfgsBOptions,
) =>
  Effect.gen(function* () {
    // optional, as the runtime's WorkerPool does: library callers need not provide Progress
    const progress = Option.getOrUndefined(yield* Effect.serviceOption(Progress));
    const total = options.maxiter ?? 15000; // lbfgsB's default
    const opt = yield* attempt(stage, () =>
      fitMap(compiled, x0, {
        ...options,
        callback: ({ nit, fun }) => {
          progress?.update(stage, nit, total, `objective ${fmt(fun, 8)}`);
          return undefined;
        },
      }),
    );
    progress?.finish(stage);
    return opt;
  });

/** The report's rows comparing an L-BFGS-B result with the seed's (objective, nfev, nit). */
export const optimisationRows = (opt: OptimizationRecord, seed: ModelRun["seed"]) => [
  ["objective −ln p / N", opt.fun, seed.fun],
  ["nfev", opt.nfev, seed.nfev],
  ["nit", opt.nit, seed.nit],
];

/** Fails with RunError when the objective at the start is not finite. */
export const requireFinite = (stage: string, value: number) =>
  Number.isFinite(value)
    ? Effect.void
    : Effect.fail(new RunError({ stage, reason: `objective at the start is ${value}` }));

/** A number with `digits` significant digits (or its string form when not finite). */
export const fmt = (v: number, digits = 6) =>
  Number.isFinite(v) ? v.toPrecision(digits) : String(v);
