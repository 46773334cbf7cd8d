/**
 * `ForwardModelParams` (spec §1.3–1.4): filters, parameter templates, model parameters and
 * SPS options, as an Effect Schema; `resolveForwardModelParams` merges the templates and the
 * parameters (a parameter replaces the template entry of the same name wholesale) and gives
 * the free parameters in the model's order: the θ column order.
 */
import { Effect, Schema } from "effect";
import { ConfigError } from "../errors.js";
import { FILTER_SET_NAMES, FILTER_SETS } from "../filters/filter-sets.js";
import {
  Parameter,
  parameterProblem,
  type ResolvedParameter,
  resolveParameter,
} from "./parameter.js";
import { MODEL_TEMPLATES } from "./templates.js";

/** Filters: a filter-set name, or a list of sedpy `.par` stems (bundled or user files). */
export const FiltersInput = Schema.Union([
  Schema.Literals(FILTER_SET_NAMES),
  Schema.Array(Schema.String.check(Schema.isMinLength(1))).check(Schema.isMinLength(1)),
]);

/** The forward-model configuration as written in a config file. */
export const ForwardModelParams = Schema.Struct({
  filters: Schema.optionalKey(FiltersInput),
  modelParamTemplates: Schema.optionalKey(Schema.Array(Schema.String)),
  modelParams: Schema.Array(Parameter),
  /** Add the AGN disc + torus terms (agnfinder's `model_agn`). Default false. */
  modelAgn: Schema.optionalKey(Schema.Boolean),
  /** SPS options (Prospector's `sps_kwargs`); only `zcontinuous: 1` is meaningful here. */
  spsOptions: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown)),
});
export type ForwardModelParams = typeof ForwardModelParams.Type;

/** The merged model: every parameter (fixed and free) and the free ones in θ order. */
export interface ResolvedForwardModelParams {
  readonly filters: readonly string[];
  readonly modelAgn: boolean;
  readonly allParams: readonly ResolvedParameter[];
  /** Free parameters in the model's (θ) order: template key order, then new names in order. */
  readonly freeParams: readonly ResolvedParameter[];
  readonly spsOptions: Readonly<Record<string, unknown>>;
}

/** Merges templates and parameters (spec §1.3) and validates every parameter. */
export function resolveForwardModelParams(
  p: ForwardModelParams,
): Effect.Effect<ResolvedForwardModelParams, ConfigError> {
  return Effect.gen(function* () {
    const merged = new Map<string, ResolvedParameter>();
    for (const t of p.modelParamTemplates ?? ["parametric_sfh"]) {
      const entries = MODEL_TEMPLATES[t];
      if (entries === undefined)
        return yield* new ConfigError({
          field: "modelParamTemplates",
          reason: `unknown template "${t}" (known: ${Object.keys(MODEL_TEMPLATES).join(", ")})`,
        });
      for (const e of entries) merged.set(e.name, e);
    }
    const seen = new Set<string>();
    for (const [i, raw] of p.modelParams.entries()) {
      if (seen.has(raw.name))
        return yield* new ConfigError({
          field: `modelParams.${i}.name`,
          reason: `duplicate parameter "${raw.name}"`,
        });
      seen.add(raw.name);
      const r = resolveParameter(raw);
      const problem = parameterProblem(r);
      if (problem)
        return yield* new ConfigError({
          field: `modelParams.${i}.${problem[0]}`,
          reason: `${raw.name}: ${problem[1]}`,
        });
      merged.set(r.name, r);
    }
    const allParams = [...merged.values()];
    const filters = p.filters ?? "DES";
    return {
      filters: typeof filters === "string" ? FILTER_SETS[filters] : filters,
      modelAgn: p.modelAgn ?? false,
      allParams,
      freeParams: allParams.filter((q) => q.free),
      spsOptions: p.spsOptions ?? { zcontinuous: 1 },
    };
  });
}

/** The seed's §3.1 example: SPItorch's 6-parameter galaxy-only model on the DES filters. */
export const SEED_GALAXY_MODEL: ForwardModelParams = {
  filters: "DES",
  modelParamTemplates: ["parametric_sfh"],
  modelParams: [
    { name: "zred", rangeMin: 0, init: 0.1, rangeMax: 4, units: "redshift, $z$" },
    // The seed writes (6, 8, 10) with log_scale; the `log*` units rule makes them 1e6–1e10.
    {
      name: "mass",
      rangeMin: 6,
      init: 8,
      rangeMax: 10,
      prior: "LogUniform",
      logScale: true,
      units: "log_mass",
      dispFloor: 6,
    },
    { name: "logzsol", rangeMin: -2, init: -0.5, rangeMax: 0.19, units: "$\\log (Z/Z_\\odot)$" },
    { name: "dust2", rangeMin: 0, init: 0.05, rangeMax: 2, units: "optical depth at 5500AA" },
    { name: "tage", rangeMin: 0.001, init: 13, rangeMax: 13.8, units: "Age, Gyr", dispFloor: 1 },
    // The seed's unit "Gyr^{-1}" is wrong: tau is an e-folding time in Gyr.
    { name: "tau", rangeMin: 0.1, init: 1, rangeMax: 100, prior: "LogUniform", units: "Gyr" },
  ],
  spsOptions: { zcontinuous: 1 },
};

/**
 * agnfinder's 9-parameter galaxy + AGN model (`CPzParams` defaults, spec §3.2): logzsol fixed
 * at 0, Calzetti dust (dust_type 2), the four AGN parameters appended. Ranges are the
 * FreeParams hypercube's; the free order is THETA_COLUMNS.
 */
export const AGNFINDER_MODEL: ForwardModelParams = {
  filters: "Euclid",
  modelParamTemplates: ["parametric_sfh"],
  modelAgn: true,
  modelParams: [
    { name: "zred", rangeMin: 0, init: 0.1, rangeMax: 6, units: "redshift" },
    {
      name: "mass",
      rangeMin: 1e8,
      init: 1e10,
      rangeMax: 1e12,
      prior: "LogUniform",
      units: "M_sun formed",
    },
    { name: "logzsol", rangeMin: -2, init: 0, rangeMax: 0.19, modelThis: false },
    { name: "dust2", rangeMin: 0, init: 0.6, rangeMax: 2, units: "optical depth at 5500AA" },
    { name: "tage", rangeMin: 0.001, init: 1, rangeMax: 13.8, units: "Gyr" },
    { name: "dust_type", rangeMin: 2, init: 2, rangeMax: 2, modelThis: false },
    { name: "tau", rangeMin: 0.1, init: 1, rangeMax: 30, prior: "LogUniform", units: "Gyr" },
    { name: "agn_mass", rangeMin: 1e-7, init: 1, rangeMax: 15, prior: "LogUniform" },
    { name: "agn_eb_v", rangeMin: 0, init: 0.1, rangeMax: 0.5, units: "E(B-V)" },
    { name: "agn_torus_mass", rangeMin: 1e-7, init: 0.1, rangeMax: 15, prior: "LogUniform" },
    { name: "inclination", rangeMin: 0, init: 60, rangeMax: 90, units: "degrees" },
  ],
  spsOptions: { zcontinuous: 1 },
};
