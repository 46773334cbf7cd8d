/**
 * agnfinder's `FreeParams`: the 9-D sampling hypercube (spec §1.5), and the θ column order,
 * pinned once here. The forward model reads θ by position, so this order must equal the
 * model's free-parameter order (Prospector's insertion order, spec §3.2). The seed declares
 * FreeParams in another order; agnfinder's own testcube.hdf5 was mislabelled exactly that way.
 */
import { Effect, Schema } from "effect";
import { ConfigError } from "../errors.js";

/**
 * The θ columns, by forward-model (Prospector) name, in the one order every θ array, file and
 * network of this package uses.
 */
export const THETA_COLUMNS = [
  "zred",
  "mass",
  "dust2",
  "tage",
  "tau",
  "agn_mass",
  "agn_eb_v",
  "agn_torus_mass",
  "inclination",
] as const;
export type ThetaColumn = (typeof THETA_COLUMNS)[number];

/** The hypercube columns (sampling-space names, `log_*` = log10), in the pinned θ order. */
export const FREE_PARAM_COLUMNS = [
  "redshift",
  "log_mass",
  "dust2",
  "tage",
  "log_tau",
  "log_agn_mass",
  "agn_eb_v",
  "log_agn_torus_mass",
  "inclination",
] as const;
export type FreeParamColumn = (typeof FREE_PARAM_COLUMNS)[number];

/** One hypercube edge: `[lo, hi]` in sampling space. */
const Bounds = Schema.Tuple([Schema.Finite, Schema.Finite]);

/**
 * FreeParams as written in a config file: an object keyed by sampling name, in any order
 * (the seed's order is accepted; the result is always in the pinned order).
 */
export const FreeParamsInput = Schema.Struct({
  redshift: Bounds,
  log_mass: Bounds,
  dust2: Bounds,
  tage: Bounds,
  log_tau: Bounds,
  log_agn_mass: Bounds,
  agn_eb_v: Bounds,
  log_agn_torus_mass: Bounds,
  inclination: Bounds,
});
export type FreeParamsInput = typeof FreeParamsInput.Type;

/** The resolved hypercube: names, log10 flags and a (9, 2) row-major limits matrix. */
export interface FreeParams {
  /** Sampling-space names in θ order. */
  readonly columns: readonly FreeParamColumn[];
  /** Forward-model names in θ order (= THETA_COLUMNS). */
  readonly thetaColumns: readonly ThetaColumn[];
  /** `log[j]`: column j is log10 in sampling space and exponentiated before use. */
  readonly log: readonly boolean[];
  /** `[lo0, hi0, lo1, hi1, …]` in sampling space. */
  readonly limits: Float64Array;
}

/** The seed's defaults (seed §3.2.1), written in the seed's own declaration order on purpose. */
export const SEED_FREE_PARAMS: FreeParamsInput = {
  redshift: [0, 6],
  log_mass: [8, 12],
  log_agn_mass: [-7, Math.log10(15)],
  log_agn_torus_mass: [-7, Math.log10(15)],
  dust2: [0, 2],
  tage: [0.001, 13.8],
  log_tau: [Math.log10(0.1), Math.log10(30)],
  agn_eb_v: [0, 0.5],
  inclination: [0, 90],
};

/** Orders a decoded FreeParams object by the pinned θ order and checks lo < hi. */
export function resolveFreeParams(input: FreeParamsInput): Effect.Effect<FreeParams, ConfigError> {
  const limits = new Float64Array(2 * FREE_PARAM_COLUMNS.length);
  for (let j = 0; j < FREE_PARAM_COLUMNS.length; j++) {
    const name = FREE_PARAM_COLUMNS[j];
    const [lo, hi] = input[name];
    if (!(lo < hi))
      return Effect.fail(
        new ConfigError({ field: name, reason: `lo (${lo}) must be below hi (${hi})` }),
      );
    limits[2 * j] = lo;
    limits[2 * j + 1] = hi;
  }
  return Effect.succeed({
    columns: FREE_PARAM_COLUMNS,
    thetaColumns: THETA_COLUMNS,
    log: FREE_PARAM_COLUMNS.map((c) => c.startsWith("log")),
    limits,
  });
}

/** The seed's FreeParams, resolved (cannot fail: the defaults are valid). */
export const defaultFreeParams = (): FreeParams =>
  Effect.runSync(resolveFreeParams(SEED_FREE_PARAMS));
