/**
 * NUTS chains on a compiled density model through the runtime's `WorkerPool` (worker
 * threads, or this thread for `--workers 0`): started from the MAP point, each chain
 * jittered slightly, Stan's window adaptation; the result is an `McmcResult` whose sites are
 * the model's parameter blocks (dims chain, draw, `<name>_knot`).
 */
import type { McmcResult } from "@sidereal/autodiff-samplers";
import { type PotentialSettings, potentialResult, samplePotential } from "@sidereal/runtime";
import { Effect } from "effect";
import type { CompiledModel } from "./compiled.js";
import type { ModelSpec } from "./models/spec.js";
import { SPEC_POTENTIAL } from "./potential.js";

/** Runs the chains (see the module doc); `label` prefixes the progress tasks. */
export const sampleModelSpec = (
  spec: ModelSpec,
  compiled: CompiledModel,
  start: Float64Array,
  settings: PotentialSettings,
  workers: number,
  label: string,
) =>
  Effect.map(
    samplePotential(
      { ref: SPEC_POTENTIAL, data: spec, start: Float64Array.from(start), settings, label },
      workers,
    ),
    (run): { result: McmcResult; seconds: number } => ({
      result: potentialResult(
        run.chains,
        compiled.model.blocks.map((b) => ({
          name: b.name,
          shape: [b.size],
          dims: [`${b.name}_knot`],
        })),
      ),
      seconds: run.seconds,
    }),
  );

/** Divergence flags `[chain, draw]` of a result (for the trace plots). */
export const divergenceFlags = (r: McmcResult): Uint8Array =>
  Uint8Array.from(r.sampleStats.diverging.draws, (v) => (v ? 1 : 0));

/** Mean NUTS tree depth over all kept draws. */
export function meanTreeDepth(r: McmcResult): number {
  const d = r.sampleStats.tree_depth.draws;
  let s = 0;
  for (const v of d) s += v;
  return d.length > 0 ? s / d.length : Number.NaN;
}
