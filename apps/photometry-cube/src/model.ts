/**
 * The forward model and hypercube a command runs, from plain settings (so that worker threads
 * can rebuild the same model from the same data): agnfinder's 9-D galaxy + AGN model on a
 * filter set by default, or the `forwardModel` / `freeParams` sections of a `--config` file
 * (photometry's simulation-config format, decoded and checked by `@sidereal/photometry`).
 */
import {
  agnfinderForwardModel,
  buildForwardModel,
  type CubeLayout,
  cubeLayout,
  type DataFileError,
  decodeForwardModelParams,
  decodeFreeParams,
  FILTER_SETS,
  type FilterSetName,
  type ForwardModel,
  type FreeParams,
  type ConfigError as PhotometryConfigError,
  SEED_FREE_PARAMS,
} from "@sidereal/photometry";
import { ConfigError, RunError } from "@sidereal/runtime";
import { Effect } from "effect";

/** Plain, structured-cloneable settings of a model (sent to workers as they are). */
export interface ModelSettings {
  readonly filters: FilterSetName;
  readonly agnOnly?: boolean;
  /** A photometry `ForwardModelParams` object (default agnfinder's model). */
  readonly forwardModel?: unknown;
  /** A photometry `FreeParams` object (default the seed's hypercube). */
  readonly freeParams?: unknown;
  /** The config file the sections came from (named in errors). */
  readonly configFile?: string;
}

export interface LoadedModel {
  readonly model: ForwardModel;
  readonly fp: FreeParams;
  readonly layout: CubeLayout;
}

/** photometry's ConfigError (same tag as the runtime's: exit 2, names the field) or a
 * RunError when its bundled data cannot be read (a broken installation: exit 1). */
export type ModelError = PhotometryConfigError | RunError;

const dataFailure = (e: PhotometryConfigError | DataFileError): ModelError =>
  e._tag === "DataFileError"
    ? new RunError({ stage: "loading the model data", reason: e.message })
    : e;

/** Builds the model and hypercube of `s`; the model must read θ in the hypercube's order. */
export const loadModel = (s: ModelSettings): Effect.Effect<LoadedModel, ModelError> =>
  Effect.gen(function* () {
    const filterNames = FILTER_SETS[s.filters];
    const build = { agnOnly: s.agnOnly ?? false };
    const model =
      s.forwardModel === undefined
        ? yield* agnfinderForwardModel({ ...build, filterNames })
        : yield* decodeForwardModelParams(
            { ...(s.forwardModel as object), filters: filterNames },
            s.configFile,
          ).pipe(Effect.flatMap((c) => buildForwardModel(c, build)));
    const fp = yield* decodeFreeParams(s.freeParams ?? SEED_FREE_PARAMS, s.configFile);
    const layout = cubeLayout(fp, model.bands, model.photWave, s.filters);
    return { model, fp, layout };
  }).pipe(Effect.mapError(dataFailure));

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
