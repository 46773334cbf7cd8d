/**
 * agnfinder's `Simulator_f`: normalised hypercube rows → the cube rows they produce
 * (physical θ by `denormaliseTheta`, then the forward model). The model must read θ in the
 * hypercube's pinned column order; anything else is refused rather than silently mislabelled.
 */
import type { FreeParams } from "../config/free-params.js";
import { ThetaError } from "../errors.js";
import type { ForwardModel } from "../forward/forward-model.js";
import { denormaliseTheta } from "../sampling/normalise.js";
import type { CubeRows } from "./cube-file.js";

/** Simulates row-major (n, 9) normalised θ; throws ThetaError on a column-order mismatch. */
export function simulateRows(model: ForwardModel, fp: FreeParams, unit: Float64Array): CubeRows {
  const same =
    model.thetaColumns.length === fp.thetaColumns.length &&
    model.thetaColumns.every((c, j) => c === fp.thetaColumns[j]);
  if (!same)
    throw new ThetaError({
      field: "thetaColumns",
      value: model.thetaColumns.length,
      row: 0,
      reason: `the model reads θ as (${model.thetaColumns.join(", ")}), the hypercube is (${fp.thetaColumns.join(", ")})`,
    });
  const theta = denormaliseTheta(fp, unit);
  return { theta, normalisedTheta: unit, simulatedY: model.forwardBatch(theta) };
}
