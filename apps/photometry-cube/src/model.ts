/**
 * The model of a command with the app's errors: photometry's ConfigError (same tag as the
 * runtime's: exit 2, names the field) passes through; its bundled data that cannot be read is
 * a RunError (a broken installation: exit 1).
 */
import type { ConfigError as PhotometryConfigError } from "@sidereal/photometry";
import { ConfigError, RunError } from "@sidereal/runtime";
import { Effect } from "effect";
import { buildModel, type LoadedModel, type ModelSettings } from "./model-build.js";

export type { LoadedModel, ModelSettings };

export type ModelError = PhotometryConfigError | RunError;

/** `buildModel` with the app's errors (see the module doc). */
export const loadModel = (s: ModelSettings): Effect.Effect<LoadedModel, ModelError> =>
  buildModel(s).pipe(
    Effect.mapError((e) =>
      e._tag === "DataFileError"
        ? new RunError({ stage: "loading the model data", reason: e.message })
        : e,
    ),
  );

/** Fails unless the model reads θ in the hypercube's pinned column order (a cube needs both). */
export const checkCubeModel = (m: LoadedModel): Effect.Effect<void, ConfigError> => {
  const a = m.model.thetaColumns;
  const b = m.fp.thetaColumns;
  return a.length === b.length && a.every((c, j) => c === b[j])
    ? Effect.void
    : Effect.fail(
        new ConfigError({
          field: "forwardModel",
          reason: `the model's free parameters (${a.join(", ")}) are not the hypercube's (${b.join(", ")})`,
        }),
      );
};
