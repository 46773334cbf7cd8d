/**
 * A model as plain data (its kind and data arrays), so that it can be sent to a worker
 * thread and rebuilt there: `buildModel(spec)` gives the same DensityModel, hence the
 * same compiled potential and bit-identical chains, in any thread.
 */
import { gaussianModel } from "./gaussian.js";
import type { DensityModel } from "./model.js";
import { splineModel } from "./spline1d.js";
import { streamModel } from "./stream.js";

/** The data a model is built from: the 1-D sample or the GD-1 star positions. */
export type ModelSpec =
  | { readonly kind: "gaussian"; readonly z: Float64Array }
  | { readonly kind: "spline"; readonly z: Float64Array }
  | { readonly kind: "gd1"; readonly phi1: Float64Array; readonly phi2: Float64Array };

/** Builds the model of `spec` (throws the model constructor's RangeError on bad data). */
export function buildModel(spec: ModelSpec): DensityModel {
  switch (spec.kind) {
    case "gaussian":
      return gaussianModel(spec.z);
    case "spline":
      return splineModel(spec.z);
    case "gd1":
      return streamModel(spec.phi1, spec.phi2);
  }
}
