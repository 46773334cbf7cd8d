/**
 * The forward model and hypercube a command runs, from plain settings (so that worker threads
 * can rebuild the same model from the same data): agnfinder's 9-D galaxy + AGN model on a
 * filter set by default, or the `forwardModel` / `freeParams` sections of a `--config` file
 * (photometry's simulation-config format, decoded and checked by `@sidereal/photometry`).
 * This module imports no runtime: worker threads load it.
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

/**
 * Builds the model and hypercube of `s`. Worker threads call this directly: the module
 * imports only `@sidereal/photometry` (see `loadModel` for the app's errors).
 */
export const buildModel = (
  s: ModelSettings,
): Effect.Effect<LoadedModel, PhotometryConfigError | DataFileError> =>
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
  });
