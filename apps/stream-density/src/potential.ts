/**
 * The builder a worker thread imports to sample a model (the runtime's `samplePotential`):
 * `specPotential(spec)` rebuilds and compiles the model from plain data, so every thread
 * has the same compiled potential and the chains are bit-identical in any thread.
 */
import type { PotentialModel, PotentialRef } from "@sidereal/runtime";
import { compileModel } from "./compiled.js";
import { buildModel, type ModelSpec } from "./models/spec.js";

/** The compiled potential U = −ln p of `spec`. */
export function specPotential(spec: ModelSpec): PotentialModel {
  const compiled = compileModel(buildModel(spec));
  return { dim: compiled.model.dim, potential: compiled.potential };
}

/** Workers run JavaScript: from the TypeScript sources (tests) point at the built module. */
export const SPEC_POTENTIAL: PotentialRef = {
  module: import.meta.url.endsWith(".ts")
    ? new URL("../dist/potential.js", import.meta.url).href
    : import.meta.url,
  export: "specPotential",
};
