/**
 * From a resolved configuration to a ForwardModel: free parameters become θ columns (in the
 * model's order), fixed ones fixed values; the template switches are checked (sfh 4 =
 * delayed-τ, imf_type 2 = Kroupa, dust_type 0 = power law or 2 = Calzetti, the only ones the
 * substitute implements); filters are loaded from the bundled library or `.par` paths.
 */
import { Effect } from "effect";
import { decodeForwardModelParams } from "../config/decode.js";
import type { ResolvedForwardModelParams } from "../config/forward-model-params.js";
import { AGNFINDER_MODEL } from "../config/forward-model-params.js";
import { ConfigError, type DataFileError } from "../errors.js";
import type { Filter } from "../filters/filter.js";
import { loadFilters } from "../filters/load-filters.js";
import { loadModelData, type ModelData } from "../model-data.js";
import type { AttenuationLaw } from "../stellar/attenuation.js";
import { type ForwardModel, makeForwardModel } from "./forward-model.js";
import { PHYSICAL_PARAMS, type PhysicalParam } from "./physical-params.js";

export interface BuildOptions {
  /** Tables to use (default: loaded from `@sidereal/photometry-data`). */
  readonly data?: ModelData;
  /** Filters to use instead of the configuration's. */
  readonly filters?: readonly Filter[];
  /** Leave the starlight out (agnfinder's AGN terms only; the §3.6 validation). */
  readonly agnOnly?: boolean;
  /** Energy-balance dust emission (default true, as agnfinder's `add_dust_emission`). */
  readonly dustEmission?: boolean;
}

const SUPPORTED: Record<string, readonly number[]> = { sfh: [4], imf_type: [2], dust_type: [0, 2] };
const isPhysical = (name: string): name is PhysicalParam =>
  (PHYSICAL_PARAMS as readonly string[]).includes(name);

/** The ForwardModel a resolved configuration describes. */
export function buildForwardModel(
  config: ResolvedForwardModelParams,
  options: BuildOptions = {},
): Effect.Effect<ForwardModel, ConfigError | DataFileError> {
  return Effect.gen(function* () {
    const fixed: Partial<Record<PhysicalParam, number>> = {};
    const thetaColumns: PhysicalParam[] = [];
    let attenuation: AttenuationLaw = "powerlaw";
    for (const p of config.allParams) {
      const allowed = SUPPORTED[p.name];
      if (allowed) {
        if (p.free || !allowed.includes(p.init))
          return yield* new ConfigError({
            field: `modelParams.${p.name}`,
            reason: `only ${p.name} = ${allowed.join(" or ")} (fixed) is implemented, got ${p.free ? "a free parameter" : p.init}`,
          });
        if (p.name === "dust_type") attenuation = p.init === 2 ? "calzetti" : "powerlaw";
        continue;
      }
      if (!isPhysical(p.name))
        return yield* new ConfigError({
          field: `modelParams.${p.name}`,
          reason: `the forward model has no parameter "${p.name}" (known: ${PHYSICAL_PARAMS.join(", ")})`,
        });
      if (p.free) thetaColumns.push(p.name);
      else fixed[p.name] = p.init;
    }
    const data = options.data ?? (yield* loadModelData());
    const filters = options.filters ?? (yield* loadFilters(config.filters));
    return makeForwardModel(data, {
      thetaColumns,
      fixed,
      filters,
      agn: config.modelAgn,
      stellar: options.agnOnly
        ? false
        : { attenuation, dustEmission: options.dustEmission ?? true },
    });
  });
}

/** agnfinder's 9-parameter galaxy + AGN model on the given filters (default: Euclid). */
export const agnfinderForwardModel = (
  options: BuildOptions & { readonly filterNames?: readonly string[] } = {},
): Effect.Effect<ForwardModel, ConfigError | DataFileError> =>
  decodeForwardModelParams(
    options.filterNames ? { ...AGNFINDER_MODEL, filters: options.filterNames } : AGNFINDER_MODEL,
  ).pipe(Effect.flatMap((c) => buildForwardModel(c, options)));
